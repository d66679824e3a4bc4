"""A contest's share image: a 1200 × 630 PNG of its deciding round, drawn again when its
figures change and served from the page cache, byte for byte, while they do not; the
contest page announces it to link previews."""

import io
import re

import pytest
from django.http import HttpResponse
from django.urls import resolve, reverse
from PIL import Image

from elections import display, share
from elections.models import Contest, RoundResult
from elections.services.desk import RoundEntry, save_round_results
from elections.validation import ROUND_FIELDS
from newsroom.caching.store import freeze, thaw

pytestmark = pytest.mark.django_db

SLUG = "senatoriales-2023"
URL = "/elections/senatoriales-2023/988/partage.png"


def pixels(content: bytes) -> bytes:
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG" and image.size == (1200, 630)
    return image.convert("RGB").tobytes()


def move_votes(contest: Contest, user, count: int) -> None:
    """As the results desk saves the deciding round: `count` votes move from the first
    candidate to the second, the totals unchanged."""
    contest = Contest.objects.for_page().get(pk=contest.pk)
    last = list(contest.rounds.all())[-1]
    votes = {result.candidacy_id: result.votes for result in last.results.all()}
    first, second = sorted(votes, key=votes.get, reverse=True)[:2]
    votes[first] -= count
    votes[second] += count
    entry = RoundEntry(
        number=last.number,
        totals={name: getattr(last, name) for name in ROUND_FIELDS},
        is_final=last.is_final,
        votes=votes,
        status=contest.status,
    )
    save_round_results(contest=contest, entry=entry, by=user, source="Préfecture")


def test_the_image_url_is_not_taken_for_a_contest_code(nc_contest):
    assert reverse("elections:contest_image", args=[SLUG, "988"]) == URL
    assert resolve(URL).url_name == "contest_image"
    assert resolve("/elections/senatoriales-2023/988/").url_name == "contest"


def test_the_988_image_is_a_1200_by_630_png(client, nc_contest):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    pixels(response.content)


def test_unknown_contests_have_no_image(client, nc_contest):
    assert client.get("/elections/senatoriales-2023/000/partage.png").status_code == 404
    assert client.get("/elections/inconnue/988/partage.png").status_code == 404


# Pages are cached outside a transaction only (`caching.keys.is_cacheable_read`).
@pytest.mark.django_db(transaction=True)
def test_new_figures_draw_a_new_image_and_nothing_else_does(client, nc_contest, admin_user):
    before = client.get(URL)
    assert before["X-Cache"] == "MISS"
    again = client.get(URL)
    assert again["X-Cache"] == "HIT" and again.content == before.content

    move_votes(nc_contest, admin_user, 5)
    after = client.get(URL)
    assert after["X-Cache"] == "MISS"
    assert pixels(after.content) != pixels(before.content)
    cached = client.get(URL)
    assert cached["X-Cache"] == "HIT" and cached.content == after.content


@pytest.mark.django_db(transaction=True)
def test_the_image_keys_are_its_figures_not_its_articles(client, nc_contest):
    keys = client.get(URL)["Surrogate-Key"].split()
    assert f"results:contest:{nc_contest.pk}" in keys and f"contest:{nc_contest.pk}" in keys
    assert f"listing:contest:{nc_contest.pk}" not in keys


@pytest.mark.django_db(transaction=True)
def test_the_png_survives_the_page_cache_and_gzip(client, nc_contest):
    plain = client.get(URL).content
    thawed = thaw(freeze(HttpResponse(plain, content_type="image/png"), 60, set(), 0), "HIT")
    assert thawed.content == plain and thawed["Content-Type"] == "image/png"
    assert client.get(URL)["X-Cache"] == "HIT"
    for status in ("MISS", "HIT"):  # each encoding is stored apart
        packed = client.get(URL, headers={"Accept-Encoding": "gzip"})
        assert packed["X-Cache"] == status
        # Sent as it is: gzip would only spend time on a PNG.
        assert "Content-Encoding" not in packed and "Accept-Encoding" not in packed.get("Vary", "")
        assert packed.content == plain


