"""`make bench`: the site under wrk at several corpus sizes, one table per size.

Environment: BENCH_SCALES ("200 20000"), BENCH_QUICK=1 (1 run × 2 s, 1,000 requests in
the endurance run), BENCH_RUNS, BENCH_SECONDS, BENCH_WORKERS (see server.py), BENCH_THREADS
(2), BENCH_CONNECTIONS (16), BENCH_ENDURANCE (requests of the endurance run, 10,000).
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench import endurance, server, wrk
from bench.sample import SEARCH_WORDS, search_path

DATABASE = "newsroom_bench"  # + "_<articles>": one database per corpus size
# EXPLAIN: a page may scan small tables (sections, parties, the year's contests), never one
# that grows with the corpus.
LARGE_SCAN_ROWS = 10_000
DEFEAT = "/article/senatoriales-2023-la-secretaire-detat-sonia-backes-battue-en-nouvelle-caledonie/"
CONTEST = "/elections/senatoriales-2023/988/"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()

    @property
    def spec(self) -> str:
        """How probe.py receives the page: path|Header:value."""
        return "|".join([self.path, *(f"{name}:{value}" for name, value in self.headers)])


FRAGMENT_NAME = "results fragment (htmx)"
POLL_NAME = "results poll, If-None-Match"
# A word found in nearly every article: the page is full at every corpus size (a name like
# "Backès" fills 6 results at 200 articles and 12 at 20,000, two different pages), and
# every article is a candidate, the hardest case for ranking.
SEARCH = Page("search ?q=Sénat", search_path("Sénat"))
PAGES = [
    Page("home", "/"),
    Page("article (defeat)", DEFEAT),
    Page("person (Sonia Backès)", "/personnes/sonia-backes/"),
    Page("contest (NC 988)", CONTEST),
    Page(FRAGMENT_NAME, CONTEST + "resultats/", (("HX-Request", "true"),)),
    Page("map", "/elections/senatoriales-2023/carte/"),
    SEARCH,
    Page("feed /flux/", "/flux/"),
]
UNCACHED = Page("article, cache disabled", DEFEAT)
# The page cache out (bench/settings.py BENCH_PAGE_MISS), its shared blocks cached: what
# the article costs after a write that left its blocks as they were. The header only
# keeps its probe apart from the other two readings of the same path.
PAGE_MISS = Page("article, page-cache miss", DEFEAT, (("X-Bench-Reading", "page-miss"),))
SEARCH_UNCACHED = Page("search, cache disabled", SEARCH.path)
BARE = Page("bare Django page, no DB", "/__bench__/bare")
TEMPLATE = Page("article template, no DB", "/__bench__/article-template")


@dataclass(frozen=True)
class Settings:
    runs: int
    seconds: float
    threads: int
    connections: int
    endurance: int


def settings_from_env() -> Settings:
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    return Settings(
        runs=int(os.environ.get("BENCH_RUNS", "1" if quick else "3")),
        seconds=float(os.environ.get("BENCH_SECONDS", "2" if quick else "5")),
        threads=int(os.environ.get("BENCH_THREADS", "2")),
        connections=int(os.environ.get("BENCH_CONNECTIONS", "16")),
        endurance=int(
            os.environ.get("BENCH_ENDURANCE", "1000" if quick else str(endurance.REQUESTS))
        ),
    )


def corpus_counts(articles: int) -> tuple[int, int, int]:
    """Persons and contests grow with the articles: 20,000 → 2,000 persons, 500 contests."""
    return articles, max(20, articles // 10), max(10, articles // 40)


def prepare_site(
    backend: server.Backend, env: dict[str, str], database: str, articles: int
) -> None:
    """A new `database` with the demo, `articles` generated articles (persons and contests
    growing with them) and the static files collected."""
    server.fresh_database(backend, database)
    server.manage(env, "migrate", "--noinput", "-v0")
    server.manage(env, "seed_demo")
    if articles:
        total, people, contests = corpus_counts(articles)
        counts = [f"--articles={total}", f"--people={people}", f"--contests={contests}"]
        print(server.manage(env, "generate_corpus", *counts, "--seed=42").strip(), flush=True)
    server.manage(env, "collectstatic", "--noinput", "-v0")


def run_module(env: dict[str, str], module: str, *args: str):
    """Run one of our bench modules with the server's environment; its last line is JSON."""
    completed = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", module, *args],
        cwd=server.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise RuntimeError(f"{module} failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def probe(env: dict[str, str], pages: list[Page]) -> dict[str, dict]:
    return run_module(env, "bench.probe", *(page.spec for page in pages))


def static_url(size: int) -> str:
    return f"/static/bench/page-{size}.html"


def write_static_file(static_root: Path, size: int) -> None:
    """A file of `size` bytes for whitenoise to serve at `static_url(size)`."""
    path = static_root / "bench" / f"page-{size}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)


def wrk_once(srv: server.Server, path: str, headers: dict, cfg: Settings) -> wrk.Result:
    return wrk.run(
        srv.url(path),
        seconds=cfg.seconds,
        threads=cfg.threads,
        connections=cfg.connections,
        headers=headers,
    )


WARM_SECONDS = 1.0


def warm(srv: server.Server, page: Page, cfg: Settings) -> None:
    """Fill the shared cache with the very variant measured (the htmx fragment is cached
    apart from the page at its address), then a short load so that every worker has served
    the page once (templates, connections) before the measured window opens."""
    headers = dict(page.headers)
    server.get(srv.url(page.path), headers=headers)
    wrk_once(srv, page.path, headers, replace(cfg, seconds=WARM_SECONDS))


def run_page(srv: server.Server, page: Page, probed: dict, cfg: Settings, runs: dict) -> None:
    """One run of `page`, followed at once by its static file of the same size: the pair
    sees the same moment of the host. The pair is appended to `runs[page.name]`."""
    warm(srv, page, cfg)
    result = wrk_once(srv, page.path, dict(page.headers), cfg)
    static = wrk_once(srv, static_url(probed[page.spec]["bytes"]), {}, cfg)
    runs.setdefault(page.name, []).append((result, static))


def rows_of(pages: list[Page], probed: dict, runs: dict) -> list[wrk.Row]:
    """Medians of each page's runs and of its static file's."""
    rows = []
    for page in pages:
        info = probed[page.spec]
        results, statics = zip(*runs[page.name], strict=True)
        rows.append(
            wrk.Row(
                page.name,
                page.path,
                info["status"],
                info["queries"],
                info["bytes"],
                wrk.median_result(list(results)),
                wrk.median_result(list(statics)),
            )
        )
    return rows


def alone(srv: server.Server, path: str, cfg: Settings) -> wrk.Result:
    """A page's latency with a single connection: no queueing."""
    return wrk.run(srv.url(path), seconds=cfg.seconds, threads=1, connections=1)


@dataclass
class ScaleReport:
    articles: int
    backend: str
    rows: list[wrk.Row]
    alone: dict[str, wrk.Result]  # page name -> latency at 1 connection (ALONE_PAGES)
    search_sql: float | None  # ms, PostgreSQL only
    rss: dict[str, list[float]]
    load: float
    large_scans: list[dict] | None
    memory: endurance.Memory

    def row(self, name: str) -> wrk.Row:
        return next(row for row in self.rows if row.name == name)


@dataclass
class Scale:
    """A corpus ready to be served: its database, settings and what the probes read."""

    articles: int
    backend: server.Backend
    env: dict[str, str]  # cache on
    bare_env: dict[str, str]  # cache off, bare page of the uncached article's size
    miss_env: dict[str, str]  # page cache out, shared cache on
    pages: list[Page]  # cache on
    probed: dict  # cache on (the cached and uncached article share a path: two dicts)
    probed_off: dict  # cache off
    probed_miss: dict  # page cache out
    scans: list[dict] | None
    search_sql: float | None
    mix: list[str]
    runs: dict = field(default_factory=dict)  # page name -> [(result, static)]
    alone: dict = field(default_factory=dict)  # page name -> [result at 1 connection]
    rss: dict[str, list[float]] = field(default_factory=dict)


UNCACHED_PAGES = [UNCACHED, TEMPLATE, BARE, SEARCH_UNCACHED]
# Also measured one request at a time, the page cache off: what one reader waits.
ALONE_PAGES = [SEARCH_UNCACHED, UNCACHED, TEMPLATE]


def prepare_scale(articles: int, workdir: Path) -> Scale:
    """Its own database and cache prefix, so every scale stays up while the others are
    measured."""
    database = f"{DATABASE}_{articles}"
    backend = server.choose_backend(database, workdir)
    static_root = workdir / f"static-{articles}"
    env = server.environment(backend, static_root, CACHE_KEY_PREFIX=f"bench{articles}")
    print(f"\n== {articles} generated articles on {backend.label} ==", flush=True)
    prepare_site(backend, env, database, articles)
    # Sizes and SQL counts first, so the static files exist before whitenoise scans the root.
    probed = probe(env, PAGES)
    # A repeated poll of the live results: the fragment's ETag sent back, 304 expected.
    fragment = next(page for page in PAGES if page.name == FRAGMENT_NAME)
    etag = probed[fragment.spec]["etag"]
    pages = list(PAGES)
    if etag:
        poll = Page(POLL_NAME, fragment.path, (*fragment.headers, ("If-None-Match", etag)))
        probed.update(probe(env, [poll]))
        pages.insert(pages.index(fragment) + 1, poll)
    uncached_env = {**env, "CACHE_BACKEND": "dummy"}
    probed_off = probe(uncached_env, [UNCACHED, TEMPLATE, SEARCH_UNCACHED])
    bare_env = {**uncached_env, "BENCH_BARE_SIZE": str(probed_off[UNCACHED.spec]["bytes"])}
    probed_off.update(probe(bare_env, [BARE]))
    miss_env = {**env, "BENCH_PAGE_MISS": "1"}
    probed_miss = probe(miss_env, [PAGE_MISS])
    # Plans of every page with the cache off (a cached page runs no query to explain).
    scans = (
        run_module(
            uncached_env,
            "bench.explain",
            "--scans",
            str(LARGE_SCAN_ROWS),
            *(page.spec for page in PAGES),
            *(search_path(word) for word in SEARCH_WORDS),
        )
        if backend.postgres
        else None
    )
    # PostgreSQL's own time for the search page: its reads, run as captured.
    search_sql = (
        run_module(uncached_env, "bench.explain", "--sql-time", "50", SEARCH.spec)["p50"]
        if backend.postgres
        else None
    )
    mix = run_module(env, "bench.sample", "400")
    for info in [*probed.values(), *probed_off.values(), *probed_miss.values()]:
        write_static_file(static_root, info["bytes"])
    return Scale(
        articles,
        backend,
        env,
        bare_env,
        miss_env,
        pages,
        probed,
        probed_off,
        probed_miss,
        scans,
        search_sql,
        mix,
    )


def pair_order(served: list, round_index: int, page_index: int) -> list:
    """The scales for one page: all of them back to back, the order reversed from one page
    to the next and from one run to the next (A B, B A...), so that a drifting host weighs
    on every scale alike and the 20,000 / 200 ratio compares two neighbouring moments."""
    return served if (round_index + page_index) % 2 == 0 else served[::-1]


def page_names(pages_by_scale: list[list[Page]]) -> list[str]:
    """Every page measured at some scale, in page order (the poll exists only where the
    fragment sent an ETag)."""
    return list(dict.fromkeys(page.name for pages in pages_by_scale for page in pages))


def measure_pages(
    served: list[tuple[Scale, server.Server]],
    pages_of,
    probed_of,
    round_index: int,
    cfg: Settings,
) -> None:
    """Each page at every scale back to back (see pair_order)."""
    names = page_names([pages_of(scale) for scale, _ in served])
    for page_index, name in enumerate(names):
        for scale, srv in pair_order(served, round_index, page_index):
            page = next((page for page in pages_of(scale) if page.name == name), None)
            if page is not None:
                run_page(srv, page, probed_of(scale), cfg, scale.runs)


def measure_round(scales: list[Scale], round_index: int, log: Path, cfg: Settings) -> None:
    """One run of every page at every scale, every scale served at once: cache on, then
    cache off. Worker sizes are kept from the last run."""
    with contextlib.ExitStack() as stack:
        served = [(scale, stack.enter_context(server.serving(scale.env, log))) for scale in scales]
        measure_pages(served, lambda s: s.pages, lambda s: s.probed, round_index, cfg)
        for scale, srv in served:
            scale.rss["cache on"] = srv.worker_rss_mb()
    with contextlib.ExitStack() as stack:
        served = [
            (scale, stack.enter_context(server.serving(scale.bare_env, log))) for scale in scales
        ]
        measure_pages(served, lambda s: UNCACHED_PAGES, lambda s: s.probed_off, round_index, cfg)
        for page_index, page in enumerate(ALONE_PAGES):
            for scale, srv in pair_order(served, round_index, page_index):
                scale.alone.setdefault(page.name, []).append(alone(srv, page.path, cfg))
        for scale, srv in served:
            scale.rss["cache off"] = srv.worker_rss_mb()
    with contextlib.ExitStack() as stack:
        served = [
            (scale, stack.enter_context(server.serving(scale.miss_env, log))) for scale in scales
        ]
        measure_pages(served, lambda s: [PAGE_MISS], lambda s: s.probed_miss, round_index, cfg)
    for scale in scales:
        print(f"  {scale.articles} articles:", flush=True)
        for page in [*scale.pages, *UNCACHED_PAGES, PAGE_MISS]:
            result = scale.runs[page.name][-1][0]
            print(f"    {page.name}: {result.rps:.0f} req/s, p50 {result.p50:.1f} ms", flush=True)


def run_scales(articles: list[int], workdir: Path, cfg: Settings) -> list[ScaleReport]:
    scales = [prepare_scale(count, workdir) for count in articles]
    log = workdir / "gunicorn.log"
    waited = server.wait_for_quiet()
    load = os.getloadavg()[0]
    print(f"\nwaited {waited:.0f} s for the CPUs to be 90 % idle; load {load:.1f}", flush=True)
    for index in range(cfg.runs):
        print(f"run {index + 1} of {cfg.runs}", flush=True)
        measure_round(scales, index, log, cfg)
    reports = []
    for scale in scales:
        print(
            f"  endurance at {scale.articles} articles: {cfg.endurance:,} requests over "
            f"{len(scale.mix)} URLs, 1 worker",
            flush=True,
        )
        memory = endurance.run(scale.env, log, scale.mix, cfg.endurance)
        reports.append(
            ScaleReport(
                scale.articles,
                scale.backend.label,
                rows_of(scale.pages, scale.probed, scale.runs)
                + rows_of(UNCACHED_PAGES, scale.probed_off, scale.runs)
                + rows_of([PAGE_MISS], scale.probed_miss, scale.runs),
                {name: wrk.median_result(runs) for name, runs in scale.alone.items()},
                scale.search_sql,
                scale.rss,
                load,
                scale.scans,
                memory,
            )
        )
    return reports


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def targets(report: ScaleReport) -> list[str]:
    cached, uncached = report.row("article (defeat)"), report.row(UNCACHED.name)
    bare, fragment = report.row(BARE.name), report.row(FRAGMENT_NAME)
    search = report.row(SEARCH_UNCACHED.name)
    lines = [
        f"cached article: {cached.ratio:.2f} × static, {cached.queries} SQL on a hit "
        f"(target ≥ 0.8 × and 0 SQL: {verdict(cached.ratio >= 0.8 and cached.queries == 0)})",
        uncached_line(report, uncached, bare),
        f"results fragment: {fragment.ratio:.2f} × static (target ≥ 0.8: "
        f"{verdict(fragment.ratio >= 0.8)})",
        f"article HTML: {uncached.bytes / 1024:.1f} KB (target ≤ 60 KB: "
        f"{verdict(uncached.bytes <= 60 * 1024)})",
        search_line(report, search),
    ]
    poll = next((row for row in report.rows if row.name == POLL_NAME), None)
    if poll:
        lines.append(
            f"results poll with If-None-Match: {poll.status}, {poll.queries} SQL, "
            f"{poll.ratio:.2f} × static (target: 304 without rendering: "
            f"{verdict(poll.status == 304)})"
        )
    for label, sizes in report.rss.items():
        listed = ", ".join(f"{size:.0f}" for size in sorted(sizes))
        lines.append(
            f"gunicorn worker RSS after the runs ({label}): {listed} MB "
            f"(target ≤ 150 MB: {verdict(bool(sizes) and max(sizes) <= 150)})"
        )
    lines.append(endurance.verdict_line(report.memory))
    lines.append(scan_line(report))
    return lines


def uncached_line(report: ScaleReport, uncached: wrk.Row, bare: wrk.Row) -> str:
    template = report.row(TEMPLATE.name).result.rps
    miss = report.row(PAGE_MISS.name)
    to_template, miss_to_template = uncached.result.rps / template, miss.result.rps / template
    return (
        f"article on a page-cache miss, its shared blocks cached: {miss.queries} SQL, "
        f"{miss_to_template:.2f} × the same page rendered without database (target ≤ 12 SQL "
        f"and ≥ 0.3 ×: {verdict(miss.queries <= 12 and miss_to_template >= 0.3)}). "
        f"Every cache off (the blocks read too): {uncached.queries} SQL, {to_template:.2f} × "
        f"the page without database, "
        f"{uncached.result.rps / bare.result.rps:.2f} × a bare HttpResponse of its size. "
        f"Alone (1 connection, p50): the page {report.alone[UNCACHED.name].p50:.1f} ms, the "
        f"same page without database {report.alone[TEMPLATE.name].p50:.1f} ms"
    )


def search_line(report: ScaleReport, search: wrk.Row) -> str:
    page = (
        f"page p50 {report.alone[SEARCH_UNCACHED.name].p50:.1f} ms alone (1 connection), "
        f"{search.result.p50:.1f} ms under load ({search.result.rps:.0f} req/s)"
    )
    if report.search_sql is None:
        return f"search, cache off ({report.backend}): {page} (PostgreSQL target: not checked)"
    return (
        f"search, cache off ({report.articles} articles): PostgreSQL p50 "
        f"{report.search_sql:.1f} ms for the page's queries; {page} "
        f"(target PostgreSQL ≤ 30 ms: {verdict(report.search_sql <= 30)})"
    )


def scan_line(report: ScaleReport) -> str:
    if report.large_scans is None:
        return "EXPLAIN: not checked (PostgreSQL only)"
    listed = "; ".join(
        f"{scan['page']}: {scan['table']} ({scan['rows']:,} rows)" for scan in report.large_scans
    )
    return (
        f"EXPLAIN, every page uncached: sequential scans of {LARGE_SCAN_ROWS:,}+ rows: "
        f"{listed or 'none'} (target none: {verdict(not report.large_scans)})"
    )


def scaling(small: ScaleReport, large: ScaleReport) -> str:
    lines = [f"p50 at {large.articles} / p50 at {small.articles} articles (target ≤ 1.3):"]
    earlier = {row.name: row for row in small.rows}
    for row in large.rows:
        if row.name not in earlier:
            continue
        before = earlier[row.name].result.p50
        ratio = row.result.p50 / before if before else float("nan")
        flag = "" if ratio <= 1.3 else "   <-- over 1.3"
        lines.append(f"  {row.name}: {before:.1f} → {row.result.p50:.1f} ms, × {ratio:.2f}{flag}")
    return "\n".join(lines)


def main() -> int:
    cfg = settings_from_env()
    scales = [int(n) for n in os.environ.get("BENCH_SCALES", "200 20000").split()]
    with tempfile.TemporaryDirectory(prefix="newsroom-bench-") as tmp:
        reports = run_scales(scales, Path(tmp), cfg)
    print(
        f"\nwrk: {cfg.runs} × {cfg.seconds:g} s per URL, {cfg.threads} threads, "
        f"{cfg.connections} connections; medians of the runs. Every scale is served at once; "
        f"each run measures each page at every scale back to back (order reversed from page "
        f"to page and run to run), each after {WARM_SECONDS:g} s of warm-up and followed by "
        f"its static file. "
        f"gunicorn: {server.WORKERS} sync workers, DEBUG=0. {os.cpu_count()} CPUs."
    )
    for report in reports:
        print(
            f"\n### {report.articles} generated articles (+ demo), {report.backend} "
            f"(load average when measuring began: {report.load:.1f})\n"
        )
        print(wrk.table(report.rows))
        print()
        print("\n".join(targets(report)))
    if len(reports) > 1:
        print()
        print(scaling(reports[0], reports[-1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
