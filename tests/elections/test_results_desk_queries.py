"""Query counts of the contest admin pages and the results grid: pinned, and the same for
New Caledonia (7 candidacies) and a contest of 20 candidacies."""

import datetime

import pytest
from django.urls import reverse

from elections.models import Candidacy, Contest, OfficialWinner, Round, RoundResult
from elections.services import record_update
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowded_contest(nc_contest) -> Contest:
    """20 candidacies in two rounds, in the same election as New Caledonia."""
    contest = make.contest(
        election=nc_contest.election, code="99", name="Test", seats=1, status="provisional"
    )
    rounds = [
        Round.objects.create(
            contest=contest,
            number=n,
            date=datetime.date(2023, 9, 24),
            registered=10_000,
            voters=9_000,
            expressed=8_000,
            is_final=True,
        )
        for n in (1, 2)
    ]
    for i in range(20):
        person = make.person(name=f"Candidat {i}", birth_date=datetime.date(1960, 1, 1 + i))
        substitute = make.person(name=f"Suppléant {i}")
        candidacy = Candidacy.objects.create(
            contest=contest, person=person, substitute=substitute, position=i
        )
        for round_ in rounds:
            RoundResult.objects.create(round=round_, candidacy=candidacy, votes=100 + i)
    # Shaped like New Caledonia apart from the candidacies: a proclaimed winner, a source.
    OfficialWinner.objects.create(contest=contest, person=person, round=2)
    record_update(contest=contest, source="Test")
    return contest


def warm(client, url: str) -> None:
    """First request of the test: fills the content-type and site caches."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("which", ["nc_contest", "crowded_contest"])
def test_results_grid_query_count(request, editor_client, django_assert_num_queries, which):
    contest = request.getfixturevalue(which)
    url = reverse("admin:elections_contest_results", args=[contest.pk, 2])
    warm(editor_client, url)
    # session, user, contest + election + constituency, rounds, candidacies + persons +
    # party, list members + persons, votes, proclaimed winners, updates, race calls (and
    # whom they name: New Caledonia has the demo's two), user and group permissions.
    with django_assert_num_queries(13 if which == "nc_contest" else 12):
        assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("which", ["nc_contest", "crowded_contest"])
def test_contest_change_form_query_count(request, editor_client, django_assert_num_queries, which):
    contest = request.getfixturevalue(which)
    url = reverse("admin:elections_contest_change", args=[contest.pk])
    warm(editor_client, url)
    # session, user, contest + election + constituency, then its prefetches (rounds, votes,
    # candidacies, persons, list members, proclaimed winners, persons), user and group
    # permissions, the four inlines (rounds, candidacies, winners, updates), the election
    # and constituency autocomplete widgets.
    with django_assert_num_queries(18):
        assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("which", ["nc_contest", "crowded_contest"])
def test_contest_changelist_query_count(request, editor_client, django_assert_num_queries, which):
    request.getfixturevalue(which)
    url = reverse("admin:elections_contest_changelist")
    warm(editor_client, url)
    # session, user, user and group permissions, election filter, two counts, the page of
    # contests + election + constituency, rounds, votes, candidacies, persons, list
    # members, persons, proclaimed winners, persons.
    with django_assert_num_queries(16):
        assert editor_client.get(url).status_code == 200
