"""A newsroom's day in the admin, each step by the role that takes it, in Chromium: a
journalist writes (and is warned before leaving unsaved text), submits; the editor finds
it on the desk and sends it back with a reason; the journalist reads the reason, fixes,
resubmits; the editor schedules its publication and its withdrawal; after that time its
address answers 410 with the notice and no listing shows it. Then every page staff met
is read for English."""

import datetime
import re
import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from newsroom.articles.models import Article, Status
from newsroom.articles.roles import EDITOR, JOURNALIST
from tests import factories as make
from tests.browser import close_when_idle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Il manque la réaction de Sonia Backès."

# Words of Django's and the editor's English interface: none may be seen by staff.
ENGLISH = re.compile(
    r"\b(Today|Now|Yesterday|Tomorrow|Save|Delete|History|Change|Add|Home|Log out|"
    r"None|Filter|Search|View site|Choose|Cancel|Note: You are|hours? behind|"
    r"Forbidden|Not Found|Server Error|Bold|Italic|Insert|Heading|Paragraph|Undo|Redo)\b"
)


def staff_page(browser, live_server, username: str, group: str):
    make.user(username, group, password=f"{username}-demo")
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-demo")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(live_server.url + "/admin/")
    return context, page


def visible_english(page) -> list[str]:
    """English words in what the page shows: its text and its tooltips."""
    shown = page.evaluate(
        """() => document.body.innerText + "\\n" +
        [...document.querySelectorAll("[title]")].map((e) => e.title).join("\\n")"""
    )
    return ENGLISH.findall(shown)


def local(moment: datetime.datetime) -> tuple[str, str]:
    moment = timezone.localtime(moment)
    return f"{moment:%d/%m/%Y}", f"{moment:%H:%M:%S}"


@pytest.fixture
def newsroom(browser, live_server, site):
    make.section(name="Politique")
    journalist = staff_page(browser, live_server, "journaliste", JOURNALIST)
    editor = staff_page(browser, live_server, "editeur", EDITOR)
    yield journalist[1], editor[1]
    for context, _page in (journalist, editor):
        close_when_idle(context)


