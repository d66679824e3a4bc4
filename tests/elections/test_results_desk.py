"""The results desk: one round of a contest in one grid, errors on the field they concern,
a preview that saves nothing, and a save that is all or nothing, with history and
provenance."""

import pytest
from django.urls import reverse

from elections.models import Contest, ResultUpdate, Round, RoundResult
from elections.services import vote_field
from tests import factories as make

from . import test_results_desk_roles as roles

# The personas, shared with the other results-desk test modules.

pytestmark = pytest.mark.django_db


def desk_url(contest: Contest, number: int) -> str:
    return reverse("admin:elections_contest_results", args=[contest.pk, number])


def grid_post(contest: Contest, number: int, votes: dict[str, int | None] = (), **fields) -> dict:
    """The grid as the page sends it, with `votes` by candidate name and totals overridden."""
    round_ = contest.rounds.get(number=number)
    data = {
        "status": contest.status,
        "registered": round_.registered,
        "voters": round_.voters,
        "blank": "" if round_.blank is None else round_.blank,
        "null": "" if round_.null is None else round_.null,
        "expressed": round_.expressed,
        "_save": "Enregistrer",
    }
    if round_.is_final:
        data["is_final"] = "on"
    stored = {r.candidacy_id: r.votes for r in round_.results.all()}
    for candidacy in contest.candidacies.all():
        data[vote_field(candidacy.pk)] = stored.get(candidacy.pk, "")
    for name, count in dict(votes).items():
        candidacy = contest.candidacies.get(person__name=name)
        data[vote_field(candidacy.pk)] = "" if count is None else count
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def votes(contest: Contest, number: int) -> dict[str, int]:
    return dict(
        RoundResult.objects.filter(round__contest=contest, round__number=number).values_list(
            "candidacy__person__name", "votes"
        )
    )


def test_grid_shows_every_candidacy_and_the_round_totals(editor_client, nc_contest):
    page = editor_client.get(desk_url(nc_contest, 2))
    body = page.content.decode()
    assert page.status_code == 200
    for name in ["Georges Naturel", "Pierre Frogier", "Robert Xowie", "Sonia Backès"]:
        assert name in body
    assert 'value="307"' in body and 'value="246"' in body and 'value="555"' in body
    assert "Prévisualiser" in body and "Enregistrer" in body
    assert "Robert Xowie (élu au second tour)" in body


def test_preview_shows_who_the_rules_elect_and_saves_nothing(editor_client, nc_contest):
    before = votes(nc_contest, 2)
    updates = ResultUpdate.objects.count()
    history = RoundResult.history.count()
    data = grid_post(nc_contest, 2, {"Robert Xowie": 250, "Sonia Backès": 303})
    data.pop("_save")
    data["_preview"] = "Prévisualiser"
    page = editor_client.post(desk_url(nc_contest, 2), data)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Aperçu" in body and "Sonia Backès (élue au second tour)" in body
    assert 'value="303"' in body  # the typed figures stay in the grid
    assert votes(nc_contest, 2) == before
    assert ResultUpdate.objects.count() == updates
    assert RoundResult.history.count() == history


def test_a_candidate_above_the_expressed_ballots_is_flagged_on_its_field(editor_client, nc_contest):
    backes = nc_contest.candidacies.get(person__name="Sonia Backès")
    page = editor_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Sonia Backès": 600})
    )
    form = page.context["form"]
    assert list(form.errors) == [vote_field(backes.pk)]
    assert (
        "Les voix de Sonia Backès (600) dépassent les exprimés (555)."
        in form.errors[vote_field(backes.pk)][0]
    )
    assert f'aria-describedby="{form[vote_field(backes.pk)].id_for_label}-error"' in (
        page.content.decode()
    )
    assert votes(nc_contest, 2)["Sonia Backès"] == 246


def test_inconsistent_totals_are_flagged_on_the_total_concerned(editor_client, nc_contest):
    page = editor_client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2, voters=600))
    assert page.context["form"].errors["voters"] == [
        "Les votants (600) dépassent les inscrits (578)."
    ]
    page = editor_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, blank=5, null=4, expressed=555)
    )
    assert "votants − blancs − nuls" in page.context["form"].errors["expressed"][0]
    assert nc_contest.rounds.get(number=2).blank is None


def test_votes_adding_up_above_the_ballots_are_a_grid_error(editor_client, nc_contest):
    # Round 2 fills one seat: each ballot names one candidate, 555 votes at most in all.
    page = editor_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Sonia Backès": 300})
    )
    assert "dépasse les exprimés × sièges à pourvoir" in page.context["form"].non_field_errors()[0]
    assert votes(nc_contest, 2)["Sonia Backès"] == 246


def test_save_writes_the_round_records_provenance_and_history(editor_client, editor, nc_contest):
    history = RoundResult.history.count()
    response = editor_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Sonia Backès": 240})
    )
    assert response.status_code == 302
    assert votes(nc_contest, 2)["Sonia Backès"] == 240
    update = nc_contest.updates.first()
    assert update.source == "Saisie de la rédaction"
    # One history row: the only row that changed, signed by the editor.
    assert RoundResult.history.count() == history + 1
    record = RoundResult.history.latest("history_date")
    assert record.history_user == editor and record.votes == 240 and record.history_type == "~"
    assert record.prev_record.votes == 246


