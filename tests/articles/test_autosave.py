"""Nothing typed is lost: the form keeps a copy every 30 s without making a version, the
copy is offered back when the form is opened again, and the form says who else has the
article open."""

import pytest
from django.utils.html import escape

from newsroom.articles.editing import PRESENCE_SECONDS, others_recently
from newsroom.articles.models import Article, AutosavedCopy, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


def change_url(article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def own_draft(journalist):
    return make.article(
        title="Titre enregistré", status=Status.DRAFT, published_at=None, created_by=journalist
    )


def test_others_recently_names_the_others_seen_within_the_window():
    seen = {1: ("Moi", 1000.0), 2: ("Éditrice", 990.0), 3: ("Parti", 1000.0 - PRESENCE_SECONDS)}
    assert others_recently(seen, 1, 1000.0) == ["Éditrice"]


def test_the_copy_makes_no_version_and_is_offered_back(journalist_client, own_draft):
    versions = own_draft.history.count()
    response = journalist_client.post(
        f"/admin/articles/article/{own_draft.pk}/copie/",
        {"title": "Titre tapé", "body": "<p>Texte tapé <script>x()</script></p>"},
    )
    assert response.status_code == 200 and "saved_at" in response.json()
    article = Article.objects.get(pk=own_draft.pk)
    assert article.title == "Titre enregistré" and article.history.count() == versions
    assert AutosavedCopy.objects.get().body == "<p>Texte tapé </p>"  # sanitised

    form = journalist_client.get(change_url(own_draft)).content.decode()
    assert "une copie automatique du" in form and "?reprendre=1" in form
    resumed = journalist_client.get(change_url(own_draft) + "?reprendre=1").content.decode()
    assert 'value="Titre tapé"' in resumed


def test_saving_the_article_drops_the_copy(journalist_client, own_draft, article_form):
    journalist_client.post(
        f"/admin/articles/article/{own_draft.pk}/copie/", {"title": "Tapé", "body": "<p>x</p>"}
    )
    data = article_form(own_draft, publication=False, title="Tapé puis enregistré")
    assert journalist_client.post(change_url(own_draft), data).status_code == 302
    assert not AutosavedCopy.objects.exists()
    assert (
        "copie automatique du" not in journalist_client.get(change_url(own_draft)).content.decode()
    )


def test_a_new_article_has_its_copy_too(journalist_client):
    journalist_client.post("/admin/articles/article/copie/", {"title": "Pas encore créé"})
    form = journalist_client.get("/admin/articles/article/add/").content.decode()
    assert "une copie automatique du" in form
    resumed = journalist_client.get("/admin/articles/article/add/?reprendre=1").content.decode()
    assert 'value="Pas encore créé"' in resumed
    journalist_client.post("/admin/articles/article/copie/effacer/")
    assert not AutosavedCopy.objects.exists()


def test_the_form_says_who_else_has_the_article_open(client, editor, journalist, own_draft):
    client.force_login(editor)
    page = client.get(change_url(own_draft)).content.decode()
    assert 'id="also-editing" hidden' in page
    client.force_login(journalist)
    page = client.get(change_url(own_draft)).content.decode()
    assert 'id="also-editing" hidden' not in page
    assert escape("Editeur a aussi ouvert cet article ces dernières minutes") in page
