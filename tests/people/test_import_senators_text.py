"""The Sénat roster importer holds each stored value to its model field: control characters
and over-long values reject the whole import, naming file, line and column."""

import io

import pytest
from django.core.management import CommandError, call_command

from newsroom.people.models import Membership, Organisation, Person

from .test_import_senators import (
    GENERAL_HEADER,
    GENERAL_ROWS,
    MANDATE_ROWS,
    MANDATES_HEADER,
    write,
)

pytestmark = pytest.mark.django_db


def rejected(tmp_path, general: list[str], mandates: list[str]) -> str:
    files = (
        write(tmp_path / "ODSEN_GENERAL.csv", GENERAL_HEADER, general),
        write(tmp_path / "ODSEN_ELUSEN.csv", MANDATES_HEADER, mandates),
    )
    with pytest.raises(CommandError) as error:
        call_command("import_senators", *map(str, files), stdout=io.StringIO())
    assert not Person.objects.exists() and not Membership.objects.exists()
    assert not Organisation.objects.exists()
    return str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        ("Frogier", "Fro\x0cgier", "Nom usuel"),
        ("Pierre", "Pierre\u2028Jean", "Prénom usuel"),
        ("Nouvelle-Calédonie", "Nouvelle\tCalédonie", "Circonscription"),
        ("Les Républicains", "G" * 41, "Groupe politique"),
    ],
)
def test_a_bad_text_is_refused_with_its_line_and_column(tmp_path, old, new, column):
    general = [GENERAL_ROWS[0].replace(old, new, 1), *GENERAL_ROWS[1:]]
    message = rejected(tmp_path, general, MANDATE_ROWS)
    assert f"ODSEN_GENERAL.csv, ligne 2 : colonne « {column} »" in message


def test_a_mandate_identifier_too_long_for_its_key_is_refused(tmp_path):
    mandates = [MANDATE_ROWS[0].replace("12405", "9" * 80), *MANDATE_ROWS[1:]]
    message = rejected(tmp_path, GENERAL_ROWS, mandates)
    assert "ODSEN_ELUSEN.csv, ligne 2 : colonne « Identifiant mandat »" in message
