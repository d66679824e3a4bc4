"""Newest-first pages of articles for the listings and search ("Voir plus")."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

PER_PAGE = 12
# Deep offsets get slow and no reader goes there; a crawler asking for more gets a 404.
MAX_PAGE = 500
PAGE_PATTERN = re.compile(r"[1-9][0-9]{0,5}")


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


def page_url(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    if number == 1:
        del query["page"]
    return f"{request.path}?{query.urlencode()}" if query else request.path


def paginate(
    request: HttpRequest, queryset: QuerySet, *, per_page: int = PER_PAGE, allow_empty: bool = True
) -> Page:
    """One page of an already ordered queryset, in one query: it fetches one row more than
    the page holds to learn whether a next page exists, instead of counting every row.

    A page past the end is a 404; so is an empty first page unless `allow_empty`."""
    number = page_number(request.GET.get("page"))
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and (number > 1 or not allow_empty):
        raise Http404("No such page.")
    has_next = len(rows) > per_page
    return Page(
        items=rows[:per_page],
        number=number,
        has_next=has_next,
        next_url=page_url(request, number + 1) if has_next else "",
        previous_url=page_url(request, number - 1) if number > 1 else "",
    )
