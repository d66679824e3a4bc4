"""What the page cache stores and how it reads it back: a response frozen with its
freshness keys and lifetime, looked up in this process's memory then in the shared cache,
and the short lock under which one process renders a page again."""

import hashlib
import re
import time
from collections import Counter

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import http_date

from newsroom.caching.local import local_pages
from newsroom.caching.verdict import Verdict, judge

# Browsers and CDNs keep a page one minute, then serve it stale for 30 s more while they
# revalidate (a 304 from the shared cache, no query). An edge that purges by key
# (Surrogate-Key) may keep it longer; without purging, the worst staleness a reader can see
# is the same everywhere (~90 s: browsers deduct the CDN's Age).
BROWSER_MAX_AGE = 60
SHARED_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30
# While the app is down, a shared cache (the edge) may keep answering with the last
# rendering for a day rather than with an error.
STALE_IF_ERROR = 86400
# How long a render lock is held at most (a process that died while rendering), and how
# long a request waits for another process's rendering before rendering itself.
RENDER_LOCK_SECONDS = 5
RENDER_WAIT_SECONDS = 1.0
RENDER_WAIT_STEP = 0.02
CACHE_STATUS_HEADER = "X-Cache"
# A page the edge assembles from included fragments (`edge.mark_includes`).
ESI_CONTENT = 'content="ESI/1.0"'


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


def surrogate_control(seconds_left: int, previous: str = "") -> str:
    """For an edge that purges by key (Varnish with deploy/varnish/newsroom.vcl, Fastly):
    keep the page as long as the page cache does (its lifetime, never past the next
    scheduled publication or withdrawal), since a write purges it. `s-maxage` (a minute)
    stays for shared caches that cannot be purged. A page holding edge includes says so
    still (`previous`: the header the view gave it, `edge.mark_includes`)."""
    directives = [f"max-age={max(0, seconds_left)}"]
    if ESI_CONTENT in previous:
        directives.append(ESI_CONTENT)
    return ", ".join(directives)


def public_cache_control(seconds_left: int) -> str:
    max_age = min(BROWSER_MAX_AGE, seconds_left)
    shared = min(SHARED_MAX_AGE, seconds_left)
    return (
        f"public, max-age={max_age}, s-maxage={shared}, "
        f"stale-while-revalidate={STALE_WHILE_REVALIDATE}, stale-if-error={STALE_IF_ERROR}"
    )


# Edges cap a header's length (Varnish: 8 KB a line by default; Cloudflare: 16 KB of tags).
EDGE_TAGS_MAX_CHARS = 4000
ROW_KEY = re.compile(r"^([a-z_]+):\d+$")


def edge_tags(keys: list[str]) -> list[str]:
    """The keys an edge tags a page with: all of them, or, when they would not fit in a
    header (a sitemap shows thousands of rows, an article its related articles' authors
    and offices), the row keys of the kinds it shows most, one kind after another, as
    their kind alone (`article` for `article:12`), which every write to a row of that
    kind also purges (`edge.purge`). The page's few contests stay named: a result written
    drops the pages showing that contest, not every page showing many persons."""
    tags = list(keys)
    counts = Counter(kind_of(key) for key in keys if ROW_KEY.match(key))
    collapsed: set[str] = set()
    for kind, _count in counts.most_common():
        if fits(tags):
            break
        collapsed.add(kind)
        tags = sorted({kind_of(key) if kind_of(key) in collapsed else key for key in keys})
    return tags


def fits(tags: list[str]) -> bool:
    return len(" ".join(tags)) <= EDGE_TAGS_MAX_CHARS


def kind_of(key: str) -> str:
    """`article` for the row key `article:12`; any other key as it is."""
    match = ROW_KEY.match(key)
    return match[1] if match else key


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
    tags = edge_tags(ordered)
    response["Surrogate-Key"] = " ".join(tags)
    response["Surrogate-Control"] = surrogate_control(
        timeout, response.get("Surrogate-Control", "")
    )
    response["Cache-Tag"] = ",".join(tags)
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
        response["Surrogate-Control"] = surrogate_control(
            seconds_left, entry["headers"].get("Surrogate-Control", "")
        )
    response[CACHE_STATUS_HEADER] = status
    return response
