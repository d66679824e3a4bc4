"""The article form in French and safe to type in: date shortcuts, editor toolbar, the
guard against leaving unsaved changes, and the live word count."""

import pytest

from newsroom.articles.roles import EDITOR
from tests import factories as make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGLISH = {"bold", "italic", "undo", "redo", "Insert table", "paragraph", "heading 2"}


@pytest.fixture
def add_form(live_server, page, site):
    make.section(name="Politique")
    make.user("editeur", EDITOR, password="editeur-demo")
    page.goto(live_server.url + "/admin/login/?next=/admin/articles/article/add/")
    page.fill("#id_username", "editeur")
    page.fill("#id_password", "editeur-demo")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/articles/article/add/")
    page.locator(".prose-menubar").wait_for()
    return page


def test_date_shortcuts_and_editor_toolbar_are_in_french(add_form):
    page = add_form
    shortcuts = " ".join(page.locator(".datetimeshortcuts").all_inner_texts())
    assert "Aujourd’hui" in shortcuts or "Aujourd'hui" in shortcuts
    assert "Maintenant" in shortcuts
    assert "Today" not in shortcuts and "Now" not in shortcuts

    titles = page.eval_on_selector_all(".prose-menubar [title]", "els => els.map(e => e.title)")
    assert {"Gras", "Italique", "Insérer un tableau", "Annuler", "Rétablir"} <= set(titles)
    assert ENGLISH.isdisjoint(titles)
    page.locator(".prose-menubar__selected").click()
    options = page.locator(".prose-menubar__picker").inner_text()
    assert "Titre 2" in options and "Paragraphe" in options and "Heading" not in options
    # The style menu's arrow is drawn, not the "⏷" most fonts lack (an empty box).
    arrow = page.eval_on_selector(
        ".prose-menubar__selected", "e => getComputedStyle(e, '::after').content"
    )
    assert arrow == '""'
    assert page.console_errors == []


def test_leaving_with_unsaved_text_asks_but_saving_does_not(add_form):
    page = add_form
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("#id_title").press_sequentially("Un titre")
    page.locator("#site-name a").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/admin/articles/article/add/")

    # Saving goes through without a question (the form comes back with its errors).
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    assert dialogs == ["beforeunload"]
    assert page.input_value("#id_title") == "Un titre"


def test_typing_in_the_editor_counts_as_unsaved(add_form):
    page = add_form
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.type("Un mot.")
    page.locator("#site-name a").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]


def test_word_count_follows_the_editor(add_form):
    page = add_form
    count = page.locator(".word-count")
    assert count.inner_text() == "0 mot · 0 min de lecture"
    page.locator(".prose-editor [contenteditable=true]").click()
    page.keyboard.type("Le second tour a départagé les candidats.")
    assert count.inner_text() == "7 mots · 1 min de lecture"
    page.keyboard.press("Enter")
    page.keyboard.type(" ".join(["mot"] * 230))
    assert count.inner_text() == "237 mots · 2 min de lecture"
