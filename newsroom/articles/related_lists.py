"""Related articles kept up to date at each write, instead of scored at each view.

The related block's rule (`newsroom.articles.related`) scores every article sharing a
topic, contest or person with the page's article. Scored on each view, that costs what
the links' fan-out costs: at 20,000 generated articles a typical article shares a link
with thousands of others. Here each article keeps its best candidates
(`RelatedCandidate`), rewritten by every write that changes a score, and its page reads
a few rows.

Candidates are published articles with a publication time, scheduled ones included: the
page's read applies the visibility rule, so a scheduled article appears at its time
without a write. Their order is the block's: score, then publication time, then id, all
descending, a total order whose tuple is called a key below.

What a list guarantees, with its floor kept in `RelatedList`:
- every kept row carries its candidate's current score;
- every kept row ranks above the floor, every candidate not kept at or below it; no floor
  means every candidate is kept.
So the best visible rows kept are the block as long as `limit` of them remain; when
fewer do and the list has a floor, the article is scored live (`related.related_articles`),
as is an article that has no list yet.

A score is the same from either side (shared links, same section). When article X changes
(its links, section, status or publication time), `refresh` in one transaction:
1. removes X from every list;
2. puts X back, with its new score, in each list whose floor it beats;
3. trims each list grown past MAX_KEPT back to KEEP rows, its floor raised to the best
   row dropped;
4. rebuilds X's own list.
A deleted topic, contest or person changes every pair of its articles: each is refreshed.
"""

from collections.abc import Iterable

from django.db import connections, router, transaction

from newsroom import sql_rows
from newsroom.articles.models import Article, RelatedCandidate, RelatedList, Status
from newsroom.articles.related import scored_articles

KEEP = 12  # rows a list keeps after a rebuild or a trim (the block shows 4)
MAX_KEPT = 24  # a list is trimmed back to KEEP when it grows past this
# Writes of lists are serialised on PostgreSQL (a transaction-level advisory lock), so
# two articles refreshed at once never trim the same list from two snapshots.
LOCK_KEY = 0x52454C41  # "RELA"


def _scores(db: str, pk: int, section_id: int, *, candidates_only: bool) -> tuple[str, list]:
    """SQL of (id, published_at, score) for each article sharing a link with `pk`:
    only candidates (published, dated) when `candidates_only`, else every article."""
    sql, params = scored_articles(pk, section_id, db)
    sql += " WHERE a.id <> %s"
    params.append(pk)
    if candidates_only:
        sql += " AND a.status = %s AND a.published_at IS NOT NULL"
        params.append(Status.PUBLISHED.value)
    return sql, params


def _beats_floor() -> str:
    """SQL: the key (y.score, %s published_at, %s id) ranks above list l's floor."""
    return (
        "(l.floor_score IS NULL OR y.score > l.floor_score OR (y.score = l.floor_score "
        "AND (%s > l.floor_published_at OR (%s = l.floor_published_at AND %s > l.floor_id))))"
    )


def _tables(db: str) -> tuple[str, str, str]:
    return (
        sql_rows.table(db, RelatedCandidate),
        sql_rows.table(db, RelatedList),
        sql_rows.table(db, Article),
    )


def _enter_other_lists(cursor, db: str, pk: int, section_id: int, published_at) -> None:
    """Steps 2 and 3: `pk` into every list whose floor it beats, then trims."""
    kept, lists, _articles = _tables(db)
    scores, params = _scores(db, pk, section_id, candidates_only=False)
    cursor.execute(
        f"INSERT INTO {kept} (article_id, candidate_id, score) "  # noqa: S608
        f"SELECT y.id, %s, y.score FROM ({scores}) y "
        f"JOIN {lists} l ON l.article_id = y.id WHERE {_beats_floor()}",
        [pk, *params, published_at, published_at, pk],
    )
    cursor.execute(
        f"SELECT article_id FROM {kept} WHERE article_id IN "  # noqa: S608
        f"(SELECT article_id FROM {kept} WHERE candidate_id = %s) "
        f"GROUP BY article_id HAVING COUNT(*) > %s",
        [pk, MAX_KEPT],
    )
    for (owner,) in cursor.fetchall():
        _trim(cursor, db, owner)


def _trim(cursor, db: str, owner: int) -> None:
    kept, lists, articles = _tables(db)
    cursor.execute(
        f"SELECT r.id, r.score, a.published_at, a.id FROM {kept} r "  # noqa: S608
        f"JOIN {articles} a ON a.id = r.candidate_id WHERE r.article_id = %s "
        f"ORDER BY r.score DESC, a.published_at DESC, a.id DESC",
        [owner],
    )
    rows = cursor.fetchall()
    dropped = [row[0] for row in rows[KEEP:]]
    if not dropped:
        return
    _row_id, score, published_at, candidate = rows[KEEP]
    placeholders = ", ".join(["%s"] * len(dropped))
    cursor.execute(f"DELETE FROM {kept} WHERE id IN ({placeholders})", dropped)  # noqa: S608
    cursor.execute(
        f"UPDATE {lists} SET floor_score = %s, floor_published_at = %s, "  # noqa: S608
        f"floor_id = %s WHERE article_id = %s",
        [score, published_at, candidate, owner],
    )


