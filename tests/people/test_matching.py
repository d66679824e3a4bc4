import pytest

from newsroom.people.models import Person
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Backès", "backes", "BACKES", "sonia backès", "Backès, Sonia"])
def test_a_name_is_found_with_or_without_accents_capitals_or_word_order(query):
    backes = make.person(name="Sonia Backès", given_name="Sonia", family_name="Backès")
    make.person(name="Robert Xowie", given_name="Robert", family_name="Xowie")
    assert list(Person.objects.matching(query)) == [backes]


@pytest.mark.parametrize("query", ["", "  ", "!!", "Sonia Xowie"])
def test_nothing_or_no_one_holding_every_word_finds_no_one(query):
    make.person(name="Sonia Backès", given_name="Sonia", family_name="Backès")
    make.person(name="Robert Xowie", given_name="Robert", family_name="Xowie")
    assert list(Person.objects.matching(query)) == []
