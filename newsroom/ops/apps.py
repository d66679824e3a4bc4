from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the site: backups, staff roles, the site's name (no models)."""

    name = "newsroom.ops"
    label = "ops"