def test_unchanged_grid_saves_nothing(editor_client, nc_contest):
    updates = ResultUpdate.objects.count()
    history = Round.history.count() + RoundResult.history.count()
    response = editor_client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2), follow=True)
    assert "Aucun changement" in response.content.decode()
    assert ResultUpdate.objects.count() == updates
    assert Round.history.count() + RoundResult.history.count() == history


def test_clearing_a_candidacy_removes_it_from_the_round(editor_client, nc_contest):
    editor_client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Macate Wenehoua": None}))
    assert "Macate Wenehoua" not in votes(nc_contest, 2)
    assert RoundResult.history.filter(history_type="-").count() == 1


def test_save_is_all_or_nothing(editor_client, nc_contest, monkeypatch):
    """The round totals are written first; a failing result row undoes them."""
    before_round = Round.objects.filter(pk=nc_contest.rounds.get(number=2).pk).values().get()
    before_votes = votes(nc_contest, 2)
    updates = ResultUpdate.objects.count()
    save = RoundResult.save

    def failing_save(self, *args, **kwargs):
        if self.votes == 245:
            raise RuntimeError("disk full")
        return save(self, *args, **kwargs)

    monkeypatch.setattr(RoundResult, "save", failing_save)
    editor_client.raise_request_exception = False
    data = grid_post(
        nc_contest,
        2,
        {"Robert Xowie": 306, "Sonia Backès": 245},
        voters=568,
        expressed=554,
        status="provisional",
    )
    response = editor_client.post(desk_url(nc_contest, 2), data)
    assert response.status_code == 500
    assert Round.objects.filter(pk=before_round["id"]).values().get() == before_round
    assert votes(nc_contest, 2) == before_votes
    assert Contest.objects.get(pk=nc_contest.pk).status == "final"
    assert ResultUpdate.objects.count() == updates


def test_a_new_round_is_created_from_the_grid(editor_client, make_contest):
    contest = make_contest(candidates=(("Ada Martin", 40, None), ("Léo Petit", 40, None)))
    ada, leo = contest.candidacies.order_by("pk")
    page = editor_client.get(desk_url(contest, 2))
    assert page.status_code == 200 and "Nouveau tour" in page.content.decode()
    data = {
        "status": "final",
        "registered": 100,
        "voters": 90,
        "expressed": 80,
        "is_final": "on",
        vote_field(ada.pk): 45,
        vote_field(leo.pk): 35,
        "_save": "Enregistrer",
    }
    assert editor_client.post(desk_url(contest, 2), data).status_code == 302
    round_2 = contest.rounds.get(number=2)
    assert round_2.expressed == 80 and round_2.results.count() == 2
    assert editor_client.get(desk_url(contest, 4)).status_code == 404


def test_journalist_reads_the_grid_but_cannot_save(journalist_client, nc_contest):
    page = journalist_client.get(desk_url(nc_contest, 2))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Lecture seule" in body and 'name="_save"' not in body
    response = journalist_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, {"Sonia Backès": 240})
    )
    assert response.status_code == 403
    assert votes(nc_contest, 2)["Sonia Backès"] == 246


def test_status_changes_from_the_grid_for_editors(editor_client, nc_contest):
    response = editor_client.post(
        desk_url(nc_contest, 2), grid_post(nc_contest, 2, status="provisional")
    )
    assert response.status_code == 302
    assert Contest.objects.get(pk=nc_contest.pk).status == "provisional"
    assert Contest.history.latest("history_date").status == "provisional"


def test_a_status_step_the_rules_refuse_is_a_form_error(editor_client, nc_contest):
    page = editor_client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2, status="upcoming"))
    assert page.status_code == 200
    assert "status" in page.context["form"].errors
    assert Contest.objects.get(pk=nc_contest.pk).status == "final"


def test_status_needs_its_permission_even_in_a_crafted_post(client, nc_contest):
    """A desk user without `change_contest_status` may save figures, never the status."""
    desk_only = [p for p in roles.EDITOR if p[1] != "change_contest_status"]
    client.force_login(make.user("saisie", permissions=desk_only))
    page = client.get(desk_url(nc_contest, 2))
    assert "disabled" in str(page.context["form"]["status"])
    page = client.post(desk_url(nc_contest, 2), grid_post(nc_contest, 2, status="provisional"))
    assert page.context["form"].errors["status"] == [
        "Vous n'avez pas le droit de changer le statut d'un scrutin."
    ]
    assert Contest.objects.get(pk=nc_contest.pk).status == "final"
    # The page does not send the disabled select: the figures are saved, the status kept.
    data = grid_post(nc_contest, 2, {"Sonia Backès": 240}, status=None)
    assert "status" not in data
    assert client.post(desk_url(nc_contest, 2), data).status_code == 302
    assert votes(nc_contest, 2)["Sonia Backès"] == 240
    assert Contest.objects.get(pk=nc_contest.pk).status == "final"
