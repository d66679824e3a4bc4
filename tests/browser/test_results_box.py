"""In a browser, the defeat article's results box shows the second round's figures, which
it loads from the contest when the page is shown."""

import pytest

from newsroom.demo import content as demo_content
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_defeat_article_box_shows_307_and_246(live_server, browser, demo_newsroom):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{live_server.url}/article/{demo_content.DEFEAT}/")
    box = page.locator(".results-box")
    rows = box.locator(".results-box__table tbody tr")
    rows.first.wait_for()
    assert rows.nth(0).inner_text().split("\t")[1:] == ["307", "55,32 %"]
    assert rows.nth(1).inner_text().split("\t")[1:] == ["246", "44,32 %"]
    assert "Robert Xowie" in rows.nth(0).inner_text()
    assert "élu au second tour" in rows.nth(0).inner_text()
    close_when_idle(context)
