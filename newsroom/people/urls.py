from django.urls import path
from django.utils.translation import pgettext_lazy

from newsroom.people import views

app_name = "people"
urlpatterns = [
    path(pgettext_lazy("url", "personnes/"), views.index, name="index"),
    path(pgettext_lazy("url", "personnes/<slug:slug>/"), views.person, name="person"),
    path(
        pgettext_lazy("url", "organisations/<slug:slug>/"),
        views.organisation,
        name="organisation",
    ),
]
