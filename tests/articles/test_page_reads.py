"""What the article page and the menu read: each link in its order, only what readers may see."""

import datetime

import pytest
from django.utils import timezone

from elections.models import Contest, Election
from newsroom.articles.models import Article, ArticleNote, NoteKind, Section, Status
from newsroom.articles.related import neighbours
from newsroom.articles.views import cited_persons, linked_contests

pytestmark = pytest.mark.django_db


def ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


@pytest.fixture
def linked(
    make_article, make_topic, make_person, make_contest, make_party, make_membership, section
):
    """An article whose links were added out of their display order."""
    topics = [make_topic(name=name) for name in ("Santé", "Défense", "Budget")]
    zoe, adam, marc = (
        make_person(name=name, sort_name=name) for name in ("Zoé Martin", "Adam Bel", "Marc Dupuis")
    )
    make_membership(zoe, role="Sénatrice", start_date=datetime.date(2020, 10, 1))
    make_membership(zoe, role="Maire", start_date=datetime.date(2022, 3, 1), end_date=None)
    make_membership(
        zoe, role="Députée", start_date=datetime.date(2012, 6, 1), end_date=timezone.localdate()
    )
    make_membership(
        adam, role="Conseiller", end_date=timezone.localdate() + datetime.timedelta(days=1)
    )
    party = make_party(name="Renaissance", acronym="RE")
    Election.objects.create(
        name="Élections sénatoriales 2023",
        slug="senatoriales-2023",
        date=datetime.date(2023, 9, 24),
    )
    earlier = Election.objects.create(
        name="Sénatoriales 2020", slug="senatoriales-2020", date=datetime.date(2020, 9, 27)
    )
    contests = [
        make_contest(code="988", winners=[(marc, 2, party), (adam, 1, None)]),
        make_contest(code="13", name="Bouches-du-Rhône"),
        make_contest(code="75", name="Paris"),
    ]
    Contest.objects.filter(pk=contests[2].pk).update(election=earlier)
    picked = [
        make_article(title="ancien", published_at=ago(48)),
        make_article(title="récent", published_at=ago(2)),
        make_article(title="brouillon", status=Status.DRAFT),
        make_article(title="programmé", published_at=timezone.now() + datetime.timedelta(days=1)),
    ]
    article = make_article(
        topics=topics,
        persons=[zoe, adam, marc],
        authors=[marc, adam],
        contests=contests,
        further_reading=picked,
    )
    ArticleNote.objects.create(
        article=article, kind=NoteKind.CORRECTION, noted_at=ago(1), text="Deuxième."
    )
    ArticleNote.objects.create(article=article, kind=NoteKind.UPDATE, noted_at=ago(5), text="Une.")
    return article


def fresh(article: Article) -> Article:
    return Article.objects.for_page().get(pk=article.pk)


def test_persons_carry_their_current_roles_newest_first(linked):
    persons = {p.name: p for p in cited_persons(fresh(linked))}

    zoe = persons["Zoé Martin"]
    assert [m.role for m in zoe.current_memberships] == ["Maire", "Sénatrice"]
    assert zoe.current_memberships[0].organisation.kind == "party"
    adam = persons["Adam Bel"]
    assert [m.role for m in adam.current_memberships] == ["Conseiller"]  # ends tomorrow
    assert persons["Marc Dupuis"].current_memberships == []


def test_contests_carry_election_constituency_and_winners(linked, django_assert_num_queries):
    article = fresh(linked)
    with django_assert_num_queries(2):  # the winners and the race calls of every contest
        contests = linked_contests(article)
    with django_assert_num_queries(0):
        winners = [
            (w.person.name, w.round, w.party and w.party.acronym)
            for w in contests[1].official_winners.all()
        ]
        names = [(c.election.name, c.constituency.name) for c in contests]
    assert winners == [("Marc Dupuis", 2, "RE"), ("Adam Bel", 1, None)]
    assert names[2] == ("Sénatoriales 2020", "Paris")
    assert list(contests[0].official_winners.all()) == []


def test_further_reading_is_public_only_newest_first_with_aware_dates(linked):
    _earlier, _later, picked = neighbours(fresh(linked))

    assert [a.title for a in picked] == ["récent", "ancien"]
    assert all(timezone.is_aware(a.published_at) for a in picked)
    assert picked[0].section.name == "Politique"


def test_navigation_list_is_the_menu_in_its_order(make_section):
    make_section(name="Monde", slug="monde", position=2)
    make_section(name="Économie", slug="economie", position=1)
    make_section(name="Culture", slug="culture", position=1)
    make_section(name="Archives", slug="archives", position=0, in_navigation=False)

    menu = Section.objects.navigation_list()

    assert [s.name for s in menu] == ["Culture", "Économie", "Monde"]
    assert menu == list(Section.objects.for_navigation())


def test_next_publication_is_the_earliest_scheduled_one(make_article):
    now = timezone.now()
    assert Article.objects.next_publication_at(now) is None
    make_article(published_at=now - datetime.timedelta(minutes=1))  # already out
    make_article(status=Status.DRAFT, published_at=now + datetime.timedelta(minutes=2))
    later = make_article(published_at=now + datetime.timedelta(hours=2))
    sooner = make_article(published_at=now + datetime.timedelta(minutes=30))

    upcoming = Article.objects.next_publication_at(now)

    assert upcoming == sooner.published_at and timezone.is_aware(upcoming)
    assert Article.objects.next_publication_at(sooner.published_at) == later.published_at


def test_menu_and_next_publication_are_read_together(
    make_section, make_article, django_assert_num_queries
):
    now = timezone.now()
    make_section(name="Monde", slug="monde", position=2)
    make_section(name="Archives", slug="archives", position=0, in_navigation=False)
    make_article(status=Status.DRAFT, published_at=now + datetime.timedelta(minutes=2))

    with django_assert_num_queries(1):
        menu, upcoming = Section.objects.navigation_and_next_publication(now)
    assert menu == list(Section.objects.for_navigation()) and upcoming is None

    make_article(published_at=now + datetime.timedelta(hours=2))
    sooner = make_article(published_at=now + datetime.timedelta(minutes=30))
    menu, upcoming = Section.objects.navigation_and_next_publication(now)
    assert menu == list(Section.objects.for_navigation())
    assert upcoming == sooner.published_at == Article.objects.next_publication_at(now)
    assert timezone.is_aware(upcoming)
    # With no section in the menu, the next publication is still read.
    Section.objects.update(in_navigation=False)
    assert Section.objects.navigation_and_next_publication(now) == ([], sooner.published_at)


def test_story_comes_with_the_further_reading(make_article):
    first = make_article(title="premier", published_at=ago(30))
    draft = make_article(title="brouillon", previous=first, status=Status.DRAFT)
    article = make_article(title="milieu", previous=draft, published_at=ago(20))
    after = make_article(title="suite", previous=article, published_at=ago(10))
    make_article(title="suite programmée", previous=article, published_at=ago(-5))
    picked = make_article(title="choisi", published_at=ago(40))
    article.further_reading.set([picked, first])

    earlier, later, picked = neighbours(article)

    assert [a.title for a in earlier] == ["premier"]
    assert [a.title for a in later] == ["suite"]
    assert (earlier, later) == ([first], [after])
    assert [a.title for a in picked] == ["premier", "choisi"]
