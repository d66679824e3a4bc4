import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_loads_in_french_and_english_without_console_errors(live_server, page, site, section):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("link", name="Politique").first.is_visible()

    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    # htmx loaded from our own static files and initialised.
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.console_errors == []
