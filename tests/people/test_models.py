import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from newsroom.people.models import Membership, Person
from newsroom.people.rules import is_current
from tests import factories as make

D = datetime.date
pytestmark = pytest.mark.django_db


def test_membership_ending_before_it_starts_is_refused_by_clean_in_french(party):
    membership = Membership(
        person=make.person(), organisation=party, start_date=D(2023, 1, 1), end_date=D(2022, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert error.value.message_dict["end_date"] == [
        "La fin ne peut pas précéder le début de la fonction."
    ]


def test_membership_ending_before_it_starts_is_refused_by_the_database(party):
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            person=make.person(),
            organisation=party,
            start_date=D(2023, 1, 1),
            end_date=D(2022, 1, 1),
        )


def test_membership_with_unknown_start_or_same_day_end_is_valid(party):
    person = make.person()
    Membership(person=person, organisation=party, end_date=D(2022, 1, 1)).full_clean()
    Membership(
        person=person, organisation=party, start_date=D(2022, 1, 1), end_date=D(2022, 1, 1)
    ).full_clean()


def test_end_reason_needs_an_end_date(party):
    membership = Membership(person=make.person(), organisation=party, end_reason="resignation")
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "end_reason" in error.value.message_dict


def test_death_before_birth_is_refused():
    person = make.person(birth_date=D(1976, 5, 21))
    person.death_date = D(1900, 1, 1)
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "death_date" in error.value.message_dict
    with pytest.raises(IntegrityError):
        person.save()


def test_wikidata_id_must_be_q_and_digits():
    person = make.person(wikidata_id="42")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "Q suivi de chiffres" in error.value.message_dict["wikidata_id"][0]


def test_current_memberships_have_no_end_or_end_later(backes):
    today = D(2026, 11, 23)
    current = Membership.objects.filter(person=backes).current(today)
    past = Membership.objects.filter(person=backes).past(today)
    assert sorted(m.role for m in current) == ["Membre", "Présidente de la province Sud"]
    assert [m.role for m in past] == ["Secrétaire d'État chargée de la Citoyenneté"]


def test_saving_a_person_files_them_under_their_family_name():
    person = make.person(
        name="Charles de Gaulle",
        given_name="Charles",
        family_name="de Gaulle",
    )
    person.refresh_from_db()
    assert (person.sort_name, person.initial) == ("Gaulle (de) Charles", "G")


def test_members_of_a_coalition_include_members_of_its_parties():
    flnks = make.organisation(name="FLNKS", kind="coalition")
    uc = make.organisation(name="Union calédonienne", slug="uc", parent=flnks)
    xowie = make.person(name="Robert Xowie")
    make.membership(xowie, uc, role="Membre")
    assert list(Person.objects.members_of(flnks.with_children())) == [xowie]


def test_current_memberships_are_those_the_timeline_calls_current():
    """The queryset and the rule the person page's timeline applies agree, day by day."""
    today = timezone.localdate()
    person = make.person()
    for days in (None, -1, 0, 1):
        end = None if days is None else today + datetime.timedelta(days=days)
        make.membership(person, role=f"fin {days}", end_date=end)
    current = {m.role for m in Membership.objects.current(today)}
    assert current == {m.role for m in person.memberships.all() if is_current(m.end_date, today)}
    assert current == {"fin None", "fin 1"}
