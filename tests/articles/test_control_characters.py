"""A control character pasted into an article: the admin refuses it in a text field and
strips it from the body, and a legacy row holding one never breaks the feeds or sitemaps."""

import xml.dom.minidom
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import User

from newsroom.articles.models import Article, Section, Status, Topic
from newsroom.people.models import Person
from tests import factories as make

pytestmark = pytest.mark.django_db

NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def article_form(section: Section, **overrides) -> dict:
    return {
        "title": "Nouvel article",
        "slug": "nouvel-article",
        "standfirst": "Chapô.",
        "body": "<p>Texte</p>",
        "language": "fr",
        "section": section.pk,
        "status": Status.DRAFT,
        "notes-TOTAL_FORMS": "0",
        "notes-INITIAL_FORMS": "0",
        **overrides,
    }


def test_admin_refuses_a_title_with_a_form_feed(editor_client, section):
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(section, title="Sénatoriales\x0c2023")
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "U+000C" in errors["title"][0]
    assert not Article.objects.exists()


def test_admin_refuses_a_line_separator_in_a_section_name(editor_client):
    response = editor_client.post(
        "/admin/articles/section/add/",
        {"name": "Poli\u2028tique", "slug": "politique", "position": 0, "in_navigation": "on"},
    )
    assert response.status_code == 200
    assert "U+2028" in response.context["adminform"].form.errors["name"][0]
    assert not Section.objects.exists()


def test_admin_strips_control_characters_from_the_body(editor_client, section):
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(section, body="<p>Te\x0cxte&#12;</p>")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get().body == "<p>Texte</p>"


@pytest.fixture
def legacy_rows(site, section):
    """Rows written straight to the database, as an older version or a script would."""
    article = make.article(section, slug="legacy", authors=[make.person()], topics=[make.topic()])
    Article.objects.filter(pk=article.pk).update(
        title="Titre\x0c\u2028avec\x01contrôle", standfirst="Chapô\x0b."
    )
    Section.objects.update(name="Poli\x0ctique", description="Rubrique\x1b.")
    Topic.objects.update(name="Sénatoriales\x0c2023")
    Person.objects.update(name="Guillaume\x0cJacquot")
    return article


def well_formed(response) -> ET.Element:
    assert response.status_code == 200
    xml.dom.minidom.parseString(response.content)  # noqa: S318 - our own response
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def test_news_sitemap_stays_well_formed(client, legacy_rows):
    root = well_formed(client.get("/sitemap-news.xml"))
    assert [title.text for title in root.iter(f"{NEWS}title")] == ["Titreaveccontrôle"]


def test_sitemap_stays_well_formed(client, legacy_rows):
    well_formed(client.get("/sitemap.xml"))


@pytest.mark.parametrize("url", ["/flux/", "/flux/rubrique/politique/", "/flux/dossier/{topic}/"])
def test_feeds_stay_well_formed(client, legacy_rows, url):
    topic = Topic.objects.get()
    root = well_formed(client.get(url.format(topic=topic.slug)))
    item = root.find("channel/item")
    assert item.findtext("title") == "Titreaveccontrôle"
    assert item.findtext("description") == "Chapô."
    assert [c.text for c in item.findall("category")] == ["Politique", "Sénatoriales2023"]
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "GuillaumeJacquot"
