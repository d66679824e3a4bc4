"""`make loadtest`: an election-night mix of reader pages for 30 s at 50 connections.

Gunicorn with production settings and the demo on loopback; wrk drives it with
loadtest.lua. Exits 1 on any socket error, non-2xx/3xx answer or 5xx. Environment:
LOADTEST_SECONDS (30), LOADTEST_CONNECTIONS (50), BENCH_WORKERS (see server.py),
LOADTEST_TRACKING=1 (a random `utm_campaign` on every request: the cache must still hit).
"""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

from bench import server, wrk
from bench.bench import CONTEST, DEFEAT, prepare_site

DATABASE = "newsroom_loadtest"
SCRIPT = Path(__file__).with_name("loadtest.lua")
# Weighted by repetition: articles and the contest are what a results night sends readers to.
MIX = [
    "/",
    "/",
    DEFEAT,
    DEFEAT,
    "/article/battue-aux-senatoriales-la-secretaire-detat-sonia-backes-presente-sa-demission/",
    "/en/article/new-caledonia-sonia-backes-resigns-from-french-government-after-senate-defeat/",
    CONTEST,
    CONTEST,
    CONTEST + "resultats/",
    "/elections/senatoriales-2023/",
    "/recherche/?q=" + quote("Backès"),
    "/recherche/?q=" + quote("sénatoriales Nouvelle-Calédonie"),
]


def summary(result: wrk.Result) -> list[str]:
    server_errors = result.extra.get("server_errors", 0)
    client_errors = result.extra.get("client_errors", 0)
    return [
        f"requests: {result.requests} ({result.rps:.0f} req/s)",
        f"latency: p50 {result.p50:.1f} ms, p99 {result.p99:.1f} ms",
        f"socket errors: {result.socket_errors}",
        f"non-2xx/3xx: {result.non_2xx_3xx} (4xx: {client_errors}, 5xx: {server_errors})",
    ]


def passed(result: wrk.Result) -> bool:
    return result.errors == 0 and result.extra.get("server_errors", 0) == 0


def main() -> int:
    seconds = int(os.environ.get("LOADTEST_SECONDS", "30"))
    connections = int(os.environ.get("LOADTEST_CONNECTIONS", "50"))
    tracking = os.environ.get("LOADTEST_TRACKING", "0")
    with tempfile.TemporaryDirectory(prefix="newsroom-loadtest-") as tmp:
        workdir = Path(tmp)
        backend = server.choose_backend(DATABASE, workdir)
        env = server.environment(backend, workdir / "static")
        print(f"Load test on {backend.label}, {server.WORKERS} gunicorn workers", flush=True)
        prepare_site(backend, env, DATABASE, articles=0)
        with server.serving(env, workdir / "log") as srv:
            for path in dict.fromkeys(MIX):
                status = server.get(srv.url(path))
                print(f"  {status} {path}", flush=True)
            load = os.getloadavg()[0]
            result = wrk.run(
                srv.url("/"),
                seconds=seconds,
                threads=2,
                connections=connections,
                script=str(SCRIPT),
                env={**env, "LOADTEST_PATHS": " ".join(MIX), "LOADTEST_TRACKING": tracking},
            )
            rss = srv.worker_rss_mb()
        print(
            f"\nwrk: {seconds} s, {connections} connections, 2 threads, "
            f"{len(set(MIX))} URLs (home, articles, contest, results, search)"
            f"{', each with a random utm_campaign' if tracking == '1' else ''}; "
            f"load average before: {load:.1f}"
        )
        print("\n".join(summary(result)))
        print("gunicorn worker RSS after: " + ", ".join(f"{mb:.0f} MB" for mb in rss))
    ok = passed(result)
    print("PASS: no error, no 5xx" if ok else "FAIL: errors or 5xx answers (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
