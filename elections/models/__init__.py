"""Elections, constituencies, contests, rounds, candidacies, votes and their provenance.

Who is elected is not stored: `elections/outcome.py` computes it with the pure rules of
`elections/counting.py`. The officially proclaimed winners are stored beside it
(`OfficialWinner`) so that editors can compare the two.
"""

from elections.models.base import (
    Constituency,
    ConstituencyKind,
    Election,
    ElectionKind,
    raise_problems,
)
from elections.models.calls import CallKind, CallSource, RaceCall, TimePrecision
from elections.models.contests import (
    Candidacy,
    Contest,
    ContestStatus,
    ListMember,
    Round,
    RoundResult,
    VotingSystem,
)
from elections.models.provenance import (
    OfficeChange,
    OfficeChangeKind,
    OfficialWinner,
    ResultUpdate,
    UpdateKind,
)

__all__ = [
    "CallKind",
    "CallSource",
    "Candidacy",
    "Constituency",
    "ConstituencyKind",
    "Contest",
    "ContestStatus",
    "Election",
    "ElectionKind",
    "ListMember",
    "OfficeChange",
    "OfficeChangeKind",
    "OfficialWinner",
    "RaceCall",
    "ResultUpdate",
    "Round",
    "RoundResult",
    "TimePrecision",
    "UpdateKind",
    "VotingSystem",
    "raise_problems",
]
