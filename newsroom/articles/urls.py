from django.urls import path
from django.utils.translation import pgettext_lazy

from newsroom.articles import views

app_name = "articles"
urlpatterns = [
    path(pgettext_lazy("url", "article/<slug:slug>/"), views.detail, name="detail"),
    path(pgettext_lazy("url", "rubrique/<slug:slug>/"), views.section, name="section"),
    path(pgettext_lazy("url", "dossier/<slug:slug>/"), views.topic, name="topic"),
]
