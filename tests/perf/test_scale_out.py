"""Two app servers, one PostgreSQL, one Redis: a write seen through one server's process is
served fresh by the other at once, although that other keeps the page in the shared cache
and in its own memory.

Runs when the suite is on PostgreSQL and Redis answers (CI has both); skipped otherwise."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from newsroom.articles.models import Article, Status
from tests import factories as make

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)
# A Redis database of its own, flushed by the test.
REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/13")
KEY_PREFIX = "newsroom-scale-out-test"
# A write is shown by the next request; the slack is for a slow machine.
WITHIN_SECONDS = 0.5


def redis_answers() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{db['NAME']}"


def start_server(port: int) -> subprocess.Popen:
    """One app server as in production (DEBUG off, gunicorn), TLS redirect off on loopback."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "scale-out-test-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "0",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": KEY_PREFIX,
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    env.pop("CACHE_BACKEND", None)
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def get(port: int, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
        return response.read().decode()


def shows_within(port: int, path: str, text: str, seconds: float) -> float:
    """How long after now the server first answered with `text`; fails after `seconds`."""
    start = time.monotonic()
    while True:
        if text in get(port, path):
            return time.monotonic() - start
        if time.monotonic() - start > seconds:
            pytest.fail(f"{text!r} not on {path} after {seconds} s")
        time.sleep(0.05)


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"app server on port {port} exited with {server.returncode}")
        try:
            get(port, "/healthz")
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"app server on port {port} did not start")


@contextlib.contextmanager
def running(ports: tuple[int, ...], servers: list[subprocess.Popen]):
    """Each server answering on its port, then all stopped, whatever happens."""
    try:
        for port, server in zip(ports, servers, strict=True):
            wait_until_up(port, server)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


@pytest.fixture
def shared_cache(settings):
    """This process writes through the same Redis the servers read, and announces its
    writes to them as a server does."""
    settings.KEY_VERSIONS_PUSH_URL = REDIS_URL
    settings.CACHES = dict.fromkeys(
        ("default", "freshness"),
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": KEY_PREFIX,
        },
    )
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def two_servers(shared_cache, newsroom):
    if connection.vendor != "postgresql":
        pytest.skip("scale-out test needs PostgreSQL (set DATABASE_URL)")
    if not redis_answers():
        pytest.skip(f"scale-out test needs Redis at {REDIS_URL}")
    ports = free_port(), free_port()
    with running(ports, [start_server(port) for port in ports]):
        yield ports


def test_a_write_through_one_server_is_served_fresh_by_the_other(two_servers, newsroom):
    a, b = two_servers
    article = newsroom["first"]
    url = article.get_absolute_url()
    assert "Ada Martin élue" in get(b, url)

    # A change that bypasses the models (no version bump) is not seen: B serves its cache.
    Article.objects.filter(pk=article.pk).update(title="Changé sans passer par le modèle")
    assert "Changé sans passer" not in get(b, url)

    # An edit through the models, as server A or the admin makes it, stamps its keys.
    article.refresh_from_db()
    article.title = "Ada Martin élue au Sénat"
    article.save()
    within = WITHIN_SECONDS
    shows_within(b, url, "Ada Martin élue au Sénat", within)
    assert "Ada Martin élue au Sénat" in get(a, url)

    # Publishing: warm B's home, publish, B shows it.
    draft = make.article(title="Dépêche du soir", slug="depeche", status=Status.DRAFT)
    assert "Dépêche du soir" not in get(b, "/")
    draft.status = Status.PUBLISHED
    draft.save()
    shows_within(b, "/", "Dépêche du soir", within)
