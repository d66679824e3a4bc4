"""Widgets partner sites frame: what they show, that they set no cookie, that only they may
be framed, their size, and that a counting contest's widget follows the count."""

import re

import pytest
from django.urls import reverse

from elections.models import Contest
from newsroom.articles.models import Status
from newsroom.caching.store import CACHE_STATUS_HEADER
from newsroom.people.models import Person
from tests import factories as make
from tests.elections.conftest import ROUND_1, ROUND_2, partial

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def contest_widget(contest: Contest) -> str:
    return reverse("embeds:contest", args=[contest.election.slug, contest.constituency.code])


def frame_ancestors(response) -> str:
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    )
    return policy["frame-ancestors"]


def stylesheet_bytes(html: str) -> int:
    """The size of the stylesheets a page links (our own static files)."""
    from django.contrib.staticfiles import finders

    total = 0
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html):
        with open(finders.find(href), "rb") as stylesheet:
            total += len(stylesheet.read())
    return total


def test_the_988_widget_shows_the_deciding_round_winners_and_a_link_back(client, nc_contest):
    response = client.get(contest_widget(nc_contest))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Nouvelle-Calédonie" in html
    assert "Second tour" in html  # the deciding round
    table = html[html.index("<table") : html.index("</table>")]
    assert "Robert Xowie" in table and ">307<" in table and "Sonia Backès" in table
    assert re.search(r'class="is-elected">\s*<th scope="row"><a [^>]*>Robert Xowie', table)
    assert f'href="{nc_contest.get_absolute_url()}"' in html
    assert '<base target="_blank">' in html  # its links open outside the frame
    assert "data-hx-trigger" not in html  # final: nothing to poll


def test_the_988_widget_is_small_sets_no_cookie_and_may_be_framed_by_any_site(client, nc_contest):
    response = client.get(contest_widget(nc_contest))
    html = response.content.decode()
    assert len(response.content) + stylesheet_bytes(html) < 20_000
    assert not response.cookies
    assert "Set-Cookie" not in response
    assert "X-Frame-Options" not in response
    assert frame_ancestors(response) == "*"
    # No script but ours.
    assert all(
        src.startswith("/static/") for src in re.findall(r'<script[^>]* src="([^"]+)"', html)
    )


def test_every_other_page_still_refuses_to_be_framed(client, nc_contest, section):
    article = make.article(section, slug="xowie-elu", contests=[nc_contest])
    for url in (article.get_absolute_url(), nc_contest.get_absolute_url(), "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY"
        assert frame_ancestors(response) == "'none'"


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_a_cached_widget_keeps_its_framing_policy_and_sets_no_cookie(client, nc_contest):
    first = client.get(contest_widget(nc_contest))
    again = client.get(contest_widget(nc_contest))
    assert again[CACHE_STATUS_HEADER] == "HIT"
    for response in (first, again):
        assert "X-Frame-Options" not in response
        assert frame_ancestors(response) == "*"
        assert not response.cookies


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_a_counting_widget_polls_and_follows_the_count_then_stops(client, import_csv, settings):
    votes = {"Robert Xowie": 150, "Sonia Backès": 140, "Macate Wenehoua": 1}
    import_csv(*ROUND_1, *partial(ROUND_2, votes), status="counting", counting_round=2)
    contest = Contest.objects.get()
    url = contest_widget(contest)
    html = client.get(url).content.decode()
    assert f'data-hx-get="{url}"' in html
    assert f'data-hx-trigger="every {settings.RESULTS_POLL_SECONDS}s"' in html
    assert "dépouillement en cours" in html and ">150<" in html
    assert "/static/" in html and "htmx" in html  # its own copy of htmx polls
    poll = client.get(url, headers=HTMX)
    assert poll.status_code == 200 and "<html" not in poll.content.decode()
    assert poll["Cache-Control"] == "no-cache"  # an unchanged count is a 304
    unchanged = client.get(url, headers={**HTMX, "If-None-Match": poll["ETag"]})
    assert unchanged.status_code == 304

    import_csv(*ROUND_1, *ROUND_2, status="final")
    final = client.get(url, headers={**HTMX, "If-None-Match": poll["ETag"]})
    assert final.status_code == 286  # htmx stops polling
    body = final.content.decode()
    assert ">307<" in body and "élu au second tour" in body
    assert "data-hx-trigger" not in client.get(url).content.decode()


def test_the_election_widget_sums_up_seats_by_party(client, senate_2023):
    response = client.get(reverse("embeds:election", args=[senate_2023.slug]))
    html = response.content.decode()
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert senate_2023.label in html
    assert "seats-table" in html and "sièges" in html
    assert len(response.content) + stylesheet_bytes(html) < 20_000


def test_the_person_widget_shows_current_offices_and_latest_coverage(client, senate_2023, section):
    xowie = Person.objects.get(name="Robert Xowie")
    make.article(section, slug="xowie-elu", title="Robert Xowie élu sénateur", persons=[xowie])
    make.article(
        section,
        slug="brouillon",
        title="Brouillon sur Xowie",
        persons=[xowie],
        status=Status.DRAFT,
        published_at=None,
    )
    response = client.get(reverse("embeds:person", args=[xowie.slug]))
    html = response.content.decode()
    assert response.status_code == 200 and "X-Frame-Options" not in response
    assert "Robert Xowie" in html and "Fonctions actuelles" in html
    assert "Sénat" in html
    assert "Robert Xowie élu sénateur" in html
    assert "Brouillon sur Xowie" not in html  # drafts never leak


def test_an_article_widget_shows_published_articles_only(client, section):
    article = make.article(section, slug="backes-battue", title="Sonia Backès battue")
    make.article(
        section, slug="pas-encore", title="Pas encore", status=Status.DRAFT, published_at=None
    )
    html = client.get(reverse("embeds:article", args=["backes-battue"])).content.decode()
    assert "Sonia Backès battue" in html and article.get_absolute_url() in html
    assert client.get(reverse("embeds:article", args=["pas-encore"])).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/embed/elections/senatoriales-2023/000/",
        "/embed/elections/inconnue/",
        "/embed/personnes/personne/",
        "/embed/article/inconnu/",
    ],
)
def test_unknown_widgets_are_404(client, senate_2023, url):
    assert client.get(url).status_code == 404


