"""Every change is recorded with who and when; any earlier version can be restored."""

import pytest
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def edited(editor_client, editor, article_form):
    """An article saved twice through the admin: v1 'Première version' (topic A), then
    v2 'Seconde version' (topic B)."""
    topic_a, topic_b = make.topic(name="Dossier A"), make.topic(name="Dossier B")
    article = make.article(status=Status.DRAFT, published_at=None, created_by=editor)
    for title, topic in [("Première version", topic_a), ("Seconde version", topic_b)]:
        article.refresh_from_db()
        response = editor_client.post(
            change_url(article),
            article_form(article, title=title, body=f"<p>{title}</p>", topics=[topic.pk]),
        )
        assert response.status_code == 302
    article.refresh_from_db()
    return article, topic_a, topic_b


def version_titled(article, title):
    return article.history.filter(title=title).order_by("history_date").last()


def test_each_save_is_recorded_with_who_and_when(edited, editor):
    article, *_ = edited
    records = list(article.history.all())
    assert records[0].title == "Seconde version"
    assert records[0].history_user == editor
    assert {r.title for r in records} >= {"Première version", "Seconde version"}


def test_one_admin_save_is_one_version_links_included(edited):
    article, topic_a, topic_b = edited
    # The factory's creation, then one version per admin save (not one per link saved).
    records = list(article.history.all())
    assert [r.title for r in records] == ["Seconde version", "Première version", records[2].title]
    assert [t.topic_id for t in records[0].topics.all()] == [topic_b.pk]
    assert [t.topic_id for t in records[1].topics.all()] == [topic_a.pk]


def test_history_page_says_what_changed_in_french_and_local_time(edited, editor_client, editor):
    article, *_ = edited
    services.submit_for_review(article=Article.objects.get(pk=article.pk), by=editor)
    html = editor_client.get(f"/admin/articles/article/{article.pk}/history/").content.decode()
    assert "Historique de « Seconde version »" in html
    # Each version: its local time, who, the action and reason, a diff with field labels.
    latest = timezone.localtime(article.history.first().history_date)
    assert f"{latest:%H:%M}</a>" in html and "<td>Editeur</td>" in html
    assert "soumis pour relecture" in html
    assert "<strong>Statut</strong> : brouillon → en relecture" in html
    assert "<strong>Titre</strong> : Première version → Seconde version" in html
    assert "<strong>Dossiers</strong> : Dossier A → Dossier B" in html
    for english in ("None", "→ review", "Change history", "Changed by", "+00:00"):
        assert english not in html


def test_restoring_an_earlier_version_brings_back_text_and_links(edited, editor_client, client):
    article, topic_a, _ = edited
    record = version_titled(article, "Première version")
    url = f"/admin/articles/article/{article.pk}/history/{record.history_id}/"
    confirm = editor_client.get(url)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Restaurer cette version" in html
    # A readable diff: field labels, the body as text, links by name.
    assert '<th scope="row">Titre</th>' in html and '<th scope="row">Dossiers</th>' in html
    assert "<td>Dossier A</td>" in html and "<td>Première version</td>" in html
    assert editor_client.post(url).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Première version", "<p>Première version</p>")
    assert list(article.topics.all()) == [topic_a]
    assert article.status == Status.DRAFT and article.version == 4
    latest = article.history.first()
    local = timezone.localtime(record.history_date)
    assert latest.history_change_reason == f"restauration de la version du {local:%d/%m/%Y %H:%M}"
    assert [t.topic_id for t in latest.topics.all()] == [topic_a.pk]


def test_restore_keeps_the_publication_state_and_address(editor):
    article = make.article(title="Avant")
    first = article.history.first()
    article.title = "Après"
    article.save()
    services.unpublish_article(article=article, by=editor)
    services.restore_version(article=article, history_id=first.history_id, by=editor)
    article.refresh_from_db()
    assert article.title == "Avant" and article.is_withdrawn


def test_journalist_cannot_restore_someone_elses_article(edited, client, journalist):
    article, *_ = edited
    record = version_titled(article, "Première version")
    client.force_login(journalist)
    url = f"/admin/articles/article/{article.pk}/history/{record.history_id}/"
    page = client.get(url)
    assert page.status_code == 200 and "Restaurer cette version" not in page.content.decode()
    assert client.post(url).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "Seconde version"


def test_notes_have_history_too(editor):
    from newsroom.articles.models import ArticleNote

    note = ArticleNote.objects.create(article=make.article(), kind="update", text="Ajout")
    note.text = "Ajout précisé"
    note.save()
    assert [h.text for h in note.history.all()] == ["Ajout précisé", "Ajout"]
