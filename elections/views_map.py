"""The election map page, its side panel and its search: one URL, three renderings.

`/elections/<slug>/carte/?circonscription=988` is the page with New Caledonia's panel open
(shareable); an htmx request aimed at the panel or at the search results gets only that
fragment. A history-restore request (back button after a cache miss) gets the whole page.
"""

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from elections import display, seats
from elections import map as electionmap
from elections.freshness import election_results, summing_up
from elections.models import Election
from elections.models.calls import calls_prefetch
from newsroom.caching.dependencies import listing, record
from newsroom.caching.page_cache import cache_public_page
from newsroom.htmx import wants_fragment

PAGE = "elections/map.html"
PANEL = "elections/partials/map_panel.html"
SEARCH = "elections/partials/map_search.html"
IMAGE = "elections/map_image.html"
PANEL_ID = "map-panel"
SEARCH_ID = "map-search-results"


def panel_context(election: Election, row: electionmap.MapRow | None) -> dict:
    if row is not None:
        prefetch_related_objects([row.contest], calls_prefetch())  # the panel says its state
    return {
        "election": election,
        "map_url": reverse("elections:map", kwargs={"slug": election.slug}),
        "row": row,
        "articles": display.latest_articles(row.contest) if row else [],
    }


def fragment_target(request: HttpRequest) -> str | None:
    return request.htmx.target if wants_fragment(request) else None


def panel(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The panel alone: only the one contest is read."""
    election = get_object_or_404(Election.objects.all(), slug=slug)
    row = None
    if code:
        with summing_up(election.pk):
            contest = get_object_or_404(
                election.contests.for_election_page(), constituency__code=code
            )
        row = electionmap.map_rows([contest])[0]
        record(listing(contest, contest.pk))
    return render(request, PANEL, panel_context(election, row))


# The map's two views: winners by party (default), seats that changed camp.
CHANGES_VIEW = "changements"


@cache_public_page(query=("circonscription", "q", "tri", "vue"), free_text=True)
@require_GET
@vary_on_headers("HX-Request", "HX-Target", "HX-History-Restore-Request")
def election_map(request: HttpRequest, slug: str) -> HttpResponse:
    code = request.GET.get("circonscription", "").strip()
    if "\x00" in code:  # PostgreSQL refuses NUL in a string; no code has one
        raise Http404("Unknown constituency")
    target = fragment_target(request)
    if target == PANEL_ID:
        return panel(request, slug, code)
    election = get_object_or_404(Election.objects.all(), slug=slug)
    record(election_results(election.pk))
    with summing_up(election.pk):
        contests = list(election.contests.for_election_page())
    changes = seats.seat_changes(contests) if request.GET.get("vue") == CHANGES_VIEW else None
    rows = electionmap.map_rows(contests, changes)
    found = electionmap.search(rows, request.GET.get("q", "").strip())
    if target == SEARCH_ID:
        return render(
            request, SEARCH, {"election": election, "found": found, "map_url": request.path}
        )
    selected = next((row for row in rows if row.code == code), None)
    if code and selected is None:
        raise Http404("Unknown constituency")
    if selected is not None:
        record(listing(selected.contest, selected.contest.pk))  # the panel's articles
    sort = request.GET.get("tri", "")
    sort = sort if sort in electionmap.SORTS else electionmap.DEFAULT_SORT
    return render(
        request,
        PAGE,
        {
            **panel_context(election, selected),
            **map_context(rows),
            **(
                {"legend": electionmap.change_legend(rows, changes), "changes_view": True}
                if changes is not None
                else {}
            ),
            "changes_view_name": CHANGES_VIEW,
            "table_rows": sorted(rows, key=electionmap.SORTS[sort]),
            "sort": sort,
            "found": found,
            "not_renewed": electionmap.not_renewed(rows),
            "seats": sum(row.seats for row in rows),
            "elected": sum(len(row.winners) for row in rows),
            "sources": sorted({u.source for row in rows for u in row.contest.updates.all()}),
        },
    )


def map_context(rows: list[electionmap.MapRow]) -> dict:
    """What the SVG needs, on the page and in the image."""
    return {
        "viewbox": electionmap.geometry()["viewBox"],
        "insets": electionmap.geometry()["insets"],
        "shapes": electionmap.shapes(rows),
        "boxes": electionmap.boxes(rows),
        "patterns": electionmap.patterns(rows),
        "legend": electionmap.legend(rows),
        "hatch_id": electionmap.HATCH_ID,
        "stripe_width": electionmap.STRIPE_WIDTH,
    }


@cache_public_page
@require_GET
@cache_control(public=True, max_age=300)
def map_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The same map as a static SVG image (the small map shown on articles)."""
    election = get_object_or_404(Election.objects.all(), slug=slug)
    record(election_results(election.pk))
    with summing_up(election.pk):
        rows = electionmap.map_rows(election.contests.for_election_page())
    return render(
        request,
        IMAGE,
        {"election": election, **map_context(rows)},
        content_type="image/svg+xml; charset=utf-8",
    )
