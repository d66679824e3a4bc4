"""generate_corpus: seeded, marked as generated, never mixed into an existing corpus, and a
command of the bench's settings only."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command, get_commands

from bench import corpus
from bench.management.commands.generate_corpus import Command as GenerateCorpus
from elections.models import Contest, RoundResult
from newsroom.articles.models import Article, Section, Status
from newsroom.people.models import Person
from tests import factories as make

NOW = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


def generate(**options) -> str:
    out = StringIO()
    arguments = {"articles": 30, "people": 12, "contests": 4, **options}
    call_command(GenerateCorpus(), stdout=out, **arguments)
    return out.getvalue()


def titles() -> list[str]:
    return list(Article.objects.order_by("slug").values_list("title", flat=True))


def test_only_the_bench_settings_have_the_command():
    from bench import settings as bench_settings

    assert "generate_corpus" not in get_commands()
    assert "bench" in bench_settings.INSTALLED_APPS


@pytest.mark.django_db
def test_same_seed_gives_the_same_titles():
    corpus.generate(corpus.Counts(25, 10, 3), seed=7, now=NOW)
    first = titles()
    corpus.delete_generated()
    corpus.generate(corpus.Counts(25, 10, 3), seed=7, now=NOW)
    assert titles() == first
    corpus.delete_generated()
    corpus.generate(corpus.Counts(25, 10, 3), seed=8, now=NOW)
    assert titles() != first


@pytest.mark.django_db
def test_creates_the_requested_counts():
    generate(articles=30, people=12, contests=4)
    assert Article.objects.count() == 30
    assert Person.objects.count() == 12
    assert Contest.objects.count() == 4
    # Every contest has a round with votes that add up to the expressed ballots.
    for contest in Contest.objects.prefetch_related("rounds__results"):
        (round_,) = contest.rounds.all()
        assert sum(result.votes for result in round_.results.all()) == round_.expressed
    assert RoundResult.objects.exists()


@pytest.mark.django_db
def test_rows_are_marked_as_generated():
    generate()
    assert all(title.startswith("[Corpus] ") for title in titles())
    assert not Article.objects.exclude(slug__startswith="corpus-").exists()
    assert not Person.objects.exclude(slug__startswith="corpus-").exists()
    assert all(
        name.startswith("Corpus généré") for name in Section.objects.values_list("name", flat=True)
    )


@pytest.mark.django_db
def test_articles_have_realistic_bodies_links_and_states():
    generate(articles=200, people=20, contests=5)
    article = Article.objects.filter(status=Status.PUBLISHED).first()
    words = len(article.body.replace("<p>", " ").replace("</p>", " ").split())
    assert 300 <= words <= 950
    assert article.reading_time >= 2
    assert Article.objects.filter(status=Status.DRAFT).exists()
    assert Article.objects.filter(persons__isnull=False).distinct().count() == 200
    assert Article.objects.filter(topics__isnull=False).distinct().count() == 200
    years = {
        d.year for d in Article.objects.exclude(published_at=None).dates("published_at", "year")
    }
    assert len(years) >= 4


@pytest.mark.django_db
def test_refuses_to_add_to_an_existing_corpus_without_replace():
    generate(articles=10)
    with pytest.raises(CommandError, match="--replace"):
        generate(articles=10)
    assert Article.objects.count() == 10


@pytest.mark.django_db
def test_replace_swaps_the_corpus_and_keeps_other_rows(section):
    kept = make.article(section, title="Un article de la rédaction", slug="un-article")
    person = make.person(name="Sonia Backès")
    generate(articles=10)
    output = generate(articles=15, replace=True)
    assert "previous corpus deleted" in output
    assert Article.objects.filter(slug__startswith="corpus-").count() == 15
    assert Article.objects.filter(pk=kept.pk).exists()
    assert Person.objects.filter(pk=person.pk).exists()
    assert Section.objects.filter(pk=section.pk).exists()


@pytest.mark.django_db
def test_demo_has_no_corpus_and_the_corpus_leaves_the_demo_untouched():
    call_command("seed_demo", stdout=StringIO())
    assert not corpus.generated_exists()
    demo = set(Article.objects.values_list("pk", "title", "modified_at"))
    generate(articles=200, people=20, contests=5)
    assert (
        set(
            Article.objects.exclude(slug__startswith="corpus-").values_list(
                "pk", "title", "modified_at"
            )
        )
        == demo
    )
    # A few generated articles cover the demo's people, so their pages have work at scale.
    demo_persons = Person.objects.exclude(slug__startswith="corpus-")
    assert Article.objects.filter(slug__startswith="corpus-", persons__in=demo_persons).exists()
