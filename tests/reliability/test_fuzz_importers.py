"""Importer fuzz: random bytes, truncated, re-encoded, reshuffled or vandalised copies of the
real files, and valid files generated in their formats (some with one cell spoiled), go
through the import commands. Each file is either imported or rejected with a CommandError
(a message for the operator). A rejected file writes nothing: the row count of every model
and every row of the three apps are as before. An accepted file is written whole: every
contest, round, vote, senator and mandate it holds is in the database as it says. A valid
generated file is accepted; a spoiled one is rejected naming the spoiled line."""

import csv
import io
import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import event, given
from hypothesis import strategies as st

from elections import importers
from elections.models import Contest, OfficialWinner
from elections.services.matching import normalise
from newsroom.demo import elections as elections_demo
from newsroom.demo import people as people_demo
from newsroom.people import senat
from newsroom.people.models import Membership, Person

from .conftest import fuzz_settings, snapshot
from .import_files import (
    GENERAL_TEXT_COLUMNS,
    RESULTS_TEXT_COLUMNS,
    assert_results_written,
    assert_roster_written,
    header_of,
    results_files,
    rosters,
    spoil,
    write_csv,
)

pytestmark = pytest.mark.django_db

ELECTIONS = elections_demo.DATA
SENAT = people_demo.DATA
ELECTION = elections_demo.ELECTION
FUZZ = fuzz_settings(max_examples=25)
# Generated files are small and fast to import: more of them.
GENERATED = fuzz_settings(max_examples=40)
# The Sénat files are large: the fuzz works on their first lines.
SENAT_PREFIX = 6_000


def read(path: Path, limit: int | None = None) -> bytes:
    data = path.read_bytes()
    if limit is None:
        return data
    return data[: data.rfind(b"\n", 0, limit) + 1]


