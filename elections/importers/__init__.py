"""Reading the results, winners and constituencies CSV files.

Parsing and checking read no database: a file is turned into plain data, and every bad line
is collected with its number and reason. `elections/services/` writes the data, and only
when the whole file is clean.
"""

from elections.importers.results import (
    RESULTS_COLUMNS,
    CandidacyRow,
    ContestRows,
    RoundRow,
    arithmetic_errors,
    parse_results,
)
from elections.importers.rows import ImportRejected, LineError, PersonRef, decode
from elections.importers.winners import (
    ConstituencyRow,
    WinnerRow,
    parse_constituencies,
    parse_elected,
)

__all__ = [
    "arithmetic_errors",
    "RESULTS_COLUMNS",
    "CandidacyRow",
    "ConstituencyRow",
    "ContestRows",
    "ImportRejected",
    "LineError",
    "PersonRef",
    "RoundRow",
    "WinnerRow",
    "decode",
    "parse_constituencies",
    "parse_elected",
    "parse_results",
]
