"""Stored XSS: each payload of the corpus is written into every text a journalist, an
import or a reader can supply, then every page, fragment, feed, sitemap, export and admin
screen showing it is parsed: nothing executable that we did not write comes out."""

import datetime
import json

import pytest
from django.contrib.auth.models import User

from elections.models import Contest
from newsroom.articles.models import Article, ArticleNote, Status
from newsroom.articles.preview import make_token
from newsroom.people.models import Person
from tests import factories as make

from .builders import CONTEST, ELECTION, HX, import_contest
from .html_checks import csv_formula_cells, html_problems, response_problems, xml_problems
from .xss_payloads import PAYLOADS


@pytest.fixture
def world(db, site):
    """Every entry point filled with one payload; returns (payload, article)."""

    def build(payload: str):
        import_contest(payload)
        section = make.section(name=payload, slug="rubrique", description=payload)
        topic = make.topic(name=payload, slug="dossier", description=payload)
        person = make.person(
            name=payload, slug="personne", sort_name=payload, bio=payload, photo_alt=payload
        )
        party = make.organisation(name=payload, slug="parti", acronym=payload[:40])
        make.membership(person, party, role=payload, start_date=datetime.date(2023, 10, 1))
        article = make.article(
            section,
            title=payload,
            slug="article",
            kicker=payload,
            standfirst=payload,
            body=f"<p>{payload}</p>{payload}",
            lead_image_alt=payload,
            lead_image_caption=payload,
            lead_image_credit=payload,
            topics=[topic],
            authors=[person],
            persons=[person],
            contests=Contest.objects.all(),
        )
        ArticleNote.objects.create(article=article, kind="correction", text=payload)
        return article

    return build


def public_urls(payload: str) -> list[tuple[str, dict]]:
    return [
        ("/", {}),
        ("/article/article/", {}),
        ("/rubrique/rubrique/", {}),
        ("/dossier/dossier/", {}),
        ("/auteur/personne/", {}),
        ("/personnes/", {}),
        ("/personnes/personne/", {}),
        ("/organisations/parti/", {}),
        (ELECTION, {}),
        (CONTEST, {}),
        (CONTEST + "resultats/", HX),
        (ELECTION + "carte/", {}),
        (ELECTION + "carte/?circonscription=988", HX),
        (ELECTION + "carte/?" + _query(payload), HX),
        ("/recherche/?" + _query(payload), {}),
        ("/recherche/?" + _query(payload), HX),
        ("/recherche/?" + _query("Robert"), {}),
    ]


def _query(text: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"q": text})


XML_URLS = ["/flux/", "/flux/rubrique/rubrique/", "/flux/dossier/dossier/"]
SITEMAPS = ["/sitemap.xml", "/sitemap-news.xml"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_payload_runs_on_any_public_page_feed_or_export(client, world, payload):
    world(payload)
    problems = {}
    for url, headers in public_urls(payload):
        response = client.get(url, **headers)
        assert response.status_code in {200, 286}, url  # 286: htmx "stop polling"
        found = response_problems(response)
        if found:
            problems[url] = found
    for url in XML_URLS + SITEMAPS:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := xml_problems(response.content.decode()):
            problems[url] = found
    exported = client.get(CONTEST + "resultats.json")
    json.loads(exported.content)  # well-formed whatever the names

    assert problems == {}


@pytest.mark.parametrize("payload", PAYLOADS[::4], ids=range(len(PAYLOADS[::4])))
def test_no_payload_runs_in_the_admin(client, world, payload):
    article = world(payload)
    client.force_login(User.objects.create_superuser("admin", password="x"))  # noqa: S106
    urls = [
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/articles/section/",
        "/admin/articles/topic/",
        "/admin/people/person/",
        f"/admin/people/person/{Person.objects.get(slug='personne').pk}/change/",
        "/admin/people/organisation/",
        "/admin/elections/contest/",
        f"/admin/elections/contest/{Contest.objects.get().pk}/change/",
        "/admin/elections/candidacy/",
    ]
    problems = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if found := response_problems(response):
            problems[url] = found
    # The same article as a draft: the staff preview and the signed preview link.
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT, published_at=None)
    article.refresh_from_db()
    token = make_token(pk=article.pk, secret=article.preview_secret)
    for url in (article.get_absolute_url(), f"/apercu/{token}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        if found := response_problems(response):
            problems[url] = found

    assert problems == {}


def test_the_article_json_ld_survives_a_script_closing_title(client, world):
    world('"}</script><script>alert(1)</script>')

    html = client.get("/article/article/").content.decode()

    assert html_problems(html) == []
    assert html.count("<script>alert") == 0


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p[0] in "=+-@"])
def test_the_results_csv_neutralises_spreadsheet_formulas(client, world, payload):
    world(payload)

    response = client.get(CONTEST + "resultats.csv")

    assert csv_formula_cells(response.content.decode()) == []
