"""When a request wants an htmx fragment rather than the whole page."""

from django.http import HttpRequest


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page. Not a boosted link (the whole page
    goes in the body) nor a history restore (after a miss in its history cache, htmx asks
    for the whole page to put back)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx and not htmx.boosted and not htmx.history_restore_request)
