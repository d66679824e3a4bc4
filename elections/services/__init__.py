"""Writes across the elections models: the importers' data, result provenance."""

from elections.services.imports import (
    import_constituencies,
    import_elected,
    import_results,
    record_update,
)
from elections.services.matching import Directory, ImportReport, normalise

__all__ = [
    "Directory",
    "ImportReport",
    "import_constituencies",
    "import_elected",
    "import_results",
    "normalise",
    "record_update",
]
