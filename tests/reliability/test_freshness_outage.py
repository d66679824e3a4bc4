"""No write is forgotten: one made while Redis is unreachable is shown as soon as Redis
answers again (its freshness keys are written again from the database).

Redis is reached through a small TCP relay that the test cuts and restores, as a network
outage would; Redis itself keeps its data meanwhile."""

import contextlib
import os
import socket
import threading
import time

import pytest
from django.core.cache import cache

from newsroom.caching import push, versions
from newsroom.caching.local import local_pages
from tests import factories as make
from tests.perf.test_scale_out import redis_answers

pytestmark = pytest.mark.django_db(transaction=True)

REDIS = ("127.0.0.1", 6379)


class Relay:
    """127.0.0.1:<port> → Redis, cut with `stop()` (every connection closed, new ones
    refused) and restored with `start()` on the same port."""

    def __init__(self):
        self.port = None
        self.listener = None
        self.sockets: list[socket.socket] = []

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen()
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(REDIS)
            self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self.pump, args=(source, target), daemon=True).start()

    @staticmethod
    def pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for each in (source, target):
                with contextlib.suppress(OSError):
                    each.close()

    def stop(self) -> None:
        self.listener.close()
        for each in self.sockets:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
                each.close()
        self.sockets = []


@pytest.fixture
def relayed_redis(settings):
    if not redis_answers():
        pytest.skip("needs Redis on 127.0.0.1:6379")
    relay = Relay()
    relay.start()
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{relay.port}/12",
        "KEY_PREFIX": f"freshness-outage-{os.getpid()}",
    }
    settings.CACHES = {
        "default": {**redis, "OPTIONS": {"IGNORE_EXCEPTIONS": True}},
        "freshness": redis,
    }
    settings.KEY_VERSIONS_IN_CACHE = True
    cache.clear()
    local_pages.clear()
    yield relay
    relay.stop()
    import redis

    redis.Redis(*REDIS, db=12).flushdb()


def test_an_edit_made_while_redis_is_unreachable_is_shown_when_it_answers(client, relayed_redis):

    article = make.article(title="Titre du matin", slug="titre")
    url = article.get_absolute_url()
    assert "Titre du matin" in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "HIT"

    relayed_redis.stop()
    article.title = "Titre corrigé pendant la panne"
    article.save()  # stamped in the database; the copy in Redis could not be written
    assert "Titre corrigé" in client.get(url).content.decode()  # rendered, Redis down
    relayed_redis.start()

    # Another server, which saw no failure, reads Redis only: the keys are written again
    # from the database by the writer within its retry half-second.
    key = versions.PREFIX + f"article:{article.pk}"
    deadline = time.monotonic() + 3
    truth = versions.from_database([f"article:{article.pk}"])[f"article:{article.pk}"]
    while cache.get(key) != truth and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cache.get(key) == truth
    local_pages.clear()
    assert "Titre corrigé pendant la panne" in client.get(url).content.decode()


def test_a_write_announced_makes_processes_forget_its_keys_only(relayed_redis, monkeypatch):
    """Each write is announced with the next count of writes: a process that knows the
    count before it forgets the write's keys and keeps the stamps of every other key (a
    count the shared cache's increment rounds would make it forget them all at each
    write, and every hit then ask Redis again). A count past what the increment returns
    exactly starts again from the clock."""
    heard = []
    monkeypatch.setattr(push, "publish", lambda count, keys: heard.append((count, keys)))
    versions.cache.set(versions.COUNTER, time.time_ns(), timeout=None)  # past 2**53
    versions.announce()
    assert versions.cache.get(versions.COUNTER) < versions.EXACT_COUNTS
    versions.known.clear()
    versions.read(["article:1", "article:2"])  # counted, and both stamps known
    for _ in range(3):
        before = versions.known.count
        versions.bump(["article:1"])
        count, keys = heard[-1]
        assert (count, keys) == (before + 1, ["article:1"])
        versions.heard(count, keys)
        assert versions.known.count == count
        assert "article:2" in versions.known.stamps and "article:1" not in versions.known.stamps
        versions.read(["article:1"])
