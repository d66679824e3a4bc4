import pytest

from newsroom.demo import elections as demo
from tests.browser import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_CALEDONIA = 'svg a.map-shape[data-code="988"]'
# A point inside the island's outline (the centre of its box is sea), in page pixels.
POINT_INSIDE = """(selector) => {
  const path = document.querySelector(selector + " path");
  const box = path.getBBox();
  const matrix = path.getScreenCTM();
  for (let i = 1; i < 20; i++) {
    for (let j = 1; j < 20; j++) {
      const point = new DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20);
      if (!path.isPointInFill(point)) continue;
      const screen = point.matrixTransform(matrix);
      if (document.elementFromPoint(screen.x, screen.y) === path) return [screen.x, screen.y];
    }
  }
  return null;
}"""


def test_map_panel_opens_by_click_and_keyboard_and_the_back_button_closes_it(
    live_server, page, site
):
    demo.load()
    url = live_server.url + "/elections/senatoriales-2023/carte/"
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    panel = page.locator("#map-panel")
    assert "Choisissez une circonscription" in panel.inner_text()

    # Click: the panel arrives by htmx and the URL names the constituency.
    page.locator(NEW_CALEDONIA).scroll_into_view_if_needed()
    x, y = page.evaluate(POINT_INSIDE, NEW_CALEDONIA)
    page.mouse.move(x, y)
    assert page.locator("#map-tooltip").inner_text() == "Nouvelle-Calédonie — 2 sièges"
    page.mouse.click(x, y)
    page.wait_for_url(url + "?circonscription=988")
    page.wait_for_selector('#map-panel [data-code="988"]')
    text = panel.inner_text()
    for expected in ("Nouvelle-Calédonie", "Georges Naturel", "Robert Xowie", "FLNKS"):
        assert expected in text
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(NEW_CALEDONIA).get_attribute("class") == "map-shape is-selected"

    # Back: the URL and the closed panel come back.
    page.go_back()
    page.wait_for_url(url)
    wait_until(page, "!document.querySelector('#map-panel [data-code]')")
    assert "Choisissez une circonscription" in panel.inner_text()

    # Keyboard: focus shows the tooltip, Enter opens the panel and moves focus into it.
    page.locator(NEW_CALEDONIA).focus()
    tooltip = page.locator("#map-tooltip")
    assert tooltip.is_visible() and tooltip.inner_text() == "Nouvelle-Calédonie — 2 sièges"
    page.keyboard.press("Enter")
    page.wait_for_url(url + "?circonscription=988")
    page.wait_for_selector('#map-panel [data-code="988"]')
    assert page.evaluate("document.activeElement.id") == "map-panel-title"

    # Closing sends the keyboard back to the shape.
    page.get_by_role("link", name="Fermer").press("Enter")
    page.wait_for_url(url)
    wait_until(page, "!document.querySelector('#map-panel [data-code]')")
    assert page.evaluate("document.activeElement.getAttribute('data-code')") == "988"
    assert page.evaluate("window.notReloaded") is True
    assert page.console_errors == []


def test_shared_panel_url_opens_with_the_panel_and_search_finds_a_senator(live_server, page, site):
    demo.load()
    url = live_server.url + "/elections/senatoriales-2023/carte/"
    page.goto(url + "?circonscription=988")
    assert "Robert Xowie" in page.locator("#map-panel").inner_text()

    page.get_by_label("Une circonscription ou un sénateur").fill("girardin")
    result = page.locator("#map-search-results a", has_text="Annick Girardin")
    result.wait_for()
    result.click()
    page.wait_for_url(url + "?circonscription=975")
    page.wait_for_selector('#map-panel [data-code="975"]')
    assert "Saint-Pierre-et-Miquelon" in page.locator("#map-panel").inner_text()
    assert page.console_errors == []
