"""Purging an edge cache (Varnish with xkey, deploy/varnish/newsroom.vcl) by freshness key.

Reader pages carry the keys they show as `Surrogate-Key`; once a write has committed and
its keys are stamped (`dependencies.stamp`), one purge request per edge in
`EDGE_PURGE_URLS` names them all, so the edge drops exactly the pages that show what
changed. A purge that fails is logged and tried once more; it never fails the write (the
pages' `s-maxage` bounds what an edge that missed it may serve). With no edge configured
nothing is sent.

An edge that says it processes Edge Side Includes gets, in place of a block many pages
share and that changes on its own (an article's results box: a contest's status and
winners), an `<esi:include>` of that block's own URL: a contest called on election night
then renders one box for the edge, not every article about it. The edge says so with the
`Surrogate-Capability` header set to `EDGE_SURROGATE_CAPABILITY`, a value shared with it
only (the VCL's site part sets it): a client forging the header through a CDN that passes
it on gets whole pages, never a page with includes for the CDN to keep. Such pages say so
(`Surrogate-Control: content="ESI/1.0"`); the page cache and the shared blocks keep them
apart from those rendered whole (`keys.page_key`, `public_fragment`).
"""

import logging
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from newsroom.caching import store

logger = logging.getLogger(__name__)

PURGE_HEADER = "xkey-purge"  # vmod_xkey's, read by the VCL
ATTEMPTS = 2


def purge_urls() -> list[str]:
    return [url for url in getattr(settings, "EDGE_PURGE_URLS", []) if url]


def includes(request: HttpRequest) -> bool:
    """Whether the edge in front assembles this reader page from its fragments (ESI)."""
    capability = getattr(settings, "EDGE_SURROGATE_CAPABILITY", "")
    return bool(capability) and request.META.get("HTTP_SURROGATE_CAPABILITY") == capability


def rendering(request: HttpRequest) -> str:
    """What sets apart, in a cache key, a page or block the edge assembles (`includes`)
    from the same one rendered whole."""
    return "esi" if includes(request) else ""


def mark_includes(response: HttpResponse) -> None:
    """The page holds `<esi:include>`s for the edge to process."""
    response["Surrogate-Control"] = store.ESI_CONTENT


def purge(keys: Iterable[str]) -> int:
    """Ask every edge to drop the pages showing any of `keys`; return how many agreed."""
    # A row's kind too: pages with too many keys for a header are tagged with the kinds.
    keys = sorted({*keys, *(store.kind_of(key) for key in keys)})
    done = 0
    if not keys:
        return done
    for url in purge_urls():
        done += purge_one(url, keys)
    return done


def purge_one(url: str, keys: list[str]) -> bool:
    # The operator's own edge; settings accept only http:// and https:// URLs.
    request = urllib.request.Request(  # noqa: S310
        url, method="PURGE", headers={PURGE_HEADER: " ".join(keys)}
    )
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=settings.EDGE_PURGE_TIMEOUT):  # noqa: S310
                return True
        except (urllib.error.URLError, OSError) as error:
            logger.warning("edge purge %s failed (attempt %d): %s", url, attempt, error)
    return False
