"""Articles shown around an article: "Dans la même thématique" and the story chain.

Related articles ("Dans la même thématique")
--------------------------------------------
Each public article (`Article.objects.published()`) other than the article itself and
its editor-picked further reading is scored against it:

    3 × shared topics + 3 × shared contests + 2 × shared linked persons + 1 if same section

A shared topic (same dossier) or contest (same race) says "same story" more surely than
a shared person, who may appear in unrelated news; the section only separates otherwise
equal candidates. Articles scoring 0 are left out, so the section weight doubles as the
fallback: when fewer than `limit` articles share a link, the latest of the section fill
the block. Ties go to the newest.

The score is computed by the database (one correlated count per kind of link), so the
block costs one query whatever the size of the corpus.

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

from newsroom.articles.models import Article, ArticleQuerySet

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6


def _shared(article: Article, link: str, target: str) -> Coalesce:
    """How many `link` rows (topics, persons, contests) a candidate shares with `article`."""
    through = getattr(Article, link).through
    mine = through.objects.filter(article_id=article.pk).values(f"{target}_id")
    shared = (
        through.objects.filter(article_id=OuterRef("pk"), **{f"{target}_id__in": mine})
        .order_by()
        .values("article_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> ArticleQuerySet:
    picked = Article.further_reading.through.objects.filter(from_article_id=article.pk).values(
        "to_article_id"
    )
    same_section = Case(
        When(section_id=article.section_id, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    score = (
        WEIGHTS["topics"] * _shared(article, "topics", "topic")
        + WEIGHTS["contests"] * _shared(article, "contests", "contest")
        + WEIGHTS["persons"] * _shared(article, "persons", "person")
        + WEIGHTS["section"] * same_section
    )
    return (
        Article.objects.published()
        .exclude(pk=article.pk)
        .exclude(pk__in=picked)
        .annotate(score=score)
        .filter(score__gt=0)
        .select_related("section")
        .defer("body")
        .order_by("-score", "-published_at", "-pk")[:limit]
    )


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