def test_the_contest_page_offers_the_code_to_embed_it(client, nc_contest):
    html = client.get(nc_contest.get_absolute_url()).content.decode()
    panel = html[html.index('<details class="embed-code">') : html.index("</details>")]
    assert "<summary>Intégrer</summary>" in panel
    src = f"http://testserver{contest_widget(nc_contest)}"
    # A fixed-height variant and a responsive one, escaped as text to copy.
    assert f"&lt;iframe src=&quot;{src}&quot;" in panel
    assert re.search(r"height=&quot;\d+&quot; style=&quot;border:0;max-width", panel)
    assert "data-newsroom-embed" in panel and "postMessage" not in panel
    assert "addEventListener(&quot;message&quot;" in panel
    assert "e.origin!==&quot;http://testserver&quot;" in panel


def test_election_and_person_pages_offer_their_widget_too(client, senate_2023):
    xowie = Person.objects.get(name="Robert Xowie")
    for page, widget in (
        (senate_2023.get_absolute_url(), reverse("embeds:election", args=[senate_2023.slug])),
        (xowie.get_absolute_url(), reverse("embeds:person", args=[xowie.slug])),
    ):
        html = client.get(page).content.decode()
        assert f"&lt;iframe src=&quot;http://testserver{widget}&quot;" in html


def test_widgets_in_english_speak_english(client, nc_contest):
    url = "/en" + contest_widget(nc_contest)
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html and "Second round" in html


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_a_counting_election_widget_keeps_polling_until_every_count_is_over(client, import_csv):
    votes = {"Robert Xowie": 150, "Sonia Backès": 140, "Macate Wenehoua": 1}
    import_csv(*ROUND_1, *partial(ROUND_2, votes), status="counting", counting_round=2)
    election = Contest.objects.get().election
    url = reverse("embeds:election", args=[election.slug])
    assert f'data-hx-get="{url}"' in client.get(url).content.decode()
    # Georges Naturel won a seat in round 1; the second is still being counted.
    assert "Circonscriptions attribuées : 0 sur 1" in client.get(url).content.decode()
    poll = client.get(url, headers=HTMX)
    assert poll.status_code == 200 and "<html" not in poll.content.decode()
    assert f'data-hx-get="{url}"' in poll.content.decode()  # the swapped part polls on

    import_csv(*ROUND_1, *ROUND_2, status="final")
    final = client.get(url, headers=HTMX)
    assert final.status_code == 286
    assert "Circonscriptions attribuées : 1 sur 1" in final.content.decode()


def test_the_person_panel_promises_no_live_update(client, senate_2023):
    xowie = Person.objects.get(name="Robert Xowie")
    html = client.get(xowie.get_absolute_url()).content.decode()
    panel = html[html.index('<details class="embed-code">') : html.index("</details>")]
    assert "dépouillement" not in panel
