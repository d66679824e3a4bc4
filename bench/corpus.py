"""A generated corpus for benchmarks: many articles, persons and contests, never the demo.

Everything here is fiction written by a seeded random generator, so the same seed gives the
same rows. Every generated row is marked so that no one mistakes it for news and so that it
can be removed without touching anything else:

- slugs start with `corpus-` (articles, sections, topics, persons, organisations, elections);
- article titles start with "[Corpus]"; sections and topics are named "Corpus généré · …";
- constituency codes start with "CG".

Rows are written with `bulk_create` (one INSERT per batch), so `save()` does not run: the
derived fields it fills (reading time, person sort keys) are computed here with the same
rules, and bodies are built from plain paragraphs that need no sanitising.

Articles link to generated persons, topics and contests with a skewed (Zipf-like) choice, so
that some links are shared by many articles and the related-articles scoring has work to do;
a small share also link to the demo's persons and contests (Sonia Backès, New Caledonia), so
the demo pages carry a realistic amount of coverage at scale.
"""

import datetime
import itertools
import math
import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from elections.models import (
    Candidacy,
    Constituency,
    ConstituencyKind,
    Contest,
    ContestStatus,
    Election,
    ElectionKind,
    Round,
    RoundResult,
    VotingSystem,
)
from newsroom.articles.models import Article, Language, Section, Status, Topic
from newsroom.articles.rules import reading_time
from newsroom.people import rules as people_rules
from newsroom.people.models import Gender, Membership, Organisation, OrganisationKind, Person

PREFIX = "corpus-"
TITLE_MARK = "[Corpus]"
LABEL = "Corpus généré"
CODE_PREFIX = "CG"
BATCH = 1000
# Share of articles linked to the demo's own persons and contests.
DEMO_LINK_SHARE = 0.03
CONSTITUENCIES_PER_ELECTION = 100

SECTIONS = ["Politique", "Territoires", "International", "Société", "Économie"]
THEMES = [
    "Institutions",
    "Budget",
    "Outre-mer",
    "Collectivités",
    "Santé",
    "Énergie",
    "Éducation",
    "Justice",
    "Agriculture",
    "Transports",
]
GIVEN = {
    Gender.FEMALE: ["Anne", "Claire", "Lucie", "Marie", "Nadia", "Sophie", "Inès", "Léa", "Maëlle"],
    Gender.MALE: ["Paul", "Marc", "Louis", "Hugo", "Karim", "Yann", "Théo", "Jules", "Étienne"],
}
FAMILY = [
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Girard",
    "Roux",
    "Fournier",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "Faure",
    "André",
    "Rivière",
    "Wamytan",
    "Tjibaou",
    "Naisseline",
]
# Vocabulary of the generated prose (space-separated).
FRENCH_TEXT = (
    "le la les un une des du de et à en pour sur dans avec par au aux ce cette qui que "
    "gouvernement sénat assemblée conseil élus élection scrutin vote voix liste candidat "
    "candidate province commune territoire budget réforme projet loi texte amendement "
    "séance débat majorité opposition accord négociation calendrier consultation "
    "habitants électeurs maire président présidente ministre secrétaire État rapport "
    "annonce déclaration mardi mercredi jeudi semaine mois année prochaine dernière "
    "nouvelle nouveau premier première tour résultat résultats campagne mandat siège "
    "sièges groupe parti partis alliance soutien critique décision question réponse "
    "dossier enquête chiffres hausse baisse dépenses recettes emploi santé école route "
    "port aéroport énergie eau réseau services publics collectivités outre-mer nickel "
    "pêche tourisme agriculture justice sécurité police transport logement social "
    "a été sera doit peut veut estime affirme rappelle souligne précise indique "
    "selon après avant depuis pendant contre entre sans encore déjà toujours aussi"
)
ENGLISH_TEXT = (
    "the a an of and to in for on with by at from this that which who government senate "
    "assembly council election vote votes list candidate province territory budget "
    "reform bill law debate majority opposition agreement talks timetable referendum "
    "residents voters mayor president minister secretary state report announcement "
    "statement tuesday wednesday week month year next last new first round result "
    "results campaign seat seats group party parties alliance support criticism "
    "decision question answer inquiry figures rise fall spending revenue jobs health "
    "school road port airport energy water network public services overseas nickel "
    "fishing tourism farming justice security police transport housing "
    "has been will must can wants says recalls stresses adds according after before "
    "since during against between without still already always also"
)
WORDS = {Language.FRENCH: FRENCH_TEXT.split(), Language.ENGLISH: ENGLISH_TEXT.split()}


