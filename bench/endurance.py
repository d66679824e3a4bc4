"""Worker memory over a long run: one gunicorn worker, 10,000 requests of a reader mix.

A single worker so that "after N requests" is exact for the worker measured. Its resident
memory (VmRSS) is read after the first half and at the end; a leak shows as growth between
the two, warm-up (templates, translations, connections) is over well before the first.
"""

import itertools
from dataclasses import dataclass
from pathlib import Path

from bench import server

REQUESTS = 10_000
LIMIT_MB = 150
GROWTH_LIMIT = 0.10


@dataclass(frozen=True)
class Memory:
    requests: int
    halfway_mb: float
    end_mb: float
    errors: int

    @property
    def growth(self) -> float:
        return (self.end_mb - self.halfway_mb) / self.halfway_mb if self.halfway_mb else 0.0

    @property
    def met(self) -> bool:
        return self.end_mb <= LIMIT_MB and self.growth < GROWTH_LIMIT


def verdict_line(memory: Memory) -> str:
    state = "met" if memory.met else "NOT met"
    return (
        f"gunicorn worker RSS: {memory.halfway_mb:.0f} MB after {memory.requests // 2:,} "
        f"requests, {memory.end_mb:.0f} MB after {memory.requests:,} ({memory.growth:+.1%}; "
        f"{memory.errors} errors) (target ≤ {LIMIT_MB} MB and < {GROWTH_LIMIT:.0%} growth: "
        f"{state})"
    )


def answered(url: str) -> bool:
    """Whether the server answered, below 400."""
    try:
        return server.get(url, timeout=30) < 400
    except OSError:
        return False


def run(env: dict[str, str], log: Path, paths: list[str], requests: int = REQUESTS) -> Memory:
    """`paths` are requested in turn, over and over, until `requests` have been made."""
    errors, halfway = 0, 0.0
    with server.serving(env, log, workers=1) as srv:
        for count, path in enumerate(itertools.islice(itertools.cycle(paths), requests), 1):
            errors += not answered(srv.url(path))
            if count == requests // 2:
                halfway = max(srv.worker_rss_mb())
        end = max(srv.worker_rss_mb())
    return Memory(requests, halfway, end, errors)
