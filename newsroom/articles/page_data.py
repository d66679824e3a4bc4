"""The article page's links, read in plain SQL built once per process.

An article page that is not in the cache is rendered on every cache miss, and on election
night each write empties the cache. Its links read through the ORM's prefetches cost
three to four times the queries themselves (building, compiling and materialising eight
querysets on every view). Here each read's SQL, columns and value converters are built
once per process from the models' metadata; the rows become model instances put where
the ORM's prefetches would put them, so templates and JSON-LD read the same attributes:

- `article.topics.all()`, `article.authors.all()`, `article.notes.all()`;
- `article.persons.all()`, each person with `current_memberships` (organisation set);
- `article.contests.all()`, each with its election, constituency and
  `official_winners.all()` (person and party set);
- `article.public_further_reading`: the picked articles readers may see, with section;
- `article.story`: the story's public articles before and after it, oldest first
  (the walk of `related.story_parts`), read with the further reading.

One query, whatever the number of links: every kind of row in one UNION ALL, laid side
by side (see `_links_query`). Orders are the models' own (`Meta.ordering`, written out below)
with the primary key last, so equal keys keep a stable order.
"""

import functools

from django.db import connections, models
from django.db.models.query import QuerySet
from django.utils import timezone

from elections.models import Constituency, Contest, Election, OfficialWinner
from newsroom.articles.models import Article, ArticleNote, Section, Topic
from newsroom.articles.related import story_params, story_parts
from newsroom.people.models import Membership, Organisation, Person
from newsroom.sql_rows import Columns, Plain, columns, fetch, relate, table

# Kinds of rows in the links query, and the block of columns each fills.
TOPIC, NOTE, PERSON, AUTHOR, CONTEST, EARLIER, LATER, PICKED = range(8)
BLOCK_OF = {
    TOPIC: 0, NOTE: 1, PERSON: 2, AUTHOR: 2, CONTEST: 3, EARLIER: 4, LATER: 4, PICKED: 4,
}  # fmt: skip


def _positions(blocks: list[tuple[Columns, ...]]):
    """position(block, part, attname): the 1-based output column of a field in a row of
    (kind, *blocks), for ORDER BY (a UNION orders by its output columns)."""

    def position(block: int, part: int, attname: str) -> int:
        before = 1 + sum(p.width for b in blocks[:block] for p in b)
        before += sum(p.width for p in blocks[block][:part])
        return before + blocks[block][part].attnames.index(attname) + 1

    return position


def _through(db: str, field_name: str) -> str:
    return table(db, getattr(Article, field_name).through)


