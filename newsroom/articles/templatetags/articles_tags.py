from django import template
from django.utils.safestring import mark_safe

from newsroom.articles.sanitise import clean_html

register = template.Library()


@register.inclusion_tag("articles/includes/person_coverage.html")
def person_coverage(person) -> dict:
    """The coverage block of a person page: latest articles about or by the person."""
    return {"person": person}


@register.filter
def sanitised(html: str) -> str:
    """Render stored article HTML, cleaned again at output (defence in depth: rows written
    by QuerySet.update() or raw SQL never went through Article.save())."""
    return mark_safe(clean_html(html))  # noqa: S308 - clean_html is an allow-list sanitiser
