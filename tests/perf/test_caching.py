"""The anonymous page cache: hits cost no query (one, for the freshness keys, without a
shared cache), every write refreshes every page that shows it, scheduled articles appear on
time, signed-in users never touch the cache.

Every test runs in both set-ups: the freshness keys read from the database (the default,
no Redis) and from the shared cache (production)."""

import contextlib
import datetime
import gzip

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from elections.models import ContestStatus, ResultUpdate
from newsroom.articles.models import ArticleNote, Status
from newsroom.caching import versions
from newsroom.caching.store import BROWSER_MAX_AGE
from tests import factories as make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True, params=["database", "shared cache"])
def key_versions(request, settings):
    settings.KEY_VERSIONS_IN_CACHE = request.param == "shared cache"
    return request.param


@pytest.fixture
def assert_hit(key_versions):
    """No query on a hit, or only the read of the freshness keys without a shared cache."""

    @contextlib.contextmanager
    def hit():
        with CaptureQueriesContext(connection) as captured:
            yield
        queries = [q["sql"] for q in captured.captured_queries]
        if key_versions == "shared cache":
            assert queries == []
        else:
            assert len(queries) == 1 and "caching_keyversion" in queries[0], queries

    return hit


ANONYMOUS = (
    f"public, max-age={BROWSER_MAX_AGE}, s-maxage=60, stale-while-revalidate=30, "
    "stale-if-error=86400"
)


def listing_pages(data: dict) -> dict[str, str]:
    """Every page that lists the first article (by title)."""
    return {
        "search": reverse("articles:search") + "?q=corps",
        "home": reverse("home"),
        "section": reverse("articles:section", args=["politique"]),
        "topic": reverse("articles:topic", args=["senatoriales"]),
        "person": reverse("people:person", args=["ada-martin"]),
        "map panel": reverse("elections:map", args=["senatoriales-2023"]) + "?circonscription=988",
        "feed": reverse("articles:feed"),
        "related block": data["second"].get_absolute_url(),
    }


def warm(client, urls) -> None:
    for url in urls:
        assert client.get(url).status_code == 200, url


def shown_on(client, urls: dict[str, str], text: str) -> list[str]:
    return [name for name, url in urls.items() if text in client.get(url).content.decode()]


@pytest.mark.parametrize(
    "name",
    ["home", "article", "contest", "contest fragment", "section", "feed", "sitemap", "search"],
)
def test_a_cache_hit_makes_no_query(client, newsroom, assert_hit, name):
    url, headers = {
        "home": (reverse("home"), {}),
        "article": (newsroom["first"].get_absolute_url(), {}),
        "contest": (newsroom["contest"].get_absolute_url(), {}),
        "contest fragment": (newsroom["contest"].get_absolute_url(), {"HX-Request": "true"}),
        "section": (reverse("articles:section", args=["politique"]), {}),
        "feed": (reverse("articles:feed"), {}),
        "sitemap": (reverse("sitemap"), {}),
        "search": (reverse("articles:search") + "?q=Martin", {}),
    }[name]
    first = client.get(url, headers=headers)
    with assert_hit():
        second = client.get(url, headers=headers)
    assert second.status_code == 200
    assert second.content == first.content


def test_htmx_fragment_and_full_page_are_cached_apart(client, newsroom):
    url = newsroom["contest"].get_absolute_url()
    page = client.get(url)
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert b"<html" in page.content and b"<html" not in fragment.content
    assert b"<html" in client.get(url).content
    assert "HX-Request" in page["Vary"]


def test_publishing_shows_the_article_on_every_listing(client, newsroom):
    urls = listing_pages(newsroom)
    draft = make.article(
        title="Un nouveau sénateur",
        slug="nouveau",
        status=Status.DRAFT,
        topics=[newsroom["topic"]],
        persons=[newsroom["person"]],
        contests=[newsroom["contest"]],
    )
    warm(client, [*urls.values(), reverse("sitemap")])
    assert shown_on(client, urls, "Un nouveau sénateur") == []

    draft.status = Status.PUBLISHED
    draft.save()

    assert shown_on(client, urls, "Un nouveau sénateur") == list(urls)
    assert draft.get_absolute_url() in client.get(reverse("sitemap")).content.decode()


def test_editing_an_article_refreshes_every_listing(client, newsroom):
    urls = listing_pages(newsroom)
    warm(client, urls.values())
    article = newsroom["first"]
    article.title = "Ada Martin élue sénatrice"
    article.save()
    assert shown_on(client, urls, "Ada Martin élue sénatrice") == list(urls)


