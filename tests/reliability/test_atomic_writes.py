"""Every multi-row write is all or nothing: killed half-way (an exception raised from a
function it calls in the middle, after real rows were written), it leaves the database
exactly as it was: same row count in every table, same checksum of every row."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from elections import importers
from elections.services import imports
from newsroom.articles import services as article_services
from newsroom.articles.models import Article, ArticleNote, Status
from newsroom.demo import articles as articles_demo
from newsroom.demo import elections as elections_demo
from newsroom.demo import people as people_demo
from newsroom.people import services as people_services
from newsroom.people.senat import read_roster
from tests import factories as make

from .conftest import snapshot

pytestmark = pytest.mark.django_db
ELECTION = elections_demo.ELECTION
SENAT = people_demo.DATA


class Killed(Exception):
    """The process dies here (a crash, a deploy, an out-of-memory kill)."""


def kill_on_call(monkeypatch, owner, name: str, *, call: int = 2) -> list:
    """Let `owner.name` run `call - 1` times, then raise; returns the list of calls made."""
    real = getattr(owner, name)
    calls = []

    def dying(*args, **kwargs):
        calls.append(name)
        if len(calls) >= call:
            raise Killed(f"killed in {name}, call {len(calls)}")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, dying)
    return calls


@pytest.fixture
def constituencies(db):
    imports.import_constituencies(
        election_name=ELECTION,
        rows=importers.parse_constituencies(
            elections_demo.read("senatoriales-2023-serie1-circonscriptions.csv")
        ),
        date=elections_demo.DATE,
    )


def test_results_import_killed_half_way_writes_nothing(constituencies, monkeypatch):
    contests = importers.parse_results(elections_demo.read("senatoriales-2023-resultats.csv"))
    assert len(contests) > 2
    before = snapshot()
    calls = kill_on_call(monkeypatch, imports, "write_contest", call=3)
    with pytest.raises(Killed):
        imports.import_results(contests=contests, source="Test")
    assert len(calls) == 3  # two contests were fully written before the kill
    assert snapshot() == before


def test_elected_import_killed_half_way_writes_nothing(constituencies, monkeypatch):
    winners = importers.parse_elected(elections_demo.read("senatoriales-2023-elus.csv"))
    before = snapshot()
    calls = kill_on_call(monkeypatch, imports, "write_winners", call=5)
    with pytest.raises(Killed):
        imports.import_elected(election_name=ELECTION, winners=winners, source="Test")
    assert len(calls) == 5
    assert snapshot() == before


def test_senators_import_killed_half_way_writes_nothing(db, monkeypatch):
    roster = read_roster(SENAT / "ODSEN_GENERAL.csv", SENAT / "ODSEN_ELUSEN.csv")
    before = snapshot()
    # Persons and mandates are written; the kill comes with the group memberships.
    calls = kill_on_call(monkeypatch, people_services, "_import_memberships", call=2)
    with pytest.raises(Killed):
        people_services.import_senators(roster=roster)
    assert len(calls) == 2
    assert snapshot() == before


def test_seed_demo_killed_half_way_writes_nothing(db, monkeypatch):
    before = snapshot()
    # People and elections are loaded; the kill comes with the articles.
    calls = kill_on_call(monkeypatch, articles_demo, "load", call=1)
    with pytest.raises(Killed):
        call_command("seed_demo", stdout=io.StringIO())
    assert calls == ["load"]
    assert snapshot() == before


def test_saving_an_article_with_its_notes_killed_half_way_changes_nothing(db, monkeypatch):
    section = make.section(name="Politique")
    topic = make.topic(name="Sénatoriales 2023")
    noted = timezone.now() - datetime.timedelta(days=1)
    article_services.save_article(
        slug="backes-battue",
        title="Sonia Backès battue",
        section=section,
        status=Status.PUBLISHED,
        published_at=noted,
        links={"topics": [topic]},
        notes=[("update", noted, "Première mise à jour.")],
    )
    before = snapshot()
    later = timezone.now()
    calls = kill_on_call(monkeypatch, ArticleNote.objects, "update_or_create", call=2)
    with pytest.raises(Killed):
        article_services.save_article(
            slug="backes-battue",
            title="Titre changé",
            section=section,
            status=Status.PUBLISHED,
            published_at=noted,
            links={"topics": []},
            notes=[
                ("correction", later, "Une correction."),
                ("update", later, "Une seconde mise à jour."),
            ],
        )
    assert len(calls) == 2
    assert snapshot() == before
    article = Article.objects.get(slug="backes-battue")
    assert article.title == "Sonia Backès battue"
    assert list(article.topics.all()) == [topic]
    assert [note.text for note in article.notes.all()] == ["Première mise à jour."]


WORKFLOW = pytest.mark.skipif(
    not hasattr(article_services, "restore_version"),
    reason="the editorial workflow (publish_article, restore_version) is not in this tree",
)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "x")


@pytest.fixture
def two_versions(db):
    """An article saved twice: title and topics differ between the versions."""
    section = make.section(name="Politique")
    first_topic = make.topic(name="Sénatoriales 2023")
    second_topic = make.topic(name="Nouvelle-Calédonie")
    fields = {"section": section, "status": Status.DRAFT}
    article_services.save_article(
        slug="backes", title="Première version", links={"topics": [first_topic]}, **fields
    )
    article, _created = article_services.save_article(
        slug="backes", title="Seconde version", links={"topics": [second_topic]}, **fields
    )
    article.refresh_from_db()
    return article


@WORKFLOW
def test_restoring_a_version_killed_half_way_changes_nothing(two_versions, editor, monkeypatch):
    article = two_versions
    first = article.history.order_by("history_date", "history_id").first()
    before = snapshot()
    # The version is claimed and the links are restored; the kill comes with the save.
    calls = kill_on_call(monkeypatch, article, "save", call=1)
    with pytest.raises(Killed):
        article_services.restore_version(article=article, history_id=first.history_id, by=editor)
    assert calls == ["save"]
    assert snapshot() == before
    article = Article.objects.get(slug="backes")
    assert article.title == "Seconde version"
    assert [topic.slug for topic in article.topics.all()] == ["nouvelle-caledonie"]


@WORKFLOW
def test_publishing_killed_half_way_changes_nothing(two_versions, editor, monkeypatch):
    article = two_versions
    before = snapshot()
    # The version is claimed (one UPDATE); the kill comes with the save.
    calls = kill_on_call(monkeypatch, article, "save", call=1)
    with pytest.raises(Killed):
        article_services.publish_article(article=article, by=editor)
    assert calls == ["save"]
    assert snapshot() == before
    assert Article.objects.get(slug="backes").status == Status.DRAFT