@dataclass(frozen=True)
class Counts:
    articles: int
    people: int
    contests: int


def generated_exists() -> bool:
    return (
        Article.objects.filter(slug__startswith=PREFIX).exists()
        or Person.objects.filter(slug__startswith=PREFIX).exists()
        or Election.objects.filter(slug__startswith=PREFIX).exists()
    )


def delete_generated() -> None:
    """Remove every generated row, children first (persons and parties are protected)."""
    Article.objects.filter(slug__startswith=PREFIX).delete()
    Election.objects.filter(slug__startswith=PREFIX).delete()  # contests, rounds, votes
    Constituency.objects.filter(code__startswith=CODE_PREFIX).delete()
    Person.objects.filter(slug__startswith=PREFIX).delete()  # memberships
    Organisation.objects.filter(slug__startswith=PREFIX).delete()
    Section.objects.filter(slug__startswith=PREFIX).delete()
    Topic.objects.filter(slug__startswith=PREFIX).delete()


def zipf_picker(rng: random.Random, items: list, exponent: float = 1.0):
    """Pick k distinct items, the first ones much more often than the last ones."""
    weights = [1 / (rank + 1) ** exponent for rank in range(len(items))]
    cumulative = list(itertools.accumulate(weights))

    def pick(k: int) -> list:
        k = min(k, len(items))
        chosen: dict[int, None] = {}
        while len(chosen) < k:
            for item in rng.choices(range(len(items)), cum_weights=cumulative, k=k):
                chosen[item] = None
        return [items[i] for i in list(chosen)[:k]]

    return pick


