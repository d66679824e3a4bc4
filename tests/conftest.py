"""Shared fixtures: the site, the « Politique » section and the newsroom personas. The
builders are in tests/factories.py."""

import pytest
from django.contrib.sites.models import Site

from newsroom.articles.models import Section
from newsroom.demo.management.commands.seed_demo import LOADERS
from tests import factories as make


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
def section(db) -> Section:
    return make.section(name="Politique")


@pytest.fixture(autouse=True)
def french_by_default():
    """Each test starts in French: a request to /en/ leaves English active in the thread,
    and the next test would then build /en/ URLs and read English messages."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def one_clock(settings):
    """The test and the pages it renders share one clock: a write made just before a page
    is rendered must not count as made during it (the margin for servers' clocks)."""
    settings.PAGE_CACHE_CLOCK_SKEW = 0
    # One process: its cache is shared by every request the test makes, as Redis is by
    # servers (a hit then makes no query). tests/perf/test_caching.py runs both set-ups.
    settings.KEY_VERSIONS_IN_CACHE = True


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Pages cached by a transactional test (live_server) must not leak into the next:
    the database is flushed between them without a write being stamped."""
    from django.core.cache import cache

    from newsroom.caching import versions
    from newsroom.caching.local import local_pages

    cache.clear()
    local_pages.clear()
    versions.known.clear()
    if versions.failed_since() is not None:  # a test cut Redis off
        versions.recovered(versions.failed_since())
    yield


# --- The newsroom roles and their personas (articles and results desk alike) ----------


@pytest.fixture
def journalist(db):
    return make.user("journaliste", "Journaliste")


@pytest.fixture
def editor(db):
    return make.user("editeur", "Éditeur")


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def demo_newsroom(settings, tmp_path):
    """The demo newsroom `make run` serves: people, the 2023 results, the articles."""
    settings.MEDIA_ROOT = tmp_path
    for loader in LOADERS:  # people, elections, articles
        loader.load()
