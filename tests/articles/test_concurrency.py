"""Two people editing the same article: the second save on a stale version is refused."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client

from newsroom.articles import services
from newsroom.articles.models import Article, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def test_stale_save_is_refused_naming_who_saved_and_nothing_is_lost(editor, article_form):
    article = make.article(status=Status.REVIEW, published_at=None, title="Titre initial")
    other_editor = make.user("relectrice", "Éditeur", first_name="Rose", last_name="Relit")
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
    # The page names the article as stored, not with the refused title.
    assert "Titre de Rose | Modification d&#x27;un article" in html.split("</title>")[0]
    crumbs = html.split('<div class="breadcrumbs">')[1].split("</div>")[0]
    assert "Titre de Rose" in crumbs and "Titre d&#x27;Éditeur" not in crumbs
    row = Article.objects.get(pk=article.pk)
    assert (row.title, row.version, row.modified_by) == ("Titre de Rose", 2, other_editor)


def test_saving_again_from_a_fresh_form_works(editor_client, article_form):
    article = make.article(status=Status.DRAFT, published_at=None)
    for title in ["Un", "Deux"]:
        article.refresh_from_db()
        response = editor_client.post(change_url(article), article_form(article, title=title))
        assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Deux"
    assert Article.objects.get(pk=article.pk).version == 3


def test_compare_and_set_lets_exactly_one_of_two_racing_saves_win():
    article = make.article()
    first = Article.objects.get(pk=article.pk)
    second = Article.objects.get(pk=article.pk)
    services.claim_version(article=first, expected=first.version)
    with pytest.raises(services.StaleEdit):
        services.claim_version(article=second, expected=second.version)
    assert Article.objects.get(pk=article.pk).version == 2


def test_a_service_on_a_stale_copy_changes_nothing(editor):
    article = make.article(status=Status.REVIEW, published_at=None)
    stale = Article.objects.get(pk=article.pk)
    services.publish_article(article=article, by=editor)
    with pytest.raises(services.StaleEdit):
        services.unpublish_article(article=stale, by=editor)
    assert Article.objects.get(pk=article.pk).is_public


# --- Real races, on PostgreSQL (SQLite serialises writers by locking the whole file) ---

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL"
)


def in_thread(target, *args):
    """Run `target` in its own thread, hence its own database connection."""
    result = {}

    def run():
        try:
            result["value"] = target(*args)
        except Exception as error:  # noqa: BLE001 - handed back to the test
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_racing_compare_and_sets_cannot_both_win():
    article = make.article()
    first_claimed, second_started = threading.Event(), threading.Event()

    def first():
        with transaction.atomic():
            services.claim_version(article=Article.objects.get(pk=article.pk), expected=1)
            first_claimed.set()
            second_started.wait(5)
            time.sleep(0.3)  # the second UPDATE is now waiting on this row's lock

    def second():
        first_claimed.wait(5)
        second_started.set()
        with transaction.atomic():
            services.claim_version(article=Article.objects.get(pk=article.pk), expected=1)

    threads = [in_thread(first), in_thread(second)]
    for thread, _ in threads:
        thread.join(10)
    assert "error" not in threads[0][1]
    assert isinstance(threads[1][1].get("error"), services.StaleEdit)
    assert Article.objects.get(pk=article.pk).version == 2


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_admin_saves_keep_exactly_one(editor, article_form):
    article = make.article(status=Status.REVIEW, published_at=None)
    other = make.user("relectrice", "Éditeur")
    barrier = threading.Barrier(2)

    def save(user, title):
        client = Client()
        client.force_login(user)
        barrier.wait(5)
        return client.post(change_url(article), article_form(article, title=title))

    threads = [in_thread(save, editor, "Version A"), in_thread(save, other, "Version B")]
    for thread, _ in threads:
        thread.join(20)
    statuses = sorted(result["value"].status_code for _, result in threads)
    assert statuses == [200, 302]
    row = Article.objects.get(pk=article.pk)
    assert row.version == 2 and row.title in {"Version A", "Version B"}
    refused = next(result["value"] for _, result in threads if result["value"].status_code == 200)
    assert "a enregistré cet article le" in refused.content.decode()
