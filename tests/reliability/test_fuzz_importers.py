"""Importer fuzz: random bytes, truncated, re-encoded, reshuffled or vandalised copies of the
real files go through the import commands. Each file is either imported or rejected with
a CommandError (a message for the operator), and a rejected file writes nothing: the row
count of every model and every row of the three apps are as before."""

import csv
import io
import random
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from elections import demo as elections_demo
from newsroom.people import demo as people_demo

from .conftest import fuzz_settings, snapshot

pytestmark = pytest.mark.django_db

ELECTIONS = Path(elections_demo.__file__).resolve().parent / "data"
SENAT = Path(people_demo.__file__).resolve().parent / "data" / "senat"
ELECTION = elections_demo.ELECTION
FUZZ = fuzz_settings(max_examples=25)
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


def accepted_or_rejected_whole(run) -> None:
    """Run one import in a transaction of its own (rolled back, so examples are independent)."""
    with transaction.atomic():
        before = snapshot()
        try:
            run()
        except CommandError as error:
            assert str(error).strip(), "a rejection must say why"
            assert snapshot() == before, "a rejected file wrote something"
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


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-resultats.csv")))
def test_results_import_accepts_or_rejects_whole(constituencies, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command("import_results", str(path), stdout=io.StringIO())
    )


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-elus.csv")))
def test_elected_import_accepts_or_rejects_whole(constituencies, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command("import_elected", str(path), election=ELECTION, stdout=io.StringIO())
    )


@FUZZ
@given(data=mutations(read(ELECTIONS / "senatoriales-2023-serie1-circonscriptions.csv")))
def test_constituencies_import_accepts_or_rejects_whole(db, csv_file, data):
    path = csv_file(data)
    accepted_or_rejected_whole(
        lambda: call_command(
            "import_constituencies", str(path), election=ELECTION, stdout=io.StringIO()
        )
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
        )
    )
