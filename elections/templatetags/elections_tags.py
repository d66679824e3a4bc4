from django import template

from elections import display
from elections.models import Candidacy, OfficialWinner

register = template.Library()


@register.inclusion_tag("elections/includes/person_history.html")
def person_election_history(person) -> dict:
    """The election-history block of a person page (candidacies and results)."""
    wins = OfficialWinner.objects.filter(person=person).select_related(
        "contest__election", "contest__constituency"
    )
    entries = display.person_history(person, Candidacy.objects.for_person_history(person), wins)
    return {"person": person, "entries": entries}
