"""When each freshness key last changed, as every process and server sees it.

The database holds the truth (`KeyVersion`): a write's keys are stamped there right after
it commits, so no cache outage, flush or eviction can make the site forget it. With a shared
cache (Redis, `KEY_VERSIONS_IN_CACHE`), each key's stamps are copied there and read from
there: a page-cache hit makes no query. A copy missing (flushed, evicted) is read again from
the database. A copy that could not be written (Redis unreachable) is set again from the
database as soon as Redis answers: by the process that found it unreachable, at its next
read, and by a thread of the writing process that retries every half second.

Without a shared cache (the default set-up: local-memory caches, one per process), the
stamps are read from the database at each use, so every process sees a write at once.
"""

import logging
import threading
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import Value
from django.db.models.functions import Greatest
from django.utils.connection import ConnectionProxy
from redis.exceptions import RedisError

from newsroom.caching import push
from newsroom.caching.models import KeyVersion

logger = logging.getLogger(__name__)

# The shared cache through an alias that raises its errors (settings.CACHES): a copy that
# could not be written must be known, to be written again.
cache = ConnectionProxy(caches, "freshness")
UNAVAILABLE = (RedisError, OSError)

PREFIX = "kv:"
COUNTER = "kv-writes"
# The keys each write stamped, by its count: a process that is a few writes behind forgets
# only those (kept a minute; further behind, or one missing, it forgets all it knew).
CHANGED = "kv-changed:{count}"
CHANGED_SECONDS = 60
MAX_BEHIND = 100
# Stamps a process keeps at most (a few per page it serves; ~100 bytes each).
MAX_KNOWN = 200_000
# (changed_at, hard_changed_at) in nanoseconds since the epoch; never changed: 0.
Stamps = tuple[int, int]
NEVER: Stamps = (0, 0)
# Copies written since the first failure, less this margin (clocks of several servers).
RESYNC_MARGIN_NS = 5_000_000_000
RETRY_SECONDS = 0.5


def in_shared_cache() -> bool:
    return bool(getattr(settings, "KEY_VERSIONS_IN_CACHE", False))


