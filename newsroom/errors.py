"""The error pages. Readers get them in the site's layout (templates/403.html, 404.html,
500.html, 403_csrf.html); staff inside /admin/ get them in the admin's, saying what
happened to what they typed and with the way back (templates/admin/…).

Wired in newsroom/urls.py (handler403, handler404, handler500) and by CSRF_FAILURE_VIEW.
"""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import csrf, defaults
from django.views.decorators.csrf import requires_csrf_token


def in_admin(request: HttpRequest) -> bool:
    return request.path.startswith(reverse("admin:index"))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not in_admin(request):
        return defaults.permission_denied(request, exception)
    return render(request, "admin/403.html", admin.site.each_context(request), status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not in_admin(request):
        return defaults.page_not_found(request, exception)
    return render(request, "admin/404.html", admin.site.each_context(request), status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request, as Django does: no context processor, so no query,
    # runs while the database may be what failed.
    template = "admin/500.html" if in_admin(request) else "500.html"
    return defaults.server_error(request, template_name=template)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    template = "admin/403_csrf.html" if in_admin(request) else "403_csrf.html"
    return csrf.csrf_failure(request, reason, template_name=template)