def sentence(rng: random.Random, language: str, words: int) -> str:
    text = " ".join(rng.choices(WORDS[language], k=words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, language: str, mention: str = "") -> str:
    """300 to 900 words in paragraphs of four to six sentences."""
    target, written, paragraphs = rng.randint(300, 900), 0, []
    while written < target:
        sentences = []
        for _ in range(rng.randint(4, 6)):
            length = rng.randint(8, 20)
            sentences.append(sentence(rng, language, length))
            written += length
        paragraphs.append(" ".join(sentences))
    if mention:
        paragraphs[0] = f"{mention} {paragraphs[0]}"
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def generate(counts: Counts, seed: int = 42, now: datetime.datetime | None = None) -> list[str]:
    """Write the corpus in one transaction and return one report line per kind of row."""
    rng = random.Random(seed)
    # Dates count back from midnight today, so two runs on the same day give the same rows.
    now = now or timezone.now()
    anchor = now.replace(hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        sections, topics = _sections_and_topics()
        parties = _parties()
        persons = _persons(rng, counts.people, parties)
        contests = _contests(rng, counts.contests, persons, parties)
        articles = _articles(rng, counts.articles, anchor, sections, topics, persons, contests)
    # Fresh planner statistics, as autovacuum would gather on a live database: without them
    # PostgreSQL plans for the handful of rows it saw before the bulk load. On PostgreSQL,
    # VACUUM too, unless inside a transaction (tests): the tables are then as settled as a
    # live database's, and autovacuum does not start on the bulk load while the benchmark
    # measures.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return [
        f"sections: {len(sections)}, topics: {len(topics)}, parties: {len(parties)}",
        f"persons: {len(persons)}",
        f"contests: {len(contests)}",
        f"articles: {articles}",
    ]


def _sections_and_topics() -> tuple[list[Section], list[Topic]]:
    sections = Section.objects.bulk_create(
        Section(
            name=f"{LABEL} · {name}",
            slug=f"{PREFIX}{index}",
            position=100 + index,
            in_navigation=False,
            description=f"{LABEL} pour les mesures de performance.",
        )
        for index, name in enumerate(SECTIONS)
    )
    topics = Topic.objects.bulk_create(
        Topic(
            name=f"{LABEL} · {theme} {number}",
            slug=f"{PREFIX}{theme_index}-{number}",
            description=f"{LABEL} pour les mesures de performance.",
        )
        for theme_index, theme in enumerate(THEMES)
        for number in range(1, 5)
    )
    return sections, topics


def _parties() -> list[Organisation]:
    return Organisation.objects.bulk_create(
        Organisation(
            name=f"{LABEL} · Parti {index}",
            acronym=f"CG{index}",
            slug=f"{PREFIX}parti-{index}",
            kind=OrganisationKind.PARTY,
            colour=f"#{(index * 2654435761) % 0xFFFFFF:06x}",
        )
        for index in range(1, 9)
    )


def _persons(rng: random.Random, count: int, parties: list[Organisation]) -> list[Person]:
    rows = []
    for index in range(count):
        gender = rng.choice([Gender.FEMALE, Gender.MALE])
        given, family = rng.choice(GIVEN[gender]), rng.choice(FAMILY)
        name = f"{given} {family}"
        sort_name = people_rules.sort_name(given, family)
        rows.append(
            Person(
                name=name,
                given_name=given,
                family_name=family,
                sort_name=sort_name,
                initial=people_rules.index_letter(sort_name),
                sort_key=people_rules.sort_key(sort_name),
                slug=f"{PREFIX}{index:05d}",
                gender=gender,
                birth_date=datetime.date(1950, 1, 1)
                + datetime.timedelta(days=rng.randint(0, 18000)),
                bio=f"Personne fictive ({LABEL}).",
            )
        )
    persons = Person.objects.bulk_create(rows, batch_size=BATCH)
    Membership.objects.bulk_create(
        (
            Membership(
                person=person,
                organisation=rng.choice(parties),
                role="Membre",
                start_date=datetime.date(2010, 1, 1)
                + datetime.timedelta(days=rng.randint(0, 4000)),
            )
            for person in persons
        ),
        batch_size=BATCH,
    )
    return persons


def _contests(
    rng: random.Random, count: int, persons: list[Person], parties: list[Organisation]
) -> list[Contest]:
    if not count:
        return []
    per_election = min(count, CONSTITUENCIES_PER_ELECTION)
    constituencies = Constituency.objects.bulk_create(
        Constituency(
            code=f"{CODE_PREFIX}{index:03d}",
            name=f"{LABEL} · Circonscription {index}",
            kind=ConstituencyKind.OTHER,
        )
        for index in range(1, per_election + 1)
    )
    elections = Election.objects.bulk_create(
        Election(
            name=f"{LABEL} · Élection {index}",
            slug=f"{PREFIX}election-{index}",
            kind=ElectionKind.OTHER,
            date=datetime.date(2000 + index, 9, 24),
        )
        for index in range(1, math.ceil(count / per_election) + 1)
    )
    contests = Contest.objects.bulk_create(
        (
            Contest(
                election=elections[index // per_election],
                constituency=constituencies[index % per_election],
                seats=1,
                system=VotingSystem.MAJORITARIAN,
                status=ContestStatus.FINAL,
            )
            for index in range(count)
        ),
        batch_size=BATCH,
    )
    rounds = Round.objects.bulk_create(
        (
            Round(contest=contest, number=1, date=contest.election.date, is_final=True)
            for contest in contests
        ),
        batch_size=BATCH,
    )
    candidacies, votes = [], []
    for contest in contests:
        for position in range(rng.randint(2, 5)):
            candidacies.append(
                Candidacy(
                    contest=contest,
                    person=rng.choice(persons) if persons else None,
                    list_name="" if persons else f"{LABEL} · Liste {position + 1}",
                    party=rng.choice(parties),
                    label=LABEL,
                    position=position,
                )
            )
            votes.append(rng.randint(20, 900))
    Candidacy.objects.bulk_create(candidacies, batch_size=BATCH)
    by_contest: dict[int, Round] = {round_.contest_id: round_ for round_ in rounds}
    RoundResult.objects.bulk_create(
        (
            RoundResult(round=by_contest[c.contest_id], candidacy=c, votes=v)
            for c, v in zip(candidacies, votes, strict=True)
        ),
        batch_size=BATCH,
    )
    # Totals that add up: expressed = the votes cast; a few blank and null ballots.
    expressed: dict[int, int] = {}
    for candidacy, count_ in zip(candidacies, votes, strict=True):
        expressed[candidacy.contest_id] = expressed.get(candidacy.contest_id, 0) + count_
    for round_ in rounds:
        round_.expressed = expressed[round_.contest_id]
        round_.blank, round_.null = rng.randint(0, 30), rng.randint(0, 30)
        round_.voters = round_.expressed + round_.blank + round_.null
        round_.registered = round_.voters + rng.randint(0, round_.voters // 10)
    Round.objects.bulk_update(
        rounds, ["expressed", "blank", "null", "voters", "registered"], batch_size=BATCH
    )
    return contests


def _demo_links() -> tuple[list[Person], list[Contest]]:
    """The demo's own persons and contests, if the demo is loaded (never required)."""
    persons = Person.objects.exclude(slug__startswith=PREFIX).filter(articles__isnull=False)
    contests = Contest.objects.exclude(election__slug__startswith=PREFIX).filter(
        articles__isnull=False
    )
    # Ordered by key so that the same seed picks the same ones.
    return list(persons.distinct().order_by("pk")), list(contests.distinct().order_by("pk"))


def _articles(
    rng: random.Random,
    count: int,
    anchor: datetime.datetime,
    sections: list[Section],
    topics: list[Topic],
    persons: list[Person],
    contests: list[Contest],
) -> int:
    demo_persons, demo_contests = _demo_links()
    pick_topics = zipf_picker(rng, topics)
    pick_persons = zipf_picker(rng, persons) if persons else None
    pick_contests = zipf_picker(rng, contests) if contests else None
    journalists = persons[: max(1, len(persons) // 50)]
    span = 6 * 365 * 24 * 3600  # six years of archive
    links: dict[str, list[tuple[int, int]]] = {"topics": [], "persons": [], "contests": []}
    authors: list[tuple[int, int]] = []
    previous: list[tuple[int, int]] = []
    rows = []
    for index in range(count):
        language = Language.ENGLISH if rng.random() < 0.15 else Language.FRENCH
        roll = rng.random()
        if roll < 0.01:
            status, published_at = Status.DRAFT, None
        elif roll < 0.015:
            status = Status.PUBLISHED
            published_at = anchor + datetime.timedelta(days=rng.randint(1, 30))
        else:
            status = Status.PUBLISHED
            published_at = anchor - datetime.timedelta(seconds=rng.randint(3600, span))
        my_persons = pick_persons(rng.randint(1, 4)) if pick_persons else []
        my_contests = pick_contests(rng.randint(0, 2)) if pick_contests else []
        mention = ""
        if demo_persons and rng.random() < DEMO_LINK_SHARE:
            person = rng.choice(demo_persons)
            my_persons.append(person)
            mention = f"{person.name}."
        if demo_contests and rng.random() < DEMO_LINK_SHARE:
            my_contests.append(rng.choice(demo_contests))
        text = body(rng, language, mention)
        headline = sentence(rng, language, rng.randint(6, 12)).rstrip(".")
        rows.append(
            Article(
                title=f"{TITLE_MARK} {headline}",
                slug=f"{PREFIX}{index:06d}",
                standfirst=sentence(rng, language, rng.randint(18, 30)),
                body=text,
                reading_time=reading_time(text),
                language=language,
                section=rng.choice(sections),
                status=status,
                published_at=published_at,
            )
        )
        links["topics"].append((index, [t.pk for t in pick_topics(rng.randint(1, 3))]))
        links["persons"].append((index, [p.pk for p in my_persons]))
        links["contests"].append((index, [c.pk for c in my_contests]))
        if journalists:
            authors.append((index, [p.pk for p in rng.sample(journalists, 1)]))
        if index and rng.random() < 0.05:
            previous.append((index, rng.randint(max(0, index - 50), index - 1)))
    articles = Article.objects.bulk_create(rows, batch_size=BATCH)
    for link, target in [("topics", "topic"), ("persons", "person"), ("contests", "contest")]:
        _link(link, target, articles, links[link])
    _link("authors", "person", articles, authors)
    for index, earlier in previous:
        articles[index].previous_id = articles[earlier].pk
    Article.objects.bulk_update(
        [articles[index] for index, _ in previous], ["previous"], batch_size=BATCH
    )
    return len(articles)


def _link(field: str, target: str, articles: list[Article], pairs: list) -> None:
    through = getattr(Article, field).through
    through.objects.bulk_create(
        (
            through(**{"article_id": articles[index].pk, f"{target}_id": pk})
            for index, pks in pairs
            for pk in dict.fromkeys(pks)
        ),
        batch_size=BATCH * 5,
    )
