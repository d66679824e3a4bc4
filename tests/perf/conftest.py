"""Fixtures for the cache tests.

The page cache neither reads nor stores inside an open transaction, so these tests run
with `transaction=True` (committed rows, `on_commit` run at once) against a cache emptied
before and after each test."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from elections.models import Candidacy, ContestStatus, Round, RoundResult
from tests import factories as make


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def hours_ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def newsroom(site) -> dict:
    """One contest with its results and winner, a person in a party, and two published
    articles on the same topic (so each shows the other in its related block)."""
    section = make.section(name="Politique")
    topic = make.topic(name="Sénatoriales", in_focus=True)
    person = make.person(name="Ada Martin", sort_name="Martin")
    party = make.organisation(name="Parti bleu")
    make.membership(person, party, role="Membre", start_date=datetime.date(2020, 1, 1))
    election = make.election(name="Sénatoriales 2023", date=datetime.date(2023, 9, 24))
    contest = make.contest(
        election=election, seats=1, status=ContestStatus.UPCOMING, winners=[(person, 1, party)]
    )
    round_ = Round.objects.create(
        contest=contest,
        number=1,
        date=election.date,
        registered=500,
        voters=450,
        expressed=400,
        is_final=True,
    )
    candidacy = Candidacy.objects.create(contest=contest, person=person, position=1)
    result = RoundResult.objects.create(round=round_, candidacy=candidacy, votes=251)
    common = {"topics": [topic], "persons": [person], "contests": [contest]}
    first = make.article(
        title="Ada Martin élue", slug="ada-martin-elue", published_at=hours_ago(2), **common
    )
    second = make.article(
        title="Le scrutin en Nouvelle-Calédonie",
        slug="le-scrutin",
        published_at=hours_ago(3),
        **common,
    )
    return {
        "section": section,
        "topic": topic,
        "person": person,
        "contest": contest,
        "result": result,
        "first": first,
        "second": second,
    }
