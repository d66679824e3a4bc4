"""The anonymous page cache: full reader pages in the shared cache, valid for the content
version that every write bumps, never kept past the next scheduled publication.

One decorator, `cache_public_page`, marks every reader view; `PageCacheMiddleware`, near
the top of the stack, answers and stores. Readers never log in and never POST, so a GET
without a session cookie is anonymous by definition: it is answered from the shared cache
(Redis in production) when possible — one round trip fetches the entry and the current
content version together — otherwise rendered, stored and sent with public
`Cache-Control`, an ETag and Last-Modified so a CDN and browsers can keep it too. Anyone
with a session (editors, staff, previews) bypasses the cache; signed-in users get
`private, no-store`.

Each process also keeps the pages it serves most in its own memory (a micro-cache) for at
most `PAGE_CACHE_LOCAL_SECONDS` (1 s): within that second a hit costs no round trip to
Redis. The process that makes a write sees it at once; every other process within that
second. 0 turns the micro-cache off.
"""

import datetime
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from newsroom.caching.query import DECLARED, declared_query, public_query, restrict

logger = logging.getLogger(__name__)

VERSION_KEY = "content-version"
NEXT_PUBLICATION_KEY = "next-publication:{version}"
# Request headers that change what a view renders (htmx fragments); part of every key.
RENDERING_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-History-Restore-Request")
# Browsers and CDNs keep a page one minute, then serve it stale for 30 s more while they
# revalidate (a 304 from the shared cache, no query). s-maxage equals max-age so that the
# worst staleness a reader can see after a correction or a result is the same everywhere
# (~90 s: browsers deduct the CDN's Age), while a spike still reaches the origin once per
# page per minute per CDN node.
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30
PRIVATE_CACHE_CONTROL = "private, no-store"


class LocalPages:
    """This process's micro-cache: the content version read from the shared cache, trusted
    for `seconds`, and the most recently served entries (least recently used dropped)."""

    def __init__(self, size: int = 256):
        self.size = size
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.version: int | None = None
        self.version_read_at = float("-inf")

    @staticmethod
    def seconds() -> float:
        return float(getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 1.0))

    def trusted_version(self) -> int | None:
        if time.monotonic() - self.version_read_at < self.seconds():
            return self.version
        return None

    def remember_version(self, version: int) -> None:
        self.version, self.version_read_at = version, time.monotonic()

    def get(self, key: str, version: int) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.get("version") != version or entry.get("stale_at", 0) <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        if self.seconds() <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


local_pages = LocalPages()


def content_version() -> int | None:
    """The current content version; created (from the clock, so it never repeats a count
    used before a cache flush or eviction) when missing. None when the shared cache does
    not answer: then nothing is cached, in the shared cache or in a process's memory."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_content_version() -> None:
    """Every cached page becomes stale (it was stored for an older version)."""
    try:
        version = cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = None
    # This process sees its own write at once; the others within the micro-cache second.
    if version is None:
        local_pages.clear()
    else:
        local_pages.remember_version(version)


def bump_content_version_on_commit() -> None:
    # After commit, not before: a page rendered by another server while this transaction
    # is still open shows the old rows, and must not be stored under the new version.
    # robust: a cache outage is logged, the write itself has succeeded.
    transaction.on_commit(bump_content_version, robust=True)


def next_publication_at(version: int | None = None) -> datetime.datetime | None:
    """The earliest scheduled publication (published status, time still in the future):
    one query, remembered for the current content version (`version` when the caller has
    already read it) until that time comes."""
    if version is None:
        version = content_version()
    key = NEXT_PUBLICATION_KEY.format(version=version)
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    from newsroom.articles.models import Article

    now = timezone.now()
    upcoming = Article.objects.next_publication_at(now)
    timeout = page_timeout_default()
    if upcoming is not None:
        timeout = min(timeout, seconds_until(upcoming, now))
    cache.set(key, upcoming or "", timeout=timeout)
    return upcoming


def page_timeout_default() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, int((moment - now).total_seconds()))


NEXT_PUBLICATION_READ = "next_publication_read"  # request attribute: (time or None,)


def page_timeout(
    now: datetime.datetime | None = None,
    version: int | None = None,
    request: HttpRequest | None = None,
) -> int:
    """How long a page may be kept: the default, cut short by the next scheduled
    publication, when the page may have to show that article. The time read with the
    page's menu (`remember_next_publication`) when there is one, no other read then."""
    now = now or timezone.now()
    timeout = page_timeout_default()
    read = getattr(request, NEXT_PUBLICATION_READ, None)
    upcoming = read[0] if read is not None else next_publication_at(version)
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


