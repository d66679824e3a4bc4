import datetime
import json
import re

import pytest
from django.utils import translation

from newsroom.people.models import OrganisationKind
from tests import factories as make

D = datetime.date
pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_person_page_shows_current_roles_then_dated_timeline(client, site, backes):
    response = client.get(backes.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    current = html.index("Fonctions actuelles")
    timeline = html.index("Parcours")
    assert current < html.index("Présidente de la province Sud", current) < timeline
    assert "depuis mai 2019" in html
    assert "du 4 juillet 2022 au 27 septembre 2023 — démission" in html
    assert html.index("Secrétaire d&#x27;État chargée de la Citoyenneté", current) > timeline


def test_person_page_shows_party_with_link(client, site, backes, party):
    html = client.get(backes.get_absolute_url()).content.decode()
    assert "Parti" in html
    assert f'href="{party.get_absolute_url()}"' in html


def test_person_page_json_ld_describes_the_person(client, site, backes):
    backes.wikidata_id = "Q123"
    backes.save()
    data = json_ld(client.get(backes.get_absolute_url()).content.decode())
    assert data["@type"] == "Person"
    assert data["name"] == "Sonia Backès"
    assert data["jobTitle"] == "Présidente de la province Sud"
    assert {a["name"] for a in data["affiliation"]} == {"Renaissance", "Province Sud"}
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q123"]
    assert data["url"] == "http://testserver/personnes/sonia-backes/"


def test_person_page_json_ld_cannot_be_broken_out_of(client, site):
    person = make.person(bio='</script><script>alert("x")</script>')
    html = client.get(person.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html
    assert json_ld(html)["description"] == person.bio


def test_person_without_photo_gets_a_labelled_placeholder(client, site):
    html = client.get(make.person(name="Sonia Backès").get_absolute_url()).content.decode()
    assert 'role="img" aria-label="Pas de photo de Sonia Backès"' in html


def test_person_page_gives_birth_date_with_agreement(client, site):
    person = make.person(gender="female", birth_date=D(1976, 5, 21))
    html = client.get(person.get_absolute_url()).content.decode()
    assert "Née le 21 mai 1976" in html


def test_unknown_person_is_404(client, site):
    assert client.get("/personnes/personne/").status_code == 404


def test_person_page_in_english(client, site, backes):
    with translation.override("en"):
        url = backes.get_absolute_url()
    assert url == "/en/people/sonia-backes/"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "27 September 2023" in html


@pytest.mark.parametrize("count", [2, 30])
def test_person_page_queries_do_not_grow_with_memberships(
    client, site, django_assert_max_num_queries, count
):
    person = make.person()
    party = make.organisation(kind=OrganisationKind.PARTY)
    for number in range(count):
        organisation = make.organisation(
            name=f"Commune {number}", slug=f"commune-{number}", kind="local", parent=party
        )
        make.membership(
            person,
            organisation,
            role="Maire",
            start_date=D(2000 + number % 20, 1, 1),
            on_behalf_of=party,
        )
    client.get(person.get_absolute_url())  # warm the site cache
    # person, memberships (with organisation, parent, party), navigation sections,
    # election history (one query without election data),
    # coverage: articles about the person, articles they signed
    with django_assert_max_num_queries(7):
        response = client.get(person.get_absolute_url())
    assert response.content.decode().count('class="office') >= count
