import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from tests import factories as make

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own response


def items(root: ET.Element) -> dict[str, ET.Element]:
    return {item.findtext("link").rsplit("/", 2)[-2]: item for item in root.iter("item")}


def test_site_feed_entries_carry_title_link_summary_authors_dates_and_categories(
    client, site, section
):
    published = timezone.now() - datetime.timedelta(days=2)
    updated = timezone.now() - datetime.timedelta(days=1)
    article = make.article(
        section,
        slug="backes-battue",
        title="Sonia Backès battue & défaite",
        standfirst="Elle perd au second tour.",
        published_at=published,
        updated_at=updated,
        authors=[make.person(name="Guillaume Jacquot"), make.person(name="Hugo Ruaud")],
        topics=[make.topic(name="Sénatoriales 2023")],
    )
    make.article(section, slug="sans-maj")
    root = parse(client.get("/flux/"))
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == "Newsroom : derniers articles"
    entry = items(root)["backes-battue"]
    assert entry.findtext("title") == article.title
    assert entry.findtext("link") == "http://testserver/article/backes-battue/"
    assert entry.findtext("description") == "Elle perd au second tour."
    assert entry.findtext(f"{DC}creator") == "Guillaume Jacquot, Hugo Ruaud"
    assert entry.findtext("pubDate").endswith(published.strftime("%Y %H:%M:%S +0000"))
    assert datetime.datetime.fromisoformat(entry.findtext(f"{DCTERMS}modified")) == updated
    assert [c.text for c in entry.findall("category")] == ["Politique", "Sénatoriales 2023"]
    # Not updated: the modification date is the publication date.
    plain = items(root)["sans-maj"]
    assert plain.findtext(f"{DCTERMS}modified") is not None


def test_section_feed_lists_only_the_section(client, site, section):
    other = make.section(name="Économie")
    make.article(section, slug="politique-1")
    make.article(other, slug="economie-1")
    root = parse(client.get("/flux/rubrique/politique/"))
    assert list(items(root)) == ["politique-1"]
    assert root.find("channel").findtext("link") == "http://testserver/rubrique/politique/"


def test_topic_feed_lists_only_the_topic(client, site, section):
    topic = make.topic(name="Sénatoriales 2023")
    make.article(section, slug="dans-le-dossier", topics=[topic])
    make.article(section, slug="hors-dossier")
    root = parse(client.get("/flux/dossier/senatoriales-2023/"))
    assert list(items(root)) == ["dans-le-dossier"]


def test_unknown_section_or_topic_feed_is_404(client, site):
    assert client.get("/flux/rubrique/inconnue/").status_code == 404
    assert client.get("/flux/dossier/inconnu/").status_code == 404


def test_feeds_are_newest_first_and_bounded(client, site, section, django_assert_num_queries):
    for hours in range(35):
        make.article(section, published_at=timezone.now() - datetime.timedelta(hours=hours + 1))
    # articles (+ section), their authors, their topics (the site name is cached).
    client.get("/flux/")
    with django_assert_num_queries(4):
        root = parse(client.get("/flux/"))
    dates = [parsedate_to_datetime(item.findtext("pubDate")) for item in root.iter("item")]
    assert len(dates) == 30
    assert dates == sorted(dates, reverse=True)


def test_home_links_to_the_site_feed(client, site):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="http://testserver/flux/"' in html


def test_a_control_character_in_a_title_does_not_break_the_feed(client, site, section):
    make.article(
        section,
        title="Titre\x0bavec un caractère de contrôle",
        slug="controle",
        standfirst="Chapô\x01.",
        body="<p>Corps</p>",
    )
    response = client.get("/flux/")
    assert response.status_code == 200
    parse(response)
    assert b"Titreavec un caract" in response.content
