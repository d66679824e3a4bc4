from django import template
from django.utils.safestring import SafeString, mark_safe

from newsroom.people import rules

register = template.Library()


@register.filter
def script_json(value: object) -> SafeString:
    """JSON for a <script type="application/ld+json">, escaped like json_script."""
    return mark_safe(rules.script_json(value))  # noqa: S308 - <, > and & are escaped
