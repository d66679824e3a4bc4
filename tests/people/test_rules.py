"""The people rules, without a database."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import translation

from newsroom.people import rules

D = datetime.date
TODAY = D(2026, 11, 23)


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    ("gender", "senator", "born"),
    [
        ("female", "Sénatrice", "née"),
        ("male", "Sénateur", "né"),
        ("", "Sénateur", "né"),
    ],
)
def test_labels_agree_with_gender(gender, senator, born):
    assert rules.senator_title(gender) == senator
    assert rules.born_word(gender) == born


def test_secretary_of_state_participle_agrees():
    assert (
        rules.secretary_of_state_title("female", "de la Citoyenneté")
        == "Secrétaire d'État chargée de la Citoyenneté"
    )
    assert (
        rules.secretary_of_state_title(
            "male", "de la Citoyenneté", beside="auprès du ministre de l'Intérieur"
        )
        == "Secrétaire d'État auprès du ministre de l'Intérieur, chargé de la Citoyenneté"
    )


def test_titles_agree_with_gender():
    assert rules.president_title("female", "de la province Sud") == "Présidente de la province Sud"
    assert rules.prime_minister_title("female") == "Première ministre"
    assert rules.prime_minister_title("male") == "Premier ministre"


@pytest.mark.parametrize(
    ("gender", "affiliation", "role"),
    [
        ("female", "Apparenté", "Apparentée"),
        ("male", "Apparenté", "Apparenté"),
        ("female", "Rattaché", "Rattachée"),
        ("female", "", "Membre"),
    ],
)
def test_group_role_agrees_with_gender(gender, affiliation, role):
    assert rules.group_role(gender, affiliation) == role


def test_current_office_is_summed_up_by_month():
    assert rules.period_phrase(D(2022, 7, 4), None, TODAY) == "depuis juillet 2022"


def test_ended_office_with_unknown_start_gives_end_and_reason():
    phrase = rules.period_phrase(None, D(2023, 9, 27), TODAY, "démission")
    assert phrase == "jusqu'au 27 septembre 2023 — démission"


def test_ended_office_gives_both_days():
    phrase = rules.period_phrase(D(2022, 7, 4), D(2023, 9, 27), TODAY, "démission")
    assert phrase == "du 4 juillet 2022 au 27 septembre 2023 — démission"


def test_first_of_the_month_is_written_1er_in_french_only():
    assert rules.long_date(D(2023, 10, 1)) == "1er octobre 2023"
    with translation.override("en"):
        assert rules.long_date(D(2023, 10, 1)) == "1 October 2023"
        assert rules.month_year(D(2022, 7, 4)) == "July 2022"


def test_office_without_dates_says_so():
    assert rules.period_phrase(None, None, TODAY) == "dates non renseignées"


def test_office_ending_in_the_future_is_current_and_says_until_when():
    phrase = rules.period_phrase(D(2023, 10, 2), D(2029, 9, 30), TODAY)
    assert phrase == "depuis octobre 2023, jusqu'au 30 septembre 2029"


def test_office_starting_in_the_future():
    assert rules.period_phrase(D(2027, 1, 2), None, TODAY) == "à partir du 2 janvier 2027"


@pytest.mark.parametrize(
    ("end", "current"),
    [(None, True), (D(2026, 11, 24), True), (TODAY, False), (D(2023, 9, 27), False)],
)
def test_office_is_current_until_its_end_day(end, current):
    assert rules.is_current(end, TODAY) is current


@dataclass
class Office:
    name: str
    start_date: datetime.date | None
    end_date: datetime.date | None


def test_current_offices_come_first_latest_start_first_then_past_latest_end_first():
    offices = [
        Office("senat-2011", D(2011, 10, 1), D(2017, 10, 1)),
        Office("party", None, None),
        Office("province", D(2019, 5, 17), None),
        Office("senat-2017", D(2017, 10, 2), D(2023, 10, 1)),
        Office("senat-2023", D(2023, 10, 2), D(2029, 9, 30)),
    ]
    current, past = rules.split_current_past(offices, TODAY)
    assert [o.name for o in current] == ["senat-2023", "province", "party"]
    assert [o.name for o in past] == ["senat-2017", "senat-2011"]
    timeline = rules.timeline(offices)
    assert [o.name for o in timeline] == [
        "senat-2023",
        "province",
        "senat-2017",
        "senat-2011",
        "party",
    ]


@pytest.mark.parametrize(
    ("start", "end", "years"),
    [
        (D(2011, 10, 1), D(2017, 10, 1), "2011–2017"),
        (D(2023, 10, 2), None, "depuis 2023"),
        (None, D(2023, 10, 1), "jusqu'en 2023"),
        (None, None, ""),
    ],
)
def test_short_period_in_years(start, end, years):
    assert rules.short_period(start, end, TODAY) == years


@pytest.mark.parametrize(
    ("given", "family", "sort_name", "letter"),
    [
        ("Sonia", "Backès", "Backès Sonia", "B"),
        ("Charles", "de Gaulle", "Gaulle (de) Charles", "G"),
        ("Marie-Pierre", "de La Gontrie", "La Gontrie (de) Marie-Pierre", "L"),
        ("Jean", "d'Attilio", "Attilio (d') Jean", "A"),
        ("Jean-Marie", "Le Pen", "Le Pen Jean-Marie", "L"),
        ("Émile", "Écho", "Écho Émile", "E"),
    ],
)
def test_french_particles_are_not_sorted_on(given, family, sort_name, letter):
    assert rules.sort_name(given, family) == sort_name
    assert rules.index_letter(sort_name) == letter


def test_index_letter_of_a_name_without_latin_initial():
    assert rules.index_letter("1er adjoint") == "#"
    assert rules.index_letter("") == "#"


def test_person_json_ld_fields():
    data = rules.person_json_ld(
        name="Sonia Backès",
        url="https://example.org/personnes/sonia-backes/",
        job_titles=["Présidente de la province Sud"],
        affiliations=[("Renaissance", "https://example.org/organisations/renaissance/")],
        wikidata_id="Q123",
        birth_date=D(1976, 5, 21),
    )
    assert data["@type"] == "Person"
    assert data["jobTitle"] == "Présidente de la province Sud"
    assert data["affiliation"][0]["name"] == "Renaissance"
    assert data["sameAs"] == ["https://www.wikidata.org/wiki/Q123"]
    assert data["birthDate"] == "1976-05-21"


def test_life_phrase_agrees():
    assert rules.life_phrase("female", D(1976, 5, 21)) == "née le 21 mai 1976"
    assert (
        rules.life_phrase("male", D(1930, 6, 19), D(2001, 3, 2))
        == "né le 19 juin 1930, mort le 2 mars 2001"
    )


def test_sort_key_ignores_accents_and_case():
    assert rules.sort_key("Fréville Yves") == "freville yves"
    assert sorted(["Frimat", "Fréville", "Freville", "Férat"], key=rules.sort_key) == [
        "Férat",
        "Fréville",
        "Freville",
        "Frimat",
    ]
