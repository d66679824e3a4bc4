"""Elections fixtures: the real 2023 data loaded through the importers, and builders."""

import datetime

import pytest

from elections import importers, services
from elections.models import Candidacy, Constituency, Contest, Election, Round, RoundResult
from newsroom.demo import elections as demo
from newsroom.people.models import Person

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
    """A contest with one round and candidates given as (name, votes, birth date)."""

    def make(
        *,
        code: str = "99",
        seats: int = 1,
        system: str = "majoritarian",
        status: str = "final",
        registered: int = 100,
        voters: int = 90,
        expressed: int = 80,
        candidates=(("Ada Martin", 50, None), ("Léo Petit", 30, None)),
        is_final: bool = True,
    ) -> Contest:
        election, _ = Election.objects.get_or_create(
            name="Élection test", defaults={"slug": "election-test"}
        )
        constituency, _ = Constituency.objects.get_or_create(
            code=code, defaults={"name": f"Circonscription {code}"}
        )
        contest = Contest.objects.create(
            election=election, constituency=constituency, seats=seats, system=system, status=status
        )
        round_ = Round.objects.create(
            contest=contest,
            number=1,
            date=datetime.date(2023, 9, 24),
            registered=registered,
            voters=voters,
            expressed=expressed,
            is_final=is_final,
        )
        for position, (name, votes, birth_date) in enumerate(candidates, start=1):
            person = Person.objects.create(
                name=name, slug=f"{code}-{position}", birth_date=birth_date
            )
            candidacy = Candidacy.objects.create(contest=contest, person=person, position=position)
            RoundResult.objects.create(round=round_, candidacy=candidacy, votes=votes)
        return contest

    return make
