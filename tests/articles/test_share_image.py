"""An article's share image: its title over its share image, darkened, or over its
dossier's colour (the site's without one); published articles only; announced by the
page's meta tags and JSON-LD."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom.articles.models import Status, Topic
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def card(client, article) -> Image.Image:
    response = client.get(reverse("articles:image", args=[article.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG" and image.size == (1200, 630)
    return image.convert("RGB")


# A corner where nothing is written: the background as drawn.
CORNER = (1190, 10)


def test_without_an_image_the_card_takes_its_dossier_colour(client, site):
    topic = make.topic(name="Sénatoriales 2023", colour="#aa2200")
    article = make.article(title="Sonia Backès battue", topics=[topic])
    assert card(client, article).getpixel(CORNER) == (0xAA, 0x22, 0x00)


def test_without_a_dossier_colour_the_card_takes_the_site_colour(client, site):
    article = make.article(topics=[make.topic()])
    assert card(client, article).getpixel(CORNER) == (0x14, 0x21, 0x3D)


def test_with_a_lead_image_the_card_shows_it_darkened(client, site, media):
    topic = make.topic(colour="#aa2200")
    article = make.article(lead_image=photo("#00c800"), lead_image_alt="Le Sénat", topics=[topic])
    red, green, blue = card(client, article).getpixel(CORNER)
    assert red == blue == 0 and 0 < green < 0xC8  # the photo's green, darker


def test_an_image_missing_from_storage_leaves_the_colour(client, site, caplog):
    topic = make.topic(colour="#aa2200")
    article = make.article(lead_image="articles/missing-on-this-server.png", topics=[topic])
    assert card(client, article).getpixel(CORNER) == (0xAA, 0x22, 0x00)
    assert "missing-on-this-server.png" in caplog.text


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"published_at": None, "status": Status.DRAFT},
    ],
)
def test_an_unpublished_article_has_no_image(client, site, overrides):
    article = make.article(**overrides)
    assert client.get(reverse("articles:image", args=[article.slug])).status_code == 404


def test_a_draft_image_is_404_for_staff_too(admin_client, site):
    article = make.article(status=Status.DRAFT)
    assert admin_client.get(reverse("articles:image", args=[article.slug])).status_code == 404


def test_an_unknown_article_has_no_image(client, site):
    assert client.get("/article/inconnu/partage.png").status_code == 404


def meta(page: str, attribute: str, name: str) -> str:
    return re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', page).group(1)


def test_the_article_page_announces_its_card(client, site, media):
    article = make.article(
        title="Sonia Backès battue",
        lead_image=photo("#336699"),
        lead_image_alt="Sonia Backès au Sénat",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    image = meta(page, "property", "og:image")
    # Its address changes with what it shows: previews keep an image by its address.
    assert re.fullmatch(
        rf"http://testserver/article/{article.slug}/partage\.png\?v=\w{{12}}", image
    )
    assert meta(page, "name", "twitter:image") == image
    assert meta(page, "property", "og:image:width") == "1200"
    assert meta(page, "property", "og:image:height") == "630"
    assert meta(page, "property", "og:image:alt") == "Sonia Backès battue — Sonia Backès au Sénat"
    assert meta(page, "name", "twitter:card") == "summary_large_image"
    card(client, article)  # it resolves to the PNG
    ld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    # The photo first, then the card.
    assert ld["image"][-1] == {"@type": "ImageObject", "url": image, "width": 1200, "height": 630}
    assert ld["image"][0]["url"].startswith("http://testserver/media/")


def test_a_preview_announces_no_card(admin_client, site):
    article = make.article(status=Status.DRAFT)
    page = admin_client.get(article.get_absolute_url()).content.decode()
    assert "og:image" not in page and "partage.png" not in page


def test_a_dossier_colour_is_written_rrggbb():
    with pytest.raises(ValidationError) as error:
        Topic(name="Climat", slug="climat", colour="rouge").full_clean()
    assert "colour" in error.value.message_dict
    Topic(name="Climat", slug="climat", colour="#1d4e89").full_clean()


def test_editors_set_the_colour_in_the_topic_admin(admin_client):
    page = admin_client.get(reverse("admin:articles_topic_add")).content.decode()
    assert 'name="colour"' in page


def test_an_article_image_lives_in_the_article_s_language_only(client, section):
    make.article(section, slug="xowie-elu", title="Robert Xowie élu")
    assert client.get("/article/xowie-elu/partage.png").status_code == 200
    moved = client.get("/en/article/xowie-elu/share.png")
    assert moved.status_code == 301 and moved["Location"] == "/article/xowie-elu/partage.png"
