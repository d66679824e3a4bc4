"""The edge in front of the app: readers' pages are answered by Varnish, a write purges
exactly the pages that show what it changed, staff and previews always reach the app, a
purge from elsewhere is refused, and a page stays served while the app is down."""

import socket
import time

import pytest

from elections.models import ContestStatus, RoundResult
from newsroom.caching import store
from tests import factories as make
from tests.edge.conftest import fetch

pytestmark = [pytest.mark.edge, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(site):
    """The New Caledonia contest's page (its figures), and an article without results."""
    contest = make.contest(
        status="provisional",
        candidates=[("Robert Xowie", 50, None), ("Sonia Backès", 30, None)],
    )
    other = make.article(title="Un article sans résultats")
    return contest, contest.get_absolute_url(), other.get_absolute_url()


def warm(edge, path: str) -> None:
    """Fetched until the edge keeps it (a first miss, then hits)."""
    assert edge.get(path).status == 200
    assert edge.get(path).headers["X-Edge"] == "HIT"


def test_a_reader_page_is_answered_by_the_edge(edge, pages):
    _, showing, _ = pages
    first, second = edge.get(showing), edge.get(showing)
    assert (first.status, first.headers["X-Edge"]) == (200, "MISS")
    assert (second.status, second.headers["X-Edge"]) == (200, "HIT")
    assert second.text == first.text
    assert "xkey" not in {name.lower() for name in second.headers}


def test_a_results_write_purges_exactly_the_pages_showing_the_contest(edge, pages):
    contest, showing, other = pages
    warm(edge, showing)
    warm(edge, other)
    result = RoundResult.objects.filter(round__contest=contest).order_by("-votes").first()
    result.votes = 61
    result.save()
    refreshed = edge.get(showing)
    assert refreshed.headers["X-Edge"] == "MISS" and ">61<" in refreshed.text
    assert edge.get(other).headers["X-Edge"] == "HIT"


def test_staff_admin_and_previews_always_reach_the_app(edge, pages):
    _, showing, _ = pages
    for _ in range(2):
        assert edge.get("/admin/login/").headers["X-Edge"] == "MISS"
        signed_in = edge.get(showing, Cookie="sessionid=abc; other=1")
        assert signed_in.headers["X-Edge"] == "MISS"
        assert edge.get("/apercu/1.bad/").headers["X-Edge"] == "MISS"
    # An analytics cookie is not a session: the reader's page is still the edge's.
    warm(edge, showing)
    assert edge.get(showing, Cookie="consent=yes").headers["X-Edge"] == "HIT"


def test_a_purge_from_another_address_is_refused(edge, pages):
    _, showing, _ = pages
    warm(edge, showing)
    refused = purge_from("127.0.0.2", edge.port, "all")
    assert refused.startswith("HTTP/1.1 403")
    assert edge.get(showing).headers["X-Edge"] == "HIT"
    accepted = fetch(edge.url + "/", method="PURGE", headers={"xkey-purge": "all"})
    assert accepted.status == 200
    assert edge.get(showing).headers["X-Edge"] == "MISS"


def test_with_the_app_down_the_edge_keeps_answering(edge, app, pages, monkeypatch):
    _, showing, _ = pages
    monkeypatch.setattr(store, "SHARED_MAX_AGE", 1)  # the page expires at once at the edge
    first = edge.get(showing)
    assert first.status == 200 and "s-maxage=1" in first.headers["Cache-Control"]
    app.stop()
    time.sleep(6)  # past its lifetime, and the probe has found the app down
    stale = edge.get(showing)
    assert stale.status == 200 and stale.text == first.text
    assert edge.get("/personnes/").status == 503  # never fetched: nothing to serve
    app.start()
    edge.wait_until_healthy()
    assert edge.get(showing).status == 200


def purge_from(address: str, port: int, keys: str) -> str:
    """A PURGE sent from `address` (another loopback address than the app's)."""
    with socket.socket() as sock:
        sock.bind((address, 0))
        sock.connect(("127.0.0.1", port))
        sock.sendall(
            f"PURGE / HTTP/1.1\r\nHost: edge\r\nxkey-purge: {keys}\r\n"
            "Connection: close\r\n\r\n".encode()
        )
        return sock.recv(4096).decode("latin-1")


def test_a_withdrawn_article_is_gone_from_the_edge_at_once(edge, pages, editor):
    from newsroom.articles import services
    from newsroom.articles.models import Article

    _, _, other = pages
    warm(edge, other)
    article = Article.objects.get(title="Un article sans résultats")
    services.unpublish_article(article=article, by=editor, reason="Retiré pour vérification.")
    gone = edge.get(other)
    assert gone.status == 410 and "Retiré pour vérification." in gone.text


def test_a_page_showing_thousands_of_rows_is_kept_and_purged_by_kind(edge, site):
    """The sitemap names every article: too many keys for a header, it is tagged with the
    kinds (`article`), which a write to any article also purges."""
    articles = make.articles(400)
    warm(edge, "/sitemap.xml")
    tags = edge.get("/sitemap.xml").headers["Surrogate-Key"].split()
    assert "article" in tags and f"article:{articles[0].pk}" not in tags
    articles[-1].title = "Un titre corrigé"
    articles[-1].save()
    assert edge.get("/sitemap.xml").headers["X-Edge"] == "MISS"


def test_a_contest_called_shows_in_each_article_without_rendering_the_articles(edge, app, pages):
    """The edge includes an article's results box (ESI): a status change drops and renders
    the contest's box once; the article pages stay the edge's and show the new status."""
    contest, _, _ = pages
    articles = [make.article(title=f"Article {n} sur le scrutin") for n in range(2)]
    for article in articles:
        article.contests.add(contest)
    paths = [article.get_absolute_url() for article in articles]
    for path in paths:
        warm(edge, path)
    before = edge.get(paths[0])
    assert "Résultats provisoires" in before.text and "esi:include" not in before.text
    # Assembled from fragments: no validator that would let a reader keep an old box.
    assert "ETag" not in before.headers and "Last-Modified" not in before.headers
    contest.status = ContestStatus.FINAL
    contest.save()
    for path, encoding in zip(paths, ("gzip", "identity"), strict=True):
        after = edge.get(path, **{"Accept-Encoding": encoding})
        assert after.headers["X-Edge"] == "HIT"  # the article page was not purged
        assert "Résultats définitifs" in after.text and "Résultats provisoires" not in after.text
    # No 304 from the page's date either: its box may have changed since.
    later = edge.get(paths[0], **{"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert later.status == 200 and "Résultats définitifs" in later.text
    # Without the edge, the app renders the box inside the page, as before.
    direct = fetch(f"http://127.0.0.1:{app.port}{paths[0]}")
    assert "Résultats définitifs" in direct.text and "esi:include" not in direct.text
    # A contest deleted leaves an empty place in the article, not an error page.
    contest.delete()
    emptied = edge.get(paths[0])
    assert emptied.status == 200 and "Résultats définitifs" not in emptied.text
    assert "404" not in emptied.text and emptied.text.count("<html") == 1
