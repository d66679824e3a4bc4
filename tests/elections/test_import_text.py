"""Every text an import stores is held to the model field that stores it: control
characters and over-long values are refused with their line, and nothing is written."""

import io

import pytest
from django.core.management import CommandError, call_command

from elections.models import Contest, Election
from newsroom.people.models import Person

from .conftest import HEADER

pytestmark = pytest.mark.django_db

NC = "Élections sénatoriales 2023,988,Nouvelle-Calédonie,2,majoritarian,1,2023-09-24,578,573,,,561"


def write(tmp_path, text: str) -> str:
    path = tmp_path / "import.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def rejected(command: str, path: str, **options) -> str:
    with pytest.raises(CommandError) as error:
        call_command(command, path, stdout=io.StringIO(), **options)
    return str(error.value)


@pytest.mark.parametrize(
    ("column", "line"),
    [
        ("candidate", f"{NC},Robert\x0cXowie,FLNKS,FLNKS,210,1962-08-29,,,no"),
        ("label", f"{NC},Robert Xowie,FLNKS,FLNKS\u2028UC,210,1962-08-29,,,no"),
        ("party", f"{NC},Robert Xowie,FL\x1bNKS,FLNKS,210,1962-08-29,,,no"),
        ("substitute", f"{NC},Robert Xowie,FLNKS,FLNKS,210,1962-08-29,,Val\tEuri,no"),
        ("candidate", f"{NC},{'x' * 201},FLNKS,FLNKS,210,1962-08-29,,,no"),
    ],
)
def test_results_import_refuses_a_bad_text_naming_line_and_column(tmp_path, column, line):
    good = f"{NC},Georges Naturel,LR,LR,351,1955-11-21,,,no"
    message = rejected("import_results", write(tmp_path, f"{HEADER}\n{good}\n{line}\n"))
    assert f"ligne 3 : colonne « {column} »" in message
    assert not Contest.objects.exists() and not Person.objects.exists()


def test_results_import_refuses_a_bad_list_member(tmp_path):
    isere = "Élections sénatoriales 2023,38,Isère,5,proportional,1,2023-09-24,3124,3087,29,8,3050"
    line = f"{isere},Liste,LR,LR,3050,,Michel Savin (1958-11-25) | Anne\x0cGérin,,"
    message = rejected("import_results", write(tmp_path, f"{HEADER}\n{line}\n"))
    assert "ligne 2 : colonne « members »" in message


def test_results_import_refuses_a_source_with_a_control_character(tmp_path):
    path = write(tmp_path, f"{HEADER}\n{NC},Georges Naturel,LR,LR,351,1955-11-21,,,no\n")
    message = rejected("import_results", path, source="Ministère\x0c")
    assert "source : " in message and "U+000C" in message
    assert not Contest.objects.exists()


def test_elected_import_refuses_a_control_character_in_a_label(tmp_path, make_contest):
    make_contest(code="988")
    header = "constituency_code,constituency_name,name,party,label,round_or_list"
    path = write(tmp_path, f"{header}\n988,NC,Ada Martin,,Sans\u2028étiquette,1\n")
    message = rejected("import_elected", path, election="Élection test")
    assert "ligne 2 : colonne « label »" in message


def test_constituencies_import_refuses_a_control_character_in_a_name(tmp_path):
    path = write(
        tmp_path, "code,nom,sieges,mode_de_scrutin\n988,Nouvelle\x0cCalédonie,2,majoritaire\n"
    )
    message = rejected("import_constituencies", path, election="Test")
    assert "ligne 2 : colonne « nom »" in message
    assert not Election.objects.exists()


def test_constituencies_import_refuses_an_election_name_with_a_line_break(tmp_path):
    path = write(
        tmp_path, "code,nom,sieges,mode_de_scrutin\n988,Nouvelle-Calédonie,2,majoritaire\n"
    )
    message = rejected("import_constituencies", path, election="Sénatoriales\n2023")
    assert "election : " in message and "ligne 0" not in message
    assert not Election.objects.exists()
