from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "newsroom.people"
    label = "people"
    verbose_name = _("Personnes et organisations")

    def ready(self) -> None:
        from newsroom.people import freshness

        freshness.connect()
