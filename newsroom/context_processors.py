from functools import partial

from django.conf import settings
from django.contrib.sites.models import Site
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import override

from newsroom.articles.models import Section
from newsroom.caching.dependencies import record
from newsroom.caching.timing import remember_next_publication


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


def menu(request: HttpRequest) -> list[Section]:
    """The menu's sections, read with the next scheduled publication time: a page
    rendered for the cache is kept no longer (see `caching.timing.page_timeout`)."""
    sections, upcoming = Section.objects.navigation_and_next_publication(timezone.now())
    remember_next_publication(request, upcoming)
    record("listing:menu")  # a section added to the menu or taken out of it
    return sections


def site_name(request: HttpRequest | None = None) -> str:
    """The site's name as the database holds it now, read once per rendering (never on
    a cache hit). Not `get_current_site`: it keeps the site in each process's memory, and
    a rename saved through one worker would never reach the pages the others render."""
    if request is not None and hasattr(request, "site_name"):
        return request.site_name
    name = Site.objects.filter(pk=settings.SITE_ID).values_list("name", flat=True).first()
    name = name or "Newsroom"
    if request is not None:
        request.site_name = name
    return name


def site(request: HttpRequest) -> dict:
    """Site furniture every page needs: name, sections, the other language's URL."""
    return {
        "site_name": SimpleLazyObject(partial(site_name, request)),
        # Read only by a page that is rendered, once however often the page shows it.
        "nav_sections": SimpleLazyObject(partial(menu, request)),
        "language_alternates": language_urls(request),
    }
