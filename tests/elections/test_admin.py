"""Editors: contest admin with inlines and the official/computed alert, per-round votes entry
checked like the importer, and CSV upload with the importer's line-by-line report."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from elections.models import Contest, OfficialWinner, Round
from newsroom.people.models import Person
from tests.admin_form import form_data

from .conftest import HEADER, NC_CSV

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db) -> User:
    return User.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_contest_list_and_change_pages_load(editor_client, nc_contest):
    assert editor_client.get(reverse("admin:elections_contest_changelist")).status_code == 200
    page = editor_client.get(reverse("admin:elections_contest_change", args=[nc_contest.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Qui les règles élisent" in body
    assert "Georges Naturel (élu au premier tour)" in body
    assert "Robert Xowie (élu au second tour)" in body


def test_mismatch_is_flagged_to_editors(editor_client, nc_contest):
    OfficialWinner.objects.filter(contest=nc_contest, person__name="Robert Xowie").update(
        person=Person.objects.get(name="Sonia Backès")
    )
    page = editor_client.get(reverse("admin:elections_contest_change", args=[nc_contest.pk]))
    assert "Les élus proclamés diffèrent" in page.content.decode()
    listing = editor_client.get(reverse("admin:elections_contest_changelist") + "?q=988")
    assert "icon-yes.svg" in listing.content.decode()


def test_round_page_previews_the_outcome(editor_client, nc_contest):
    round_ = nc_contest.rounds.get(number=2)
    page = editor_client.get(reverse("admin:elections_round_change", args=[round_.pk]))
    assert page.status_code == 200
    assert "Robert Xowie (élu au second tour)" in page.content.decode()


def round_post(round_: Round, **overrides) -> dict:
    results = list(round_.results.order_by("pk"))
    data = {
        "contest": round_.contest_id,
        "number": round_.number,
        "date": round_.date.isoformat(),
        "registered": round_.registered,
        "voters": round_.voters,
        "blank": "",
        "null": "",
        "expressed": round_.expressed,
        "is_final": "on",
        "results-TOTAL_FORMS": len(results),
        "results-INITIAL_FORMS": len(results),
        "results-MIN_NUM_FORMS": 0,
        "results-MAX_NUM_FORMS": 1000,
    }
    for index, result in enumerate(results):
        data[f"results-{index}-id"] = result.pk
        data[f"results-{index}-round"] = round_.pk
        data[f"results-{index}-candidacy"] = result.candidacy_id
        data[f"results-{index}-votes"] = result.votes
    data.update(overrides)
    return data


def test_votes_entry_rejects_a_sum_above_the_ballots(editor_client, nc_contest):
    round_ = nc_contest.rounds.get(number=2)
    url = reverse("admin:elections_round_change", args=[round_.pk])
    # Round 2 fills one seat: each ballot names one candidate, so 555 at most in all.
    response = editor_client.post(url, round_post(round_, **{"results-1-votes": 300}))
    assert response.status_code == 200
    assert "dépasse les exprimés × sièges à pourvoir" in response.content.decode()
    assert round_.results.get(candidacy__person__name="Sonia Backès").votes == 246


def test_votes_entry_rejects_inconsistent_totals(editor_client, nc_contest):
    round_ = nc_contest.rounds.get(number=1)
    url = reverse("admin:elections_round_change", args=[round_.pk])
    response = editor_client.post(url, round_post(round_, voters=600))
    assert "Les votants (600) dépassent les inscrits (578)." in response.content.decode()


def test_votes_entry_saves_and_records_provenance(editor_client, nc_contest):
    round_ = nc_contest.rounds.get(number=2)
    updates = nc_contest.updates.count()
    url = reverse("admin:elections_round_change", args=[round_.pk])
    response = editor_client.post(url, round_post(round_, **{"results-2-votes": 1}))
    assert response.status_code == 302
    assert nc_contest.updates.count() == updates + 1
    assert nc_contest.updates.first().source == "Saisie de la rédaction"


def upload(editor_client, text: str, **fields):
    data = {"kind": "results", "source": "Test", "source_url": "", "election": "", **fields}
    data["file"] = SimpleUploadedFile("r.csv", text.encode(), content_type="text/csv")
    return editor_client.post(reverse("admin:elections_contest_import"), data, follow=True)


def test_csv_upload_imports_results(editor_client, db):
    response = upload(editor_client, NC_CSV.read_text(encoding="utf-8"))
    assert "Résultats : 10 créé(s)" in response.content.decode()
    assert Contest.objects.get().rounds.count() == 2


def test_a_semicolon_csv_from_a_french_spreadsheet_imports(editor_client, db):
    rows = list(csv.reader(io.StringIO(NC_CSV.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    response = upload(editor_client, "\ufeff" + out.getvalue())
    assert "Résultats : 10 créé(s)" in response.content.decode()
    assert Contest.objects.get().rounds.get(number=2).results.count() == 3


def test_csv_upload_lists_every_bad_line_and_writes_nothing(editor_client, db):
    lines = NC_CSV.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",259,", ",deux cents,")
    lines[4] = lines[4].replace(",180,", ",-1,")
    response = upload(editor_client, "\n".join(lines))
    body = response.content.decode()
    assert "rien n’a été enregistré : 2 erreurs" in body
    assert "ligne 3 :" in body and "ligne 5 :" in body
    assert not Contest.objects.exists() and not Person.objects.exists()


def test_csv_upload_of_winners_needs_the_election(editor_client, db):
    response = upload(editor_client, HEADER, kind="elected")
    assert "Indiquez l" in response.content.decode()


def test_figures_the_rules_refuse_are_shown_to_editors_not_readers(
    client, editor_client, make_contest
):
    contest = make_contest(candidates=(("Ada Martin", 50, None), ("Léo Petit", 30, None)))
    round_2 = Round.objects.create(
        contest=contest, number=2, registered=100, voters=90, expressed=80, is_final=True
    )
    # Ada Martin was elected in round 1 and cannot stand in round 2.
    round_2.results.create(candidacy=contest.candidacies.get(person__name="Ada Martin"), votes=40)
    assert client.get(contest.get_absolute_url()).status_code == 200
    page = editor_client.get(reverse("admin:elections_contest_change", args=[contest.pk]))
    assert "Ada Martin" in page.content.decode() and "Tour 2" in page.content.decode()


def test_editor_adds_a_results_update_row_on_a_contest(editor_client, nc_contest):
    url = reverse("admin:elections_contest_change", args=[nc_contest.pk])
    data = form_data(editor_client.get(url))
    new = int(data["updates-TOTAL_FORMS"])
    data["updates-TOTAL_FORMS"] = str(new + 1)
    data |= {
        f"updates-{new}-contest": str(nc_contest.pk),
        f"updates-{new}-kind": "correction",
        f"updates-{new}-source": "Haut-commissariat de la République",
        f"updates-{new}-note": "Rectification des votants du second tour",
    }
    before = timezone.now()
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    update = nc_contest.updates.get(source="Haut-commissariat de la République")
    assert update.recorded_at >= before  # stamped when the editor recorded it
    assert update.kind == "correction"
