import pytest

pytestmark = pytest.mark.django_db


def test_sitemap_lists_the_election_its_map_and_its_contests(client, nc_contest):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/elections/senatoriales-2023/</loc>" in xml
    assert "<loc>http://testserver/elections/senatoriales-2023/carte/</loc>" in xml
    assert "<loc>http://testserver/elections/senatoriales-2023/988/</loc>" in xml
    assert client.get("/elections/senatoriales-2023/carte/").status_code == 200