class Known:
    """This process's copy of the stamps it read from the shared cache, good while the
    shared count of writes (`COUNTER`, moved after each write's stamps are copied) has not
    moved: a hit then costs one small read, whatever the number of keys its page shows.
    When it moves, the keys those writes stamped (`CHANGED`) are forgotten, the rest kept."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self, count: int | None = None) -> None:
        self.count = count
        self.stamps: dict[str, Stamps] = {}


known = Known()


def read(keys: Iterable[str]) -> dict[str, Stamps]:
    """The stamps of `keys` (NEVER for a key never changed), from the shared cache when
    there is one and it answers, otherwise from the database. While the database does not
    answer, nothing can be written either: the stamps known are used, the others taken
    as NEVER (stored pages are served as they are), and no copy is made of them."""
    keys = list(dict.fromkeys(keys))
    if in_shared_cache():
        try:
            return from_shared_cache(keys)
        except UNAVAILABLE:
            note_failure()
            logger.warning("Shared cache unavailable; freshness keys read from the database")
    try:
        return from_database(keys)
    except DatabaseError:
        logger.warning("Database unavailable; stored pages served as they are")
        return dict.fromkeys(keys, NEVER)


def from_shared_cache(keys: list[str]) -> dict[str, Stamps]:
    since = failed_since()
    if since is not None:
        resync(since)
    push.listener.ensure(heard, forget_all)
    if push.listener.trusted():
        count = known.count  # every write since was announced to this process
    else:
        count = cache.get(COUNTER)
        if count is None:
            announce()  # flushed or evicted: a new count, which no process has seen
            count = cache.get(COUNTER)
        catch_up(count)
        push.listener.checked()
    with known.lock:
        stamps = {key: known.stamps[key] for key in keys if key in known.stamps}
    missing = [key for key in keys if key not in stamps]
    if missing:
        fetched = shared_read(missing)
        if count is not None:
            with known.lock:
                if known.count == count:
                    if len(known.stamps) > MAX_KNOWN:
                        known.clear(count)  # bounded memory: start again
                    known.stamps.update(fetched)
        stamps.update(fetched)
    return stamps


def catch_up(count: int | None) -> None:
    """Forget what the writes since the count this process knows stamped."""
    behind = known.count
    if count == behind and count is not None:
        return
    changed = None
    if count is not None and behind is not None and 0 < count - behind <= MAX_BEHIND:
        names = [CHANGED.format(count=n) for n in range(behind + 1, count + 1)]
        logs = cache.get_many(names)
        if len(logs) == len(names):
            changed = set().union(*logs.values())
    with known.lock:
        if known.count != behind:
            return  # another thread caught up meanwhile
        if changed is None:
            known.clear(count)
        else:
            for key in changed:
                known.stamps.pop(key, None)
            known.count = count


def heard(count: int, keys: list[str]) -> None:
    """A write announced (push.py): forget the stamps of its keys."""
    with known.lock:
        for key in keys:
            known.stamps.pop(key, None)
        if known.count is not None and count == known.count + 1:
            known.count = count
        else:  # a write missed, or this process not caught up yet: forget everything
            known.clear(count)


def forget_all() -> None:
    with known.lock:
        known.clear()


def shared_read(keys: list[str]) -> dict[str, Stamps]:
    found = cache.get_many([PREFIX + key for key in keys])
    stamps = {key: found[PREFIX + key] for key in keys if PREFIX + key in found}
    missing = [key for key in keys if key not in stamps]
    if missing:
        try:
            loaded = from_database(missing)
        except DatabaseError:
            logger.warning("Database unavailable; stored pages served as they are")
            return {**dict.fromkeys(missing, NEVER), **stamps}
        for key, value in loaded.items():
            # `add`, not `set`: a writer's newer copy made meanwhile is never overwritten.
            cache.add(PREFIX + key, value, timeout=None)
        stamps.update(loaded)
    return stamps


# What the shared cache's increment returns exactly (`count_from_clock`).
EXACT_COUNTS = 2**53


def announce(keys: Iterable[str] = ()) -> None:
    """Move the shared count of writes, saying which keys were stamped: every process
    reads those stamps again."""
    count = next_count()
    if count is None:  # started again meanwhile: a count no process follows on from,
        count = count_from_clock()  # so each one hearing it forgets all it knew
    keys = sorted(keys)
    cache.set(CHANGED.format(count=count), keys, timeout=CHANGED_SECONDS)
    push.publish(count, keys)


def next_count() -> int | None:
    """The shared count of writes, moved on by one. Missing (flushed, evicted), or past
    what the increment returns exactly (a count started from the clock in nanoseconds),
    it starts again from the clock; of processes starting it at once, the first one's
    count stands (`add`) and each publishes a count of its own increment, never one that
    another process may also publish. None if it went missing again meanwhile."""
    try:
        count = cache.incr(COUNTER)
    except ValueError:
        count = None
    if count is not None and count < EXACT_COUNTS:
        return count
    if count is not None:
        cache.delete(COUNTER)
    cache.add(COUNTER, count_from_clock(), timeout=None)
    try:
        return cache.incr(COUNTER)
    except ValueError:
        return None


def count_from_clock() -> int:
    """A count of writes no process has seen (above any count before a flush), from the
    clock in microseconds: below 2**53, which the shared cache's increment returns exactly
    (django-redis increments in Lua, whose numbers are doubles; a count in nanoseconds came
    back rounded, so every process took each write for a missed one and forgot all it
    knew)."""
    return time.time_ns() // 1000


def stamps_of(rows) -> dict[str, Stamps]:
    """{key: stamps} of KeyVersion rows (a queryset)."""
    found = rows.values_list("key", "changed_at", "hard_changed_at")
    return {key: (changed, hard) for key, changed, hard in found}


def from_database(keys: list[str]) -> dict[str, Stamps]:
    found = stamps_of(KeyVersion.objects.filter(key__in=keys))
    return {key: found.get(key, NEVER) for key in keys}


def bump(keys: Iterable[str], *, hard: bool = False, at: int | None = None) -> int:
    """Stamp `keys` as changed now (after the write committed), or `at`; return the stamp.

    A stamp never moves back: two writers stamping one key (two desks entering the same
    election's results) may reach the database in the other order than their clocks
    read, and the later stamp must win or a page rendered between them stays stale."""
    keys = sorted(set(keys))
    now = time.time_ns() if at is None else at
    if not keys:
        return now
    moved = {"changed_at": Greatest("changed_at", Value(now))}
    if hard:
        moved["hard_changed_at"] = Greatest("hard_changed_at", Value(now))
    with transaction.atomic():
        KeyVersion.objects.bulk_create(
            [KeyVersion(key=key, changed_at=now) for key in keys], ignore_conflicts=True
        )
        KeyVersion.objects.filter(key__in=keys).update(**moved)
    # Read back: a soft stamp keeps the key's earlier hard stamp, which the copy needs.
    if in_shared_cache() and not copy(from_database(keys)):
        logger.warning("Shared cache unavailable; freshness keys kept in the database")
        note_failure()
        start_retrying()
    return now


COPY_ATTEMPTS = 3


def copy(stamps: dict[str, Stamps]) -> bool:
    """Write copies into the shared cache and announce them; False if it did not answer.
    Another writer's copy of the same keys, read from the database before ours and
    written after, would put an older stamp back: the database is read again, and what
    moved meanwhile copied again."""
    for _ in range(COPY_ATTEMPTS):
        try:
            cache.set_many({PREFIX + key: value for key, value in stamps.items()}, timeout=None)
            announce(stamps)
        except UNAVAILABLE:
            return False
        try:
            latest = from_database(list(stamps))
        except DatabaseError:
            return True  # copied; the next write's copy will correct it if it must
        stamps = {key: value for key, value in latest.items() if value != stamps[key]}
        if not stamps:
            break
    return True


_failure = {"since": None}
_failure_lock = threading.Lock()


def note_failure() -> None:
    with _failure_lock:
        if _failure["since"] is None:
            _failure["since"] = time.time_ns()


def failed_since() -> int | None:
    """When this process first found the shared cache unreachable since `recovered`."""
    return _failure["since"]


def recovered(since: int) -> None:
    with _failure_lock:
        if _failure["since"] == since:
            _failure["since"] = None


def resync(since: int) -> bool:
    """Copy every key changed since `since` (less a margin) from the database into the
    shared cache; True once done."""
    try:
        stamps = stamps_of(KeyVersion.objects.filter(changed_at__gte=since - RESYNC_MARGIN_NS))
    except DatabaseError:
        logger.exception("Freshness keys could not be read to resynchronise the cache")
        return False
    if not copy(stamps):
        return False  # still down
    recovered(since)
    logger.info("Shared cache back; %d freshness keys written again", len(stamps))
    return True


_retrying = threading.Lock()


def start_retrying() -> None:
    """A daemon thread that resynchronises as soon as the shared cache answers again, so
    that a write made during an outage reaches every server even if this process serves
    nothing more."""
    if not _retrying.acquire(blocking=False):
        return  # already retrying

    def retry() -> None:
        try:
            deadline = time.monotonic() + float(getattr(settings, "PAGE_CACHE_TIMEOUT", 300))
            while time.monotonic() < deadline:
                since = failed_since()
                if since is None or resync(since):
                    return
                time.sleep(RETRY_SECONDS)
        finally:
            connection.close()  # this thread's own connection
            _retrying.release()

    threading.Thread(target=retry, name="freshness-resync", daemon=True).start()
