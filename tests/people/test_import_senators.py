"""The Sénat roster importer: parsing, idempotence, malformed lines, the end-date rule."""

import datetime
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from newsroom.people import senat
from newsroom.people.models import Membership, Organisation, Person
from newsroom.people.services import import_senators
from tests import factories as make

D = datetime.date

GENERAL_HEADER = (
    "Matricule,Qualité,Nom usuel,Prénom usuel,État,Date naissance,Date de décès,"
    "Groupe politique,Type d'app au grp politique,Commission permanente,Circonscription,"
    "Code Circonscription,Fonction au Bureau du Sénat,PCS INSEE,Catégorie professionnelle,"
    "Description de la profession,"
)
GENERAL_ROWS = [
    "11010L,M.,Frogier,Pierre,ACTIF,1950-11-16 00:00:00.0,,Les Républicains,,commission des "
    "lois,Nouvelle-Calédonie,988,,x,y,z,",
    "298,M.,Soufflet,Jacques,ANCIEN,1912-10-04 00:00:00.0,1990-01-09 00:00:00.0,U.D.R.,,"
    "commission des lois,Yvelines,78,,x,y,z,",
    "19319Q,Mme,Exemple,Anne,ACTIF,1963-09-30 00:00:00.0,,UC,Apparenté,commission,"
    "Nouvelle-Calédonie,988,,x,y,z,",
]
MANDATES_HEADER = (
    "Matricule,Qualité,Nom usuel,Prénom usuel,État Sénateur,Identifiant mandat,"
    "Date d'élection,Date de début de mandat,Année de début de mandat,Motif début de mandat,"
    "Date de fin de mandat,Année de fin de mandat,Motif fin de mandat,Commentaire"
)
MANDATE_ROWS = [
    "11010L,M.,Frogier,Pierre,ACTIF,12405,2011-09-25 00:00:00.0,2011-10-01 00:00:00.0,,"
    "Election,2017-10-01 00:00:00.0,,Fin de mandat,",
    "11010L,M.,Frogier,Pierre,ACTIF,51060,2017-09-24 00:00:00.0,2017-10-02 00:00:00.0,,"
    "Renouvellement,,,En Cours,",
    "000298,M.,Soufflet,Jacques,ANCIEN,3930,1968-09-22 00:00:00.0,1968-10-02 00:00:00.0,,"
    "Renouvellement,1974-06-28 00:00:00.0,,Membre Gouvernement,",
    "19319Q,Mme,Exemple,Anne,ACTIF,51061,2017-09-24 00:00:00.0,2017-10-02 00:00:00.0,,"
    "Election,,,En Cours,",
]


