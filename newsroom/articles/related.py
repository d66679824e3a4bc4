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

The work follows the links, not the corpus: the link tables are read through their
indexes from the article's own topics, contests and persons, the weights summed per
sharing article in one pass, each sharing article looked up once by its key to check it
is visible, and only the best `limit` fetched: two queries, and a third for the fallback,
whatever the size of the corpus (EXPLAIN at 20,000 articles: no sequential scan of the
articles table).

Story chain ("Ce que nous avons déjà publié" / "La suite")
----------------------------------------------------------
An article names the earlier article of the same story in `previous`. The chain is walked
in both directions up to `MAX_STORY_DEPTH` steps by a recursive query on `previous`
(primary key one way, the `previous` index the other), in one query; unpublished links
are skipped, not followed as breaks, and a loop in the links ends at the depth limit.
"""

from django.db import connections
from django.db.models import BooleanField, Case, Value, When
from django.db.models.expressions import RawSQL

from newsroom.articles.models import Article

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6
LINKS = [("topics", "topic"), ("contests", "contest"), ("persons", "person")]


def _shared_links(article: Article, quote) -> tuple[str, list]:
    """SQL of (article_id, weight) rows: one per link another article shares with `article`."""
    parts, params = [], []
    for link, target in LINKS:
        table = quote(getattr(Article, link).through._meta.db_table)
        column = quote(f"{target}_id")
        parts.append(
            # Identifiers from the models' metadata, quoted; every value is a parameter.
            f"SELECT theirs.article_id, {int(WEIGHTS[link])} AS weight "  # noqa: S608
            f"FROM {table} mine JOIN {table} theirs ON theirs.{column} = mine.{column} "
            f"WHERE mine.article_id = %s"
        )
        params.append(article.pk)
    return " UNION ALL ".join(parts), params


def _best(candidates, article: Article, limit: int) -> list[tuple[int, int]]:
    """(id, score) of the best `limit` candidates sharing a link with `article`.

    Each sharing article is looked up once, through its primary key, with the candidates'
    own conditions (published, not this article, not its further reading) compiled by the
    ORM against the articles table."""
    connection = connections[candidates.db]
    quote = connection.ops.quote_name
    links, link_params = _shared_links(article, quote)
    compiler = candidates.query.get_compiler(candidates.db)
    visible, visible_params = compiler.compile(candidates.query.where)
    articles = quote(Article._meta.db_table)
    sql = (
        f"SELECT {articles}.id, scored.shared + CASE WHEN {articles}.section_id = %s "  # noqa: S608
        f"THEN %s ELSE 0 END AS score FROM (SELECT article_id, SUM(weight) AS shared "
        f"FROM ({links}) links GROUP BY article_id) scored "
        f"JOIN {articles} ON {articles}.id = scored.article_id WHERE {visible} "
        f"ORDER BY score DESC, {articles}.published_at DESC, {articles}.id DESC LIMIT %s"
    )
    params = [article.section_id, WEIGHTS["section"], *link_params, *visible_params, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    picked = Article.further_reading.through.objects.filter(from_article_id=article.pk).values(
        "to_article_id"
    )
    candidates = Article.objects.published().exclude(pk=article.pk).exclude(pk__in=picked)
    shown = candidates.select_related("section").defer("body")
    best = _best(candidates, article, limit)
    found = shown.in_bulk([pk for pk, _score in best])  # no query when nothing shares a link
    related = []
    for pk, score in best:
        if pk in found:  # else unpublished between the two queries
            found[pk].score = score
            related.append(found[pk])
    if len(related) < limit:
        related += (
            shown.filter(section_id=article.section_id)
            .exclude(pk__in=[item.pk for item in related])
            .annotate(score=Value(WEIGHTS["section"]))
            .order_by("-published_at", "-pk")[: limit - len(related)]
        )
    return related


def _chain_sql(quote) -> str:
    """Recursive walk of `previous`: (id, earlier) for every article within reach."""
    articles, previous = quote(Article._meta.db_table), quote("previous_id")
    return (
        f"WITH RECURSIVE earlier(id, depth) AS ("  # noqa: S608 - quoted identifiers only
        f"SELECT {previous}, 1 FROM {articles} WHERE id = %s AND {previous} IS NOT NULL "
        f"UNION ALL SELECT a.{previous}, earlier.depth + 1 FROM {articles} a "
        f"JOIN earlier ON a.id = earlier.id "
        f"WHERE a.{previous} IS NOT NULL AND earlier.depth < %s"
        f"), later(id, depth) AS ("
        f"SELECT id, 1 FROM {articles} WHERE {previous} = %s "
        f"UNION ALL SELECT a.id, later.depth + 1 FROM {articles} a "
        f"JOIN later ON a.{previous} = later.id WHERE later.depth < %s"
        f")"
    )


def story_chain(article: Article) -> tuple[list[Article], list[Article]]:
    """The public articles before and after `article` in its story, oldest first."""
    published = Article.objects.published()
    walk = _chain_sql(connections[published.db].ops.quote_name)
    params = [article.pk, MAX_STORY_DEPTH, article.pk, MAX_STORY_DEPTH]
    reach, before = "SELECT id FROM earlier UNION SELECT id FROM later", "SELECT id FROM earlier"
    within_reach = RawSQL(f"{walk} {reach}", params)  # noqa: S611 - values as parameters
    before_it = RawSQL(f"{walk} {before}", params)  # noqa: S611 - values as parameters
    chain = (
        published.filter(pk__in=within_reach)
        .exclude(pk=article.pk)
        .annotate(
            is_earlier=Case(
                When(pk__in=before_it, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("published_at", "pk")
    )
    before, after = [], []
    for item in chain:
        (before if item.is_earlier else after).append(item)
    return before, after
