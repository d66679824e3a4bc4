"""Paths of a reader mix over the whole corpus, for the endurance run (JSON on stdout).

    python -m bench.sample 400

Spreads over the corpus: every k-th public article, person pages, section and topic
pages, contest pages, searches; each URL appears once.
"""

import json
import sys
from urllib.parse import quote

from bench import setup_django

# Searches readers type: rare names, phrases, and words found in nearly every article.
SEARCH_WORDS = ["Backès", "Xowie", "sénatoriales", "Nouvelle-Calédonie", "Sénat", "démission"]


def search_path(word: str) -> str:
    return "/recherche/?q=" + quote(word)


def main(count: int) -> list[str]:
    setup_django()
    from elections.models import Contest
    from newsroom.articles.models import Article, Section, Topic
    from newsroom.people.models import Person

    def spread(queryset, n: int) -> list:
        total = queryset.count()
        step = max(1, total // n) if n else total + 1
        return list(queryset[::step][:n]) if total else []

    articles = Article.objects.published().only("slug").order_by("pk")
    persons = Person.objects.only("slug").order_by("pk")
    contests = Contest.objects.select_related("election", "constituency").order_by("pk")
    paths = [a.get_absolute_url() for a in spread(articles, count // 2)]
    paths += [p.get_absolute_url() for p in spread(persons, count // 4)]
    paths += [c.get_absolute_url() for c in spread(contests, count // 8)]
    paths += [s.get_absolute_url() for s in Section.objects.all()]
    paths += [t.get_absolute_url() for t in Topic.objects.all()[:20]]
    paths += [search_path(word) for word in SEARCH_WORDS]
    paths += ["/", "/flux/", "/elections/senatoriales-2023/carte/"]
    return list(dict.fromkeys(paths))


def figures_path(contest) -> str:
    """The figures an article's results box loads; empty for a code no URL takes."""
    from django.urls import NoReverseMatch, reverse

    kwargs = {"slug": contest.election.slug, "code": contest.constituency.code}
    try:
        return reverse("elections:contest_box", kwargs=kwargs)
    except NoReverseMatch:
        return ""


LIVE_SLUG = "banc-d-essai-la-soiree-en-direct"


def open_live_blog() -> str:
    """The night's live blog, open, linked to the first contests with an article (the
    results desk posts to it): its path. Created before the mix is warmed."""
    import datetime

    setup_django()
    from django.utils import timezone

    from elections.models import Contest
    from newsroom.articles.models import Article, Section, Status

    blog, _ = Article.objects.update_or_create(
        slug=LIVE_SLUG,
        defaults={
            "title": "La soirée électorale en direct",
            "standfirst": "Les résultats et les réactions, au fil de la soirée.",
            "body": "<p>Le direct de la soirée électorale.</p>",
            "section": Section.objects.order_by("pk").first(),
            "status": Status.PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(hours=1),
            "live_blog": True,
            "live_ended_at": None,
        },
    )
    blog.contests.set(Contest.objects.filter(articles__isnull=False).distinct().order_by("pk")[:5])
    return blog.get_absolute_url()


def election_mix(persons: int = 200) -> list[str]:
    """`make bench-election`'s mix: every public article, every contest and the figures of
    those linked to an article, every section, `persons` person pages and the home page,
    each once."""
    setup_django()
    from elections.models import Contest
    from newsroom.articles.models import Article, Section
    from newsroom.people.models import Person

    articles = Article.objects.published().select_related("section").order_by("pk")
    contests = Contest.objects.select_related("election", "constituency").order_by("pk")
    people = Person.objects.only("slug").order_by("pk")
    paths = ["/"]
    paths += [article.get_absolute_url() for article in articles]
    paths += [contest.get_absolute_url() for contest in contests]
    # The figures an article's results box loads from its contest (`elections:contest_box`).
    paths += [figures_path(c) for c in contests.filter(articles__isnull=False).distinct()]
    paths += [section.get_absolute_url() for section in Section.objects.all()]
    paths += [person.get_absolute_url() for person in people[:persons]]
    return list(dict.fromkeys(path for path in paths if path))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--election"]:
        live_path = open_live_blog()
        print(json.dumps([*election_mix(), live_path]))
    else:
        print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)))