def test_unpublishing_removes_the_article_everywhere(client, newsroom):
    urls = listing_pages(newsroom)
    article = newsroom["first"]
    warm(client, [*urls.values(), article.get_absolute_url(), reverse("sitemap")])
    assert shown_on(client, urls, "Ada Martin élue") == list(urls)

    article.status = Status.DRAFT
    article.save()

    assert shown_on(client, urls, "Ada Martin élue") == []
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.get_absolute_url() not in client.get(reverse("sitemap")).content.decode()


def test_a_new_note_appears_on_the_cached_article(client, newsroom):
    article = newsroom["first"]
    warm(client, [article.get_absolute_url()])
    ArticleNote.objects.create(
        article=article, kind="correction", noted_at=timezone.now(), text="Chiffre corrigé."
    )
    assert "Chiffre corrigé." in client.get(article.get_absolute_url()).content.decode()


def test_editing_a_person_refreshes_their_page_and_the_articles(client, newsroom):
    pages = {
        "person": reverse("people:person", args=["ada-martin"]),
        "article": newsroom["first"].get_absolute_url(),
        "contest": newsroom["contest"].get_absolute_url(),
    }
    warm(client, pages.values())
    person = newsroom["person"]
    person.name = "Ada Martin-Wéa"
    person.save()
    assert shown_on(client, pages, "Ada Martin-Wéa") == list(pages)


def test_entering_results_refreshes_the_contest_map_and_election(client, newsroom):
    contest = newsroom["contest"]
    pages = {
        "contest": contest.get_absolute_url(),
        "fragment": reverse("elections:contest_results", args=["senatoriales-2023", "988"]),
        "json": reverse("elections:contest_json", args=["senatoriales-2023", "988"]),
    }
    summaries = {  # these show the sources of the figures, not the votes
        "election": reverse("elections:election", args=["senatoriales-2023"]),
        "map": reverse("elections:map", args=["senatoriales-2023"]),
    }
    warm(client, [*pages.values(), *summaries.values()])
    # What an import records: the figures, and where they come from.
    result = newsroom["result"]
    result.votes = 317
    result.save()
    ResultUpdate.objects.create(
        contest=contest, kind="results", source="Haut-commissariat", recorded_at=timezone.now()
    )
    assert shown_on(client, pages, "317") == list(pages)
    assert shown_on(client, summaries, "Haut-commissariat") == list(summaries)


def test_a_scheduled_article_appears_on_cached_pages_at_its_time(client, newsroom, settings):
    # Pages would otherwise be kept an hour: the publication time must cut that short.
    settings.PAGE_CACHE_TIMEOUT = 3600
    urls = {
        "home": reverse("home"),
        "section": reverse("articles:section", args=["politique"]),
        "feed": reverse("articles:feed"),
    }
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        make.article(
            title="Programmé pour plus tard",
            slug="programme",
            published_at=start + datetime.timedelta(minutes=10),
        )
        warm(client, urls.values())
        assert shown_on(client, urls, "Programmé pour plus tard") == []
        assert f"max-age={BROWSER_MAX_AGE}" in client.get(reverse("home"))["Cache-Control"]

        traveller.shift(datetime.timedelta(minutes=9, seconds=30))
        assert shown_on(client, urls, "Programmé pour plus tard") == []
        # The browser and CDN lifetimes are cut short too.
        assert "max-age=30," in client.get(reverse("home"))["Cache-Control"]

        traveller.shift(datetime.timedelta(seconds=31))
        assert shown_on(client, urls, "Programmé pour plus tard") == list(urls)


def test_an_article_scheduled_after_the_menu_was_shared_still_cuts_the_pages_short(
    client, newsroom, settings
):
    """The menu, the site's name and the next publication time are shared between pages
    (`furniture`): an article scheduled once they are stored must renew them, or the pages
    listing it would be kept past its time."""
    settings.PAGE_CACHE_TIMEOUT = 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        warm(client, [reverse("home"), newsroom["first"].get_absolute_url()])
        traveller.shift(datetime.timedelta(seconds=1))
        make.article(
            title="Programmé ensuite",
            slug="programme-ensuite",
            published_at=start + datetime.timedelta(minutes=10),
        )
        traveller.shift(datetime.timedelta(minutes=9, seconds=29))
        assert "max-age=30," in client.get(reverse("home"))["Cache-Control"]
        traveller.shift(datetime.timedelta(seconds=31))
        assert "Programmé ensuite" in client.get(reverse("home")).content.decode()


