"""Articles shown around an article: "Dans la même thématique" and the story chain.

Related articles ("Dans la même thématique")
--------------------------------------------
Each public article (`Article.objects.published()`) other than the article itself and
its editor-picked further reading is scored against it:

    3 × shared topics + 3 × shared contests + 2 × shared linked persons + 1 if same section

A shared topic (same dossier) or contest (same race) says "same story" more surely than
a shared person, who may appear in unrelated news; the section only separates otherwise
equal candidates. Ties go to the newest. When fewer than `limit` articles share a link,
the latest of the section fill the block.

The database computes the score (one correlated count per kind of link), only for the
articles that share a link, found through the link tables' indexes: one query, and a
second for the fallback, whatever the size of the corpus.

Story chain ("Ce que nous avons déjà publié" / "La suite")
----------------------------------------------------------
An article names the earlier article of the same story in `previous`. The chain is read
in both directions up to `MAX_STORY_DEPTH` steps, in one query; unpublished links are
skipped, not followed as breaks.
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from newsroom.articles.models import Article

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6


def _shared(article: Article, link: str, target: str) -> tuple[Q, Coalesce]:
    """For one kind of link (topics, persons, contests): which articles share one with
    `article`, and how many each shares."""
    through = getattr(Article, link).through
    mine = through.objects.filter(article_id=article.pk).values(f"{target}_id")
    sharing = through.objects.filter(**{f"{target}_id__in": mine})
    count = (
        sharing.filter(article_id=OuterRef("pk"))
        .order_by()
        .values("article_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Q(pk__in=sharing.values("article_id")),
        Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
    )


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    picked = Article.further_reading.through.objects.filter(from_article_id=article.pk).values(
        "to_article_id"
    )
    candidates = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .exclude(pk__in=picked)
        .select_related("section")
        .defer("body")
    )
    same_section = Case(
        When(section_id=article.section_id, then=Value(WEIGHTS["section"])),
        default=Value(0),
        output_field=IntegerField(),
    )
    linked, score = Q(), same_section
    for link, target in [("topics", "topic"), ("contests", "contest"), ("persons", "person")]:
        sharing, shared = _shared(article, link, target)
        linked, score = linked | sharing, score + WEIGHTS[link] * shared
    # Only articles sharing a link are scored: the work follows the links, not the corpus.
    related = list(
        candidates.filter(linked)
        .annotate(score=score)
        .order_by("-score", "-published_at", "-pk")[:limit]
    )
    if len(related) < limit:
        related += (
            candidates.filter(section_id=article.section_id)
            .exclude(pk__in=[item.pk for item in related])
            .annotate(score=Value(WEIGHTS["section"]))
            .order_by("-published_at", "-pk")[: limit - len(related)]
        )
    return related


def story_chain(article: Article) -> tuple[list[Article], list[Article]]:
    """The public articles before and after `article` in its story, oldest first."""
    # Ancestors: previous, previous of previous, ... as nested subqueries on the FK.
    earlier = Q(pk=article.previous_id)
    step = Article.objects.filter(pk=article.previous_id).values("previous_id")
    later = Q(previous=article)
    path = "previous"
    for _ in range(MAX_STORY_DEPTH - 1):
        earlier |= Q(pk__in=step)
        step = Article.objects.filter(pk__in=step).values("previous_id")
        path += "__previous"
        later |= Q(**{path: article})
    chain = (
        Article.objects.published()
        .filter(earlier | later)
        .exclude(pk=article.pk)
        .annotate(
            is_earlier=Case(
                When(earlier, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )
        .order_by("published_at", "pk")
    )
    before, after = [], []
    for item in chain:
        (before if item.is_earlier else after).append(item)
    return before, after
