"""The review loop and the desk: a journalist submits with a note, the editors are told,
an editor sends the piece back with a reason the author reads, everyone's desk shows
where each piece stands."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from elections.models import ContestStatus, ResultUpdate
from newsroom.articles import services
from newsroom.articles.models import Article, ReviewNote, ReviewStep, Status
from tests import factories as make

pytestmark = pytest.mark.django_db

ADMIN_HOME = "/admin/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def send_back_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/renvoyer/"


@pytest.fixture
def own_draft(journalist):
    return make.article(
        title="Le vote des grands électeurs",
        status=Status.DRAFT,
        published_at=None,
        created_by=journalist,
    )


@pytest.fixture
def submitted(client, journalist, editor, own_draft, django_capture_on_commit_callbacks):
    client.force_login(journalist)
    url = f"/admin/articles/article/{own_draft.pk}/relecture/"
    with django_capture_on_commit_callbacks(execute=True):  # e-mails go once committed
        response = client.post(url, {"note": "Chiffres de la préfecture vérifiés."})
    assert response.status_code == 302
    client.logout()
    return own_draft


def test_submitting_with_a_note_tells_the_editors_by_email(submitted, editor):
    article = Article.objects.get(pk=submitted.pk)
    assert article.status == Status.REVIEW
    note = ReviewNote.objects.get(article=article)
    assert (note.step, note.text, note.by.username) == (
        ReviewStep.SUBMITTED,
        "Chiffres de la préfecture vérifiés.",
        "journaliste",
    )
    [sent] = mail.outbox
    assert sent.to == [editor.email]
    assert sent.subject == "À relire : Le vote des grands électeurs"
    assert "Chiffres de la préfecture vérifiés." in sent.body
    assert f"http://testserver/admin/articles/article/{article.pk}/change/" in sent.body


def test_the_editors_desk_lists_what_waits_for_review(submitted, editor_client):
    page = editor_client.get(ADMIN_HOME).content.decode()
    waiting = page.split('id="desk-waiting"')[1].split("</section>")[0]
    assert "Le vote des grands électeurs" in waiting
    assert "Chiffres de la préfecture vérifiés." in waiting
    assert change_url(submitted) in waiting


def test_sending_back_needs_a_reason(submitted, editor_client):
    response = editor_client.post(send_back_url(submitted), {"reason": "  "})
    assert response.status_code == 200
    assert escape("Dites à l'auteur ce qui est à revoir.") in response.content.decode()
    assert Article.objects.get(pk=submitted.pk).status == Status.REVIEW


def test_the_author_reads_the_reason_in_the_form_on_the_desk_and_by_email(
    submitted, client, editor, journalist, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    reason = "Il manque la réaction de Sonia Backès."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(send_back_url(submitted), {"reason": reason}).status_code == 302
    article = Article.objects.get(pk=submitted.pk)
    assert article.status == Status.DRAFT
    sent = mail.outbox[-1]
    assert sent.to == [journalist.email] and reason in sent.body

    client.force_login(journalist)
    form = client.get(change_url(article)).content.decode()
    thread = form.split('class="review-thread"')[1].split("</section>")[0]
    assert "Soumis pour relecture" in thread and "Chiffres de la préfecture vérifiés." in thread
    assert escape("Renvoyé à l'auteur") in thread and escape(reason) in thread
    desk = client.get(ADMIN_HOME).content.decode()
    drafts = desk.split('id="desk-drafts"')[1].split("</section>")[0]
    assert "Le vote des grands électeurs" in drafts and escape(reason) in drafts


def test_a_journalist_cannot_send_back(submitted, journalist_client):
    response = journalist_client.post(send_back_url(submitted), {"reason": "Non."})
    assert response.status_code == 403
    assert Article.objects.get(pk=submitted.pk).status == Status.REVIEW


def test_publishing_an_article_in_review_approves_it_in_the_thread(submitted, editor):
    services.publish_article(article=Article.objects.get(pk=submitted.pk), by=editor)
    steps = list(ReviewNote.objects.filter(article=submitted).values_list("step", flat=True))
    assert steps == [ReviewStep.SUBMITTED, ReviewStep.APPROVED]


def test_a_mail_server_down_never_undoes_the_submission(
    own_draft, journalist, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.articles.test_review_loop.BrokenMail"
    make.user("editeur", "Éditeur")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(article=own_draft, by=journalist)
    assert "review e-mail not sent: À relire" in caplog.text
    assert Article.objects.get(pk=own_draft.pk).status == Status.REVIEW


class BrokenMail:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise ConnectionRefusedError("no mail server")


# --- The desk --------------------------------------------------------------------------


def section_of(page: str, name: str) -> str:
    return page.split(f'id="desk-{name}"')[1].split("</section>")[0]


def test_the_desk_shows_scheduled_published_and_counting(editor_client, editor):
    now = timezone.now()
    make.article(title="Sort à 20 heures", published_at=now + datetime.timedelta(hours=2))
    make.article(title="Paru ce matin", published_at=now - datetime.timedelta(hours=3))
    make.article(title="Paru la semaine dernière", published_at=now - datetime.timedelta(days=7))
    make.article(
        title="Retiré ce soir",
        published_at=now - datetime.timedelta(hours=5),
        unpublish_at=now + datetime.timedelta(hours=4),
    )
    counting = make.contest(status=ContestStatus.COUNTING)
    ResultUpdate.objects.create(contest=counting, source="Préfecture")
    make.contest(code="975", name="Saint-Pierre-et-Miquelon")  # final: not on the desk

    page = editor_client.get(ADMIN_HOME).content.decode()
    scheduled = section_of(page, "scheduled")
    assert "Sort à 20 heures" in scheduled and "publication le" in scheduled
    assert "Retiré ce soir" in scheduled and "retrait le" in scheduled
    published = section_of(page, "published")
    assert "Paru ce matin" in published and "Paru la semaine dernière" not in published
    contests = section_of(page, "contests")
    assert "Nouvelle-Calédonie" in contests and "mis à jour le" in contests
    assert "Saint-Pierre-et-Miquelon" not in contests
    assert f"/admin/elections/contest/{counting.pk}/change/" in contests


def test_a_journalists_desk_shows_only_their_own_pieces(journalist_client, journalist, editor):
    make.article(title="Le mien", status=Status.DRAFT, published_at=None, created_by=journalist)
    make.article(title="Celui d'un autre", status=Status.DRAFT, created_by=editor)
    make.article(title="Autre en relecture", status=Status.REVIEW, created_by=editor)
    page = journalist_client.get(ADMIN_HOME).content.decode()
    assert "Le mien" in section_of(page, "drafts")
    assert escape("Celui d'un autre") not in page and "Autre en relecture" not in page
    assert "Mes articles en relecture" in page


def test_created_by_me_and_assigned_to_me_filters(editor_client, editor, journalist):
    make.article(title="Écrit par moi", created_by=editor)
    make.article(title="Confié à moi", created_by=journalist, assigned_to=editor)
    make.article(title="Ni l'un ni l'autre", created_by=journalist)
    listed = editor_client.get("/admin/articles/article/?mes=crees").content.decode()
    assert "Écrit par moi" in listed and "Confié à moi" not in listed
    listed = editor_client.get("/admin/articles/article/?mes=confies").content.decode()
    assert "Confié à moi" in listed and "Écrit par moi" not in listed
    assert escape("Ni l'un ni l'autre") not in listed
