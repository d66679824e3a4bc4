"""The site's URLs with a stand-in contest page, first so that it wins `elections:contest`
whether or not the elections app routes it yet: the results box links to it."""

from django.http import HttpResponse
from django.urls import include, path

from newsroom.urls import urlpatterns as site_urlpatterns

contest_page = (
    [
        path(
            "elections/<slug:slug>/<str:code>/",
            lambda request, slug, code: HttpResponse(),
            name="contest",
        )
    ],
    "elections",
)
urlpatterns = [path("", include(contest_page)), *site_urlpatterns]
