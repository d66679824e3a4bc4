import pytest

from newsroom.articles.pagination import PER_PAGE
from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_voir_plus_appends_the_next_page_without_reloading(live_server, page, site, section):
    make.articles(PER_PAGE + 3, section)
    page.goto(live_server.url + "/rubrique/politique/")
    items = page.locator(".article-list__item")
    assert items.count() == PER_PAGE
    page.evaluate("window.notReloaded = true")

    page.get_by_role("link", name="Voir plus").click()
    items.nth(PER_PAGE + 2).wait_for()
    assert items.count() == PER_PAGE + 3
    assert page.get_by_role("link", name="Voir plus").count() == 0
    assert page.evaluate("window.notReloaded") is True
    assert page.url == live_server.url + "/rubrique/politique/"
    assert page.console_errors == []


SEARCH_LABEL = "Rechercher un article, une personne, un scrutin"


def test_search_results_update_as_you_type(live_server, page, site, section):
    make.article(section, slug="battue", title="Sonia Backès battue en Nouvelle-Calédonie")
    make.article(section, slug="demission", title="Sonia Backès présente sa démission")
    make.article(section, slug="budget", title="Le budget de la Sécurité sociale")
    page.goto(live_server.url + "/recherche/")
    page.evaluate("window.notReloaded = true")

    page.get_by_label(SEARCH_LABEL).press_sequentially("Backès", delay=30)
    results = page.locator(".search-result")
    results.nth(1).wait_for()
    assert results.count() == 2
    assert page.locator(".search-result mark").first.inner_text() == "Backès"
    assert "q=Back" in page.url  # the query is in the address bar, to share or reload
    assert page.evaluate("window.notReloaded") is True

    page.get_by_label(SEARCH_LABEL).fill("budget")
    page.get_by_role("link", name="Le budget de la Sécurité sociale").wait_for()
    assert results.count() == 1
    assert page.console_errors == []
