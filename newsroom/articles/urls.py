from django.urls import path
from django.utils.translation import pgettext_lazy

from newsroom.articles import views

app_name = "articles"
urlpatterns = [
    path(
        pgettext_lazy("url", "rubrique/<slug:slug>/"),
        views.section,
        name="section",
    ),
]
