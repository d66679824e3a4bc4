"""Contest and election pages, their downloads and the sitemap, on the real 2023 data."""

import csv
import io

import pytest
from django.urls import reverse

from elections import importers, services
from elections.models import Contest, OfficialWinner
from newsroom.people.models import Person
from tests import factories as make

pytestmark = pytest.mark.django_db

SLUG = "senatoriales-2023"


def url(name: str, code: str = "988") -> str:
    return reverse(f"elections:{name}", args=[SLUG, code])


def test_contest_url_is_french_at_the_root(nc_contest):
    assert nc_contest.get_absolute_url() == "/elections/senatoriales-2023/988/"
    assert url("contest_results") == "/elections/senatoriales-2023/988/resultats/"


def test_page_advertises_json_and_csv(client, nc_contest):
    page = client.get(nc_contest.get_absolute_url()).content.decode()
    assert f'<link rel="alternate" type="application/json" href="{url("contest_json")}"' in page
    assert f'<link rel="alternate" type="text/csv" href="{url("contest_csv")}"' in page


def test_json_has_exactly_the_documented_shape(client, nc_contest):
    data = client.get(url("contest_json")).json()
    assert set(data) == {
        "election",
        "constituency",
        "seats",
        "system",
        "status",
        "call",
        "caveats",
        "rounds",
        "elected",
    }
    assert data["caveats"] == []
    # The demo's archived calls: announced on the AFP's word, then proclaimed, on a day
    # whose minute is not known.
    assert data["call"]["state"] == "proclaimed"
    assert data["call"]["label"] == "proclamé le 24 septembre 2023"
    assert [entry["kind"] for entry in data["call"]["timeline"]] == ["called", "proclaimed"]
    assert set(data["call"]["timeline"][0]) == {
        "kind",
        "at",
        "time_known",
        "by",
        "source",
        "source_detail",
        "note",
        "winners",
        "against_figures",
        "withdrawn_at",
        "withdrawal_reason",
    }
    assert data["call"]["timeline"][0]["time_known"] is False
    assert data["call"]["timeline"][0]["source_detail"] == "AFP"
    assert data["election"] == {"name": "Élections sénatoriales 2023", "slug": SLUG}
    assert data["constituency"] == {"code": "988", "name": "Nouvelle-Calédonie"}
    assert (data["seats"], data["system"], data["status"]) == (2, "majoritarian", "final")
    round_ = data["rounds"][0]
    assert set(round_) == {
        "number",
        "date",
        "registered",
        "voters",
        "blank",
        "null",
        "expressed",
        "results",
    }
    assert set(round_["results"][0]) == {
        "candidate",
        "party",
        "votes",
        "share_expressed",
        "elected",
        "seats",
        "members",
    }
    assert round_["results"][0]["share_expressed"] == 62.57
    assert set(data["elected"][0]) == {"name", "round", "rule"}


def test_json_of_a_list_contest_gives_members_and_seats(client, senate_2023):
    data = client.get(url("contest_json", "38")).json()
    first = data["rounds"][0]["results"][0]
    assert first["candidate"] == "L'Isère au Sénat 2023"
    assert first["seats"] == 3 and first["elected"] is True
    assert first["members"][:3] == ["Michel Savin", "Frédérique Puissat", "Damien Michallet"]
    assert [e["rule"] for e in data["elected"]] == ["highest_average"] * 5


