"""The results file: one row per round x candidacy, checked contest by contest."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from elections import counting, validation
from elections.importers.rows import (
    CODE,
    CONSTITUENCY_NAME,
    ELECTION_NAME,
    LABEL,
    LIST_NAME,
    PARTY_NAME,
    PERSON_NAME,
    SYSTEMS,
    YES_NO,
    ImportRejected,
    LineError,
    PersonRef,
    Row,
    agree,
    read_rows,
    settle,
)

RESULTS_COLUMNS = (
    "election",
    "constituency_code",
    "constituency_name",
    "seats",
    "system",
    "round",
    "round_date",
    "registered",
    "voters",
    "blank",
    "null",
    "expressed",
    "candidate",
    "party",
    "label",
    "votes",
    "birth_date",
    "members",
    "substitute",
    "incumbent",
)

MEMBER = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<date>[^()]*)\))?$")


@dataclass
class CandidacyRow:
    name: str
    party: str
    label: str
    person: PersonRef | None  # majoritarian: the candidate
    members: list[PersonRef]  # proportional: the list in order
    substitute: PersonRef | None
    incumbent: bool
    line: int


@dataclass
class RoundRow:
    number: int
    date: datetime.date | None
    registered: int | None
    voters: int | None
    blank: int | None
    null: int | None
    expressed: int | None
    votes: dict[str, int] = field(default_factory=dict)  # candidacy name -> votes
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict)  # candidacy name -> its line
    agreements: dict = field(default_factory=dict, compare=False, repr=False)  # per line


@dataclass
class ContestRows:
    election: str
    code: str
    constituency_name: str
    seats: int
    system: str
    line: int
    candidacies: dict[str, CandidacyRow] = field(default_factory=dict)
    rounds: dict[int, RoundRow] = field(default_factory=dict)
    # Figures that break the ballot arithmetic, accepted as published (`accept_inconsistent`).
    inconsistencies: list[LineError] = field(default_factory=list)
    agreements: dict = field(default_factory=dict, compare=False, repr=False)  # per line


def parse_members(row: Row) -> list[PersonRef]:
    members = []
    for part in filter(None, (item.strip() for item in row.text("members").split("|"))):
        match = MEMBER.match(part)
        if not match:
            row.error(_("membre de liste illisible : « %(member)s ».") % {"member": part})
            continue
        birth_date = row.date("members", match["date"]) if match["date"] else None
        row.check("members", PERSON_NAME, match["name"].strip())
        members.append(PersonRef(match["name"].strip(), birth_date, row.number))
    names = [member.name.casefold() for member in members]
    if len(set(names)) != len(names):
        row.error(_("la même personne figure deux fois sur la liste."))
    return members


def parse_results(
    text: str, *, counting_round: int | None = None, accept_inconsistent: bool = False
) -> list[ContestRows]:
    """Parse and check a results file; raise ImportRejected listing every bad line.
    The votes of a `counting_round` (count not over) need not add up yet.

    Official figures are sometimes inconsistent as published (more votes than the ballots
    allow): refused like any bad line, unless `accept_inconsistent`, which keeps them, each
    finding kept on its contest (`ContestRows.inconsistencies`) for readers to see."""
    rows, errors = read_rows(text, RESULTS_COLUMNS)
    contests: dict[tuple[str, str], ContestRows] = {}
    for row in rows:
        parse_result_row(row, contests)
    for contest in contests.values():
        errors.extend(settle(repeated_facts(contest)))
        errors.extend(contest_errors(contest))
        arithmetic = arithmetic_errors(contest, counting_round)
        if accept_inconsistent:
            contest.inconsistencies = arithmetic
        else:
            errors.extend(arithmetic)
    if errors:
        raise ImportRejected(errors)
    return list(contests.values())


def parse_result_row(row: Row, contests: dict[tuple[str, str], ContestRows]) -> None:
    election = row.text("election", required=True, field=ELECTION_NAME)
    code = row.text("constituency_code", required=True, field=CODE)
    name = row.text("constituency_name", required=True, field=CONSTITUENCY_NAME)
    seats = row.integer("seats", required=True)
    system = row.choice("system", SYSTEMS)
    number = row.integer("round", required=True)
    round_date = row.date("round_date")
    totals = {key: row.integer(key) for key in ("registered", "voters", "blank", "null")}
    totals["expressed"] = row.integer("expressed", required=True)
    proportional = system == "proportional"
    candidate = row.text(
        "candidate", required=True, field=LIST_NAME if proportional else PERSON_NAME
    )
    party = row.text("party", field=PARTY_NAME)
    label = row.text("label", field=LABEL)
    votes = row.integer("votes", required=True)
    incumbent = row.choice("incumbent", YES_NO)
    birth_date = row.date("birth_date")
    members = parse_members(row)
    substitute = row.text("substitute", field=PERSON_NAME)
    if seats is not None and seats < 1:
        row.error(_("le nombre de sièges doit être au moins 1."))
    if number is not None and number not in (1, 2):
        row.error(_("le tour doit être 1 ou 2 (%(round)s).") % {"round": number})
    if system == "proportional" and number == 2:
        row.error(_("un scrutin de liste n'a qu'un tour."))
    if not row.ok:
        return
    contest = contests.get((election, code))
    if contest is None:
        contest = contests[(election, code)] = ContestRows(
            election, code, name, seats, system, row.number
        )
    facts = contest.agreements
    agree(facts, "constituency_name", _("le nom de la circonscription"), row.number, name)
    agree(facts, "seats", _("le nombre de sièges"), row.number, seats)
    agree(facts, "system", _("le mode de scrutin"), row.number, system)
    round_row = contest.rounds.get(number)
    if round_row is None:
        round_row = contest.rounds[number] = RoundRow(number, round_date, line=row.number, **totals)
    for key, value in totals.items():
        what = _("le total « %(column)s » du tour %(round)s") % {"column": key, "round": number}
        agree(round_row.agreements, key, what, row.number, value)
    agree(round_row.agreements, "date", _("la date du tour"), row.number, round_date)
    key = candidate.casefold()
    if key in {name.casefold() for name in round_row.votes}:
        row.error(
            _("« %(candidate)s » figure deux fois au tour %(round)s.")
            % {"candidate": candidate, "round": number}
        )
        return
    candidacy = CandidacyRow(
        name=candidate,
        party=party,
        label=label,
        person=None if proportional else PersonRef(candidate, birth_date, row.number),
        members=members if proportional else [],
        substitute=PersonRef(substitute, None, row.number) if substitute else None,
        incumbent=bool(incumbent),
        line=row.number,
    )
    known = next((c for c in contest.candidacies.values() if c.name.casefold() == key), None)
    if known is None:
        contest.candidacies[candidate] = candidacy
    person = (known or candidacy).person
    if person is not None:
        agree(person.agreements, "birth_date", _("la date de naissance"), row.number, birth_date)
    if row.ok:
        round_row.votes[known.name if known else candidate] = votes
        round_row.lines[known.name if known else candidate] = row.number


def repeated_facts(contest: ContestRows) -> list:
    """What several lines of a contest each give: its name, seats and system, each round's
    totals and date, each candidate's birth date."""
    people = [c.person for c in contest.candidacies.values() if c.person is not None]
    return [contest, *contest.rounds.values(), *people]


