from django import template

register = template.Library()


@register.inclusion_tag("elections/includes/person_history.html")
def person_election_history(person) -> dict:
    """The election-history block of a person page (candidacies and results)."""
    return {"person": person}
