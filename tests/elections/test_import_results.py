"""`import_results`: a bad file is rejected whole with every bad line; a good one is written
once, idempotently."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from elections import importers
from elections.models import Candidacy, Contest, Round, RoundResult
from newsroom.people.models import Organisation, Person

from .conftest import HEADER, NC_CSV

NC1 = "Élections sénatoriales 2023,988,Nouvelle-Calédonie,2,majoritarian,1,2023-09-24,578,573,,,561"
ISERE = "Élections sénatoriales 2023,38,Isère,5,proportional,1,2023-09-24,3124,3087,29,8,3050"


def good_line(candidate="Georges Naturel", votes="351", birth="1955-11-21", totals=NC1) -> str:
    return f"{totals},{candidate},Les Républicains,LR,{votes},{birth},,,no"


def nothing_written() -> bool:
    return not any(
        model.objects.exists()
        for model in (Contest, Round, Candidacy, RoundResult, Person, Organisation)
    )


def rejected(*lines: str, header: str = HEADER) -> list[importers.LineError]:
    with pytest.raises(importers.ImportRejected) as error:
        importers.parse_results("\n".join([header, *lines]))
    return error.value.errors


def test_new_caledonia_file_creates_contest_rounds_and_votes(import_csv, db):
    report = importers.parse_results(NC_CSV.read_text())
    from elections import services

    services.import_results(contests=report, source="Test")
    contest = Contest.objects.get(constituency__code="988")
    assert (contest.seats, contest.system, contest.status) == (2, "majoritarian", "final")
    first, second = contest.rounds.all()
    assert (first.registered, first.voters, first.blank, first.null, first.expressed) == (
        578,
        573,
        None,
        None,
        561,
    )
    assert (second.voters, second.expressed) == (569, 555)
    assert second.results.get(candidacy__person__name="Robert Xowie").votes == 307
    assert Candidacy.objects.get(person__name="Pierre Frogier").incumbent
    assert Candidacy.objects.get(person__name="Sonia Backès").substitute.name == "Gil Brial"
    # Robert Xowie stands in both rounds: one candidacy, two results.
    assert Candidacy.objects.filter(person__name="Robert Xowie").count() == 1


def test_reimporting_the_same_file_changes_nothing_and_says_so(import_csv):
    import_csv(good_line(), good_line("Robert Xowie", "259", "1962-08-29"))
    counts = [model.objects.count() for model in (Person, Candidacy, RoundResult)]
    report = import_csv(good_line(), good_line("Robert Xowie", "259", "1962-08-29"))
    assert not report.changed
    assert report.lines() == ["Aucun changement : les données sont déjà à jour."]
    assert [model.objects.count() for model in (Person, Candidacy, RoundResult)] == counts
    assert Contest.objects.get().updates.count() == 1


def test_updated_file_updates_the_counts(import_csv):
    import_csv(good_line(votes="300"))
    report = import_csv(good_line(votes="351"))
    assert report.changed
    assert RoundResult.objects.get().votes == 351
    assert Contest.objects.get().updates.count() == 2


def test_persons_match_on_name_ignoring_accents_and_case(import_csv):
    existing = Person.objects.create(name="Sonia Backès", slug="sonia-backes")
    import_csv(good_line("SONIA BACKES", "225", "1976-05-21"))
    existing.refresh_from_db()
    assert Person.objects.count() == 1
    # Same name and no birth date recorded: the same person, who now gets the date.
    assert str(existing.birth_date) == "1976-05-21"


def test_two_birth_dates_make_two_persons(import_csv):
    Person.objects.create(name="Jean Martin", slug="jean-martin", birth_date="1950-01-01")
    import_csv(good_line("Jean Martin", "10", "1960-02-02"))
    assert Person.objects.filter(name="Jean Martin").count() == 2


def test_parties_match_by_acronym(import_csv):
    Organisation.objects.create(name="Les Républicains", acronym="LR", slug="lr", kind="party")
    import_csv(f"{NC1},Georges Naturel,lr,,351,,,,no")
    assert Organisation.objects.count() == 1
    assert Candidacy.objects.get().party.acronym == "LR"


def test_list_members_are_kept_in_order(import_csv):
    import_csv(
        f"{ISERE},L'Isère au Sénat,Les Républicains,LDVD,3050,,"
        "Michel Savin (1958-11-25) | Frédérique Puissat | Damien Michallet,,"
    )
    candidacy = Candidacy.objects.get()
    assert candidacy.list_name == "L'Isère au Sénat"
    assert [m.person.name for m in candidacy.members.all()] == [
        "Michel Savin",
        "Frédérique Puissat",
        "Damien Michallet",
    ]
    assert str(candidacy.members.first().person.birth_date) == "1958-11-25"


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (["x," + good_line()], 1, "colonne"),  # header row replaced below
        ([good_line(votes="trois")], 2, "n'est pas un nombre"),
        ([good_line(votes="-4")], 2, "négative"),
        ([good_line(birth="24/09/1955")], 2, "AAAA-MM-JJ"),
        ([good_line().replace("majoritarian", "mixte")], 2, "system"),
        ([good_line().replace(",no", ",peut-être")], 2, "incumbent"),
        ([good_line(candidate="")], 2, "« candidate » est vide"),
        ([good_line(votes="562")], 2, "dépassent les exprimés"),
        (
            [good_line(), good_line("Robert Xowie", "259", totals=NC1.replace("573", "574"))],
            3,
            "du tour 1 est 574 ici, 573 à la ligne 2",
        ),
        ([good_line(totals=NC1.replace("578,573", "570,573"))], 2, "dépassent les inscrits"),
        ([good_line(totals=NC1.replace(",573,,,561", ",573,,,574"))], 2, "dépassent les votants"),
        (
            [good_line(totals=NC1.replace(",573,,,561", ",573,5,8,561"))],
            2,
            "votants − blancs − nuls",
        ),
        (
            [good_line(candidate=f"Candidat {n}", votes="500") for n in range(3)],
            2,
            "exprimés × sièges à pourvoir",
        ),
        ([f"{ISERE},Liste A,,,3000,,,,", f"{ISERE},Liste B,,,49,,,,"], 2, "doit égaler"),
        ([good_line(), good_line()], 3, "figure deux fois"),
        ([good_line().replace(",1,2023", ",2,2023")], 2, "sans le tour 1"),
        ([good_line().replace(",1,2023", ",3,2023")], 2, "le tour doit être 1 ou 2"),
        ([f"{ISERE.replace(',1,2023', ',2,2023')},Liste A,,,3050,,,,"], 2, "qu'un tour"),
        ([good_line().replace(",2,majoritarian", ",0,majoritarian")], 2, "au moins 1"),
        (
            [good_line(), good_line().replace(",1,2023", ",2,2023")],
            3,
            "élu au premier tour et ne peut figurer au second",
        ),
    ],
)
def test_bad_file_is_rejected_whole_with_line_and_reason(db, lines, line, reason):
    header = HEADER.replace("votes,", "") if lines[0].startswith("x,") else HEADER
    errors = rejected(*lines, header=header)
    assert any(error.line == (1 if header != HEADER else line) for error in errors), errors
    assert any(reason in error.message for error in errors), errors
    assert nothing_written()


def test_every_bad_line_is_reported(db):
    errors = rejected(good_line(votes="x"), good_line("Robert Xowie"), good_line("Ada", "-1"))
    assert [error.line for error in errors] == [2, 4]


def test_command_rejects_a_bad_file_and_writes_nothing(tmp_path, db):
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, good_line(), good_line("Robert Xowie", "999")]) + "\n")
    with pytest.raises(CommandError) as error:
        call_command("import_results", str(bad))
    assert "ligne 3" in str(error.value)
    assert "refusé, rien n'a été écrit (1 erreur)" in str(error.value)
    assert nothing_written()


def test_command_reports_what_it_did_then_nothing_on_rerun(db):
    out = io.StringIO()
    call_command("import_results", str(NC_CSV), stdout=out)
    assert "résultats : 10 créé(s)" in out.getvalue()
    out = io.StringIO()
    call_command("import_results", str(NC_CSV), stdout=out)
    assert out.getvalue().strip() == "Aucun changement : les données sont déjà à jour."


def test_file_not_in_utf8_is_rejected(tmp_path, db):
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(("\n".join([HEADER, good_line()]) + "\n").encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("import_results", str(bad))
    assert nothing_written()


def as_spreadsheet_writes(separator: str, bom: bool) -> str:
    """The New Caledonia file as a spreadsheet saves it with that separator."""
    rows = list(csv.reader(io.StringIO(NC_CSV.read_text())))
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


@pytest.mark.parametrize(
    ("separator", "bom"), [(";", True), (";", False), ("\t", False), (",", True)]
)
def test_semicolon_tab_and_bom_files_import_like_the_comma_file(db, separator, bom):
    """French spreadsheet software writes semicolons (the comma is the decimal mark), and
    "CSV UTF-8" starts the file with a byte order mark."""
    contests = importers.parse_results(as_spreadsheet_writes(separator, bom))
    assert contests == importers.parse_results(NC_CSV.read_text())
    assert contests[0].rounds[2].votes["Robert Xowie"] == 307


def test_a_wrong_first_line_is_the_only_line_in_error(db):
    """Seven lines say 573 voters and the first says 5730: the first is wrong, not the six
    that agree with each other (they were all reported when the first line set the value)."""
    lines = NC_CSV.read_text().splitlines()
    first = lines[1].split(",")
    first[8] = "5730"
    lines[1] = ",".join(first)
    with pytest.raises(importers.ImportRejected) as error:
        importers.parse_results("\n".join(lines))
    assert [str(e) for e in error.value.errors] == [
        "ligne 2 : le total « voters » du tour 1 est 5730 ici, 573 aux lignes 3 à 8."
    ]


def test_missing_columns_are_named_with_the_columns_read(db):
    [error] = rejected(good_line(), header=HEADER.replace("votes", "voix"))
    assert (
        str(error)
        == "ligne 1 : colonne manquante : votes (colonnes lues : "
        + ", ".join(HEADER.replace("votes", "voix").split(","))
        + ")."
    )
    [error] = rejected(good_line(), header=HEADER.replace("votes", "voix").replace("seats", "s"))
    assert str(error).startswith("ligne 1 : colonnes manquantes : seats, votes (")


def test_a_file_in_another_encoding_says_how_to_save_it(db):
    with pytest.raises(importers.ImportRejected) as error:
        importers.decode("\n".join([HEADER, good_line()]).encode("cp1252"))
    assert "« CSV UTF-8 »" in str(error.value)


def test_a_problem_found_twice_is_said_once():
    twice = [importers.LineError(3, "la colonne « votes » est vide.")] * 2
    assert importers.ImportRejected([importers.LineError(2, "x."), *twice]).errors == [
        importers.LineError(2, "x."),
        importers.LineError(3, "la colonne « votes » est vide."),
    ]
