"""A live blog's reader side: its stream on the article page (`live_context`), the poll
that tells an open page how many entries arrived since it was shown, and the stream's
first page again for when the reader asks for them.

Both fragments are reader pages of the page cache like any other: a poll that finds nothing
new is a 304 (or one stored answer), whatever the number of readers; the interval comes
from the server with every answer (`Article.live_poll_seconds`), and a closed blog answers
htmx's "stop polling" (286)."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseStopPolling

from elections.models.calls import calls_prefetch
from elections.models.contests import winners_prefetch
from newsroom.articles.freshness import live_key
from newsroom.articles.live_rules import (
    ENTRIES_PER_PAGE,
    StreamIndex,
    StreamRow,
    parse_after,
    stream_index,
)
from newsroom.articles.models import Article, LiveEntry
from newsroom.articles.pagination import Page, paginate
from newsroom.caching.dependencies import record
from newsroom.caching.page_cache import cache_public_page
from newsroom.people.models import current_memberships_prefetch

STREAM_TEMPLATE = "articles/partials/live.html"
POLL_TEMPLATE = "articles/partials/live_poll.html"


@dataclass(frozen=True)
class Stream:
    blog: Article
    page: Page
    index: StreamIndex
    pinned: LiveEntry | None

    @property
    def is_open(self) -> bool:
        return self.blog.is_live_open

    @property
    def spans_days(self) -> bool:
        """Entries on more than one day (local time) carry their date, not the hour alone."""
        index = self.index
        if index.earliest is None:
            return False
        return timezone.localdate(index.earliest) != timezone.localdate(index.newest)

    @property
    def polls(self) -> bool:
        """Only the first page of an open blog waits for entries."""
        return self.is_open and self.page.number == 1

    @property
    def poll_url(self) -> str:
        return poll_url(self.blog, self.index.latest)

    @property
    def stream_url(self) -> str:
        return live_url("articles:live_stream", self.blog)

    def page_url(self, number: int) -> str:
        """A page of the stream at the blog's own address (the same from the swapped-in
        stream fragment)."""
        page = f"?page={number}" if number > 1 else ""
        return f"{self.blog.get_absolute_url()}{page}"

    @property
    def newer_url(self) -> str:
        return self.page_url(self.page.number - 1) if self.page.number > 1 else ""

    @property
    def older_url(self) -> str:
        return self.page_url(self.page.number + 1) if self.page.has_next else ""

    def key_event_href(self, event) -> str:
        return f"{self.page_url(event.page)}#entree-{event.pk}"

    @property
    def key_events(self) -> list[tuple]:
        return [(event, self.key_event_href(event)) for event in self.index.key_events]


def live_url(name: str, blog: Article) -> str:
    return reverse(name, kwargs={"slug": blog.slug})


def poll_url(blog: Article, after: int) -> str:
    """The poll of a page whose newest entry is `after`."""
    return f"{live_url('articles:live_poll', blog)}?apres={after}"


def stream_rows(blog: Article) -> list[StreamRow]:
    fields = ("pk", "posted_at", "key_event", "headline", "pinned")
    return [
        StreamRow(*values)
        for values in blog.entries.order_by("-posted_at", "-pk").values_list(*fields)
    ]


def live_context(request: HttpRequest, blog: Article) -> dict:
    """The stream's page `?page=N` (404 past the end), its index (key events, the last
    entry) and the pinned entry, with what the entries show: the contests' winners and
    calls, the persons' current offices. Five queries, two more with contests or persons."""
    record(live_key(blog.pk))  # a page that shows no entry yet hears of the first
    index = stream_index(stream_rows(blog))
    entries = LiveEntry.objects.filter(article=blog).for_stream()
    page = paginate(request, entries, per_page=ENTRIES_PER_PAGE)
    entries = list(page.items)
    pinned = None
    if index.pinned and page.number == 1:
        pinned = next((e for e in entries if e.pk == index.pinned), None)
        if pinned is None:  # pinned long ago, further down the stream
            pinned = LiveEntry.objects.for_stream().get(pk=index.pinned)
            entries.append(pinned)
    contests = [entry.contest for entry in entries if entry.contest_id]
    persons = [entry.person for entry in entries if entry.person_id]
    if contests:
        prefetch_related_objects(contests, winners_prefetch(), calls_prefetch())
    if persons:
        prefetch_related_objects(persons, current_memberships_prefetch())
    return {"live": Stream(blog=blog, page=page, index=index, pinned=pinned)}


def open_blog(slug: str) -> Article:
    """A published live blog by its slug, or 404 (drafts never answer here)."""
    return get_object_or_404(Article.objects.published(), slug=slug, live_blog=True)


def polled(response: HttpResponse) -> HttpResponse:
    """Asked again at every poll, and revalidated each time (a 304 when nothing changed)."""
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@cache_public_page(query=("apres",))
@require_GET
@vary_on_headers("HX-Request")
def live_poll(request: HttpRequest, slug: str) -> HttpResponse:
    """How many entries were written after entry `apres` (the newest the page shows); a
    number no entry of the blog has reached is a 404, so that made-up numbers are not
    stored. A page still polling a blog that is gone (withdrawn, no longer a live blog)
    is told to stop."""
    try:
        blog = open_blog(slug)
    except Http404:
        if not request.htmx:
            raise
        gone = HttpResponseStopPolling('<div id="live-poll" class="live__poll"></div>')
        gone["Cache-Control"] = "no-store"  # the blog may be published later
        return gone
    try:
        after = parse_after(request.GET.get("apres"))
    except ValueError:
        raise Http404("Bad entry number.") from None
    record(live_key(blog.pk))
    found = LiveEntry.objects.filter(article=blog).aggregate(
        latest=Max("pk"), new=Count("pk", filter=Q(pk__gt=after))
    )
    if after > (found["latest"] or 0):
        raise Http404("No such entry.")
    context = {
        "blog": blog,
        "new": found["new"],
        "poll_url": poll_url(blog, after),
        "stream_url": live_url("articles:live_stream", blog),
    }
    response = polled(render(request, POLL_TEMPLATE, context))
    if request.htmx and not blog.is_live_open:
        return HttpResponseStopPolling(response.content, headers=dict(response.headers))
    return response


@cache_public_page
@require_GET
def live_stream(request: HttpRequest, slug: str) -> HttpResponse:
    """The stream's first page, swapped in when the reader asks for the new entries."""
    blog = open_blog(slug)
    return polled(render(request, STREAM_TEMPLATE, live_context(request, blog)))
