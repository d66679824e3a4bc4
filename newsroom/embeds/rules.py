"""What a widget is and how big it is, as pure rules: the pages' « Intégrer » codes and
the oEmbed answers are both built from them.

A widget is a small page of ours (`/embed/…`) that a partner frames. Its height is known
before it is drawn from what it lists (a row per candidate, per party, per office), so the
fixed-height code and oEmbed give the right height; the responsive code lets the widget
say its height when it changes (`static/js/embed.js`)."""

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from django.utils.html import escape

# The widths a widget is drawn for: it fills its frame between these.
DEFAULT_WIDTH = 600
# How long an oEmbed consumer may keep our answer: the frame's address and size. What the
# widget shows updates inside the frame, whatever the consumer keeps.
CACHE_AGE_SECONDS = 3600
# The postMessage a widget sends to its frame's page with its height (embed.js).
HEIGHT_MESSAGE = "newsroom-embed-height"


class Kind(StrEnum):
    CONTEST = "contest"
    ELECTION = "election"
    PERSON = "person"
    ARTICLE = "article"


# The widgets that follow a count by themselves (they poll while it goes on).
POLLED = frozenset({Kind.CONTEST, Kind.ELECTION})

# The height of a widget's fixed parts (title, call state, link back), and of each row it
# lists, in CSS pixels at DEFAULT_WIDTH (static/css/embed.css).
BASE_HEIGHT = {Kind.CONTEST: 210, Kind.ELECTION: 190, Kind.PERSON: 200, Kind.ARTICLE: 230}
ROW_HEIGHT = 34
MAX_ROWS = {Kind.CONTEST: 12, Kind.ELECTION: 20, Kind.PERSON: 8, Kind.ARTICLE: 0}


def height(kind: Kind, rows: int) -> int:
    """The height a widget showing `rows` rows needs at the default width."""
    return BASE_HEIGHT[kind] + ROW_HEIGHT * max(0, min(rows, MAX_ROWS[kind]))


class BadSize(ValueError):
    """A maxwidth or maxheight that is not a positive whole number of pixels."""


def parse_size(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 5 or int(value) == 0:
        raise BadSize(f"{name} must be a positive whole number of pixels, not {value[:20]!r}.")
    return int(value)


def fitted(
    width: int, height_: int, maxwidth: int | None, maxheight: int | None
) -> tuple[int, int]:
    """The frame's size within what the consumer allows (oEmbed maxwidth/maxheight)."""
    if maxwidth is not None:
        width = min(width, maxwidth)
    if maxheight is not None:
        height_ = min(height_, maxheight)
    return width, height_


@dataclass(frozen=True)
class Frame:
    src: str  # the widget's absolute URL
    title: str  # the frame's accessible name
    height: int
    width: int = DEFAULT_WIDTH

    def fixed(self) -> str:
        """The code a partner pastes: a frame of fixed height, as wide as its column."""
        return (
            f'<iframe src="{escape(self.src)}" title="{escape(self.title)}" width="100%" '
            f'height="{self.height}" style="border:0;max-width:{self.width}px" '
            f'loading="lazy"></iframe>'
        )

    def sized(self, width: int, height_: int) -> str:
        """A frame of the given size in pixels (oEmbed's `html`)."""
        return (
            f'<iframe src="{escape(self.src)}" title="{escape(self.title)}" width="{width}" '
            f'height="{height_}" style="border:0" loading="lazy"></iframe>'
        )

    def responsive(self) -> str:
        """The frame plus a few lines that take its height from the widget (embed.js posts
        it): the frame grows or shrinks with the results and its column's width. Only
        messages from our own origin, from that very frame, are heeded."""
        origin = origin_of(self.src)
        return (
            f'<iframe src="{escape(self.src)}" title="{escape(self.title)}" width="100%" '
            f'height="{self.height}" style="border:0;width:100%" loading="lazy" '
            f"data-newsroom-embed></iframe>\n"
            '<script>window.addEventListener("message",function(e){'
            f'if(e.origin!=={js_string(origin)}||!e.data||e.data.type!=="{HEIGHT_MESSAGE}")'
            'return;document.querySelectorAll("iframe[data-newsroom-embed]").forEach('
            "function(f){if(f.contentWindow===e.source)"
            'f.style.height=Math.ceil(e.data.height)+"px"})});</script>'
        )


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def js_string(value: str) -> str:
    """A JavaScript string literal that cannot end the script: an origin is ASCII letters,
    digits, ":", "/", "." and "-", and anything else is escaped."""
    return (
        '"'
        + "".join(c if c.isalnum() or c in ":/.-[]" else f"\\u{ord(c):04x}" for c in value)
        + '"'
    )


def oembed(
    *, frame: Frame, maxwidth: int | None, maxheight: int | None, provider: str, provider_url: str
) -> dict:
    """The oEmbed 1.0 answer for a widget: type `rich`, its frame sized to fit."""
    width, height_ = fitted(frame.width, frame.height, maxwidth, maxheight)
    return {
        "version": "1.0",
        "type": "rich",
        "title": frame.title,
        "provider_name": provider,
        "provider_url": provider_url,
        "html": frame.sized(width, height_),
        "width": width,
        "height": height_,
        "cache_age": CACHE_AGE_SECONDS,
    }
