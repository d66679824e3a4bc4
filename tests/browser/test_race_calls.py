"""An editor calls the New Caledonia race from the results desk, in Chromium: the contest
page and an article's results box show who called it and when; the call is withdrawn and
readers see the withdrawal with its reason."""

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from elections.models import Contest
from newsroom.demo import elections as demo
from tests import factories as make
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Le décompte du second tour n'était pas terminé."


def minute() -> str:
    return date_format(timezone.localtime(), "G \\h i")


def test_an_editor_calls_then_withdraws_and_readers_see_both(live_server, page, reader, site):
    demo.load()
    contest = Contest.objects.get(constituency__code="988")
    contest.calls.all().delete()  # the archived timeline: called again here
    article = make.article(title="La soirée électorale", slug="soiree", contests=[contest])
    make.user("editeur", "Éditeur", password="pw")

    log_in(page, live_server.url, "editeur", "pw")
    page.goto(f"{live_server.url}/admin/elections/contest/{contest.pk}/annonces/")
    page.select_option("#id_kind", "called")
    page.get_by_label("Georges Naturel").check()
    page.get_by_label("Robert Xowie").check()
    page.select_option("#id_source", "agency")
    page.fill("#id_source_detail", "AFP")
    before = minute()
    page.get_by_role("button", name="Annoncer").click()
    assert "Annonce enregistrée" in page.locator(".messagelist").inner_text()
    minutes = {before, minute()}

    seen = reader(live_server.url + contest.get_absolute_url())
    state = seen.locator("#contest-results .call-state").inner_text()
    assert state.startswith("Annoncé par la rédaction le")
    assert any(shown in state for shown in minutes)
    assert "décision de Editeur" in state and "AFP" in state
    seen = reader(live_server.url + article.get_absolute_url())
    box = seen.locator(".results-box .call-state").inner_text()
    assert "Annoncé par la rédaction" in box and "décision de Editeur" in box

    page.fill("textarea[name=reason]", REASON)
    page.get_by_role("button", name="Retirer cette annonce").click()
    assert "Annonce retirée" in page.locator(".messagelist").inner_text()

    seen = reader(live_server.url + contest.get_absolute_url())
    withdrawn = seen.locator("#contest-results .call-withdrawn").inner_text()
    assert "Annonce retirée le" in withdrawn and REASON in withdrawn
    # No call stands any more: the figures' status alone says where the result is.
    assert seen.locator("#contest-results .call-state").count() == 0
    assert "résultats définitifs" in seen.locator(".contest-status").inner_text().lower()
    seen = reader(live_server.url + article.get_absolute_url())
    assert REASON in seen.locator(".results-box").inner_text()
    assert page.console_errors == []
