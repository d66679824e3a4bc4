import csv
import re

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from elections import display, seats
from elections.freshness import contest_figures, election_results, summing_up
from elections.importers import RESULTS_COLUMNS
from elections.models import Contest, Election
from elections.models.calls import calls_prefetch
from elections.models.contests import winners_prefetch
from newsroom.caching.dependencies import listing, record
from newsroom.caching.page_cache import cache_public_page
from newsroom.htmx import poll_answer, wants_fragment

PAGE = "elections/contest.html"
FRAGMENT = "elections/partials/results.html"


def get_contest(slug: str, code: str, *, with_articles: bool = True) -> Contest:
    """A contest by its election and code, or 404, recording what a page of it shows: its
    figures (recorded here too: a contest with no round yet loads none, and its first round
    must appear) and, unless not `with_articles` (its share image lists none), the articles
    about it."""
    if "\x00" in code:  # PostgreSQL refuses NUL in a string; no code has one
        raise Http404("No such contest.")
    contest = get_object_or_404(
        Contest.objects.for_page(), election__slug=slug, constituency__code=code
    )
    record(contest_figures(contest.pk))
    if with_articles:
        record(listing(contest, contest.pk))
    return contest


def selected_round(request: HttpRequest) -> int | None:
    value = request.GET.get("tour", "")
    # isdigit() alone accepts "²" and other digits int() refuses.
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


def contest_context(request: HttpRequest, contest: Contest) -> dict:
    view = display.contest_view(contest)
    return {
        "contest": contest,
        "view": view,
        "table": view.table(selected_round(request)),
        "seat_changes": seats.seat_changes([contest]).get(contest.pk, []),
    }


def summed_up(election: Election) -> list[display.ContestView]:
    """An election's contests as its page sums them up (its page, its widget), recording
    what they show."""
    record(election_results(election.pk))
    with summing_up(election.pk):
        contests = list(election.contests.for_election_page())
    return [display.contest_view(c) for c in contests]


@cache_public_page
@require_GET
def election(request: HttpRequest, slug: str) -> HttpResponse:
    election = get_object_or_404(Election.objects.all(), slug=slug)
    views = summed_up(election)
    changes = seats.seat_changes([view.contest for view in views])
    return render(
        request,
        "elections/election.html",
        {
            "election": election,
            "views": views,
            "gains": [
                (view.contest, change)
                for view in views
                for change in changes.get(view.contest.pk, [])
                if change.is_gain
            ],
            "seat_counts": seats.counts(changes),
            "seats": sum(view.contest.seats for view in views),
            "parties": display.seats_by_party(views),
            "sources": sorted({u.source for v in views for u in v.contest.updates.all()}),
        },
    )


@cache_public_page(query=("tour",))
@require_GET
@vary_on_headers("HX-Request")
def contest(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    contest = get_contest(slug, code)
    context = contest_context(request, contest)
    if wants_fragment(request):
        return render(request, FRAGMENT, context)
    context["articles"] = display.latest_articles(contest)
    return render(request, PAGE, context)


@cache_public_page(query=("tour",))
@require_GET
def contest_results(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The live results fragment: polled every 30 s while counting, then told to stop.
    An unchanged poll is a 304 from the page cache (the stored rendering's ETag), without
    a query; the rendering changes with every figure, status or name it shows."""
    contest = get_contest(slug, code)
    response = render(request, FRAGMENT, contest_context(request, contest))
    return poll_answer(response, go_on=contest.is_live or not request.htmx)


@cache_public_page
@require_GET
def results_box(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's results box (who stands, the status and call, who won; the figures
    load from `contest_box`), which an edge includes (ESI) into every article showing the
    contest (`newsroom.caching.edge`): a contest called renders this block once, never
    each of the hundreds of articles about it. By the contest's number, so that an
    article's include still names it if its election or constituency is corrected; an
    unknown number is an empty 404, which leaves no error page inside an article."""
    contest = (
        Contest.objects.select_related("election", "constituency")
        .prefetch_related(winners_prefetch(), calls_prefetch())
        .filter(pk=pk)
        .first()
    )
    if contest is None:
        return HttpResponseNotFound()
    response = render(request, "elections/partials/results_box.html", {"contest": contest})
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page
@require_GET
def contest_box(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The deciding round's figures for an article's results box, which loads them when the
    article is shown (and polls them while the contest is counted). Kept apart from the
    article so that a figure written on election night renders this small block once,
    never every article about the contest; the article shows who won and the status."""
    contest = get_contest(slug, code)
    view = display.contest_view(contest)
    response = render(
        request,
        "elections/partials/contest_box.html",
        {"contest": contest, "table": view.table(None)},
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page
@require_GET
def contest_json(request: HttpRequest, slug: str, code: str) -> JsonResponse:
    contest = get_contest(slug, code)
    data = display.as_json(display.contest_view(contest))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


# A cell a spreadsheet would run as a formula (CSV injection) gets a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@cache_public_page
@require_GET
def contest_csv(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """The contest in the import format (re-importable), plus shares and who was elected."""
    contest = get_contest(slug, code)
    view = display.contest_view(contest)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # A name any browser and any HTTP header accept: slugs and codes are written in ASCII
    # letters, digits, ".", "-" and "_"; anything else, from a legacy row, becomes "_".
    name = f"{contest.election.slug}-{contest.constituency.code}.csv"
    filename = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    writer = csv.writer(response)
    writer.writerow([*RESULTS_COLUMNS, "share_expressed", "elected", "caveat"])
    caveat = " ".join(view.caveats)
    for table in view.tables:
        round_ = table.round
        for row in table.rows:
            candidacy = row.candidacy
            person = candidacy.person
            writer.writerow(
                spreadsheet_safe(value)
                for value in [
                    contest.election.name,
                    contest.constituency.code,
                    contest.constituency.name,
                    contest.seats,
                    contest.system,
                    round_.number,
                    round_.date or "",
                    *("" if v is None else v for v in display.round_totals(round_)),
                    candidacy.name,
                    candidacy.party.name if candidacy.party_id else "",
                    candidacy.label,
                    row.votes,
                    person.birth_date or "" if person else "",
                    " | ".join(display.member_label(m) for m in candidacy.members.all()),
                    candidacy.substitute.name if candidacy.substitute_id else "",
                    "" if candidacy.list_name else ("yes" if candidacy.incumbent else "no"),
                    row.share_expressed if row.share_expressed is not None else "",
                    "yes" if row.elected else "no",
                    caveat,
                ]
            )
    return response
