"""EXPLAIN ANALYZE the queries of some pages (PostgreSQL).

    DATABASE_URL=postgres://…/newsroom_bench_20000 python -m bench.explain /path …
        the slowest plans of each page, for a person reading them;
    python -m bench.explain --scans 5000 /path …
        JSON for the benchmark: every sequential scan that read 5,000 rows or more;
    python -m bench.explain --sql-time 50 /path
        JSON for the benchmark: p50 of the page's queries run together, in ms.

Each page is requested once in-process (test client, queries captured), then each of its
queries is run again under EXPLAIN (ANALYZE).
"""

import json
import statistics
import sys
import time

from bench import setup_django


def captured_selects(spec: str) -> list[str]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.probe import parse_spec

    path, headers = parse_spec(spec)
    with CaptureQueriesContext(connection) as captured:
        Client(HTTP_HOST="127.0.0.1").get(path, headers=headers)
    return [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def sequential_reads(node: dict) -> list[tuple[str, int]]:
    """(table, rows read) of every sequential scan in a JSON plan node and its children."""
    reads = []
    if node.get("Node Type") == "Seq Scan":
        per_loop = node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
        reads.append((node["Relation Name"], int(per_loop * node.get("Actual Loops", 1))))
    for child in node.get("Plans", []):
        reads += sequential_reads(child)
    return reads


def large_scans(specs: list[str], min_rows: int) -> list[dict]:
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        for spec in specs:
            for sql in captured_selects(spec):
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                for table, rows in sequential_reads(plan[0]["Plan"]):
                    if rows >= min_rows:
                        found.append({"page": spec, "table": table, "rows": rows})
    return found


def sql_time(spec: str, repeat: int) -> float:
    """p50 (ms) of running the page's reads as captured, one after the other, as SQL text
    (each planned again, where the page prepares its fixed reads): what PostgreSQL takes
    to answer the page, without Django's rendering."""
    from django.db import connection

    selects = captured_selects(spec)
    took = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            start = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()
            took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def slowest_plans(specs: list[str], top: int = 3) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for spec in specs:
            timed = []
            selects = captured_selects(spec)
            for sql in selects:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plan = [row[0] for row in cursor.fetchall()]
                took = next(
                    (
                        float(line.split(":")[1].split()[0])
                        for line in plan
                        if "Execution Time" in line
                    ),
                    0.0,
                )
                timed.append((took, sql, plan))
            total = sum(t for t, _, _ in timed)
            print(f"\n##### {spec}: {len(selects)} reads, {total:.1f} ms in SQL")
            for took, sql, plan in sorted(timed, key=lambda item: -item[0])[:top]:
                print(f"\n--- {took:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}")
                print("\n".join(plan))


def main(argv: list[str]) -> None:
    setup_django()
    if argv[:1] == ["--scans"]:
        print(json.dumps(large_scans(argv[2:], int(argv[1]))))
    elif argv[:1] == ["--sql-time"]:
        print(json.dumps({"p50": sql_time(argv[2], int(argv[1]))}))
    else:
        slowest_plans(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
