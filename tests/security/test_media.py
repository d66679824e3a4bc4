"""Uploaded images are served without DEBUG, as readers get them in production: with the
type of the image, `nosniff`, a policy that runs nothing, and long caching for the
random names uploads get; nothing else under (or outside) the media folder is served."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.test import Client
from PIL import Image

from newsroom.articles.models import Article
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    assert not settings.DEBUG  # as production runs


@pytest.fixture
def uploaded(section) -> Article:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 90, 160)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")
    form = modelform_factory(Article, fields=["lead_image"])(
        data={}, files={"lead_image": upload}, instance=make.article(section)
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_an_uploaded_lead_image_is_served_with_its_type_and_cached_a_year(uploaded):
    response = Client().get(uploaded.lead_image.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "sandbox" in response["Content-Security-Policy"]
    assert Client().head(uploaded.lead_image.url).status_code == 200


def test_the_article_page_shows_an_image_that_loads(client, uploaded):
    page = client.get(uploaded.get_absolute_url()).content.decode()
    assert uploaded.lead_image.url in page
    assert client.get(uploaded.lead_image.url).status_code == 200


def test_a_browser_holding_the_image_gets_a_304(uploaded):
    first = Client().get(uploaded.lead_image.url)
    again = Client().get(
        uploaded.lead_image.url, headers={"If-Modified-Since": first["Last-Modified"]}
    )
    assert again.status_code == 304


def test_a_chosen_name_is_cached_an_hour_only(settings):
    (settings.MEDIA_ROOT / "articles" / "demo").mkdir(parents=True)
    Image.new("RGB", (32, 32)).save(settings.MEDIA_ROOT / "articles" / "demo" / "une.png")
    response = Client().get("/media/articles/demo/une.png")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"


@pytest.mark.parametrize(
    "path",
    [
        "/media/../manage.py",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/articles/page.html",
        "/media/articles/.hidden.png",
        "/media/articles/",
        "/media/articles//x.png",
        "/media/missing/0123456789abcdef0123456789abcdef.png",
    ],
)
def test_nothing_but_a_stored_image_is_served(settings, path):
    (settings.MEDIA_ROOT / "articles").mkdir()
    (settings.MEDIA_ROOT / "articles" / "page.html").write_text("<script>alert(1)</script>")
    Image.new("RGB", (32, 32)).save(settings.MEDIA_ROOT / "articles" / ".hidden.png")
    assert Client().get(path).status_code == 404


def test_an_image_outside_the_media_folder_is_not_served(settings, tmp_path):
    Image.new("RGB", (32, 32)).save(tmp_path / "outside.png")
    (settings.MEDIA_ROOT / "articles").mkdir()
    (settings.MEDIA_ROOT / "articles" / "link.png").symlink_to(tmp_path / "outside.png")
    assert Client().get("/media/articles/link.png").status_code == 404


def test_media_is_read_only(uploaded):
    assert Client().post(uploaded.lead_image.url).status_code == 405
