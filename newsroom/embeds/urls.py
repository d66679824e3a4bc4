from django.urls import path
from django.utils.translation import pgettext_lazy

from newsroom.embeds import views

# Under /embed/ (/en/embed/ in English): the page's own address after it, as on the site.
app_name = "embeds"
urlpatterns = [
    path(pgettext_lazy("url", "elections/<slug:slug>/"), views.election, name="election"),
    path(pgettext_lazy("url", "elections/<slug:slug>/<str:code>/"), views.contest, name="contest"),
    path(pgettext_lazy("url", "personnes/<slug:slug>/"), views.person, name="person"),
    path(pgettext_lazy("url", "article/<slug:slug>/"), views.article, name="article"),
]
