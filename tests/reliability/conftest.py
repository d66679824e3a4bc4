"""Reliability fixtures: the demo newsroom loaded once per module, rolled back afterwards."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction


def row_counts() -> dict[str, int]:
    """Rows of every model (history and link tables included): what a write may change."""
    return {
        model._meta.label: model._base_manager.using(connection.alias).count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture(scope="module")
def demo_newsroom(django_db_setup, django_db_blocker):
    """The demo newsroom, for read-only tests that send many requests: loaded once for the
    module inside a transaction that is rolled back at the end, so other tests never see it.
    The module must be marked `django_db` (that is what creates the test database)."""
    assert "test" in str(connection.settings_dict["NAME"]) or "memory" in str(
        connection.settings_dict["NAME"]
    ), "the test database is not set up: mark the module with pytest.mark.django_db"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
