"""Query strings and the page cache: a page is keyed, and rendered, with only the query
parameters it reads, normalised and ordered. Campaign tags and random strings neither
miss the cache nor reach the page; searches are cached one entry per normalised query,
up to a cap."""

import uuid

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.caching.query import normalise, public_query

pytestmark = pytest.mark.django_db(transaction=True)


def test_random_tracking_parameters_are_served_from_the_cache(
    client, newsroom, django_assert_num_queries
):
    url = newsroom["first"].get_absolute_url()
    first = client.get(url)
    for _ in range(20):
        with django_assert_num_queries(0):
            again = client.get(f"{url}?utm_campaign={uuid.uuid4().hex}&fbclid={uuid.uuid4()}")
        assert again.status_code == 200
        assert again.content == first.content


def test_random_parameter_names_are_one_entry_too(client, newsroom, django_assert_num_queries):
    # No query means no rendering, so nothing new is stored either.
    home = client.get(reverse("home"))
    for _ in range(20):
        with django_assert_num_queries(0):
            again = client.get(f"/?{uuid.uuid4().hex}={uuid.uuid4().hex}")
        assert again.content == home.content


def test_a_tracked_link_renders_the_page_without_the_tag(client, newsroom):
    url = reverse("articles:section", args=["politique"]) + "?utm_source=lettre"
    body = client.get(url).content.decode()
    assert "utm_source" not in body  # canonical, language switch, "Voir plus"


def test_declared_parameters_are_normalised_and_ordered(
    client, newsroom, django_assert_num_queries
):
    contest = newsroom["contest"].get_absolute_url()
    first = client.get(contest + "?tour=1")
    with django_assert_num_queries(0):
        assert client.get(contest + "?utm_medium=x&tour=%201%20").content == first.content
    search = reverse("articles:search")
    found = client.get(search + "?q=Ada+Martin")
    assert "Ada Martin" in found.content.decode()
    with django_assert_num_queries(0):
        again = client.get(search + "?q=%20Ada%20%20Martin%0C&gclid=1")
    assert again.content == found.content


def test_the_page_reads_the_last_value_of_a_repeated_parameter(client, newsroom):
    search = reverse("articles:search")
    body = client.get(search + "?q=nothing-matches&q=Ada").content.decode()
    assert 'value="Ada"' in body


def test_searches_stored_are_capped(client, newsroom, settings, django_assert_num_queries):
    settings.PAGE_CACHE_MAX_QUERIES = 2
    search = reverse("articles:search")
    for query in ("Ada", "Martin", "Sénat"):
        client.get(f"{search}?q={query}")
    for query in ("Ada", "Martin"):
        with django_assert_num_queries(0):
            client.get(f"{search}?q={query}")
    # Past the cap a search is served, rendered each time, and not stored.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{search}?q=Sénat").status_code == 200
    assert len(queries) > 0


def test_unknown_parameters_do_not_break_any_page(client, newsroom):
    tail = "?utm_campaign=x&lettre=&tour=&q=&circonscription=&%ff=%fe"
    urls = [
        reverse("home"),
        newsroom["first"].get_absolute_url(),
        newsroom["contest"].get_absolute_url(),
        reverse("articles:section", args=["politique"]),
        reverse("articles:search"),
        reverse("people:index"),
        reverse("elections:map", args=["senatoriales-2023"]),
        reverse("articles:feed"),
        reverse("sitemap"),
    ]
    for url in urls:
        assert client.get(url + tail).status_code == 200, url


def test_public_query_keeps_declared_names_once_in_order():
    query = QueryDict("tri=nom&utm_source=x&circonscription=988&circonscription=%2001%20&q=")
    names = ("q", "tri", "circonscription", "page")
    assert public_query(query, names) == "circonscription=01&q=&tri=nom"
    assert normalise("  Sonia\u2028 Backe\u0300s\x00 ") == "Sonia Backès"
