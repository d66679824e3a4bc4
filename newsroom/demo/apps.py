from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom that `make run` serves, and its accounts (no models)."""

    name = "newsroom.demo"
    label = "demo"
