"""A reader on a phone (360 px wide): the menu folds and opens, with or without JavaScript;
no page scrolls sideways (nor on a wide screen); the map's overseas insets are a finger's
target."""

import pytest

from newsroom.demo import content as demo_content
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
WIDE = {"width": 1280, "height": 800}


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


READER_PAGES = [
    "/",
    f"/article/{demo_content.DEFEAT}/",
    "/personnes/",
    "/personnes/sonia-backes/",
    "/elections/senatoriales-2023/",
    "/elections/senatoriales-2023/988/",
    "/elections/senatoriales-2023/carte/",
    "/recherche/?q=Back%C3%A8s",
    "/rubrique/territoires/",
    "/dossier/nouvelle-caledonie/",
]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["360px", "1280px"])
def test_reader_pages_do_not_scroll_sideways(live_server, browser, demo_newsroom, viewport):
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    page = context.new_page()
    too_wide = {}
    for path in READER_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > viewport["width"]:
            too_wide[path] = width
    assert too_wide == {}
    close_when_idle(context)


def test_the_maps_overseas_insets_are_a_fingers_target_on_a_phone(
    live_server, browser, demo_newsroom
):
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/elections/senatoriales-2023/carte/")
    targets = page.locator("a.map-shape:has(rect.map-hit)")
    assert targets.count() >= 6  # the overseas constituencies renewed in 2023
    small = {}
    for index in range(targets.count()):
        target = targets.nth(index)
        box = target.bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            small[target.get_attribute("data-code")] = (round(box["width"]), round(box["height"]))
    assert small == {}
    # The whole inset opens the territory, not only its islands.
    caledonia = page.locator('a.map-shape[data-code="988"]')
    caledonia.scroll_into_view_if_needed()
    box = caledonia.bounding_box()
    page.mouse.click(box["x"] + 3, box["y"] + box["height"] - 3)
    page.wait_for_url("**circonscription=988**")
    close_when_idle(context)
