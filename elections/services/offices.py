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
    OfficialWinner,
)
from elections.services.matching import update_fields
from newsroom.people import rules
from newsroom.people.models import EndReason, Membership, Organisation, OrganisationKind
from newsroom.people.services import upsert
from newsroom.translated import in_english


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
        {"slug": rules.SENATE_SLUG},
        {
            **rules.SENATE_NAMES,
            "kind": OrganisationKind.ASSEMBLY,
            "term_years": rules.SENATE_TERM_YEARS,
        },
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
                "role_en": in_english(rules.senator_title, winner.person.gender),
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
            _remove_started(change, report)
    ended = {pk for pk, c in changes.items() if c.kind == OfficeChangeKind.ENDED}
    seats = Membership.objects.filter(organisation=organisation, area=contest.constituency.name)
    leaving = outgoing(seats, start=start, already=ended, keep=keep)
    candidates = stood(contest)
    groups = Membership.objects.filter(
        organisation__parent=organisation,
        organisation__kind=OrganisationKind.PARLIAMENTARY_GROUP,
    )
    # A senator elected nowhere in this renewal leaves their Sénat group on the eve; one
    # elected here or in another constituency keeps the group the roster last records.
    elected = set(
        OfficialWinner.objects.filter(
            contest__election=contest.election, contest__status=ContestStatus.FINAL
        ).values_list("person_id", flat=True)
    )
    departures = {m.person_id for m in leaving} - elected - winner_ids
    leaving += outgoing(
        groups.filter(person_id__in=departures), start=start, already=ended, keep=keep
    )
    _extend_groups(contest, groups.filter(person_id__in=winner_ids), changes, start, report)
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


def _extend_groups(contest, groups, changes, start: datetime.date, report) -> None:
    """The Sénat groups of the re-elected run to the end of their new term (recorded, so
    a withdrawal brings their previous term end back)."""
    extended = {pk for pk, c in changes.items() if c.kind == OfficeChangeKind.EXTENDED}
    term_end = rules.senate_term_end(start, {start.year})
    running = groups.filter(end_date__isnull=True, ended=False).filter(
        Q(term_end__lte=start) | Q(pk__in=extended)
    )
    kept = set()
    for membership in running:
        kept.add(membership.pk)
        if membership.pk not in changes:
            OfficeChange.objects.create(
                contest=contest,
                membership=membership,
                kind=OfficeChangeKind.EXTENDED,
                previous_term_end=membership.term_end,
            )
            report.updated += 1
        update_fields(membership, {"term_end": term_end})
    _withdraw([changes[pk] for pk in extended - kept], report)


def _remove_started(change: OfficeChange, report: OfficeReport) -> None:
    """An office a result started goes with it, unless an editor has since recorded its
    end (a resignation, « terminée »): that is kept, with its record."""
    membership = change.membership
    if membership.end_date is None and not membership.ended:
        membership.delete()  # the change row goes with it
        report.removed += 1


def _withdraw(changes: list[OfficeChange], report: OfficeReport) -> None:
    """Undo recorded changes: offices a result started go (`_remove_started`), offices it
    ended get their previous end back, groups it extended their previous term end."""
    for change in changes:
        membership = change.membership
        if change.kind == OfficeChangeKind.STARTED:
            _remove_started(change, report)
            continue
        if change.kind == OfficeChangeKind.EXTENDED:
            update_fields(membership, {"term_end": change.previous_term_end})
        else:
            update_fields(
                membership,
                {"end_date": change.previous_end_date, "end_reason": change.previous_end_reason},
            )
        change.delete()
        report.restored += 1


@transaction.atomic
def withdraw_offices(*, contest: Contest) -> OfficeReport:
    """Undo what `contest` did to the offices, before the contest itself is deleted."""
    report = OfficeReport()
    _withdraw(list(contest.office_changes.select_related("membership")), report)
    return report


def sync_election_offices(*, contests) -> OfficeReport:
    """`sync_offices` for each contest of `contests` (a queryset), in one transaction."""
    report = OfficeReport()
    with transaction.atomic():
        for contest in contests.order_by("pk"):
            report.add(sync_offices(contest=contest))
    return report
