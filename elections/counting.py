"""Counting rules of French senatorial elections, as pure functions.

Plain values in, an `Outcome` out: who wins each seat, in which round and by which rule, the
ties the figures cannot settle, and (for lists) the highest-average working table. No ORM, so
the rules are tested without a database and the admin preview, the pages and the importer all
apply the same code.
"""

import datetime
import enum
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import groupby


class CountingError(ValueError):
    """Figures the rules cannot be applied to; the message (in French) names the problem."""


class Rule(enum.StrEnum):
    # A str, as the contract wants, whose str() is its value (templates, JSON).
    ABSOLUTE_MAJORITY = "absolute_majority"
    RELATIVE_MAJORITY = "relative_majority"
    OLDEST = "oldest"
    HIGHEST_AVERAGE = "highest_average"


@dataclass(frozen=True)
class Contender:
    key: str
    votes: int
    # Majoritarian: the candidate's. Proportional: the list's candidate the caller puts forward
    # for the age tie-break.
    birth_date: datetime.date | None = None


@dataclass(frozen=True)
class RoundFigures:
    number: int
    registered: int
    expressed: int
    contenders: tuple[Contender, ...]


@dataclass(frozen=True)
class Seat:
    key: str
    round: int | None
    rule: Rule
    order: int
    # Proportional only: the average that won the seat, so a page can print the working.
    quotient: Fraction | None = None


@dataclass(frozen=True)
class Tie:
    keys: tuple[str, ...]
    seats_at_stake: int
    round: int | None


@dataclass(frozen=True)
class QuotientRow:
    key: str
    votes: int
    quotients: tuple[Fraction, ...]
    seats: int


@dataclass(frozen=True)
class Outcome:
    seats_to_fill: int
    seats: tuple[Seat, ...]
    ties: tuple[Tie, ...] = ()
    quotient_table: tuple[QuotientRow, ...] = ()
    round1_threshold: int | None = None
    complete: bool = True

    def elected_keys(self) -> list[str]:
        """Keys holding at least one seat, once each, in the order of their first seat."""
        return list(dict.fromkeys(seat.key for seat in self.seats))

    def seats_of(self, key: str) -> int:
        return sum(1 for seat in self.seats if seat.key == key)


# --- shared tie-breaking ---------------------------------------------------------------------


def _age_order(contender: Contender) -> tuple:
    # Only orders seats that are all won anyway; unknown dates last, then key, so the order
    # never depends on the order of the input.
    return (contender.birth_date is None, contender.birth_date or datetime.date.min, contender.key)


def _oldest(
    group: Sequence[Contender], places: int, round_: int | None
) -> tuple[list[Contender], Tie | None]:
    """Give `places` seats among equals to the oldest; report what birth dates cannot settle.

    A known date wins outright only if it stays within `places` even were every unknown date
    older; the remaining contenders that could still win form the open tie.
    """
    known = sorted((c for c in group if c.birth_date), key=_age_order)
    unknown = [c for c in group if not c.birth_date]
    winners: list[Contender] = []
    for _, same_date in groupby(known, key=lambda c: c.birth_date):
        same_date = list(same_date)
        if len(winners) + len(same_date) + len(unknown) > places:
            break
        winners.extend(same_date)
    if len(winners) == places:
        return winners, None
    # Beaten for sure: `places` contenders are known to be strictly older.
    contested = [
        c
        for c in group
        if c not in winners
        and (c.birth_date is None or sum(o.birth_date < c.birth_date for o in known) < places)
    ]
    tie = Tie(tuple(sorted(c.key for c in contested)), places - len(winners), round_)
    return winners, tie


