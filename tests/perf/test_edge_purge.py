"""Purge on commit (newsroom/caching/edge.py): after a write, each configured edge gets one
PURGE naming the keys it changed; an edge that fails is tried once more and never fails
the write; with no edge configured nothing is sent."""

import http.server
import threading

import pytest
from django.urls import reverse

from newsroom.caching import edge, page_cache
from tests import factories as make

pytestmark = pytest.mark.django_db


class Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self) -> None:  # noqa: N802 - the HTTP method's name
        self.server.seen.append(self.headers.get("xkey-purge", ""))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.seen, server.status = [], 200
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def url_of(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def test_a_write_sends_one_purge_per_edge_with_its_keys(
    recorder, settings, django_capture_on_commit_callbacks
):
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    other.seen, other.status = [], 200
    threading.Thread(target=other.serve_forever, daemon=True).start()
    settings.EDGE_PURGE_URLS = [url_of(recorder), url_of(other)]
    topic = make.topic()
    recorder.seen.clear()
    with django_capture_on_commit_callbacks(execute=True):
        topic.name = "Sénatoriales 2023"
        topic.save()
    other.shutdown()
    other.server_close()
    assert len(recorder.seen) == 1 and recorder.seen == other.seen
    assert f"topic:{topic.pk}" in recorder.seen[0].split()


def test_a_failing_edge_is_tried_twice_and_never_fails_the_write(
    recorder, settings, django_capture_on_commit_callbacks, caplog
):
    recorder.status = 503
    settings.EDGE_PURGE_URLS = [url_of(recorder)]
    with django_capture_on_commit_callbacks(execute=True):
        topic = make.topic(name="Écrit malgré l'edge")
    assert len(recorder.seen) == 2
    assert "edge purge" in caplog.text and topic.pk


def test_no_edge_configured_sends_nothing(recorder, settings):
    settings.EDGE_PURGE_URLS = []
    assert edge.purge(["all"]) == 0 and recorder.seen == []


def test_a_page_with_too_many_keys_for_a_header_is_tagged_with_their_kinds():
    from newsroom.caching.store import EDGE_TAGS_MAX_CHARS, edge_tags

    few = ["all", "article:1", "listing:section:2"]
    assert edge_tags(few) == few
    many = ["all", "listing:sitemap", *(f"article:{n}" for n in range(1000))]
    assert len(" ".join(many)) > EDGE_TAGS_MAX_CHARS
    assert edge_tags(many) == ["all", "article", "listing:sitemap"]
    # Only the kinds it shows most are collapsed: its one contest keeps its own key, so a
    # result written elsewhere does not purge it.
    mixed = ["all", "contest:44", *(f"person:{n}" for n in range(600)), "article:3"]
    assert edge_tags(mixed) == ["all", "article:3", "contest:44", "person"]


def test_a_purge_names_each_row_key_and_its_kind(recorder, settings):
    settings.EDGE_PURGE_URLS = [url_of(recorder)]
    edge.purge(["article:7", "listing:feed"])
    assert recorder.seen == ["article article:7 listing:feed"]


@pytest.mark.django_db(transaction=True)
def test_an_edge_that_purges_keeps_a_page_for_its_whole_lifetime(client, site, settings):
    """`s-maxage` (a minute) is for shared caches that are never purged; an edge that
    purges by key is told the page cache's own lifetime (`Surrogate-Control`)."""
    settings.PAGE_CACHE_TIMEOUT = 900
    make.article(title="Une page", slug="une-page")
    first = client.get("/")
    again = client.get("/")
    for response in (first, again):
        assert "s-maxage=60" in response["Cache-Control"]
        lifetime = int(response["Surrogate-Control"].removeprefix("max-age="))
        assert 890 <= lifetime <= 900
    assert again["X-Cache"] == "HIT"


@pytest.mark.django_db(transaction=True)
def test_an_edge_that_includes_gets_the_results_box_by_its_own_url(client, site, settings):
    """Through an edge that processes includes (ESI), an article carries its contest's box
    as an include, kept apart from the whole page other readers get, and not rendered
    again when the contest is called: only the box is. A client forging the header with
    another value than the edge's secret gets the whole page."""
    settings.EDGE_SURROGATE_CAPABILITY = "newsroom-3f2a=ESI/1.0"
    contest = make.contest(status="provisional")
    article = make.article(title="Le scrutin", slug="le-scrutin")
    article.contests.add(contest)
    path = article.get_absolute_url()
    box_url = reverse("elections:results_box", kwargs={"pk": contest.pk})
    through_edge = {"HTTP_SURROGATE_CAPABILITY": "newsroom-3f2a=ESI/1.0"}
    forged = client.get(path, HTTP_SURROGATE_CAPABILITY="x=ESI/1.0")
    assert "esi:include" not in forged.text and "Résultats provisoires" in forged.text
    included, whole = client.get(path, **through_edge), client.get(path)
    assert f'<esi:include src="{box_url}" onerror="continue"/>' in included.text
    assert "Résultats provisoires" not in included.text
    assert 'content="ESI/1.0"' in included["Surrogate-Control"]
    assert f"contest:{contest.pk}" not in included["Surrogate-Key"].split()
    assert "esi:include" not in whole.text and "Résultats provisoires" in whole.text
    assert "ESI" not in whole["Surrogate-Control"]
    box = client.get(box_url)
    assert "Résultats provisoires" in box.text and box["X-Robots-Tag"] == "noindex"
    assert f"contest:{contest.pk}" in box["Surrogate-Key"].split()
    contest.status = "final"
    contest.save()
    again = client.get(path, **through_edge)
    assert again["X-Cache"] == "HIT" and 'content="ESI/1.0"' in again["Surrogate-Control"]
    assert client.get(path)["X-Cache"] == "MISS"
    assert "Résultats définitifs" in client.get(box_url).text
    unknown = client.get(reverse("elections:results_box", kwargs={"pk": contest.pk + 1}))
    assert unknown.status_code == 404 and unknown.content == b""  # nothing inside an article


@pytest.mark.django_db(transaction=True)
def test_the_previous_rendering_served_while_another_renders_is_kept_by_no_shared_cache(
    client, site, monkeypatch
):
    """While one process renders a page again after a soft change, the others answer with
    the previous rendering for a second; the edge's purge may already have passed, so
    neither the edge nor any shared cache may keep that answer."""
    person = make.person(name="Robert Xowie")
    url = person.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    person.name = "Robert Xowié"
    person.save()
    add = page_cache.cache.add
    monkeypatch.setattr(  # another process holds the page's render lock
        page_cache.cache,
        "add",
        lambda key, *args, **kwargs: not key.startswith("rendering:") and add(key, *args, **kwargs),
    )
    stale = client.get(url)
    assert stale["X-Cache"] == "STALE"
    assert "s-maxage=0" in stale["Cache-Control"]
    assert stale["Surrogate-Control"] == "max-age=0"
