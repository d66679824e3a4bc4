"""The SEO title and description, when an editor writes them, are what search engines
and social networks read; otherwise the title and standfirst are."""

import json

import pytest

from tests import factories as make

pytestmark = pytest.mark.django_db


def json_ld(page: str) -> dict:
    start = page.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    return json.loads(page[start : page.index("</script>", start)])


def test_the_seo_title_and_description_are_shared(client, site):
    article = make.article(
        title="Sonia Backès battue par Robert Xowie aux sénatoriales",
        seo_title="Backès battue en Nouvelle-Calédonie",
        seo_description="La secrétaire d'État perd face à l'indépendantiste Robert Xowie.",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<title>Backès battue en Nouvelle-Calédonie —" in page
    assert '<meta property="og:title" content="Backès battue en Nouvelle-Calédonie">' in page
    assert "La secrétaire d&#x27;État perd face à l&#x27;indépendantiste" in page
    data = json_ld(page)
    assert data["headline"] == "Sonia Backès battue par Robert Xowie aux sénatoriales"
    assert data["description"].startswith("La secrétaire d'État perd")


def test_without_them_the_title_and_standfirst_are(client, site):
    article = make.article(title="Un titre", standfirst="Un chapô.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<title>Un titre —" in page and '<meta property="og:title" content="Un titre">' in page
    assert '<meta name="description" content="Un chapô.">' in page
    assert json_ld(page)["description"] == "Un chapô."
