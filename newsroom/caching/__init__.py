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

Each process also keeps the pages it serves most in its own memory (a micro-cache), which
saves fetching their bytes; their keys are checked at every request all the same.
"""

import datetime
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from enum import Enum
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from newsroom.caching.dependencies import record, recording
from newsroom.caching.query import DECLARED, declared_query, public_query, restrict

logger = logging.getLogger(__name__)

# Request headers that change what a view renders (htmx fragments); part of every key.
RENDERING_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-History-Restore-Request")
# Browsers and CDNs keep a page one minute, then serve it stale for 30 s more while they
# revalidate (a 304 from the shared cache, no query). An edge that purges by key
# (Surrogate-Key) may keep it longer; without purging, the worst staleness a reader can see
# is the same everywhere (~90 s: browsers deduct the CDN's Age).
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30
PRIVATE_CACHE_CONTROL = "private, no-store"
# How long a render lock is held at most (a process that died while rendering), and how
# long a request waits for another process's rendering before rendering itself.
RENDER_LOCK_SECONDS = 5
RENDER_WAIT_SECONDS = 1.0
RENDER_WAIT_STEP = 0.02
CACHE_STATUS_HEADER = "X-Cache"


class LocalPages:
    """This process's micro-cache: the most recently served entries (least recently used
    dropped). Whether an entry is still fresh is asked of the keys' stamps every time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.entries: OrderedDict[str, dict] = OrderedDict()

    @staticmethod
    def size() -> int:
        return int(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 256))

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.get("stale_at", 0) <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = self.size()
        if size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > size:
                self.entries.popitem(last=False)


local_pages = LocalPages()


class Verdict(Enum):
    FRESH = "fresh"
    SERVABLE = "servable"  # stale for less than the stale second, softly changed
    STALE = "stale"


def verdict(entry: dict, stamps: dict[str, tuple[int, int]], now_ns: int, grace_ns: int) -> Verdict:
    """Whether a stored rendering may be served: fresh when none of its keys changed since
    it began rendering (and its lifetime is not over); servable while another process
    renders it again when every change since was soft and the first of them less than
    `grace_ns` ago; stale otherwise."""
    if entry.get("stale_at", 0) * 1e9 <= now_ns:
        return Verdict.STALE
    started = entry["started"]
    changes = [changed for changed, _ in stamps.values() if changed > started]
    if not changes:
        return Verdict.FRESH
    if any(hard > started for _, hard in stamps.values()):
        return Verdict.STALE
    return Verdict.SERVABLE if now_ns - min(changes) <= grace_ns else Verdict.STALE


def stale_grace_ns() -> int:
    return int(float(getattr(settings, "PAGE_CACHE_STALE_SECONDS", 1.0)) * 1e9)


def clock_skew_ns() -> int:
    """Stamps of other servers may come from a clock this far ahead: a rendering counts
    as started that much earlier, so that a write committed while it read is never
    missed."""
    return int(float(getattr(settings, "PAGE_CACHE_CLOCK_SKEW", 0.02)) * 1e9)


def judge(entry: dict | None) -> Verdict:
    from newsroom.caching import versions  # its model is not importable at app loading

    if entry is None:
        return Verdict.STALE
    return verdict(entry, versions.read(entry["keys"]), time.time_ns(), stale_grace_ns())


def page_timeout_default() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, int((moment - now).total_seconds()))


NEXT_PUBLICATION_READ = "next_publication_read"  # request attribute: (time or None,)


def page_timeout(now: datetime.datetime | None = None, request: HttpRequest | None = None) -> int:
    """How long a page may be kept: the default, cut short by the next scheduled
    publication, when the page may have to show that article. The time read with the
    page's menu (`remember_next_publication`) when there is one, one query otherwise."""
    now = now or timezone.now()
    timeout = page_timeout_default()
    read = getattr(request, NEXT_PUBLICATION_READ, None)
    if read is not None:
        upcoming = read[0]
    else:
        from newsroom.articles.models import Article  # not importable at app loading

        upcoming = Article.objects.next_publication_at(now)
    if upcoming is not None:
        timeout = min(timeout, seconds_until(upcoming, now))
    return timeout


