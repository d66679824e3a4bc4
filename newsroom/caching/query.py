"""The query parameters of a reader page: the only ones in its cache key, and the only ones
its view sees.

Each cached view declares the parameters it reads (`cache_public_page(query=("page",))`).
Everything else in a URL (campaign tags such as `utm_*`, click ids, typos, a random string
sent to get past the cache) is dropped before the key is computed and before the view runs:
`/?utm_campaign=x` is the same entry as `/`, and the page cannot differ from it because the
view never saw the tag. The values kept are normalised the same way for both (Unicode
composed, control characters and runs of whitespace made one space, length bounded) and
ordered by name, so `?b=2&a=1` and `?a=1&b=%202` are one entry too.
"""

import functools
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import get_language_from_path, override

# No parameter of the site needs more (a search query included).
MAX_VALUE_LENGTH = 200
DECLARED = "public_query"  # attribute of a cached view: the names it reads


def normalise(value: str) -> str:
    text = unicodedata.normalize("NFC", value)
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    return " ".join(text.split())[:MAX_VALUE_LENGTH].strip()


def public_query(query: QueryDict, names: Iterable[str]) -> str:
    """The query string a page is keyed and rendered with: its declared parameters only,
    each once (the last value, as the views read it), normalised, by name. An empty value
    is kept: the views tell `?page=` (a 404) from no page."""
    return urlencode(
        [(name, normalise(query[name])) for name in sorted(set(names)) if name in query]
    )


def restrict(request: HttpRequest, names: Iterable[str]) -> None:
    """Let the view see only what its cache key holds (`request.GET`, and the query string
    that links to this page in other languages are built from)."""
    query_string = public_query(request.GET, names)
    request.GET = QueryDict(query_string)
    request.META["QUERY_STRING"] = query_string


def declared_query(request: HttpRequest) -> tuple[str, ...] | None:
    """The parameters read by the cached reader view this URL leads to; None when it leads
    to no such view (the admin, a 404, media): nothing there is looked up or stored."""
    return declared_for_path(
        getattr(request, "urlconf", None) or settings.ROOT_URLCONF, request.path_info
    )


@functools.lru_cache(maxsize=4096)
def declared_for_path(urlconf: str, path: str) -> tuple[str, ...] | None:
    """Remembered per path: resolving costs a cache hit more than the rest of its work
    (about 0.1 ms), and a path leads to the same view for the life of the process.
    Resolved in the language of the path, as the URL patterns are translated."""
    with override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path, urlconf)
        except Resolver404:
            return None
    return getattr(match.func, DECLARED, None)
