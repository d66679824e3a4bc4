"""Uploaded images are read by content, bounded in size and dimensions, and stored under
generated names: no SVG, HTML or polyglot upload is ever accepted."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from newsroom.articles.models import Article
from newsroom.people.models import Person
from newsroom.uploads import MAX_BYTES, MAX_PIXELS
from tests import factories as make


def image_bytes(size=(120, 80), image_format="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def png_with_text(key: str, text: str, **chunk) -> bytes:
    """A real PNG carrying `text` in a tEXt chunk, or zTXt (zip=True) or iTXt (lang=...)."""
    info = PngInfo()
    if "lang" in chunk:
        info.add_itxt(key, text, zip=True, **chunk)
    else:
        info.add_text(key, text, **chunk)
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def commented(image_format: str, comment: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), (200, 30, 30)).save(buffer, format=image_format, comment=comment)
    return buffer.getvalue()


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def person_form(person: Person, name: str, content: bytes):
    form_class = modelform_factory(Person, fields=["photo"])
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return form_class(data={}, files={"photo": upload}, instance=person)


def article_form(article: Article, name: str, content: bytes):
    form_class = modelform_factory(Article, fields=["lead_image"])
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    return form_class(data={}, files={"lead_image": upload}, instance=article)


def test_a_real_png_photo_is_accepted_and_stored_under_a_generated_name(db, tmp_path):
    form = person_form(make.person(), "../../Portrait <b>Officiel</b>.png", image_bytes())

    assert form.is_valid(), form.errors
    person = form.save()

    stored = person.photo.name
    folder, filename = stored.split("/")
    assert folder == "people"
    stem, extension = os.path.splitext(filename)
    assert len(stem) == 32 and all(c in "0123456789abcdef" for c in stem)
    assert extension == ".png"
    assert (tmp_path / stored).exists()


def test_the_stored_extension_follows_the_content_not_the_uploaded_name(db, section):
    form = article_form(make.article(section), "photo.gif", image_bytes(image_format="JPEG"))

    assert form.is_valid(), form.errors
    assert form.save().lead_image.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("logo.svg", SVG_WITH_SCRIPT, id="svg-with-script"),
        pytest.param("logo.png", SVG_WITH_SCRIPT, id="svg-renamed-png"),
        pytest.param("page.png", HTML_PAGE, id="html-renamed-png"),
        pytest.param("notes.png", b"just some text, not an image", id="text"),
        pytest.param("image.bmp", image_bytes(image_format="BMP"), id="bmp-format"),
        pytest.param("truncated.png", image_bytes()[:60], id="truncated-png"),
        pytest.param("wide.png", image_bytes(size=(6001, 20)), id="too-wide"),
        pytest.param("tiny.png", image_bytes(size=(1, 1)), id="tracking-pixel"),
        pytest.param(
            "polyglot.gif",
            image_bytes(image_format="GIF") + b"<script>alert(1)</script>",
            id="gif-html-polyglot",
        ),
        pytest.param(
            "polyglot.png",
            image_bytes() + b'<svg onload="alert(1)"/>',
            id="png-svg-polyglot",
        ),
        pytest.param(
            "huge.png", image_bytes() + b"\0" * (MAX_BYTES + 1), id="heavier-than-the-limit"
        ),
        pytest.param(
            "text.png",
            png_with_text("Comment", '<img src=x onerror="alert(1)">', zip=True),
            id="png-markup-in-compressed-ztxt",
        ),
        pytest.param(
            "itxt.png",
            png_with_text("Description", "<script>alert(1)</script>", lang="fr"),
            id="png-markup-in-compressed-itxt",
        ),
        pytest.param(
            "link.png",
            png_with_text("Title", '<a href="https://example.org/">ici</a>'),
            id="png-link-in-text",
        ),
        pytest.param(
            "comment.png", png_with_text("Comment", "<!-- x --><b>gras</b>"), id="png-html-comment"
        ),
        pytest.param(
            "photo.jpg",
            commented("JPEG", b'<img src=x onerror="alert(1)">'),
            id="jpeg-comment-img-onerror",
        ),
        pytest.param(
            "anim.gif",
            commented("GIF", b'<a href="https://example.org/">x</a>'),
            id="gif-comment-link",
        ),
        pytest.param("square.png", image_bytes(size=(6000, 6000)), id="36-megapixels"),
    ],
)
def test_dangerous_or_unusable_uploads_are_refused_with_a_form_error(db, section, name, content):
    form = person_form(make.person(), name, content)
    assert not form.is_valid()
    assert form.errors["photo"]
    form = article_form(make.article(section), name, content)
    assert not form.is_valid()
    assert form.errors["lead_image"]


def test_plain_text_chunks_and_comments_are_accepted(db):
    person = make.person()
    for name, content in [
        ("titled.png", png_with_text("Title", "Portrait officiel, 2023 < 2024 & 3 > 2")),
        ("zipped.png", png_with_text("Software", "GIMP 2.10", zip=True)),
        ("photo.jpg", commented("JPEG", b"Photo : Agence, 24/09/2023")),
    ]:
        form = person_form(person, name, content)
        assert form.is_valid(), (name, form.errors)


def test_the_pixel_limit_is_said_in_french(db):
    side = 5001  # each side allowed, 25,010,001 pixels in all
    assert side * side > MAX_PIXELS == 25_000_000

    form = person_form(make.person(), "big.png", image_bytes(size=(side, side)))

    assert not form.is_valid()
    assert form.errors["photo"] == ["L'image dépasse 25 mégapixels (largeur × hauteur)."]


def test_an_unchanged_stored_image_is_not_re_read_on_save(db):
    person = make.person(photo="people/missing-from-disk.png")
    form = modelform_factory(Person, fields=["photo_alt"])(
        data={"photo_alt": "Portrait"}, instance=person
    )

    assert form.is_valid(), form.errors
