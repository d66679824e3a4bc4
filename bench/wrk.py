"""Run Debian's `wrk` and read its report; the table the benchmark prints.

Pure functions (`parse`, `median_result`, `table`) are tested without wrk or a server.
"""

import re
import shutil
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass(frozen=True)
class Result:
    """One wrk run: throughput, latency percentiles in milliseconds, counts."""

    requests: int
    rps: float
    p50: float
    p99: float
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + self.socket_errors


def milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse(output: str) -> Result:
    """Read `wrk --latency` output."""

    def percentile(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+(\S+)", output, re.MULTILINE)
        if not match:
            raise ValueError(f"no {label}% line in wrk output")
        return milliseconds(match.group(1))

    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    if not requests or not rps:
        raise ValueError("wrk output without a summary")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    extra = dict(re.findall(r"^bench\.(\w+)=(\d+)$", output, re.MULTILINE))
    return Result(
        requests=int(requests.group(1)),
        rps=float(rps.group(1)),
        p50=percentile("50"),
        p99=percentile("99"),
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in sockets.groups()) if sockets else 0,
        extra={key: int(value) for key, value in extra.items()},
    )


def median_result(results: list[Result]) -> Result:
    """The median of each figure over several runs; errors and the script's counts
    (`extra`: cache hits and misses, errors by kind) are summed, never hidden."""
    extra: dict[str, int] = {}
    for result in results:
        for name, count in result.extra.items():
            extra[name] = extra.get(name, 0) + count
    return Result(
        requests=sum(r.requests for r in results),
        rps=statistics.median(r.rps for r in results),
        p50=statistics.median(r.p50 for r in results),
        p99=statistics.median(r.p99 for r in results),
        non_2xx_3xx=sum(r.non_2xx_3xx for r in results),
        socket_errors=sum(r.socket_errors for r in results),
        extra=extra,
    )


def run(
    url: str,
    *,
    seconds: float,
    threads: int = 2,
    connections: int = 16,
    headers: dict[str, str] | None = None,
    script: str | None = None,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> Result:
    """wrk's report on `url`; `preexec_fn`: run in wrk's process before it starts (its CPU
    priority, `server.on_spare_cpu`)."""
    command = [
        shutil.which("wrk") or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds:g}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script:
        command += ["-s", script]
    completed = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        preexec_fn=preexec_fn,  # noqa: PLW1509 - one system call, no thread started yet
    )
    return parse(completed.stdout)


@dataclass(frozen=True)
class Row:
    name: str
    path: str
    status: int
    queries: int
    bytes: int
    result: Result
    static: Result | None = None

    @property
    def ratio(self) -> float | None:
        if self.static is None or not self.static.rps:
            return None
        return self.result.rps / self.static.rps


def table(rows: list[Row]) -> str:
    """A fixed-width text table (also valid Markdown)."""
    head = [
        "page",
        "status",
        "KB",
        "SQL",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "static req/s",
        "× static",
    ]
    lines = [head]
    for row in rows:
        result = row.result
        lines.append(
            [
                row.name,
                str(row.status),
                f"{row.bytes / 1024:.1f}",
                str(row.queries),
                f"{result.rps:.0f}",
                f"{result.p50:.1f}",
                f"{result.p99:.1f}",
                str(result.errors),
                f"{row.static.rps:.0f}" if row.static else "—",
                f"{row.ratio:.2f}" if row.ratio is not None else "—",
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]

    def render(cells: list[str]) -> str:
        padded = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(lines[0]), rule, *(render(line) for line in lines[1:])])
