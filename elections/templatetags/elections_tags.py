from django import template
from django.conf import settings
from django.utils.translation import get_language

from elections import display, seats
from elections import map as electionmap
from elections.call_display import CallStatus, call_status
from elections.freshness import contest_figures
from elections.models import Contest
from newsroom.caching.dependencies import record

register = template.Library()


@register.simple_tag
def results_poll_seconds() -> int:
    """How often a counting contest's figures are asked again, wherever they are shown."""
    return settings.RESULTS_POLL_SECONDS


@register.filter
def elected(person, round_number: int | None) -> str:
    """« élu », « élue au second tour »…: `display.elected_word`."""
    return display.elected_word(person, round_number)


@register.filter
def seat_change(change) -> str:
    """« gain (FLNKS, ex-Calédonie ensemble) », « conservé (LR) »…: `seats.change_text`."""
    return seats.change_text(change)


@register.inclusion_tag("elections/includes/person_history.html")
def person_election_history(person) -> dict:
    """The election-history block of a person page (candidacies and results)."""
    contests = list(Contest.objects.for_person_history(person))
    record(*(contest_figures(contest.pk) for contest in contests))  # a first round entered
    return {"person": person, "entries": display.person_history(person, contests)}


@register.inclusion_tag("elections/includes/mini_map.html")
def election_mini_maps(contests, labels_language: str = "") -> dict:
    """The small map of each election an article's contests belong to, where the map can
    draw them. Reads contests fetched with their election
    (as the article page reads them): no query."""
    drawn = electionmap.drawn_codes()
    elections = {c.election_id: c.election for c in contests if c.constituency.code in drawn}
    return {
        "elections": list(elections.values()),
        "labels_language": labels_language or get_language(),
    }


@register.filter
def call_state(contest) -> CallStatus:
    """Which state the contest's result is in (race calls); its calls prefetched
    (`calls_prefetch`)."""
    return call_status(contest)
