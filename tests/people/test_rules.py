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
        ("", "Membre du Sénat", "né"),
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
    term_end: datetime.date | None = None
    ended: bool = False


# --- Terms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "term_end", "today", "current"),
    [
        # A 2017 senate mandate the file still called ongoing: past in 2024.
        (D(2017, 10, 2), D(2023, 10, 1), D(2024, 3, 1), False),
        (D(2017, 10, 2), D(2023, 10, 1), D(2023, 9, 30), True),
        # A 2020 mandate: current in 2024, past once its series was renewed in 2026.
        (D(2020, 10, 1), D(2026, 9, 30), D(2024, 3, 1), True),
        (D(2020, 10, 1), D(2026, 9, 30), D(2026, 9, 30), False),
        # Not started yet: not current.
        (D(2023, 10, 2), D(2029, 9, 30), D(2023, 9, 25), False),
        # No term known: current until an end is recorded (Popolo's definition).
        (None, None, D(2024, 3, 1), True),
    ],
)
def test_an_office_is_current_once_started_and_until_its_term_ends(start, term_end, today, current):
    assert rules.is_current(None, today, start=start, term_end=term_end) is current


def test_a_recorded_end_wins_over_the_term():
    assert rules.stop_date(D(2024, 10, 1), D(2029, 9, 30)) == D(2024, 10, 1)
    # A source dated the end later than the rule would (an extended term): the source wins.
    assert rules.stop_date(D(2004, 4, 30), D(1999, 9, 30)) == D(2004, 4, 30)
    assert rules.stop_date(None, D(2029, 9, 30)) == D(2029, 9, 30)
    assert rules.stop_date(None, None) is None
    # Ended on a day nobody gave: the term's end says nothing of when it stopped.
    assert rules.stop_date(None, D(2029, 9, 30), ended=True) is None
    assert rules.stop_date(D(2024, 10, 1), D(2029, 9, 30), ended=True) == D(2024, 10, 1)
    assert not rules.is_current(D(2024, 10, 1), D(2025, 1, 1), term_end=D(2029, 9, 30))
    assert rules.is_current(D(2004, 4, 30), D(2001, 1, 1), term_end=D(1999, 9, 30))


def test_an_office_entered_by_hand_gets_its_organisation_s_term():
    assert rules.term_end(D(2023, 10, 2), 6, senate=True) == D(2029, 9, 30)
    assert rules.term_end(D(2022, 7, 4), 5) == D(2027, 7, 4)


@pytest.mark.parametrize(
    ("year", "first_day"),
    # As the Sénat's files date the renewals: a Saturday counts, a Sunday does not.
    [
        (2011, D(2011, 10, 1)),
        (2017, D(2017, 10, 2)),
        (2020, D(2020, 10, 1)),
        (2023, D(2023, 10, 2)),
    ],
)
def test_senators_take_their_seats_on_the_first_working_day_of_october(year, first_day):
    assert rules.senate_term_start(year) == first_day


@pytest.mark.parametrize(
    ("start", "renewals", "term_end"),
    [
        # Elected at a renewal: six years, to the eve of the next renewal of the series.
        (D(2017, 10, 2), set(), D(2023, 10, 1)),
        (D(2020, 10, 1), set(), D(2026, 9, 30)),
        (D(2023, 10, 2), set(), D(2029, 9, 30)),
        # The postponed 2021 renewal of the Français de l'étranger ends with its series.
        (D(2021, 10, 1), {2014, 2017, 2020, 2021}, D(2026, 9, 30)),
        # A seat taken during a term ends with its constituency's series.
        (D(2019, 5, 3), {2011, 2017}, D(2023, 10, 1)),
        (D(2023, 3, 1), {2011, 2017, 2023}, D(2023, 10, 1)),
        (D(2018, 7, 2), {2014, 2020}, D(2020, 9, 30)),
        # …unless the constituency has seats in both series: six years is all that is sure.
        (D(2018, 7, 28), {2014, 2017, 2020}, D(2024, 7, 28)),
    ],
)
def test_a_senate_mandate_ends_with_its_series(start, renewals, term_end):
    assert rules.senate_term_end(start, renewals) == term_end


def test_renewal_years_are_read_off_mandates_that_began_on_a_first_day():
    starts = [D(2011, 10, 1), D(2017, 10, 2), D(2019, 5, 3), D(2008, 10, 1)]
    assert rules.senate_renewal_years(starts) == {2011, 2017, 2008}


def test_a_mandate_past_its_term_is_listed_with_the_past_ones():
    offices = [
        Office("senat-2020", D(2020, 10, 1), None, D(2026, 9, 30)),
        Office("senat-2023", D(2023, 10, 2), None, D(2029, 9, 30)),
        Office("upcoming", D(2027, 1, 2), None),
        Office("guerriau-2023", D(2023, 10, 2), None, D(2029, 9, 30), ended=True),
    ]
    current, past = rules.split_current_past(offices, TODAY)
    assert [o.name for o in current] == ["senat-2023"]
    assert [o.name for o in past] == ["senat-2020", "guerriau-2023"]


def test_an_office_ended_on_an_unknown_day_says_so():
    assert (
        rules.period_phrase(D(2023, 10, 2), None, TODAY, ended=True)
        == "entrée en fonction en octobre 2023, terminée à une date non renseignée"
    )
    assert rules.short_period(D(2023, 10, 2), None, TODAY, ended=True) == "2023, terminée"
    assert not rules.is_current(None, TODAY, start=D(2023, 10, 2), ended=True)


@pytest.mark.parametrize(
    ("role", "gender", "disagrees"),
    [
        ("Sénateur", "female", True),
        ("Sénatrice", "male", True),
        ("Sénatrice", "female", False),
        ("Membre du Sénat", "female", False),
        ("Secrétaire d'État auprès du ministre, chargée de la Citoyenneté", "female", False),
        ("Président de la République", "male", False),
        ("Présidente de la province Sud", "male", True),
        ("Sénateur", "", False),
    ],
)
def test_a_title_in_the_other_gender_is_found(role, gender, disagrees):
    assert rules.gender_disagrees(role, gender) is disagrees


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
