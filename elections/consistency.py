"""Contradictions between results and the rest of the data, for `manage.py check_data`.

- an office still shown as held on a seat that the latest proclaimed result gave to others;
- a proclaimed winner without the office the result gives;
- proclaimed winners other than those the counting rules give on the stored figures;
- figures that break the ballot arithmetic (acknowledged when published with a caveat).
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from elections.models import Contest
from elections.outcome import compute, figures_problems
from elections.services.offices import is_proclaimed
from newsroom.people import rules
from newsroom.people.consistency import Finding, admin_url
from newsroom.people.models import Membership


def latest_proclaimed() -> list[Contest]:
    """The latest proclaimed contest of each constituency, read as the contest page is."""
    latest: dict[int, Contest] = {}
    contests = Contest.objects.for_page().order_by("election__date", "pk")
    for contest in contests:
        if is_proclaimed(contest):
            latest[contest.constituency_id] = contest
    return list(latest.values())


def offices_against_results(today: datetime.date | None = None) -> list[Finding]:
    """Offices that contradict the latest proclaimed result of their constituency: a
    holder of a renewed seat still current though the result gave the seats to others,
    and a winner with no office from that result."""
    today = today or timezone.localdate()
    findings = []
    senate = Membership.objects.filter(organisation__slug=rules.SENATE_SLUG)
    for contest in latest_proclaimed():
        start = rules.senate_term_start(contest.election.date.year)
        winners = {w.person_id: w for w in contest.official_winners.all()}
        if start > today or not winners:
            continue
        names = ", ".join(w.person.name for w in winners.values())
        area = senate.filter(area=contest.constituency.name)
        held = (
            area.current(today)
            .filter(Q(start_date__isnull=True) | Q(start_date__lt=start))
            .exclude(person_id__in=winners)
            .select_related("person")
        )
        starts = area.exclude(start_date=None).values_list("start_date", flat=True)
        if len(rules.senate_series(rules.senate_renewal_years(starts))) > 1:
            # Seats of both series: only those whose term ended with this renewal.
            held = held.filter(Q(term_end__isnull=True) | Q(term_end__lte=start))
        findings += [
            Finding(
                "held_by_others",
                membership.person.name,
                _(
                    "montré(e) en fonction (%(role)s, %(area)s) alors que le résultat proclamé "
                    "de %(election)s a attribué les sièges à : %(winners)s."
                )
                % {
                    "role": membership.role,
                    "area": membership.area,
                    "election": contest.election.name,
                    "winners": names,
                },
                admin_url(membership),
            )
            for membership in held
        ]
        made = set(
            senate.filter(person_id__in=winners, start_date__gte=start).values_list(
                "person_id", flat=True
            )
        )
        findings += [
            Finding(
                "winner_without_office",
                winner.person.name,
                _(
                    "proclamé(e) élu(e) en %(area)s (%(election)s) mais sans la fonction que "
                    "ce résultat donne (manage.py reconcile_offices --election %(slug)s)."
                )
                % {
                    "area": contest.constituency.name,
                    "election": contest.election.name,
                    "slug": contest.election.slug,
                },
                admin_url(contest),
            )
            for person_id, winner in winners.items()
            if person_id not in made
        ]
    return findings


def outcome_mismatches() -> list[Finding]:
    """Proclaimed winners other than those the counting rules give on the stored figures
    (shown to readers with a caveat, so acknowledged)."""
    return [
        Finding(
            "outcome_mismatch",
            str(contest),
            _("les élus proclamés diffèrent de ceux que donnent les règles sur les chiffres."),
            admin_url(contest),
            acknowledged=True,
        )
        for contest in Contest.objects.for_page().exclude(official_winners=None).distinct()
        if compute(contest).mismatch
    ]


def ballot_arithmetic() -> list[Finding]:
    """Rounds whose figures do not add up; acknowledged when the contest publishes them
    with a caveat (`Contest.figures_caveat`)."""
    return [
        Finding(
            "ballot_arithmetic",
            str(contest),
            _("tour %(number)s : %(problem)s") % {"number": number, "problem": problem},
            admin_url(contest),
            acknowledged=bool(contest.figures_caveat),
        )
        for contest in Contest.objects.for_page().exclude(rounds=None).distinct()
        for number, problem in figures_problems(contest)
    ]


def findings(today: datetime.date | None = None) -> list[Finding]:
    return offices_against_results(today) + outcome_mismatches() + ballot_arithmetic()
