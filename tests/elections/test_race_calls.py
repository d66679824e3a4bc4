"""Race calls: an editor calls a race from the results desk, readers see who called it,
when and on what source (contest page, its JSON, the article's results box, the map), a
call against the figures needs a confirmation and is flagged on the desk, a withdrawal is
shown with its reason, and journalists cannot call."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from elections.models import Contest, RaceCall
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def nc_contest(nc_contest):
    """The 988 contest without the demo's archived calls: called here afresh."""
    nc_contest.calls.all().delete()
    return nc_contest


def test_the_demo_timeline_goes_from_the_call_to_the_proclamation(client, senate_2023):
    contest = senate_2023.contests.get(constituency__code="988")
    assert list(contest.calls.values_list("kind", flat=True)) == ["called", "proclaimed"]
    page = client.get(contest.get_absolute_url()).content.decode()
    assert "Proclamé le 24 septembre 2023" in page
    assert "Annoncé par la rédaction le 24 septembre 2023" not in page  # the proclamation stands
    assert "le 24 septembre 2023 à" not in page  # the minute is not known: none is shown


def calls_url(contest: Contest) -> str:
    return reverse("admin:elections_contest_calls", args=[contest.pk])


def person_pk(contest: Contest, name: str) -> int:
    return contest.candidacies.get(person__name=name).person_id


def call_post(contest: Contest, kind: str, names=(), **fields) -> dict:
    data = {
        "kind": kind,
        "winners": [str(person_pk(contest, name)) for name in names],
        "source": "agency",
        "source_detail": "AFP",
        "note": "",
        "_call": "Annoncer",
    }
    return data | fields


WINNERS = ("Georges Naturel", "Robert Xowie")


def test_an_editor_calls_the_race_and_readers_see_who_when_and_source(editor_client, nc_contest):
    article = make.article(title="Sonia Backès battue", slug="backes-battue", contests=[nc_contest])
    response = editor_client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    assert response.status_code == 302
    call = RaceCall.objects.get(contest=nc_contest)
    assert call.kind == "called" and not call.against_count
    assert {p.name for p in call.winners.all()} == set(WINNERS)

    page = editor_client.get(nc_contest.get_absolute_url()).content.decode()
    assert "Annoncé par la rédaction le" in page
    assert "décision de Editeur" in page
    assert 'agence de presse (<span lang="fr">AFP</span>)' in page
    assert "Chronologie des annonces" in page

    data = json.loads(
        editor_client.get(
            reverse("elections:contest_json", args=[nc_contest.election.slug, "988"])
        ).content
    )
    assert data["call"]["state"] == "called"
    assert data["call"]["timeline"][0]["by"] == "Editeur"
    assert set(data["call"]["timeline"][0]["winners"]) == set(WINNERS)

    box = editor_client.get(article.get_absolute_url()).content.decode()
    assert "Annoncé par la rédaction le" in box
    panel = editor_client.get(
        reverse("elections:map", args=[nc_contest.election.slug]) + "?circonscription=988"
    ).content.decode()
    assert "Annoncé par la rédaction le" in panel


def test_a_call_against_the_figures_needs_a_confirmation_and_is_flagged(editor_client, nc_contest):
    against = call_post(nc_contest, "called", ("Georges Naturel", "Sonia Backès"))
    refused = editor_client.post(calls_url(nc_contest), against)
    assert refused.status_code == 200
    assert escape("Les chiffres saisis donnent d'autres élus") in refused.content.decode()
    assert not RaceCall.objects.exists()

    confirmed = editor_client.post(calls_url(nc_contest), against | {"confirm": "on"})
    assert confirmed.status_code == 302
    assert RaceCall.objects.get().against_count
    desk = editor_client.get(reverse("admin:index")).content.decode()
    assert "Annonces contre les chiffres saisis" in desk
    assert calls_url(nc_contest) in desk


def test_a_withdrawn_call_is_shown_with_its_reason(editor_client, nc_contest):
    editor_client.post(calls_url(nc_contest), call_post(nc_contest, "projection", WINNERS))
    editor_client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    called = RaceCall.objects.get(kind="called")

    empty = editor_client.post(
        calls_url(nc_contest), {"call": called.pk, "reason": " ", "_withdraw": "Retirer"}
    )
    assert "Donnez la raison du retrait" in empty.content.decode()
    reason = "Le second tour n'était pas encore dépouillé."
    done = editor_client.post(
        calls_url(nc_contest), {"call": called.pk, "reason": reason, "_withdraw": "Retirer"}
    )
    assert done.status_code == 302

    page = editor_client.get(nc_contest.get_absolute_url()).content.decode()
    assert "Annonce retirée le" in page
    assert escape(reason) in page
    # The projection made before stands again.
    assert "Projection de la rédaction le" in page


def test_a_call_cannot_go_back_a_step(editor_client, nc_contest):
    editor_client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    back = editor_client.post(calls_url(nc_contest), call_post(nc_contest, "projection", WINNERS))
    assert back.status_code == 200
    assert RaceCall.objects.count() == 1


def test_journalists_read_the_calls_but_cannot_call(journalist_client, nc_contest):
    page = journalist_client.get(calls_url(nc_contest))
    assert page.status_code == 200
    assert "seuls les éditeurs annoncent" in page.content.decode()
    posted = journalist_client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    assert posted.status_code == 403
    assert not RaceCall.objects.exists()


def test_a_proclamation_names_the_recorded_official_winners(editor_client, nc_contest):
    response = editor_client.post(
        calls_url(nc_contest),
        call_post(nc_contest, "proclaimed", source="prefecture", source_detail="Haut-commissariat"),
    )
    assert response.status_code == 302
    page = editor_client.get(nc_contest.get_absolute_url()).content.decode()
    assert "Proclamé le" in page


def test_only_the_latest_call_is_withdrawn_and_bad_requests_say_why(editor_client, nc_contest):
    editor_client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    editor_client.post(calls_url(nc_contest), call_post(nc_contest, "contested", source="court"))
    called = RaceCall.objects.get(kind="called")
    refused = editor_client.post(
        calls_url(nc_contest), {"call": called.pk, "reason": "Erreur", "_withdraw": "Retirer"}
    )
    assert escape("Retirez d'abord l'annonce la plus récente.") in refused.content.decode()
    assert not RaceCall.objects.get(pk=called.pk).withdrawn
    # The contested call names nobody: it disagrees with no figure.
    assert not RaceCall.objects.get(kind="contested").against_count
    garbled = editor_client.post(calls_url(nc_contest), {"call": "abc", "_withdraw": "Retirer"})
    assert escape("Choisissez l'annonce à retirer.") in garbled.content.decode()


def test_an_editor_without_a_name_is_not_named_to_readers(client, nc_contest):
    anonymous_editor = make.user("sans-nom", "Éditeur", first_name="", last_name="")
    client.force_login(anonymous_editor)
    client.post(calls_url(nc_contest), call_post(nc_contest, "called", WINNERS))
    client.logout()
    page = client.get(nc_contest.get_absolute_url()).content.decode()
    assert "Annoncé par la rédaction le" in page
    assert "décision de" not in page and "sans-nom" not in page
