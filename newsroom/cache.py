"""The Redis cache, made optional: when Redis is unreachable, reads are misses and writes
are dropped, so pages are served from the database (slower) instead of an error page.

The first failure since the last recovery is remembered (`failed_since`): what was written
meanwhile never reached Redis, and the freshness keys' copies are then set again from the
database (`newsroom.caching.versions.resync`)."""

import functools
import logging
import threading
import time
from collections.abc import Callable

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# A Redis that no longer answers (host gone, packets dropped) must not hold every request
# for the operating system's TCP timeout; OPTIONS in CACHES override these.
TIMEOUTS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}


_failure = {"since": None}
_failure_lock = threading.Lock()


def note_failure() -> None:
    with _failure_lock:
        if _failure["since"] is None:
            _failure["since"] = time.time_ns()


def failed_since() -> int | None:
    """When this process first found Redis unreachable since the last `recovered`."""
    return _failure["since"]


def recovered(since: int) -> None:
    with _failure_lock:
        if _failure["since"] == since:
            _failure["since"] = None


def as_miss(fallback: Callable) -> Callable:
    """Call the Redis method; on a Redis error, log it and return `fallback(*args)`."""

    def decorate(method: Callable) -> Callable:
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                note_failure()
                logger.warning("Redis unavailable, cache %s skipped: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def key_missing(*args, **kwargs):
    raise ValueError("Key not found (Redis unavailable).")


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` object (over the same connection pool)
    for every call, which costs more than the round trip to a local Redis; a page-cache
    hit makes two calls. One client per pool is kept instead (redis-py clients are
    thread-safe; the pool hands each call its own connection)."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._options = {**TIMEOUTS, **self._options}

    get = as_miss(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = as_miss(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = as_miss(lambda *args, **kwargs: False)(RedisCache.has_key)
    add = as_miss(lambda *args, **kwargs: False)(RedisCache.add)
    set = as_miss(lambda *args, **kwargs: None)(RedisCache.set)
    set_many = as_miss(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    touch = as_miss(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = as_miss(lambda *args, **kwargs: False)(RedisCache.delete)
    delete_many = as_miss(lambda *args, **kwargs: None)(RedisCache.delete_many)
    incr = as_miss(key_missing)(RedisCache.incr)
    clear = as_miss(lambda *args, **kwargs: False)(RedisCache.clear)
