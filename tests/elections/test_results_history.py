"""Every change to contests, rounds, candidacies and votes is kept with who made it and
when, and the admin shows it with a readable diff."""

import pytest
from django.urls import reverse

from elections.models import Candidacy, Contest, Round, RoundResult

from .test_results_desk import desk_url, grid_post

pytestmark = pytest.mark.django_db


def test_a_grid_save_records_one_history_row_per_changed_object(editor_client, editor, nc_contest):
    round_2 = nc_contest.rounds.get(number=2)
    before = {
        "contest": Contest.history.count(),
        "round": Round.history.count(),
        "results": RoundResult.history.count(),
    }
    data = grid_post(
        nc_contest,
        2,
        {"Robert Xowie": 305, "Sonia Backès": 244},
        voters=567,
        expressed=553,
        status="provisional",
    )
    assert editor_client.post(desk_url(nc_contest, 2), data).status_code == 302
    assert Contest.history.count() == before["contest"] + 1
    assert Round.history.count() == before["round"] + 1
    assert RoundResult.history.count() == before["results"] + 2
    rows = [
        Contest.history.latest("history_date"),
        round_2.history.latest("history_date"),
        *RoundResult.history.order_by("-history_id")[:2],
    ]
    assert {row.history_user for row in rows} == {editor}
    assert round_2.history.latest("history_date").expressed == 553


def test_history_page_shows_who_changed_the_votes_and_the_difference(
    client, editor_client, journalist, nc_contest
):
    editor_client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Sonia Backès": 240}))
    result = RoundResult.objects.get(
        round__contest=nc_contest, round__number=2, candidacy__person__name="Sonia Backès"
    )
    client.force_login(journalist)
    page = client.get(reverse("admin:elections_roundresult_history", args=[result.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "editeur" in body
    assert "246" in body and "240" in body and "&rarr;" in body


def test_admin_edits_are_signed_by_the_request_user(editor_client, editor, nc_contest):
    """Through HistoryRequestMiddleware: the ordinary admin forms sign their rows too."""
    candidacy = nc_contest.candidacies.get(person__name="Manuel Millar")
    url = reverse("admin:elections_candidacy_change", args=[candidacy.pk])
    data = {
        "contest": nc_contest.pk,
        "person": candidacy.person_id,
        "substitute": "",
        "list_name": "",
        "party": "",
        "label": "Divers",
        "position": candidacy.position,
        "members-TOTAL_FORMS": 0,
        "members-INITIAL_FORMS": 0,
        "members-MIN_NUM_FORMS": 0,
        "members-MAX_NUM_FORMS": 1000,
    }
    assert editor_client.post(url, data).status_code == 302
    record = Candidacy.history.filter(id=candidacy.pk).latest("history_date")
    assert record.label == "Divers" and record.history_user == editor
    assert record.prev_record.label == "Sans étiquette"
