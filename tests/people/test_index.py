import pytest

from newsroom.people import views
from newsroom.people.models import Membership, Person
from tests import factories as make

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def many_people(db):
    """120 senators (B and C names) and one person outside the Sénat."""
    senate = make.organisation(name="Sénat", kind="assembly")
    persons = Person.objects.bulk_create(
        Person(
            name=f"Personne {n:03}",
            slug=f"personne-{n:03}",
            sort_name=f"{'B' if n < 70 else 'C'}ersonne {n:03}",
            initial="B" if n < 70 else "C",
        )
        for n in range(120)
    )
    Membership.objects.bulk_create(
        Membership(person=p, organisation=senate, role="Sénateur") for p in persons
    )
    make.person(name="Hugo Ruaud", family_name="Ruaud")
    return senate


def test_index_lists_people_alphabetically_with_their_offices(client, site, backes):
    response = client.get("/personnes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-title">Personnes</h1>' in html
    assert 'href="/personnes/sonia-backes/"' in html
    assert "Présidente de la province Sud" in html
    assert "(depuis 2019)" in html
    assert response["Vary"].count("HX-Request") == 1


def test_htmx_filter_returns_only_the_list_fragment(client, site, many_people):
    response = client.get("/personnes/?organisation=senat", headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'class="site-header"' not in html
    assert html.lstrip().startswith('<div id="people-list"')
    assert "120 personnes" in html
    assert "Hugo Ruaud" not in html


def test_same_url_without_htmx_returns_the_full_page(client, site, many_people):
    html = client.get("/personnes/?organisation=senat").content.decode()
    assert "<html" in html and 'class="site-header"' in html
    assert '<option value="senat" selected>' in html
    assert 'id="people-list"' in html


def test_boosted_and_history_restore_requests_get_the_full_page(client, site, many_people):
    boosted = client.get("/personnes/", headers={**HTMX, "HX-Boosted": "true"})
    restore = client.get("/personnes/", headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in boosted.content.decode()
    assert "<html" in restore.content.decode()


def test_filter_and_letters_work_as_plain_links(client, site, many_people):
    html = client.get("/personnes/").content.decode()
    assert 'action="/personnes/"' in html and 'hx-push-url="true"' in html
    assert 'href="?lettre=C"' in html
    html = client.get("/personnes/?lettre=C").content.decode()
    assert "50 personnes" in html
    assert "Personne 070" in html and "Personne 069" not in html
    assert '<span class="letters__empty">Z</span>' in html


def test_letter_links_keep_the_organisation_filter(client, site, many_people):
    html = client.get("/personnes/?organisation=senat", headers=HTMX).content.decode()
    assert 'href="?organisation=senat&amp;lettre=B"' in html
    assert 'hx-get="?organisation=senat&amp;lettre=B"' in html


def test_index_is_paginated(client, site, many_people):
    first = client.get("/personnes/").content.decode()
    assert first.count('class="people__row"') == views.PER_PAGE
    assert 'href="?page=2"' in first
    third = client.get("/personnes/?page=3").content.decode()
    assert third.count('class="people__row"') == 121 - 2 * views.PER_PAGE


@pytest.mark.parametrize(
    "query", ["page=4", "page=0", "page=abc", "lettre=%C3%89", "organisation=nope"]
)
def test_bad_page_letter_or_organisation_is_404(client, site, many_people, query):
    assert client.get(f"/personnes/?{query}").status_code == 404


def test_index_query_count_is_fixed(client, site, many_people, django_assert_num_queries):
    client.get("/personnes/")  # warm the site cache
    # organisations for the filter, the Sénat's children, letters present, count, page rows,
    # their memberships, navigation sections
    with django_assert_num_queries(8):
        client.get("/personnes/?organisation=senat&page=2")


def test_index_sorts_accented_names_as_if_unaccented(client, site):
    for name, family in [
        ("Yves Fréville", "Fréville"),
        ("Bernard Frimat", "Frimat"),
        ("Françoise Férat", "Férat"),
        ("Henri Freville", "Freville"),
    ]:
        make.person(name=name, family_name=family, given_name=name.split()[0])
    html = client.get("/personnes/?lettre=F").content.decode()
    names = [name for name in ("Férat", "Henri Freville", "Fréville", "Frimat") if name in html]
    assert sorted(names, key=html.index) == ["Férat", "Henri Freville", "Fréville", "Frimat"]


def test_organisation_without_members_gets_an_empty_list(client, site):
    make.organisation(name="Calédonie ensemble")
    response = client.get("/personnes/?organisation=caledonie-ensemble")
    assert response.status_code == 200
    assert "Aucune personne ne correspond." in response.content.decode()
