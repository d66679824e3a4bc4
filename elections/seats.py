"""Gains and holds: each winner of a proclaimed senate result compared with the outgoing
holders of the seats, by political camp.

`compare` is the pure rule (plain values in, no ORM). `seat_changes` reads what it needs:
the outgoing holders are the offices the result ended (`OfficeChange`), a camp is the party
a person stood or was proclaimed for, else the party or Sénat group they belonged to on the
eve of the new term, as the roster records it. A camp nobody recorded stays unknown, and two
camps are only called different when both are parties: a party and a Sénat group of
another name are not comparable, so the seat is « non renseigné », never guessed.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from elections.models import Candidacy, Contest, OfficeChange, OfficeChangeKind
from elections.services import normalise
from newsroom.people import rules
from newsroom.people.models import Membership, Organisation, OrganisationKind

REELECTED, HELD, GAIN, UNKNOWN = "reelected", "held", "gain", "unknown"


@dataclass(frozen=True)
class Camp:
    name: str  # as readers see it: « FLNKS », « Les Républicains »
    is_party: bool  # a party or coalition; False: a Sénat group
    ids: frozenset[int] = frozenset()  # the organisation and its parent (UC is in the FLNKS)
    aliases: frozenset[str] = frozenset()  # other names it goes by (its full name, acronym)

    @property
    def names(self) -> set[str]:
        return {normalise(name) for name in {self.name, *self.aliases} if name}

    def same_as(self, other: "Camp") -> bool | None:
        """True or False when the two compare; None when they cannot be compared (a party
        and a Sénat group whose names differ)."""
        if self.ids & other.ids or self.names & other.names:
            return True
        return False if self.is_party and other.is_party else None


@dataclass(frozen=True)
class Holder:
    person_id: int
    name: str
    camp: Camp | None


@dataclass(frozen=True)
class SeatChange:
    winner: Holder
    kind: str  # REELECTED, HELD, GAIN or UNKNOWN
    previous: Holder | None  # the outgoing holder the seat is compared with

    @property
    def is_gain(self) -> bool:
        return self.kind == GAIN


def compare(winners: Sequence[Holder], outgoing: Sequence[Holder]) -> list[SeatChange]:
    """Pair each winner with an outgoing holder, in this order: the same person (re-elected),
    the same camp (held), a camp that differs (gain); a winner left without a comparable
    holder is UNKNOWN. Winners keep their order."""
    left = list(outgoing)
    found: dict[int, SeatChange] = {}

    def take(winner: Holder, kind: str, match) -> None:
        holder = next((h for h in left if match(h)), None)
        if holder is not None:
            left.remove(holder)
            found[winner.person_id] = SeatChange(winner, kind, holder)

    for winner in winners:
        take(winner, REELECTED, lambda h, w=winner: h.person_id == w.person_id)
    for winner in winners:
        if winner.person_id not in found and winner.camp:
            take(winner, HELD, lambda h, w=winner: h.camp and w.camp.same_as(h.camp) is True)
    for winner in winners:
        if winner.person_id not in found and winner.camp:
            take(winner, GAIN, lambda h, w=winner: h.camp and w.camp.same_as(h.camp) is False)
    return [found.get(w.person_id) or SeatChange(w, UNKNOWN, None) for w in winners]


def camp_of(organisation: Organisation) -> Camp:
    ids = {organisation.pk} | ({organisation.parent_id} if organisation.parent_id else set())
    is_party = organisation.kind in rules.PARTY_KINDS
    # « Groupe Les Républicains » goes by the name it shares with the party.
    full = organisation.name if is_party else organisation.name.removeprefix("Groupe ").strip()
    return Camp(
        organisation.acronym or full,
        is_party,
        frozenset(ids),
        frozenset({full, organisation.acronym}),
    )


def camps_on(person_ids: Iterable[int], day: datetime.date) -> dict[int, Camp]:
    """Each person's party on `day` (latest start first), else their Sénat group."""
    kinds = [*rules.PARTY_KINDS, OrganisationKind.PARLIAMENTARY_GROUP]
    memberships = (
        Membership.objects.current(day)
        .filter(person_id__in=list(person_ids), organisation__kind__in=kinds)
        .select_related("organisation")
        .order_by("person_id", "-start_date", "pk")
    )
    camps: dict[int, Camp] = {}
    for membership in memberships:
        camp = camp_of(membership.organisation)
        known = camps.get(membership.person_id)
        if known is None or (camp.is_party and not known.is_party):
            camps[membership.person_id] = camp
    return camps


def seat_changes(contests: Sequence[Contest]) -> dict[int, list[SeatChange]]:
    """{contest pk: its winners compared with the holders its proclamation ended}, for
    contests fetched with their official winners (`for_page()`, `for_election_page()`):
    three queries in all (one more per renewal date), one when no office was ended."""
    ended: dict[int, dict[int, Membership]] = {}
    changes = OfficeChange.objects.filter(
        contest__in=[c.pk for c in contests],
        kind=OfficeChangeKind.ENDED,
        membership__organisation__kind=OrganisationKind.ASSEMBLY,
    ).select_related("membership__person")
    for change in changes:
        ended.setdefault(change.contest_id, {})[change.membership.person_id] = change.membership
    if not ended:
        return {}
    stood = {
        (c.contest_id, c.person_id): camp_of(c.party)
        for c in Candidacy.objects.filter(contest__in=list(ended), party__isnull=False)
        .exclude(person=None)
        .select_related("party")
    }
    # The camps on the day before the seats changed hands: one query per renewal. (An end
    # an editor has since cleared leaves the others to date it; none left, no comparison.)
    eves = {
        pk: min(ends)
        for pk, held in ended.items()
        if (ends := [m.end_date for m in held.values() if m.end_date])
    }
    recorded = {
        eve: camps_on(
            [p for pk, held in ended.items() if eves.get(pk) == eve for p in held],
            eve - datetime.timedelta(days=1),
        )
        for eve in set(eves.values())
    }
    found = {}
    for contest in contests:
        outgoing = ended.get(contest.pk)
        winners = list(contest.official_winners.all())
        if not outgoing or not winners or contest.pk not in eves:
            continue
        camps = recorded[eves[contest.pk]]
        found[contest.pk] = compare(
            [
                Holder(
                    w.person_id,
                    w.person.name,
                    camp_of(w.party) if w.party_id else stood.get((contest.pk, w.person_id)),
                )
                for w in winners
            ],
            [
                Holder(pk, m.person.name, stood.get((contest.pk, pk)) or camps.get(pk))
                for pk, m in outgoing.items()
            ],
        )
    return found


def change_text(change: SeatChange) -> str:
    """« gain (FLNKS, ex-Calédonie ensemble) », « conservé (LR) », « réélu », …"""
    if change.kind == REELECTED:
        return _("siège conservé par son titulaire")
    if change.kind == HELD:
        return _("conservé (%(camp)s)") % {"camp": change.winner.camp.name}
    if change.kind == GAIN:
        return _("gain (%(camp)s, ex-%(previous)s)") % {
            "camp": change.winner.camp.name,
            "previous": change.previous.camp.name,
        }
    return _("camp du siège non renseigné")


def counts(changes: dict[int, list[SeatChange]]) -> dict[str, int]:
    """How many seats of each kind: {REELECTED: n, HELD: n, GAIN: n, UNKNOWN: n}."""
    found = {REELECTED: 0, HELD: 0, GAIN: 0, UNKNOWN: 0}
    for contest_changes in changes.values():
        for change in contest_changes:
            found[change.kind] += 1
    return found
