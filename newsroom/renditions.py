"""Resized copies of uploaded images ("renditions"), made by sorl-thumbnail: WebP at the
sizes each place shows, with their width and height, so a card never downloads a 6,000 px
original into a 400 px box and nothing moves while images arrive.

sorl-thumbnail makes a rendition on first use (Pillow), stores it next to the uploads and
remembers it in its key-value store (the shared cache, then its table), so later renders do
no image work and no storage request. Rendition names are derived from the source's name,
which an upload never reuses: they are served as immutable (`newsroom.media`).

    {% load renditions %}
    {% rendition article.lead_image "card" as image %}
    {% if image %}<img src="{{ image.src }}" srcset="{{ image.srcset }}" sizes="…"
      width="{{ image.width }}" height="{{ image.height }}" alt="…">{% endif %}
"""

import logging
from dataclasses import dataclass

from django import template
from sorl.thumbnail import get_thumbnail

logger = logging.getLogger(__name__)
register = template.Library()

# Each kind: the sizes made for it (sorl geometries: "400x225" cropped to fill, "720" a
# width keeping the proportions), the first being what `src` names.
KINDS = {
    # A card in a list: 16:9, 400 px wide in its box, twice that for dense screens.
    "card": {"sizes": ("400x225", "800x450"), "crop": "center"},
    # The front page's lead story.
    "lead": {"sizes": ("800x450", "1200x675", "1600x900"), "crop": "center"},
    # The article's own image, whole, up to the text column's width and twice it.
    "figure": {"sizes": ("720", "480", "1080", "1440"), "crop": None},
    # A person's portrait, 4:5.
    "portrait": {"sizes": ("160x200", "320x400"), "crop": "center"},
    # The photo behind an article's share card (`articles.share`): already cut to the
    # card's size, so drawing the card never decodes a full-size original.
    "share": {"sizes": ("1200x630",), "crop": "center", "format": "JPEG"},
}
QUALITY = {"WEBP": 75, "JPEG": 82}


@dataclass(frozen=True)
class Rendition:
    src: str
    width: int
    height: int
    srcset: str


def rendition(image, kind: str) -> Rendition | None:
    """The renditions of `image` (an ImageField's file) for `kind`; None without an image or
    when its file cannot be read (logged: the page shows no image rather than a broken one)."""
    if not image:
        return None
    spec = KINDS[kind]
    try:
        made = [get_thumbnail(image, size, **options(kind)) for size in sizes(image, spec["sizes"])]
        widths = sorted({copy.width: copy.url for copy in reversed(made)}.items())
        first = made[0]
        return Rendition(
            src=first.url,
            width=first.width,
            height=first.height,
            srcset=", ".join(f"{url} {width}w" for width, url in widths),
        )
    except (OSError, ValueError, SyntaxError, TypeError):  # TypeError: a file it never read
        logger.exception("no %s rendition of %s", kind, getattr(image, "name", image))
        return None


def rendition_file(image, kind: str):
    """The first size of `image`'s rendition for `kind` as a file of the storage (sorl's
    ImageFile: `storage`, `name`), made if needed, to draw from; None as `rendition`."""
    if not image:
        return None
    try:
        return get_thumbnail(image, KINDS[kind]["sizes"][0], **options(kind))
    except (OSError, ValueError, SyntaxError, TypeError):
        logger.exception("no %s rendition of %s", kind, getattr(image, "name", image))
        return None


def options(kind: str) -> dict:
    """sorl-thumbnail's options for a kind: its format and quality, its crop, never enlarged."""
    spec = KINDS[kind]
    image_format = spec.get("format", "WEBP")
    made = {"format": image_format, "quality": QUALITY[image_format], "upscale": False}
    if spec["crop"]:
        made["crop"] = spec["crop"]
    return made


def sizes(image, wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The sizes worth making: the first always, the others only if the original is wider
    (its width stored as `<field>_width` on its row), since none is ever enlarged."""
    width = getattr(image.instance, f"{image.field.name}_width", None)
    if not width:
        return wanted
    return wanted[:1] + tuple(size for size in wanted[1:] if int(size.split("x")[0]) <= width)


@register.simple_tag(name="rendition")
def rendition_tag(image, kind: str) -> Rendition | None:
    return rendition(image, kind)
