"""The election map: fill rules, the page and its SVG, the side panel, the table, the search,
the image shown on articles, and their size and query budgets, on the real 2023 data."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from elections.map import (
    HATCH_ID,
    IDLE,
    NEUTRAL,
    PENDING,
    STRIPE_WIDTH,
    Segment,
    fill_for,
    fill_segments,
    fold,
    geometry,
    legend,
    map_rows,
    pattern_id,
    stripes,
)
from elections.models import Contest, OfficialWinner
from newsroom.articles.models import Article, Status
from tests import factories as make

PANEL = {"HX-Request": "true", "HX-Target": "map-panel"}
SEARCH = {"HX-Request": "true", "HX-Target": "map-search-results"}
LR, FLNKS = "#0055a4", "#2e7d32"  # the demo's party colours


def map_url(query: str = "") -> str:
    return reverse("elections:map", kwargs={"slug": "senatoriales-2023"}) + query


def shape_links(html: str) -> dict[str, dict]:
    """The focusable shapes of the SVG (one per renewed constituency), keyed by code."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    svg = re.sub(r'<rect class="map-hit"[^>]*/>', "", svg)  # an inset's whole target
    found = {}
    for match in re.finditer(
        r'<a class="map-shape[^"]*" ([^>]*)>(<path|<rect)[^>]*fill="([^"]+)"', svg
    ):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', match.group(1)))
        if attrs.get("aria-hidden") == "true":
            continue
        found[attrs["data-code"]] = {**attrs, "fill": match.group(3)}
    return found


def idle_names(html: str) -> list[str]:
    svg = html[html.index("<svg") : html.index("</svg>")]
    return [
        unescape(n)
        for n in re.findall(r'class="map-idle"[^>]*role="img" aria-label="([^"]+)"', svg)
    ]


def pattern_colours(html: str, fill: str) -> list[str]:
    pattern_id_ = re.fullmatch(r"url\(#(.+)\)", fill).group(1)
    body = re.search(rf'<pattern id="{pattern_id_}"[^>]*>(.*?)</pattern>', html).group(1)
    return re.findall(r'fill="(#[0-9a-f]{6})"', body)


# --- Pure rules ----------------------------------------------------------------------------


def test_one_party_fills_plainly():
    assert fill_for(fill_segments([LR, LR], 2)) == LR


def test_several_parties_make_proportional_stripes_most_seats_first():
    segments = fill_segments([FLNKS, LR, LR], 3)
    assert segments == (Segment(LR, 2), Segment(FLNKS, 1))
    assert fill_for(segments) == f"url(#{pattern_id(segments)})"
    widths = [float(s["width"]) for s in stripes(segments)]
    assert widths == [
        pytest.approx(STRIPE_WIDTH * 2 / 3, abs=0.01),
        pytest.approx(STRIPE_WIDTH / 3, abs=0.01),
    ]


def test_same_mix_gives_same_pattern_whatever_the_order():
    assert pattern_id(fill_segments([LR, FLNKS], 2)) == pattern_id(fill_segments([FLNKS, LR], 2))


def test_nothing_entered_is_hatched_and_missing_seats_are_a_pending_stripe():
    assert fill_for(fill_segments([], 3)) == f"url(#{HATCH_ID})"
    assert fill_segments([LR], 3) == (Segment(LR, 1), Segment(PENDING, 2))


def test_search_key_ignores_accents_case_and_hyphens():
    assert fold("Nouvelle-Calédonie") == "nouvelle caledonie"
    assert fold("  Évelyne  RENAUD ") == "evelyne renaud"


# --- The page ------------------------------------------------------------------------------


@pytest.fixture
def page(client, senate_2023) -> str:
    response = client.get(map_url())
    assert response.status_code == 200
    return response.content.decode()


def test_map_url_is_the_one_the_resignation_article_links_to(senate_2023):
    assert map_url() == "/elections/senatoriales-2023/carte/"


def test_election_page_links_to_its_map(client, senate_2023):
    html = client.get(senate_2023.get_absolute_url()).content.decode()
    assert f'href="{map_url()}">Voir la carte interactive des élus</a>' in html


