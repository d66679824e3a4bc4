"""Whether a stored rendering (a page or a shared block) may be served, from the stamps of
the freshness keys it shows (`caching.versions`)."""

import time
from enum import Enum

from django.conf import settings


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