def test_a_contest_without_figures_says_so_and_shows_none(client, make_contest):
    contest = make_contest(candidates=())
    view = display.contest_view(Contest.objects.for_page().get(pk=contest.pk))
    card = share.contest_card(view, site="Newsroom")
    assert card.empty == "Aucun résultat saisi"
    assert not any(row.votes or row.share or row.fraction is not None for row in card.rows)
    assert "aucun résultat saisi" in share.contest_alt(view).lower()
    response = client.get(reverse("elections:contest_image", args=[contest.election.slug, "99"]))
    assert response.status_code == 200
    pixels(response.content)


def test_winners_proclaimed_without_figures_are_named_as_such(senate_2023):
    paris = Contest.objects.for_page().get(election=senate_2023, constituency__code="75")
    view = display.contest_view(paris)
    assert not view.has_figures and view.winners
    card = share.contest_card(view, site="Newsroom")
    assert card.empty == "Élus proclamés, chiffres non saisis"
    assert card.rows and all(row.elected and not row.votes for row in card.rows)
    assert "Élus proclamés, chiffres non saisis." in share.contest_alt(view)


def test_the_card_shows_the_deciding_round_and_who_won_before_it(nc_contest):
    view = display.contest_view(Contest.objects.for_page().get(pk=nc_contest.pk))
    card = share.contest_card(view, site="Newsroom")
    assert card.title == "Nouvelle-Calédonie (988)"
    assert card.kicker == "Élections sénatoriales 2023 · Second tour"
    assert card.state == "Proclamé le 24 septembre 2023"
    first = card.rows[0]
    assert (first.name, first.elected, first.votes, first.share) == (
        "Robert Xowie",
        True,
        "307 voix",
        "55,32\u00a0%",
    )
    assert not any(row.elected for row in card.rows[1:])
    assert card.note == "Georges Naturel élu au premier tour"


def meta(page: str, attribute: str, name: str) -> str:
    return re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page).group(1)


def test_the_contest_page_announces_its_image(client, nc_contest):
    page = client.get(nc_contest.get_absolute_url()).content.decode()
    image = meta(page, "property", "og:image")
    assert re.fullmatch(rf"http://testserver{URL}\?v=\w{{12}}", image)
    assert meta(page, "name", "twitter:image") == image
    assert meta(page, "property", "og:image:width") == "1200"
    assert meta(page, "property", "og:image:height") == "630"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    alt = meta(page, "property", "og:image:alt")
    assert alt.startswith("Élections sénatoriales 2023, Nouvelle-Calédonie (988) : résultats")
    assert "Robert Xowie élu au second tour" in alt
    pixels(client.get(image.removeprefix("http://testserver")).content)


def test_the_english_page_announces_the_english_image(client, nc_contest):
    page = client.get("/en" + nc_contest.get_absolute_url()).content.decode()
    image = meta(page, "property", "og:image")
    assert image.startswith("http://testserver/en/") and "/988/share.png?v=" in image
    assert client.get(image.removeprefix("http://testserver")).status_code == 200


def test_the_image_address_changes_with_the_figures_only(client, nc_contest):
    """Link previews keep an image by its address: the page names a new one when the card
    changes, and the same one while it does not."""
    address = meta(
        client.get(nc_contest.get_absolute_url()).content.decode(), "property", "og:image"
    )
    again = meta(client.get(nc_contest.get_absolute_url()).content.decode(), "property", "og:image")
    assert again == address
    # A figure of the first round: not on the card (it shows the deciding round).
    first = RoundResult.objects.filter(round__contest=nc_contest, round__number=1).first()
    first.votes += 5
    first.save()
    unchanged = meta(
        client.get(nc_contest.get_absolute_url()).content.decode(), "property", "og:image"
    )
    assert unchanged == address
    # A figure of the second round: on the card.
    second = RoundResult.objects.filter(round__contest=nc_contest, round__number=2).first()
    second.votes += 5
    second.save()
    moved = meta(client.get(nc_contest.get_absolute_url()).content.decode(), "property", "og:image")
    assert moved != address and moved.split("?")[0] == address.split("?")[0]
