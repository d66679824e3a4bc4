"""The anonymous page cache: full reader pages in the shared cache, keyed by a content
version that every write bumps, never kept past the next scheduled publication.

One decorator, `cache_public_page`, on every reader view. Readers never log in and never
POST, so a GET without a session cookie is anonymous by definition: it is answered from the
shared cache (Redis in production) when possible, otherwise rendered, stored and sent with
public `Cache-Control`, an ETag and Last-Modified so a CDN and browsers can keep it too.
Anyone with a session (editors, staff, previews) bypasses the cache and gets
`private, no-store`.
"""

import datetime
import hashlib
import logging
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

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


def content_version() -> int:
    """The current content version; created (from the clock, so it never repeats a count
    used before a cache flush or eviction) when missing."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY, 0)
    return version


def bump_content_version() -> None:
    """Every cached page becomes unreachable (its key names the old version)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def bump_content_version_on_commit() -> None:
    # After commit, not before: a page rendered by another server while this transaction
    # is still open shows the old rows, and must not be stored under the new version.
    # robust: a cache outage is logged, the write itself has succeeded.
    transaction.on_commit(bump_content_version, robust=True)


def next_publication_at() -> datetime.datetime | None:
    """The earliest scheduled publication (published status, time still in the future):
    one query, remembered for the current content version until that time comes."""
    version = content_version()
    key = NEXT_PUBLICATION_KEY.format(version=version)
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    from newsroom.articles.models import Article, Status

    now = timezone.now()
    upcoming = (
        Article.objects.filter(status=Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    timeout = page_timeout_default()
    if upcoming is not None:
        timeout = min(timeout, seconds_until(upcoming, now))
    cache.set(key, upcoming or "", timeout=timeout)
    return upcoming


def page_timeout_default() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, int((moment - now).total_seconds()))


def page_timeout(now: datetime.datetime | None = None) -> int:
    """How long a page may be kept: the default, cut short by the next scheduled
    publication, when the page may have to show that article."""
    now = now or timezone.now()
    timeout = page_timeout_default()
    upcoming = next_publication_at()
    if upcoming is not None:
        timeout = min(timeout, seconds_until(upcoming, now))
    return timeout


def is_reader_request(request: HttpRequest) -> bool:
    """A GET or HEAD that may be answered from, and stored into, the shared cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if connection.in_atomic_block:
        # Inside an open transaction a page may show rows that are then rolled back, and
        # a stored page would miss this transaction's own writes: neither read nor store.
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Reading the session makes the response vary on Cookie, which is right here.
        return not request.user.is_authenticated
    from django.contrib.auth.models import AnonymousUser  # not importable at app loading

    # No session cookie: anonymous, stated without reading the session (which would add
    # `Vary: Cookie` to a page that does not depend on it).
    request.user = AnonymousUser()
    return True


def page_key(request: HttpRequest, version: int) -> str:
    headers = "|".join(request.headers.get(name, "") for name in RENDERING_HEADERS)
    # Scheme and host too: pages print absolute canonical and share links.
    raw = f"{request.build_absolute_uri()}|{get_language()}|{headers}"
    return f"page:{version}:{hashlib.sha256(raw.encode()).hexdigest()}"


def is_storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
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


def freeze(response: HttpResponse, timeout: int) -> dict:
    """What is stored: the bytes, status and headers, and when the entry expires."""
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


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a reader page from the shared cache; see the module docstring."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_reader_request(request):
            response = view(request, *args, **kwargs)
            user = getattr(request, "user", None)  # absent when called without middleware
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)  # private, no-store (and no-cache)
            return response
        try:
            key = page_key(request, content_version())
            entry = cache.get(key)
        except Exception:  # noqa: BLE001 - whatever the backend raises when it is down
            # The cache is a speed-up: without it the page is rendered, not refused.
            logger.exception("Page cache unavailable; rendering %s", request.path)
            key, entry = None, None
        if entry is not None:
            return conditional(request, thaw(entry))
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)):
            response = response.render()  # a TemplateResponse (the sitemaps)
        if key is not None and is_storable(response):
            try:
                timeout = page_timeout()
                cache.set(key, freeze(response, timeout), timeout=timeout)
            except Exception:  # noqa: BLE001 - the cache went down meanwhile
                logger.exception("Page cache unavailable; %s not stored", request.path)
        return conditional(request, response)

    return wrapped