def _rebuild_own(cursor, db: str, pk: int, section_id: int) -> None:
    """Step 4: the best KEEP candidates of `pk`, and the floor under them."""
    kept, lists, _articles = _tables(db)
    scores, params = _scores(db, pk, section_id, candidates_only=True)
    cursor.execute(
        f"SELECT y.id, y.published_at, y.score FROM ({scores}) y "  # noqa: S608
        f"ORDER BY y.score DESC, y.published_at DESC, y.id DESC LIMIT %s",
        [*params, KEEP + 1],
    )
    rows = cursor.fetchall()
    cursor.execute(f"DELETE FROM {kept} WHERE article_id = %s", [pk])  # noqa: S608
    cursor.execute(f"DELETE FROM {lists} WHERE article_id = %s", [pk])  # noqa: S608
    if rows[:KEEP]:
        cursor.executemany(
            f"INSERT INTO {kept} (article_id, candidate_id, score) VALUES (%s, %s, %s)",  # noqa: S608
            [(pk, candidate, score) for candidate, _published_at, score in rows[:KEEP]],
        )
    floor = (rows[KEEP][2], rows[KEEP][1], rows[KEEP][0]) if len(rows) > KEEP else (None,) * 3
    cursor.execute(
        f"INSERT INTO {lists} (article_id, floor_score, floor_published_at, floor_id) "  # noqa: S608
        f"VALUES (%s, %s, %s, %s)",
        [pk, *floor],
    )


def _lock(cursor, db: str) -> None:
    if connections[db].vendor == "postgresql":
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def refresh(article_ids: Iterable[int]) -> None:
    """Bring every list in step with the current state of the articles `article_ids`
    (steps 1 to 4 above, for each). Deleted articles are left out: their rows went
    with them."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    db = router.db_for_write(Article)
    connection = connections[db]
    kept, _lists, _articles = _tables(db)
    with transaction.atomic(using=db), connection.cursor() as cursor:
        _lock(cursor, db)
        states = Article.objects.using(db).filter(pk__in=ids)
        for pk, section_id, status, published_at in states.values_list(
            "pk", "section_id", "status", "published_at"
        ):
            cursor.execute(f"DELETE FROM {kept} WHERE candidate_id = %s", [pk])  # noqa: S608
            if status == Status.PUBLISHED and published_at is not None:
                adapted = connection.ops.adapt_datetimefield_value(published_at)
                _enter_other_lists(cursor, db, pk, section_id, adapted)
            _rebuild_own(cursor, db, pk, section_id)


def rebuild_all(batch: int = 500) -> int:
    """Every article's list built anew (after a bulk import, or to start keeping lists):
    each in its own short transaction, so readers are never blocked for long. Returns
    the number of articles."""
    db = router.db_for_write(Article)
    ids = list(Article.objects.using(db).order_by("pk").values_list("pk", "section_id"))
    for start in range(0, len(ids), batch):
        with transaction.atomic(using=db), connections[db].cursor() as cursor:
            _lock(cursor, db)
            for pk, section_id in ids[start : start + batch]:
                _rebuild_own(cursor, db, pk, section_id)
    # Fresh planner statistics: planned for the empty tables it saw before, PostgreSQL
    # read the page's list through a sequential scan of the articles (9.8 ms, not 0.07).
    with connections[db].cursor() as cursor:
        for table in _tables(db)[:2]:
            cursor.execute(f"ANALYZE {table}")
    return len(ids)


# --- Kept in step with every write ----------------------------------------------------
# Like the page cache's version, derived data: refreshed by the model signals so that no
# write path (admin, services, imports, restores, deletions) can leave a list behind.
# The rule itself lives above; the receivers only say which articles changed.

ORDER_FIELDS = {"status", "published_at", "section", "section_id"}
SCORED_LINKS = ("topics", "contests", "persons")


def _linked_articles(through, target: str, target_pk) -> list[int]:
    return list(
        through.objects.filter(**{f"{target}_id": target_pk}).values_list("article_id", flat=True)
    )


def article_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is None or ORDER_FIELDS & set(update_fields):
        refresh([instance.pk])


def links_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """An article's topics, contests or persons changed, from either side."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            refresh([instance.pk])
        return
    target = _target(sender)
    if action == "pre_clear":
        instance._related_cleared = _linked_articles(sender, target, instance.pk)
    elif action == "post_clear":
        refresh(getattr(instance, "_related_cleared", []))
    elif action in ("post_add", "post_remove"):
        refresh(pk_set or [])


def target_deleting(sender, instance, **kwargs) -> None:
    instance._related_articles = [
        pk
        for name in SCORED_LINKS
        if getattr(Article, name).field.related_model is sender
        for pk in _linked_articles(getattr(Article, name).through, _target_of(name), instance.pk)
    ]


def target_deleted(sender, instance, **kwargs) -> None:
    refresh(getattr(instance, "_related_articles", []))


def _target_of(name: str) -> str:
    return Article._meta.get_field(name).m2m_reverse_field_name()


def _target(through) -> str:
    name = next(name for name in SCORED_LINKS if getattr(Article, name).through is through)
    return _target_of(name)


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

    uid = "newsroom.articles.related_lists"
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    for name in SCORED_LINKS:
        field = getattr(Article, name)
        m2m_changed.connect(links_changed, sender=field.through, dispatch_uid=f"{uid}:{name}")
        target = field.field.related_model
        pre_delete.connect(target_deleting, sender=target, dispatch_uid=f"{uid}:{name}")
        post_delete.connect(target_deleted, sender=target, dispatch_uid=f"{uid}:{name}")
