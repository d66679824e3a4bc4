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
