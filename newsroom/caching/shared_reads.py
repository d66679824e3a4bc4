"""A small read that every reader page makes (the site's name and its menu), kept in the
shared cache like a public block: served while none of its freshness keys changed, so a
page rendered again after a write elsewhere does not read it from the database.

`read()` records, as any rendering does, the keys of what it loads (they are added to the
page, on a hit too); `also` names the keys of data the value carries without the page
showing it (the next scheduled publication, which only bounds how long pages are kept): a
change to them renews the value and leaves the pages that showed it alone.
"""

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache

from newsroom.caching.dependencies import record, recording
from newsroom.caching.verdict import Verdict, clock_skew_ns, judge

T = TypeVar("T")


def shared_read(
    name: str, read: Callable[[], T], *, lifetime: Callable[[T], int], also: Iterable[str] = ()
) -> T:
    """`read()`'s value, from the shared cache while it is fresh; otherwise read now and
    stored for `lifetime(value)` seconds at most."""
    key = f"read:{name}"
    entry = cache.get(key)
    if entry is not None and judge(entry) is Verdict.FRESH:
        record(*entry["shown"])
        return entry["value"]
    started = time.time_ns() - clock_skew_ns()
    with recording(inherit=False) as shown:
        value = read()
    timeout = lifetime(value)
    cache.set(
        key,
        {
            "value": value,
            "shown": sorted(shown),
            "keys": sorted({*shown, *also}),
            "started": started,
            "stale_at": time.time() + timeout,
        },
        timeout=timeout,
    )
    return value
