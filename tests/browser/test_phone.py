"""A reader on a phone (360 px wide): the menu folds and opens, with or without JavaScript."""

import pytest

from newsroom.demo import content as demo_content
from newsroom.demo.management.commands.seed_demo import LOADERS
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def demo_newsroom(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for loader in LOADERS:  # people, elections, articles
        loader.load()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_menu_opens_and_closes_on_a_phone(live_server, browser, demo_newsroom, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/")
    sections = page.locator(".site-nav ul")
    assert sections.is_hidden()
    page.get_by_role("link", name="Menu", exact=True).click()
    assert sections.is_visible()
    link = page.locator(".site-nav ul a", has_text="Personnes")
    assert link.bounding_box()["height"] >= 44  # a finger's target
    page.get_by_role("link", name="Fermer le menu").click()
    assert sections.is_hidden()
    close_when_idle(context)


def test_the_menu_stays_open_on_a_wide_screen(live_server, page, demo_newsroom):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    assert page.locator(".site-nav ul").is_visible()
    assert page.get_by_role("link", name="Menu", exact=True).is_hidden()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        f"/article/{demo_content.DEFEAT}/",
        "/personnes/",
        "/personnes/sonia-backes/",
        "/elections/senatoriales-2023/",
        "/elections/senatoriales-2023/988/",
    ],
)
def test_reader_pages_do_not_scroll_sideways_on_a_phone(live_server, browser, demo_newsroom, path):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width} px wide"
    close_when_idle(context)
