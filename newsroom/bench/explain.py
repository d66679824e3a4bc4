"""EXPLAIN ANALYZE the queries of some pages, slowest first (PostgreSQL).

    DATABASE_URL=postgres://…/newsroom_bench python -m newsroom.bench.explain /path …

Each page is requested once in-process (test client, queries captured), then each of its
queries is run again under EXPLAIN (ANALYZE, BUFFERS); the slowest plans are printed.
"""

import os
import sys


def main(paths: list[str], top: int = 3) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.bench.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from newsroom.bench.probe import parse_spec

    client = Client(HTTP_HOST="127.0.0.1")
    for spec in paths:
        path, headers = parse_spec(spec)
        with CaptureQueriesContext(connection) as captured:
            client.get(path, headers=headers)
        timed = []
        with connection.cursor() as cursor:
            for query in captured.captured_queries:
                sql = query["sql"]
                if not sql.lstrip().upper().startswith("SELECT"):
                    continue
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
        print(f"\n##### {spec}: {len(captured.captured_queries)} queries, {total:.1f} ms in SQL")
        for took, sql, plan in sorted(timed, key=lambda item: -item[0])[:top]:
            print(f"\n--- {took:.1f} ms: {sql[:300]}{'…' if len(sql) > 300 else ''}")
            print("\n".join(plan))


if __name__ == "__main__":
    main(sys.argv[1:])