def test_svg_has_one_named_shape_per_constituency(page, senate_2023):
    renewed = shape_links(page)
    codes = set(senate_2023.contests.values_list("constituency__code", flat=True))
    assert set(renewed) == codes and len(codes) == 45
    for attrs in renewed.values():
        assert attrs["aria-label"]
    assert renewed["988"]["aria-label"] == "Nouvelle-Calédonie — 2 sièges"
    assert renewed["ZZ"]["aria-label"] == "Français établis hors de France — 6 sièges"
    # Every other outline is named and marked as not renewed, once.
    drawn = {s["code"]: s["name"] for s in geometry()["shapes"]}
    idle = idle_names(page)
    assert len(idle) == len(set(drawn) - codes) == 63
    assert "Ain — non renouvelé en 2023" in idle
    assert all(name.endswith("— non renouvelé en 2023") for name in idle)
    assert page.count(f'fill="{IDLE}"') == 63


def test_svg_numbers_are_not_localised(page):
    """French formats write 712,0: browsers reject it as a length."""
    svg = page[page.index("<svg") : page.index("</svg>")]
    for value in re.findall(r' (?:x|y|width|height)="([^"]*)"', svg):
        float(value)


def test_new_caledonia_is_striped_with_the_colours_of_naturel_and_xowie(page, nc_contest):
    fill = shape_links(page)["988"]["fill"]
    parties = {
        w.person.name: w.party.colour
        for w in nc_contest.official_winners.select_related("person", "party")
    }
    assert parties == {"Georges Naturel": LR, "Robert Xowie": FLNKS}
    assert sorted(pattern_colours(page, fill)) == sorted([LR, FLNKS])


def test_every_shape_is_a_plain_link_to_its_contest_page_without_javascript(page, senate_2023):
    links = shape_links(page)
    for contest in senate_2023.contests.select_related("constituency"):
        attrs = links[contest.constituency.code]
        assert attrs["href"] == contest.get_absolute_url()
        assert attrs["data-hx-get"] == map_url(f"?circonscription={contest.constituency.code}")
    assert 'data-hx-target="#map-panel" data-hx-push-url="true"' in page


def test_ile_de_france_copies_on_the_main_map_are_not_a_second_tab_stop(page):
    paris = re.findall(r'<a class="map-shape[^"]*"[^>]*data-code="75"[^>]*>', page)
    assert len(paris) == 2
    assert sum('tabindex="-1" aria-hidden="true"' in tag for tag in paris) == 1


def test_legend_gives_party_colours_neutral_divers_hatched_and_not_renewed(page):
    legend_html = page[page.index('class="map-legend"') :]
    for text in (
        "Les Républicains",
        "FLNKS",
        "Divers, sans étiquette ou parti sans couleur attribuée",
        "Plusieurs partis : bandes proportionnelles",
        "Renouvelée, résultats non saisis",
        "Non renouvelé en 2023",
    ):
        assert text in legend_html
    assert f"background:{LR}" in legend_html and f"background:{NEUTRAL}" in legend_html


def test_legend_counts_every_seat_once(senate_2023):
    rows = map_rows(senate_2023.contests.for_election_page())
    assert sum(entry["seats"] for entry in legend(rows)) == 170


def test_page_credits_the_geometry_and_the_results(page):
    assert (
        "IGN – ADMIN EXPRESS COG 2018, INSEE; simplification france-geojson (Grégoire David)"
        in page
    )
    assert "Made with Natural Earth" in page
    assert "Licence Ouverte" in page
    assert "Répertoire national des élus" in unescape(page)


def test_renewed_constituency_without_results_is_hatched_and_says_so(client, senate_2023):
    OfficialWinner.objects.filter(contest__constituency__code="37").delete()
    html = client.get(map_url()).content.decode()
    indre = shape_links(html)["37"]
    assert indre["fill"] == f"url(#{HATCH_ID})"
    assert indre["aria-label"] == "Indre-et-Loire — 3 sièges — résultats non saisis"
    row = re.search(r'<tr data-code="37">.*?</tr>', html, re.S).group(0)
    assert "résultats non saisis" in row