def test_a_page_rendered_for_readers_reads_the_next_publication_with_its_menu(
    client, newsroom, settings
):
    """On a cache miss the menu and the next publication time come in one statement (the
    article page's queries are listed in test_article_page), and the page is still kept
    no longer than that publication."""
    settings.PAGE_CACHE_TIMEOUT = 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        make.article(
            title="Programmé", slug="programme", published_at=start + datetime.timedelta(minutes=10)
        )
        cache.clear()
        url = newsroom["first"].get_absolute_url()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        queries = [q["sql"] for q in captured.captured_queries]
        queries = [sql for sql in queries if "caching_keyversion" not in sql]  # freshness
        menu = [sql for sql in queries if sql.startswith('SELECT "articles_section"')]
        assert len(menu) == 1 and "published_at" in menu[0]
        next_only = 'SELECT "articles_article"."published_at" FROM'
        assert not [sql for sql in queries if sql.startswith(next_only)]

        traveller.shift(datetime.timedelta(minutes=9, seconds=40))
        assert "max-age=20," in client.get(url)["Cache-Control"]  # the stored page's lifetime
        traveller.shift(datetime.timedelta(seconds=21))
        assert "Programmé" in client.get(reverse("home")).content.decode()


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("editor", password="x", is_staff=True)


def test_signed_in_pages_are_never_served_from_or_stored_in_the_cache(client, newsroom, staff):
    home = reverse("home")
    client.get(home)  # a reader's copy is in the cache
    client.force_login(staff)
    signed_in = client.get(home)
    assert "X-CSRFToken" in signed_in.content.decode()  # not the reader's copy
    assert "no-store" in signed_in["Cache-Control"] and "private" in signed_in["Cache-Control"]

    client.logout()
    reader = client.get(home)
    assert "X-CSRFToken" not in reader.content.decode()
    assert reader["Cache-Control"] == ANONYMOUS


def test_a_staff_preview_is_never_stored_for_readers(client, newsroom, staff):
    draft = make.article(title="Brouillon secret", slug="brouillon", status=Status.DRAFT)
    client.force_login(staff)
    preview = client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reader_pages_carry_public_cache_headers_and_no_cookie(client, newsroom):
    for url in [
        reverse("home"),
        newsroom["first"].get_absolute_url(),
        reverse("articles:section", args=["politique"]),
        reverse("people:person", args=["ada-martin"]),
        "/en/",
    ]:
        response = client.get(url)
        assert response["Cache-Control"] == ANONYMOUS, url
        assert not response.cookies, url
        vary = response.get("Vary", "")
        # The language is in the URL and readers have no session: neither header varies.
        assert "Cookie" not in vary and "Accept-Language" not in vary, url
    assert "HX-Request" in client.get(reverse("articles:section", args=["politique"]))["Vary"]


def test_admin_is_private_and_not_stored(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_unchanged_page_answers_304_to_etag_and_last_modified(client, newsroom):
    url = newsroom["first"].get_absolute_url()
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]

    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304

    article = newsroom["first"]
    article.title = "Titre corrigé"
    article.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_polling_the_live_results_fragment_is_a_304_without_a_query(client, newsroom, assert_hit):
    url = reverse("elections:contest_results", args=["senatoriales-2023", "988"])
    etag = client.get(url)["ETag"]
    with assert_hit():
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_final_contest_tells_every_poller_to_stop_from_the_cache(client, newsroom, assert_hit):
    contest = newsroom["contest"]
    contest.status = ContestStatus.FINAL
    contest.save()
    url = reverse("elections:contest_results", args=["senatoriales-2023", "988"])
    htmx = {"HX-Request": "true"}
    first = client.get(url, headers=htmx)
    assert first.status_code == 286  # htmx stops polling
    with assert_hit():
        again = client.get(url, headers=htmx)
    assert (again.status_code, again.content) == (286, first.content)


