"""The election-history block of person pages."""

import pytest

from newsroom.people.models import Person

pytestmark = pytest.mark.django_db


def block(client, person: Person) -> str:
    page = client.get(person.get_absolute_url()).content.decode()
    start = page.index('class="person-elections"')
    return page[start : page.index("</section>", start)]


def test_candidate_sees_round_results_and_outcome(client, senate_2023):
    history = block(client, Person.objects.get(name="Robert Xowie"))
    assert "Nouvelle-Calédonie" in history
    assert "259 voix (46,17 % des exprimés)" in history
    assert "307 voix (55,32 % des exprimés)" in history
    assert "élu au second tour" in history


def test_beaten_candidate_is_marked_with_agreement(client, senate_2023):
    assert "battue" in block(client, Person.objects.get(name="Sonia Backès"))


def test_list_member_sees_rank_and_list(client, senate_2023):
    history = block(client, Person.objects.get(name="Frédérique Puissat"))
    assert "n° 2 sur la liste" in history and "Isère au Sénat 2023" in history


def test_winner_without_figures_is_listed(client, senate_2023):
    person = Person.objects.get(name="Sylvie Vermeillet")
    history = block(client, person)
    assert "Jura" in history and "Résultats détaillés non disponibles." in history


def test_person_without_candidacy_has_no_block_and_costs_one_query(
    client, db, django_assert_num_queries
):
    from elections.templatetags.elections_tags import person_election_history

    person = Person.objects.create(name="Ada Martin", slug="ada-martin")
    assert "person-elections" not in client.get(person.get_absolute_url()).content.decode()
    with django_assert_num_queries(1):
        assert person_election_history(person)["entries"] == []


def test_history_query_count_does_not_grow_with_candidacies(
    client, senate_2023, django_assert_max_num_queries
):
    person = Person.objects.get(name="Robert Xowie")
    url = person.get_absolute_url()
    # site, sections, person, contests (+ election, constituency), rounds, candidacies,
    # members, results, official winners, updates, and what the rest of the page reads.
    with django_assert_max_num_queries(14):
        client.get(url)