def write(path: Path, header: str, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    return (
        write(tmp_path / "ODSEN_GENERAL.csv", GENERAL_HEADER, GENERAL_ROWS),
        write(tmp_path / "ODSEN_ELUSEN.csv", MANDATES_HEADER, MANDATE_ROWS),
    )


def run(files) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_senators", *map(str, files), stdout=out)
    return out.getvalue()


def test_reader_normalises_matricules_and_maps_titles_and_reasons(files):
    roster = senat.read_roster(*files)
    soufflet = next(s for s in roster.senators if s.family_name == "Soufflet")
    assert soufflet.matricule == "000298"
    assert soufflet.death_date == D(1990, 1, 9)
    anne = next(s for s in roster.senators if s.family_name == "Exemple")
    assert anne.gender == "female"
    reasons = {m.mandate_id: m.end_reason for m in roster.mandates}
    assert reasons == {"12405": "end_of_term", "51060": "", "3930": "incompatibility", "51061": ""}


def test_import_creates_persons_mandates_and_groups(db, files):
    output = run(files)
    assert "3 personnes créées" in output
    assert "4 mandats créés" in output
    frogier = Person.objects.get(senat_id="11010L")
    assert (frogier.name, frogier.slug, frogier.gender) == (
        "Pierre Frogier",
        "pierre-frogier",
        "male",
    )
    assert frogier.birth_date == D(1950, 11, 16)
    mandates = Membership.objects.filter(person=frogier, organisation__slug="senat")
    assert [(m.role, m.area, m.start_date, m.end_date, m.end_reason) for m in mandates] == [
        ("Sénateur", "Nouvelle-Calédonie", D(2017, 10, 2), None, ""),
        ("Sénateur", "Nouvelle-Calédonie", D(2011, 10, 1), D(2017, 10, 1), "end_of_term"),
    ]
    # The ongoing mandate stops at the next renewal of its series; a dated one keeps the
    # file's end, with no computed term beside it.
    assert [m.term_end for m in mandates] == [D(2023, 10, 1), None]
    assert Organisation.objects.get(slug="senat").term_years == 6
    anne = Person.objects.get(senat_id="19319Q")
    roles = sorted(anne.memberships.values_list("role", "organisation__name"))
    assert roles == [("Apparentée", "Groupe Union Centriste"), ("Sénatrice", "Sénat")]
    group = Organisation.objects.get(slug="senat-groupe-uc")
    assert (group.kind, group.parent.slug, group.acronym) == ("group", "senat", "UC")


def test_former_senator_left_their_group_when_their_last_mandate_ended(db, files):
    run(files)
    group = Membership.objects.get(person__senat_id="000298", organisation__kind="group")
    assert (group.end_date, group.end_reason) == (D(1974, 6, 28), "incompatibility")


def test_second_import_changes_nothing(db, files):
    run(files)
    output = run(files)
    assert "0 personnes créées, 0 modifiées, 3 inchangées" in output
    assert "0 mandats créés, 0 modifiés, 4 inchangés" in output
    assert "0 appartenances à un groupe créées, 0 modifiées, 3 inchangées" in output


def test_import_updates_changed_rows(db, files, tmp_path):
    run(files)
    rows = [GENERAL_ROWS[0].replace("Pierre", "Pierre-Jean"), *GENERAL_ROWS[1:]]
    write(files[0], GENERAL_HEADER, rows)
    output = run(files)
    assert "0 personnes créées, 1 modifiées, 2 inchangées" in output
    frogier = Person.objects.get(senat_id="11010L")
    assert frogier.name == "Pierre-Jean Frogier"
    assert frogier.slug == "pierre-frogier"  # a slug, once published, does not move


def test_import_never_erases_an_end_date_recorded_later(db, files):
    """The 2021 file says Frogier's 2017 mandate is ongoing; we know it ended in 2023."""
    run(files)
    mandate = Membership.objects.get(source_key="senat:mandat:51060")
    mandate.end_date, mandate.end_reason = D(2023, 10, 1), "defeat"
    mandate.save()
    output = run(files)
    mandate.refresh_from_db()
    assert (mandate.end_date, mandate.end_reason) == (D(2023, 10, 1), "defeat")
    assert "0 mandats créés, 0 modifiés, 4 inchangés" in output


def test_a_dated_end_in_the_file_replaces_ours(db, files):
    run(files)
    Membership.objects.filter(source_key="senat:mandat:12405").update(end_date=D(2017, 9, 30))
    run(files)
    assert Membership.objects.get(source_key="senat:mandat:12405").end_date == D(2017, 10, 1)


def test_import_adopts_a_person_created_before_with_same_name_and_birth_date(db, files):
    person = make.person(
        name="Pierre Frogier", slug="frogier", birth_date=D(1950, 11, 16), gender="male"
    )
    run(files)
    person.refresh_from_db()
    assert person.senat_id == "11010L"
    assert Person.objects.filter(name="Pierre Frogier").count() == 1


def test_malformed_line_rejects_the_import_naming_file_and_line(db, files):
    rows = [*MANDATE_ROWS]
    rows[2] = rows[2].replace("1968-10-02 00:00:00.0", "1968-13-02")
    write(files[1], MANDATES_HEADER, rows)
    with pytest.raises(CommandError) as error:
        run(files)
    message = str(error.value)
    assert "rien n'a été écrit" in message
    assert "ODSEN_ELUSEN.csv, ligne 4 : date illisible « 1968-13-02 »" in message
    assert Person.objects.count() == 0 and Membership.objects.count() == 0


def test_every_malformed_line_is_listed(db, files):
    rows = [GENERAL_ROWS[0], GENERAL_ROWS[1].replace(",M.,", ",Dr,"), "short,row"]
    write(files[0], GENERAL_HEADER, rows)
    with pytest.raises(senat.MalformedFile) as error:
        senat.read_roster(*files)
    assert error.value.errors[0] == "ODSEN_GENERAL.csv, ligne 3 : qualité inconnue « Dr »"
    assert error.value.errors[1].startswith("ODSEN_GENERAL.csv, ligne 4 : 2 colonnes")
    # The mandates of the rejected senator point at nobody.
    assert any("matricule 000298 absent" in e for e in error.value.errors)


def test_missing_column_is_reported_on_line_1(db, files):
    write(files[1], MANDATES_HEADER.replace("Identifiant mandat", "Id"), MANDATE_ROWS)
    with pytest.raises(senat.MalformedFile) as error:
        senat.read_roster(*files)
    assert error.value.errors == [
        "ODSEN_ELUSEN.csv, ligne 1 : colonne(s) absente(s) : Identifiant mandat"
    ]


def test_published_encoding_and_separator_are_read(db, tmp_path):
    general = write(
        tmp_path / "g.csv",
        GENERAL_HEADER.replace(",", ";"),
        [row.replace(",", ";") for row in GENERAL_ROWS],
        encoding="cp1252",
    )
    mandates = write(
        tmp_path / "m.csv",
        MANDATES_HEADER.replace(",", ";"),
        [row.replace(",", ";") for row in MANDATE_ROWS],
        encoding="cp1252",
    )
    roster = senat.read_roster(general, mandates)
    assert {s.family_name for s in roster.senators} == {"Frogier", "Soufflet", "Exemple"}


def test_every_end_reason_is_a_membership_choice():
    from newsroom.people.models import EndReason

    assert set(senat.END_REASONS.values()) | {senat.OTHER_REASON} <= set(EndReason.values)


def test_full_snapshot_imports_quickly_and_idempotently(db):
    data = Path(__file__).resolve().parents[2] / "newsroom" / "people" / "data" / "senat"
    roster = senat.read_roster(data / "ODSEN_GENERAL.csv", data / "ODSEN_ELUSEN.csv")
    started = time.perf_counter()
    first = import_senators(roster=roster)
    assert time.perf_counter() - started < 10
    assert first.counts["persons_created"] == 1842
    assert first.counts["mandates_created"] == 3342
    second = import_senators(roster=roster)
    assert second.counts["persons_created"] == second.counts["persons_changed"] == 0
    assert second.counts["mandates_changed"] == second.counts["groups_changed"] == 0
    frogier = Person.objects.get(senat_id="11010L")
    assert frogier.memberships.filter(organisation__slug="senat").count() == 2
