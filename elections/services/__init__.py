"""Writes across the elections models: the importers' data, the results desk, provenance."""

from elections.services.desk import (
    RoundEntry,
    entry_problems,
    preview_round,
    save_round_results,
    seats_to_fill,
    vote_field,
)
from elections.services.imports import (
    import_constituencies,
    import_elected,
    import_results,
    record_update,
)
from elections.services.matching import ImportReport, normalise
from elections.services.offices import (
    OfficeReport,
    sync_election_offices,
    sync_offices,
    withdraw_offices,
)

__all__ = [
    "ImportReport",
    "OfficeReport",
    "RoundEntry",
    "entry_problems",
    "preview_round",
    "save_round_results",
    "seats_to_fill",
    "vote_field",
    "import_constituencies",
    "import_elected",
    "import_results",
    "normalise",
    "record_update",
    "sync_election_offices",
    "sync_offices",
    "withdraw_offices",
]
