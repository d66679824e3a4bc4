from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "newsroom.articles"
    label = "articles"
    verbose_name = _("Articles")

    def ready(self) -> None:
        from newsroom.articles import freshness

        freshness.connect()
