import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_person_and_organisation_pages_in_both_languages(client, site, backes):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/personnes/sonia-backes/</loc>" in xml
    assert "<loc>http://testserver/en/personnes/sonia-backes/</loc>" in xml or (
        "http://testserver/en/" in xml
    )
    assert "<loc>http://testserver/organisations/renaissance/</loc>" in xml
    assert "<loc>http://testserver/organisations/province-sud/</loc>" in xml
