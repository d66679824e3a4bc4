from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from elections.display import ContestView
from newsroom.embeds import rules, views
from newsroom.embeds.rules import Kind

register = template.Library()


@register.simple_tag(takes_context=True)
def oembed_link(context) -> str:
    """The page's oEmbed discovery link (`<link rel="alternate"
    type="application/json+oembed">`)."""
    request = context.get("request")
    if request is None:
        return ""
    query = urlencode({"url": request.build_absolute_uri(request.path), "format": "json"})
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}?{}" title="{}">',
        request.build_absolute_uri(reverse("oembed")),
        query,
        _("Module à intégrer (oEmbed)"),
    )


@register.inclusion_tag("embeds/includes/embed_code.html", takes_context=True)
def embed_code(context, kind: str, obj, rows: int | None = None) -> dict:
    """The « Intégrer » panel of a page: its widget's code, at a fixed height and
    responsive. `obj`: the contest's `ContestView`, the election (with `rows`, its parties)
    or the person."""
    request = context["request"]
    kind = Kind(kind)
    if isinstance(obj, ContestView):
        obj, rows = obj.contest, views.contest_rows(obj)
    elif kind is Kind.PERSON:
        rows = views.person_rows(obj)
    frame = views.frame(request, kind, obj, rows=rows or 0)
    return {
        "frame": frame,
        "fixed": frame.fixed(),
        "responsive": frame.responsive(),
        "polls": kind in rules.POLLED,
    }
