import pytest
from django.contrib.auth.models import User

from newsroom.articles.models import Article, ArticleNote, NoteKind, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def test_article_changelist_lists_articles_in_a_fixed_number_of_queries(
    editor_client, django_assert_max_num_queries
):
    for _ in range(3):
        make.article()
    with django_assert_max_num_queries(12) as few:
        editor_client.get("/admin/articles/article/")
    for _ in range(10):
        make.article()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get("/admin/articles/article/")
    assert response.status_code == 200
    assert response.content.decode().count('class="field-title"') == 13


def test_article_form_groups_fields_and_helps_editors(editor_client):
    article = make.article()
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    for heading in ["Contenu", "Liens", "Publication"]:
        assert f">{heading}</h2>" in html
    assert "L'article précédent de la même histoire" in html
    add = editor_client.get("/admin/articles/article/add/").content.decode()
    assert "&quot;dependency_ids&quot;: [&quot;#id_title&quot;]" in add  # slug follows title


def test_editor_adds_an_article_with_a_correction_note(editor_client, section):
    topic = make.topic()
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Nouvel article",
            "slug": "nouvel-article",
            "standfirst": "Chapô.",
            "body": "<p>Texte<script>x()</script></p>",
            "language": "fr",
            "section": section.pk,
            "topics": [topic.pk],
            "status": Status.PUBLISHED,
            "published_at_0": "2023-09-24",
            "published_at_1": "10:15:00",
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-kind": NoteKind.CORRECTION,
            "notes-0-noted_at_0": "2023-09-24",
            "notes-0-noted_at_1": "12:00:00",
            "notes-0-text": "Une date corrigée.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="nouvel-article")
    assert article.body == "<p>Texte</p>"
    assert list(article.topics.all()) == [topic]
    assert ArticleNote.objects.get(article=article).text == "Une date corrigée."


@pytest.mark.parametrize("url", ["/admin/articles/topic/", "/admin/articles/section/"])
def test_topic_and_section_admins_load(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_admin_search_finds_a_word_of_the_text_in_drafts_too(editor_client):
    found = make.article(
        title="Sans le mot", body="<p>Le vote a lieu à Lifou dimanche.</p>", status=Status.DRAFT
    )
    make.article(title="Un autre article", body="<p>Rien ici.</p>")
    html = editor_client.get("/admin/articles/article/?q=Lifou").content.decode()
    assert html.count('class="field-title"') == 1
    assert f"/admin/articles/article/{found.pk}/change/" in html
    # The title, standfirst and slug are searched as before.
    assert (
        editor_client.get("/admin/articles/article/?q=autre")
        .content.decode()
        .count('class="field-title"')
        == 1
    )
