"""`make bench-election`: election night, on production settings, measured in one run.

For each corpus size (BENCH_ELECTION_SCALES, default "2000 20000" generated articles, plus
the demo): PostgreSQL + Redis when they answer (else SQLite + local memory, said in the
title), gunicorn with 4 workers, wrk with 32 connections over a mix of every public
article, every contest, every section, 200 person pages and the home page (loadtest.lua,
one URL after another, asking for gzip as browsers do). Every URL is fetched once first,
so both phases start warm:

1. the mix, no writes;
2. the same mix while a results desk process (results_desk.py) saves one round's figures
   per second through the admin desk's service, and measures the freshness delay: from
   the committed write to the first anonymous answer that shows it, on the contest's page
   (1 and 2 alternated in three runs each, medians compared: `alternated`);
3. the same again, each write also moving the contest's status, which every article
   showing the contest displays (its results box shows the status and who won, not the
   figures): the delay measured on the contest's page and on such an article. A status
   moves two or three times per contest on a real night, not every second: this phase is
   the worst case, its throughput printed but not a target. Each write is also told in the
   night's live blog (an entry linked to the contest), whose delay is measured on the live
   page (`bench.sample.open_live_blog`; the live page is in the mix).

4. the same two write phases through the edge (Varnish with deploy/varnish/newsroom.vcl
   in front of the same server, the app purging it by key after each write): with a
   results write per second, req/s against the origin's own with writes and the edge's
   hit ratio; with a status change per second (told in the live blog), the worst case,
   printed; the freshness delays measured at the edge in both. Then gunicorn is stopped
   (100 pages of the mix must still be answered by the edge) and started again. Varnish
   and wrk stand for other machines there: they run on the CPU time the app, PostgreSQL
   and Redis leave (SCHED_IDLE, `server.on_spare_cpu`).

In the same run: a static file of the served page's size (whitenoise, the ceiling) and one
cached page at the same concurrency, and the SQL of a cache hit. Then the default set-up
(`make run`'s: SQLite, no Redis, 3 workers, the demo) measures its freshness delay under
the same desk. Prints every figure and checks the targets; exits 1 if one is missed.

Environment: BENCH_ELECTION_SCALES, BENCH_ELECTION_SECONDS (60 per phase). The page cache
keeps pages an hour here (PAGE_CACHE_TIMEOUT=3600): warming 20,000 pages takes longer than
the default 5 minutes, and a page now leaves the cache when what it shows changes.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench import edge, server, wrk
from bench.bench import (
    DEFEAT,
    Page,
    prepare_site,
    probe,
    run_module,
    static_url,
    write_static_file,
)

SCRIPT = str(Path(__file__).with_name("loadtest.lua"))
WORKERS = 4
CONNECTIONS = 32
THREADS = 2
DEFAULT_WORKERS = 3  # make run's
PAGE_LIFETIME = "3600"


@dataclass
class Phase:
    result: wrk.Result

    @property
    def served(self) -> int:
        extra = self.result.extra
        return extra.get("cache_hit", 0) + extra.get("cache_stale", 0) + extra.get("cache_miss", 0)

    @property
    def hit_ratio(self) -> float:
        """Answered from the cache (fresh, or stale within its second) over all pages."""
        extra = self.result.extra
        cached = extra.get("cache_hit", 0) + extra.get("cache_stale", 0)
        return cached / self.served if self.served else 0.0

    @property
    def errors(self) -> int:
        extra = self.result.extra
        return self.result.errors + extra.get("server_errors", 0) + extra.get("client_errors", 0)

    @classmethod
    def median(cls, phases: list["Phase"]) -> "Phase":
        return cls(wrk.median_result([phase.result for phase in phases]))

    def line(self, name: str) -> str:
        extra = self.result.extra
        return (
            f"{name:<28} {self.result.rps:7.0f} req/s  p50 {self.result.p50:6.1f} ms  "
            f"p99 {self.result.p99:7.1f} ms  errors {self.errors} (5xx "
            f"{extra.get('server_errors', 0)}, 4xx {extra.get('client_errors', 0)}, socket "
            f"{self.result.socket_errors})  "
            f"cache {self.hit_ratio:6.1%} (hit {extra.get('cache_hit', 0)}, "
            f"stale {extra.get('cache_stale', 0)}, miss {extra.get('cache_miss', 0)})"
        )


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (inf when a write was never seen)."""
    if not values:
        return float("inf")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def delay_line(name: str, delays: list[float]) -> str:
    if not delays:
        return f"freshness delay, {name}: no write measured"
    shown = [d for d in delays if d != float("inf")]
    p50, p99 = statistics.median(delays) * 1000, percentile(delays, 0.99) * 1000
    return (
        f"freshness delay, {name:<8} {len(delays)} writes: p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
        f"max {max(delays) * 1000:.0f} ms, never shown {len(delays) - len(shown)}"
    )