def reshape(data: bytes, change) -> bytes:
    """Apply `change` to the CSV rows (a list of lists) and write them back."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(change(rows))
    return out.getvalue().encode("utf-8")


def shuffled_columns(seed: int):
    def change(rows):
        order = list(range(max(len(row) for row in rows)))
        random.Random(seed).shuffle(order)
        return [[row[i] if i < len(row) else "" for i in order] for row in rows]

    return change


def dropped_column(index: int):
    return lambda rows: [row[:index] + row[index + 1 :] for row in rows]


def vandalised_cell(row_index: int, column: int, value: str):
    def change(rows):
        target = rows[row_index % len(rows)]
        if target:
            target[column % len(target)] = value
        return rows

    return change


ODD_VALUES = st.sampled_from(
    [
        "",
        "-1",
        "9" * 30,
        "²",
        "1,5",
        "\x00",
        "x" * 600,
        "2023-02-30",
        "31/12/99999",
        "<script>alert(1)</script>",
        "oui|non",
        "Nom (1900-01-01) | Nom (1900-01-01)",
    ]
)


def mutations(original: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=3000),
        st.integers(0, len(original)).map(lambda cut: original[:cut]),
        st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-8-sig"]).map(
            lambda encoding: original.decode("utf-8").encode(encoding, errors="replace")
        ),
        st.integers(0, 1000).map(lambda seed: reshape(original, shuffled_columns(seed))),
        st.integers(0, 20).map(lambda index: reshape(original, dropped_column(index))),
        st.tuples(st.integers(0, 200), st.integers(0, 20), ODD_VALUES).map(
            lambda args: reshape(original, vandalised_cell(*args))
        ),
        st.integers(0, len(original)).map(lambda at: original[:at] + b"\x00" + original[at:]),
        st.integers(0, len(original)).map(
            lambda at: original[:at] + b'"' + b"y" * 200_000 + original[at:]
        ),
        st.just(original + original),
    )


def accepted_or_rejected_whole(
    run: Callable[[], None],
    written: Callable[[], None],
    *,
    valid: bool = False,
    refused_with: str | None = None,
) -> None:
    """Run one import in a transaction of its own (rolled back, so examples are independent).
    A rejected file says why and writes nothing; an accepted file is `written` whole. A
    `valid` file must be accepted; a file `refused_with` a message must be rejected so."""
    with transaction.atomic():
        before = snapshot()
        try:
            run()
        except CommandError as error:
            message = str(error)
            assert not valid, f"a valid file was rejected:\n{message}"
            assert message.strip(), "a rejection must say why"
            assert refused_with is None or refused_with in message, message
            assert snapshot() == before, "a rejected file wrote something"
            event("rejected")
        else:
            assert refused_with is None, f"a spoiled file was accepted ({refused_with})"
            written()
            event("accepted")
        transaction.set_rollback(True)


@pytest.fixture
def csv_file(tmp_path):
    def write(data: bytes, name: str = "import.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def constituencies(db):
    call_command(
        "import_constituencies",
        str(ELECTIONS / "senatoriales-2023-serie1-circonscriptions.csv"),
        election=ELECTION,
        stdout=io.StringIO(),
    )


def results_written(data: bytes) -> None:
    assert_results_written(importers.parse_results(importers.decode(data)))


def elected_written(data: bytes) -> None:
    expected = defaultdict(set)
    for winner in importers.parse_elected(importers.decode(data)):
        expected[winner.code].add(normalise(winner.name))
    for code, names in expected.items():
        winners = OfficialWinner.objects.filter(
            contest__election__name=ELECTION, contest__constituency__code=code
        )
        assert {normalise(winner.person.name) for winner in winners} == names


def constituencies_written(data: bytes) -> None:
    rows = {row.code: row for row in importers.parse_constituencies(importers.decode(data))}
    assert Contest.objects.count() == len(rows)
    for code, row in rows.items():
        contest = Contest.objects.get(election__name=ELECTION, constituency__code=code)
        assert (contest.constituency.name, contest.seats, contest.system) == (
            row.name,
            row.seats,
            row.system,
        )


def roster_written(general: Path, mandates: Path) -> None:
    roster = senat.read_roster(general, mandates)
    stored = set(Person.objects.values_list("senat_id", flat=True))
    assert stored == {senator.matricule for senator in roster.senators}
    keys = {senat.mandate_key(mandate.mandate_id) for mandate in roster.mandates}
    assert keys <= set(Membership.objects.values_list("source_key", flat=True))


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-resultats.csv")))
def test_results_import_accepts_or_rejects_whole(constituencies, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command("import_results", str(path), stdout=io.StringIO()),
        lambda: results_written(data),
    )


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-elus.csv")))
def test_elected_import_accepts_or_rejects_whole(constituencies, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command("import_elected", str(path), election=ELECTION, stdout=io.StringIO()),
        lambda: elected_written(data),
    )


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-serie1-circonscriptions.csv")))
def test_constituencies_import_accepts_or_rejects_whole(db, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command(
            "import_constituencies", str(path), election=ELECTION, stdout=io.StringIO()
        ),
        lambda: constituencies_written(data),
    )


@FUZZ
@given(
    general=mutations(read(SENAT / "ODSEN_GENERAL.csv", SENAT_PREFIX)),
    mandates=mutations(read(SENAT / "ODSEN_ELUSEN.csv", SENAT_PREFIX)),
    which=st.sampled_from(["general", "mandates", "both"]),
)
def test_senators_import_accepts_or_rejects_whole(db, csv_file, general, mandates, which):
    general_path = csv_file(
        general if which != "mandates" else read(SENAT / "ODSEN_GENERAL.csv", SENAT_PREFIX),
        "general.csv",
    )
    mandates_path = csv_file(
        mandates if which != "general" else read(SENAT / "ODSEN_ELUSEN.csv", SENAT_PREFIX),
        "mandates.csv",
    )
    accepted_or_rejected_whole(
        lambda: call_command(
            "import_senators", str(general_path), str(mandates_path), stdout=io.StringIO()
        ),
        lambda: roster_written(general_path, mandates_path),
    )


RESULTS_HEADER = list(importers.RESULTS_COLUMNS)
GENERAL_HEADER = header_of(read(SENAT / "ODSEN_GENERAL.csv", SENAT_PREFIX))
MANDATES_HEADER = header_of(read(SENAT / "ODSEN_ELUSEN.csv", SENAT_PREFIX))


@GENERATED
@given(file=results_files(), data=st.data())
def test_generated_results_are_written_whole_or_rejected_at_the_spoiled_line(
    db, csv_file, file, data
):
    spoiled = data.draw(
        spoil(RESULTS_HEADER, file.rows, RESULTS_TEXT_COLUMNS, code="constituency_code")
    )
    path = csv_file(spoiled.data)

    def written() -> None:
        assert_results_written(file.contests)
        assert Contest.objects.count() == len(file.contests)
        assert Person.objects.count() == len(file.persons)

    accepted_or_rejected_whole(
        lambda: call_command("import_results", str(path), stdout=io.StringIO()),
        written,
        valid=spoiled.line is None,
        refused_with=spoiled.line and f"ligne {spoiled.line} :",
    )


@GENERATED
@given(roster=rosters(), data=st.data())
def test_generated_rosters_are_written_whole_or_rejected_at_the_spoiled_line(
    db, csv_file, roster, data
):
    general = write_csv(GENERAL_HEADER, roster.general)
    mandates = write_csv(MANDATES_HEADER, roster.mandate_rows)
    if roster.mandate_rows and data.draw(st.booleans()):
        name = "mandates.csv"
        spoiled = data.draw(spoil(MANDATES_HEADER, roster.mandate_rows, ["Identifiant mandat"]))
        mandates = spoiled.data
    else:
        name = "general.csv"
        spoiled = data.draw(spoil(GENERAL_HEADER, roster.general, GENERAL_TEXT_COLUMNS))
        general = spoiled.data
    paths = [str(csv_file(general, "general.csv")), str(csv_file(mandates, "mandates.csv"))]
    accepted_or_rejected_whole(
        lambda: call_command("import_senators", *paths, stdout=io.StringIO()),
        lambda: assert_roster_written(roster),
        valid=spoiled.line is None,
        refused_with=spoiled.line and f"{name}, ligne {spoiled.line} :",
    )