def test_a_piece_from_draft_to_withdrawal(newsroom, browser, live_server):
    writer, editor = newsroom
    seen = {}

    # The journalist writes; leaving with unsaved text asks first.
    writer.goto(live_server.url + "/admin/articles/article/add/")
    writer.fill("#id_title", "Sénatoriales : la Nouvelle-Calédonie a voté")
    writer.fill("#id_standfirst", "Les grands électeurs ont voté dimanche matin.")
    writer.locator(".ProseMirror[contenteditable=true]").click()
    writer.keyboard.type("Le scrutin s'est tenu plus tôt qu'en métropole.")
    writer.select_option("#id_section", label="Politique")
    dialogs = []
    writer.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    writer.locator("#site-name a").click()
    writer.wait_for_timeout(300)
    assert dialogs == ["beforeunload"] and "/add/" in writer.url
    writer.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    writer.wait_for_url(re.compile(r".*/change/$"))
    article = Article.objects.get(slug="senatoriales-la-nouvelle-caledonie-a-vote")
    seen["form"] = visible_english(writer)

    # ... and submits it with a note: the editors are told by e-mail.
    open_submission(writer)
    writer.fill("#id_review_note", "Chiffres de la préfecture vérifiés.")
    writer.locator("details button", has_text="Soumettre pour relecture").click()
    writer.wait_for_selector("text=les éditeurs sont prévenus")
    assert [sent.to for sent in mail.outbox] == [["editeur@example.org"]]

    # The editor finds it on the desk and sends it back; a reason is required.
    editor.reload()
    seen["desk"] = visible_english(editor)
    waiting = editor.locator("#desk-waiting + ul")
    assert "Chiffres de la préfecture vérifiés." in waiting.inner_text()
    waiting.get_by_role("link", name="Sénatoriales : la Nouvelle-Calédonie a voté").click()
    editor.get_by_role("link", name="Renvoyer à l'auteur").click()
    editor.get_by_role("button", name="Renvoyer à l’auteur").click()
    assert editor.locator("text=Dites à l'auteur ce qui est à revoir.").is_visible()
    editor.fill("#id_reason", REASON)
    editor.get_by_role("button", name="Renvoyer à l’auteur").click()
    editor.wait_for_selector("text=Article renvoyé à son auteur")
    assert mail.outbox[-1].to == ["journaliste@example.org"]

    # The journalist reads the reason, fixes the piece and submits it again.
    writer.reload()
    assert REASON in writer.locator(".review-thread").inner_text()
    writer.fill("#id_standfirst", "Les grands électeurs ont voté ; Sonia Backès a réagi.")
    writer.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    writer.wait_for_selector("text=a été modifié")
    open_submission(writer)
    writer.locator("details button", has_text="Soumettre pour relecture").click()
    writer.wait_for_selector("text=les éditeurs sont prévenus")

    # The editor schedules its publication and, a few seconds later, its withdrawal.
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    out, gone = timezone.now() + datetime.timedelta(seconds=4), None
    gone = out + datetime.timedelta(seconds=4)
    editor.select_option("#id_status", Status.PUBLISHED.value)
    for field, moment in (("published_at", out), ("unpublish_at", gone)):
        day, hour = local(moment)
        editor.fill(f"#id_{field}_0", day)
        editor.fill(f"#id_{field}_1", hour)
    editor.fill("#id_retraction_reason", "Publié avant la confirmation des chiffres.")
    editor.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    editor.wait_for_selector("text=a été modifié")
    thread = editor.locator(".review-thread").inner_text()
    assert thread.count("Soumis pour relecture") == 2 and "Validé" in thread
    history = f"{live_server.url}/admin/articles/article/{article.pk}/history/"
    editor.goto(history)
    seen["history"] = visible_english(editor)
    assert "Statut : en relecture → publié" in editor.locator("#change-history").inner_text()

    reader = browser.new_context(locale="fr-FR")
    try:
        url = live_server.url + article.get_absolute_url()
        wait_until(out + datetime.timedelta(seconds=0.5))
        assert reader.request.get(url).status == 200
        wait_until(gone + datetime.timedelta(seconds=0.5))
        response = reader.request.get(url)
        assert response.status == 410
        assert "Publié avant la confirmation des chiffres." in response.text()
        for listing in ("/", "/rubrique/politique/", "/flux/", "/sitemap.xml"):
            assert article.slug not in reader.request.get(live_server.url + listing).text()
    finally:
        close_when_idle(reader)

    # Error pages staff may meet.
    editor.goto(f"{live_server.url}/admin/articles/article/999999/change/")
    seen["not found"] = visible_english(editor)
    writer.goto(f"{live_server.url}/admin/articles/article/{article.pk}/adresse/")
    seen["forbidden"] = visible_english(writer)
    assert "Vous n'avez pas le droit" in writer.locator("body").inner_text()
    assert seen == {name: [] for name in seen}


def open_submission(page) -> None:
    """Unfold « Soumettre pour relecture » (already open after a send-back)."""
    if page.locator("details.submit-for-review[open]").count() == 0:
        page.locator("summary", has_text="Soumettre pour relecture").click()


def wait_until(moment: datetime.datetime) -> None:
    delay = (moment - timezone.now()).total_seconds()
    if delay > 0:
        time.sleep(delay)


def test_typed_text_comes_back_after_leaving_without_saving(browser, live_server, site, settings):
    settings.ARTICLE_AUTOSAVE_SECONDS = 1
    make.section(name="Politique")
    context, writer = staff_page(browser, live_server, "journaliste", JOURNALIST)
    journalist = User.objects.get(username="journaliste")
    draft = make.article(
        title="Titre enregistré", status=Status.DRAFT, published_at=None, created_by=journalist
    )
    try:
        form = f"{live_server.url}/admin/articles/article/{draft.pk}/change/"
        writer.goto(form)
        writer.fill("#id_title", "Titre tapé puis perdu")
        writer.wait_for_selector("text=Copie automatique enregistrée à")
        # Leaving anyway (the guard asks; the journalist confirms).
        writer.once("dialog", lambda dialog: dialog.accept())
        writer.locator("#site-name a").click()
        writer.wait_for_url(live_server.url + "/admin/")
        assert Article.objects.get(pk=draft.pk).title == "Titre enregistré"

        writer.goto(form)
        writer.get_by_role("link", name="Reprendre la copie").click()
        assert writer.input_value("#id_title") == "Titre tapé puis perdu"
    finally:
        close_when_idle(context)
