"""An editor corrects a round of New Caledonia in the results desk: preview, a field error,
the save, and the public page."""

import re

import pytest

from elections.models import Contest
from newsroom.demo import elections as demo
from tests import factories as make
from tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def votes_input(page, name: str):
    return page.get_by_role("spinbutton", name=name, exact=True)


def test_editor_previews_fixes_and_saves_a_round(live_server, page, site):
    demo.load()
    make.user("editeur", "Éditeur", password="pw")
    contest = Contest.objects.get(constituency__code="988")

    log_in(page, live_server.url, "editeur", "pw")
    page.goto(f"{live_server.url}/admin/elections/contest/{contest.pk}/resultats/2/")
    assert votes_input(page, "Sonia Backès").input_value() == "246"

    # A corrected figure, previewed: the outcome is shown, nothing is saved yet.
    votes_input(page, "Sonia Backès").fill("244")
    assert page.locator("#desk-sum").inner_text() == "553 / 555"  # running sum, as typed
    page.get_by_role("button", name="Prévisualiser").click()
    preview = page.locator("#desk-preview")
    assert "Robert Xowie (élu au second tour)" in preview.inner_text()
    assert votes_input(page, "Sonia Backès").input_value() == "244"

    # A typo is pointed at its field, and the rest of the grid is kept.
    votes_input(page, "Robert Xowie").fill("3070")
    page.get_by_role("button", name="Enregistrer").click()
    xowie = votes_input(page, "Robert Xowie")
    assert xowie.get_attribute("aria-invalid") == "true"
    error_id = xowie.get_attribute("aria-describedby")
    assert "dépassent les exprimés" in page.locator(f"#{error_id}").inner_text()
    assert votes_input(page, "Sonia Backès").input_value() == "244"

    xowie.fill("309")
    page.get_by_role("button", name="Enregistrer").click()
    assert re.search(r"Tour 2 enregistré", page.locator(".messagelist").inner_text())
    assert votes_input(page, "Sonia Backès").input_value() == "244"

    page.goto(live_server.url + "/elections/senatoriales-2023/988/")
    table = page.locator(".results-table").inner_text()
    assert "244" in table and "309" in table
    assert page.console_errors == []