def test_compressed_and_plain_pages_are_stored_apart(client, newsroom, assert_hit):
    url = newsroom["first"].get_absolute_url()
    accepts = {"Accept-Encoding": "gzip"}
    plain = client.get(url)
    packed = client.get(url, headers=accepts)
    with assert_hit():
        plain_again = client.get(url)
    with assert_hit():
        packed_again = client.get(url, headers=accepts)
    assert "Content-Encoding" not in plain_again
    assert plain_again.content == plain.content
    assert packed_again["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed_again.content) == gzip.decompress(packed.content)
    assert gzip.decompress(packed_again.content) == plain.content


def another_process_writes(article, title: str) -> None:
    """A write made elsewhere (another process or server): the row changes and its key is
    stamped, but nothing in this process is told."""
    type(article).objects.filter(pk=article.pk).update(title=title)
    versions.bump([f"article:{article.pk}"], hard=True)


def test_a_write_elsewhere_shows_at_once_although_the_page_is_in_this_process(client, newsroom):
    url = newsroom["first"].get_absolute_url()
    assert "Ada Martin élue" in client.get(url).content.decode()
    assert client.get(url)["X-Cache"] == "HIT"
    another_process_writes(newsroom["first"], "Titre changé ailleurs")
    assert "Titre changé ailleurs" in client.get(url).content.decode()


def test_a_compressed_page_still_answers_304(client, newsroom):
    url = newsroom["first"].get_absolute_url()
    gzip = {"Accept-Encoding": "gzip"}
    response = client.get(url, headers=gzip)
    assert response["Content-Encoding"] == "gzip"
    etag = response["ETag"]  # made weak by the compression
    assert client.get(url, headers={**gzip, "If-None-Match": etag}).status_code == 304


def test_pages_are_still_served_when_the_cache_is_down(client, newsroom):
    """As configured (settings.CACHES): the page cache's reads are misses, its writes dropped."""
    redis = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    down = {
        "default": {**redis, "OPTIONS": {"IGNORE_EXCEPTIONS": True}},
        "freshness": redis,  # nothing listens there
    }
    with override_settings(CACHES=down):
        response = client.get(newsroom["first"].get_absolute_url())
        search = client.get(reverse("articles:search") + "?q=Martin")
    assert response.status_code == 200
    assert response["X-Cache"] == "MISS"
    assert "Ada Martin élue" in response.content.decode()
    assert search.status_code == 200
    assert search["X-Cache"] == "MISS"


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_every_rendering_of_an_article_shares_its_related_block(client, newsroom):
    url = newsroom["first"].get_absolute_url()
    client.get(reverse("home"))  # the freshness stamps and next publication are known
    # Campaign links make new page-cache entries; the related block is rendered once.
    cold = queries_of(client, url + "?utm_source=lettre")
    warm = queries_of(client, url + "?utm_source=reseaux")
    assert warm < cold  # the related articles' queries are not made again
    assert "Dans la même thématique" in client.get(url + "?utm_source=x").content.decode()


def test_a_signed_in_rendering_stores_no_shared_block(client, newsroom, staff):
    url = newsroom["first"].get_absolute_url()
    client.get(reverse("home"))
    client.force_login(staff)
    client.get(url + "?utm_source=equipe")
    client.logout()
    # The reader's first rendering still makes the related articles' queries.
    cold = queries_of(client, url + "?utm_source=lettre")
    assert queries_of(client, url + "?utm_source=reseaux") < cold


def test_a_stored_page_is_served_while_the_database_is_down(client, newsroom, settings):
    settings.PAGE_CACHE_LOCAL_ENTRIES = 0  # from the shared cache, not this process's memory
    url = newsroom["first"].get_absolute_url()
    first = client.get(url)

    def database_down(*args):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(database_down):
        again = client.get(url)
        missing = client.get(reverse("articles:section", args=["politique"]))
    assert (again.status_code, again.content) == (200, first.content)
    assert missing.status_code == 503  # not stored: the database was needed


def test_a_stamp_never_moves_back_when_two_writers_cross(key_versions):
    """Two writers stamp one key: the one whose clock read later reaches the database
    first, and its copy reaches the shared cache before the other's older copy. The later
    stamp stands everywhere, or a page rendered between the two writes would stay stale."""
    versions.bump(["results:election:1"], at=2_000)
    versions.bump(["results:election:1"], at=1_000, hard=True)
    assert versions.from_database(["results:election:1"]) == {"results:election:1": (2_000, 1_000)}
    if key_versions == "shared cache":
        versions.copy({"results:election:1": (1_000, 0)})  # the older copy lands last
        versions.known.clear()
    assert versions.read(["results:election:1"]) == {"results:election:1": (2_000, 1_000)}
