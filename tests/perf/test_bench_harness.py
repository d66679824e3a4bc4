"""The benchmark harness's pure parts: reading wrk's report and printing the table.

No wrk, no gunicorn here: those run in `make bench` and `make loadtest` only.
"""

import pytest

from bench import endurance, explain, server, wrk
from bench.bench import SEARCH_UNCACHED, Page, ScaleReport, corpus_counts, search_line
from bench.loadtest import passed
from bench.probe import parse_spec

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:40123/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.52ms    2.31ms  30.01ms   80.00%
    Req/Sec   760.12     50.10     0.86k    70.00%
  Latency Distribution
     50%  850.00us
     75%   11.50ms
     90%   13.00ms
     99%    1.20s
  7600 requests in 5.01s, 100.00MB read
  Socket errors: connect 0, read 5, write 1, timeout 2
  Non-2xx or 3xx responses: 12
Requests/sec:   1516.98
Transfer/sec:     19.96MB
bench.server_errors=3
bench.client_errors=9
"""


def test_parse_reads_throughput_latency_and_errors():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 7600
    assert result.rps == pytest.approx(1516.98)
    assert result.p50 == pytest.approx(0.85)
    assert result.p99 == pytest.approx(1200)
    assert result.socket_errors == 8
    assert result.non_2xx_3xx == 12
    assert result.errors == 20
    assert result.extra == {"server_errors": 3, "client_errors": 9}


def test_parse_without_errors_reports_zero():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    result = wrk.parse(clean)
    assert (result.errors, result.extra) == (0, {})


def test_parse_rejects_output_without_a_summary():
    with pytest.raises(ValueError):
        wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")


def test_median_keeps_every_error():
    runs = [
        wrk.Result(100, rps, p50, p50 * 3, non_2xx_3xx=1) for rps, p50 in [(9, 3), (1, 1), (5, 2)]
    ]
    median = wrk.median_result(runs)
    assert (median.rps, median.p50, median.p99) == (5, 2, 6)
    assert median.requests == 300
    assert median.errors == 3


def test_median_sums_the_scripts_counts():
    runs = [
        wrk.Result(100, 9.0, 1.0, 2.0, extra={"cache_hit": 90, "cache_miss": 10}),
        wrk.Result(100, 5.0, 1.0, 2.0, extra={"cache_hit": 100, "server_errors": 1}),
    ]
    assert wrk.median_result(runs).extra == {"cache_hit": 190, "cache_miss": 10, "server_errors": 1}


def test_table_shows_each_page_and_its_ratio_to_static():
    page = wrk.Result(1000, 400.0, 12.345, 40.0)
    static = wrk.Result(5000, 1600.0, 2.0, 5.0)
    rows = [
        wrk.Row("article", "/article/x/", 200, 12, 18_432, page, static),
        wrk.Row("map", "/carte/", 404, 2, 2_048, wrk.Result(10, 80.0, 1.0, 2.0, 10), None),
    ]
    lines = wrk.table(rows).splitlines()
    assert lines[0].startswith("| page")
    assert set(lines[1]) <= {"|", "-"}
    assert [cell.strip() for cell in lines[2].split("|")[1:-1]] == [
        "article",
        "200",
        "18.0",
        "12",
        "400",
        "12.3",
        "40.0",
        "0",
        "1600",
        "0.25",
    ]
    assert lines[3].split("|")[-2].strip() == "—"
    assert len({len(line) for line in lines}) == 1  # aligned columns


@pytest.mark.parametrize(
    ("sql_ms", "verdict"), [(12.5, "(target PostgreSQL ≤ 30 ms: met)"), (31.0, "NOT met")]
)
def test_search_is_judged_on_postgresql_time_and_shows_the_page_too(sql_ms, verdict):
    page = wrk.Result(1000, 60.0, 240.0, 400.0)
    row = wrk.Row("search, cache disabled", "/recherche/?q=S", 200, 3, 9_000, page)
    alone = {SEARCH_UNCACHED.name: wrk.Result(50, 20.0, 45.0, 60.0)}
    report = ScaleReport(20000, "PostgreSQL", [row], alone, sql_ms, {}, 0.0, [], None)
    line = search_line(report, row)
    assert f"PostgreSQL p50 {sql_ms:.1f} ms" in line and verdict in line
    assert "page p50 45.0 ms alone (1 connection), 240.0 ms under load (60 req/s)" in line


def test_search_on_sqlite_says_postgresql_time_was_not_checked():
    row = wrk.Row("search", "/recherche/?q=S", 200, 3, 9_000, wrk.Result(10, 9.0, 90.0, 99.0))
    alone = {SEARCH_UNCACHED.name: wrk.Result(5, 5.0, 30.0, 40.0)}
    report = ScaleReport(200, "SQLite + locmem", [row], alone, None, {}, 0.0, None, None)
    assert search_line(report, row).endswith("(PostgreSQL target: not checked)")


def test_the_bench_reads_how_idle_the_machine_is_and_waits_for_it():
    share = server.cpu_idle_share(0.2)
    assert share is None or 0.0 <= share <= 1.0
    assert server.wait_for_quiet(threshold=0.0, sample=0.1) < 1  # idle enough at once
    assert server.wait_for_quiet(threshold=1.1, timeout=0.5, sample=0.1) >= 0.5  # gives up


def test_loadtest_fails_on_any_error_or_5xx():
    ok = wrk.Result(100, 10.0, 1.0, 2.0, extra={"server_errors": 0})
    assert passed(ok)
    assert not passed(wrk.Result(100, 10.0, 1.0, 2.0, socket_errors=1))
    assert not passed(wrk.Result(100, 10.0, 1.0, 2.0, extra={"server_errors": 1}))


def test_page_spec_round_trips_headers_to_the_probe():
    page = Page("fragment", "/elections/x/988/resultats/", (("HX-Request", "true"),))
    assert parse_spec(page.spec) == ("/elections/x/988/resultats/", {"HX-Request": "true"})


def test_corpus_grows_persons_and_contests_with_articles():
    assert corpus_counts(20_000) == (20_000, 2_000, 500)
    assert corpus_counts(200) == (200, 20, 10)


def test_endurance_judges_the_size_after_10000_requests_and_the_growth_since_5000():
    steady = endurance.Memory(10_000, halfway_mb=81.0, end_mb=82.0, errors=0)
    leaking = endurance.Memory(10_000, halfway_mb=81.0, end_mb=92.0, errors=0)
    too_big = endurance.Memory(10_000, halfway_mb=150.0, end_mb=151.0, errors=0)
    assert steady.growth == pytest.approx(1 / 81)
    assert steady.met and not leaking.met and not too_big.met
    line = endurance.verdict_line(leaking)
    assert "81 MB after 5,000 requests, 92 MB after 10,000 (+13.6%" in line
    assert line.endswith("NOT met)")


def test_explain_finds_every_sequential_scan_and_the_rows_it_read():
    plan = {
        "Node Type": "Nested Loop",
        "Plans": [
            {
                "Node Type": "Seq Scan",
                "Relation Name": "articles_article",
                "Actual Rows": 12,
                "Rows Removed by Filter": 19_988,
                "Actual Loops": 1,
            },
            {
                "Node Type": "Index Scan",
                "Relation Name": "articles_section",
                "Plans": [
                    {
                        "Node Type": "Seq Scan",
                        "Relation Name": "articles_topic",
                        "Actual Rows": 40,
                        "Actual Loops": 3,
                    }
                ],
            },
        ],
    }
    assert explain.sequential_reads(plan) == [
        ("articles_article", 20_000),
        ("articles_topic", 120),
    ]


def test_each_page_is_measured_at_every_scale_back_to_back_in_alternating_order():
    """A drifting host must not weigh on one scale: the 20,000 / 200 ratio of a page
    compares two neighbouring windows, and which scale goes first alternates."""
    from bench.bench import pair_order

    sequence = [
        (round_index, page, scale)
        for round_index in range(2)
        for page in range(3)
        for scale in pair_order(["200", "20000"], round_index, page)
    ]
    assert [scale for _, _, scale in sequence] == [
        *("200", "20000", "20000", "200", "200", "20000"),
        *("20000", "200", "200", "20000", "20000", "200"),
    ]
    # Each page's two scales sit side by side, never split across another page's runs.
    assert all(sequence[i][:2] == sequence[i + 1][:2] for i in range(0, len(sequence), 2))


def test_a_page_measured_at_only_one_scale_still_gets_its_row():
    from bench.bench import page_names

    fragment, poll, search = Page("fragment", "/r/"), Page("poll", "/r/"), Page("search", "/s/")
    assert page_names([[fragment, search], [fragment, poll, search]]) == [
        "fragment",
        "search",
        "poll",
    ]


def test_each_page_row_takes_the_medians_of_its_runs_and_of_its_static_files():
    from bench.bench import rows_of

    page = Page("article", "/article/x/")
    probed = {page.spec: {"status": 200, "queries": 13, "bytes": 18_000}}
    runs = {
        page.name: [
            (wrk.Result(100, rps, 10.0, 20.0), wrk.Result(100, static, 1.0, 2.0))
            for rps, static in [(300, 1000), (100, 400), (200, 800)]
        ]
    }
    (row,) = rows_of([page], probed, runs)
    assert (row.result.rps, row.static.rps, row.queries, row.bytes) == (200, 800, 13, 18_000)
    assert row.ratio == 0.25


def test_uncached_article_line_judges_the_page_miss_and_shows_every_cache_off():
    from bench.bench import PAGE_MISS, TEMPLATE, UNCACHED, uncached_line

    uncached = wrk.Row("uncached", "/article/x/", 200, 14, 18_000, wrk.Result(100, 40.0, 300, 600))
    template = wrk.Row(TEMPLATE.name, TEMPLATE.path, 200, 0, 18_000, wrk.Result(100, 200.0, 60, 90))
    bare = wrk.Row("bare", "/__bench__/bare", 200, 0, 18_000, wrk.Result(100, 2000.0, 6, 9))
    miss = wrk.Row(PAGE_MISS.name, "/article/x/", 200, 10, 18_000, wrk.Result(100, 62.0, 90, 200))
    report = ScaleReport(
        20000,
        "PostgreSQL",
        [uncached, template, bare, miss],
        {
            UNCACHED.name: wrk.Result(100, 35.0, 30.06, 40.0),
            TEMPLATE.name: wrk.Result(100, 190.0, 5.02, 7.0),
        },
        8.0,
        {},
        0.0,
        [],
        None,
    )
    line = uncached_line(report, uncached, bare)
    assert line.startswith(
        "article on a page-cache miss, its shared blocks cached: 10 SQL, 0.31 × the same page "
        "rendered without database (target ≤ 12 SQL and ≥ 0.3 ×: met). "
    )
    assert "Every cache off (the blocks read too): 14 SQL, 0.20 × the page without" in line
    assert "0.02 × a bare HttpResponse" in line
    assert line.endswith(
        ". Alone (1 connection, p50): the page 30.1 ms, the same page without database 5.0 ms"
    )
    slower = wrk.Row(PAGE_MISS.name, "/article/x/", 200, 10, 18_000, wrk.Result(100, 58, 90, 200))
    report.rows[-1] = slower
    assert (
        "0.29 × the same page rendered without database (target ≤ 12 SQL and ≥ 0.3 ×: NOT met)"
        in (uncached_line(report, uncached, bare))
    )


def test_warming_request_sends_the_headers_of_the_variant_measured():
    """The htmx fragment is cached apart from the page at its address: warming the page
    instead left the fragment's first measured requests to render it."""
    import http.server
    import threading

    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(self.headers.get("HX-Request"))
            self.send_response(286)
            self.end_headers()

        def log_message(self, *args):
            pass

    with http.server.HTTPServer(("127.0.0.1", 0), Handler) as httpd:
        threading.Thread(target=httpd.handle_request, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/resultats/"
        assert server.get(url, headers={"HX-Request": "true"}) == 286
    assert seen == ["true"]
