"""Images are served as renditions: a card never downloads the 3,000 px original, every
<img> carries its width and height, WebP where browsers show it, JPEG for link previews; the
original's size is stored once, when it is saved; link previews get the share image drawn
over it (tests/articles/test_share_image.py)."""

import io
import json
import re

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.articles.models import Article
from newsroom.uploads import fill_stored_sizes
from tests import factories as make
from tests.admin_form import form_data

pytestmark = pytest.mark.django_db

CARD_BUDGET = 60 * 1024


def photo(width: int, height: int) -> bytes:
    """A noisy PNG, which compresses badly: a worst case for the renditions' weight."""
    image = Image.effect_noise((width, height), 64).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def fetched(client, url: str) -> tuple[bytes, Image.Image]:
    response = client.get(url)
    assert response.status_code == 200, url
    data = b"".join(response.streaming_content)
    return data, Image.open(io.BytesIO(data))


def img_tags(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<img class="{css_class}"[^>]*>', html)


def attribute(tag: str, name: str) -> str:
    return re.search(rf'\s{name}="([^"]*)"', tag).group(1)


def test_cards_figure_and_previews_are_sized_renditions(client, media, section):
    upload = SimpleUploadedFile("photo.png", photo(3000, 2000), content_type="image/png")
    article = make.article(
        section=section, lead_image=upload, lead_image_alt="Le Sénat, vu du jardin."
    )
    assert (article.lead_image_width, article.lead_image_height) == (3000, 2000)

    listing = client.get(section.get_absolute_url()).content.decode()
    [card] = img_tags(listing, "article-card__image")
    assert (attribute(card, "width"), attribute(card, "height")) == ("400", "225")
    assert attribute(card, "loading") == "lazy"
    src = attribute(card, "src")
    assert src.startswith("/media/renditions/") and src.endswith(".webp")
    data, image = fetched(client, src)
    assert image.format == "WEBP" and image.size == (400, 225)
    assert len(data) < CARD_BUDGET
    widths = [entry.rsplit(" ", 1)[1] for entry in attribute(card, "srcset").split(", ")]
    assert widths == ["400w", "800w"]
    assert client.get(src)["Cache-Control"] == "public, max-age=31536000, immutable"

    page = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="article__figure">\s*<img[^>]*>', page).group(0)
    assert (attribute(figure, "width"), attribute(figure, "height")) == ("720", "480")
    assert attribute(figure, "srcset").endswith("1440w")
    # Link previews: the share image drawn over the lead image (newsroom.articles.share).
    share = re.search(r'<meta property="og:image" content="http://testserver([^"]+)">', page)
    response = client.get(share.group(1))
    preview = Image.open(io.BytesIO(response.content))
    assert preview.format == "PNG" and preview.size == (1200, 630)
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:alt" content="Article' in page
    ld = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert ld["image"] == [
        {
            "@type": "ImageObject",
            "url": f"http://testserver{article.lead_image.url}",
            "width": 3000,
            "height": 2000,
        },
        {
            "@type": "ImageObject",
            "url": f"http://testserver{share.group(1)}",
            "width": 1200,
            "height": 630,
        },
    ]


def test_a_small_image_is_never_enlarged(client, media, section):
    upload = SimpleUploadedFile("petite.png", photo(300, 200), content_type="image/png")
    article = make.article(section=section, lead_image=upload, lead_image_alt="Petite image")
    page = client.get(article.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="article__figure">\s*<img[^>]*>', page).group(0)
    assert (attribute(figure, "width"), attribute(figure, "height")) == ("300", "200")
    assert attribute(figure, "srcset").endswith(".webp 300w") and ", " not in attribute(
        figure, "srcset"
    )


def test_a_portrait_is_a_rendition_and_a_new_photo_is_measured_again(client, media):
    person = make.person(
        name="Robert Xowie",
        photo=SimpleUploadedFile("xowie.png", photo(800, 1000), content_type="image/png"),
    )
    assert (person.photo_width, person.photo_height) == (800, 1000)
    page = client.get(person.get_absolute_url()).content.decode()
    [portrait] = img_tags(page, "person__photo")
    assert (attribute(portrait, "width"), attribute(portrait, "height")) == ("160", "200")
    assert attribute(portrait, "src").endswith(".webp")
    person.photo = SimpleUploadedFile("autre.png", photo(400, 400), content_type="image/png")
    person.photo_width = person.photo_height = None  # what the admin does on a new upload
    person.save()
    person.refresh_from_db()
    assert (person.photo_width, person.photo_height) == (400, 400)


def test_a_new_image_saved_in_the_admin_is_measured_again(client, media, section):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    first = SimpleUploadedFile("premiere.png", photo(640, 480), content_type="image/png")
    article = make.article(section=section, lead_image=first, lead_image_alt="Première")
    assert (article.lead_image_width, article.lead_image_height) == (640, 480)
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(client.get(url))
    data["lead_image"] = SimpleUploadedFile(
        "seconde.png", photo(1000, 500), content_type="image/png"
    )
    response = client.post(url, {**data, "_save": "1"})
    assert response.status_code == 302, response.content.decode()[:1500]
    article.refresh_from_db()
    assert (article.lead_image_width, article.lead_image_height) == (1000, 500)


def test_the_data_migration_measures_images_stored_before_it(media, section):
    upload = SimpleUploadedFile("ancienne.png", photo(640, 360), content_type="image/png")
    stored = make.article(section=section, lead_image=upload, lead_image_alt="Ancienne")
    lost = make.article(section=section, lead_image="articles/perdue.png")
    Article.objects.update(lead_image_width=None, lead_image_height=None)
    fill_stored_sizes(Article, "lead_image")
    sizes = dict(Article.objects.values_list("pk", "lead_image_width"))
    assert (sizes[stored.pk], sizes[lost.pk]) == (640, None)
