from django.urls import path
from django.utils.translation import pgettext_lazy

from elections import views

app_name = "elections"
urlpatterns = [
    path(pgettext_lazy("url", "elections/<slug:slug>/"), views.election, name="election"),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/"),
        views.contest,
        name="contest",
    ),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/resultats/"),
        views.contest_results,
        name="contest_results",
    ),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/resultats.json"),
        views.contest_json,
        name="contest_json",
    ),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/resultats.csv"),
        views.contest_csv,
        name="contest_csv",
    ),
]
