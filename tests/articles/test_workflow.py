"""Writing, reviewing, scheduling and publishing through the admin and the services."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from newsroom.articles import services
from newsroom.articles.models import Article, ArticleNote, ArticleRedirect, Status
from tests import factories as make

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def snapshot(article) -> tuple:
    row = Article.objects.get(pk=article.pk)
    return (row.status, row.published_at, row.updated_at, row.title, row.slug, row.version)


@pytest.fixture
def own_draft(journalist):
    return make.article(status=Status.DRAFT, published_at=None, created_by=journalist)


# --- A journalist cannot publish by any route ------------------------------------------


def test_journalist_writes_a_draft_and_submits_it_for_review(
    journalist_client, journalist, section, article_form
):
    template = make.article(status=Status.DRAFT, published_at=None)
    data = article_form(template, publication=False, slug="mon-brouillon", title="Mon brouillon")
    response = journalist_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="mon-brouillon")
    assert (article.status, article.created_by, article.modified_by) == (
        Status.DRAFT,
        journalist,
        journalist,
    )
    response = journalist_client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [article.pk]}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW
    # Still theirs to edit while in review.
    assert journalist_client.get(change_url(article)).status_code == 200


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Status.PUBLISHED},
        {"published_at_0": "2023-09-25", "published_at_1": "08:00:00"},
        {"updated_at_0": "2023-09-25", "updated_at_1": "08:00:00"},
        {"front_position": "1"},
    ],
)
def test_journalist_crafted_publication_post_is_forbidden(
    journalist_client, own_draft, article_form, overrides
):
    before = snapshot(own_draft)
    data = article_form(own_draft, publication=False, title="Changé", **overrides)
    assert journalist_client.post(change_url(own_draft), data).status_code == 403
    assert snapshot(own_draft) == before


def test_journalist_crafted_add_with_published_status_is_forbidden(
    journalist_client, own_draft, article_form
):
    data = article_form(own_draft, publication=False, slug="en-douce", status=Status.PUBLISHED)
    assert journalist_client.post("/admin/articles/article/add/", data).status_code == 403
    assert not Article.objects.filter(slug="en-douce").exists()


@pytest.mark.parametrize("action", ["publish_now", "unpublish"])
def test_journalist_cannot_run_publication_actions(journalist_client, own_draft, action):
    live = make.article(status=Status.PUBLISHED)
    before = [snapshot(own_draft), snapshot(live)]
    journalist_client.post(
        CHANGELIST, {"action": action, "_selected_action": [own_draft.pk, live.pk]}
    )
    assert [snapshot(own_draft), snapshot(live)] == before
    actions = journalist_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    assert [name for name, _ in actions] == ["", "submit_for_review"]


def test_journalist_cannot_edit_others_or_published_articles(
    journalist_client, journalist, article_form
):
    others = make.article(status=Status.DRAFT, published_at=None)
    own_published = make.article(created_by=journalist)
    for article in (others, own_published):
        before = snapshot(article)
        response = journalist_client.post(
            change_url(article), article_form(article, publication=False, title="Réécrit")
        )
        assert response.status_code == 403
        assert snapshot(article) == before
        # They may still read it (to link to it), without a save button.
        page = journalist_client.get(change_url(article)).content.decode()
        assert 'name="_save"' not in page


def test_journalist_cannot_submit_someone_elses_draft(journalist_client):
    others = make.article(status=Status.DRAFT, published_at=None)
    journalist_client.post(
        CHANGELIST, {"action": "submit_for_review", "_selected_action": [others.pk]}
    )
    assert Article.objects.get(pk=others.pk).status == Status.DRAFT


def test_journalist_cannot_add_notes(journalist_client, own_draft, article_form):
    data = article_form(
        own_draft,
        publication=False,
        **{
            "notes-TOTAL_FORMS": "1",
            "notes-0-kind": "correction",
            "notes-0-noted_at_0": "2023-09-25",
            "notes-0-noted_at_1": "08:00:00",
            "notes-0-text": "Ajout en douce.",
        },
    )
    journalist_client.post(change_url(own_draft), data)
    assert not ArticleNote.objects.exists()


@pytest.mark.parametrize(
    "service",
    [
        lambda article, by: services.publish_article(article=article, by=by),
        lambda article, by: services.publish_article(
            article=article, by=by, at=timezone.now() + datetime.timedelta(days=1)
        ),
        lambda article, by: services.unpublish_article(article=article, by=by),
        lambda article, by: services.change_slug(article=article, new_slug="autre", by=by),
    ],
)
def test_services_refuse_a_journalist(journalist, own_draft, service):
    before = snapshot(own_draft)
    with pytest.raises(PermissionDenied):
        service(own_draft, journalist)
    assert snapshot(own_draft) == before


# --- Editors publish, schedule, unpublish ----------------------------------------


def test_editor_publishes_and_unpublishes_from_the_change_list(editor_client, editor):
    article = make.article(status=Status.REVIEW, published_at=None)
    editor_client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.is_public and article.modified_by == editor
    assert article.history.first().history_user == editor
    editor_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [article.pk]})
    article.refresh_from_db()
    # Readers had it: its address now says it was withdrawn.
    assert article.is_withdrawn and not article.is_public


def test_editor_publishing_without_a_date_publishes_now(editor_client, article_form):
    article = make.article(status=Status.REVIEW, published_at=None)
    response = editor_client.post(
        change_url(article), article_form(article, status=Status.PUBLISHED)
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).is_public


def test_scheduled_article_appears_exactly_at_its_time(client, editor_client, article_form):
    article = make.article(status=Status.REVIEW, published_at=None)
    afternoon = datetime.datetime(2023, 9, 24, 16, 0, tzinfo=datetime.UTC)
    with time_machine.travel(afternoon, tick=False):
        response = editor_client.post(
            change_url(article),
            article_form(
                article,
                status=Status.PUBLISHED,
                published_at_0="2023-09-24",
                published_at_1="20:00:00",  # Paris time: 18:00 UTC
            ),
        )
        assert response.status_code == 302
        changelist = editor_client.get(CHANGELIST + "?publication=scheduled").content.decode()
        assert article.title in changelist and "programmé" in changelist
    client.logout()
    url = article.get_absolute_url()
    for moment, status in [
        (datetime.datetime(2023, 9, 24, 17, 59, 59, tzinfo=datetime.UTC), 404),
        (datetime.datetime(2023, 9, 24, 18, 0, 0, tzinfo=datetime.UTC), 200),
    ]:
        with time_machine.travel(moment, tick=False):
            assert client.get(url).status_code == status
            assert Article.objects.published().filter(pk=article.pk).exists() == (status == 200)


def test_editor_adds_a_dated_correction_to_a_published_article(client, editor_client, article_form):
    article = make.article()
    data = article_form(
        article,
        updated_at_0="2023-09-25",
        updated_at_1="09:30:00",
        **{
            "notes-TOTAL_FORMS": "1",
            "notes-0-kind": "correction",
            "notes-0-noted_at_0": "2023-09-25",
            "notes-0-noted_at_1": "09:30:00",
            "notes-0-text": "Le nombre de voix a été corrigé.",
        },
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Mis à jour le" in page
    assert "Le nombre de voix a été corrigé." in page


# --- Slug: prepopulated while a draft, protected once published -----------------


def test_published_slug_is_read_only_in_the_form(editor_client, article_form):
    article = make.article()
    page = editor_client.get(change_url(article)).content.decode()
    assert 'name="slug"' not in page
    assert "Changer l&#x27;adresse" in page or "Changer l'adresse" in page
    editor_client.post(change_url(article), article_form(article, slug="detourne"))
    assert Article.objects.get(pk=article.pk).slug == article.slug
    draft = make.article(status=Status.DRAFT, published_at=None)
    assert 'name="slug"' in editor_client.get(change_url(draft)).content.decode()


def test_changing_a_published_address_keeps_the_old_url_redirecting(client, editor_client):
    article = make.article(slug="ancienne-adresse")
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/adresse/", {"slug": "nouvelle-adresse"}
    )
    assert response.status_code == 302
    assert ArticleRedirect.objects.get(old_slug="ancienne-adresse").article == article
    client.logout()
    response = client.get("/article/ancienne-adresse/")
    assert response.status_code == 301
    assert response["Location"] == "/article/nouvelle-adresse/"
    assert client.get("/article/nouvelle-adresse/").status_code == 200
    assert client.get("/article/jamais-existe/").status_code == 404


def test_changing_back_to_a_former_address_drops_its_redirect(editor):
    article = make.article(slug="a")
    services.change_slug(article=article, new_slug="b", by=editor)
    services.change_slug(article=article, new_slug="a", by=editor)
    assert list(ArticleRedirect.objects.values_list("old_slug", flat=True)) == ["b"]


def test_address_change_refuses_a_taken_slug_and_journalists(editor_client, journalist, client):
    article = make.article()
    other = make.article()
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/adresse/", {"slug": other.slug}
    )
    assert response.status_code == 200 and "Un autre article a déjà cette adresse." in (
        response.content.decode()
    )
    client.force_login(journalist)
    response = client.post(f"/admin/articles/article/{article.pk}/adresse/", {"slug": "x"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).slug == article.slug


def test_journalist_submits_from_the_change_form(journalist_client, own_draft):
    page = journalist_client.get(change_url(own_draft)).content.decode()
    assert "Soumettre pour relecture" in page
    response = journalist_client.post(f"/admin/articles/article/{own_draft.pk}/relecture/")
    assert response.status_code == 302
    assert Article.objects.get(pk=own_draft.pk).status == Status.REVIEW
    page = journalist_client.get(change_url(own_draft)).content.decode()
    assert "Soumettre pour relecture" not in page


def test_note_history_is_in_the_admin_and_notes_are_editors_only(editor_client, journalist, client):
    note = ArticleNote.objects.create(article=make.article(), kind="update", text="Avant")
    note.text = "Précision"
    note.save()
    history = editor_client.get(f"/admin/articles/articlenote/{note.pk}/history/")
    assert history.status_code == 200
    assert "Avant" in history.content.decode() and "Précision" in history.content.decode()
    client.force_login(journalist)
    response = client.post(
        f"/admin/articles/articlenote/{note.pk}/change/",
        {"article": note.article_id, "kind": "update", "text": "Réécrit"},
    )
    assert response.status_code == 403
    assert ArticleNote.objects.get(pk=note.pk).text == "Précision"
