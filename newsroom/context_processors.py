import datetime
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import override

from newsroom.articles.models import Section
from newsroom.caching.dependencies import record
from newsroom.caching.shared_reads import shared_read
from newsroom.caching.timing import remember_next_publication, timeout_before
from newsroom.site import read_site_name


def language_urls(request: HttpRequest) -> list[tuple[str, str, str]]:
    """(code, name, URL) of the current page in each language. Reversed from the match
    the request was resolved to: `translate_url` would resolve the path again for each
    language. Query strings are kept; a page that cannot be reversed keeps its URL."""
    path, match = request.get_full_path(), request.resolver_match
    if match is None or match.url_name is None:
        return [(code, name, translate_url(path, code)) for code, name in settings.LANGUAGES]
    view = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    query = request.META.get("QUERY_STRING", "")
    urls = []
    for code, name in settings.LANGUAGES:
        with override(code):
            try:
                url = reverse(view, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                url = path
            else:
                url += f"?{query}" if query else ""
        urls.append((code, name, url))
    return urls


@dataclass(frozen=True)
class Furniture:
    site_name: str
    sections: list[Section]  # the menu
    next_publication: datetime.datetime | None


def furniture(request: HttpRequest) -> Furniture:
    """The site's name and the menu's sections, read with the next scheduled publication
    time (a page rendered for the cache is kept no longer, `caching.timing.page_timeout`):
    two queries, once per rendering, never on a page-cache hit. A reader's page takes
    them from the shared cache while none of them changed (`shared_read`): the menu shows
    its sections, a rename touches every page, and any article's change may move the next
    publication. Not `get_current_site`: it keeps the site in each process's memory, and a
    rename saved through one worker would never reach the pages the others render."""
    if hasattr(request, "furniture"):
        return request.furniture

    def read() -> Furniture:
        sections, upcoming = Section.objects.navigation_and_next_publication(timezone.now())
        record("listing:menu")  # a section added to the menu or taken out of it
        return Furniture(read_site_name(), sections, upcoming)

    if getattr(request, "public_page", False):
        found = shared_read(
            "furniture",
            read,
            lifetime=lambda found: timeout_before(found.next_publication),
            also=["listing:articles"],
        )
    else:
        found = read()
    remember_next_publication(request, found.next_publication)
    request.furniture = found
    return found


def site_name(request: HttpRequest | None = None) -> str:
    """The site's name as the database holds it now: the page's furniture when rendering
    one (a bench page may set `request.site_name`)."""
    if request is None:
        return read_site_name()
    if hasattr(request, "site_name"):
        return request.site_name
    return furniture(request).site_name


def site(request: HttpRequest) -> dict:
    """Site furniture every page needs: name, sections, the other language's URL."""
    return {
        "site_name": SimpleLazyObject(partial(site_name, request)),
        # Read only by a page that is rendered, once however often the page shows it.
        "nav_sections": SimpleLazyObject(lambda: furniture(request).sections),
        "language_alternates": language_urls(request),
    }
