"""The environment switches of the caching and scale-out settings."""

import pytest

from tests.foundation.test_operations import run_python

SHOW = "from django.conf import settings; print({expression})"


def setting(expression: str, **env: str) -> str:
    result = run_python(
        SHOW.format(expression=expression),
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_cache_backend_dummy_turns_the_cache_off_even_with_redis():
    backend = setting(
        "settings.CACHES['default']['BACKEND']",
        CACHE_BACKEND="dummy",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    assert backend == "django.core.cache.backends.dummy.DummyCache"


@pytest.mark.parametrize(("env", "expected"), [({}, "300"), ({"PAGE_CACHE_TIMEOUT": "900"}, "900")])
def test_page_cache_timeout_comes_from_the_environment(env, expected):
    assert setting("settings.PAGE_CACHE_TIMEOUT", **env) == expected


def test_a_replica_url_adds_the_replica_and_its_router():
    shown = setting(
        "settings.DATABASES['replica']['HOST'], settings.DATABASE_ROUTERS",
        DATABASE_URL="postgres://app@primary.internal/newsroom",
        DATABASE_REPLICA_URL="postgres://app@replica.internal/newsroom",
    )
    assert shown == "replica.internal ['newsroom.db_router.PrimaryReplicaRouter']"


def test_without_a_replica_there_is_no_router():
    assert setting("'replica' in settings.DATABASES, settings.DATABASE_ROUTERS") == "False []"


def test_media_storage_s3_switches_the_default_storage():
    backend = setting(
        "settings.STORAGES['default']['BACKEND'], settings.AWS_STORAGE_BUCKET_NAME",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
    )
    assert backend == "storages.backends.s3.S3Storage newsroom-media"
