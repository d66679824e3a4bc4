"""Builders for article tests: each takes keyword overrides (`make_article(status="draft")`)."""

import datetime
import itertools

import pytest
from django.utils import timezone

from elections.models import Constituency, Contest, Election, OfficialWinner, VotingSystem
from newsroom.articles.models import Article, Section, Status, Topic
from newsroom.people.models import Membership, Organisation, Person

_counter = itertools.count(1)

# Many-to-many links a builder sets after the row exists.
ARTICLE_LINKS = ("topics", "persons", "authors", "contests", "further_reading")


@pytest.fixture
def make_topic(db):
    def make(**overrides) -> Topic:
        n = next(_counter)
        fields = {"name": f"Dossier {n}", "slug": f"dossier-{n}"}
        fields.update(overrides)
        return Topic.objects.create(**fields)

    return make


@pytest.fixture
def make_person(db):
    def make(**overrides) -> Person:
        n = next(_counter)
        fields = {"name": f"Personne {n}", "slug": f"personne-{n}", "sort_name": f"Personne {n}"}
        fields.update(overrides)
        return Person.objects.create(**fields)

    return make


@pytest.fixture
def make_article(db):
    """A published article of the "Politique" section, an hour old, unless overridden."""

    def make(**overrides) -> Article:
        n = next(_counter)
        links = {name: overrides.pop(name) for name in ARTICLE_LINKS if name in overrides}
        fields = {
            "title": f"Article {n}",
            "slug": f"article-{n}",
            "standfirst": f"Le chapô de l'article {n}.",
            "body": f"<p>Le corps de l'article {n}.</p>",
            "status": Status.PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(hours=1),
        }
        fields.update(overrides)
        if "section" not in fields:
            fields["section"], _ = Section.objects.get_or_create(
                slug="politique", defaults={"name": "Politique"}
            )
        article = Article.objects.create(**fields)
        for name, values in links.items():
            getattr(article, name).set(values)
        return article

    return make


@pytest.fixture
def make_contest(db, make_person):
    """A two-round majoritarian contest of the 2023 senate election, with its winners.

    `winners` is a list of (person, round, party) triples recorded as officially proclaimed.
    """

    def make(*, code: str = "988", name: str = "Nouvelle-Calédonie", winners=(), **overrides):
        election, _ = Election.objects.get_or_create(
            slug="senatoriales-2023", defaults={"name": "Élections sénatoriales 2023"}
        )
        constituency, _ = Constituency.objects.get_or_create(code=code, defaults={"name": name})
        fields = {"seats": 2, "system": VotingSystem.MAJORITARIAN, "status": "final"}
        fields.update(overrides)
        contest = Contest.objects.create(election=election, constituency=constituency, **fields)
        for position, (person, round_number, party) in enumerate(winners):
            OfficialWinner.objects.create(
                contest=contest, person=person, round=round_number, party=party, position=position
            )
        return contest

    return make


@pytest.fixture
def make_party(db):
    def make(**overrides) -> Organisation:
        n = next(_counter)
        fields = {"name": f"Parti {n}", "slug": f"parti-{n}", "kind": "party", "colour": "#cc0000"}
        fields.update(overrides)
        return Organisation.objects.create(**fields)

    return make


@pytest.fixture
def make_membership(db, make_party):
    def make(person: Person, **overrides) -> Membership:
        fields = {"role": "Sénateur", "start_date": datetime.date(2023, 10, 1)}
        fields.update(overrides)
        fields.setdefault("organisation", make_party())
        return Membership.objects.create(person=person, **fields)

    return make


@pytest.fixture
def article_form():
    """The admin change form's POST data for `article`, as its page would send it, with
    overrides; `publication=False` leaves out the fields only editors have."""

    def data(article, *, publication: bool = True, **overrides) -> dict:
        fields = {
            "base_version": article.version,
            "kicker": article.kicker,
            "title": article.title,
            "slug": article.slug,
            "standfirst": article.standfirst,
            "body": article.body,
            "language": article.language,
            "section": article.section_id,
            "topics": [t.pk for t in article.topics.all()],
            "authors": [p.pk for p in article.authors.all()],
            "persons": [p.pk for p in article.persons.all()],
            "contests": [c.pk for c in article.contests.all()],
            "further_reading": [a.pk for a in article.further_reading.all()],
            "previous": article.previous_id or "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        }
        if publication:
            local = timezone.localtime(article.published_at) if article.published_at else None
            fields |= {
                "status": article.status,
                "published_at_0": f"{local:%Y-%m-%d}" if local else "",
                "published_at_1": f"{local:%H:%M:%S}" if local else "",
                "updated_at_0": "",
                "updated_at_1": "",
            }
        fields.update(overrides)
        return {key: value for key, value in fields.items() if value is not None}

    return data
