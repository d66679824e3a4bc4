"""Where each line of a share card goes: pure functions from a card's content to shapes
(`Box`) and lines of text (`Text`), given a `Measure` of how wide a text is drawn. No
Pillow here: `draw` paints what these return."""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.translation import ngettext

WIDTH, HEIGHT = 1200, 630
MARGIN = 60
INNER = WIDTH - 2 * MARGIN
ELLIPSIS = "…"
CHECK = "✓"

INK = "#1a1a1a"
INK_SOFT = "#5a5a5a"
PAPER = "#ffffff"
RULE = "#d9d6cc"
TRACK = "#ecebe6"
BRAND = "#14213d"  # the site's colour (static/css/site.css, --brand)
ON_BRAND = "#ffffff"
ON_BRAND_SOFT = "#c9d1e3"
ACCENT = "#b3261e"
NO_COLOUR = "#7a7a7a"

# How wide `text` is drawn, in pixels, at `size` in the regular or bold face.
Measure = Callable[[str, int, bool], float]


@dataclass(frozen=True)
class Text:
    x: int
    y: int  # the top of the line (Pillow anchor "la"/"ra": left or right, ascender)
    text: str
    size: int
    bold: bool = False
    colour: str = INK
    align: str = "left"  # or "right": `x` is then where the text ends


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int
    colour: str


# --- Text that fits -------------------------------------------------------------------------


def truncate(text: str, width: float, measure: Callable[[str], float]) -> str:
    """`text` if it fits in `width`, else its longest start that fits with "…" (cut at a
    word when one ends in its last third, so that a name is not cut mid-word needlessly)."""
    text = " ".join(text.split())
    if measure(text) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + ELLIPSIS) <= width:
            low = middle
        else:
            high = middle - 1
    cut = text[:low]
    space = cut.rfind(" ")
    if space > len(cut) * 2 // 3:
        cut = cut[:space]
    cut = cut.rstrip(" ,;:·-–—")
    return cut + ELLIPSIS if cut else ""


def wrap(
    text: str, width: float, measure: Callable[[str], float], max_lines: int
) -> tuple[list[str], bool]:
    """`text` in lines of at most `width`, at most `max_lines` of them, and whether it was
    cut: the last line then ends with "…". A word wider than a line is cut too."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if len(lines) == max_lines:
            rest = " ".join([lines.pop(), *words[index:]])
            return [*lines, truncate(rest, width, measure)], True
        current = word
        if measure(word) > width:
            # A word alone too wide (a long URL, a compound name): cut, and stop there.
            lines.append(truncate(" ".join(words[index:]), width, measure))
            return lines, True
    if current:
        if len(lines) == max_lines:
            rest = " ".join([lines.pop(), current])
            return [*lines, truncate(rest, width, measure)], True
        lines.append(current)
    return lines, False


# --- A contest's results --------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One candidate or list. `votes` and `share` are formatted for reading ("" when the
    figures are not known: nothing is drawn for them), `fraction` the bar's length (0-1)."""

    name: str
    detail: str = ""  # party or political label
    votes: str = ""
    share: str = ""
    fraction: float | None = None
    colour: str = NO_COLOUR
    elected: bool = False


@dataclass(frozen=True)
class ResultsCard:
    kicker: str  # the election (and round)
    title: str  # the constituency
    state: str  # the call state, in words
    site: str
    rows: Sequence[Row] = ()
    # Said instead of figures when there are none ("Aucun résultat saisi"); the rows may
    # then still name who was proclaimed, without a figure.
    empty: str = ""
    # Who won in an earlier round than the one shown (« Georges Naturel élu au premier
    # tour »): drawn with a check mark under the rows.
    note: str = ""
    max_lines: int = 6  # rows, "+ k autres", `empty` and `note` together


def shown_rows(rows: Sequence[Row], limit: int) -> tuple[list[Row], int]:
    """The rows that fit (`limit`), in their order, and how many are left out: the first
    ones, but never an elected one left out for a beaten one."""
    if len(rows) <= limit:
        return list(rows), 0
    elected = [index for index, row in enumerate(rows) if row.elected][:limit]
    others = [index for index, row in enumerate(rows) if not row.elected]
    kept = sorted(elected + others[: limit - len(elected)])
    return [rows[index] for index in kept], len(rows) - len(kept)


def more_text(hidden: int) -> str:
    return ngettext("+ %(count)s autre", "+ %(count)s autres", hidden) % {"count": hidden}


HEADER_HEIGHT = 176
ROWS_TOP = 252
ROW_HEIGHT = 48
NAME_SIZE = 28
FIGURE_SIZE = 28
VOTES_RIGHT = WIDTH - MARGIN - 150
FOOTER_TOP = HEIGHT - 64


