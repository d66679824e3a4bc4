"""The contest status is guarded on the server by every admin route that can set it: the
contest change form, the history "revert" form, the status actions and the CSV upload."""

import pytest
from django.urls import reverse

from elections.models import Contest
from tests import factories as make

from . import test_results_desk_roles as roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(client, db):
    """A staff member who may enter results but not change a status."""
    pairs = [p for p in roles.EDITOR if p[1] != "change_contest_status"]
    client.force_login(make.user("saisie", permissions=pairs))
    return client


def form_values(form, prefix_data: dict) -> None:
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        prefix_data[form.add_prefix(name)] = "on" if value is True else value


def change_form_post(client, url: str, **overrides) -> dict:
    """The change form as the browser would send it untouched, with `overrides`."""
    page = client.get(url)
    data: dict = {}
    form_values(page.context["adminform"].form, data)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        form_values(formset.management_form, data)
        for form in formset.forms:
            form_values(form, data)
    data.update(overrides)
    return data


def status_of(contest: Contest) -> str:
    return Contest.objects.get(pk=contest.pk).status


def change_url(contest: Contest) -> str:
    return reverse("admin:elections_contest_change", args=[contest.pk])


def test_editor_moves_the_status_from_the_contest_form(editor_client, nc_contest):
    data = change_form_post(editor_client, change_url(nc_contest), status="provisional")
    response = editor_client.post(change_url(nc_contest), data)
    assert response.status_code == 302
    assert status_of(nc_contest) == "provisional"


def test_contest_form_refuses_a_step_the_rules_forbid(editor_client, nc_contest):
    data = change_form_post(editor_client, change_url(nc_contest), status="upcoming")
    response = editor_client.post(change_url(nc_contest), data)
    assert "ne peut pas passer" in response.content.decode()
    assert status_of(nc_contest) == "final"


def test_contest_form_refuses_a_crafted_status_without_the_permission(desk_client, nc_contest):
    page = desk_client.get(change_url(nc_contest))
    assert "disabled" in str(page.context["adminform"].form["status"])
    data = change_form_post(desk_client, change_url(nc_contest), status="provisional")
    response = desk_client.post(change_url(nc_contest), data)
    assert response.status_code == 200
    assert "Vous n&#x27;avez pas le droit de changer le statut" in response.content.decode()
    assert status_of(nc_contest) == "final"
    # Without the status in the POST (the disabled select), the rest of the form saves.
    data.pop("status")
    assert desk_client.post(change_url(nc_contest), {**data, "seats": 2}).status_code == 302


def test_journalist_cannot_post_the_contest_form(editor_client, journalist, nc_contest):
    data = change_form_post(editor_client, change_url(nc_contest), status="provisional")
    editor_client.force_login(journalist)
    assert editor_client.post(change_url(nc_contest), data).status_code == 403
    assert status_of(nc_contest) == "final"


def test_history_revert_form_guards_the_status_too(desk_client, nc_contest):
    nc_contest.status = "provisional"
    nc_contest.save()
    nc_contest.status = "final"
    nc_contest.save()
    older = nc_contest.history.get(status="provisional")
    url = reverse("admin:elections_contest_simple_history", args=[nc_contest.pk, older.pk])
    data = {
        "election": nc_contest.election_id,
        "constituency": nc_contest.constituency_id,
        "seats": 2,
        "system": "majoritarian",
        "status": "provisional",
    }
    response = desk_client.post(url, data)
    assert response.status_code == 200
    assert status_of(nc_contest) == "final"


def action_post(client, contest: Contest, action: str):
    return client.post(
        reverse("admin:elections_contest_changelist"),
        {"action": action, "_selected_action": [contest.pk], "index": 0},
        follow=True,
    )


def test_editor_status_actions_follow_the_rules(editor_client, nc_contest, make_contest):
    other = make_contest(status="counting")
    action_post(editor_client, nc_contest, "mark_provisional")
    assert status_of(nc_contest) == "provisional"
    response = action_post(editor_client, other, "mark_upcoming")
    assert status_of(other) == "upcoming"
    response = action_post(editor_client, nc_contest, "mark_upcoming")
    assert "Passage refusé par les règles" in response.content.decode()
    assert status_of(nc_contest) == "provisional"
    assert nc_contest.history.latest("history_date").history_user.username == "editeur"


@pytest.mark.parametrize("persona", ["journalist_client", "desk_client"])
def test_status_actions_are_refused_without_the_permission(request, persona, nc_contest):
    client = request.getfixturevalue(persona)
    page = client.get(reverse("admin:elections_contest_changelist"))
    assert "mark_provisional" not in page.content.decode()
    action_post(client, nc_contest, "mark_provisional")
    assert status_of(nc_contest) == "final"


def test_importing_results_sets_statuses_so_it_needs_that_permission(desk_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import NC_CSV

    data = {"kind": "results", "source": "Test", "source_url": "", "election": ""}
    data["file"] = SimpleUploadedFile("r.csv", NC_CSV.read_bytes(), content_type="text/csv")
    response = desk_client.post(reverse("admin:elections_contest_import"), data)
    assert "il faut aussi le droit de changer le statut" in response.content.decode()
    assert not Contest.objects.exists()
