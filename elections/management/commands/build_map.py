import itertools
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from elections import geometry

DATA = Path(__file__).resolve().parents[2] / "data"
METROPOLE = DATA / "geo" / "departements-version-simplifiee.geojson"
OVERSEAS = DATA / "geo" / "outre-mer-simplifie.geojson"
OUTPUT = DATA / "map_geometry.json"

METROPOLE_BOX = (0.0, 0.0, 700.0, 715.0)
IDF_BOX = (712.0, 28.0, 280.0, 280.0)
IDF_CODES = {"75", "77", "78", "91", "92", "93", "94", "95"}
# Two rows of insets under the metropolitan map; the last cell is the box for the
# Français établis hors de France, who vote without a territory.
INSET_ORDER = ["971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988", "ZZ"]
# A row tall enough that each inset, a finger's target, stays 44 px high on a 360 px phone.
INSET_TOP, INSET_ROW_HEIGHT, INSET_COLUMNS = 738.0, 146.0, 6
VIEW_BOX = (0, 0, 1000, int(INSET_TOP + 2 * INSET_ROW_HEIGHT))
# New Caledonia: keep Grande Terre and the Loyalty Islands, drop the Chesterfield Islands.
CROP_WEST_OF = {"988": 163.0}
# Simplification tolerance and smallest kept island, in SVG units (pixels at 1000 wide).
TOLERANCE = 0.6
MIN_AREA = 0.6


class Command(BaseCommand):
    help = "Project and simplify the map outlines once; writes elections/data/map_geometry.json."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--check", action="store_true", help="Fail if the file is stale.")

    def handle(self, *args, check: bool = False, **options) -> None:
        try:
            metropole = json.loads(METROPOLE.read_text(encoding="utf-8"))["features"]
            overseas = json.loads(OVERSEAS.read_text(encoding="utf-8"))["features"]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"cannot read the map outlines: {error}") from error

        shapes = self.metropolitan_shapes(metropole, "metropole", METROPOLE_BOX, None)
        shapes += self.metropolitan_shapes(
            [f for f in metropole if f["properties"]["code"] in IDF_CODES], "idf", IDF_BOX, 0.3
        )
        insets = [
            {"key": "idf", "label": "Île-de-France", "x": IDF_BOX[0], "y": IDF_BOX[1],
             "w": IDF_BOX[2], "h": IDF_BOX[3]},
        ]  # fmt: skip
        by_code = {f["properties"]["code"]: f for f in overseas}
        width = VIEW_BOX[2] / INSET_COLUMNS
        for index, code in enumerate(INSET_ORDER):
            x = (index % INSET_COLUMNS) * width
            y = INSET_TOP + (index // INSET_COLUMNS) * INSET_ROW_HEIGHT
            box = (x + 4, y + 18, width - 8, INSET_ROW_HEIGHT - 22)
            feature = by_code.get(code)
            label = feature["properties"]["nom"] if feature else "Français établis hors de France"
            insets.append(
                {"key": code, "label": label, "x": round(x + 2, 1), "y": round(y, 1),
                 "w": round(width - 4, 1), "h": INSET_ROW_HEIGHT - 4}
            )  # fmt: skip
            if feature:
                shapes.append(self.overseas_shape(feature, box))

        document = {
            "viewBox": " ".join(str(v) for v in VIEW_BOX),
            "insets": insets,
            "shapes": shapes,
        }
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
        if check:
            current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
            if current != text:
                raise CommandError("map_geometry.json is stale: run manage.py build_map")
            self.stdout.write("map_geometry.json is up to date.")
            return
        OUTPUT.write_text(text, encoding="utf-8")
        points = sum(s["d"].count(" ") for s in shapes)
        self.stdout.write(
            f"Wrote {OUTPUT.name}: {len(shapes)} shapes, {len(insets)} insets, "
            f"~{points} points, {len(text.encode()) // 1024} KB."
        )

    def metropolitan_shapes(
        self, features: list[dict], inset: str, box: tuple, tolerance_scale: float | None
    ) -> list[dict]:
        projected = []
        for feature in features:
            rings = [
                [geometry.lambert_conic(lon, lat) for lon, lat in ring]
                for polygon in geometry.polygons_of(feature["geometry"])
                for ring in polygon[:1]  # outer rings: départements have no holes here
            ]
            projected.append((feature["properties"], rings))
        fitted = self.fit_all(projected, box)
        return [
            self.shape(props, rings, inset, TOLERANCE * (tolerance_scale or 1))
            for props, rings in fitted
        ]

    def overseas_shape(self, feature: dict, box: tuple) -> dict:
        code = feature["properties"]["code"]
        west = CROP_WEST_OF.get(code)
        lonlat = [
            ring
            for polygon in geometry.polygons_of(feature["geometry"])
            for ring in polygon[:1]
            if west is None or min(lon for lon, _ in ring) >= west
        ]
        mid_lat = sum(lat for ring in lonlat for _, lat in ring) / sum(len(r) for r in lonlat)
        rings = [[geometry.equirectangular(lon, lat, mid_lat) for lon, lat in r] for r in lonlat]
        [(props, fitted)] = self.fit_all([(feature["properties"], rings)], box)
        # Archipelagos (Polynesia, Wallis-et-Futuna) are only small islands: keep them all.
        return self.shape(props, fitted, code, TOLERANCE * 0.5, min_area=0.0)

    @staticmethod
    def fit_all(projected: list[tuple[dict, list]], box: tuple) -> list[tuple[dict, list]]:
        """Fit several features into one box with one common scale."""
        every_ring = [ring for _, rings in projected for ring in rings]
        fitted = iter(geometry.fit(every_ring, box, padding=4))
        return [(props, list(itertools.islice(fitted, len(rings)))) for props, rings in projected]

    @staticmethod
    def shape(
        props: dict, rings: list, inset: str, tolerance: float, min_area: float = MIN_AREA
    ) -> dict:
        simplified = [geometry.simplify(r, tolerance) for r in rings]
        largest = max(simplified, key=geometry.ring_area)
        # Tiny islands vanish at this scale, but a territory always keeps its main island.
        kept = [r for r in simplified if r is largest or geometry.ring_area(r) >= min_area]
        min_x, min_y, max_x, max_y = geometry.bounds([largest])
        return {
            "code": props["code"],
            "name": props["nom"],
            "inset": inset,
            "d": geometry.path_data(kept),
            "cx": round((min_x + max_x) / 2, 1),
            "cy": round((min_y + max_y) / 2, 1),
        }
