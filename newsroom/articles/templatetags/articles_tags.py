from django import template

register = template.Library()


@register.inclusion_tag("articles/includes/person_coverage.html")
def person_coverage(person) -> dict:
    """The coverage block of a person page: latest articles about or by the person."""
    return {"person": person}