def lookup(request: HttpRequest, query: str) -> tuple[str, int | None, dict | None]:
    """The entry's key, the current content version, and the stored page if it was
    rendered at that version: from this process's memory within the micro-cache second,
    otherwise one round trip to the shared cache."""
    key = page_key(request, query)
    version = local_pages.trusted_version()
    if version is not None:
        entry = local_pages.get(key, version)
        if entry is not None:
            return key, version, entry
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = content_version()
    if version is None:
        return key, None, None  # the shared cache is down: render, store nothing
    local_pages.remember_version(version)
    entry = found.get(key)
    if entry is not None and entry.get("version") != version:
        entry = None  # rendered before the last write: stale
    if entry is not None:
        local_pages.put(key, entry)
    return key, version, entry


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


def freeze(response: HttpResponse, timeout: int, version: int | None) -> dict:
    """What is stored: the bytes, status and headers, the content version they were
    rendered at, and when the entry expires."""
    ours = "Cache-Control" not in response  # a view's own policy (the map image) stays
    response.setdefault("Cache-Control", public_cache_control(timeout))
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response.setdefault("ETag", f'"{digest}"')  # the view's own ETag, if any, is kept
    response.setdefault("Last-Modified", http_date())
    return {
        "content": response.content,
        "status": response.status_code,
        "headers": dict(response.headers.items()),
        "expires": time.time() + timeout if ours else None,
        "stale_at": time.time() + timeout,
        "version": version,
    }


def thaw(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"], headers=entry["headers"])
    if entry["expires"] is not None:
        # Browsers and CDNs may keep it no longer than the entry itself lives.
        seconds_left = max(0, int(entry["expires"] - time.time()))
        response["Cache-Control"] = public_cache_control(seconds_left)
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
):
    """Mark a reader view's pages public: `PageCacheMiddleware` stores them and answers
    repeated requests; signed-in users get `private, no-store`. See the module docstring.

    `query`: the parameters the view reads, the only ones it sees and the only ones in the
    key (caching.query). `free_text`: a parameter is typed by readers (search), so the
    renderings with a query stored per cache lifetime are capped at
    `PAGE_CACHE_MAX_QUERIES`; past it they are served, not stored."""
    if view is None:
        return partial(cache_public_page, query=query, free_text=free_text)
    name = f"{view.__module__}.{getattr(view, '__qualname__', type(view).__qualname__)}"

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        restrict(request, query)
        reader = is_reader_request(request)  # before the view: it may look at request.user
        # Heavy blocks of a reader's page may be shared ({% public_fragment %}).
        request.public_page = reader
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
                version = getattr(request, "content_version", None)  # read by the middleware
                response.public_page_timeout = page_timeout(version=version, request=request)
            except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
                logger.exception("Page cache unavailable; %s kept one minute", request.path)
                response.public_page_timeout = BROWSER_MAX_AGE
        return response

    setattr(wrapped, DECLARED, tuple(query))
    return wrapped


class PageCacheMiddleware:
    """The shared cache's front door, right after static files: an anonymous request for
    a stored page is answered here, once its URL is resolved to a cached reader view
    (whose declared parameters make the key), without sessions, views or the database;
    a URL of any other view is not looked up at all. On a miss, the page a
    `cache_public_page` view rendered is stored on its way out, with the headers the inner
    middleware gave it (compressed when the reader accepts it, one entry per encoding)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = version = None
        declared = declared_query(request) if may_use_shared_cache(request) else None
        if declared is not None:
            try:
                key, version, entry = lookup(request, public_query(request.GET, declared))
            except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
                # The cache is a speed-up: without it the page is rendered, not refused.
                logger.exception("Page cache unavailable; rendering %s", request.path)
                key, entry = None, None
            if entry is not None:
                return conditional(request, thaw(entry))
            request.content_version = version  # the page's fragments use the same
        response = self.get_response(request)
        timeout = getattr(response, "public_page_timeout", None)
        if timeout is None or not is_storable(response):
            return response
        entry = freeze(response, timeout, version)
        if key is not None and version is not None:
            try:
                cache.set(key, entry, timeout=timeout)
                local_pages.put(key, entry)
            except Exception:  # noqa: BLE001 - the cache went down meanwhile
                logger.exception("Page cache unavailable; %s not stored", request.path)
        return conditional(request, response)