def results_layout(card: ResultsCard, measure: Measure) -> tuple[str, list]:
    """The background colour and what is drawn on it."""
    ops: list = [Box(0, 0, WIDTH, HEADER_HEIGHT, BRAND)]
    ops.append(
        Text(MARGIN, 40, fit(card.kicker, INNER, 26, False, measure), 26, colour=ON_BRAND_SOFT)
    )
    ops.append(Text(MARGIN, 84, fit(card.title, INNER, 54, True, measure), 54, True, ON_BRAND))
    ops.append(Text(MARGIN, 200, fit(card.state, INNER, 28, True, measure), 28, True, ACCENT))
    y = ROWS_TOP
    if card.empty:
        ops.append(Text(MARGIN, y, fit(card.empty, INNER, 34, True, measure), 34, True, INK_SOFT))
        y += ROW_HEIGHT
    rows, hidden = shown_rows(card.rows, row_slots(card))
    for row in rows:
        ops += row_ops(row, y, measure)
        y += ROW_HEIGHT
    if hidden:
        ops.append(Text(MARGIN, y, more_text(hidden), 22, colour=INK_SOFT))
        y += ROW_HEIGHT
    if card.note:
        ops.append(Text(MARGIN, y, CHECK, 24, True, BRAND))
        x = MARGIN + int(measure(CHECK + " ", 24, True))
        ops.append(Text(x, y, fit(card.note, WIDTH - MARGIN - x, 24, False, measure), 24))
    ops += footer_ops(card.site, measure, on_brand=False)
    return PAPER, ops


def row_slots(card: ResultsCard) -> int:
    """How many rows fit beside the card's other lines (one for "+ k autres" if needed)."""
    slots = card.max_lines - bool(card.empty) - bool(card.note)
    return slots if len(card.rows) <= slots else slots - 1


def row_ops(row: Row, y: int, measure: Measure) -> list:
    ops: list = []
    has_figures = bool(row.votes or row.share)
    name_right = (VOTES_RIGHT - 180) if has_figures else WIDTH - MARGIN
    x = MARGIN
    if row.elected:
        ops.append(Text(x, y, CHECK, NAME_SIZE, True, BRAND))
        x += int(measure(CHECK + " ", NAME_SIZE, True))
    name = fit(row.name, name_right - x, NAME_SIZE, row.elected, measure)
    ops.append(Text(x, y, name, NAME_SIZE, row.elected, INK))
    x += int(measure(name + "  ", NAME_SIZE, row.elected))
    if row.detail and name_right - x > 80:
        detail = fit(row.detail, name_right - x, 20, False, measure)
        ops.append(Text(x, y + 6, detail, 20, colour=INK_SOFT))
    if row.votes:
        ops.append(Text(VOTES_RIGHT, y + 2, row.votes, 24, colour=INK_SOFT, align="right"))
    if row.share:
        ops.append(Text(WIDTH - MARGIN, y, row.share, FIGURE_SIZE, True, INK, "right"))
    if row.fraction is not None:
        ops.append(Box(MARGIN, y + 36, INNER, 6, TRACK))
        length = round(INNER * min(max(row.fraction, 0.0), 1.0))
        if length:
            ops.append(Box(MARGIN, y + 36, max(length, 2), 6, row.colour))
    return ops


def footer_ops(site: str, measure: Measure, *, on_brand: bool) -> list:
    colour = ON_BRAND if on_brand else INK
    ops: list = []
    if not on_brand:
        ops.append(Box(MARGIN, FOOTER_TOP - 10, INNER, 2, RULE))
    ops.append(Text(MARGIN, FOOTER_TOP + 6, fit(site, INNER, 28, True, measure), 28, True, colour))
    return ops


def fit(text: str, width: float, size: int, bold: bool, measure: Measure) -> str:
    return truncate(text, width, lambda value: measure(value, size, bold))


# --- An article's headline ------------------------------------------------------------------


@dataclass(frozen=True)
class HeadlineCard:
    title: str
    label: str  # section · dossier
    site: str


# Title sizes tried in turn, each with the lines it may take: the largest that holds the
# whole title, else the smallest, cut.
TITLE_SIZES = ((64, 4), (54, 5), (46, 6))
TITLE_BOTTOM = HEIGHT - 96


def title_lines(title: str, measure: Measure) -> tuple[int, list[str]]:
    """The title's size and lines."""
    for size, max_lines in TITLE_SIZES:
        lines, cut = wrap(title, INNER, lambda value, s=size: measure(value, s, True), max_lines)
        if not cut:
            return size, lines
    return size, lines


def headline_layout(card: HeadlineCard, measure: Measure) -> list:
    """What is drawn over the (darkened) image or the dossier's colour."""
    ops: list = []
    if card.label:
        label = fit(card.label, INNER, 28, True, measure)
        ops.append(Text(MARGIN, 52, label, 28, True, ON_BRAND))
    size, lines = title_lines(card.title, measure)
    line_height = round(size * 1.2)
    y = TITLE_BOTTOM - line_height * len(lines)
    for line in lines:
        ops.append(Text(MARGIN, y, line, size, True, ON_BRAND))
        y += line_height
    ops += footer_ops(card.site, measure, on_brand=True)
    return ops


def fingerprint(*shown: object) -> str:
    """A short digest of what a card shows, put in its address (`?v=`): link previews keep
    an image by its address for days, so the address changes when the card does."""
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:12]
