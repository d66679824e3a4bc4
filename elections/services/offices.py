"""Offices follow results: a proclaimed senate result gives each winner their office and
ends the offices of the seats' outgoing holders; a withdrawn proclamation puts them back.

`sync_offices` makes the people app's offices agree with one contest, whatever it did
before: run it after anything that may proclaim or withdraw a result (an import, the
results desk, the admin) and as often as wanted; a second run changes nothing. Every office
it starts or ends is recorded (`OfficeChange`) with what it replaced, which is how a
withdrawal restores the offices as they were, and how an editor sees which result made them.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from elections.models import (
    Contest,
    ContestStatus,
    ElectionKind,
    OfficeChange,
    OfficeChangeKind,
)
from elections.services.matching import update_fields
from newsroom.people import rules
from newsroom.people.models import EndReason, Membership, Organisation, OrganisationKind
from newsroom.people.services import SENATE_SLUG, upsert


@dataclass
class OfficeReport:
    started: int = 0
    updated: int = 0
    ended: int = 0
    restored: int = 0
    removed: int = 0

    def add(self, other: "OfficeReport") -> None:
        for name in ("started", "updated", "ended", "restored", "removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def changed(self) -> bool:
        return any((self.started, self.updated, self.ended, self.restored, self.removed))

    def lines(self) -> list[str]:
        if not self.changed:
            return [_("Aucun changement : les données sont déjà à jour.")]
        return [
            _(
                "fonctions : %(started)d créées, %(updated)d mises à jour, %(ended)d terminées, "
                "%(restored)d rétablies, %(removed)d retirées"
            )
            % vars(self)
        ]


def is_proclaimed(contest: Contest) -> bool:
    """A senate contest whose results are final, on a known date (the term starts from it);
    its proclaimed winners are the `OfficialWinner` rows."""
    return (
        contest.status == ContestStatus.FINAL
        and contest.election.kind == ElectionKind.SENATE
        and contest.election.date is not None
    )


def office_key(contest: Contest, person_id: int) -> str:
    """The `Membership.source_key` of the office a contest gave a person."""
    return f"scrutin:{contest.pk}:{person_id}"


def senate() -> Organisation:
    organisation, _status = upsert(
        Organisation,
        {"slug": SENATE_SLUG},
        {"name": "Sénat", "kind": OrganisationKind.ASSEMBLY, "term_years": rules.SENATE_TERM_YEARS},
    )
    return organisation


def stood(contest: Contest) -> set[int]:
    """The persons who stood in the contest: candidates and the list members on file."""
    ids = set(contest.candidacies.exclude(person=None).values_list("person_id", flat=True))
    return ids | set(contest.candidacies.values_list("members__person_id", flat=True)) - {None}


def outgoing(
    memberships, *, start: datetime.date, already: set[int], keep: set[int]
) -> list[Membership]:
    """Offices of `memberships` held on the eve of the new term whose term ends with this
    renewal (or whose term is unknown); those this contest already ended come back too."""
    eve = start - datetime.timedelta(days=1)
    held = (
        Q(start_date__isnull=True) | Q(start_date__lt=start),
        Q(end_date__isnull=True) | Q(end_date__gt=eve),
        Q(term_end__isnull=True) | Q(term_end__lte=start),
    )
    found = memberships.filter(Q(*held) | Q(pk__in=already)).exclude(pk__in=keep)
    return list(found.select_related("person"))


@transaction.atomic
def sync_offices(*, contest: Contest) -> OfficeReport:
    """Make the offices agree with `contest`: proclaimed, its winners hold the seat from the
    first day of the new term to the end of that term, on behalf of their party, and the
    outgoing holders of the constituency's renewed seats (and their Sénat group, when they
    leave) stop on the eve of it, "défaite" if they stood and lost, "fin de mandat"
    otherwise. Not proclaimed (any more), what it did is undone."""
    report = OfficeReport()
    contest = Contest.objects.select_related("election", "constituency").get(pk=contest.pk)
    changes = {c.membership_id: c for c in contest.office_changes.select_related("membership")}
    if not is_proclaimed(contest):
        _withdraw(list(changes.values()), report)
        return report
    winners = list(contest.official_winners.select_related("person"))
    if not winners:
        _withdraw(list(changes.values()), report)
        return report
    organisation = senate()
    start = rules.senate_term_start(contest.election.date.year)
    eve = start - datetime.timedelta(days=1)
    winner_ids = {winner.person_id for winner in winners}
    made = {
        m.source_key: m
        for m in Membership.objects.filter(
            source_key__in=[office_key(contest, pk) for pk in winner_ids]
        )
    }
    keep: set[int] = set()
    with translation.override("fr"):  # labels are stored in French
        for winner in winners:
            # What the result says; an end recorded later (a resignation) is the editors'.
            values = {
                "person_id": winner.person_id,
                "organisation_id": organisation.pk,
                "role": rules.senator_title(winner.person.gender),
                "area": contest.constituency.name,
                "start_date": start,
                "term_end": rules.senate_term_end(start, {start.year}),
                "on_behalf_of_id": winner.party_id,
            }
            key = office_key(contest, winner.person_id)
            membership = made.get(key)
            if membership is None:
                membership = Membership.objects.create(source_key=key, **values)
            elif update_fields(membership, values):
                report.updated += 1
            keep.add(membership.pk)
            if membership.pk not in changes:
                OfficeChange.objects.create(
                    contest=contest, membership=membership, kind=OfficeChangeKind.STARTED
                )
                report.started += 1
    for change in changes.values():  # a winner no longer proclaimed loses the office
        if change.kind == OfficeChangeKind.STARTED and change.membership_id not in keep:
            change.membership.delete()
            report.removed += 1
    ended = {pk for pk, c in changes.items() if c.kind == OfficeChangeKind.ENDED}
    seats = Membership.objects.filter(organisation=organisation, area=contest.constituency.name)
    leaving = outgoing(seats, start=start, already=ended, keep=keep)
    candidates = stood(contest)
    departures = {m.person_id for m in leaving} - winner_ids
    groups = Membership.objects.filter(
        organisation__parent=organisation,
        organisation__kind=OrganisationKind.PARLIAMENTARY_GROUP,
        person_id__in=departures,
    )
    leaving += outgoing(groups, start=start, already=ended, keep=keep)
    still = set()
    for membership in leaving:
        defeated = membership.person_id in candidates and membership.person_id not in winner_ids
        reason = EndReason.DEFEAT if defeated else EndReason.END_OF_TERM
        still.add(membership.pk)
        change = changes.get(membership.pk)
        if change is None:
            OfficeChange.objects.create(
                contest=contest,
                membership=membership,
                kind=OfficeChangeKind.ENDED,
                previous_end_date=membership.end_date,
                previous_end_reason=membership.end_reason,
            )
            report.ended += 1
        if (membership.end_date, membership.end_reason) != (eve, reason):
            membership.end_date, membership.end_reason = eve, reason
            membership.save(update_fields=["end_date", "end_reason"])
            report.updated += change is not None
    _withdraw([changes[pk] for pk in ended - still], report)
    return report


def _withdraw(changes: list[OfficeChange], report: OfficeReport) -> None:
    """Undo recorded changes: offices a result started go, offices it ended get their
    previous end back."""
    for change in changes:
        membership = change.membership
        if change.kind == OfficeChangeKind.STARTED:
            membership.delete()  # the change row goes with it
            report.removed += 1
            continue
        previous = (change.previous_end_date, change.previous_end_reason)
        if previous != (membership.end_date, membership.end_reason):
            membership.end_date, membership.end_reason = previous
            membership.save(update_fields=["end_date", "end_reason"])
        change.delete()
        report.restored += 1


def sync_election_offices(*, contests) -> OfficeReport:
    """`sync_offices` for each contest of `contests` (a queryset), in one transaction."""
    report = OfficeReport()
    with transaction.atomic():
        for contest in contests.order_by("pk"):
            report.add(sync_offices(contest=contest))
    return report
