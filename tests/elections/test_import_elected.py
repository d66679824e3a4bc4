"""`import_elected` and `import_constituencies`: proclaimed winners and the constituencies of
an election, with the same all-or-nothing checks as the results import."""

import io

import pytest
from django.core.management import CommandError, call_command

from elections.models import Contest, OfficialWinner
from newsroom.people.models import Person

from .conftest import DATA

pytestmark = pytest.mark.django_db

ELECTION = "Élections sénatoriales 2023"
HEADER = "constituency_code,constituency_name,name,party,label,round_or_list"


@pytest.fixture
def constituencies(db):
    call_command(
        "import_constituencies",
        str(DATA / "senatoriales-2023-serie1-circonscriptions.csv"),
        election=ELECTION,
        stdout=io.StringIO(),
    )


def run(tmp_path, *lines: str) -> str:
    path = tmp_path / "elus.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_elected", str(path), election=ELECTION, stdout=out)
    return out.getvalue()


def test_constituencies_create_45_contests_once(constituencies):
    assert Contest.objects.count() == 45
    assert Contest.objects.get(constituency__code="988").system == "majoritarian"
    assert Contest.objects.get(constituency__code="ZZ").constituency.kind == "abroad"
    out = io.StringIO()
    call_command(
        "import_constituencies",
        str(DATA / "senatoriales-2023-serie1-circonscriptions.csv"),
        election=ELECTION,
        stdout=out,
    )
    assert "Aucun changement" in out.getvalue()


def test_bad_constituency_line_is_rejected(tmp_path, db):
    path = tmp_path / "c.csv"
    path.write_text("code,nom,sieges,mode_de_scrutin\n39,Jura,3,majoritaire\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ligne 2"):
        call_command("import_constituencies", str(path), election=ELECTION)
    assert not Contest.objects.exists()


def test_a_constituency_listed_twice_is_rejected_naming_both_lines(tmp_path, db):
    path = tmp_path / "c.csv"
    lines = ["code,nom,sieges,mode_de_scrutin", "39,Jura,2,majoritarian", "39,Jura,3,proportional"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ligne 3.*figure déjà ligne 2"):
        call_command("import_constituencies", str(path), election=ELECTION)
    assert not Contest.objects.exists()


def test_winners_are_recorded_with_round_or_list_and_the_contest_is_final(tmp_path, constituencies):
    run(
        tmp_path,
        "39,Jura,Sylvie Vermeillet,Parti radical,groupe Union centriste,1",
        "38,Isère,Michel Savin,Les Républicains,LDVD,L'Isère au Sénat 2023",
    )
    jura = OfficialWinner.objects.get(person__name="Sylvie Vermeillet")
    assert (jura.round, jura.list_name, jura.contest.status) == (1, "", "final")
    assert OfficialWinner.objects.get(person__name="Michel Savin").list_name == (
        "L'Isère au Sénat 2023"
    )
    assert jura.contest.updates.get().kind == "official"


def test_rerun_changes_nothing(tmp_path, constituencies):
    line = "39,Jura,Sylvie Vermeillet,Parti radical,groupe Union centriste,1"
    run(tmp_path, line)
    assert "Aucun changement" in run(tmp_path, line)


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["00,Nulle part,Ada Martin,,,1"], "aucun scrutin « 00 »"),
        (["48,Lozère,Ada Martin,,,1", "48,Lozère,Léo Petit,,,1"], "2 élus pour 1 siège(s)"),
        (["39,Jura,Ada Martin,,,1", "39,Jura,ADA MARTIN,,,1"], "figure déjà ligne 3"),
        (["39,Jura,,,,1"], "« name » est vide"),
    ],
)
def test_bad_winners_file_is_rejected_whole(tmp_path, constituencies, lines, reason):
    with pytest.raises(CommandError) as error:
        run(tmp_path, "38,Isère,Michel Savin,Les Républicains,LDVD,Liste", *lines)
    assert reason in str(error.value)
    assert not OfficialWinner.objects.exists() and not Person.objects.exists()


def test_missing_column_is_rejected(tmp_path, constituencies):
    path = tmp_path / "elus.csv"
    path.write_text("constituency_code,name\n39,Ada Martin\n", encoding="utf-8")
    with pytest.raises(CommandError, match="colonne"):
        call_command("import_elected", str(path), election=ELECTION)
    assert not OfficialWinner.objects.exists()


def test_namesakes_without_birth_date_are_not_guessed(tmp_path, constituencies):
    Person.objects.create(name="Ada Martin", slug="ada-1", birth_date="1950-01-01")
    Person.objects.create(name="Ada Martin", slug="ada-2", birth_date="1970-01-01")
    with pytest.raises(CommandError, match="plusieurs personnes"):
        run(tmp_path, "39,Jura,Ada Martin,,,1")
    assert not OfficialWinner.objects.exists()
