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

The block is scored with the ORM when it is rendered (`related_articles`): the articles
sharing a link are found through the link tables' indexes, each scored by a subquery per
kind of link; a second query fills the block from the section only when fewer than
`limit` share a link. It is a shared block of the page (`{% public_fragment "related" %}`),
kept in the cache under the freshness keys it records (the listings of the article's
section, topics, contests and persons: an article entering or leaving one may enter or
leave the block) and never past the next scheduled publication, so it is scored again
only when what it shows may have changed.

Story chain ("Ce que nous avons déjà publié" / "La suite")
----------------------------------------------------------
An article names the earlier article of the same story in `previous`. The chain is walked
in both directions up to `MAX_STORY_DEPTH` steps by recursive subqueries on `previous`
(`story_walks`: primary key one way, the `previous` index the other) inside the query that
reads the story's public articles with the further reading (`neighbours`); unpublished
links are skipped, not followed as breaks, and a loop in the links ends at the depth
limit.
"""

from django.db import connection, router
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
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from newsroom.articles import freshness
from newsroom.articles.models import Article
from newsroom.caching.dependencies import is_recording, record

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6
LINKS = {"topics": "topic_id", "contests": "contest_id", "persons": "person_id"}


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """The block's articles, best first, each with its `score`: at most two queries."""
    if is_recording():  # a reader's page
        # Any article entering or leaving these listings may enter or leave the block.
        record(*freshness.link_listings(article))
    picked = Article.further_reading.through.objects.filter(from_article_id=article.pk)
    candidates = (
        Article.objects.published()
        .for_cards()
        .exclude(pk=article.pk)
        .exclude(pk__in=picked.values("to_article_id"))
    )
    sharing = Q()
    score = Case(
        When(section_id=article.section_id, then=WEIGHTS["section"]),
        default=0,
        output_field=IntegerField(),
    )
    for link, column in LINKS.items():
        through = getattr(Article, link).through
        mine = through.objects.filter(article_id=article.pk).values(column)
        theirs = through.objects.filter(**{f"{column}__in": mine})
        sharing |= Q(pk__in=theirs.values("article_id"))
        shared = theirs.filter(article_id=OuterRef("pk")).values("article_id")
        shared = shared.annotate(count=Count("pk")).values("count")
        score += WEIGHTS[link] * Coalesce(Subquery(shared), 0)
    newest = ("-published_at", "-pk")
    related = list(
        candidates.filter(sharing).annotate(score=score).order_by("-score", *newest)[:limit]
    )
    if len(related) < limit:
        related += (
            candidates.filter(section_id=article.section_id)
            .exclude(pk__in=[item.pk for item in related])
            .annotate(score=Value(WEIGHTS["section"]))
            .order_by(*newest)[: limit - len(related)]
        )
    return related


def _walk(match: str, found: str) -> str:
    """SQL of the ids met walking `previous` one way from the article given as parameter
    (then the depth limit): `found` of each article whose `match` is the last id met."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    match, found = quote(match), quote(found)
    return (
        f"WITH RECURSIVE walk(id, depth) AS ("  # noqa: S608 - quoted identifiers only
        f"SELECT {found}, 1 FROM {table} WHERE {match} = %s AND {found} IS NOT NULL "
        f"UNION ALL SELECT a.{found}, walk.depth + 1 FROM {table} a "
        f"JOIN walk ON a.{match} = walk.id WHERE a.{found} IS NOT NULL AND walk.depth < %s"
        f") SELECT id FROM walk"
    )


def story_walks(article: Article) -> tuple[RawSQL, RawSQL]:
    """The ids of the articles before `article` in its story and after it, whatever their
    status, up to `MAX_STORY_DEPTH` steps each way: two subqueries."""
    params = (article.pk, MAX_STORY_DEPTH)
    previous = Article._meta.get_field("previous").column
    earlier = RawSQL(_walk("id", previous), params)  # noqa: S611 - quoted identifiers only
    return earlier, RawSQL(_walk(previous, "id"), params)  # noqa: S611


def story_reach(article: Article) -> set[int]:
    """Every article within the story's reach of `article`, whatever its status: the same
    walk as the page's story, on the primary (it follows a write)."""
    earlier, later = story_walks(article)
    reach = Article.objects.using(router.db_for_write(Article))
    reach = reach.filter(Q(pk__in=earlier) | Q(pk__in=later)).exclude(pk=article.pk)
    return set(reach.values_list("pk", flat=True))


def neighbours(article: Article) -> tuple[list[Article], list[Article], list[Article]]:
    """The story's public articles before `article` and after it (oldest first), then its
    further reading readers may see (newest first): one query."""
    earlier, later = story_walks(article)
    picked = Article.further_reading.through.objects.filter(from_article_id=article.pk)
    picked = picked.values("to_article_id")

    def among(ids) -> Case:
        return Case(When(pk__in=ids, then=True), default=False, output_field=BooleanField())

    found = list(
        Article.objects.published()
        .for_cards()
        .filter(Q(pk__in=earlier) | Q(pk__in=later) | Q(pk__in=picked))
        .exclude(pk=article.pk)
        .annotate(is_earlier=among(earlier), is_later=among(later), is_picked=among(picked))
        .order_by("published_at", "pk")
    )
    return (
        [item for item in found if item.is_earlier],
        [item for item in found if item.is_later and not item.is_earlier],
        [item for item in reversed(found) if item.is_picked],
    )
