"""Builders for the people app, chained like the domain: organisation -> person -> membership."""

import datetime

import pytest

from newsroom.people.models import Membership, Organisation, OrganisationKind, Person


@pytest.fixture
def make_organisation(db):
    def make(**overrides) -> Organisation:
        fields = {"name": "Renaissance", "slug": "renaissance", "kind": OrganisationKind.PARTY}
        fields.update(overrides)
        return Organisation.objects.create(**fields)

    return make


@pytest.fixture
def make_person(db):
    def make(**overrides) -> Person:
        fields = {
            "name": "Sonia Backès",
            "given_name": "Sonia",
            "family_name": "Backès",
            "slug": "sonia-backes",
            "gender": "female",
            "birth_date": datetime.date(1976, 5, 21),
        }
        fields.update(overrides)
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_membership(db):
    def make(person: Person, organisation: Organisation, **overrides) -> Membership:
        return Membership.objects.create(person=person, organisation=organisation, **overrides)

    return make


@pytest.fixture
def party(make_organisation) -> Organisation:
    return make_organisation(colour="#f2b600")


@pytest.fixture
def ministry(make_organisation) -> Organisation:
    government = make_organisation(
        name="Gouvernement Borne", slug="gouvernement-borne", kind=OrganisationKind.GOVERNMENT
    )
    return make_organisation(
        name="Ministère de l'Intérieur et des Outre-mer",
        slug="ministere-interieur",
        kind=OrganisationKind.GOVERNMENT,
        parent=government,
    )


@pytest.fixture
def province(make_organisation) -> Organisation:
    return make_organisation(
        name="Province Sud", slug="province-sud", kind=OrganisationKind.LOCAL_AUTHORITY
    )


@pytest.fixture
def backes(make_person, make_membership, party, ministry, province) -> Person:
    """Sonia Backès with her two offices of the demo story and her party."""
    person = make_person()
    make_membership(
        person,
        ministry,
        role="Secrétaire d'État chargée de la Citoyenneté",
        start_date=datetime.date(2022, 7, 4),
        end_date=datetime.date(2023, 9, 27),
        end_reason="resignation",
        on_behalf_of=party,
    )
    make_membership(
        person,
        province,
        role="Présidente de la province Sud",
        start_date=datetime.date(2019, 5, 17),
    )
    make_membership(person, party, role="Membre")
    return person
