"""Health check, environment-driven settings and the demo loader."""

import os
import secrets
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.sites.models import Site
from django.core.management import call_command

from newsroom.articles.models import Section

ROOT = Path(__file__).resolve().parents[2]


def clean_environ() -> dict[str, str]:
    """The environment without what the test run itself sets."""
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in dropped}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run Python in a fresh process with the given environment on top of a clean one."""
    base = clean_environ()
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env() -> dict[str, str]:
    return {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "news.example.org",
        "STATICFILES_BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_is_unreachable():
    # A real connection attempt to a port where nothing listens.
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['database'])"
    )
    result = run_python(
        code,
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable?connect_timeout=2",
        ALLOWED_HOSTS="testserver",
    )
    assert result.stdout.strip() == "503 down", result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = run_python(
        "import django; django.setup()",
        DEBUG="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean_environ(), **production_env()},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_redis_url_switches_the_cache_backend():
    """Pages take a down Redis as a miss; the freshness keys' copies learn of it."""
    result = run_python(
        "from django.conf import settings;c = settings.CACHES;"
        "print(c['default']['BACKEND'], c['default']['OPTIONS']['IGNORE_EXCEPTIONS'],"
        "c['freshness']['BACKEND'], 'IGNORE_EXCEPTIONS' in c['freshness']['OPTIONS'])",
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )
    backend = "django_redis.cache.RedisCache"
    assert result.stdout.strip() == f"{backend} True {backend} False", result.stderr


def test_database_url_switches_the_database():
    result = run_python(
        "from django.conf import settings;"
        "d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'])",
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql newsroom", result.stderr


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=StringIO())
    first = list(Section.objects.values_list("slug", "name"))
    call_command("seed_demo", stdout=StringIO())
    assert list(Section.objects.values_list("slug", "name")) == first
    assert ("politique", "Politique") in first
    assert Site.objects.get(pk=1).name == "Newsroom"
