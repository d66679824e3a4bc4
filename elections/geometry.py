"""Map geometry, computed once ahead of time (`manage.py build_map`): pure functions, no ORM.

Metropolitan France is drawn with a Lambert conformal conic projection (the shape of the
official Lambert-93: standard parallels 44°N and 49°N), which keeps départements' shapes
familiar. Overseas territories sit in insets, each with a local equirectangular projection,
which is accurate enough at the scale of an island.
"""

import math
from collections.abc import Iterable, Sequence

Point = tuple[float, float]
Ring = list[Point]

# Lambert-93 parameters, on a sphere (the ellipsoid changes nothing visible at this scale).
LAMBERT_PARALLELS = (44.0, 49.0)
LAMBERT_ORIGIN = (3.0, 46.5)


def lambert_conic(lon: float, lat: float) -> Point:
    """Project degrees to a plane; y grows northwards (flip it for SVG)."""
    phi1, phi2 = (math.radians(p) for p in LAMBERT_PARALLELS)
    lon0, lat0 = (math.radians(v) for v in LAMBERT_ORIGIN)
    n = math.log(math.cos(phi1) / math.cos(phi2)) / math.log(
        math.tan(math.pi / 4 + phi2 / 2) / math.tan(math.pi / 4 + phi1 / 2)
    )
    f = math.cos(phi1) * math.tan(math.pi / 4 + phi1 / 2) ** n / n
    rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
    rho0 = f / math.tan(math.pi / 4 + lat0 / 2) ** n
    theta = n * (math.radians(lon) - lon0)
    return rho * math.sin(theta), rho0 - rho * math.cos(theta)


def equirectangular(lon: float, lat: float, mid_lat: float) -> Point:
    """Local projection for a small territory: longitudes shrink with the cosine of latitude."""
    return lon * math.cos(math.radians(mid_lat)), lat


def bounds(rings: Iterable[Ring]) -> tuple[float, float, float, float]:
    xs, ys = zip(*(point for ring in rings for point in ring), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def fit(
    rings: Sequence[Ring], box: tuple[float, float, float, float], padding: float = 0.0
) -> list[Ring]:
    """Scale and translate projected rings (y northwards) into an SVG box (x, y, w, h)."""
    min_x, min_y, max_x, max_y = bounds(rings)
    bx, by, bw, bh = box
    width, height = max_x - min_x or 1.0, max_y - min_y or 1.0
    scale = min((bw - 2 * padding) / width, (bh - 2 * padding) / height)
    # Centre the drawing in its box.
    off_x = bx + (bw - width * scale) / 2
    off_y = by + (bh - height * scale) / 2
    return [
        [(off_x + (x - min_x) * scale, off_y + (max_y - y) * scale) for x, y in ring]
        for ring in rings
    ]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas–Peucker, iterative (deep recursion on long coastlines would overflow)."""
    if len(ring) < 4:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        start, end = stack.pop()
        worst, index = 0.0, -1
        for i in range(start + 1, end):
            d = _distance_to_segment(ring[i], ring[start], ring[end])
            if d > worst:
                worst, index = d, i
        if index != -1 and worst > tolerance:
            keep[index] = True
            stack.extend([(start, index), (index, end)])
    return [p for p, k in zip(ring, keep, strict=True) if k]


def ring_area(ring: Ring) -> float:
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairs)) / 2


def path_data(rings: Iterable[Ring], precision: int = 1) -> str:
    """SVG path data: absolute moveto, then relative lineto (shorter), one subpath per ring."""
    parts: list[str] = []
    for ring in rings:
        if len(ring) < 3:
            continue
        rounded = [(round(x, precision), round(y, precision)) for x, y in ring]
        x0, y0 = rounded[0]
        steps = []
        for (xa, ya), (xb, yb) in zip(rounded, rounded[1:], strict=False):
            dx, dy = round(xb - xa, precision), round(yb - ya, precision)
            if dx or dy:
                steps.append(f"{_num(dx)} {_num(dy)}")
        parts.append(f"M{_num(x0)} {_num(y0)}l" + " ".join(steps) + "z")
    return "".join(parts)


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def polygons_of(geometry: dict) -> list[list[Ring]]:
    """GeoJSON Polygon/MultiPolygon -> list of polygons, each a list of rings of (lon, lat)."""
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in polygons]
