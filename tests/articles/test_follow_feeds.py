"""Atom feeds to follow a person, an organisation, a contest or an author: what a reader
finds in them (articles, office changes, race calls, results updates, each dated and
sourced), what never appears, and a write shown at once although the feed is cached."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from elections.services.calls import make_call, withdraw_call
from elections.services.imports import record_update
from newsroom.articles.models import Status
from newsroom.articles.services import publish_article
from newsroom.people.models import EndReason, OrganisationKind
from tests import factories as make
from tests.feeds_validity import ATOM, assert_valid_atom

pytestmark = pytest.mark.django_db
# The page cache neither reads nor stores inside an open transaction (tests/perf/conftest.py):
# the tests of a feed cached, then changed, commit their rows.
cached = pytest.mark.django_db(transaction=True)

HIDDEN = [
    {"status": Status.DRAFT},
    {"published_at": timezone.now() + datetime.timedelta(days=2)},  # scheduled
    {"unpublish_at": timezone.now() - datetime.timedelta(minutes=5)},  # withdrawn
]


def feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return assert_valid_atom(response.content)


def entries(root) -> dict[str, dict]:
    """Each entry by title: its id, dates, summary and links by rel."""
    found = {}
    for entry in root.iter(ATOM + "entry"):
        links = {
            link.get("rel", "alternate"): link.get("href") for link in entry.iter(ATOM + "link")
        }
        found[entry.findtext(ATOM + "title")] = {
            "id": entry.findtext(ATOM + "id"),
            "updated": entry.findtext(ATOM + "updated"),
            "published": entry.findtext(ATOM + "published"),
            "summary": entry.findtext(ATOM + "summary") or "",
            "links": links,
        }
    return found


def titles(root) -> list[str]:
    return [entry.findtext(ATOM + "title") for entry in root.iter(ATOM + "entry")]


@pytest.fixture
def backes(site):
    return make.person(name="Sonia Backès", slug="sonia-backes", gender="female")


# --- A person -------------------------------------------------------------------------------


def test_person_feed_has_the_articles_citing_them_and_their_office_changes(client, backes):
    article = make.article(title="Sonia Backès battue", slug="backes-battue", persons=[backes])
    make.article(title="Sans elle")
    senate = make.organisation(name="Sénat", slug="senat", kind=OrganisationKind.ASSEMBLY)
    office = make.membership(
        backes,
        senate,
        role="Sénatrice",
        area="Nouvelle-Calédonie",
        start_date=datetime.date(2017, 10, 1),
        end_date=datetime.date(2023, 9, 30),
        end_reason=EndReason.DEFEAT,
        source_key="senat:mandat:1",
    )
    root = feed(client, "/personnes/sonia-backes/flux/")
    assert root.findtext(ATOM + "title") == "Newsroom : Sonia Backès"
    assert root.find(ATOM + "author").findtext(ATOM + "name") == "Newsroom"
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links["alternate"] == "http://testserver/personnes/sonia-backes/"
    assert links["self"] == "http://testserver/personnes/sonia-backes/flux/"
    found = entries(root)
    assert "Sans elle" not in found
    cited = found["Sonia Backès battue"]
    assert cited["links"]["alternate"] == "http://testserver" + article.get_absolute_url()
    assert cited["id"] == f"tag:testserver,2023:article/{article.pk}"
    ended = found["Sonia Backès : fin de fonction, Sénatrice, Nouvelle-Calédonie (Sénat)"]
    assert ended["updated"].startswith("2023-09-30T00:00:00")
    assert "30 septembre 2023 (défaite)" in ended["summary"]
    assert "Source : Sénat, data.senat.fr" in ended["summary"]
    assert ended["links"]["via"] == "https://data.senat.fr/"
    assert ended["id"] == f"tag:testserver,2023:office/{office.pk}/end"
    started = found["Sonia Backès : début de fonction, Sénatrice, Nouvelle-Calédonie (Sénat)"]
    assert started["updated"].startswith("2017-10-01T00:00:00")
    # Newest first: the article (an hour ago), the end, the start.
    assert titles(root)[0] == "Sonia Backès battue"
    assert titles(root)[1:] == [
        "Sonia Backès : fin de fonction, Sénatrice, Nouvelle-Calédonie (Sénat)",
        "Sonia Backès : début de fonction, Sénatrice, Nouvelle-Calédonie (Sénat)",
    ]


def test_an_office_a_proclaimed_result_started_names_that_result(client, site):
    from elections.services.offices import sync_offices

    winner = make.person(name="Georges Naturel", slug="georges-naturel")
    election = make.election(name="Sénatoriales", kind="senate", date=datetime.date(2023, 9, 24))
    contest = make.contest(election=election, winners=[(winner, 1, None)])
    sync_offices(contest=contest)
    found = entries(feed(client, "/personnes/georges-naturel/flux/"))
    (started,) = [e for title, e in found.items() if "début de fonction" in title]
    assert "Source : résultat proclamé, Sénatoriales — Nouvelle-Calédonie" in started["summary"]


@pytest.mark.parametrize("hidden", HIDDEN, ids=["draft", "scheduled", "withdrawn"])
def test_person_feed_never_shows_an_unpublished_article(client, backes, hidden):
    make.article(title="Caché", persons=[backes], **hidden)
    assert "Caché" not in titles(feed(client, "/personnes/sonia-backes/flux/"))


@cached
def test_person_feed_shows_a_newly_published_article_at_once(client, backes, editor):
    url = "/personnes/sonia-backes/flux/"
    draft = make.article(title="Backès démissionne", persons=[backes], status=Status.DRAFT)
    assert titles(feed(client, url)) == []
    assert client.get(url)["X-Cache"] == "HIT"
    publish_article(article=draft, by=editor)
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert titles(assert_valid_atom(response.content)) == ["Backès démissionne"]


@cached
def test_person_feed_shows_a_new_office_change_at_once(client, backes):
    url = "/personnes/sonia-backes/flux/"
    office = make.membership(backes, role="Présidente", start_date=datetime.date(2019, 5, 17))
    assert len(titles(feed(client, url))) == 1
    assert client.get(url)["X-Cache"] == "HIT"
    office.end_date, office.end_reason = timezone.localdate(), EndReason.RESIGNATION
    office.save(update_fields=["end_date", "end_reason"])
    found = entries(feed(client, url))
    (ended,) = [e for title, e in found.items() if "fin de fonction" in title]
    assert "(démission)" in ended["summary"]


@cached
def test_a_backdated_office_reaches_a_reader_asking_what_changed_since(client, backes):
    url = "/personnes/sonia-backes/flux/"
    make.membership(backes, role="Présidente", start_date=datetime.date(2019, 5, 17))
    first = client.get(url)
    assert first.status_code == 200
    # An office that began before the newest entry, entered a second later (Last-Modified
    # counts whole seconds).
    time.sleep(1.1)
    make.membership(backes, role="Conseillère", start_date=datetime.date(2015, 3, 1))
    asked = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert asked.status_code == 200
    assert len(titles(assert_valid_atom(asked.content))) == 2


# --- An organisation ------------------------------------------------------------------------


@cached
def test_organisation_feed_has_its_office_changes_and_articles_citing_current_members(
    client, backes
):
    party = make.organisation(name="Les Loyalistes", slug="les-loyalistes")
    former = make.person(name="Ancien Membre")
    make.membership(backes, party, role="Présidente", start_date=datetime.date(2022, 1, 15))
    make.membership(
        former, party, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 6, 1)
    )
    make.article(title="Backès en campagne", persons=[backes])
    make.article(title="L'ancien membre parle", persons=[former])
    make.article(title="Brouillon", persons=[backes], status=Status.DRAFT)
    url = "/organisations/les-loyalistes/flux/"
    found = titles(feed(client, url))
    assert found[0] == "Backès en campagne"
    assert "Sonia Backès : début de fonction, Présidente (Les Loyalistes)" in found
    assert "Ancien Membre : fin de fonction, Membre (Les Loyalistes)" in found
    assert "L'ancien membre parle" not in found  # not a member any more: not on the page
    assert "Brouillon" not in found
    # A new member, and an article citing them, appear at once.
    assert client.get(url)["X-Cache"] == "HIT"
    newcomer = make.person(name="Nouvelle Venue")
    make.membership(newcomer, party, start_date=timezone.localdate())
    assert "Nouvelle Venue : début de fonction, Membre (Les Loyalistes)" in titles(
        feed(client, url)
    )
    assert client.get(url)["X-Cache"] == "HIT"
    make.article(title="La nouvelle venue s'exprime", persons=[newcomer])
    assert titles(feed(client, url))[0] == "La nouvelle venue s'exprime"


# --- A contest ------------------------------------------------------------------------------


@pytest.fixture
def contest(site):
    return make.contest(
        election=make.election(name="Élection test", slug="election-test"),
        code="99",
        name="Circonscription test",
        seats=1,
        candidates=(("Ada Martin", 50, None), ("Léo Petit", 30, None)),
    )


CONTEST_FEED = "/elections/election-test/99/flux/"


def test_contest_feed_has_calls_results_updates_and_articles_with_their_sources(
    client, contest, editor
):
    ada = contest.candidacies.get(person__name="Ada Martin").person
    record_update(
        contest=contest,
        source="Haut-commissariat",
        source_url="https://www.nouvelle-caledonie.gouv.fr/",
    )
    call = make_call(
        contest=contest,
        kind="called",
        winners=[ada],
        source="agency",
        source_detail="AFP",
        by=editor,
    )
    article = make.article(title="Ada Martin élue", contests=[contest])
    make.article(title="Brouillon", contests=[contest], status=Status.DRAFT)
    root = feed(client, CONTEST_FEED)
    assert root.findtext(ATOM + "title") == "Newsroom : Circonscription test — Élection test"
    found = entries(root)
    assert "Brouillon" not in found
    assert found["Ada Martin élue"]["links"]["alternate"].endswith(article.get_absolute_url())
    update = found["Circonscription test : mise à jour des résultats (résultats)"]
    assert "Source : Haut-commissariat" in update["summary"]
    assert update["links"]["via"] == "https://www.nouvelle-caledonie.gouv.fr/"
    assert update["links"]["alternate"] == "http://testserver/elections/election-test/99/"
    called = found["Circonscription test : annoncé par la rédaction (Ada Martin)"]
    assert "Source : agence de presse (" in called["summary"] and "AFP" in called["summary"]
    assert called["id"] == f"tag:testserver,2023:call/{call.pk}"
    assert called["published"] == called["updated"]
    assert "via" not in called["links"]  # a call has no address to give


@cached
def test_contest_feed_shows_a_call_its_withdrawal_and_a_results_update_at_once(
    client, contest, editor
):
    ada = contest.candidacies.get(person__name="Ada Martin").person
    assert titles(feed(client, CONTEST_FEED)) == []
    assert client.get(CONTEST_FEED)["X-Cache"] == "HIT"
    call = make_call(contest=contest, kind="called", winners=[ada], source="agency", by=editor)
    assert titles(feed(client, CONTEST_FEED)) == [
        "Circonscription test : annoncé par la rédaction (Ada Martin)"
    ]
    withdraw_call(call=call, reason="Erreur de saisie.", by=editor)
    withdrawn = entries(feed(client, CONTEST_FEED))
    withdrawal = withdrawn["Circonscription test : annonce retirée (annoncé par la rédaction)"]
    assert "Erreur de saisie." in withdrawal["summary"]
    record_update(contest=contest, source="Préfecture")
    assert titles(feed(client, CONTEST_FEED))[0] == (
        "Circonscription test : mise à jour des résultats (résultats)"
    )
    make.article(title="Nouvel article", contests=[contest], published_at=timezone.now())
    assert titles(feed(client, CONTEST_FEED))[0] == "Nouvel article"


# --- An author ------------------------------------------------------------------------------


@cached
def test_author_feed_lists_only_their_published_articles(client, site, editor):
    hugo = make.person(name="Hugo Ruaud", slug="hugo-ruaud")
    make.article(title="Signé", authors=[hugo])
    make.article(title="Cité seulement", persons=[hugo])
    draft = make.article(title="En cours", authors=[hugo], status=Status.DRAFT)
    url = "/auteur/hugo-ruaud/flux/"
    root = feed(client, url)
    assert titles(root) == ["Signé"]
    entry = root.find(ATOM + "entry")
    assert entry.find(ATOM + "author").findtext(ATOM + "name") == "Hugo Ruaud"
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links["alternate"] == "http://testserver/auteur/hugo-ruaud/"
    assert client.get(url)["X-Cache"] == "HIT"
    publish_article(article=draft, by=editor)
    assert titles(feed(client, url))[0] == "En cours"


def test_author_feed_of_a_person_who_signed_nothing_public_is_404(client, backes):
    make.article(title="En cours", authors=[backes], status=Status.DRAFT)
    assert client.get("/auteur/sonia-backes/flux/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/personnes/inconnue/flux/",
        "/organisations/inconnue/flux/",
        "/elections/inconnue/988/flux/",
        "/elections/election-test/000/flux/",
        "/auteur/inconnu/flux/",
    ],
)
def test_unknown_slug_is_404(client, contest, url):
    assert client.get(url).status_code == 404


def test_feeds_are_bounded_and_newest_first(client, backes):
    make.articles(35, persons=[backes])
    root = feed(client, "/personnes/sonia-backes/flux/")
    updated = [entry.findtext(ATOM + "updated") for entry in root.iter(ATOM + "entry")]
    assert len(updated) == 30
    assert updated == sorted(updated, reverse=True)


# --- The pages announce their feed ----------------------------------------------------------


def test_each_page_links_to_its_feed(client, backes, contest):
    party = make.organisation(name="Les Loyalistes", slug="les-loyalistes")
    make.article(title="Signé", authors=[backes])
    pages = {
        backes.get_absolute_url(): reverse("articles:person_feed", args=["sonia-backes"]),
        party.get_absolute_url(): reverse("articles:organisation_feed", args=["les-loyalistes"]),
        contest.get_absolute_url(): reverse("articles:contest_feed", args=["election-test", "99"]),
        reverse("articles:author", args=["sonia-backes"]): reverse(
            "articles:author_feed", args=["sonia-backes"]
        ),
    }
    for page, feed_url in pages.items():
        html = client.get(page).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html, page
        assert f'href="http://testserver{feed_url}"' in html, page
        link = f'<a class="follow-feed" href="{feed_url}" type="application/atom+xml">'
        assert f"{link}Suivre (flux)</a>" in html, page
