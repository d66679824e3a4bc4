"""A live blog through the page cache: an unchanged poll is a 304, a new entry reaches the
live page and its poll at once and leaves other pages cached, and a result written for a
contest an entry shows refreshes that entry's box."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elections.models import Contest
from newsroom.articles import live
from newsroom.articles.models import LiveEntry
from tests import factories as make
from tests.articles.test_live_blog import entry, poll
from tests.perf.test_freshness import enter_figures

pytestmark = pytest.mark.django_db(transaction=True)


def from_cache(client, url: str) -> bool:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return not captured.captured_queries


def test_an_unchanged_poll_is_a_304_without_a_query(client, blog):
    shown = entry(blog, 10)
    first = poll(client, blog, shown.pk)
    with CaptureQueriesContext(connection) as captured:
        again = poll(client, blog, shown.pk, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert not captured.captured_queries


def test_a_new_entry_reaches_the_live_page_and_its_poll_and_nothing_else(client, blog, editor):
    shown = entry(blog, 10)
    other = make.article(slug="autre-sujet", title="Un autre sujet")
    urls = [blog.get_absolute_url(), other.get_absolute_url(), reverse("home")]
    assert all(from_cache(client, url) for url in urls)
    assert "nouvelle entrée" not in poll(client, blog, shown.pk).content.decode()

    live.post_entry(entry=LiveEntry(article=blog, body="<p>Xowie en tête.</p>"), by=editor)

    assert "1 nouvelle entrée" in poll(client, blog, shown.pk).content.decode()
    assert "Xowie en tête." in client.get(blog.get_absolute_url()).content.decode()
    stream = client.get(reverse("articles:live_stream", args=[blog.slug])).content.decode()
    assert "Xowie en tête." in stream
    # The card in the listings does not show entries: they stay cached.
    assert from_cache(client, other.get_absolute_url())
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("home"))
    assert not captured.captured_queries


def test_a_result_written_refreshes_the_box_inside_an_entry(client, blog, admin_user):
    contest = make.contest(candidates=[("Robert Xowie", 50, None), ("Sonia Backès", 30, None)])
    entry(blog, 10, contest=contest)
    page = client.get(blog.get_absolute_url()).content.decode()
    assert "Résultats définitifs" in page
    candidacy = Contest.objects.get(pk=contest.pk).candidacies.first()
    enter_figures(contest, candidacy, 51, admin_user, status="provisional")
    page = client.get(blog.get_absolute_url()).content.decode()
    assert "Résultats provisoires" in page
