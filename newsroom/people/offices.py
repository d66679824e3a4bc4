"""A person's offices as the pages show them (their page, their widget, the feeds that
follow them): dates in words, the current ones apart from their parties."""

from dataclasses import dataclass

from django.utils import timezone

from newsroom.people import rules
from newsroom.people.models import EndReason, Membership, Organisation, Person


@dataclass(frozen=True)
class Office:
    """A membership with its dates in words, as the pages show it."""

    membership: Membership
    period: str
    years: str


def end_reason(membership: Membership) -> str:
    """Why an office stopped, in words: the recorded reason, or the end of its term when it
    stopped at its natural end."""
    if membership.end_date or membership.ended:
        return membership.get_end_reason_display()
    return str(EndReason.END_OF_TERM.label) if membership.term_end else ""


def offices(memberships: list[Membership]) -> list[Office]:
    today = timezone.localdate()
    found = []
    for m in memberships:
        stop = rules.stop_date(m.end_date, m.term_end, ended=m.ended)
        found.append(
            Office(
                membership=m,
                period=rules.period_phrase(m.start_date, stop, today, end_reason(m), ended=m.ended),
                years=rules.short_period(m.start_date, stop, today, ended=m.ended),
            )
        )
    return found


@dataclass(frozen=True)
class Current:
    memberships: list[Membership]  # every current one, parties included
    offices: list[Office]  # the offices, parties apart
    parties: list[Organisation]  # their parties, else those they sit for


def current(person: Person) -> Current:
    """What a person holds today, from their memberships as loaded (`for_page`: no query)."""
    now, _past = rules.split_current_past(person.memberships.all(), timezone.localdate())
    parties = [m.organisation for m in now if m.organisation.kind in rules.PARTY_KINDS]
    return Current(
        memberships=now,
        offices=offices([m for m in now if m.organisation.kind not in rules.PARTY_KINDS]),
        parties=parties or [m.on_behalf_of for m in now if m.on_behalf_of],
    )