def test_page_stays_under_250_kb(page):
    assert len(page.encode()) < 250_000


def test_page_query_count(client, senate_2023, django_assert_num_queries):
    # sections and the site's name (site furniture), election, contests +
    # constituency, official winners (person, party), candidacies (person, party), list
    # members, rounds, results, updates
    Site.objects.get_current()
    with django_assert_num_queries(10):
        assert client.get(map_url()).status_code == 200
    # The same, plus the panel's latest articles and race calls (two, with whom they name).
    with django_assert_num_queries(13):
        assert client.get(map_url("?circonscription=988")).status_code == 200


# --- The side panel ------------------------------------------------------------------------


@pytest.fixture
def articles(db, nc_contest) -> dict[str, Article]:
    now = timezone.now()

    def about(title: str, **fields) -> Article:
        return make.article(title=title, contests=[nc_contest], **fields)

    return {
        "old": about("Naturel élu au premier tour", published_at=now - datetime.timedelta(days=2)),
        "new": about("Xowie entre au Sénat"),
        "draft": about("Brouillon sur le Sénat", status=Status.DRAFT),
        "scheduled": about("Programmé sur le Sénat", published_at=now + datetime.timedelta(days=1)),
    }


def test_panel_fragment_for_new_caledonia(client, articles, nc_contest):
    response = client.get(map_url("?circonscription=988"), headers=PANEL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert len(response.content) < 10_000
    assert "Nouvelle-Calédonie" in html and "2 sièges" in html
    for winner in nc_contest.official_winners.select_related("person"):
        assert f'href="{winner.person.get_absolute_url()}"' in html
    assert "Les Républicains" in html and "FLNKS" in html
    assert "élu au premier tour" in html and "élu au second tour" in html
    assert f'href="{nc_contest.get_absolute_url()}"' in html
    # Latest published articles first; never drafts or scheduled ones.
    assert html.index("Xowie entre au Sénat") < html.index("Naturel élu au premier tour")
    assert "Brouillon" not in html and "Programmé" not in html
    assert response["Vary"].count("HX-Target")


def test_shared_url_renders_the_page_with_the_panel_open(client, articles):
    html = client.get(map_url("?circonscription=988")).content.decode()
    assert "<html" in html
    panel = html[html.index('id="map-panel"') : html.index("</aside>")]
    assert 'data-code="988"' in panel and "Robert Xowie" in panel
    assert re.search(r'<a class="map-shape is-selected"[^>]*data-code="988"', html)


def test_back_button_cache_miss_gets_the_whole_page(client, senate_2023):
    headers = {**PANEL, "HX-History-Restore-Request": "true"}
    assert b"<html" in client.get(map_url("?circonscription=988"), headers=headers).content


def test_closing_the_panel_gets_the_hint(client, senate_2023):
    html = client.get(map_url(), headers=PANEL).content.decode()
    assert "<html" not in html and "Choisissez une circonscription" in html


def test_unknown_constituency_is_404(client, senate_2023):
    assert client.get(map_url("?circonscription=00")).status_code == 404
    assert client.get(map_url("?circonscription=00"), headers=PANEL).status_code == 404


def test_panel_query_count(client, senate_2023, django_assert_num_queries):
    # election, contest + constituency, official winners (person, party), candidacies
    # (person, party), list members, rounds, results, updates, latest articles, race calls
    # and whom they name
    Site.objects.get_current()
    with django_assert_num_queries(11):
        assert client.get(map_url("?circonscription=988"), headers=PANEL).status_code == 200


# --- The table -----------------------------------------------------------------------------


def table_winners(html: str) -> dict[str, set[str]]:
    rows = re.findall(r'<tr data-code="([^"]+)">(.*?)</tr>', html, re.S)
    return {
        code: set(re.findall(r'<a href="/personnes/[^"]+">([^<]+)</a>', row)) for code, row in rows
    }


def test_table_lists_the_same_winners_as_the_map(page, senate_2023):
    table = table_winners(page)
    assert set(table) == set(shape_links(page))
    official: dict[str, set[str]] = {}
    for winner in OfficialWinner.objects.filter(contest__election=senate_2023).select_related(
        "person", "contest__constituency"
    ):
        official.setdefault(winner.contest.constituency.code, set()).add(winner.person.name)
    assert {code: {unescape(n) for n in names} for code, names in table.items()} == official
    assert sum(len(names) for names in official.values()) == 170
    assert {"Georges Naturel", "Robert Xowie"} == table["988"]


def test_table_sorts_by_links(client, senate_2023):
    by_seats = client.get(map_url("?tri=sieges")).content.decode()
    codes = re.findall(r'<tr data-code="([^"]+)">', by_seats)
    assert codes[:2] == ["75", "59"]  # Paris 12 seats, Nord 11
    assert 'aria-sort="descending"><a href="?tri=sieges">' in by_seats
    by_name = client.get(map_url()).content.decode()
    assert re.findall(r'<tr data-code="([^"]+)">', by_name)[0] == "91"  # Essonne


# --- The search ----------------------------------------------------------------------------


def test_search_finds_a_constituency_without_accents(client, senate_2023):
    response = client.get(map_url("?q=caledonie"), headers=SEARCH)
    html = response.content.decode()
    assert "<html" not in html
    assert f'href="{map_url("?circonscription=988")}"' in html and "Nouvelle-Calédonie" in html


def test_search_finds_a_senator_and_links_to_the_panel(client, senate_2023):
    html = client.get(map_url("?q=xowie"), headers=SEARCH).content.decode()
    assert "Robert Xowie" in html
    assert f'hx-get="{map_url("?circonscription=988")}"' in html


def test_search_works_as_a_plain_get_without_javascript(client, senate_2023):
    html = client.get(map_url("?q=Naturel")).content.decode()
    results = html[html.index('id="map-search-results"') : html.index('class="map-table-section"')]
    assert "Georges Naturel" in results
    assert 'value="Naturel"' in html


def test_search_says_when_nothing_matches(client, senate_2023):
    html = client.get(map_url("?q=zzzz"), headers=SEARCH).content.decode()
    assert "Aucune circonscription ni aucun élu ne correspond à « zzzz »" in unescape(html)


def test_search_waits_for_two_letters(client, senate_2023):
    html = client.get(map_url("?q=x"), headers=SEARCH).content.decode()
    assert html.strip() == ""


def test_search_query_count(client, senate_2023, django_assert_num_queries):
    # election, contests + constituency, official winners, candidacies, list members,
    # rounds, results, updates
    Site.objects.get_current()
    with django_assert_num_queries(8):
        assert client.get(map_url("?q=xowie"), headers=SEARCH).status_code == 200


# --- The image on articles -----------------------------------------------------------------


def test_map_image_is_the_same_map_without_links(client, senate_2023):
    response = client.get(reverse("elections:map_image", kwargs={"slug": "senatoriales-2023"}))
    svg = response.content.decode()
    assert response["Content-Type"].startswith("image/svg+xml")
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "<a " not in svg and "hx-get" not in svg
    fill = re.search(r'<path d="[^"]*" fill="(url\(#mix-[^)]+\))"', svg)
    assert fill
    page = client.get(map_url()).content.decode()
    assert sorted(pattern_colours(svg, shape_links(page)["988"]["fill"])) == sorted([LR, FLNKS])
    assert "public" in response["Cache-Control"]


def test_article_linked_to_the_election_shows_the_small_map(client, articles):
    html = client.get(articles["new"].get_absolute_url()).content.decode()
    block = html[html.index('class="article-block mini-map"') :]
    assert f'href="{map_url()}"' in block
    assert 'src="/elections/senatoriales-2023/carte.svg"' in block
    assert "Notre carte interactive des élus" in block


def test_article_without_contest_has_no_small_map(client, articles):
    Contest.objects.get(constituency__code="988").articles.clear()
    html = client.get(articles["new"].get_absolute_url()).content.decode()
    assert "mini-map" not in html
