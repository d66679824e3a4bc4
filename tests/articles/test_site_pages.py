"""The site's own pages: about, legal notice and contact, kept by editors as flat pages in
each language, linked from every page's footer with the feeds page."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from newsroom.demo import articles as demo
from tests import factories as make

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pages(site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo.load()
    return {page.url: page for page in FlatPage.objects.all()}


def test_every_page_links_the_site_pages_and_the_feeds_in_its_language(client, pages):
    french = client.get("/").content.decode()
    for path in ("/a-propos/", "/mentions-legales/", "/contact/", "/flux-rss/"):
        assert f'href="{path}"' in french
    english = client.get("/en/").content.decode()
    for path in ("/en/about/", "/en/legal-notice/", "/en/contact/", "/en/rss-feeds/"):
        assert f'href="{path}"' in english
    for path in ("/a-propos/", "/en/about/", "/mentions-legales/", "/en/contact/"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert f'<h1 class="page-title">{pages[path].title}</h1>' in page.content.decode()


def test_an_editors_change_shows_at_once_and_its_html_is_sanitised(editor_client, pages):
    reader, about = Client(), pages["/a-propos/"]
    assert "rédaction de démonstration" in reader.get("/a-propos/").content.decode()  # cached
    response = editor_client.post(
        reverse("admin:flatpages_flatpage_change", args=[about.pk]),
        {
            "url": "/a-propos/",
            "title": "Qui sommes-nous",
            "content": '<p>Une équipe.</p><script>alert("x")</script>',
            "sites": [about.sites.get().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = reader.get("/a-propos/").content.decode()
    assert '<h1 class="page-title">Qui sommes-nous</h1>' in page
    assert "<p>Une équipe.</p>" in page and "alert(" not in page


def test_a_site_page_not_created_is_a_404_in_the_sites_layout(client, site):
    response = client.get("/mentions-legales/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_feeds_page_lists_the_latest_each_section_and_each_dossier(client, section):
    topic = make.topic(name="Nouvelle-Calédonie", slug="nouvelle-caledonie")
    page = client.get("/flux-rss/").content.decode()
    assert f'href="{reverse("articles:feed")}"' in page
    assert f'href="{reverse("articles:section_feed", args=[section.slug])}"' in page
    assert f'href="{reverse("articles:topic_feed", args=[topic.slug])}"' in page
    with translation.override("en"):
        english = reverse("feeds")
    assert client.get(english).status_code == 200


def test_a_new_dossier_appears_on_the_cached_feeds_page(client, section):
    assert "Élections européennes" not in client.get("/flux-rss/").content.decode()
    topic = make.topic(name="Élections européennes", slug="europeennes")
    page = client.get("/flux-rss/").content.decode()
    assert f'href="{reverse("articles:topic_feed", args=[topic.slug])}"' in page
