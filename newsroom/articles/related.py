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

The block is computed when it is rendered (`related_articles`), in one query: the best
candidates ranked by the score summed in one pass over the link rows they share
(`_best_ids`: the link tables read through their indexes, the visibility rule and the
exclusions as the ORM writes them), then read through the ORM with their section and
their score; a second query fills the block from the section only when fewer
than `limit` share a link. Scoring every sharing article through ORM subqueries instead
took 90–230 ms at 20,000 articles (thousands share a dossier), the one-pass sum 22–35 ms
on the same loaded host. The block is a shared block of the page
(`{% public_fragment "related" %}`), kept in the cache under the freshness keys it
records (the listings of the article's section, topics, contests and persons: an article
entering or leaving one may enter or leave the block) and never past the next scheduled
publication, so it is computed again only when what it shows may have changed.

Story chain ("Ce que nous avons déjà publié" / "La suite")
----------------------------------------------------------
An article names the earlier article of the same story in `previous`. The chain is walked
in both directions up to `MAX_STORY_DEPTH` steps by recursive subqueries on `previous`
(`story_walks`: primary key one way, the `previous` index the other) inside the query that
reads the story's public articles with the further reading (`neighbours`), written once
and also used by what a write refreshes (`story_reach`); unpublished
links are skipped, not followed as breaks, and a loop in the links ends at the depth
limit.
"""

from django.db import connection, router
from django.db.models import BooleanField, Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from newsroom.articles import freshness
from newsroom.articles.models import Article
from newsroom.caching.dependencies import is_recording, listing, record

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6
LINKS = {"topics": "topic_id", "contests": "contest_id", "persons": "person_id"}


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """The block's articles, best first, each with its `score`: one query, a second one
    when the section's latest fill the block."""
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
    shared, shared_params = _shared_links(article)
    quote = connection.ops.quote_name
    articles = quote(Article._meta.db_table)
    # The rule's score of a row of the outer query (only the few kept are scored there).
    score = RawSQL(  # noqa: S611 - quoted identifiers, every value a parameter
        f"SELECT SUM(s.weight) FROM ({shared}) s "  # noqa: S608
        f"WHERE s.article_id = {articles}.{quote('id')}",
        shared_params,
        output_field=IntegerField(),
    ) + Case(When(section_id=article.section_id, then=WEIGHTS["section"]), default=0)
    newest = ("-published_at", "-pk")
    ranked = _best_ids(article, candidates, limit, shared, shared_params)
    best = candidates.filter(pk__in=ranked)
    related = list(best.annotate(score=score).order_by("-score", *newest))
    if len(related) < limit:
        related += (
            candidates.filter(section_id=article.section_id)
            .exclude(pk__in=[item.pk for item in related])
            .annotate(score=Value(WEIGHTS["section"]))
            .order_by(*newest)[: limit - len(related)]
        )
    return related


def _shared_links(article: Article) -> tuple[str, list]:
    """SQL of (article_id, weight) rows: one per link another article shares with
    `article`, read through the link tables' indexes."""
    quote = connection.ops.quote_name
    parts, params = [], []
    for link, column in LINKS.items():
        table, column = quote(getattr(Article, link).through._meta.db_table), quote(column)
        parts.append(
            f"SELECT theirs.article_id, {int(WEIGHTS[link])} AS weight "  # noqa: S608
            f"FROM {table} mine JOIN {table} theirs ON theirs.{column} = mine.{column} "
            f"WHERE mine.article_id = %s"
        )
        params.append(article.pk)
    return " UNION ALL ".join(parts), params


