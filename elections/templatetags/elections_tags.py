from django import template

from elections import display
from elections.models import Contest

register = template.Library()


@register.inclusion_tag("elections/includes/person_history.html")
def person_election_history(person) -> dict:
    """The election-history block of a person page (candidacies and results)."""
    contests = Contest.objects.for_person_history(person)
    return {"person": person, "entries": display.person_history(person, contests)}
