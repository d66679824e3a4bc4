"""An editor writes, links, previews and publishes an article; a reader then loads it."""

import pytest

from newsroom.articles.models import Article, Status
from newsroom.articles.roles import EDITOR
from newsroom.demo import elections as elections_demo
from newsroom.demo import people as people_demo
from newsroom.people.models import Person
from tests import factories as make
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Sonia Backès battue aux sénatoriales"


@pytest.fixture
def newsroom(site):
    people_demo.load()
    elections_demo.load()
    make.section(name="Politique")
    make.user("editeur", EDITOR, password="editeur-demo")


def choose(page, field: str, search: str, option: str) -> None:
    """Pick `option` in the admin's autocomplete (select2) widget for `field`."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_editor_writes_links_previews_publishes_and_a_reader_reads_it(
    live_server, page, browser, newsroom
):
    backes = Person.objects.get(name__contains="Backès")
    page.goto(live_server.url + "/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "editeur")
    page.fill("#id_password", "editeur-demo")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/articles/article/add/")
    assert page.locator("#site-name").inner_text() == "Rédaction"

    # Contenu: the slug follows the title while it is a draft; the body is rich text.
    page.locator("#id_title").press_sequentially(TITLE)
    assert page.input_value("#id_slug") == "sonia-backes-battue-aux-senatoriales"
    page.fill("#id_standfirst", "La secrétaire d'État perd son pari en Nouvelle-Calédonie.")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("Le second tour a départagé les candidats.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Un résultat net.")

    # Liens: a person and the New Caledonia contest through autocomplete.
    page.select_option("#id_section", label="Politique")
    choose(page, "persons", "Backès", backes.name)
    choose(page, "contests", "Calédonie", "Nouvelle-Calédonie")
    page.locator("input[name=_continue]").click()
    page.wait_for_url("**/change/")
    article = Article.objects.get(title=TITLE)
    assert article.status == Status.DRAFT
    assert "<strong>Un résultat net.</strong>" in article.body
    assert list(article.persons.all()) == [backes]
    assert article.contests.get().constituency.code == "988"

    # Preview: the real article page, marked as unpublished.
    preview_url = page.get_by_role("link", name="Aperçu").get_attribute("href")
    page.goto(live_server.url + preview_url)
    assert page.locator("h1").inner_text() == TITLE
    assert page.locator(".preview-banner").is_visible()
    assert page.locator(".article-body strong").inner_text() == "Un résultat net."
    page.go_back()

    # Publish now: no date given means now.
    page.select_option("#id_status", "published")
    page.locator("input[name=_save]").click()
    page.wait_for_url("**/admin/articles/article/")
    assert page.locator(".status-badge--published").first.is_visible()
    article.refresh_from_db()
    assert article.is_public

    # A reader, not logged in, in a fresh browser context.
    reader_context = browser.new_context(locale="fr-FR")
    reader = reader_context.new_page()
    reader_errors = []
    reader.on("console", lambda m: reader_errors.append(m.text) if m.type == "error" else None)
    reader.on("pageerror", lambda error: reader_errors.append(str(error)))
    response = reader.goto(live_server.url + article.get_absolute_url())
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    assert reader.locator(".preview-banner").count() == 0
    assert reader.get_by_text("Un résultat net.").is_visible()
    assert reader.get_by_role("link", name=backes.name).first.is_visible()
    assert "Nouvelle-Calédonie" in reader.locator("main").inner_text()
    close_when_idle(reader_context)
    assert reader_errors == []
    assert page.console_errors == []
