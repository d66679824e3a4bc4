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

The page reads the block from the candidates kept for its article at each write
(`newsroom.articles.related_lists`): one query over at most a few dozen rows, with the
visibility rule applied as it is read. An article whose list cannot tell (none built yet,
or too few of its kept candidates still visible) is scored live by the same rule: the
link tables are read through their indexes from the article's own topics, contests and
persons, the weights summed per sharing article in one pass, each sharing article looked
up once by its key to check it is visible, and only the best `limit` fetched with their
sections (EXPLAIN at 20,000 articles: index-only scans, no sequential scan). A second
query fills the block from the section when fewer than `limit` articles share a link.
Both the related block and the story chain are shown on pages rendered on every cache
miss: their SQL is plain text over columns built once per process (`newsroom.sql_rows`),
the same statement on every view (prepared on PostgreSQL), with the visibility rule in
its SQL form (`Article.objects.published_sql`).

Story chain ("Ce que nous avons déjà publié" / "La suite")
----------------------------------------------------------
An article names the earlier article of the same story in `previous`. The chain is walked
in both directions up to `MAX_STORY_DEPTH` steps by a recursive query on `previous`
(primary key one way, the `previous` index the other), in one query that also returns the
articles' columns; unpublished links are skipped, not followed as breaks, and a loop in
the links ends at the depth limit.
"""

from django.db import connections, router
from django.db.models import Value

from newsroom import sql_rows
from newsroom.articles import freshness
from newsroom.articles.models import Article, RelatedCandidate, RelatedList, Section
from newsroom.caching.dependencies import is_recording, record

WEIGHTS = {"topics": 3, "contests": 3, "persons": 2, "section": 1}
RELATED_LIMIT = 4
MAX_STORY_DEPTH = 6
LINKS = [("topics", "topic"), ("contests", "contest"), ("persons", "person")]


def shared_links(pk: int, db: str) -> tuple[str, list]:
    """SQL of (article_id, weight) rows: one per link another article shares with the
    article `pk`."""
    parts, params = [], []
    for link, target in LINKS:
        table = sql_rows.table(db, getattr(Article, link).through)
        column = connections[db].ops.quote_name(f"{target}_id")
        parts.append(
            # Identifiers from the models' metadata, quoted; every value is a parameter.
            f"SELECT theirs.article_id, {int(WEIGHTS[link])} AS weight "  # noqa: S608
            f"FROM {table} mine JOIN {table} theirs ON theirs.{column} = mine.{column} "
            f"WHERE mine.article_id = %s"
        )
        params.append(pk)
    return " UNION ALL ".join(parts), params


def scored_articles(pk: int, section_id: int, db: str) -> tuple[str, list]:
    """SQL of (id, published_at, score) for each article `a` sharing a link with the
    article `pk` (of section `section_id`), scored by the rule above; the caller adds its
    WHERE conditions on `a`."""
    links, params = shared_links(pk, db)
    sql = (
        "SELECT a.id, a.published_at, "  # noqa: S608 - quoted identifiers only
        "scored.shared + CASE WHEN a.section_id = %s THEN %s ELSE 0 END AS score "
        f"FROM (SELECT article_id, SUM(weight) AS shared FROM ({links}) links "
        f"GROUP BY article_id) scored JOIN {sql_rows.table(db, Article)} a "
        "ON a.id = scored.article_id"
    )
    return sql, [section_id, WEIGHTS["section"], *params]


def _best(article: Article, limit: int) -> list[Article]:
    """The best `limit` public articles sharing a link with `article`, each with `score`.

    Each sharing article is looked up once, through its primary key, under the
    visibility rule (`published_sql`), not this article, not its further reading; its
    columns and its section's come back in the same query."""
    db = Article.objects.db
    shown, section = (
        sql_rows.columns(db, Article, "a", skip=("body",)),
        sql_rows.columns(db, Section, "s"),
    )
    scored, scored_params = scored_articles(article.pk, article.section_id, db)
    visible, visible_params = Article.objects.published_sql("a")
    picked = sql_rows.table(db, Article.further_reading.through)
    # The best ids first, on the few columns the rule and the order need; the shown
    # columns of those few only.
    sql = (
        f"SELECT {shown.sql}, {section.sql}, best.score FROM ("  # noqa: S608
        f"{scored} WHERE {visible} AND a.id <> %s "
        f"AND a.id NOT IN (SELECT to_article_id FROM {picked} WHERE from_article_id = %s) "
        f"ORDER BY score DESC, a.published_at DESC, a.id DESC LIMIT %s"
        f") best JOIN {sql_rows.table(db, Article)} a ON a.id = best.id "
        f"JOIN {sql_rows.table(db, Section)} s ON s.id = a.section_id "
        f"ORDER BY best.score DESC, a.published_at DESC, a.id DESC"
    )
    params = [*scored_params, *visible_params, article.pk, article.pk, limit]
    score = sql_rows.Plain()
    best = []
    for item, item_section, item_score in sql_rows.fetch(db, sql, params, (shown, section, score)):
        sql_rows.relate(item, section=item_section)
        item.score = item_score
        best.append(item)
    return best


