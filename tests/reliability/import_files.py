"""Valid import files built by hypothesis, in the formats of the real ones (results as
elections/data/senatoriales-2023-nouvelle-caledonie.csv, the Sénat's ODSEN_GENERAL and
ODSEN_ELUSEN), a way to spoil one cell, and what an accepted file must have written."""

import csv
import datetime
import io
from dataclasses import dataclass

from hypothesis import strategies as st

from elections.importers import CandidacyRow, ContestRows, PersonRef, RoundRow
from elections.models import Contest
from elections.services.matching import normalise
from newsroom.people.models import Membership, Person
from newsroom.people.senat import END_REASONS, GROUP_NAMES, OTHER_REASON, mandate_key

# Letters of several scripts, and the punctuation names and titles carry: "/" and quotes
# and commas are accepted; "|", "(" and ")" would change what a list of members says.
NAME_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèêëàâîïôöùûüçÉÈÀÇœŒñßØŁ"
    "中文عربيКириллица -'’./&,;«»\"<>=+@!?"
)
# What a text field refuses (tab included: names are single-line). Line breaks are left
# out so that each row stays on one line of the file, and its line number is simple.
REFUSED_CHARS = ["\x00", "\x01", "\x0c", "\x1b", "\x7f", "\x85", "\t", "\u2028", "\u2029", "\u202e"]
DATES = st.dates(datetime.date(1900, 1, 1), datetime.date(2030, 12, 31))


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    return st.text(NAME_CHARS, min_size=1, max_size=max_size).map(str.strip).filter(bool)


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.none(), strategy)


def iso(date: datetime.date | None) -> str:
    return date.isoformat() if date else ""


def write_csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@dataclass
class Spoiled:
    """A file with one cell spoiled; `line` is where the importer must say so."""

    data: bytes
    line: int | None  # None: the file was left valid


def spoil(
    header: list[str], rows: list[dict], columns: list[str], *, code: str | None = None
) -> st.SearchStrategy[Spoiled]:
    """The file as it is, or with a refused character in one text cell among `columns`
    (or a "/" in the `code` column): its line is the row's, the header being line 1."""

    def spoiled(args: tuple[int, str, str]) -> Spoiled:
        index, column, char = args
        index %= len(rows)
        row = dict(rows[index])
        # Between two letters, so that stripping the cell cannot remove it.
        row[column] = f"{row[column] or 'x'}{char}z"
        return Spoiled(write_csv(header, [*rows[:index], row, *rows[index + 1 :]]), index + 2)

    cells = st.tuples(st.integers(0, 100), st.sampled_from(columns), st.sampled_from(REFUSED_CHARS))
    if code:
        cells |= st.tuples(st.integers(0, 100), st.just(code), st.just("/"))
    valid = Spoiled(write_csv(header, rows), None)
    return st.booleans().flatmap(lambda spoilt: cells.map(spoiled) if spoilt else st.just(valid))


# --- Results -----------------------------------------------------------------------------

CODES = st.one_of(
    st.sampled_from(["988", "2A", "974", "ZZ", "01", "75"]),
    st.from_regex(r"[0-9A-Z][0-9A-Z_-]{0,9}", fullmatch=True),
)
SYSTEM_WORDS = {
    "majoritarian": ["majoritarian", "majoritaire"],
    "proportional": ["proportional", "proportionnel"],
}
# The spoiled cell is one of these; the code first.
RESULTS_TEXT_COLUMNS = [
    "constituency_code",
    "election",
    "constituency_name",
    "candidate",
    "party",
    "label",
    "members",
    "substitute",
]


@dataclass
class ResultsFile:
    contests: list[ContestRows]
    rows: list[dict[str, str]]

    @property
    def persons(self) -> set[str]:
        return {
            normalise(ref.name)
            for contest in self.contests
            for row in contest.candidacies.values()
            for ref in [row.person, row.substitute, *row.members]
            if ref is not None
        }