def _best_ids(article: Article, candidates, limit: int, shared: str, params: list) -> RawSQL:
    """The ids of the best `limit` of `candidates` sharing a link with `article`, ranked by
    the score summed in one pass over the link rows they share. Thousands of articles may
    share a dossier: scored one by one through subqueries, they cost a lookup per kind of
    link each, several times the time of this sum (see the module docstring). `shared`:
    the link rows of `_shared_links` and their parameters."""
    # The visibility rule and the exclusions as the ORM writes them (`candidates`).
    allowed, allowed_params = candidates.order_by().values("pk").query.sql_with_params()
    articles = connection.ops.quote_name(Article._meta.db_table)
    sql = (
        f"SELECT s.article_id FROM ({shared}) s "  # noqa: S608 - quoted identifiers only
        f"JOIN {articles} a ON a.id = s.article_id WHERE s.article_id IN ({allowed}) "
        f"GROUP BY s.article_id, a.section_id, a.published_at "
        f"ORDER BY SUM(s.weight) + CASE WHEN a.section_id = %s THEN %s ELSE 0 END DESC, "
        f"a.published_at DESC, s.article_id DESC LIMIT %s"
    )
    params = [*params, *allowed_params, article.section_id, WEIGHTS["section"], limit]
    return RawSQL(sql, params)  # noqa: S611 - quoted identifiers, every value a parameter


def story_walks(article: Article, select: str, *select_params) -> RawSQL:
    """The walks of `previous` from `article`, up to `MAX_STORY_DEPTH` steps each way
    whatever the articles' status: `earlier` (primary key) and `later` (the `previous`
    index), then `select` over them (with its parameters)."""
    quote = connection.ops.quote_name
    table = quote(Article._meta.db_table)
    previous = quote(Article._meta.get_field("previous").column)
    sql = (
        f"WITH RECURSIVE earlier(id, depth) AS ("  # noqa: S608 - quoted identifiers only
        f"SELECT {previous}, 1 FROM {table} WHERE id = %s AND {previous} IS NOT NULL "
        f"UNION ALL SELECT a.{previous}, earlier.depth + 1 FROM {table} a "
        f"JOIN earlier ON a.id = earlier.id "
        f"WHERE a.{previous} IS NOT NULL AND earlier.depth < %s"
        f"), later(id, depth) AS ("
        f"SELECT id, 1 FROM {table} WHERE {previous} = %s "
        f"UNION ALL SELECT a.id, later.depth + 1 FROM {table} a "
        f"JOIN later ON a.{previous} = later.id WHERE later.depth < %s"
        f") {select}"
    )
    params = [article.pk, MAX_STORY_DEPTH, article.pk, MAX_STORY_DEPTH, *select_params]
    return RawSQL(sql, params)  # noqa: S611 - quoted identifiers, every value a parameter


REACH = "SELECT id FROM earlier UNION SELECT id FROM later"


def story_reach(article: Article) -> set[int]:
    """Every article within the story's reach of `article`, whatever its status: the same
    walk as the page's story, on the primary (it follows a write)."""
    reach = Article.objects.using(router.db_for_write(Article))
    reach = reach.filter(pk__in=story_walks(article, REACH)).exclude(pk=article.pk)
    return set(reach.values_list("pk", flat=True))


def neighbours(article: Article) -> tuple[list[Article], list[Article], list[Article]]:
    """The story's public articles before `article` and after it (oldest first), then its
    further reading readers may see (newest first): one query, its rows looked up by key
    (one IN over a union: an OR of several IN would read every article)."""
    # Story neighbours and further-reading referrers touch this when they change.
    record(listing(article, article.pk))
    quote = connection.ops.quote_name
    picked = quote(Article.further_reading.through._meta.db_table)
    around = story_walks(
        article,
        f"{REACH} UNION SELECT to_article_id FROM {picked} WHERE from_article_id = %s",  # noqa: S608
        article.pk,
    )

    def among(ids) -> Case:
        return Case(When(pk__in=ids, then=True), default=False, output_field=BooleanField())

    found = list(
        Article.objects.published()
        .for_cards()
        .filter(pk__in=around)
        .exclude(pk=article.pk)
        .annotate(
            is_earlier=among(story_walks(article, "SELECT id FROM earlier")),
            is_later=among(story_walks(article, "SELECT id FROM later")),
            is_picked=among(
                Article.further_reading.through.objects.filter(from_article_id=article.pk).values(
                    "to_article_id"
                )
            ),
        )
        .order_by("published_at", "pk")
    )
    return (
        [item for item in found if item.is_earlier],
        [item for item in found if item.is_later and not item.is_earlier],
        [item for item in reversed(found) if item.is_picked],
    )
