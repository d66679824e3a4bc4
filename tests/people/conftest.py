"""People personas, chained like the domain: organisations, then Sonia Backès in them."""

import datetime

import pytest

from newsroom.people.models import Organisation, OrganisationKind, Person
from tests import factories as make


@pytest.fixture
def party(db) -> Organisation:
    return make.organisation(name="Renaissance", colour="#f2b600")


@pytest.fixture
def ministry(db) -> Organisation:
    government = make.organisation(name="Gouvernement Borne", kind=OrganisationKind.GOVERNMENT)
    return make.organisation(
        name="Ministère de l'Intérieur et des Outre-mer",
        slug="ministere-interieur",
        kind=OrganisationKind.GOVERNMENT,
        parent=government,
    )


@pytest.fixture
def province(db) -> Organisation:
    return make.organisation(name="Province Sud", kind=OrganisationKind.LOCAL_AUTHORITY)


@pytest.fixture
def backes(party, ministry, province) -> Person:
    """Sonia Backès with her two offices of the demo story and her party."""
    person = make.person(
        name="Sonia Backès",
        given_name="Sonia",
        family_name="Backès",
        gender="female",
        birth_date=datetime.date(1976, 5, 21),
    )
    make.membership(
        person,
        ministry,
        role="Secrétaire d'État chargée de la Citoyenneté",
        start_date=datetime.date(2022, 7, 4),
        end_date=datetime.date(2023, 9, 27),
        end_reason="resignation",
        on_behalf_of=party,
    )
    make.membership(
        person,
        province,
        role="Présidente de la province Sud",
        start_date=datetime.date(2019, 5, 17),
    )
    make.membership(person, party, role="Membre")
    return person