def contest_errors(contest: ContestRows) -> list[LineError]:
    """Checks that need every row of a contest: seats, rounds present, round-2 candidates."""
    errors: list[LineError] = []
    proportional = contest.system == "proportional"
    errors.extend(
        LineError(contest.line, message)
        for _field, message in validation.seats_problems(
            seats=contest.seats, proportional=proportional
        )
    )
    errors.extend(round2_problems(contest))
    if 2 in contest.rounds and 1 not in contest.rounds:
        errors.append(LineError(contest.rounds[2].line, _("le tour 2 est donné sans le tour 1.")))
    return errors


def arithmetic_errors(contest: ContestRows, counting_round: int | None = None) -> list[LineError]:
    """The ballot arithmetic of each round: its totals, then the sum of its votes."""
    errors: list[LineError] = []
    proportional = contest.system == "proportional"
    for number, round_row in sorted(contest.rounds.items()):
        problems = validation.round_problems(
            **{name: getattr(round_row, name) for name in validation.ROUND_FIELDS}
        )
        errors.extend(LineError(round_row.line, message) for _field, message in problems)
        # Each candidate's votes on its own line, then the sum on the round's first line.
        for name, votes in round_row.votes.items():
            errors.extend(
                LineError(round_row.lines[name], message)
                for _field, message in validation.votes_problems(
                    expressed=round_row.expressed,
                    votes=[(name, votes)],
                    proportional=True,
                    complete=False,
                )
            )
        if not errors:
            errors.extend(
                LineError(round_row.line, message)
                for _field, message in validation.votes_problems(
                    expressed=round_row.expressed,
                    votes=list(round_row.votes.items()),
                    proportional=proportional,
                    names_per_ballot=seats_to_fill(contest, number),
                    complete=number != counting_round,
                )
            )
    return errors


def round1_elected(contest: ContestRows) -> set[str]:
    """Names the rules elect on the round-1 rows of a majoritarian contest."""
    first = contest.rounds.get(1)
    if contest.system == "proportional" or first is None:
        return set()
    try:
        outcome = counting.majoritarian_outcome(
            contest.seats,
            [
                counting.RoundFigures(
                    1,
                    first.registered if first.registered is not None else first.expressed or 0,
                    first.expressed or 0,
                    tuple(counting.Contender(name, votes) for name, votes in first.votes.items()),
                )
            ],
        )
    except counting.CountingError:
        return set()
    return set(outcome.elected_keys())


def seats_to_fill(contest: ContestRows, number: int) -> int:
    """Seats still open in a majoritarian round: round 2 fills what round 1 left."""
    if number == 1:
        return contest.seats
    return max(contest.seats - len(round1_elected(contest)), 1)


def round2_problems(contest: ContestRows) -> list[LineError]:
    """A candidate elected in round 1 cannot stand again in round 2."""
    second = contest.rounds.get(2)
    if second is None:
        return []
    elected = round1_elected(contest)
    return [
        LineError(
            second.lines[name],
            _("« %(name)s » est élu au premier tour et ne peut figurer au second.")
            % {"name": name},
        )
        for name in second.votes
        if name in elected
    ]
