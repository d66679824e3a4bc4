from django.urls import path
from django.utils.translation import pgettext_lazy

from elections import views, views_map, views_share

app_name = "elections"
urlpatterns = [
    # By number: an article's include stays right if its contest moves (elections.views).
    path(pgettext_lazy("url", "encadres/scrutin/<int:pk>/"), views.results_box, name="results_box"),
    path(pgettext_lazy("url", "elections/<slug:slug>/"), views.election, name="election"),
    # The map comes before the contest pattern, which would read "carte" as a code.
    path(pgettext_lazy("url", "elections/<slug:slug>/carte/"), views_map.election_map, name="map"),
    path(
        pgettext_lazy("url", "elections/<slug:slug>/carte.svg"),
        views_map.map_image,
        name="map_image",
    ),
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
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/encart/"),
        views.contest_box,
        name="contest_box",
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
    # Its share image (og:image): no trailing slash, which the contest's code cannot take.
    path(
        pgettext_lazy("url", "elections/<slug:slug>/<str:code>/partage.png"),
        views_share.contest_image,
        name="contest_image",
    ),
]
