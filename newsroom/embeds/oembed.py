"""`/oembed`: what a consumer (a CMS, a social network) needs to embed one of our pages —
a contest, an election, a person or an article — as its widget (oEmbed 1.0, type `rich`).

Only our own pages: a URL on another host, or of a page that has no widget, or of
something readers cannot see (an unpublished article) is a 404; any format but JSON is a
501, as the specification asks."""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from elections import display
from elections.models import Election
from elections.views import get_contest, summed_up
from newsroom.caching.page_cache import cache_public_page
from newsroom.context_processors import site_name
from newsroom.embeds import rules, views
from newsroom.embeds.rules import Kind
from newsroom.people.models import Person

# The pages (and widgets) a URL may name, by view name.
KINDS = {
    "elections:contest": Kind.CONTEST,
    "embeds:contest": Kind.CONTEST,
    "elections:election": Kind.ELECTION,
    "embeds:election": Kind.ELECTION,
    "people:person": Kind.PERSON,
    "embeds:person": Kind.PERSON,
    "articles:detail": Kind.ARTICLE,
    "embeds:article": Kind.ARTICLE,
}


def not_found(reason: str) -> HttpResponse:
    return HttpResponse(reason, status=404, content_type="text/plain; charset=utf-8")


DEFAULT_PORTS = {"http": 80, "https": 443}


def site_of(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, the port None when it is its scheme's own (said or
    not: `https://x:443/` is `https://x/`, and `http://x/` the same site); None for any
    other URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # not a URL, or a port out of range
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.hostname, None if port in (None, DEFAULT_PORTS[parts.scheme]) else port


def page_of(url: str, ours: str) -> tuple[Kind, dict, str] | None:
    """Which of our pages (`ours`: this site's address, scheme and host) a URL names: its
    kind, its arguments and its language; None for another site or a page without a
    widget."""
    theirs = site_of(url)
    if theirs is None or theirs != site_of(ours):
        return None
    path = unquote(urlsplit(url).path) or "/"
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    kind = KINDS.get(match.view_name)
    return (kind, match.kwargs, language) if kind else None


def described(request: HttpRequest, kind: Kind, kwargs: dict) -> rules.Frame:
    """The widget's frame for the page's object (Http404 when readers cannot see it)."""
    if kind is Kind.CONTEST:
        contest = get_contest(kwargs["slug"], kwargs["code"], with_articles=False)
        return views.frame(
            request, kind, contest, rows=views.contest_rows(display.contest_view(contest))
        )
    if kind is Kind.ELECTION:
        election = get_object_or_404(Election.objects.all(), slug=kwargs["slug"])
        parties = display.seats_by_party(summed_up(election))
        return views.frame(request, kind, election, rows=len(parties))
    if kind is Kind.PERSON:
        person = get_object_or_404(Person.objects.for_page(), slug=kwargs["slug"])
        return views.frame(request, kind, person, rows=views.person_rows(person))
    article = views.published_article(kwargs["slug"])
    return views.frame(request, kind, article, rows=0)


@cache_public_page(query=("url", "format", "maxwidth", "maxheight"), free_text=True)
@require_GET
def oembed(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "json")
    if fmt != "json":
        return HttpResponse(
            "Only the json format is offered.", status=501, content_type="text/plain; charset=utf-8"
        )
    url = request.GET.get("url", "")
    if not url:
        return HttpResponse(
            "The url parameter is required.", status=400, content_type="text/plain; charset=utf-8"
        )
    try:
        maxwidth = rules.parse_size(request.GET.get("maxwidth"), "maxwidth")
        maxheight = rules.parse_size(request.GET.get("maxheight"), "maxheight")
    except rules.BadSize as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    page = page_of(url, request.build_absolute_uri("/"))
    if page is None:
        return not_found("No embeddable page of this site has this URL.")
    kind, kwargs, language = page
    with translation.override(language):
        try:
            frame = described(request, kind, kwargs)
        except Http404:
            return not_found("No embeddable page of this site has this URL.")
        payload = rules.oembed(
            frame=frame,
            maxwidth=maxwidth,
            maxheight=maxheight,
            provider=site_name(request),
            provider_url=request.build_absolute_uri(reverse("home")),
        )
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    # Public data without credentials: an editor's page on another site may ask from the
    # browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response
