"""Reliability helpers: snapshots of the database content, and the demo newsroom loaded once
per module (rolled back afterwards)."""

import datetime
import hashlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, settings


def row_counts() -> dict[str, int]:
    """Rows of every model (history and link tables included): what a write may change."""
    return {
        model._meta.label: model._base_manager.using(connection.alias).count()
        for model in apps.get_models(include_auto_created=True)
    }


APPS = ("people", "elections", "articles")


def fuzz_settings(max_examples: int) -> settings:
    """Derandomized (the same examples on every run, so CI is stable), no example database,
    no deadline (a slow shared machine is not a failure)."""
    return settings(
        derandomize=True,
        database=None,
        deadline=None,
        max_examples=max_examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


def tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in APPS
    )


def normalised(value):
    # Two connections may read timestamps in different time zones: compare instants.
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def content(cursor) -> dict[str, tuple[int, str]]:
    """(row count, checksum of every row) of each table of the three apps."""
    found = {}
    for table in tables():
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - model tables
        # Sorted here: some link tables have no unique first column to order by.
        rows = sorted((tuple(normalised(v) for v in row) for row in cursor.fetchall()), key=repr)
        found[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return found


def database_content() -> dict[str, tuple[int, str]]:
    with connection.cursor() as cursor:
        return content(cursor)


def snapshot() -> tuple[dict, dict]:
    """Everything a failed write must leave as it was: the row count of every model and a
    checksum of every row of the three apps."""
    return row_counts(), database_content()


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
