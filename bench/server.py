"""Production-like site on loopback for the benchmark and the load test.

PostgreSQL (a dedicated database) and Redis (a dedicated db number) on 127.0.0.1 when they
answer, else SQLite in a temporary directory and the local-memory cache. Every process
started here is stopped by the `serving` context manager, whatever happens.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
# 2 cores: (2 × cores) + 1 = 5 sync workers, gunicorn's own rule. A page spends part of its
# time waiting on PostgreSQL and Redis, so more workers than cores keep both cores busy
# while one waits; beyond that, each worker only adds ~65 MB and context switches.
WORKERS = int(os.environ.get("BENCH_WORKERS", "5"))


def answers(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def postgres_ready() -> bool:
    if not answers(HOST, 5432):
        return False
    try:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - any failure means: fall back to SQLite
        return False


def redis_ready() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except Exception:  # noqa: BLE001 - any failure means: fall back to local memory
        return False


@dataclass
class Backend:
    database_url: str
    redis_url: str
    label: str
    postgres: bool


def choose_backend(name: str, workdir: Path) -> Backend:
    """`name` names the dedicated database (newsroom_bench_20000, newsroom_loadtest)."""
    postgres, redis_ok = postgres_ready(), redis_ready()
    database_url = (
        f"{POSTGRES_SERVER}/{name}" if postgres else f"sqlite:///{workdir / (name + '.sqlite3')}"
    )
    redis_url = REDIS_URL if redis_ok else ""
    label = ("PostgreSQL" if postgres else "SQLite") + (" + Redis" if redis_ok else " + locmem")
    return Backend(database_url, redis_url, label, postgres)


def environment(backend: Backend, static_root: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": backend.database_url,
        "REDIS_URL": backend.redis_url,
        "CACHE_KEY_PREFIX": "bench",
        "BENCH_STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("STATICFILES_BACKEND", None)
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    completed = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


def fresh_database(backend: Backend, name: str) -> None:
    """Drop and re-create the dedicated database (never any other)."""
    if backend.postgres:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    else:
        path = Path(backend.database_url.removeprefix("sqlite:///"))
        path.unlink(missing_ok=True)
    if backend.redis_url:
        import redis

        redis.Redis.from_url(backend.redis_url).flushdb()  # our db number only


def cpu_idle_share(seconds: float = 2.0) -> float | None:
    """Share of the machine's CPU time spent idle over `seconds` (Linux /proc/stat), or
    None where it cannot be read."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
        return ticks[3] + ticks[4], sum(ticks)  # idle + iowait, all

    try:
        idle_before, total_before = sample()
        time.sleep(seconds)
        idle_after, total_after = sample()
    except (OSError, ValueError, IndexError):
        return None
    return (idle_after - idle_before) / max(1, total_after - total_before)


def wait_for_quiet(threshold: float = 0.9, timeout: float = 90.0, sample: float = 2.0) -> float:
    """Wait, at most `timeout` seconds, until the CPUs are idle at least `threshold` of
    the time (autovacuum, the previous scale's processes); the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        share = cpu_idle_share(sample)
        if share is None or share >= threshold:
            break
    return time.monotonic() - start


def on_spare_cpu() -> None:
    """For a process started here that stands for other machines (the edge, the readers'
    load through it): it runs only on CPU time no other process wants (SCHED_IDLE), as if
    it had its own. At nice 10, the edge's many runnable threads kept PostgreSQL, Redis and
    the app waiting for a core, up to seconds at a time (measured: a Redis PING and a
    PostgreSQL SELECT 1 took up to 1.5 s beside Varnish and wrk at nice 10, at most 14 ms
    with both on SCHED_IDLE, for the same edge throughput). For `preexec_fn`."""
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 5, headers: dict[str, str] | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    workdir: Path | None = None  # an edge's: varnishstat reads it

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return sizes


@contextlib.contextmanager
def serving(
    env: dict[str, str], log: Path, workers: int = WORKERS, port: int | None = None
) -> Iterator[Server]:
    port = port or free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "bench.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, loopback only
            command, cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    server = Server(process, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({process.returncode}); see {log}")
            with contextlib.suppress(OSError):
                if get(server.url("/healthz"), timeout=2) == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
