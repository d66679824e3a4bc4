"""Fixtures for the cache tests.

The page cache neither reads nor stores inside an open transaction, so these tests run
with `transaction=True` (committed rows, `on_commit` run at once) against a cache emptied
before and after each test."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from elections.models import (
    Candidacy,
    Constituency,
    Contest,
    Election,
    OfficialWinner,
    Round,
    RoundResult,
)
from newsroom.articles.models import Article, Section, Status, Topic
from newsroom.people.models import Membership, Organisation, Person


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def make_article(**overrides) -> Article:
    links = {name: overrides.pop(name, []) for name in ("topics", "persons", "contests")}
    fields = {
        "standfirst": "Un chapô.",
        "body": "<p>Le corps.</p>",
        "section": Section.objects.get(slug="politique"),
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=2),
    }
    fields.update(overrides)
    article = Article.objects.create(**fields)
    for name, values in links.items():
        getattr(article, name).set(values)
    return article


@pytest.fixture
def newsroom(site) -> dict:
    """One contest with its results and winner, a person in a party, and two published
    articles on the same topic (so each shows the other in its related block)."""
    section = Section.objects.create(name="Politique", slug="politique", position=0)
    topic = Topic.objects.create(name="Sénatoriales", slug="senatoriales", in_focus=True)
    person = Person.objects.create(name="Ada Martin", slug="ada-martin", sort_name="Martin")
    party = Organisation.objects.create(name="Parti bleu", slug="parti-bleu", kind="party")
    Membership.objects.create(
        person=person, organisation=party, role="Membre", start_date=datetime.date(2020, 1, 1)
    )
    election = Election.objects.create(
        name="Sénatoriales 2023", slug="senatoriales-2023", date=datetime.date(2023, 9, 24)
    )
    constituency = Constituency.objects.create(code="988", name="Nouvelle-Calédonie")
    contest = Contest.objects.create(
        election=election, constituency=constituency, seats=1, system="majoritarian"
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
    OfficialWinner.objects.create(contest=contest, person=person, round=1, party=party)
    common = {"topics": [topic], "persons": [person], "contests": [contest]}
    first = make_article(title="Ada Martin élue", slug="ada-martin-elue", **common)
    second = make_article(
        title="Le scrutin en Nouvelle-Calédonie",
        slug="le-scrutin",
        published_at=timezone.now() - datetime.timedelta(hours=3),
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
