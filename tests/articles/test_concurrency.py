"""Two people editing the same article: the second save on a stale version is refused."""

import pytest
from django.test import Client

from newsroom.articles import services
from newsroom.articles.models import Article, Status

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_stale_save_is_refused_naming_who_saved_and_nothing_is_lost(
    editor, make_user, make_article, article_form
):
    article = make_article(status=Status.REVIEW, published_at=None, title="Titre initial")
    other_editor = make_user("relectrice", "Éditeur", first_name="Rose", last_name="Relit")
    first, second = Client(), Client()
    first.force_login(other_editor)
    second.force_login(editor)
    # Both open the form at the same version.
    opened = first.get(change_url(article)).context["adminform"].form
    assert opened["base_version"].value() == article.version
    second.get(change_url(article))

    saved = first.post(change_url(article), article_form(article, title="Titre de Rose"))
    assert saved.status_code == 302

    late = second.post(
        change_url(article), article_form(article, title="Titre d'Éditeur", body="<p>Mon texte</p>")
    )
    assert late.status_code == 200
    html = late.content.decode()
    assert "Rose Relit a enregistré cet article le" in html
    # The refused text is still in the form, ready to be copied.
    assert "Titre d&#x27;Éditeur" in html and "Mon texte" in html
    row = Article.objects.get(pk=article.pk)
    assert (row.title, row.version, row.modified_by) == ("Titre de Rose", 2, other_editor)


def test_saving_again_from_a_fresh_form_works(editor_client, make_article, article_form):
    article = make_article(status=Status.DRAFT, published_at=None)
    for title in ["Un", "Deux"]:
        article.refresh_from_db()
        response = editor_client.post(change_url(article), article_form(article, title=title))
        assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Deux"
    assert Article.objects.get(pk=article.pk).version == 3


def test_compare_and_set_lets_exactly_one_of_two_racing_saves_win(make_article):
    article = make_article()
    first = Article.objects.get(pk=article.pk)
    second = Article.objects.get(pk=article.pk)
    services.claim_version(article=first, expected=first.version)
    with pytest.raises(services.StaleEdit):
        services.claim_version(article=second, expected=second.version)
    assert Article.objects.get(pk=article.pk).version == 2


def test_a_service_on_a_stale_copy_changes_nothing(editor, make_article):
    article = make_article(status=Status.REVIEW, published_at=None)
    stale = Article.objects.get(pk=article.pk)
    services.publish_article(article=article, by=editor)
    with pytest.raises(services.StaleEdit):
        services.unpublish_article(article=stale, by=editor)
    assert Article.objects.get(pk=article.pk).is_public