def shares(draw, total: int, count: int) -> list[int]:
    """`count` vote counts adding up to `total`."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=count - 1, max_size=count - 1)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


@st.composite
def results_files(draw) -> ResultsFile:
    """One to three contests of one round each, the figures consistent, every name unique
    (a number after it), optional cells often empty."""
    unique = iter(range(1, 10_000))

    def name() -> str:
        return f"{draw(texts())} n{next(unique)}"

    elections = draw(st.lists(texts(60), min_size=1, max_size=2))
    codes = draw(st.lists(CODES, min_size=1, max_size=3, unique=True))
    contests, rows = [], []
    for code in codes:
        proportional = draw(st.booleans())
        system = "proportional" if proportional else "majoritarian"
        seats = draw(st.integers(3, 6) if proportional else st.integers(1, 2))
        expressed = draw(st.integers(0, 5000))
        blank_and_null = draw(st.integers(0, 300))
        voters = expressed + blank_and_null if draw(st.booleans()) else None
        known = voters is not None
        registered = voters + draw(st.integers(0, 300)) if known and draw(st.booleans()) else None
        blank = draw(st.integers(0, blank_and_null)) if known and draw(st.booleans()) else None
        round_ = RoundRow(
            number=1,
            date=draw(optional(DATES)),
            registered=registered,
            voters=voters,
            blank=blank,
            null=None if blank is None else blank_and_null - blank,
            expressed=expressed,
        )
        contest = ContestRows(
            draw(st.sampled_from(elections)), code, draw(texts(60)), seats, system, 0
        )
        contest.rounds[1] = round_
        count = draw(st.integers(1, 5))
        for votes in shares(draw, expressed, count):
            if proportional:
                members = [
                    PersonRef(name(), draw(optional(DATES)), 0)
                    for _ in range(draw(st.integers(0, seats + 1)))
                ]
                row = CandidacyRow(name(), "", "", None, members, None, False, 0)
            else:
                person = PersonRef(name(), draw(optional(DATES)), 0)
                substitute = PersonRef(name(), None, 0) if draw(st.booleans()) else None
                row = CandidacyRow(person.name, "", "", person, [], substitute, False, 0)
                row.incumbent = draw(st.booleans())
            row.party = draw(st.one_of(st.just(""), texts()))
            row.label = draw(st.one_of(st.just(""), texts(60)))
            contest.candidacies[row.name] = row
            round_.votes[row.name] = votes
            rows.append(
                results_row(contest, round_, row, draw(st.sampled_from(SYSTEM_WORDS[system])))
            )
        contests.append(contest)
    return ResultsFile(contests, draw(st.permutations(rows)))


def results_row(contest: ContestRows, round_: RoundRow, row: CandidacyRow, system: str) -> dict:
    def figure(value: int | None) -> str:
        return "" if value is None else str(value)

    members = " | ".join(
        f"{member.name} ({member.birth_date})" if member.birth_date else member.name
        for member in row.members
    )
    return {
        "election": contest.election,
        "constituency_code": contest.code,
        "constituency_name": contest.constituency_name,
        "seats": str(contest.seats),
        "system": system,
        "round": "1",
        "round_date": iso(round_.date),
        "registered": figure(round_.registered),
        "voters": figure(round_.voters),
        "blank": figure(round_.blank),
        "null": figure(round_.null),
        "expressed": figure(round_.expressed),
        "candidate": row.name,
        "party": row.party,
        "label": row.label,
        "votes": str(round_.votes[row.name]),
        "birth_date": iso(row.person.birth_date) if row.person else "",
        "members": members,
        "substitute": row.substitute.name if row.substitute else "",
        "incumbent": ("yes" if row.incumbent else "no") if row.person else "",
    }


def assert_results_written(contests: list[ContestRows]) -> None:
    """Every contest, round, total, candidacy, vote and list member of the file is stored
    as the file says (names compared the way the importer matches them)."""
    for rows in contests:
        contest = Contest.objects.get(election__name=rows.election, constituency__code=rows.code)
        assert (contest.seats, contest.system) == (rows.seats, rows.system)
        assert contest.updates.exists()
        for number, expected in rows.rounds.items():
            stored = contest.rounds.get(number=number)
            figures = ("date", "registered", "voters", "blank", "null", "expressed")
            assert [getattr(stored, name) for name in figures] == [
                getattr(expected, name) for name in figures
            ]
            votes = {normalise(r.candidacy.name): r.votes for r in stored.results.all()}
            assert votes == {normalise(name): count for name, count in expected.votes.items()}
        candidacies = {normalise(c.name): c for c in contest.candidacies.all()}
        assert candidacies.keys() == {normalise(name) for name in rows.candidacies}
        for row in rows.candidacies.values():
            candidacy = candidacies[normalise(row.name)]
            assert candidacy.label == row.label
            assert normalise(candidacy.party.name if candidacy.party else "") == normalise(
                row.party
            )
            members = [normalise(m.person.name) for m in candidacy.members.order_by("position")]
            assert members == [normalise(member.name) for member in row.members]
            if row.person:
                assert candidacy.incumbent == row.incumbent
                substitute = candidacy.substitute.name if candidacy.substitute else ""
                assert normalise(substitute) == normalise(
                    row.substitute.name if row.substitute else ""
                )
                if row.person.birth_date:
                    assert candidacy.person.birth_date == row.person.birth_date


# --- The Sénat's roster ------------------------------------------------------------------

GROUPS = [*GROUP_NAMES, "U.D.R.", "RI", "Écologiste", "RDSE/RI", ""]
GENERAL_TEXT_COLUMNS = ["Nom usuel", "Prénom usuel", "Circonscription", "Groupe politique"]


@dataclass
class Senator:
    matricule: str  # as the file writes it ("298" for 000298)
    gender: str
    given_name: str
    family_name: str
    birth_date: datetime.date
    death_date: datetime.date | None
    group: str
    constituency: str


@dataclass
class Mandate:
    matricule: str
    mandate_id: str
    start_date: datetime.date
    end_date: datetime.date | None
    motive: str


@dataclass
class Roster:
    senators: list[Senator]
    mandates: list[Mandate]
    general: list[dict[str, str]]
    mandate_rows: list[dict[str, str]]


def senat_date(date: datetime.date | None) -> str:
    return f"{date.isoformat()} 00:00:00.0" if date else ""


def stored_matricule(matricule: str) -> str:
    return matricule.zfill(6)


@st.composite
def rosters(draw) -> Roster:
    """One to six senators, each with up to two mandates; dates in order."""
    matricules = draw(
        st.lists(
            st.one_of(
                st.from_regex(r"[0-9]{5}[A-Z]", fullmatch=True),
                st.integers(1, 99_999).map(str),
            ),
            min_size=1,
            max_size=6,
            unique_by=stored_matricule,
        )
    )
    senators, mandates = [], []
    ids = iter(range(1, 100_000))
    for matricule in matricules:
        birth = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(1990, 12, 31)))
        death = draw(optional(st.dates(birth, datetime.date(2030, 12, 31))))
        senators.append(
            Senator(
                matricule=matricule,
                gender=draw(st.sampled_from(["male", "female"])),
                given_name=draw(st.one_of(st.just(""), texts())),
                family_name=draw(texts()),
                birth_date=birth,
                death_date=death,
                group=draw(st.sampled_from(GROUPS)),
                constituency=draw(st.one_of(st.just(""), texts(60))),
            )
        )
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.dates(birth, datetime.date(2030, 12, 31)))
            end = draw(optional(st.dates(start, datetime.date(2031, 12, 31))))
            motive = draw(st.sampled_from([*END_REASONS, "Autre"])) if end else "En Cours"
            mandates.append(Mandate(matricule, str(next(ids) * 7), start, end, motive))
    general = [
        {
            "Matricule": s.matricule,
            "Qualité": "Mme" if s.gender == "female" else "M.",
            "Nom usuel": s.family_name,
            "Prénom usuel": s.given_name,
            "État": "ACTIF" if s.death_date is None else "ANCIEN",
            "Date naissance": senat_date(s.birth_date),
            "Date de décès": senat_date(s.death_date),
            "Groupe politique": s.group,
            "Type d'app au grp politique": draw(st.sampled_from(["", "Apparenté", "Rattaché"])),
            "Circonscription": s.constituency,
        }
        for s in senators
    ]
    mandate_rows = [
        {
            "Matricule": stored_matricule(m.matricule),
            "Identifiant mandat": m.mandate_id,
            "Date de début de mandat": senat_date(m.start_date),
            "Date de fin de mandat": senat_date(m.end_date),
            "Motif fin de mandat": m.motive,
        }
        for m in mandates
    ]
    return Roster(senators, mandates, general, mandate_rows)


def assert_roster_written(roster: Roster) -> None:
    """Every senator, mandate and group membership of the files is stored as they say."""
    assert Person.objects.count() == len(roster.senators)
    for senator in roster.senators:
        person = Person.objects.get(senat_id=stored_matricule(senator.matricule))
        name = f"{senator.given_name} {senator.family_name}".strip()
        assert (person.name, person.given_name, person.family_name) == (
            name,
            senator.given_name,
            senator.family_name,
        )
        assert (person.gender, person.birth_date, person.death_date) == (
            senator.gender,
            senator.birth_date,
            senator.death_date,
        )
    mandates = Membership.objects.filter(organisation__slug="senat")
    assert mandates.count() == len(roster.mandates)
    areas = {stored_matricule(s.matricule): s.constituency for s in roster.senators}
    for mandate in roster.mandates:
        stored = mandates.get(source_key=mandate_key(mandate.mandate_id))
        reason = END_REASONS.get(mandate.motive, OTHER_REASON) if mandate.end_date else ""
        assert (stored.start_date, stored.end_date, stored.end_reason, stored.area) == (
            mandate.start_date,
            mandate.end_date,
            reason,
            areas[stored_matricule(mandate.matricule)],
        )
    in_groups = Membership.objects.filter(organisation__kind="group").count()
    assert in_groups == sum(1 for senator in roster.senators if senator.group)


def header_of(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8"))))
