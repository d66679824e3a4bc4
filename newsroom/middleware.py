"""Site-wide middleware: the Permissions-Policy header, gzip except for images already
compressed, the language read from the path, and the 503 page of a database outage.

A database outage answers 503 with a plain page instead of a traceback.

While PostgreSQL is down, every view that reads the database raises OperationalError (or
InterfaceError on a connection that died mid-request). Readers get the 503 page, load
balancers and CDNs get `Retry-After`, and nothing needs restarting when the database comes
back: `CONN_HEALTH_CHECKS` makes Django drop the dead connection and open a new one on the
next request.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.utils.cache import cc_delim_re
from django.utils.deprecation import MiddlewareMixin

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds: a restart or a failover, not a long maintenance


def database_unavailable() -> HttpResponse:
    # Rendered without the request, so no context processor runs and nothing reads the
    # database that just failed; the language the request asked for is already active.
    response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable, answering 503: %s", exception, exc_info=exception)
        return database_unavailable()


class PermissionsPolicyMiddleware:
    """Denies the browser features in ``PERMISSIONS_POLICY_DENIED`` on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, except for PNG, JPEG and WebP images (the share cards): they
    are compressed already, and gzip would only spend time on a render."""

    COMPRESSED = ("image/png", "image/jpeg", "image/webp")

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.get("Content-Type", "").startswith(self.COMPRESSED):
            return response
        return super().process_response(request, response)


class PathLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language` on French pages.

    With `prefix_default_language=False` an unprefixed URL is always French (Django then
    ignores Accept-Language and the language cookie), yet the stock middleware still adds
    the header there, which would make a CDN keep one copy per browser language of every
    French page. The language is in the URL, so the URL is the cache key.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response = super().process_response(request, response)
        if "Vary" in response:
            kept = [
                value
                for value in cc_delim_re.split(response["Vary"])
                if value and value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
