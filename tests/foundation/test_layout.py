import pytest

pytestmark = pytest.mark.django_db


def test_home_is_french_at_the_root(client, site, section):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert 'href="/rubrique/politique/"' in html
    assert '<meta name="viewport"' in html


def test_home_is_english_under_en_prefix(client, site, section):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert 'href="/en/section/politique/"' in html


def test_language_switch_links_to_the_same_page(client, site, section):
    html = client.get("/rubrique/politique/").content.decode()
    assert 'href="/en/section/politique/" hreflang="en"' in html
    html = client.get("/en/section/politique/").content.decode()
    assert 'href="/rubrique/politique/" hreflang="fr"' in html


def test_english_browser_still_gets_french_at_the_root(client, site):
    # One URL, one language: the root is French whatever the browser asks for,
    # which keeps shared caches correct.
    response = client.get("/", headers={"Accept-Language": "en"})
    assert '<html lang="fr">' in response.content.decode()


def test_htmx_is_served_locally_with_csrf_header_for_signed_in_users(
    client, site, django_user_model
):
    html = client.get("/").content.decode()
    assert 'src="/static/django_htmx/htmx-2.min.js"' in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    # Readers never POST: their (cacheable) pages carry no CSRF token.
    assert "X-CSRFToken" not in html
    client.force_login(django_user_model.objects.create_user("editor"))
    assert 'hx-headers=\'{"X-CSRFToken": "' in client.get("/").content.decode()


def test_section_page_shows_its_name(client, site, section):
    response = client.get("/rubrique/politique/")
    assert response.status_code == 200
    assert '<h1 class="page-title">Politique</h1>' in response.content.decode()


def test_unknown_section_is_a_404_in_the_site_layout(client, site):
    response = client.get("/rubrique/inconnue/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "Aller au contenu" in html


def test_404_in_english(client, site):
    response = client.get("/en/nothing-here/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_the_layout_without_a_request_context():
    from django.template import loader
    from django.utils import translation

    with translation.override("fr"):
        html = loader.get_template("500.html").render()
    assert "Une erreur est survenue" in html
    assert '<html lang="fr">' in html


def test_static_assets_exist(client):
    from django.contrib.staticfiles import finders

    for path in ["css/site.css", "img/favicon.svg", "django_htmx/htmx-2.min.js"]:
        assert finders.find(path), path


def test_sitemap_is_served_as_xml(client, site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b"<urlset" in response.content


def test_every_page_has_canonical_opengraph_and_language_alternates(client, site, section):
    html = client.get("/rubrique/politique/").content.decode()
    assert '<link rel="canonical" href="http://testserver/rubrique/politique/">' in html
    assert 'hreflang="en" href="http://testserver/en/section/politique/"' in html
    assert '<meta property="og:title"' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_robots_txt_points_to_the_sitemaps(client, site):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_language_switch_keeps_the_query_and_survives_a_missing_page(client, site):
    html = client.get("/recherche/?q=Xowie").content.decode()
    assert 'href="/en/search/?q=Xowie" hreflang="en"' in html

    missing = client.get("/rubrique/no-such-section/")
    assert missing.status_code == 404
    assert 'href="/en/section/no-such-section/" hreflang="en"' in missing.content.decode()
