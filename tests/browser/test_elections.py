import pytest

from newsroom.demo import elections as demo
from tests.browser import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_round_tabs_swap_without_reload_and_keep_history(live_server, page, site):
    demo.load()
    url = live_server.url + "/elections/senatoriales-2023/988/"
    page.goto(url)
    heading = page.locator("#round-title")
    assert heading.inner_text().startswith("Second tour")
    page.evaluate("window.notReloaded = true")

    page.get_by_role("link", name="Premier tour", exact=True).click()
    page.wait_for_url(url + "?tour=1")
    wait_until(page, "document.querySelector('#round-title').innerText.startsWith('Premier')")
    assert "351" in page.locator(".results-table").inner_text()
    assert page.evaluate("window.notReloaded") is True
    first_round = page.get_by_role("link", name="Premier tour", exact=True)
    assert first_round.get_attribute("aria-current") == "page"

    page.go_back()
    page.wait_for_url(url)
    wait_until(page, "document.querySelector('#round-title').innerText.startsWith('Second')")
    assert "307" in page.locator(".results-table").inner_text()
    assert page.console_errors == []