def test_csv_download_is_the_import_format_and_reimports_without_change(client, nc_contest):
    response = client.get(url("contest_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 10
    assert rows[0]["candidate"] == "Georges Naturel" and rows[0]["elected"] == "yes"
    report = services.import_results(contests=importers.parse_results(text), source="Test")
    assert not report.changed


def test_list_contest_shows_the_quotient_table(client, senate_2023):
    page = client.get(url("contest", "38")).content.decode()
    assert "Le calcul des sièges (plus forte moyenne)" in page
    assert "<strong>607,50</strong>" in page  # Savin list, 2nd quotient, won a seat
    assert "Blancs" in page and "Nuls" in page and "seul leur total" not in page


def test_readers_see_the_official_outcome_when_it_differs(client, nc_contest):
    frogier = Person.objects.get(name="Pierre Frogier")
    OfficialWinner.objects.filter(contest=nc_contest, person__name="Robert Xowie").update(
        person=frogier, round=2
    )
    contest = Contest.objects.for_page().get(pk=nc_contest.pk)
    from elections.outcome import compute

    assert compute(contest).mismatch
    page = client.get(nc_contest.get_absolute_url()).content.decode()
    winners = page[page.index("Élus proclamés") : page.index("</section>")]
    assert "Pierre Frogier" in winners and "Robert Xowie" not in winners
    # …and are told the figures shown elect someone else.
    assert "Avertissement :" in page
    assert "Les élus proclamés ne sont pas ceux que donnent les règles de décompte" in page
    caveats = client.get(url("contest_json")).json()["caveats"]
    assert len(caveats) == 1 and "règles de décompte" in caveats[0]


def test_unknown_contest_is_404(client, senate_2023):
    assert client.get("/elections/senatoriales-2023/000/").status_code == 404


def test_election_page_shows_seats_by_party_and_every_contest(client, senate_2023):
    page = client.get(senate_2023.get_absolute_url()).content.decode()
    assert "170 sièges à pourvoir" in page
    assert "<svg" in page and "Sièges gagnés par parti" in page
    assert page.count('class="party-dot"') >= 170
    assert "/elections/senatoriales-2023/988/" in page
    assert "Georges Naturel" in page and "Robert Xowie" in page
    assert "Sources :" in page


def test_sitemap_lists_the_election_and_every_contest(client, senate_2023):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/elections/senatoriales-2023/</loc>" in sitemap
    assert "/elections/senatoriales-2023/carte/</loc>" in sitemap
    # The election, its map and its 45 contests.
    assert sitemap.count("/elections/senatoriales-2023/") == 47


def test_contest_page_query_count(client, nc_contest, django_assert_num_queries):
    # site, sections, contest + election + constituency, rounds, candidacies (person,
    # substitute, party), list members, results, official winners, updates, the offices
    # the proclamation ended (none here: the roster is not loaded; else 2 more, the
    # outgoing holders' parties and camps), the articles about it, the race calls (who
    # made them) and the persons they name
    page = nc_contest.get_absolute_url()
    with django_assert_num_queries(13):
        assert client.get(page).status_code == 200


def test_list_contest_page_query_count(client, senate_2023, django_assert_num_queries):
    page = url("contest", "38")
    # As the majoritarian contest page above: 12 with the articles about it (no race
    # call: nobody to read for them).
    with django_assert_num_queries(12):
        assert client.get(page).status_code == 200


def test_election_page_query_count(client, senate_2023, django_assert_num_queries):
    # site, sections, election, contests + constituency, official winners (person, party),
    # candidacies (person, party), list members, rounds, results, updates, the offices
    # the proclamations ended (gains and holds)
    page = senate_2023.get_absolute_url()
    with django_assert_num_queries(11):
        assert client.get(page).status_code == 200


@pytest.mark.parametrize(
    ("headers", "whole_page"),
    [
        ({"HX-Request": "true"}, False),  # a round tab: the results alone
        ({"HX-Request": "true", "HX-Boosted": "true"}, True),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, True),
    ],
)
def test_round_tabs_swap_the_results_but_history_restores_get_the_page(
    client, nc_contest, headers, whole_page
):
    html = client.get(nc_contest.get_absolute_url() + "?tour=2", headers=headers).content
    assert (b"<html" in html) is whole_page
    assert "Robert Xowie" in html.decode()


def test_contest_page_lists_the_published_articles_about_it_newest_first(client, nc_contest):
    section = make.section()
    older = make.article(section, slug="battue", title="Backès battue", contests=[nc_contest])
    linked = {"contests": [nc_contest]}
    newer = make.article(section, slug="demission", title="Backès démissionne", **linked)
    make.article(section, slug="brouillon", title="Brouillon", status="draft", **linked)
    html = client.get(nc_contest.get_absolute_url()).content.decode()
    block = html.split('id="contest-articles-title"', 1)[1].split("</section>", 1)[0]
    assert block.index(newer.get_absolute_url()) < block.index(older.get_absolute_url())
    assert "Brouillon" not in block