@functools.cache
def _links_query(db: str) -> tuple[str, tuple[Columns, ...]]:
    """The links' SQL and the models its rows hold, in order. Identifiers come from the
    models' metadata, quoted; every value is a parameter."""
    topic = columns(db, Topic, "t")
    author = columns(db, Person, "p")
    person, membership, organisation = (
        columns(db, Person, "p"),
        columns(db, Membership, "m"),
        columns(db, Organisation, "o"),
    )
    contest, election, constituency = (
        columns(db, Contest, "c"),
        columns(db, Election, "e"),
        columns(db, Constituency, "k"),
    )
    winner, winner_person, party = (
        columns(db, OfficialWinner, "w"),
        columns(db, Person, "wp"),
        columns(db, Organisation, "pa"),
    )
    note = columns(db, ArticleNote, "n")
    # Cards never show the body, the largest column by far.
    picked, section = columns(db, Article, "a", skip=("body",)), columns(db, Section, "s")
    t = functools.partial(table, db)
    links = functools.partial(_through, db)
    walk, story_kind, story_source = story_parts(db, EARLIER, LATER)
    connection = connections[db]
    time_type = Article._meta.get_field("published_at").cast_db_type(connection)
    id_type = Article._meta.pk.cast_db_type(connection)
    no_time, no_id = f"CAST(NULL AS {time_type})", f"CAST(NULL AS {id_type})"
    # The ORM's orders: Topic ["name"], Person ["sort_key", "name"], Membership
    # ["-start_date"] (NULLs where each backend puts them, as the ORM does), Contest
    # ["election" = -date, name; "constituency__code"], OfficialWinner ["position"],
    # ArticleNote ["noted_at"], Article ["-published_at"].
    # The links in one query, laid side by side: each kind of row fills its own block
    # of columns and leaves the others NULL (a UNION needs one shape), and each block
    # carries its own order keys, so ordering by kind then by every block's keys keeps
    # each kind in its model's order.
    blocks = [
        (topic,),
        (note,),
        (person, membership, organisation),
        (contest, election, constituency, winner, winner_person, party),
        (picked, section),
    ]
    people = (
        f"FROM {t(Person)} p JOIN {links('persons')} l ON l.person_id = p.id "
        f"LEFT JOIN {t(Membership)} m ON m.person_id = p.id "
        f"AND (m.end_date IS NULL OR m.end_date > %s) "
        f"LEFT JOIN {t(Organisation)} o ON o.id = m.organisation_id WHERE l.article_id = %s"
    )
    # Article cards sort on four extra columns: the story oldest first, further reading
    # newest first.
    no_sort = f"{no_time}, {no_id}, {no_time}, {no_id}"
    # (kind, its SQL, FROM/WHERE, its block's columns when not the block's own, sort).
    branches = [
        (TOPIC, TOPIC, f"FROM {t(Topic)} t JOIN {links('topics')} l "
         f"ON l.topic_id = t.id WHERE l.article_id = %s", None, no_sort),
        (NOTE, NOTE, f"FROM {t(ArticleNote)} n WHERE n.article_id = %s", None, no_sort),
        (PERSON, PERSON, people, None, no_sort),
        (AUTHOR, AUTHOR, f"FROM {t(Person)} p JOIN {links('authors')} l "
         f"ON l.person_id = p.id WHERE l.article_id = %s",
         f"{author.sql}, {membership.nulls}, {organisation.nulls}", no_sort),
        (CONTEST, CONTEST,
         f"FROM {t(Contest)} c JOIN {links('contests')} l ON l.contest_id = c.id "
         f"JOIN {t(Election)} e ON e.id = c.election_id "
         f"JOIN {t(Constituency)} k ON k.id = c.constituency_id "
         f"LEFT JOIN {t(OfficialWinner)} w ON w.contest_id = c.id "
         f"LEFT JOIN {t(Person)} wp ON wp.id = w.person_id "
         f"LEFT JOIN {t(Organisation)} pa ON pa.id = w.party_id "
         f"WHERE l.article_id = %s", None, no_sort),
        (EARLIER, story_kind, story_source, f"{picked.sql}, {section.nulls}",
         f"a.published_at, a.id, {no_time}, {no_id}"),
        (PICKED, PICKED, f"FROM {t(Article)} a "
         f"JOIN {links('further_reading')} l ON l.to_article_id = a.id "
         f"JOIN {t(Section)} s ON s.id = a.section_id WHERE l.from_article_id = %s",
         None, f"{no_time}, {no_id}, a.published_at, a.id"),
    ]  # fmt: skip
    position = _positions(blocks)
    sort = 2 + sum(part.width for block in blocks for part in block)
    order = [
        "1",
        *(position(0, 0, name) for name in ("name", "id")),
        *(position(1, 0, name) for name in ("noted_at", "id")),
        *(position(2, 0, name) for name in ("sort_key", "name", "id")),
        f"{position(2, 1, 'start_date')} DESC",
        position(2, 1, "id"),
        f"{position(3, 1, 'date')} DESC",
        position(3, 1, "name"),
        position(3, 2, "code"),
        position(3, 0, "id"),
        position(3, 3, "position"),
        position(3, 3, "id"),
        sort,
        sort + 1,
        f"{sort + 2} DESC",
        f"{sort + 3} DESC",
    ]
    selects = []
    for kind, kind_sql, source, block_sql, sort_sql in branches:
        block = BLOCK_OF[kind]
        cells = [
            block_sql or ", ".join(part.sql for part in blocks[index])
            if index == block
            else ", ".join(part.nulls for part in blocks[index])
            for index in range(len(blocks))
        ]
        selects.append(f"SELECT {kind_sql}, {', '.join(cells)}, {sort_sql} {source}")
    return (
        f"{walk} {' UNION ALL '.join(selects)} ORDER BY {', '.join(map(str, order))}",
        (Plain(), *(part for block in blocks for part in block)),
    )


