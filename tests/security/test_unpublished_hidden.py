"""Drafts, articles in review and scheduled articles reach no public URL: not the pages
of the persons, parties and contests they are linked to, not the map panel, the feeds,
the sitemaps, search, nor the contest's JSON and CSV exports."""

import datetime
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from elections.models import Contest
from newsroom.articles.models import Article, Status
from newsroom.people.models import Organisation, Person
from tests import factories as make

from .builders import CONTEST, ELECTION, HX, import_contest

SECRET = "Zorglub-embargo"
# Searched for instead of SECRET, which the search page would echo back.
BODY_WORD = "Marsupilami"


@pytest.fixture
def hidden(db, site):
    import_contest("Georges Naturel")
    person = Person.objects.get(name="Robert Xowie")
    now = timezone.now()
    versions = {
        "draft": {"status": Status.DRAFT, "published_at": None},
        "review": {"status": Status.REVIEW, "published_at": None},
        "scheduled": {
            "status": Status.PUBLISHED,
            "published_at": now + datetime.timedelta(days=1),
        },
    }
    for slug, fields in versions.items():
        make.article(
            title=f"{SECRET} {slug}",
            slug=f"{SECRET.lower()}-{slug}",
            standfirst=SECRET,
            body=f"<p>{BODY_WORD} {SECRET}</p>",
            persons=[person],
            authors=[person],
            contests=Contest.objects.all(),
            **fields,
        )
    return person


def public_answers(client, person: Person):
    party = Organisation.objects.order_by("pk").first()
    search = "/recherche/?" + urlencode({"q": BODY_WORD})
    for url, headers in [
        ("/", {}),
        ("/rubrique/politique/", {}),
        (person.get_absolute_url(), {}),
        (party.get_absolute_url(), {}),
        (f"/auteur/{person.slug}/", {}),
        (ELECTION, {}),
        (CONTEST, {}),
        (CONTEST + "resultats/", HX),
        (CONTEST + "resultats.json", {}),
        (CONTEST + "resultats.csv", {}),
        (ELECTION + "carte/?circonscription=988", {}),
        (ELECTION + "carte/?circonscription=988", HX),
        (search, {}),
        (search, HX),
        ("/flux/", {}),
        ("/flux/rubrique/politique/", {}),
        ("/sitemap.xml", {}),
        ("/sitemap-news.xml", {}),
    ]:
        yield url, client.get(url, **headers)


def test_unpublished_articles_appear_on_no_public_page_feed_or_export(client, hidden):
    leaks = {}
    for url, response in public_answers(client, hidden):
        if response.status_code >= 400:
            continue  # an author page with nothing public may well be a 404
        if SECRET.lower() in response.content.decode().lower():
            leaks[url] = response.status_code

    assert leaks == {}


def test_unpublished_articles_have_no_public_address(client, hidden):
    for article in Article.objects.all():
        assert client.get(article.get_absolute_url()).status_code == 404


def test_a_published_twin_does_appear_where_they_do_not(client, hidden):
    article = Article.objects.get(slug__endswith="draft")
    article.status, article.published_at = Status.PUBLISHED, timezone.now()
    article.save()

    seen = {
        url
        for url, response in public_answers(client, hidden)
        if SECRET.lower() in response.content.decode().lower()
    }

    assert {"/", "/flux/", "/sitemap.xml", hidden.get_absolute_url()} <= seen
    assert any(url.startswith("/recherche/") for url in seen)
