"""Race calls written by the results desk: a call or its withdrawal, checked against the
rules of `elections/calls.py` and the figures entered, in one transaction."""

import datetime
from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from elections import calls as rules
from elections.call_display import standing_call
from elections.models import Contest, RaceCall, raise_problems
from elections.models.calls import calls_prefetch
from elections.outcome import compute
from newsroom.caching.dependencies import batched
from newsroom.people.models import Person

CALL_PERMISSION = "elections.call_race"


def call_facts(contest: Contest) -> rules.CallFacts:
    """What deciding on a call needs, from a contest fetched with `for_page()`."""
    outcome = compute(contest)
    computed = None
    if outcome.has_figures:
        computed = tuple(seat.person.pk for seat in outcome.seats if seat.person is not None)
    current = standing_call(contest)
    return rules.CallFacts(
        standing=current.kind if current else None,
        seats=contest.seats,
        computed=computed,
        proclaimed=tuple(sorted(outcome.official_person_ids)),
    )


def contenders(contest: Contest) -> list[Person]:
    """Who a call may name: the persons standing in the contest, alone or on a list."""
    persons = {}
    for candidacy in contest.candidacies.all():
        if candidacy.person_id:
            persons[candidacy.person_id] = candidacy.person
        for member in candidacy.members.all():
            persons[member.person_id] = member.person
    return sorted(persons.values(), key=lambda person: (person.sort_name, person.pk))


@batched()  # the contest's keys stamped once, after it commits
@transaction.atomic
def make_call(
    *,
    contest: Contest,
    kind: str,
    winners: Sequence[Person],
    source: str,
    by: AbstractBaseUser,
    source_detail: str = "",
    note: str = "",
    confirmed: bool = False,
    called_at: datetime.datetime | None = None,
    time_precision: str = "minute",
) -> RaceCall:
    """Record a call on `contest` (fetched with `for_page()`), or raise ValidationError
    keyed by field. A call naming other winners than the figures give needs `confirmed`,
    and is flagged on the desk."""
    # Two editors calling the same race at once: the second sees the first's call.
    Contest.objects.select_for_update().get(pk=contest.pk)
    contest = Contest.objects.for_page().get(pk=contest.pk)
    facts = call_facts(contest)
    allowed_ids = {person.pk for person in contenders(contest)}
    winner_ids = [person.pk for person in winners]
    if any(pk not in allowed_ids for pk in winner_ids):
        raise_problems([("winners", _("Une personne indiquée ne se présente pas à ce scrutin."))])
    raise_problems(
        rules.call_problems(
            facts=facts,
            kind=kind,
            winners=winner_ids,
            source=source,
            confirmed=confirmed,
            allowed=by.has_perm(CALL_PERMISSION),
        )
    )
    call = RaceCall(
        contest=contest,
        kind=kind,
        source=source,
        source_detail=source_detail,
        note=note,
        called_at=called_at or timezone.now(),
        time_precision=time_precision,
        called_by=by,
        against_count=rules.disagrees(rules.named(facts, kind, winner_ids), facts.computed),
    )
    call._history_user = by
    call.full_clean()
    call.save()
    call.winners.set(winner_ids)
    return call


@batched()
@transaction.atomic
def withdraw_call(*, call: RaceCall, reason: str, by: AbstractBaseUser) -> RaceCall:
    """Withdraw the contest's standing call with the reason readers will see; the call
    before it stands again."""
    # As `make_call`: one change to a contest's calls at a time.
    Contest.objects.select_for_update().get(pk=call.contest_id)
    call = RaceCall.objects.get(pk=call.pk)
    current = standing_call(
        Contest.objects.prefetch_related(calls_prefetch()).get(pk=call.contest_id)
    )
    raise_problems(
        rules.withdrawal_problems(
            withdrawn=call.withdrawn,
            standing=current is not None and current.pk == call.pk,
            reason=reason,
            allowed=by.has_perm(CALL_PERMISSION),
        )
    )
    call.withdrawn_at = timezone.now()
    call.withdrawn_by = by
    call.withdrawal_reason = reason.strip()
    call._history_user = by
    call.full_clean()  # the reason's text is checked like any other (control characters)
    call.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    return call
