"""Pure live-blog rules: no ORM, tested without a database."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

# How often readers' pages ask for new entries, in seconds: set per live blog by the
# editors (longer on a very busy night), sent to the pages with every answer.
DEFAULT_POLL_SECONDS = 20
MIN_POLL_SECONDS = 5
MAX_POLL_SECONDS = 300

ENTRIES_PER_PAGE = 20


def is_open(*, live_blog: bool, ended_at: datetime.datetime | None) -> bool:
    """A live blog is open until it is closed (its end recorded, never in the future)."""
    return live_blog and ended_at is None


def coverage_problems(
    *,
    live_blog: bool,
    started_at: datetime.datetime | None,
    ended_at: datetime.datetime | None,
    now: datetime.datetime,
) -> dict[str, str]:
    """Field → message for a coverage that cannot be: times on an article that is not a
    live blog, an end in the future (a blog is closed when it ends, not ahead of time) or
    before its start."""
    problems = {}
    if not live_blog:
        if started_at or ended_at:
            problems["live_blog"] = _(
                "Seul un direct a un début et une fin : cochez « direct » ou videz ces heures."
            )
        return problems
    if ended_at and ended_at > now:
        problems["live_ended_at"] = _(
            "La fin du direct ne peut pas être dans le futur : renseignez-la quand il se termine."
        )
    elif ended_at and started_at and ended_at < started_at:
        problems["live_ended_at"] = _("La fin du direct précède son début.")
    return problems


def parse_after(value: str | None) -> int:
    """The `apres` parameter of a poll: the number of the newest entry the page shows
    (entries are numbered in the order they were written, whatever time they carry), 0
    for a page that showed none; ValueError when it is not a whole number."""
    if value in (None, ""):
        return 0
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise ValueError(value)
    return int(value)


@dataclass(frozen=True)
class StreamRow:
    """What the stream's index needs of one entry (one query reads them all)."""

    pk: int
    posted_at: datetime.datetime
    key_event: bool
    headline: str
    pinned: bool


@dataclass(frozen=True)
class KeyEvent:
    pk: int
    posted_at: datetime.datetime
    headline: str
    page: int  # the stream page it is on, newest first


@dataclass(frozen=True)
class StreamIndex:
    key_events: list[KeyEvent]
    latest: int  # the newest entry written (what a page's polls count from); 0: none
    pinned: int | None
    count: int
    earliest: datetime.datetime | None = None
    newest: datetime.datetime | None = None


def stream_index(rows: list[StreamRow], per_page: int = ENTRIES_PER_PAGE) -> StreamIndex:
    """`rows` in stream order (newest first): the key events with the page each is on, the
    last entry written and the pinned one."""
    return StreamIndex(
        key_events=[
            KeyEvent(row.pk, row.posted_at, row.headline, position // per_page + 1)
            for position, row in enumerate(rows)
            if row.key_event
        ],
        latest=max((row.pk for row in rows), default=0),
        pinned=next((row.pk for row in rows if row.pinned), None),
        count=len(rows),
        earliest=min((row.posted_at for row in rows), default=None),
        newest=max((row.posted_at for row in rows), default=None),
    )
