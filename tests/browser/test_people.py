import pytest

from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(site):
    flnks = make.organisation(name="FLNKS", kind="coalition")
    uc = make.organisation(name="Union calédonienne", slug="uc", parent=flnks)
    renaissance = make.organisation(name="Renaissance")
    make.membership(make.person(name="Robert Xowie", family_name="Xowie"), uc)
    make.membership(make.person(name="Sonia Backès", family_name="Backès"), renaissance)


def test_organisation_filter_swaps_the_list_without_reloading(live_server, page, people):
    page.goto(live_server.url + "/personnes/")
    page.evaluate("window.notReloaded = true")
    list_ = page.locator("#people-list")
    assert list_.get_by_role("link", name="Sonia Backès").is_visible()

    page.get_by_label("Organisation").select_option("flnks")
    page.wait_for_url(live_server.url + "/personnes/?organisation=flnks")
    assert list_.get_by_role("link", name="Robert Xowie").is_visible()
    assert list_.get_by_role("link", name="Sonia Backès").count() == 0
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no page load
    assert page.locator("h1").count() == 1  # the fragment did not bring a second page

    page.locator("#people-list").get_by_role("link", name="X", exact=True).click()
    page.wait_for_url(live_server.url + "/personnes/?organisation=flnks&lettre=X")
    assert list_.get_by_role("link", name="Robert Xowie").is_visible()
    assert page.evaluate("window.notReloaded") is True
    assert page.console_errors == []
