import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from newsroom.articles import body_links
from newsroom.articles.models import Article
from newsroom.articles.sanitise import clean_html
from newsroom.people.models import Person
from newsroom.validation import strip_control_characters

register = template.Library()

COVERAGE_LIMIT = 5

# As django.utils.html.json_script: no "</script>", "<!--" or "&" can survive in the output.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.inclusion_tag("articles/includes/person_coverage.html")
def person_coverage(person: Person) -> dict:
    """The coverage block of a person page, in two queries: the latest public articles
    linking the person, and the latest they signed (a journalist's byline)."""
    public = Article.objects.published().select_related("section").order_by("-published_at", "-pk")
    return {
        "person": person,
        "about": list(public.filter(persons=person)[:COVERAGE_LIMIT]),
        "signed": list(public.filter(authors=person)[:COVERAGE_LIMIT]),
    }


@register.filter
def sanitised(html: str) -> str:
    """Render stored article HTML, cleaned again at output (defence in depth: rows written
    by QuerySet.update() or raw SQL never went through Article.save())."""
    return mark_safe(clean_html(html))  # noqa: S308 - clean_html is an allow-list sanitiser


@register.filter
def body_in(html: str, language: str) -> str:
    """An article's text, sanitised, its links to the site's data pages in its language."""
    return mark_safe(body_links.in_language(clean_html(html), language))  # noqa: S308 - sanitised above


@register.filter
def xml_text(value: object) -> str:
    """Text for an XML document (the news sitemap) without control characters: XML 1.0
    forbids most, and a row written around the models may still hold one."""
    return strip_control_characters(str(value))


@register.filter
def entry_time(value) -> str:
    """ "21 h 42" / "21:42", local time: a live-blog entry's."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), _("G \\h i"))


@register.filter
def long_datetime(value) -> str:
    """ "24 septembre 2023 à 10 h 15" / "24 September 2023 at 10:15", local time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(date)s à %(time)s") % {
        "date": date_format(local, "j F Y"),
        "time": date_format(local, _("G \\h i")),
    }


@register.filter
def json_ld(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block that no field value can break out of."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
