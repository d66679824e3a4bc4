"""Which requests the page cache answers, and under which key: one entry per URL, rendering
header and encoding, and a bounded number of renderings of a query typed by readers."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.gzip import re_accepts_gzip

from newsroom.caching import edge
from newsroom.caching.timing import page_timeout_default

# Request headers that change what a view renders (htmx fragments); part of every key.
RENDERING_HEADERS = ("HX-Request", "HX-Boosted", "HX-Target", "HX-History-Restore-Request")
# The same as the WSGI environment names them: read from `request.META` on every lookup,
# which spares building `request.headers` on the page cache's hot path.
RENDERING_META = tuple(f"HTTP_{name.upper().replace('-', '_')}" for name in RENDERING_HEADERS)


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
    (`query`, see caching.query), rendering header, encoding and whether the edge
    assembles it."""
    headers = "|".join(request.META.get(name, "") for name in RENDERING_META)
    # As GZipMiddleware decides, so that each encoding is stored apart.
    gzip = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    encoding = "gzip" if gzip else ""
    url = request.build_absolute_uri(f"{request.path}?{query}" if query else request.path)
    raw = f"{url}|{headers}|{encoding}|{edge.rendering(request)}"
    return f"page:{hashlib.sha256(raw.encode()).hexdigest()}"


def within_variant_cap(name: str, cap: int) -> bool:
    """Whether one more rendering of the view `name` with a query may be stored: at most
    `cap` per cache lifetime, so that random queries (search) cannot fill the cache."""
    key = f"page-variants:{name}"
    cache.add(key, 0, timeout=page_timeout_default())
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: a new window starts
        cache.add(key, 1, timeout=page_timeout_default())
        return True
    return count is None or count <= cap  # None: the shared cache is down (a miss)
