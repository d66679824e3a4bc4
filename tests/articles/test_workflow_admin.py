"""The article admin pages: what they list and how many queries they cost."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site

from newsroom.articles.models import Status
from tests import factories as make

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def linked(editor):
    """Articles as the newsroom writes them: topics, authors, persons, a contest."""
    topic, author, person, contest = make.topic(), make.person(), make.person(), make.contest()

    def build(**overrides):
        return make.article(
            topics=[topic], authors=[author], persons=[person], contests=[contest],
            modified_by=editor, **overrides,
        )  # fmt: skip

    return build


# Changelist, whatever the number of articles: session, user, permissions (user's,
# groups'), the filters' choices (sections, topics, authors), count ×2 (filtered, total),
# the page of articles with section and last editor, their authors (one prefetch), the
# date hierarchy (range, then its days). The site's name is read only where a page shows it.
CHANGELIST_QUERIES = 13


@pytest.mark.parametrize("count", [1, 20])
def test_changelist_query_count_does_not_grow_with_articles(
    editor_client, linked, django_assert_num_queries, count
):
    for _ in range(count):
        linked()
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()
    with django_assert_num_queries(CHANGELIST_QUERIES):
        response = editor_client.get(CHANGELIST)
    assert response.content.decode().count('class="field-title"') == count


def test_changelist_shows_status_authors_and_last_editor(editor_client, linked, editor):
    linked(title="Publié")
    linked(title="Programmé", published_at="2099-01-01T00:00Z")
    linked(title="Brouillon", status=Status.DRAFT, published_at=None)
    html = editor_client.get(CHANGELIST).content.decode()
    for badge in ["status-badge--published", "status-badge--scheduled", "status-badge--draft"]:
        assert badge in html
    assert "Personne" in html  # the author's name
    assert editor.username in html
    live = editor_client.get(CHANGELIST + "?publication=live").content.decode()
    assert "Publié" in live and "Programmé" not in live and "Brouillon" not in live


# Change form: session, user, the article (get_object, with its authors prefetched),
# permissions ×2, selected topics/persons/contests/further reading for the form's initial
# values, the article again and its notes (inline), the content type ("view on site"), the
# section choices, the staff to assign it to, then the autocomplete widgets' selected
# topics, authors, persons, the body's help listing the addresses of the persons and
# contests cited (two), the review thread and the user's autosaved copy.
CHANGE_FORM_QUERIES = 21


@pytest.mark.parametrize("links", [1, 5])
def test_change_form_query_count_is_fixed(editor_client, django_assert_num_queries, links):
    article = make.article(
        topics=[make.topic() for _ in range(links)],
        persons=[make.person() for _ in range(links)],
        authors=[make.person() for _ in range(links)],
    )
    # Start from cold caches so the count does not depend on the tests run before.
    ContentType.objects.clear_cache()
    Site.objects.clear_cache()
    with django_assert_num_queries(CHANGE_FORM_QUERIES):
        response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200


def test_change_form_uses_the_local_rich_text_editor(editor_client):
    html = editor_client.get(f"/admin/articles/article/{make.article().pk}/change/")
    html = html.content.decode()
    assert "data-django-prose-editor-configurable" in html
    assert "/static/django_prose_editor/editor.js" in html
    assert "https://cdn" not in html and "unpkg" not in html


def test_admin_is_branded_for_the_newsroom(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert ">Rédaction</a>" in html


def test_rich_text_is_sanitised_on_save(editor_client, article_form):
    article = make.article(status=Status.DRAFT, published_at=None)
    body = '<p onclick="x()">Texte <a href="javascript:alert(1)">lien</a></p><script>x()</script>'
    editor_client.post(
        f"/admin/articles/article/{article.pk}/change/", article_form(article, body=body)
    )
    article.refresh_from_db()
    assert article.body == '<p>Texte <a rel="noopener noreferrer">lien</a></p>'
