"""Official figures that break the ballot arithmetic: refused unless the importer is told to
accept them, then published with a caveat that names each finding and the source."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from elections import importers
from elections.models import Contest

from .conftest import HEADER

NC1 = "Élections sénatoriales 2023,988,Nouvelle-Calédonie,2,majoritarian,1,2023-09-24,578,573,,,561"
# Each ballot names at most 2 of the candidates: 561 ballots carry at most 1,122 votes.
TOO_MANY = [
    f"{NC1},Georges Naturel,Les Républicains,LR,351,1955-11-21,,,no",
    f"{NC1},Robert Xowie,FLNKS,FLNKS,560,1962-08-29,,,no",
    f"{NC1},Sonia Backès,Renaissance,Renaissance,300,1976-05-21,,,no",
]
FINDING = "La somme des voix (1211) dépasse les exprimés × sièges à pourvoir (561 × 2)"


def write(tmp_path, lines) -> str:
    path = tmp_path / "resultats.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return str(path)


def test_inconsistent_figures_are_refused_without_the_flag(tmp_path, db):
    with pytest.raises(CommandError) as error:
        call_command("import_results", write(tmp_path, TOO_MANY), source="Ministère")
    # After "ligne 2 :" the sentence goes on in lower case.
    assert f"ligne 2 : {FINDING[0].lower()}{FINDING[1:]}" in str(error.value)
    assert not Contest.objects.exists()


@pytest.fixture
def accepted(tmp_path, site) -> Contest:
    call_command(
        "import_results",
        write(tmp_path, TOO_MANY),
        source="Ministère de l'Intérieur",
        accept_inconsistent=True,
        stdout=io.StringIO(),
    )
    return Contest.objects.get(constituency__code="988")


def test_accepted_they_are_published_with_a_caveat_naming_the_finding_and_source(client, accepted):
    assert "Ministère de l'Intérieur" in accepted.figures_caveat
    assert f"Tour 1 : {FINDING}" in accepted.figures_caveat
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "Avertissement :" in page
    assert "Les chiffres officiels publiés par Ministère de l&#x27;Intérieur" in page
    # The figures themselves are shown as published.
    assert "560" in page


def test_the_caveat_travels_with_the_json_and_the_csv(client, accepted):
    url = accepted.get_absolute_url()
    data = client.get(url + "resultats.json").json()
    assert len(data["caveats"]) == 1 and FINDING in data["caveats"][0]
    rows = list(csv.DictReader(io.StringIO(client.get(url + "resultats.csv").content.decode())))
    assert all(FINDING in row["caveat"] for row in rows)


def test_a_consistent_file_clears_the_caveat(tmp_path, accepted):
    consistent = [TOO_MANY[0], TOO_MANY[1].replace(",560,", ",259,")]
    contests = importers.parse_results("\n".join([HEADER, *consistent]))
    from elections import services

    services.import_results(contests=contests, source="Ministère de l'Intérieur")
    accepted.refresh_from_db()
    assert accepted.figures_caveat == ""


def test_the_caveat_is_stored_in_french_whatever_the_importer_s_language(tmp_path, db):
    from django.utils import translation

    with translation.override("en"):
        contests = importers.parse_results("\n".join([HEADER, *TOO_MANY]), accept_inconsistent=True)
        from elections import services

        services.import_results(contests=contests, source="Ministère de l'Intérieur")
    caveat = Contest.objects.get().figures_caveat
    assert caveat.startswith("Les chiffres officiels publiés par") and FINDING in caveat


def test_figures_corrected_at_the_desk_lift_the_caveat(accepted):
    from elections import services
    from tests import factories as make

    contest = Contest.objects.for_page().get(pk=accepted.pk)
    votes = {c.pk: r.votes for r in contest.rounds.get().results.all() for c in [r.candidacy]}
    backes = next(c.pk for c in contest.candidacies.all() if c.name == "Sonia Backès")
    votes[backes] = 200  # 351 + 560 + 200 = 1,111 ≤ 1,122
    entry = services.RoundEntry(
        number=1,
        totals={"registered": 578, "voters": 573, "blank": None, "null": None, "expressed": 561},
        is_final=True,
        votes=votes,
        status="final",
    )
    editor = make.user("editrice", "Éditeur")
    services.save_round_results(contest=contest, entry=entry, by=editor, source="Préfecture")
    accepted.refresh_from_db()
    assert accepted.figures_caveat == ""