def _fill(
    ranked: Iterable[list[Contender]],
    places: int,
    rule: Rule,
    round_: int | None,
) -> tuple[list[tuple[Contender, Rule]], Tie | None]:
    """Seats to groups of equals, best group first; the age rule splits the last group."""
    won: list[tuple[Contender, Rule]] = []
    for group in ranked:
        left = places - len(won)
        if left == 0:
            break
        if len(group) <= left:
            won.extend((c, rule) for c in sorted(group, key=_age_order))
            continue
        oldest, tie = _oldest(group, left, round_)
        won.extend((c, Rule.OLDEST) for c in oldest)
        return won, tie
    return won, None


def _by_votes(contenders: Iterable[Contender]) -> list[list[Contender]]:
    ordered = sorted(contenders, key=lambda c: -c.votes)
    return [list(group) for _, group in groupby(ordered, key=lambda c: c.votes)]


# --- validation ------------------------------------------------------------------------------


def _check_seats(seats: int) -> None:
    if seats < 1:
        raise CountingError(f"Nombre de sièges à pourvoir invalide : {seats} (au moins 1).")


def _check_contenders(contenders: Sequence[Contender], where: str) -> None:
    seen: set[str] = set()
    for c in contenders:
        if c.key in seen:
            raise CountingError(f"{where} : « {c.key} » figure deux fois.")
        seen.add(c.key)
        if c.votes < 0:
            raise CountingError(f"{where} : nombre de voix négatif pour « {c.key} » ({c.votes}).")


def _check_round(figures: RoundFigures, open_seats: int) -> None:
    where = f"Tour {figures.number}"
    for label, value in (("inscrits", figures.registered), ("exprimés", figures.expressed)):
        if value < 0:
            raise CountingError(f"{where} : nombre d'{label} négatif ({value}).")
    if figures.expressed > figures.registered:
        raise CountingError(
            f"{where} : {figures.expressed} suffrages exprimés pour {figures.registered} inscrits."
        )
    _check_contenders(figures.contenders, where)
    for c in figures.contenders:
        if c.votes > figures.expressed:
            raise CountingError(
                f"{where} : « {c.key} » a {c.votes} voix, plus que les "
                f"{figures.expressed} suffrages exprimés."
            )
    # Each ballot names at most as many candidates as there are seats left to fill.
    total, ceiling = sum(c.votes for c in figures.contenders), figures.expressed * open_seats
    if total > ceiling:
        raise CountingError(
            f"{where} : {total} voix au total, plus que {ceiling} "
            f"({figures.expressed} exprimés × {open_seats} siège(s) à pourvoir)."
        )


def _rounds_by_number(rounds: Sequence[RoundFigures]) -> dict[int, RoundFigures]:
    by_number: dict[int, RoundFigures] = {}
    for figures in rounds:
        if figures.number not in (1, 2):
            raise CountingError(f"Tour inconnu : {figures.number} (1 ou 2 attendu).")
        if figures.number in by_number:
            raise CountingError(f"Le tour {figures.number} est donné deux fois.")
        by_number[figures.number] = figures
    if 2 in by_number and 1 not in by_number:
        raise CountingError("Un second tour est donné sans premier tour.")
    return by_number


# --- the two systems -------------------------------------------------------------------------


