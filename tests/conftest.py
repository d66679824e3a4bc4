"""Shared fixtures, chained like the domain: section, person, party, contest, article."""

import pytest
from django.contrib.sites.models import Site

from newsroom.articles.models import Section


def pytest_report_header(config) -> str:
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}"


@pytest.fixture
def site(db) -> Site:
    site, _ = Site.objects.update_or_create(
        pk=1, defaults={"domain": "testserver", "name": "Newsroom"}
    )
    return site


@pytest.fixture
def make_section(db):
    def make(**overrides) -> Section:
        fields = {"name": "Politique", "slug": "politique", "position": 0}
        fields.update(overrides)
        return Section.objects.create(**fields)

    return make


@pytest.fixture
def section(make_section) -> Section:
    return make_section()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Pages cached by a transactional test (live_server) must not leak into the next:
    the database is flushed between them without a content-version bump."""
    from django.core.cache import cache

    from newsroom.caching import local_pages

    cache.clear()
    local_pages.clear()
    yield