def prepare(backend: server.Backend, env: dict, database: str, articles: int) -> list[str]:
    prepare_site(backend, env, database, articles)
    return run_module(env, "bench.sample", "--election")


def warm(srv: server.Server, paths: list[str]) -> dict[int, int]:
    """Every URL once (8 at a time), asking for gzip as the mix does: the phases then
    start with a full cache."""

    def get(path: str) -> int:
        return server.get(srv.url(path), timeout=60, headers={"Accept-Encoding": "gzip"})

    with ThreadPoolExecutor(8) as pool:
        return dict(Counter(pool.map(get, paths)))


def mix(
    srv: server.Server,
    env: dict,
    paths_file: Path,
    seconds: float,
    connections: int,
    spare: bool = False,
) -> Phase:
    """The mix for `seconds`; `spare`: wrk stands for readers elsewhere and runs on the CPU
    time the app leaves (the edge phase, `server.on_spare_cpu`)."""
    return Phase(
        wrk.run(
            srv.url("/"),
            seconds=seconds,
            threads=THREADS,
            connections=connections,
            script=SCRIPT,
            env={**env, "LOADTEST_PATHS_FILE": str(paths_file), "LOADTEST_GZIP": "1"},
            preexec_fn=server.on_spare_cpu if spare else None,
        )
    )


