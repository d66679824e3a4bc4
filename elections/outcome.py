"""From stored figures to who is elected: feeds the pure rules of `elections/counting.py` and
maps their answer back to candidacies and persons.

Works on a contest fetched with `Contest.objects.for_page()` (or any queryset that prefetched
rounds, their results, candidacies with persons and members, and official winners): no query
of its own.
"""

from collections import Counter
from dataclasses import dataclass, field

from elections import counting, validation
from elections.models import Candidacy, Contest, OfficialWinner, Round
from newsroom.people.models import Person


@dataclass(frozen=True)
class ElectedSeat:
    """One seat as the rules allocate it."""

    order: int
    candidacy: Candidacy
    person: Person | None  # None: the list member in that rank is not recorded
    round: int | None
    rule: counting.Rule


@dataclass
class ContestOutcome:
    contest: Contest
    computed: counting.Outcome | None
    seats: list[ElectedSeat] = field(default_factory=list)
    official: list[OfficialWinner] = field(default_factory=list)
    error: str = ""  # the rules refused the stored figures (shown to editors)

    @property
    def has_figures(self) -> bool:
        return self.computed is not None

    @property
    def complete(self) -> bool:
        return self.computed is not None and self.computed.complete

    @property
    def ties(self) -> tuple[counting.Tie, ...]:
        return self.computed.ties if self.computed else ()

    def seats_of(self, candidacy: Candidacy) -> int:
        return sum(1 for seat in self.seats if seat.candidacy.pk == candidacy.pk)

    @property
    def mismatch(self) -> bool:
        """The proclaimed winners differ from what the rules give on the stored figures.

        Compared by person when the rules name every winner, else (a list whose elected
        members are not all recorded) by number of seats per list."""
        if not self.official or not self.complete:
            return False
        if all(seat.person is not None for seat in self.seats):
            return {seat.person.pk for seat in self.seats} != {w.person_id for w in self.official}
        computed = Counter(seat.candidacy.name.casefold() for seat in self.seats)
        official = Counter(w.list_name.casefold() for w in self.official)
        return computed != official

    @property
    def official_person_ids(self) -> set[int]:
        return {winner.person_id for winner in self.official}


@dataclass(frozen=True)
class RoundDraft:
    """Figures of one round typed in the results desk and not saved yet: `round` is an
    unsaved copy carrying the new totals, `votes` maps candidacy pk to votes (a candidacy
    absent from it does not stand in this round)."""

    round: Round
    votes: dict[int, int]


def counted_rounds(contest: Contest, draft: RoundDraft | None = None) -> list[Round]:
    """Rounds whose count is over: only these elect anyone."""
    rounds = {r.number: r for r in contest.rounds.all()}
    if draft is not None:
        rounds[draft.round.number] = draft.round
    return [r for _n, r in sorted(rounds.items()) if r.is_final and r.expressed is not None]


def votes_of(round_: Round, draft: RoundDraft | None) -> list[tuple[int, int]]:
    if draft is not None and draft.round.number == round_.number:
        return list(draft.votes.items())
    return [(result.candidacy_id, result.votes) for result in round_.results.all()]


def list_birth_date(candidacy: Candidacy):
    """Tie-break date of a list: its oldest member, unknown if any member's date is."""
    dates = [member.person.birth_date for member in candidacy.members.all()]
    if not dates or None in dates:
        return None
    return min(dates)


def contenders(
    round_: Round, candidacies: dict[int, Candidacy], draft: RoundDraft | None = None
) -> tuple[counting.Contender, ...]:
    items = []
    for candidacy_id, votes in votes_of(round_, draft):
        candidacy = candidacies[candidacy_id]
        if candidacy.list_name and not candidacy.person_id:
            birth_date = list_birth_date(candidacy)
        else:
            birth_date = candidacy.person.birth_date if candidacy.person_id else None
        items.append(counting.Contender(str(candidacy.pk), votes, birth_date))
    return tuple(items)


def rules_outcome(
    contest: Contest,
    rounds: list[Round],
    candidacies: dict[int, Candidacy],
    draft: RoundDraft | None = None,
) -> counting.Outcome:
    if contest.is_proportional:
        return counting.proportional_outcome(
            contest.seats, contenders(rounds[0], candidacies, draft)
        )
    return counting.majoritarian_outcome(
        contest.seats,
        [
            counting.RoundFigures(
                number=r.number,
                # Unknown registered electors: the quarter-of-registered test cannot be
                # checked, so the expressed ballots stand in (the majority test still applies).
                registered=r.registered if r.registered is not None else r.expressed,
                expressed=r.expressed,
                contenders=contenders(r, candidacies, draft),
            )
            for r in rounds
        ],
    )


def compute(contest: Contest, draft: RoundDraft | None = None) -> ContestOutcome:
    """Who the rules elect on the stored figures, or with one round replaced by `draft`
    (the results desk's preview, which saves nothing)."""
    candidacies = {c.pk: c for c in contest.candidacies.all()}
    official = list(contest.official_winners.all())
    rounds = counted_rounds(contest, draft)
    if not rounds:
        return ContestOutcome(contest, None, official=official)
    try:
        computed = rules_outcome(contest, rounds, candidacies, draft)
    except counting.CountingError as error:
        return ContestOutcome(contest, None, official=official, error=str(error))
    seats: list[ElectedSeat] = []
    won_by_list: Counter[int] = Counter()
    for seat in computed.seats:
        candidacy = candidacies[int(seat.key)]
        if candidacy.person_id:
            person = candidacy.person
        else:
            members = list(candidacy.members.all())
            rank = won_by_list[candidacy.pk]
            person = members[rank].person if rank < len(members) else None
            won_by_list[candidacy.pk] += 1
        seats.append(ElectedSeat(seat.order, candidacy, person, seat.round, seat.rule))
    return ContestOutcome(contest, computed, seats, official)


def seats_to_fill(contest: Contest, number: int, outcome: ContestOutcome | None = None) -> int:
    """Seats a ballot of round `number` may name: round 2 fills what round 1 left. Works on
    a contest fetched with `Contest.objects.for_page()` (no query of its own); `outcome`,
    when the caller has it, saves computing it again."""
    if number == 1 or contest.is_proportional:
        return contest.seats
    seats = (outcome or compute(contest)).seats
    won_before = sum(1 for seat in seats if seat.round and seat.round < number)
    return max(contest.seats - won_before, 1)


def figures_problems(contest: Contest) -> list[tuple[int, str]]:
    """(round number, problem) for each break of the ballot arithmetic in the stored figures
    (`validation.round_problems`, `validation.votes_problems`); a contest fetched with
    `for_page()`: no query."""
    outcome = compute(contest)
    names = {c.pk: c.name for c in contest.candidacies.all()}
    found = []
    for round_ in contest.rounds.all():
        problems = validation.round_problems(
            **{name: getattr(round_, name) for name in validation.ROUND_FIELDS}
        )
        problems += validation.votes_problems(
            expressed=round_.expressed,
            votes=[(names[r.candidacy_id], r.votes) for r in round_.results.all()],
            proportional=contest.is_proportional,
            names_per_ballot=seats_to_fill(contest, round_.number, outcome),
            complete=round_.is_final,
        )
        found += [(round_.number, message) for _field, message in problems]
    return found
