"""Measure each URL once in-process: status, size and SQL queries of a warm request.

Run by the harness with the server's environment (same database, same cache):
    python -m bench.probe /path/one '/path/two|HX-Request:true' ...
Prints one JSON object: {spec: {"status", "bytes", "queries", "etag"}}. The second request of each
URL is the one measured, so a cached page reports what a cache hit costs.
"""

import json
import sys

from bench import setup_django


def parse_spec(spec: str) -> tuple[str, dict[str, str]]:
    """ "/path|Name:value|Other:value" -> ("/path", {"Name": "value", ...})."""
    path, *pairs = spec.split("|")
    headers = {}
    for pair in pairs:
        name, _, value = pair.partition(":")
        headers[name.strip()] = value.strip()
    return path, headers


def main(specs: list[str]) -> dict[str, dict]:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    measured = {}
    for spec in specs:
        path, headers = parse_spec(spec)
        client.get(path, headers=headers)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, headers=headers)
        content = b"".join(response) if response.streaming else response.content
        measured[spec] = {
            "status": response.status_code,
            "bytes": len(content),
            "queries": len(queries.captured_queries),
            "etag": response.get("ETag", ""),
        }
    return measured


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
