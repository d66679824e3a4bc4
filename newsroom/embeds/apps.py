from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbedsConfig(AppConfig):
    name = "newsroom.embeds"
    label = "embeds"
    verbose_name = _("Modules à intégrer")
