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
  (`related.story_chain`), read with the further reading.

Five queries, whatever the number of links (persons and authors come in one, the story
and the further reading in another). Orders are
the models' own (`Meta.ordering`, written out below) with the primary key last, so equal
keys keep a stable order.
"""

import functools

from django.db import connections, models
from django.db.models.query import QuerySet
from django.utils import timezone

from elections.models import Constituency, Contest, Election, OfficialWinner
from newsroom.articles.models import Article, ArticleNote, Section, Topic
from newsroom.articles.related import card_order, story_params, story_query
from newsroom.people.models import Membership, Organisation, Person
from newsroom.sql_rows import Columns, Plain, columns, fetch, table


def _through(db: str, field_name: str) -> str:
    return table(db, getattr(Article, field_name).through)


@functools.cache
def _queries(db: str) -> dict[str, tuple[str, tuple[Columns, ...]]]:
    """Each read: SQL and the models its rows hold, in order. Identifiers come from the
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
    walk, story, sort_start = story_query(db)
    # The ORM's orders: Topic ["name"], Person ["sort_key", "name"], Membership
    # ["-start_date"] (NULLs where each backend puts them, as the ORM does), Contest
    # ["election" = -date, name; "constituency__code"], OfficialWinner ["position"],
    # ArticleNote ["noted_at"], Article ["-published_at"].
    return {
        "topics": (
            f"SELECT {topic.sql} FROM {t(Topic)} t JOIN {links('topics')} l "  # noqa: S608
            f"ON l.topic_id = t.id WHERE l.article_id = %s ORDER BY t.name, t.id",
            (topic,),
        ),
        # Linked persons (part 0) with their current roles, and authors (part 1), in one
        # query: the same table, each part in the ORM's order.
        "people": (
            f"SELECT 0, {person.sql}, {membership.sql}, {organisation.sql} "  # noqa: S608
            f"FROM {t(Person)} p JOIN {links('persons')} l ON l.person_id = p.id "
            f"LEFT JOIN {t(Membership)} m ON m.person_id = p.id "
            f"AND (m.end_date IS NULL OR m.end_date > %s) "
            f"LEFT JOIN {t(Organisation)} o ON o.id = m.organisation_id "
            f"WHERE l.article_id = %s "
            f"UNION ALL SELECT 1, {author.sql}, {_nulls(membership.width + organisation.width)} "
            f"FROM {t(Person)} p JOIN {links('authors')} l "
            f"ON l.person_id = p.id WHERE l.article_id = %s "
            f"ORDER BY {_people_order(person, membership)}",
            (Plain(), person, membership, organisation),
        ),
        "contests": (
            f"SELECT {contest.sql}, {election.sql}, {constituency.sql}, "  # noqa: S608
            f"{winner.sql}, {winner_person.sql}, {party.sql} "
            f"FROM {t(Contest)} c JOIN {links('contests')} l ON l.contest_id = c.id "
            f"JOIN {t(Election)} e ON e.id = c.election_id "
            f"JOIN {t(Constituency)} k ON k.id = c.constituency_id "
            f"LEFT JOIN {t(OfficialWinner)} w ON w.contest_id = c.id "
            f"LEFT JOIN {t(Person)} wp ON wp.id = w.person_id "
            f"LEFT JOIN {t(Organisation)} pa ON pa.id = w.party_id "
            f"WHERE l.article_id = %s ORDER BY e.date DESC, e.name, k.code, c.id, w.position, w.id",
            (contest, election, constituency, winner, winner_person, party),
        ),
        "notes": (
            f"SELECT {note.sql} FROM {t(ArticleNote)} n "  # noqa: S608
            f"WHERE n.article_id = %s ORDER BY n.noted_at, n.id",
            (note,),
        ),
        # Article cards in one query: the story before and after the article (kinds 1
        # and 2, oldest first) and its further reading (kind 0, newest first).
        "cards": (
            f"{walk} {story} UNION ALL "  # noqa: S608
            f"SELECT 0, {picked.sql}, {section.sql}, NULL, NULL, a.published_at, a.id "
            f"FROM {t(Article)} a "
            f"JOIN {links('further_reading')} l ON l.to_article_id = a.id "
            f"JOIN {t(Section)} s ON s.id = a.section_id "
            f"WHERE l.from_article_id = %s {card_order(sort_start)}",
            (Plain(), picked, section),
        ),
    }


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
    found.section = section
    return found


def _nulls(count: int) -> str:
    return ", ".join(["NULL"] * count)


def _people_order(person: Columns, membership: Columns) -> str:
    """The people query's order by column position (a UNION orders by its output
    columns): part, then Person ["sort_key", "name"], then Membership ["-start_date"]
    (NULLs where each backend puts them, as the ORM does), primary keys last."""

    def position(offset: int, part: Columns, attname: str) -> int:
        return offset + part.attnames.index(attname) + 1

    after_person = 1 + person.width
    return ", ".join(
        [
            "1",
            *(str(position(1, person, name)) for name in ("sort_key", "name", "id")),
            f"{position(after_person, membership, 'start_date')} DESC",
            str(position(after_person, membership, "id")),
        ]
    )


def _rows(db: str, name: str, params: list) -> list[tuple[models.Model | None, ...]]:
    sql, parts = _queries(db)[name]
    return fetch(db, sql, params, parts)


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
    pk = [article.pk]
    _prefetched(article, "topics", Topic, [row[0] for row in _rows(db, "topics", pk)])
    _prefetched(article, "notes", ArticleNote, [row[0] for row in _rows(db, "notes", pk)])

    persons = []
    today = connections[db].ops.adapt_datefield_value(timezone.localdate())
    people = _rows(db, "people", [today, article.pk, article.pk])
    _prefetched(article, "authors", Person, [row[1] for row in people if row[0] == 1])
    for person, rows in _grouped([row[1:] for row in people if row[0] == 0]):
        person.current_memberships = []
        for _person, membership, organisation in rows:
            if membership is not None:
                membership.organisation = organisation
                membership.person = person
                person.current_memberships.append(membership)
        persons.append(person)
    _prefetched(article, "persons", Person, persons)

    contests = []
    for contest, rows in _grouped(_rows(db, "contests", pk)):
        _contest, contest.election, contest.constituency = rows[0][:3]
        winners = []
        for *_parents, winner, person, party in rows:
            if winner is not None:
                winner.contest, winner.person, winner.party = contest, person, party
                winners.append(winner)
        _prefetched(contest, "official_winners", OfficialWinner, winners)
        contests.append(contest)
    _prefetched(article, "contests", Contest, contests)

    walk_params, select_params = story_params(article)
    picked, earlier, later = [], [], []
    for kind, card, section in _rows(db, "cards", [*walk_params, *select_params, article.pk]):
        if kind == 0:
            card.section = section
            if card.is_public:  # the rule of Article.objects.published(), in Python
                picked.append(card)
        else:
            (earlier if kind == 1 else later).append(card)
    article.public_further_reading = picked
    article.story = (earlier, later)
    return article