def remember_next_publication(request: HttpRequest, upcoming: datetime.datetime | None) -> None:
    """The next publication time as read while the page rendered (with its menu): the
    page is kept no longer, and asking again after rendering would cost a round trip
    and could miss an article published meanwhile."""
    setattr(request, NEXT_PUBLICATION_READ, (upcoming,))


def is_cacheable_read(request: HttpRequest) -> bool:
    """A GET or HEAD outside any open transaction: inside one, a page may show rows that
    are then rolled back, and a stored page would miss the transaction's own writes."""
    return request.method in ("GET", "HEAD") and not connection.in_atomic_block


def may_use_shared_cache(request: HttpRequest) -> bool:
    """A cacheable read without a session cookie: answered from, and stored into, the
    shared cache. Readers never log in, so they never have a session; whoever has one
    (editors, staff, previews) is served fresh, never from the cache."""
    return is_cacheable_read(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_reader_request(request: HttpRequest) -> bool:
    """Whether a view renders for an anonymous reader (its page then public)."""
    if not is_cacheable_read(request):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Reading the session makes the response vary on Cookie, which is right here.
        return not request.user.is_authenticated
    from django.contrib.auth.models import AnonymousUser  # not importable at app loading

    # No session cookie: anonymous, stated without reading the session (which would add
    # `Vary: Cookie` to a page that does not depend on it).
    request.user = AnonymousUser()
    return True


def page_key(request: HttpRequest, query: str) -> str:
    """One entry per URL (scheme and host too: pages print absolute canonical and share
    links; the language is in the path) with only the query parameters the page reads
    (`query`, see caching.query), rendering header and encoding."""
    headers = "|".join(request.headers.get(name, "") for name in RENDERING_HEADERS)
    encoding = "gzip" if accepts_gzip(request) else ""
    url = request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)
    raw = f"{url}|{headers}|{encoding}"
    return f"page:{hashlib.sha256(raw.encode()).hexdigest()}"