@functools.cache
def _article_query(db: str, public: bool) -> tuple[str, tuple[Columns, ...]]:
    shown, section = columns(db, Article, "a"), columns(db, Section, "s")
    sql = (
        f"SELECT {shown.sql}, {section.sql} FROM {table(db, Article)} a "  # noqa: S608
        f"JOIN {table(db, Section)} s ON s.id = a.section_id WHERE a.slug = %s"
    )
    if public:
        visible, _params = Article.objects.db_manager(db).published_sql("a")
        sql += f" AND {visible}"
    return sql, (shown, section)


def article(slug: str, *, public: bool = True) -> Article | None:
    """The article at `slug` with its section, as `Article.objects.for_page()` (and
    `published()` when `public`) would give it; None when there is none."""
    db = Article.objects.db
    sql, parts = _article_query(db, public)
    params = [slug]
    if public:
        params += Article.objects.db_manager(db).published_sql("a")[1]
    rows = fetch(db, sql, params, parts)
    if not rows:
        return None
    found, section = rows[0]
    relate(found, section=section)
    return found


def _prefetched(instance: models.Model, name: str, model: type[models.Model], items: list):
    """Put `items` where `instance.<name>.all()` finds them, as a prefetch would."""
    queryset = QuerySet(model=model)
    queryset._result_cache = items
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def _grouped(rows: list[tuple]) -> list[tuple[models.Model, list[tuple]]]:
    """Rows of (parent, *children) grouped by parent, in the rows' order."""
    groups: dict[int, list[tuple]] = {}
    for row in rows:
        groups.setdefault(row[0].pk, []).append(row)
    return [(rows[0][0], rows) for rows in groups.values()]


def read_links(article: Article) -> Article:
    """Attach the page's links to `article` (fetched with `Article.objects.for_page()`)."""
    db = article._state.db or "default"
    today = connections[db].ops.adapt_datefield_value(timezone.localdate())
    pk = article.pk
    walk_params, source_params = story_params(article)
    params = [*walk_params, pk, pk, today, pk, pk, pk, *source_params, pk]
    kinds: dict[int, list[tuple]] = {kind: [] for kind in BLOCK_OF}
    sql, parts = _links_query(db)
    for row in fetch(db, sql, params, parts):
        kinds[row[0]].append(row)
    _prefetched(article, "topics", Topic, [row[1] for row in kinds[TOPIC]])
    _prefetched(article, "notes", ArticleNote, [row[2] for row in kinds[NOTE]])
    _prefetched(article, "authors", Person, [row[3] for row in kinds[AUTHOR]])

    persons = []
    for person, rows in _grouped([row[3:6] for row in kinds[PERSON]]):
        person.current_memberships = []
        for _person, membership, organisation in rows:
            if membership is not None:
                relate(membership, organisation=organisation, person=person)
                person.current_memberships.append(membership)
        persons.append(person)
    _prefetched(article, "persons", Person, persons)

    contests = []
    for contest, rows in _grouped([row[6:12] for row in kinds[CONTEST]]):
        _contest, election, constituency = rows[0][:3]
        relate(contest, election=election, constituency=constituency)
        winners = []
        for *_parents, winner, person, party in rows:
            if winner is not None:
                relate(winner, contest=contest, person=person, party=party)
                winners.append(winner)
        _prefetched(contest, "official_winners", OfficialWinner, winners)
        contests.append(contest)
    _prefetched(article, "contests", Contest, contests)

    picked = []
    for *_blocks, card, section in kinds[PICKED]:
        relate(card, section=section)
        if card.is_public:  # the rule of Article.objects.published(), in Python
            picked.append(card)
    article.public_further_reading = picked
    article.story = ([row[12] for row in kinds[EARLIER]], [row[12] for row in kinds[LATER]])
    return article
