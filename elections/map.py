"""The election map: which fill each constituency gets, its legend, the table beside it and
the search box. Geometry is projected once by `manage.py build_map`; here the page only
chooses fills and links.

The fill rules (`fill_segments`, `stripes`, `legend`) are pure; `map_rows` works on contests
fetched with `Contest.objects.for_election_page()` (or `for_page()`) and makes no query.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elections import display, seats
from elections.models import Contest
from elections.outcome import compute
from elections.services import normalise

GEOMETRY = Path(__file__).resolve().parent / "data" / "map_geometry.json"

# A seat whose winner has no party, or a party with no colour recorded ("divers").
NEUTRAL = display.NO_COLOUR
# A seat of a renewed constituency whose winner is not entered yet (stripe of a mix).
PENDING = "#d4d4d4"
# Constituencies that did not vote in this election.
IDLE = "#ecebe6"
HATCH_ID = "map-hatch"
STRIPE_WIDTH = 10.0  # map units per repeat of a striped fill (the map is 1000 units wide)


@cache
def geometry() -> dict:
    """The projected, simplified outlines written by `manage.py build_map` (read once)."""
    return json.loads(GEOMETRY.read_text(encoding="utf-8"))


# --- Pure fill rules --------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    colour: str
    seats: int


def fill_segments(colours: list[str], seats: int) -> tuple[Segment, ...]:
    """Seats per colour, most seats first (then by colour, so a mix always reads the same);
    seats without a known winner come last, as PENDING."""
    counts = Counter(colours[:seats])
    segments = [
        Segment(colour, n) for colour, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    ]
    missing = seats - sum(counts.values())
    if missing > 0:
        segments.append(Segment(PENDING, missing))
    return tuple(segments)


def pattern_id(segments: tuple[Segment, ...]) -> str:
    key = ";".join(f"{s.colour}:{s.seats}" for s in segments)
    return "mix-" + hashlib.sha256(key.encode()).hexdigest()[:8]


def stripes(segments: tuple[Segment, ...], width: float = STRIPE_WIDTH) -> list[dict]:
    """Proportional stripes of one repeat of a pattern: x and width in map units."""
    total = sum(s.seats for s in segments)
    rows, x = [], 0.0
    for segment in segments:
        w = width * segment.seats / total
        rows.append({"colour": segment.colour, "x": f"{x:.2f}", "width": f"{w:.2f}"})
        x += w
    return rows


def fill_for(segments: tuple[Segment, ...]) -> str:
    """A plain colour for one party, a hatch when nothing is entered, else a striped pattern."""
    if not segments or segments == (Segment(PENDING, segments[0].seats),):
        return f"url(#{HATCH_ID})"
    if len(segments) == 1:
        return segments[0].colour
    return f"url(#{pattern_id(segments)})"


def fold(text: str) -> str:
    """Search key: the importers' name key, hyphens as spaces (« saint pierre » finds
    « Saint-Pierre-et-Miquelon »)."""
    return normalise(text.replace("-", " "))


# --- Rows of the map, the table and the search ------------------------------------------


@dataclass
class MapRow:
    contest: Contest
    winners: list[display.Winner]
    segments: tuple[Segment, ...]

    @property
    def code(self) -> str:
        return self.contest.constituency.code

    @property
    def name(self) -> str:
        return self.contest.constituency.label

    @property
    def seats(self) -> int:
        return self.contest.seats

    @property
    def fill(self) -> str:
        return fill_for(self.segments)

    @property
    def complete(self) -> bool:
        return len(self.winners) >= self.seats

    @property
    def party_key(self) -> str:
        """The party with most seats here, for sorting the table by party."""
        names = Counter(party_of(w) for w in self.winners)
        return min(names.items(), key=lambda i: (-i[1], fold(i[0])))[0] if names else ""

    @property
    def tip(self) -> str:
        seats = seats_text(self.seats)
        if not self.winners:
            return f"{self.name} — {seats} — {_('résultats non saisis')}"
        return f"{self.name} — {seats}"


def seats_text(seats: int) -> str:
    return ngettext("%(n)s siège", "%(n)s sièges", seats) % {"n": seats}


def party_of(winner: display.Winner) -> str:
    return winner.party_name or winner.label or _("Parti non renseigné")


def map_rows(contests, changes: dict | None = None) -> list[MapRow]:
    """One row per contest, its seats coloured by the winners' parties, or with `changes`
    (`seats.seat_changes`) by what each seat did: the winner's colour for a gain, KEPT
    for a seat its holder or its camp kept, UNKNOWN_CAMP where the camp is not known."""
    rows = []
    for contest in contests:
        winners, _official = display.reader_winners(compute(contest))
        colours = [w.colour for w in winners]
        if changes is not None:
            kinds = {c.winner.person_id: c.kind for c in changes.get(contest.pk, [])}
            colours = [
                change_colour(w.colour, kinds.get(w.person.pk if w.person else None))
                for w in winners
            ]
        rows.append(MapRow(contest, winners, fill_segments(colours, contest.seats)))
    return rows


# The map of changes: a gain takes the winner's colour; the rest is grey.
KEPT = "#a3a3a3"
UNKNOWN_CAMP = "#cfd8dc"


def change_colour(winner_colour: str, kind: str | None) -> str:
    if kind == seats.GAIN:
        return winner_colour
    return KEPT if kind in (seats.REELECTED, seats.HELD) else UNKNOWN_CAMP


def change_legend(rows: list[MapRow], changes: dict) -> list[dict]:
    """The legend of the map of changes: each camp that gained, then the kept and unknown."""
    gained: Counter[tuple[str, str]] = Counter()
    kept = unknown = 0
    for row in rows:
        for change in changes.get(row.contest.pk, []):
            if change.is_gain:
                colour = next(
                    (
                        w.colour
                        for w in row.winners
                        if w.person and w.person.pk == change.winner.person_id
                    ),
                    NEUTRAL,
                )
                gained[(colour, change.winner.camp.name)] += 1
            elif change.kind in (seats.REELECTED, seats.HELD):
                kept += 1
            else:
                unknown += 1
    entries = [
        {"colour": colour, "label": _("Gain : %(camp)s") % {"camp": camp}, "seats": count}
        for (colour, camp), count in sorted(gained.items(), key=lambda i: (-i[1], i[0]))
    ]
    entries.append(
        {"colour": KEPT, "label": _("Conservé par son titulaire ou son camp"), "seats": kept}
    )
    entries.append({"colour": UNKNOWN_CAMP, "label": _("Camp non renseigné"), "seats": unknown})
    return entries


def legend(rows: list[MapRow]) -> list[dict]:
    """One entry per colour on the map, most seats first; the uncoloured seats together."""
    seats: Counter[str] = Counter()
    names: dict[str, set[str]] = {}
    for row in rows:
        for winner in row.winners:
            seats[winner.colour] += 1
            if winner.colour != NEUTRAL and winner.party_name:
                names.setdefault(winner.colour, set()).add(winner.party_name)
    entries = []
    for colour, count in sorted(seats.items(), key=lambda i: (-i[1], i[0])):
        if colour == NEUTRAL or colour not in names:
            label = _("Divers, sans étiquette ou parti sans couleur attribuée")
        else:
            label = " / ".join(sorted(names[colour]))
        entries.append({"colour": colour, "label": label, "seats": count})
    return entries


def patterns(rows: list[MapRow]) -> list[dict]:
    """One SVG pattern per distinct mix of parties (a mix's fill names its pattern)."""
    mixes = {row.fill: row.segments for row in rows if row.fill.startswith("url(#mix-")}
    return [{"id": pattern_id(mix), "stripes": stripes(mix)} for mix in mixes.values()]


SORTS = {
    "nom": lambda row: fold(row.name),
    "code": lambda row: row.code.zfill(3),
    "sieges": lambda row: (-row.seats, fold(row.name)),
    "parti": lambda row: (fold(row.party_key) or "~", fold(row.name)),
}
DEFAULT_SORT = "nom"


MIN_QUERY = 2


def search(rows: list[MapRow], query: str) -> dict:
    """Constituencies whose name (in either language) or code matches, and senators whose
    name matches."""
    needle = fold(query)
    if len(needle) < MIN_QUERY and not needle.isdigit():
        return {"query": query, "places": [], "people": [], "searched": False}
    places = [
        row
        for row in rows
        if needle in fold(row.name)
        or needle in fold(row.contest.constituency.name)
        or needle == fold(row.code)
    ]
    people = [
        (winner, row)
        for row in rows
        for winner in row.winners
        if winner.person is not None and needle in fold(winner.person.name)
    ]
    people.sort(key=lambda item: fold(item[0].person.name))
    return {"query": query, "places": places, "people": people, "searched": True}


@dataclass
class Shape:
    """One outline of the map, with the contest it opens (None: not renewed)."""

    code: str
    name: str
    inset: str
    d: str
    row: MapRow | None
    duplicate: bool  # the small copy of an Île-de-France département on the main map
    # An overseas territory's whole inset (x, y, w, h): its target, however small the islands.
    cell: dict | None = None

    @property
    def fill(self) -> str:
        return self.row.fill if self.row else IDLE


def shapes(rows: list[MapRow]) -> list[Shape]:
    """Every outline with its fill. Île-de-France is drawn twice: the enlarged inset copy is
    the one keyboard and screen-reader users reach; the small one only answers the mouse."""
    by_code = {row.code: row for row in rows}
    enlarged = {s["code"] for s in geometry()["shapes"] if s["inset"] == "idf"}
    cells = {inset["key"]: inset for inset in geometry()["insets"] if inset["key"] != "idf"}
    return [
        Shape(
            code=s["code"],
            name=s["name"],
            inset=s["inset"],
            d=s["d"],
            row=by_code.get(s["code"]),
            duplicate=s["inset"] == "metropole" and s["code"] in enlarged,
            cell=cells.get(s["inset"]),
        )
        for s in geometry()["shapes"]
    ]


def boxes(rows: list[MapRow]) -> list[dict]:
    """Constituencies with no outline (Français établis hors de France): a box in their inset."""
    drawn = {s["code"] for s in geometry()["shapes"]}
    insets = {inset["key"]: inset for inset in geometry()["insets"]}
    found = []
    for row in rows:
        if row.code in drawn or row.code not in insets:
            continue
        box = insets[row.code]
        found.append(
            {
                "row": row,
                "cell": box,
                "x": box["x"] + 8,
                "y": box["y"] + 24,
                "w": box["w"] - 16,
                "h": box["h"] - 32,
            }
        )
    return found


def not_renewed(rows: list[MapRow]) -> list[str]:
    """Names of the drawn constituencies that did not vote, in code order."""
    voted = {row.code for row in rows}
    names = {s["code"]: s["name"] for s in geometry()["shapes"] if s["code"] not in voted}
    return list(names.values())


@cache
def drawn_codes() -> frozenset[str]:
    """The constituency codes the map has an outline or a box for."""
    data = geometry()
    return frozenset(s["code"] for s in data["shapes"]) | {i["key"] for i in data["insets"]}
