"""Admin log-in throttling with django-axes.

Failed log-ins are counted twice over the cool-off: per account, from any address (a
password guessed from many machines), and per address, across accounts (one machine
trying many names). Each count has its own limit (settings: ``AXES_FAILURE_LIMIT`` for an
account, ``LOGIN_FAILURE_LIMIT_PER_ADDRESS`` for an address).
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' backend for HTTP log-ins; request-less calls (scripts, the test
    client's ``login()``) carry no address to throttle and go on to the next backend."""

    def authenticate(self, request=None, *args, **credentials):
        if request is None:
            return None
        return super().authenticate(request, *args, **credentials)


def failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes compares a single count with ``AXES_FAILURE_LIMIT``: the account's
    count, or the address's lowered by the failures an address is allowed beyond an
    account's, whichever is higher."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        account = failures(recent.filter(username=get_client_username(request, credentials)))
        address = failures(recent.filter(ip_address=request.axes_ip_address))
        allowance = settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS - settings.AXES_FAILURE_LIMIT
        return max(account, address - allowance)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        # A success clears that account's failures from that address only. Clearing by
        # address would let anyone with an account of their own wipe, by logging in, the
        # guesses they made at a colleague's; clearing the account from every address
        # would wipe the guesses made from elsewhere.
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def client_address(request: HttpRequest) -> str | None:
    """The address failures are counted against: the connection's (REMOTE_ADDR), unless
    ``TRUSTED_PROXY_HEADER`` names the header our own proxies fill in. A proxy appends the
    address it was reached from, so the client's is the ``TRUSTED_PROXY_COUNT``-th entry
    from the right; whatever a client wrote in the header itself sits further left and is
    never read. A request that did not come through the proxies keeps its own address."""
    remote = request.META.get("REMOTE_ADDR")
    if not settings.TRUSTED_PROXY_HEADER:
        return remote
    entries = request.META.get(settings.TRUSTED_PROXY_HEADER, "").split(",")
    if len(entries) < settings.TRUSTED_PROXY_COUNT:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-settings.TRUSTED_PROXY_COUNT].strip()))
    except ValueError:
        return remote


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The lock-out page: 429, how long the lock lasts, in words and in Retry-After."""
    seconds = int(get_cool_off(request).total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("Connexion bloquée"),
        "minutes": seconds // 60,
    }
    response = render(
        request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(seconds)
    return response
