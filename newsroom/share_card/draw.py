"""Painting a card's layout with Pillow, in the bundled DejaVu fonts, as a PNG.

The same layout always gives the same bytes (Pillow writes no time into a PNG), so a card
drawn again with nothing changed keeps its ETag."""

import io
import logging
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from newsroom.share_card.layout import (
    HEIGHT,
    WIDTH,
    Box,
    HeadlineCard,
    ResultsCard,
    Text,
    headline_layout,
    results_layout,
)

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {False: FONTS / "DejaVuSans.ttf", True: FONTS / "DejaVuSans-Bold.ttf"}
# PNG compression (zlib): the default level (6) for a card of flat colours, small and fast
# to make; level 1 over a photo, which level 6 hardly makes smaller (a photo's noise does
# not compress) but takes 7x as long to write (260 ms for a noisy 1200 x 630 photo).
FLAT_COMPRESSION = 6
PHOTO_COMPRESSION = 1


@lru_cache(maxsize=32)
def font(size: int, bold: bool) -> ImageFont.FreeTypeFont:
    """Loaded once per process and size (a font file is read and parsed each time)."""
    return ImageFont.truetype(str(FONT_FILES[bold]), size)


def measure(text: str, size: int, bold: bool) -> float:
    return font(size, bold).getlength(text)


def paint(image: Image.Image, ops: list, compress_level: int = FLAT_COMPRESSION) -> bytes:
    draw = ImageDraw.Draw(image)
    for op in ops:
        if isinstance(op, Box):
            draw.rectangle((op.x, op.y, op.x + op.width - 1, op.y + op.height - 1), fill=op.colour)
        elif isinstance(op, Text) and op.text:
            anchor = "ra" if op.align == "right" else "la"
            draw.text(
                (op.x, op.y), op.text, font=font(op.size, op.bold), fill=op.colour, anchor=anchor
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=compress_level)
    return buffer.getvalue()


def results_png(card: ResultsCard) -> bytes:
    background, ops = results_layout(card, measure)
    return paint(Image.new("RGB", (WIDTH, HEIGHT), background), ops)


def headline_png(card: HeadlineCard, *, colour: str, photo=None) -> bytes:
    """The headline over `photo` (an open file; darkened so the text reads), or over
    `colour` without one or when it cannot be read."""
    image = photo_background(photo) if photo is not None else None
    if image is not None:
        return paint(image, headline_layout(card, measure), PHOTO_COMPRESSION)
    image = Image.new("RGB", (WIDTH, HEIGHT), colour)
    if is_light(image.getpixel((0, 0))):
        image = darken(image, 0.45)  # white text on a pale dossier colour would not read
    # A darker band at the foot, behind the site's name.
    image.paste(darken(image.crop((0, HEIGHT - 90, WIDTH, HEIGHT)), 0.25), (0, HEIGHT - 90))
    return paint(image, headline_layout(card, measure))


def photo_background(photo) -> Image.Image | None:
    try:
        with Image.open(photo) as source:
            # A JPEG decodes straight at a fraction of its size (much faster than whole).
            source.draft("RGB", (WIDTH, HEIGHT))
            upright = ImageOps.exif_transpose(source).convert("RGB")
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
        logger.exception("share card: image unreadable, drawn without it")
        return None
    filled = ImageOps.fit(upright, (WIDTH, HEIGHT), method=Image.Resampling.BILINEAR)
    return shade(filled)


@lru_cache(maxsize=1)
def shade_mask() -> Image.Image:
    """How dark the photo is made, from 45 % at the top to 80 % at the foot, where the
    title and the site's name are."""
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return gradient.point(lambda value: 115 + value * (205 - 115) // 255)


def shade(image: Image.Image) -> Image.Image:
    black = Image.new("RGB", (WIDTH, HEIGHT), "#000000")
    return Image.composite(black, image, shade_mask())


def darken(image: Image.Image, amount: float) -> Image.Image:
    return Image.blend(image, Image.new("RGB", image.size, "#000000"), amount)


def is_light(rgb: tuple[int, int, int]) -> bool:
    red, green, blue = rgb
    return 0.299 * red + 0.587 * green + 0.114 * blue > 150
