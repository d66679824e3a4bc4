"""The "Done when" checks on the real 2023 data: every contest is loaded, and where the full
figures are known the rules elect exactly the proclaimed winners."""

import csv

import pytest
from django.urls import reverse

from elections.models import Contest
from elections.outcome import compute

from .conftest import DATA

pytestmark = pytest.mark.django_db


def test_all_45_constituencies_and_170_winners_are_loaded(senate_2023):
    contests = senate_2023.contests.all()
    assert contests.count() == 45
    assert sum(c.seats for c in contests) == 170
    assert sum(c.official_winners.count() for c in contests) == 170


def test_every_contest_with_full_figures_elects_the_official_winners(senate_2023):
    with_figures = Contest.objects.for_page().filter(rounds__isnull=False).distinct()
    assert sorted(c.constituency.code for c in with_figures) == [
        "38",
        "48",
        "54",
        "974",
        "975",
        "988",
    ]
    for contest in with_figures:
        outcome = compute(contest)
        assert outcome.complete, contest
        assert {seat.person.pk for seat in outcome.seats} == outcome.official_person_ids, contest
        assert not outcome.mismatch


def test_list_seats_match_the_official_seats_per_list(senate_2023):
    with open(DATA / "senatoriales-2023-sieges-par-liste.csv", encoding="utf-8") as file:
        official = {
            (r["constituency_code"], r["list"]): int(r["seats_won"]) for r in csv.DictReader(file)
        }
    computed = {}
    for contest in Contest.objects.for_page().filter(system="proportional", rounds__isnull=False):
        outcome = compute(contest)
        for candidacy in contest.candidacies.all():
            computed[(contest.constituency.code, candidacy.list_name)] = outcome.seats_of(candidacy)
    assert computed == official


def test_new_caledonia_page_shows_both_rounds_and_who_won(client, nc_contest):
    first = client.get(nc_contest.get_absolute_url() + "?tour=1").content.decode()
    for figure in ("578", "573", "561", "351", "259", "225", "180", "62,57"):
        assert figure in first
    assert "élu au premier tour" in first
    assert "seul leur total est connu" in first
    assert "Chaque bulletin porte jusqu’à 2 noms" in first
    second = client.get(nc_contest.get_absolute_url() + "?tour=2").content.decode()
    for figure in ("569", "555", "307", "246"):
        assert figure in second
    assert "Georges Naturel" in second and "élu au premier tour" in second
    assert "Robert Xowie" in second and "élu au second tour" in second
    assert "battue" in second  # Sonia Backès
    assert "Source :" in second and "La 1ère" in second
    # One seat was left for round 2: each ballot named one candidate, no note to make.
    assert "Chaque bulletin porte" not in second
    # Final results: the source's own date, and apart from it when the newsroom changed them.
    assert 'résultats définitifs du <time datetime="2023-09-24">24 septembre 2023</time>' in second
    assert "Dernière modification de ces données par la rédaction" in second
    assert "mis à jour le" not in second


def test_new_caledonia_losers_are_marked_beaten(client, nc_contest):
    first = client.get(nc_contest.get_absolute_url() + "?tour=1").content.decode()
    frogier = first[first.index("Pierre Frogier</a>") :]
    assert "battu" in frogier[: frogier.index("</tr>")]
    backes = first[first.index("Sonia Backès</a>") :]
    assert "battue" in backes[: backes.index("</tr>")]


def test_new_caledonia_json_says_the_same(client, nc_contest):
    data = client.get(reverse("elections:contest_json", args=["senatoriales-2023", "988"])).json()
    first, second = data["rounds"]
    assert (first["registered"], first["voters"], first["expressed"]) == (578, 573, 561)
    assert (first["blank"], first["null"]) == (None, None)
    assert (second["voters"], second["expressed"]) == (569, 555)
    results = {r["candidate"]: r for r in first["results"]}
    assert results["Georges Naturel"]["votes"] == 351 and results["Georges Naturel"]["elected"]
    assert results["Sonia Backès"]["elected"] is False
    assert results["Pierre Frogier"]["elected"] is False
    results = {r["candidate"]: r for r in second["results"]}
    assert results["Robert Xowie"]["elected"] and results["Robert Xowie"]["votes"] == 307
    assert results["Sonia Backès"]["elected"] is False
    assert data["elected"] == [
        {"name": "Georges Naturel", "round": 1, "rule": "absolute_majority"},
        {"name": "Robert Xowie", "round": 2, "rule": "relative_majority"},
    ]


def test_contest_without_figures_shows_winners_source_and_says_so(client, senate_2023):
    page = client.get("/elections/senatoriales-2023/39/").content.decode()
    assert "Élus proclamés" in page
    assert "ne sont pas disponibles" in page
    assert "Répertoire national des élus" in page


def test_demo_load_is_idempotent(senate_2023):
    from newsroom.demo import elections as demo

    lines = demo.load()
    assert all("Aucun changement" in line for line in lines)
