import os

from django.http import HttpRequest, HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The ceiling of a Django page: the full middleware stack, no template, no database."""
    size = int(os.environ.get("BENCH_BARE_SIZE", "20000"))
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/bare", bare), *site_urlpatterns]
