"""How long a rendering may be kept: the page cache's lifetime, never past the next
scheduled publication."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

NEXT_PUBLICATION_READ = "next_publication_read"  # request attribute: (time or None,)


def page_timeout_default() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def page_timeout(now: datetime.datetime | None = None, request: HttpRequest | None = None) -> int:
    """How long a page may be kept: the default, cut short by the next scheduled
    publication, when the page may have to show that article. The time read with the
    page's menu (`remember_next_publication`) when there is one, one query otherwise."""
    now = now or timezone.now()
    read = getattr(request, NEXT_PUBLICATION_READ, None)
    if read is not None:
        upcoming = read[0]
    else:
        from newsroom.articles.models import Article  # not importable at app loading

        upcoming = Article.objects.next_publication_at(now)
    return timeout_before(upcoming, now)


def timeout_before(upcoming: datetime.datetime | None, now: datetime.datetime | None = None) -> int:
    """The default lifetime, cut short by a publication at `upcoming` (at least 1 s)."""
    timeout = page_timeout_default()
    if upcoming is not None:
        now = now or timezone.now()
        timeout = min(timeout, max(1, int((upcoming - now).total_seconds())))
    return timeout


def remember_next_publication(request: HttpRequest, upcoming: datetime.datetime | None) -> None:
    """The next publication time as read while the page rendered (with its menu): the
    page is kept no longer, and asking again after rendering would cost a round trip
    and could miss an article published meanwhile."""
    setattr(request, NEXT_PUBLICATION_READ, (upcoming,))
