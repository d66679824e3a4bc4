"""The widgets partner sites frame (`/embed/…`), and the oEmbed endpoint describing them.

A widget is a reader page of its own: cached and kept fresh like every other (its
freshness keys are those of what it shows), frameable by any site (`frame-ancestors *`,
no X-Frame-Options) while every other page refuses to be framed, and it sets no cookie and
reads no session. A counting contest's widget asks for its figures again as the contest
page does; the answer stops the polling once the count is over."""

from collections.abc import Callable

from csp.decorators import csp_replace
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from elections import display
from elections.models import Contest, Election
from elections.views import get_contest, summed_up
from newsroom.articles.models import Article
from newsroom.caching.dependencies import listing, record
from newsroom.caching.page_cache import cache_public_page
from newsroom.embeds import rules
from newsroom.embeds.rules import Kind
from newsroom.htmx import poll_answer, wants_fragment
from newsroom.people.models import Person
from newsroom.people.offices import current

# What a widget shows: a contest, an election, a person or an article.
Embedded = Contest | Election | Person | Article

# What a person's widget lists of the articles citing them.
COVERAGE_LIMIT = 3


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Frameable by any site: the one exception to `frame-ancestors 'none'` and
    X-Frame-Options DENY."""
    return csp_replace({"frame-ancestors": ["*"]})(xframe_options_exempt(view))


def widget(request: HttpRequest, template: str, context: dict, *, live: bool) -> HttpResponse:
    """The whole widget (never indexed: its page is)."""
    response = render(request, f"embeds/{template}", {**context, "live": live})
    response["X-Robots-Tag"] = "noindex"
    return response


def polled_widget(
    request: HttpRequest, template: str, context: dict, *, live: bool
) -> HttpResponse:
    """A widget with a live part (`embeds/partials/<template>`), which its own poll asks
    for."""
    if wants_fragment(request):
        fragment = render(request, f"embeds/partials/{template}", {**context, "live": live})
        return poll_answer(fragment, go_on=live)
    return widget(request, template, context, live=live)


@cache_public_page
@require_GET
@vary_on_headers("HX-Request")
@embeddable
def contest(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    contest = get_contest(slug, code)
    view = display.contest_view(contest)
    context = {"contest": contest, "view": view, "table": view.table(None)}
    return polled_widget(request, "contest.html", context, live=contest.is_live)


@cache_public_page
@require_GET
@vary_on_headers("HX-Request")
@embeddable
def election(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(Election.objects.all(), slug=slug)
    views = summed_up(election)
    context = {
        "election": election,
        "parties": display.seats_by_party(views),
        "seats": sum(view.contest.seats for view in views),
        "decided": sum(1 for view in views if view.decided),
        "contests": len(views),
    }
    live = any(view.contest.is_live for view in views)
    return polled_widget(request, "election.html", context, live=live)


@cache_public_page
@require_GET
@embeddable
def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_page(), slug=slug)
    record(listing(person, person.pk))  # the articles about them
    now = current(person)
    context = {
        "person": person,
        "current": now.offices,
        "parties": now.parties,
        "articles": display.latest_articles(person, COVERAGE_LIMIT),
    }
    return widget(request, "person.html", context, live=False)


def published_article(slug: str) -> Article:
    """An article readers may see (never a draft, whoever asks), or 404."""
    return get_object_or_404(Article.objects.published().for_listing(), slug=slug)


@cache_public_page
@require_GET
@embeddable
def article(request: HttpRequest, slug: str) -> HttpResponse:
    article = published_article(slug)
    if article.language != get_language():
        # In its own language, as its page.
        return redirect(embed_url(Kind.ARTICLE, article), permanent=True)
    return widget(request, "article.html", {"article": article}, live=False)


def embed_url(kind: Kind, obj: Embedded) -> str:
    """The widget's path for a contest, election, person or article."""
    args = (obj.election.slug, obj.constituency.code) if kind is Kind.CONTEST else (obj.slug,)
    if kind is Kind.ARTICLE:
        with translation.override(obj.language):  # in its own language, as its page
            return reverse("embeds:article", args=args)
    return reverse(f"embeds:{kind}", args=args)


def frame(request: HttpRequest, kind: Kind, obj: Embedded, *, rows: int) -> rules.Frame:
    """The frame of a widget as a partner would paste it (absolute address, title, the
    height for `rows` rows)."""
    return rules.Frame(
        src=request.build_absolute_uri(embed_url(kind, obj)),
        title=title(kind, obj),
        height=rules.height(kind, rows),
    )


def title(kind: Kind, obj: Embedded) -> str:
    """The frame's accessible name (and oEmbed's title), in the active language."""
    if kind is Kind.CONTEST:
        return f"{obj.constituency.label} — {obj.election.label}"
    if kind is Kind.ELECTION:
        return str(obj.label)
    if kind is Kind.PERSON:
        return obj.name
    return obj.title


def person_rows(person: Person) -> int:
    """A person widget lists their current offices and (at most) the latest articles citing
    them; the height counts those articles as many as it may list, without a query."""
    return len(current(person).offices) + COVERAGE_LIMIT


def contest_rows(view: display.ContestView) -> int:
    """A contest widget lists the deciding round's rows, or without figures its winners."""
    table = view.table(None)
    return len(table.rows) if table else len(view.winners)
