import datetime

import pytest

from tests import factories as make

pytestmark = pytest.mark.django_db


def test_organisation_page_shows_kind_swatch_and_current_members(client, site, backes, party):
    html = client.get(party.get_absolute_url()).content.decode()
    assert '<h1 class="page-title">Renaissance' in html
    assert "Parti" in html
    assert "--swatch: #f2b600" in html
    assert 'href="/personnes/sonia-backes/"' in html


def test_coalition_page_lists_members_of_its_parties(client, site):
    flnks = make.organisation(name="FLNKS", kind="coalition", colour="#2e7d32")
    uc = make.organisation(name="Union calédonienne", slug="uc", parent=flnks)
    make.membership(make.person(name="Robert Xowie"), uc, role="Membre")
    html = client.get(flnks.get_absolute_url()).content.decode()
    assert 'href="/organisations/uc/"' in html  # child
    assert "Robert Xowie" in html
    child = client.get(uc.get_absolute_url()).content.decode()
    assert 'href="/organisations/flnks/"' in child  # parent


def test_organisation_page_leaves_out_former_members(client, site, backes, ministry):
    html = client.get(ministry.get_absolute_url()).content.decode()
    assert "Sonia Backès" not in html
    assert "Aucun membre actuel connu." in html


def test_organisation_page_query_count(client, site, django_assert_num_queries):
    senate = make.organisation(name="Sénat", kind="assembly")
    for n in range(20):
        person = make.person(name=f"Sénateur {n}")
        make.membership(person, senate, role="Sénateur", start_date=datetime.date(2020, 10, 1))
    client.get(senate.get_absolute_url())
    # organisation with parent, children, current memberships with persons, navigation
    with django_assert_num_queries(5):
        client.get(senate.get_absolute_url())


def test_unknown_organisation_is_404(client, site):
    assert client.get("/organisations/nope/").status_code == 404
