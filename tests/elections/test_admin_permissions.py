"""Who may open what in the elections admin pages the results desk adds: anonymous visitors
go to the login page, journalists read, editors enter and import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elections.models import Contest, OfficialWinner, ResultUpdate, RoundResult
from newsroom.people.models import Person

from .conftest import NC_CSV

pytestmark = pytest.mark.django_db


def winner_urls(contest: Contest) -> list[str]:
    winner = OfficialWinner.objects.filter(contest=contest).first()
    return [
        reverse("admin:elections_officialwinner_history", args=[winner.pk]),
        reverse("admin:elections_officialwinner_changelist"),
    ]


def read_urls(contest: Contest) -> list[str]:
    round_ = contest.rounds.get(number=2)
    result = RoundResult.objects.filter(round=round_).first()
    candidacy = contest.candidacies.first()
    return [
        reverse("admin:elections_contest_results", args=[contest.pk, 1]),
        reverse("admin:elections_contest_results", args=[contest.pk, 2]),
        reverse("admin:elections_contest_history", args=[contest.pk]),
        reverse("admin:elections_round_history", args=[round_.pk]),
        reverse("admin:elections_candidacy_history", args=[candidacy.pk]),
        reverse("admin:elections_roundresult_history", args=[result.pk]),
        reverse("admin:elections_roundresult_changelist"),
        reverse("admin:elections_contest_changelist"),
        reverse("admin:elections_contest_change", args=[contest.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, nc_contest):
    urls = read_urls(nc_contest) + winner_urls(nc_contest)
    urls.append(reverse("admin:elections_contest_import"))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/login/"), url
    response = client.post(urls[1], {"_save": "1"})
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_journalists_read_results_and_their_history(journalist_client, nc_contest):
    for url in read_urls(nc_contest) + winner_urls(nc_contest):
        assert journalist_client.get(url).status_code == 200, url


def test_editors_read_results_and_their_history(editor_client, nc_contest):
    for url in read_urls(nc_contest) + winner_urls(nc_contest):
        assert editor_client.get(url).status_code == 200, url


def test_journalists_cannot_enter_results(journalist_client, nc_contest):
    url = reverse("admin:elections_contest_results", args=[nc_contest.pk, 2])
    for button in ("_save", "_preview"):
        assert journalist_client.post(url, {button: "1", "voters": 1}).status_code == 403
    new_round = reverse("admin:elections_contest_results", args=[nc_contest.pk, 3])
    assert journalist_client.post(new_round, {"_save": "1"}).status_code == 403
    assert nc_contest.rounds.count() == 2


def test_journalists_cannot_import(journalist_client, db):
    url = reverse("admin:elections_contest_import")
    assert journalist_client.get(url).status_code == 403
    response = journalist_client.post(url, upload_data(NC_CSV.read_text(encoding="utf-8")))
    assert response.status_code == 403
    assert not Contest.objects.exists()
    listing = journalist_client.get(reverse("admin:elections_contest_changelist"))
    assert "Importer un fichier CSV" not in listing.content.decode()


def upload_data(text: str, **fields) -> dict:
    data = {"kind": "results", "source": "Test", "source_url": "", "election": "", **fields}
    data["file"] = SimpleUploadedFile("r.csv", text.encode(), content_type="text/csv")
    return data


def test_editors_import_a_results_file(editor_client, db):
    url = reverse("admin:elections_contest_import")
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url, upload_data(NC_CSV.read_text(encoding="utf-8")), follow=True)
    assert "Résultats : 10 créé(s)" in response.content.decode()
    contest = Contest.objects.get()
    assert contest.rounds.count() == 2
    assert ResultUpdate.objects.get(contest=contest).source == "Test"


def test_a_bad_file_lists_every_bad_line_and_writes_nothing(editor_client, db):
    lines = NC_CSV.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",351,", ",trois cents,")
    lines[6] = lines[6].replace(",6,", ",-6,")
    lines[9] = lines[9].replace(",2023-09-24,", ",24/09/2023,")
    response = editor_client.post(
        reverse("admin:elections_contest_import"), upload_data("\n".join(lines))
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "rien n’a été enregistré : 3 erreurs" in body
    for line in (2, 7, 10):
        assert f"ligne {line} :" in body
    assert not Contest.objects.exists() and not Person.objects.exists()


def test_journalists_read_people_but_do_not_change_them(journalist_client, nc_contest):
    person = Person.objects.get(name="Sonia Backès")
    assert journalist_client.get(reverse("admin:people_person_changelist")).status_code == 200
    url = reverse("admin:people_person_change", args=[person.pk])
    page = journalist_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert journalist_client.post(url, {"name": "X"}).status_code == 403