def with_results_desk(
    srv,
    env,
    paths_file,
    seconds,
    connections,
    status_every: int = 0,
    live: bool = False,
    spare: bool = False,
) -> tuple[Phase, dict]:
    desk = subprocess.Popen(  # noqa: S603 - our own module, loopback URL
        [sys.executable, "-m", "bench.results_desk", srv.url(""), str(seconds)],
        cwd=server.BASE_DIR,
        env={
            **env,
            "BENCH_ELECTION_STATUS_EVERY": str(status_every),
            "BENCH_ELECTION_LIVE": "1" if live else "0",
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Its start-up (Django, choosing its contests) is not part of the measured night.
    if desk.stdout.readline().strip() != "ready":
        desk.kill()
        raise RuntimeError(f"results desk failed to start:\n{desk.stderr.read()[-3000:]}")
    desk.stdin.write("go\n")
    desk.stdin.flush()
    phase = mix(srv, env, paths_file, seconds, connections, spare=spare)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # wrk's time included, not the desk's
    out, err = desk.communicate(timeout=seconds + 120)
    if desk.returncode:
        raise RuntimeError(f"results desk failed:\n{err[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = json.loads(out.strip().splitlines()[-1])
    if any(d == float("inf") for delays in report["delays"].values() for d in delays):
        print("results desk's log, a write never shown:\n" + err[-3000:])
    report["cpu_seconds"] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return phase, report


# The mix without writes and with them, alternated so many times (see `alternated`).
ALTERNATIONS = 3


def alternated(srv, env, paths, paths_file, seconds) -> tuple[Phase, Phase, dict]:
    """The mix without writes, then with a result write per second, `seconds` each in all,
    in ALTERNATIONS alternated runs; each run without writes begins with every URL fetched
    once more, so that it does not render what the previous writes changed. (The mix
    without writes, its conditions unchanged, gave 2,136 to 2,989 req/s from one 20 s run
    to the next on this host.) Returns both as medians of their runs (req/s, latencies;
    counts summed), and the desk's reports merged."""
    quiet, busy, desks = [], [], []
    share = seconds / ALTERNATIONS
    for run in range(ALTERNATIONS):
        if run:
            warm(srv, paths)
        quiet.append(mix(srv, env, paths_file, share, CONNECTIONS))
        phase, desk = with_results_desk(srv, env, paths_file, share, CONNECTIONS)
        busy.append(phase)
        desks.append(desk)
    return Phase.median(quiet), Phase.median(busy), merged(desks)


def merged(reports: list[dict]) -> dict:
    """The results desk's reports of several runs as one: writes, refusals and CPU summed,
    the delays of every run."""
    return {
        "writes": sum(report["writes"] for report in reports),
        "refused": sum(report["refused"] for report in reports),
        "contests": reports[0]["contests"],
        "cpu_seconds": sum(report["cpu_seconds"] for report in reports),
        "delays": {
            name: [delay for report in reports for delay in report["delays"][name]]
            for name in reports[0]["delays"]
        },
    }


def ceiling(srv: server.Server, static: str, page: str) -> tuple[wrk.Result, wrk.Result]:
    """The static file and the cached page, 5 s each, alternated five times: the medians
    (a host that drifts does not favour either). Both are bound by the same wait of each
    sync worker for the client to close its connection (gunicorn's graceful close, half
    of a worker's samples), so one run varies widely on this host (3,200-4,900 req/s for
    the static file across runs); five of each narrow the medians."""
    runs: dict[str, list[wrk.Result]] = {static: [], page: []}
    for _ in range(5):
        for path in runs:
            runs[path].append(
                wrk.run(srv.url(path), seconds=5, threads=THREADS, connections=CONNECTIONS)
            )
    return wrk.median_result(runs[static]), wrk.median_result(runs[page])


def check(name: str, ok: bool, figure: str) -> bool:
    print(f"  {'PASS' if ok else 'FAIL'}  {name}: {figure}")
    return ok


def freshness_check(contest: list[float], article: list[float], live: list[float]) -> bool:
    p99 = percentile(contest, 0.99), percentile(article, 0.99), percentile(live, 0.99)
    return check(
        "freshness p99 ≤ 1 s (contest, article, live page)",
        max(p99) <= 1.0 and bool(contest),
        ", ".join(f"{p * 1000:.0f} ms" for p in p99),
    )


def production_scale(articles: int, workdir: Path, seconds: float) -> bool:
    database = f"newsroom_election_{articles}"
    backend = server.choose_backend(database, workdir)
    static_root = workdir / f"static-{articles}"
    env = server.environment(
        backend,
        static_root,
        CACHE_KEY_PREFIX=f"election{articles}",
        PAGE_CACHE_TIMEOUT=PAGE_LIFETIME,
    )
    print(f"\n== {articles} generated articles + the demo, {backend.label} ==", flush=True)
    paths = prepare(backend, env, database, articles)
    paths_file = workdir / f"mix-{articles}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    page_bytes = probe(env, [Page("article", DEFEAT)])[DEFEAT]
    write_static_file(static_root, page_bytes["bytes"])
    hit_sql = page_bytes["queries"]
    edge_port = server.free_port()
    if edge.available():  # the app purges it after each write, from the start
        env["EDGE_PURGE_URLS"] = f"http://{server.HOST}:{edge_port}/"
        env["EDGE_SURROGATE_CAPABILITY"] = edge.capability()
    with server.serving(env, workdir / f"log-{articles}", workers=WORKERS) as srv:
        print(f"mix: {len(paths)} URLs; warming: {warm(srv, paths)}", flush=True)
        server.wait_for_quiet()
        static, cached = ceiling(srv, static_url(page_bytes["bytes"]), DEFEAT)
        quiet, busy, desk = alternated(srv, env, paths, paths_file, seconds)
        calls, called = with_results_desk(
            srv, env, paths_file, seconds / 2, CONNECTIONS, status_every=1, live=True
        )
        edged = edge_phase(srv, edge_port, env, paths, paths_file, seconds, workdir)
    print(
        f"\nwrk {THREADS} threads, {CONNECTIONS} connections, {seconds:g} s per phase "
        f"(no writes and 1 result write/s: medians of {ALTERNATIONS} alternated runs), "
        f"gunicorn {WORKERS} workers"
    )
    print(f"{'static file (ceiling)':<28} {static.rps:7.0f} req/s  p99 {static.p99:7.1f} ms")
    print(f"{'one cached article':<28} {cached.rps:7.0f} req/s  p99 {cached.p99:7.1f} ms")
    print(quiet.line("mix, no writes"))
    print(busy.line("mix, 1 result write/s"))
    print(calls.line("mix, 1 status change/s"))
    for name, report in (("figures", desk), ("status", called)):
        print(
            f"results desk ({name}): {report['writes']} writes over {report['contests']} "
            f"contests, {report['cpu_seconds']:.1f} s of CPU ({report['refused']} refused)"
        )
    contest = desk["delays"]["contest"] + called["delays"]["contest"]
    article = called["delays"]["article"]
    live = called["delays"]["live"]
    print(delay_line("contest", contest))
    print(delay_line("article", article))
    print(delay_line("live page, a new entry", live))
    print("targets:")
    results = [
        check(
            "mix with writes ≥ 0.8 × without",
            busy.result.rps >= 0.8 * quiet.result.rps,
            f"{busy.result.rps / quiet.result.rps:.2f} ×",
        ),
        check(
            "p99 with writes ≤ 2 × without",
            busy.result.p99 <= 2 * quiet.result.p99,
            f"{busy.result.p99 / quiet.result.p99:.2f} ×",
        ),
        check(
            "no error",
            quiet.errors + busy.errors + calls.errors == 0,
            f"{quiet.errors + busy.errors + calls.errors}",
        ),
        check("hit ratio with writes ≥ 95 %", busy.hit_ratio >= 0.95, f"{busy.hit_ratio:.1%}"),
        freshness_check(contest, article, live),
        check(
            "cached page ≥ 0.9 × static file",
            cached.rps >= 0.9 * static.rps,
            f"{cached.rps / static.rps:.2f} ×",
        ),
        check("no SQL on a hit", hit_sql == 0, f"{hit_sql} queries"),
    ]
    edge_ok = edge_targets(edged, busy)  # printed whatever the origin's targets gave
    return all(results) and edge_ok


def edge_phase(srv, edge_port, env, paths, paths_file, seconds, workdir):
    """Through Varnish in front of the same server, the app purging it, as at the origin:
    the mix with a results write per second (the targets' phase), then the worst case,
    each write also a status change that every article showing the contest displays, and
    told in the live blog (freshness at the edge); then the app stopped (what the edge
    still answers) and started again. ((figures, statuses), statuses down, statuses back),
    each phase a (Phase, desk's report); None without Varnish. Ends with the app stopped."""
    if not edge.available():
        return None
    sample = paths[:: max(1, len(paths) // 100)][:100]
    # On separate machines in production: here the edge and wrk run on the CPU time the
    # app servers, PostgreSQL and Redis leave them (`server.on_spare_cpu`).
    memory = edge.memory_for(len(paths))
    includes = env["EDGE_SURROGATE_CAPABILITY"]
    with edge.fronting(srv.port, edge_port, spare=True, memory=memory, includes=includes) as front:
        print(f"edge: warming {warm(front, paths)}", flush=True)
        used, free = edge.storage(front)
        print(f"edge storage ({memory}): {used / 2**20:.0f} MB used, {free / 2**20:.0f} MB free")
        before = edge.counters(front)
        figures = with_results_desk(front, env, paths_file, seconds, CONNECTIONS, spare=True)
        print(f"edge, result writes: {edge.activity(before, edge.counters(front))}")
        before = edge.counters(front)
        statuses = with_results_desk(
            front,
            env,
            paths_file,
            seconds / 2,
            CONNECTIONS,
            status_every=1,
            live=True,
            spare=True,
        )
        print(f"edge, status changes: {edge.activity(before, edge.counters(front))}")
        # The sample as the edge has it once the writes have stopped (a page purged by the
        # last write is fetched again), then the app stopped.
        warm(front, sample)
        srv.process.terminate()
        srv.process.wait(timeout=15)
        time.sleep(6)  # the edge's probe (every second, 3 of the last 5) finds it down
        down = warm(front, sample)
        log = workdir / "log-edge-restart"
        with server.serving(env, log, workers=WORKERS, port=srv.port):
            edge.wait_until_healthy(front)
            back = warm(front, sample)
    return (figures, statuses), down, back


def edge_targets(edged, origin: Phase) -> bool:
    if edged is None:
        return check("edge phase", False, "varnish and varnish-modules are not installed")
    ((phase, desk), (worst, called)), down, back = edged
    print(phase.line("edge, 1 result write/s"))
    print(worst.line("edge, 1 status change/s"))
    for name, report in (("figures", desk), ("status", called)):
        print(
            f"results desk (edge, {name}): {report['writes']} writes over "
            f"{report['contests']} contests ({report['refused']} refused)"
        )
    contest = desk["delays"]["contest"] + called["delays"]["contest"]
    article, live = called["delays"]["article"], called["delays"]["live"]
    print(delay_line("contest at the edge", contest))
    print(delay_line("article at the edge", article))
    print(delay_line("live page at the edge", live))
    print("edge targets:")
    ratio = phase.result.rps / origin.result.rps
    return all(
        [
            check("edge with writes ≥ 5 × the origin with writes", ratio >= 5, f"{ratio:.2f} ×"),
            check(
                "edge hit ratio with writes ≥ 99 %",
                phase.hit_ratio >= 0.99,
                f"{phase.hit_ratio:.2%}",
            ),
            check(
                "no error through the edge",
                phase.errors + worst.errors == 0,
                f"{phase.errors + worst.errors}",
            ),
            freshness_check(contest, article, live),
            check(
                "app stopped: the edge still answers every page it had",
                set(down) == {200},
                f"{down.get(200, 0)} of {sum(down.values())} pages 200 ({dict(down)})",
            ),
            check(
                "app started again: answered",
                set(back) == {200},
                f"{back.get(200, 0)} of {sum(back.values())} pages 200",
            ),
        ]
    )


def default_setup(workdir: Path, seconds: float) -> bool:
    """`make run`'s set-up: SQLite, no Redis, 3 workers, the demo."""
    path = workdir / "default.sqlite3"
    backend = server.Backend(f"sqlite:///{path}", "", "SQLite + local memory", postgres=False)
    env = server.environment(backend, workdir / "static-default")
    env.pop("REDIS_URL", None)
    print(f"\n== the default set-up: demo, {backend.label}, {DEFAULT_WORKERS} workers ==")
    paths = prepare(backend, env, "default", 0)
    paths_file = workdir / "mix-default.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    with server.serving(env, workdir / "log-default", workers=DEFAULT_WORKERS) as srv:
        warm(srv, paths * DEFAULT_WORKERS)
        busy, desk = with_results_desk(srv, env, paths_file, seconds, 8, status_every=2, live=True)
    print(busy.line("mix, 1 write/s (1 in 2 a status)"))
    contest, article = desk["delays"]["contest"], desk["delays"]["article"]
    live = desk["delays"]["live"]
    print(delay_line("contest", contest))
    print(delay_line("article", article))
    print(delay_line("live page", live))
    print("targets:")
    return all(
        [
            check("no error", busy.errors == 0, f"{busy.errors}"),
            freshness_check(contest, article, live),
        ]
    )


def main() -> int:
    scales = [int(n) for n in os.environ.get("BENCH_ELECTION_SCALES", "2000 20000").split()]
    seconds = float(os.environ.get("BENCH_ELECTION_SECONDS", "60"))
    ok = True
    with tempfile.TemporaryDirectory(prefix="newsroom-election-") as tmp:
        workdir = Path(tmp)
        for articles in scales:
            ok &= production_scale(articles, workdir, seconds)
        ok &= default_setup(workdir, min(seconds, 30))
    print("\nPASS: every target met" if ok else "\nFAIL: a target was missed (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
