"""The demo story's people, as a reader finds them after `seed_demo`."""

import datetime
import json
import re

import pytest

from newsroom.demo import elections as elections_demo
from newsroom.demo import people as demo
from newsroom.people.models import Membership, Person

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(site):
    return demo.load()


def test_demo_is_idempotent(demo_people):
    again = demo.load()
    assert all(" 0 créé(e)s, 0 modifié(e)s" in line for line in again[-3:])
    assert "Sénat : 0 mandats créés, 0 modifiés, 3342 inchangés" in again


def test_frogier_is_the_imported_senator_with_both_mandates_the_second_ended_by_defeat(
    client, demo_people
):
    elections_demo.load()  # the 2023 results end the mandate he lost
    frogier = Person.objects.get(slug="pierre-frogier")
    assert frogier.senat_id == "11010L"
    assert Person.objects.filter(name="Pierre Frogier").count() == 1
    mandates = frogier.memberships.filter(organisation__slug="senat")
    assert [(m.start_date, m.end_date, m.end_reason) for m in mandates] == [
        (D(2017, 10, 2), D(2023, 10, 1), "defeat"),
        (D(2011, 10, 1), D(2017, 10, 1), "end_of_term"),
    ]
    html = client.get("/personnes/?lettre=F&page=2").content.decode()
    assert "Pierre Frogier" in html
    assert 'Sénateur, Nouvelle-Calédonie <span class="meta">(2017–2023)' in html
    assert 'Sénateur, Nouvelle-Calédonie <span class="meta">(2011–2017)' in html


def test_backes_page_shows_her_two_offices_party_and_json_ld(client, demo_people):
    html = client.get("/personnes/sonia-backes/").content.decode()
    assert (
        "Secrétaire d&#x27;État auprès du ministre de l&#x27;Intérieur et des Outre-mer, "
        "chargée de la Citoyenneté" in html
    )
    assert "du 4 juillet 2022 au 27 septembre 2023 — démission" in html
    assert "Présidente de la province Sud" in html and "depuis mai 2019" in html
    assert 'href="/organisations/renaissance/"' in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert data["name"] == "Sonia Backès"
    assert data["jobTitle"] == "Présidente de la province Sud"
    assert "Renaissance" in {a["name"] for a in data["affiliation"]}


def test_flnks_page_lists_xowie(client, demo_people):
    html = client.get("/organisations/flnks/").content.decode()
    assert 'href="/personnes/robert-xowie/"' in html
    assert "Union calédonienne" in html


def test_demo_persons_have_the_birth_dates_the_election_results_use(demo_people):
    births = dict(Person.objects.filter(birth_date__isnull=False).values_list("name", "birth_date"))
    assert births["Sonia Backès"] == D(1976, 5, 21)
    assert births["Robert Xowie"] == D(1962, 8, 29)
    assert births["Georges Naturel"] == D(1955, 11, 21)
    assert births["Pierre Frogier"] == D(1950, 11, 16)
    assert births["Gérard Poadja"] == D(1963, 9, 30)


def test_journalists_belong_to_the_newsroom(demo_people):
    journalists = Membership.objects.filter(organisation__slug="newsroom")
    assert sorted(m.person.name for m in journalists) == ["Guillaume Jacquot", "Hugo Ruaud"]


def test_a_senator_the_sources_call_former_is_not_shown_in_office(client, demo_people):
    elections_demo.load()  # the 2023 results give Joël Guerriau a new mandate
    html = client.get("/personnes/joel-guerriau/").content.decode()
    assert "Aucune fonction en cours connue." in html
    assert "entrée en fonction en octobre 2023, terminée à une date non renseignée" in html
