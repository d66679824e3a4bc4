"""Shared builders for the security tests."""

import csv
import io

from elections import importers, services
from newsroom.validation import SINGLE_LINE_REFUSED

ELECTION = "/elections/senatoriales-2023/"
CONTEST = ELECTION + "988/"
HX = {"HTTP_HX_REQUEST": "true"}


def results_csv(payload: str) -> str:
    """New Caledonia's first round with the payload as candidate, party, label and list."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(importers.RESULTS_COLUMNS)
    totals = ["Élections sénatoriales 2023", "988", "Nouvelle-Calédonie", 2, "majoritarian"]
    totals += [1, "2023-09-24", 578, 573, "", "", 561]
    writer.writerow([*totals, payload, payload, payload, 351, "1955-11-21", "", "", "no"])
    writer.writerow([*totals, "Robert Xowie", "FLNKS", "FLNKS", 210, "1962-08-29", "", "", "no"])
    return out.getvalue()


def import_contest(candidate: str) -> None:
    """New Caledonia's first round, imported through the CSV importer. The importer refuses
    control characters and line breaks in names: they are made spaces, the rest of the
    payload goes in."""
    candidate = SINGLE_LINE_REFUSED.sub(" ", candidate)
    services.import_results(contests=importers.parse_results(results_csv(candidate)), source="T")