def _kept(article: Article, limit: int) -> list[Article] | None:
    """The block from the candidates kept for `article` (`related_lists`): the best
    `limit` visible ones, not this article's further reading, in one query that also
    reads the list's state. None when the list cannot tell: there is none yet, or it has
    a floor and fewer than `limit` candidates remain visible."""
    db = Article.objects.db
    shown, section = (
        sql_rows.columns(db, Article, "a", skip=("body",)),
        sql_rows.columns(db, Section, "s"),
    )
    visible, visible_params = Article.objects.published_sql("a")
    kept, lists = sql_rows.table(db, RelatedCandidate), sql_rows.table(db, RelatedList)
    picked = sql_rows.table(db, Article.further_reading.through)
    # The list's row always comes back (no row: no list); its candidates, when any is
    # visible, through the LEFT JOIN.
    sql = (
        f"SELECT l.floor_score IS NULL, {shown.sql}, {section.sql}, r.score "  # noqa: S608
        f"FROM {lists} l LEFT JOIN ({kept} r "
        f"JOIN {sql_rows.table(db, Article)} a ON a.id = r.candidate_id "
        f"JOIN {sql_rows.table(db, Section)} s ON s.id = a.section_id) "
        f"ON r.article_id = l.article_id AND {visible} "
        f"AND a.id NOT IN (SELECT to_article_id FROM {picked} WHERE from_article_id = %s) "
        f"WHERE l.article_id = %s "
        f"ORDER BY r.score DESC, a.published_at DESC, a.id DESC LIMIT %s"
    )
    params = [*visible_params, article.pk, article.pk, limit]
    rows = sql_rows.fetch(db, sql, params, (sql_rows.Plain(), shown, section, sql_rows.Plain()))
    if not rows:
        return None
    best = []
    for _complete, item, item_section, item_score in rows:
        if item is not None:
            sql_rows.relate(item, section=item_section)
            item.score = item_score
            best.append(item)
    complete = bool(rows[0][0])
    return best if len(best) == limit or complete else None


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    if is_recording():  # a reader's page (its links already read with the article)
        # Any article entering or leaving these listings may enter or leave the block.
        record(*freshness.link_listings(article))
    related = _kept(article, limit)
    if related is None:
        related = _best(article, limit)
    if len(related) < limit:
        picked = Article.further_reading.through.objects.filter(from_article_id=article.pk).values(
            "to_article_id"
        )
        related += (
            Article.objects.published()
            .filter(section_id=article.section_id)
            .exclude(pk=article.pk)
            .exclude(pk__in=picked)
            .exclude(pk__in=[item.pk for item in related])
            .select_related("section")
            .defer("body")
            .annotate(score=Value(WEIGHTS["section"]))
            .order_by("-published_at", "-pk")[: limit - len(related)]
        )
    return related


def _chain_sql(db: str) -> str:
    """Recursive walk of `previous`: (id, earlier) for every article within reach."""
    articles = sql_rows.table(db, Article)
    previous = connections[db].ops.quote_name("previous_id")
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


def story_reach(article: Article) -> set[int]:
    """Every article within the story's reach of `article`, before or after it, whatever
    its status: the same walk as the page's story, on the primary (it follows a write)."""
    db = router.db_for_write(Article)
    walk, _visible = story_params(article)
    with connections[db].cursor() as cursor:
        reach = " SELECT id FROM earlier UNION SELECT id FROM later"
        cursor.execute(_chain_sql(db) + reach, walk)  # noqa: S608 - quoted identifiers only
        return {pk for (pk,) in cursor.fetchall()} - {article.pk}


def story_parts(db: str, earlier: int, later: int) -> tuple[str, str, str]:
    """The story chain as parts of a query: the recursive walk (WITH), an expression
    telling a row's kind (`earlier` or `later`), and the FROM/WHERE of the story's public
    articles (table alias `a`). Parameters: `story_params`."""
    visible, _params = Article.objects.db_manager(db).published_sql("a")
    kind = (
        f"CASE WHEN a.id IN (SELECT id FROM earlier) "  # noqa: S608 - two integers
        f"THEN {int(earlier)} ELSE {int(later)} END"
    )
    source = (
        f"FROM {sql_rows.table(db, Article)} a "  # noqa: S608 - quoted identifiers only
        f"WHERE a.id IN (SELECT id FROM earlier UNION SELECT id FROM later) "
        f"AND a.id <> %s AND {visible}"
    )
    return _chain_sql(db), kind, source


def story_params(article: Article) -> tuple[list, list]:
    """The walk's parameters, then the FROM/WHERE's."""
    _sql, visible_params = Article.objects.published_sql("a")
    depth = MAX_STORY_DEPTH
    return [article.pk, depth, article.pk, depth], [article.pk, *visible_params]