def accepts_gzip(request: HttpRequest) -> bool:
    """As GZipMiddleware decides, so that each encoding is stored apart."""
    return bool(re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")))


def lookup(key: str) -> tuple[dict | None, Verdict]:
    """The stored page and whether it may be served: from this process's memory when it is
    there and fresh, otherwise from the shared cache."""
    entry, found = local_pages.get(key), Verdict.STALE
    if entry is not None:
        found = judge(entry)
        if found is Verdict.FRESH:
            return entry, found
    shared = cache.get(key)
    if shared is None:
        return entry, found
    found = judge(shared)
    if found is Verdict.FRESH:
        local_pages.put(key, shared)
    return shared, found


def render_lock(key: str) -> str:
    return f"rendering:{key}"


def wait_for_rendering(key: str) -> dict | None:
    """Another process is rendering this page: its rendering, once stored and fresh,
    within RENDER_WAIT_SECONDS; None then (the caller renders)."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_WAIT_STEP)
        entry = cache.get(key)
        if entry is not None and judge(entry) is Verdict.FRESH:
            return entry
        if cache.get(render_lock(key)) is None:
            return None  # that rendering was not stored (an error, a 404)
    return None


def is_storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        # 286: htmx's "stop polling", the results fragment of a contest now final, asked
        # for by every reader still polling when the count ends.
        response.status_code in (200, 286)
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "Cookie" not in response.get("Vary", "")
    )


def public_cache_control(seconds_left: int) -> str:
    max_age = min(BROWSER_MAX_AGE, seconds_left)
    shared = min(SHARED_MAX_AGE, seconds_left)
    return (
        f"public, max-age={max_age}, s-maxage={shared}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE}"
    )


def freeze(response: HttpResponse, timeout: int, keys: set[str], started: int) -> dict:
    """What is stored: the bytes, status and headers, the freshness keys the page shows
    and when it began rendering, and when the entry expires."""
    ours = "Cache-Control" not in response  # a view's own policy (the map image) stays
    response.setdefault("Cache-Control", public_cache_control(timeout))
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response.setdefault("ETag", f'"{digest}"')  # the view's own ETag, if any, is kept
    response.setdefault("Last-Modified", http_date())
    ordered = sorted(keys)
    # For an edge cache that purges by key: Fastly/Varnish style, then Cloudflare style.
    response["Surrogate-Key"] = " ".join(ordered)
    response["Cache-Tag"] = ",".join(ordered)
    return {
        "content": response.content,
        "status": response.status_code,
        "headers": dict(response.headers.items()),
        "expires": time.time() + timeout if ours else None,
        "stale_at": time.time() + timeout,
        "keys": ordered,
        "started": started,
    }


def thaw(entry: dict, status: str) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    if entry["expires"] is not None:
        # Browsers and CDNs may keep it no longer than the entry itself lives.
        seconds_left = max(0, int(entry["expires"] - time.time()))
        response["Cache-Control"] = public_cache_control(seconds_left)
    response[CACHE_STATUS_HEADER] = status
    return response


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the reader already holds this rendering (ETag or Last-Modified)."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


def within_variant_cap(name: str, cap: int) -> bool:
    """Whether one more rendering of the view `name` with a query may be stored: at most
    `cap` per cache lifetime, so that random queries (search) cannot fill the cache."""
    key = f"page-variants:{name}"
    cache.add(key, 0, timeout=page_timeout_default())
    try:
        return cache.incr(key) <= cap
    except ValueError:  # expired between the two calls: a new window starts
        cache.add(key, 1, timeout=page_timeout_default())
        return True


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
            try:
                capped = free_text and request.GET
                if capped and not within_variant_cap(name, settings.PAGE_CACHE_MAX_QUERIES):
                    return response
                response.public_page_timeout = page_timeout(request=request)
            except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
                logger.exception("Page cache unavailable; %s kept one minute", request.path)
                response.public_page_timeout = BROWSER_MAX_AGE
        return response

    setattr(wrapped, DECLARED, tuple(query))
    return wrapped


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
        try:
            entry, found = lookup(key)
            if found is Verdict.FRESH:
                return conditional(request, thaw(entry, "HIT"))
            locked = cache.add(render_lock(key), 1, timeout=RENDER_LOCK_SECONDS)
            if not locked:
                # Another process is rendering it: the previous rendering meanwhile, or
                # (a change never served stale, or none stored) that rendering.
                if found is Verdict.SERVABLE:
                    return conditional(request, thaw(entry, "STALE"))
                waited = wait_for_rendering(key)
                if waited is not None:
                    return conditional(request, thaw(waited, "HIT"))
        except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
            # The cache is a speed-up: without it the page is rendered, not refused.
            logger.exception("Page cache unavailable; rendering %s", request.path)
            return self.get_response(request)
        try:
            return self.render(request, key)
        finally:
            if locked:
                try:
                    cache.delete(render_lock(key))
                except Exception:  # noqa: BLE001 - the lock expires by itself
                    logger.exception("Page cache unavailable; lock of %s left", request.path)

    def render(self, request: HttpRequest, key: str) -> HttpResponse:
        started = time.time_ns() - clock_skew_ns()
        with recording() as keys:
            response = self.get_response(request)
        timeout = getattr(response, "public_page_timeout", None)
        if timeout is None or not is_storable(response):
            return response
        entry = freeze(response, timeout, keys, started)
        try:
            # Stored only if nothing it shows changed while it rendered (reading the keys
            # also puts their copies in the shared cache for the next hit).
            if judge(entry) is Verdict.FRESH:
                cache.set(key, entry, timeout=timeout)
                local_pages.put(key, entry)
        except Exception:  # noqa: BLE001 - the cache went down meanwhile
            logger.exception("Page cache unavailable; %s not stored", request.path)
        response[CACHE_STATUS_HEADER] = "MISS"
        return conditional(request, response)
