"""The anonymous page cache: full reader pages in the shared cache, each kept until the
data it shows changes (its freshness keys, `caching.dependencies`), never past the next
scheduled publication.

One decorator, `cache_public_page`, marks every reader view; `PageCacheMiddleware`, near
the top of the stack, answers and stores. Readers never log in and never POST, so a GET
without a session cookie is anonymous by definition: it is answered from the shared cache
(Redis in production) when the stored page is still fresh — no key it shows was stamped
since it began rendering (`caching.versions`) — otherwise rendered, stored with its keys
and sent with public `Cache-Control`, an ETag, Last-Modified and the keys as
`Surrogate-Key`/`Cache-Tag`, so a CDN and browsers can keep it too and an edge can purge it
by key. Anyone with a session (editors, staff, previews) bypasses the cache; signed-in
users get `private, no-store`.

When a stored page goes stale, one process renders it again (a short lock in the shared
cache) while the others keep answering with the previous rendering for at most
`PAGE_CACHE_STALE_SECONDS` (1 s) — unless the change is never to be served stale (an
article unpublished or corrected): they then wait for that rendering, briefly.

Each process also keeps the pages it serves most in its own memory (a micro-cache,
`caching.local`), which saves fetching their bytes; their keys are checked at every
request all the same.
"""

from collections.abc import Callable
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import parse_http_date_safe

from newsroom.caching.dependencies import began, record, recording
from newsroom.caching.keys import (
    is_reader_request,
    may_use_shared_cache,
    page_key,
    within_variant_cap,
)
from newsroom.caching.local import local_pages
from newsroom.caching.query import DECLARED, declared_query, public_query, restrict
from newsroom.caching.store import (
    CACHE_STATUS_HEADER,
    RENDER_LOCK_SECONDS,
    freeze,
    is_storable,
    lookup,
    render_lock,
    surrogate_control,
    thaw,
    wait_for_rendering,
)
from newsroom.caching.timing import page_timeout
from newsroom.caching.verdict import Verdict, clock_skew_ns, judge

# The request headers that can make a stored page's answer conditional (RFC 9110 §13).
CONDITIONAL_META = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the reader already holds this rendering (ETag or Last-Modified); a request
    without a condition gets the page as it is, without parsing its dates."""
    if not any(name in request.META for name in CONDITIONAL_META):
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def cache_public_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    query: tuple[str, ...] = (),
    free_text: bool = False,
    shows: tuple[str, ...] = (),
):
    """Mark a reader view's pages public: `PageCacheMiddleware` stores them and answers
    repeated requests; signed-in users get `private, no-store`. See the module docstring.

    `query`: the parameters the view reads, the only ones it sees and the only ones in the
    key (caching.query). `free_text`: a parameter is typed by readers (search), so the
    renderings with a query stored per cache lifetime are capped at
    `PAGE_CACHE_MAX_QUERIES`; past it they are served, not stored. `shows`: freshness keys
    of the listings every page of the view is built from (`listing:feed`); a view adds those
    that depend on its arguments with `dependencies.record`."""
    if view is None:
        return partial(cache_public_page, query=query, free_text=free_text, shows=shows)
    name = f"{view.__module__}.{getattr(view, '__qualname__', type(view).__qualname__)}"

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        restrict(request, query)
        reader = is_reader_request(request)  # before the view: it may look at request.user
        # Heavy blocks of a reader's page may be shared ({% public_fragment %}).
        request.public_page = reader
        record(*shows)
        response = view(request, *args, **kwargs)
        if not reader:
            user = getattr(request, "user", None)  # absent when called without middleware
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)  # private, no-store (and no-cache)
            return response
        if callable(getattr(response, "render", None)):
            response = response.render()  # a TemplateResponse (the sitemaps)
        if is_storable(response):
            capped = free_text and request.GET
            if capped and not within_variant_cap(name, settings.PAGE_CACHE_MAX_QUERIES):
                return response
            response.public_page_timeout = page_timeout(request=request)
        return response

    setattr(wrapped, DECLARED, tuple(query))
    return wrapped


def out_of_date(response: HttpResponse) -> HttpResponse:
    """A rendering that no longer shows the data as it is (the previous one, served while
    the new one renders; or one whose data changed while it rendered): the purge of what
    changed may already have reached the edge, so no shared cache may keep it."""
    response["Cache-Control"] = "public, max-age=0, s-maxage=0, must-revalidate"
    response["Surrogate-Control"] = surrogate_control(0, response.get("Surrogate-Control", ""))
    return response


class PageCacheMiddleware:
    """The shared cache's front door, right after static files: an anonymous request for
    a stored page still fresh is answered here, once its URL is resolved to a cached
    reader view (whose declared parameters make the key), without sessions, views or the
    database (the keys' stamps come from the shared cache); a URL of any other view is not
    looked up at all. Otherwise the page is rendered while its keys are recorded, and
    stored on its way out with the headers the inner middleware gave it (compressed when
    the reader accepts it, one entry per encoding)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = declared_query(request) if may_use_shared_cache(request) else None
        if declared is None:
            return self.get_response(request)
        key = page_key(request, public_query(request.GET, declared))
        entry, found = lookup(key)
        if found is Verdict.FRESH:
            return conditional(request, thaw(entry, "HIT"))
        locked = cache.add(render_lock(key), 1, timeout=RENDER_LOCK_SECONDS)
        if not locked:
            # Another process is rendering it: the previous rendering meanwhile, or
            # (a change never served stale, or none stored) that rendering.
            if found is Verdict.SERVABLE:
                return conditional(request, out_of_date(thaw(entry, "STALE")))
            waited = wait_for_rendering(key)
            if waited is not None:
                return conditional(request, thaw(waited, "HIT"))
        try:
            return self.render(request, key)
        finally:
            if locked:
                cache.delete(render_lock(key))

    def render(self, request: HttpRequest, key: str) -> HttpResponse:
        with recording() as keys:
            started = began() - clock_skew_ns()
            response = self.get_response(request)
        timeout = getattr(response, "public_page_timeout", None)
        if timeout is None or not is_storable(response):
            return response
        entry = freeze(response, timeout, keys, started)
        # Stored only if nothing it shows changed while it rendered (reading the keys
        # also puts their copies in the shared cache for the next hit).
        if judge(entry) is Verdict.FRESH:
            cache.set(key, entry, timeout=timeout)
            local_pages.put(key, entry)
        else:
            out_of_date(response)  # something it shows changed while it rendered
        response[CACHE_STATUS_HEADER] = "MISS"
        return conditional(request, response)
