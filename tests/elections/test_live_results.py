"""Live results: the fragment polled while counting, its ETag, the stop-polling answer, and
the New Caledonia night of 24 September 2023 replayed step by step."""

import pytest
from django.urls import reverse

from elections.models import Contest

from .conftest import ROUND_1, ROUND_2, partial

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def fragment_url(contest: Contest, tour: int | None = None) -> str:
    url = reverse(
        "elections:contest_results", args=[contest.election.slug, contest.constituency.code]
    )
    return f"{url}?tour={tour}" if tour else url


def test_page_requested_by_htmx_gets_the_fragment_only(client, nc_contest):
    response = client.get(nc_contest.get_absolute_url() + "?tour=1", headers=HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="contest-results"' in body and "Premier tour" in body
    assert response["Vary"] and "HX-Request" in response["Vary"]
    assert "<html" in client.get(nc_contest.get_absolute_url()).content.decode()


def test_round_tabs_are_links_enhanced_by_htmx(client, nc_contest):
    page = client.get(nc_contest.get_absolute_url()).content.decode()
    assert f'href="{nc_contest.get_absolute_url()}?tour=1"' in page
    assert f'hx-get="{fragment_url(nc_contest, 1)}"' in page
    assert f'hx-push-url="{nc_contest.get_absolute_url()}?tour=1"' in page


def test_final_contest_tells_htmx_to_stop_polling(client, nc_contest):
    response = client.get(fragment_url(nc_contest), headers=HTMX)
    assert response.status_code == 286
    assert "<html" not in response.content.decode()
    assert "élu au second tour" in response.content.decode()
    assert 'hx-trigger="every 30s"' not in response.content.decode()


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_unchanged_fragment_answers_304(client, import_csv):
    import_csv(*ROUND_1, status="counting", counting_round=1)
    contest = Contest.objects.get()
    first = client.get(fragment_url(contest), headers=HTMX)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(fragment_url(contest), headers={**HTMX, "If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_new_figures_change_the_etag(client, import_csv):
    votes = {"Georges Naturel": 100, "Robert Xowie": 90, "Sonia Backès": 80}
    votes |= {"Pierre Frogier": 70, "Gérard Poadja": 20, "Macate Wenehoua": 1, "Manuel Millar": 0}
    import_csv(*partial(ROUND_1, votes), status="counting", counting_round=1)
    contest = Contest.objects.get()
    etag = client.get(fragment_url(contest), headers=HTMX)["ETag"]
    import_csv(*ROUND_1, status="counting", counting_round=1)
    response = client.get(fragment_url(contest), headers={**HTMX, "If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert ">351<" in response.content.decode()


@pytest.mark.django_db(transaction=True)  # answered by the page cache
def test_each_round_has_its_own_etag(client, nc_contest):
    one = client.get(fragment_url(nc_contest, 1))["ETag"]
    two = client.get(fragment_url(nc_contest, 2))["ETag"]
    assert one != two


def test_new_caledonia_night_replayed_step_by_step(client, import_csv):
    # 1. Round 1 is being counted: figures so far, nobody elected, the fragment polls.
    votes = {"Georges Naturel": 180, "Robert Xowie": 120, "Sonia Backès": 130}
    votes |= {"Pierre Frogier": 90, "Gérard Poadja": 20, "Macate Wenehoua": 3, "Manuel Millar": 1}
    import_csv(*partial(ROUND_1, votes), status="counting", counting_round=1)
    contest = Contest.objects.get()
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "dépouillement en cours" in page
    assert 'hx-trigger="every 30s"' in page
    assert ">180<" in page and "élu au premier tour" not in page
    assert "Aucun élu pour le moment." in page
    assert client.get(fragment_url(contest), headers=HTMX).status_code == 200

    # 2. Round 1 is over: Georges Naturel is elected, one seat is left, still polling.
    import_csv(*ROUND_1, status="counting")
    page = client.get(contest.get_absolute_url()).content.decode()
    assert ">351<" in page
    winners = page[page.index('id="winners-title"') : page.index("</section>")]
    assert "Georges Naturel" in winners and "élu au premier tour" in winners
    assert "Robert Xowie" not in winners
    assert "Tous les sièges ne sont pas encore attribués." in page
    assert 'hx-trigger="every 30s"' in page
    assert client.get(fragment_url(contest), headers=HTMX).status_code == 200

    # 3. Round 2 is being counted: a second tab, the partial count, no second winner yet.
    votes = {"Robert Xowie": 150, "Sonia Backès": 140, "Macate Wenehoua": 1}
    import_csv(*ROUND_1, *partial(ROUND_2, votes), status="counting", counting_round=2)
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "Second tour" in page and ">150<" in page
    assert "élu au second tour" not in page
    fragment = client.get(fragment_url(contest, 2), headers=HTMX)
    assert fragment.status_code == 200
    assert 'hx-trigger="every 30s"' in fragment.content.decode()

    # 4. Final: Robert Xowie elected in round 2, Sonia Backès beaten; polling stops.
    import_csv(*ROUND_1, *ROUND_2, status="final")
    page = client.get(contest.get_absolute_url() + "?tour=2").content.decode()
    assert ">307<" in page and ">246<" in page
    assert "élu au second tour" in page
    assert 'hx-trigger="every 30s"' not in page
    fragment = client.get(fragment_url(contest, 2), headers=HTMX)
    assert fragment.status_code == 286
    assert "Robert Xowie" in fragment.content.decode()
