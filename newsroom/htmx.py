"""When a request wants an htmx fragment rather than the whole page, and how a poll is answered."""

from django.http import HttpRequest, HttpResponse
from django_htmx.http import HttpResponseStopPolling


def wants_fragment(request: HttpRequest) -> bool:
    """An htmx request that swaps part of the page. Not a boosted link (the whole page
    goes in the body) nor a history restore (after a miss in its history cache, htmx asks
    for the whole page to put back)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx and not htmx.boosted and not htmx.history_restore_request)


def poll_answer(response: HttpResponse, *, go_on: bool) -> HttpResponse:
    """A polled fragment's answer: revalidated at every poll (an unchanged one is a 304 from
    the page cache, without a query) while `go_on`, else htmx's « stop polling » (286)."""
    if not go_on:
        return HttpResponseStopPolling(response.content, headers=dict(response.headers))
    response["Cache-Control"] = "no-cache"
    return response
