"""Map geometry: pure projection and simplification, and the committed data file."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from elections import geometry

MAP_FILE = Path(__file__).resolve().parents[2] / "elections" / "data" / "map_geometry.json"


def test_lambert_origin_is_the_centre_and_north_is_up():
    x0, y0 = geometry.lambert_conic(3.0, 46.5)
    assert abs(x0) < 1e-12 and abs(y0) < 1e-12
    _, y_lille = geometry.lambert_conic(3.06, 50.63)
    _, y_perpignan = geometry.lambert_conic(2.9, 42.7)
    assert y_lille > 0 > y_perpignan
    x_brest, _ = geometry.lambert_conic(-4.49, 48.39)
    x_strasbourg, _ = geometry.lambert_conic(7.75, 48.57)
    assert x_brest < 0 < x_strasbourg


def test_simplify_drops_collinear_points_and_keeps_corners():
    ring = [(0, 0), (1, 0.01), (2, 0), (2, 2), (0, 2), (0, 0)]
    assert geometry.simplify(ring, tolerance=0.1) == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]


def test_fit_keeps_aspect_ratio_inside_the_box_and_flips_y():
    [ring] = geometry.fit([[(0, 0), (2, 0), (2, 1), (0, 1)]], (10, 10, 100, 100))
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    assert min(xs) == 10 and max(xs) == 110
    assert max(ys) - min(ys) == pytest.approx(50)
    assert ring[0][1] > ring[2][1]  # southern point drawn lower


def test_path_data_is_compact_relative_svg():
    assert geometry.path_data([[(0, 0), (10, 0), (10, 5.26)]]) == "M0 0l10 0 0 5.3z"


def test_committed_map_has_every_constituency_once():
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    main_map = [s["code"] for s in data["shapes"] if s["inset"] != "idf"]
    assert len(main_map) == len(set(main_map)) == 96 + 11
    assert {"2A", "2B", "75", "988", "974"} <= set(main_map)
    assert {i["key"] for i in data["insets"]} >= {"idf", "988", "ZZ"}
    assert all(s["name"] and s["d"].startswith("M") for s in data["shapes"])


def test_committed_map_matches_its_sources():
    out = StringIO()
    call_command("build_map", "--check", stdout=out)
    assert "up to date" in out.getvalue()