def round1_threshold(registered: int, expressed: int) -> int:
    """Fewest votes electing in round 1 (Code électoral, art. L. 294).

    An absolute majority of expressed votes and at least a quarter of the registered electors;
    in whole votes, more than half means floor(expressed / 2) + 1.
    """
    return max(expressed // 2 + 1, math.ceil(Fraction(registered, 4)))


def majoritarian_outcome(seats: int, rounds: Sequence[RoundFigures]) -> Outcome:
    """Two-round majoritarian system of constituencies with 1 or 2 seats (art. L. 294).

    Round 1 elects those reaching `round1_threshold`, most votes first; round 2 fills the
    seats left by relative majority. Equal votes for the last seat: the oldest is elected.
    """
    _check_seats(seats)
    by_number = _rounds_by_number(rounds)
    if 1 not in by_number:
        return Outcome(seats_to_fill=seats, seats=(), complete=False)

    first = by_number[1]
    _check_round(first, seats)
    threshold = round1_threshold(first.registered, first.expressed)
    qualified = (c for c in first.contenders if c.votes >= threshold)
    won, tie = _fill(_by_votes(qualified), seats, Rule.ABSOLUTE_MAJORITY, 1)
    allocated = [(c, rule, 1) for c, rule in won]
    ties = [tie] if tie else []

    # An open round-1 tie is over seats that round 1 did fill (the oldest won them; only the
    # birth dates are missing here), so round 2 plays only for seats nobody reached.
    left = seats - len(won) - (tie.seats_at_stake if tie else 0)
    second = by_number.get(2)
    if second is not None:
        if left == 0:
            raise CountingError(
                "Un second tour est donné alors que le premier a pourvu les sièges."
            )
        _check_round(second, left)
        elected = {c.key for c, _ in won}
        for c in second.contenders:
            if c.key in elected:
                raise CountingError(f"Tour 2 : « {c.key} » a déjà été élu au premier tour.")
        # Nobody is elected on no votes at all.
        voted = (c for c in second.contenders if c.votes > 0)
        won2, tie2 = _fill(_by_votes(voted), left, Rule.RELATIVE_MAJORITY, 2)
        allocated += [(c, rule, 2) for c, rule in won2]
        ties += [tie2] if tie2 else []

    result = tuple(
        Seat(key=c.key, round=round_, rule=rule, order=i)
        for i, (c, rule, round_) in enumerate(allocated, start=1)
    )
    return Outcome(
        seats_to_fill=seats,
        seats=result,
        ties=tuple(ties),
        round1_threshold=threshold,
        complete=len(result) == seats,
    )


def proportional_outcome(seats: int, contenders: Sequence[Contender]) -> Outcome:
    """Proportional lists with the highest average (Code électoral, art. L. 295).

    The Senate's method (seats at the electoral quotient, then remaining seats at the highest
    average) gives the same seats as d'Hondt, done here seat by seat: each seat to the highest
    votes / (seats won + 1). Equal averages for the last seats: more votes first, then the
    oldest candidate.
    """
    _check_seats(seats)
    _check_contenders(contenders, "Listes")
    won_by: dict[str, int] = {c.key: 0 for c in contenders}
    allocated: list[tuple[Contender, Rule, Fraction]] = []
    tie: Tie | None = None

    def average(c: Contender) -> Fraction:
        return Fraction(c.votes, won_by[c.key] + 1)

    # A list with no votes can never win a seat, whatever seats are left.
    voted = [c for c in contenders if c.votes > 0]
    while voted and len(allocated) < seats and tie is None:
        best = max(average(c) for c in voted)
        level = [c for c in voted if average(c) == best]
        won, tie = _fill(_by_votes(level), seats - len(allocated), Rule.HIGHEST_AVERAGE, None)
        for c, rule in won:
            allocated.append((c, rule, best))
            won_by[c.key] += 1

    table = tuple(
        QuotientRow(
            key=c.key,
            votes=c.votes,
            quotients=tuple(Fraction(c.votes, d) for d in range(1, seats + 1)),
            seats=won_by[c.key],
        )
        for c in sorted(contenders, key=lambda c: (-c.votes, c.key))
    )
    result = tuple(
        Seat(key=c.key, round=None, rule=rule, order=i, quotient=q)
        for i, (c, rule, q) in enumerate(allocated, start=1)
    )
    return Outcome(
        seats_to_fill=seats,
        seats=result,
        ties=(tie,) if tie else (),
        quotient_table=table,
        complete=len(result) == seats,
    )


def share(votes: int, total: int) -> Decimal | None:
    """Percentage of `total`, two decimals rounded half up as published; None when total is 0."""
    if votes < 0 or total < 0:
        raise CountingError(f"Pourcentage impossible : {votes} sur {total}.")
    if total == 0:
        return None
    return (Decimal(votes) * 100 / Decimal(total)).quantize(Decimal("0.01"), ROUND_HALF_UP)
