"""Outages: PostgreSQL down gives a clear 503 and recovers without a restart; Redis down
changes nothing a reader sees.

The database outage is real: a throwaway PostgreSQL cluster (initdb, as `.ci/run` does),
the site served by gunicorn against it, the cluster stopped and started again under it.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.views.decorators.cache import cache_page

from newsroom import views
from newsroom.caching import versions
from newsroom.middleware import DatabaseUnavailableMiddleware

BASE_DIR = Path(__file__).resolve().parents[2]
PG_BIN = next(
    (
        str(Path(path).parent)
        for path in [shutil.which("initdb"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))]
        if path
    ),
    None,
)
UNAVAILABLE = "Service momentanément indisponible"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres(*command: str) -> None:
    """initdb refuses to run as root: run the cluster as the postgres user then."""
    if os.getuid() == 0:
        command = ("runuser", "-u", "postgres", "--", *command)
    subprocess.run(command, check=True, capture_output=True, cwd="/", timeout=120)


class Cluster:
    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.data = root / "data"
        self.run = root / "run"

    def init(self) -> None:
        self.data.mkdir()
        self.run.mkdir()
        if os.getuid() == 0:
            shutil.chown(self.data, "postgres")
            shutil.chown(self.run, "postgres")
        as_postgres(
            f"{PG_BIN}/initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.run} -c fsync=off"
        log = str(self.run / "log")
        as_postgres(
            f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, "start"
        )

    def stop(self) -> None:
        as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"


@pytest.fixture(scope="module")
def cluster():
    if PG_BIN is None:
        pytest.skip("initdb is not installed: the PostgreSQL outage test needs a cluster")
    if os.getuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL")
    root = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
    root.chmod(0o755)
    cluster = Cluster(root)
    try:
        cluster.init()
        cluster.start()
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as connection:
            connection.execute("CREATE DATABASE newsroom")
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(cluster.data), "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def fetch(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def children(pid: int) -> set[int]:
    found = set()
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(Path(stat).parent.name))
    return found


@pytest.fixture(scope="module")
def site_on_cluster(cluster):
    """The site on the throwaway cluster (migrated, empty), served by one gunicorn worker;
    Redis points at a port where nothing listens."""
    env = {
        **os.environ,
        "DATABASE_URL": cluster.url("newsroom"),
        "DEBUG": "0",
        "SECRET_KEY": "outage-test-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "CRITICAL",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        env=env,
        cwd=BASE_DIR,
        check=True,
        capture_output=True,
        timeout=300,
    )
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(120):
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("gunicorn did not answer")
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_database_outage_answers_503_then_recovers_without_restart(cluster, site_on_cluster):
    base, server = site_on_cluster
    assert fetch(f"{base}/")[0] == 200
    assert fetch(f"{base}/personnes/")[0] == 200
    workers = children(server.pid)

    cluster.stop()
    try:
        # Pages this worker stored before are still served (nothing can change them
        # while the database is down); the others get the clear 503.
        assert fetch(f"{base}/")[0] == 200
        for path in ("/personnes/?lettre=B", "/en/", "/recherche/?q=senat"):
            status, headers, body = fetch(base + path)
            assert status == 503, (path, status)
            assert headers["Retry-After"] == "30"
            assert UNAVAILABLE in body or "temporarily unavailable" in body.lower()
            assert "Traceback" not in body
            assert "OperationalError" not in body
        status, _headers, body = fetch(f"{base}/healthz")
        assert status == 503
        assert '"database": "down"' in body
    finally:
        cluster.start()

    # The first request after the return is served: the worker reconnects by itself.
    assert fetch(f"{base}/")[0] == 200
    assert fetch(f"{base}/healthz")[0] == 200
    assert server.poll() is None
    assert children(server.pid) == workers, "the worker was restarted"


def test_outage_page_renders_without_touching_the_database():
    """No `db` fixture here: any query would raise. The middleware answers for a view that
    failed on the database, in the reader's language."""

    def failing_view(request):
        raise OperationalError("connection refused")

    middleware = DatabaseUnavailableMiddleware(failing_view)
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        response = middleware.process_exception(request, OperationalError("refused"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<title>" in response.content.decode()
    assert middleware.process_exception(request, ValueError("not ours")) is None


# --- Redis down --------------------------------------------------------------------------------

DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True},
    }
}
DEAD_REDIS["freshness"] = {**DEAD_REDIS["default"], "OPTIONS": {}}


@override_settings(CACHES=DEAD_REDIS)
def test_unreachable_redis_is_a_cache_miss():
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    cache.set("key", "value")
    assert not cache.add("key", "value")
    assert cache.get_or_set("key", lambda: "computed") == "computed"
    assert cache.get_many(["a", "b"]) == {}
    cache.set_many({"a": 1})
    assert not cache.has_key("key")
    assert not cache.delete("key")


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
def test_freshness_keys_come_from_the_database_while_redis_is_down():
    """And the failure is remembered: the keys are copied again once Redis answers."""
    assert versions.copy({"article:1": (1, 0)}) is False
    assert versions.read(["article:1"]) == {"article:1": versions.NEVER}
    assert versions.failed_since() is not None


@pytest.mark.django_db
@override_settings(CACHES=DEAD_REDIS)
def test_pages_are_served_from_the_database_when_redis_is_down(client, site):
    started = time.perf_counter()
    cached_home = cache_page(60)(views.home)
    request = RequestFactory().get("/")
    assert cached_home(request).status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/personnes/").status_code == 200
    assert cache.get("anything") is None
    assert time.perf_counter() - started < 5
