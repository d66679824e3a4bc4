import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests import factories as make

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def urls(response) -> dict[str, ET.Element]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{SM}urlset"
    return {url.findtext(f"{SM}loc"): url for url in root.iter(f"{SM}url")}


def test_sitemap_lists_articles_with_lastmod_sections_topics_and_authors(client, site, section):
    updated = timezone.now() - datetime.timedelta(hours=2)
    make.article(
        section,
        slug="backes-battue",
        updated_at=updated,
        topics=[make.topic(name="Sénatoriales 2023")],
        authors=[make.person(name="Guillaume Jacquot")],
    )
    make.article(section, slug="sans-maj", published_at=timezone.now() - datetime.timedelta(days=3))
    make.topic(name="Vide")
    make.person(name="Sans article")
    found = urls(client.get("/sitemap.xml"))
    base = "http://testserver"
    assert found[f"{base}/article/backes-battue/"].findtext(f"{SM}lastmod") == (
        timezone.localtime(updated).date().isoformat()
    )
    assert found[f"{base}/article/sans-maj/"].findtext(f"{SM}lastmod")
    assert f"{base}/rubrique/politique/" in found
    # An article once, at its page in its own language; listings in both interfaces.
    assert f"{base}/en/article/backes-battue/" not in found
    assert found[f"{base}/article/backes-battue/"].findall(f"{XHTML}link") == []
    alternates = found[f"{base}/rubrique/politique/"].findall(f"{XHTML}link")
    assert {link.get("hreflang") for link in alternates} == {"fr", "en", "x-default"}
    assert f"{base}/dossier/senatoriales-2023/" in found
    assert f"{base}/auteur/guillaume-jacquot/" in found
    # Listing pages without public articles are left out (an author page would be a 404).
    assert f"{base}/dossier/vide/" not in found
    assert f"{base}/auteur/sans-article/" not in found


def test_news_sitemap_has_the_last_48_hours_with_news_elements(client, site, section):
    recent = make.article(
        section,
        slug="recent",
        title="Sonia Backès démissionne & s'en va",
        language="en",
        published_at=timezone.now() - datetime.timedelta(hours=47),
    )
    make.article(section, slug="ancien", published_at=timezone.now() - datetime.timedelta(hours=49))
    found = urls(client.get("/sitemap-news.xml"))
    assert list(found) == ["http://testserver/en/article/recent/"]
    news = found["http://testserver/en/article/recent/"].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Sonia Backès démissionne & s'en va"
    published = datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == recent.published_at.replace(microsecond=published.microsecond)


def test_robots_txt_points_to_both_sitemaps_and_hides_search(client, site):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /recherche/" in text
