"""Newest-first pages of articles for the listings and search ("Voir plus").

Listings ordered newest first (section, topic, author) hand the next page a cursor — the
publication time and id of the last article shown — so that "Voir plus" seeks straight to
the next articles through the index instead of skipping every earlier one (OFFSET), and
an article published meanwhile neither repeats nor hides one. `?page=N` alone (a typed or
old link) still works, by offset, up to `MAX_PAGE`.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

PER_PAGE = 12
# Deep offsets get slow and no reader goes there; a crawler asking for more gets a 404.
MAX_PAGE = 500
PAGE_PATTERN = re.compile(r"[1-9][0-9]{0,5}")
CURSOR_PARAM = "apres"
CURSOR_PATTERN = re.compile(r"(-?[0-9]{1,18})\.([1-9][0-9]{0,17})")
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)


@dataclass(frozen=True)
class Page:
    items: list
    number: int
    has_next: bool
    next_url: str = ""
    previous_url: str = ""


def page_number(raw: str | None) -> int:
    """The requested page, or 404 for anything but a positive whole number in range."""
    if raw is None:
        return 1
    if not PAGE_PATTERN.fullmatch(raw) or int(raw) > MAX_PAGE:
        raise Http404("No such page.")
    return int(raw)


def cursor_of(article) -> str:
    """Where the next page starts: after this article (publication time, then id)."""
    return f"{(article.published_at - EPOCH) // MICROSECOND}.{article.pk}"


def after(raw: str) -> Q:
    """The articles a newest-first listing shows after the cursor `raw`; 404 if malformed.

    `published_at <= t` on its own lets the database seek in its (…, published_at) index;
    the rest breaks ties between articles published at the same microsecond."""
    match = CURSOR_PATTERN.fullmatch(raw)
    if not match:
        raise Http404("No such page.")
    try:
        moment = EPOCH + int(match.group(1)) * MICROSECOND
    except OverflowError:
        raise Http404("No such page.") from None
    pk = int(match.group(2))
    return Q(published_at__lte=moment) & (Q(published_at__lt=moment) | Q(pk__lt=pk))


def page_url(request: HttpRequest, number: int, cursor: str = "") -> str:
    query = request.GET.copy()
    query.pop(CURSOR_PARAM, None)
    query["page"] = str(number)
    if number == 1:
        del query["page"]
    if cursor:
        query[CURSOR_PARAM] = cursor
    return f"{request.path}?{query.urlencode()}" if query else request.path


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    per_page: int = PER_PAGE,
    allow_empty: bool = True,
    newest_first: bool = False,
) -> Page:
    """One page of an already ordered queryset, in one query: it fetches one row more than
    the page holds to learn whether a next page exists, instead of counting every row.

    `newest_first`: the queryset is ordered by -published_at, -pk, and pages after the
    first are reached by cursor (see the module docstring). A page past the end is a 404;
    so is an empty first page unless `allow_empty`."""
    number = page_number(request.GET.get("page"))
    cursor = request.GET.get(CURSOR_PARAM) if newest_first else None
    if cursor is not None:
        if number == 1:
            raise Http404("No such page.")  # a cursor always leads past the first page
        rows = list(queryset.filter(after(cursor))[: per_page + 1])
    else:
        start = (number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
    if not rows and (number > 1 or not allow_empty):
        raise Http404("No such page.")
    has_next = len(rows) > per_page
    items = rows[:per_page]
    next_cursor = cursor_of(items[-1]) if has_next and newest_first else ""
    return Page(
        items=items,
        number=number,
        has_next=has_next,
        next_url=page_url(request, number + 1, next_cursor) if has_next else "",
        previous_url=page_url(request, number - 1) if number > 1 else "",
    )
