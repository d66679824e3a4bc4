"""What the feeds to follow a person, an organisation, a contest or an author are made of,
as plain values (`follow.py` reads the rows): their entries, newest first, each with a
lasting id, and the dated events of an office."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from newsroom.people import rules

# RFC 4151: a tag names its authority as of a day it held the name. Fixed for good, so that
# an entry keeps its id whatever happens later to its title, slug or dates.
TAG_DATE = "2023"


@dataclass(frozen=True)
class Entry:
    """One entry of a feed: an article, or a dated change of the data with its source."""

    id: str
    title: str
    link: str  # the page telling it: a path on the site or an absolute URL
    summary: str  # HTML (Atom `type="html"`): escaped by whoever builds the entry
    updated: datetime.datetime
    published: datetime.datetime | None = None
    authors: str = ""
    source_url: str = ""  # where the data came from: `<link rel="via">`
    categories: tuple[str, ...] = ()


def tag(domain: str, *parts: object) -> str:
    """An entry's id (a tag URI, RFC 4151) from what the row is, never from its title or
    address: `tag:example.org,2023:office/12/end`."""
    authority = domain.split(":")[0].lower()  # a tag's authority has no port
    return f"tag:{authority},{TAG_DATE}:" + "/".join(str(part) for part in parts)


def newest(entries: Iterable[Entry], limit: int) -> list[Entry]:
    """Newest first by update (then by id, for one order on every rendering), at most
    `limit`."""
    return sorted(entries, key=lambda entry: (entry.updated, entry.id), reverse=True)[:limit]


def day_start(day: datetime.date) -> datetime.datetime:
    """An event known by its day only, as the first moment of that day, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class OfficeEvent:
    started: bool  # the office started (else it stopped)
    day: datetime.date


def office_events(
    start: datetime.date | None,
    end: datetime.date | None,
    today: datetime.date,
    *,
    term_end: datetime.date | None = None,
    ended: bool = False,
) -> list[OfficeEvent]:
    """The dated events of an office, oldest first: its start and its stop (the recorded
    end, else the natural end of its term, unless it ended on a day nobody gave: then the
    term's end says nothing of when). Each once its day has come: an office starting next
    month is news on that day, as the person page shows it."""
    stop = rules.stop_date(end, term_end, ended=ended)
    events = []
    if start is not None and start <= today:
        events.append(OfficeEvent(started=True, day=start))
    if stop is not None and stop <= today:
        events.append(OfficeEvent(started=False, day=stop))
    return events
