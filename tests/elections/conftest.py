"""Elections fixtures: the real 2023 data loaded through the importers, and test contests."""

import functools

import pytest

from elections import importers, services
from elections.models import Contest, Election
from newsroom.demo import elections as demo
from tests import factories as make

DATA = demo.DATA
NC_CSV = DATA / "senatoriales-2023-nouvelle-caledonie.csv"
RESULTS_CSV = DATA / "senatoriales-2023-resultats.csv"
HEADER = ",".join(importers.RESULTS_COLUMNS)
# The New Caledonia contest's rows, round by round (the night of 24 September 2023).
NC_ROWS = NC_CSV.read_text(encoding="utf-8").splitlines()[1:]
ROUND_1 = [row for row in NC_ROWS if ",majoritarian,1," in row]
ROUND_2 = [row for row in NC_ROWS if ",majoritarian,2," in row]


def partial(rows: list[str], votes: dict[str, int]) -> list[str]:
    """The same rows with the votes counted so far."""
    result = []
    for row in rows:
        cells = row.split(",")
        cells[15] = str(votes[cells[12]])
        result.append(",".join(cells))
    return result


@pytest.fixture
def senate_2023(db, site) -> Election:
    """All 2023 data, as `seed_demo` loads it."""
    demo.load()
    return Election.objects.get(name=demo.ELECTION)


@pytest.fixture
def nc_contest(senate_2023) -> Contest:
    return Contest.objects.get(election=senate_2023, constituency__code="988")


@pytest.fixture
def import_csv(db):
    """Import results given as CSV text (the header is added)."""

    def run(
        *lines: str, status: str = "final", counting_round: int | None = None
    ) -> services.ImportReport:
        text = "\n".join([HEADER, *lines]) + "\n"
        return services.import_results(
            contests=importers.parse_results(text, counting_round=counting_round),
            source="Test",
            status=status,
            counting_round=counting_round,
        )

    return run


@pytest.fixture
def make_contest(db):
    """Contests of a test election, apart from the 2023 data: one seat, counted in one round
    of candidates given as (name, votes, birth date)."""
    return functools.partial(
        make.contest,
        election=make.election(name="Élection test"),
        code="99",
        name="Circonscription test",
        seats=1,
        candidates=(("Ada Martin", 50, None), ("Léo Petit", 30, None)),
    )
