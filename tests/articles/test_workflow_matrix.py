"""Every article admin URL, action and preview URL for a reader, a journalist and an
editor: what the server answers, and what it leaves in the database."""

import pytest

from newsroom.articles.models import Article, Status
from tests import factories as make

pytestmark = pytest.mark.django_db

A = "/admin/articles/article"


@pytest.fixture
def rows(journalist, editor):
    draft = make.article(status=Status.DRAFT, published_at=None, created_by=journalist)
    published = make.article(created_by=editor)
    return {"draft": draft, "published": published}


def post_data(rows, article_form, *, editor: bool):
    return {
        "edit_published": article_form(rows["published"], publication=editor, title="Réécrit"),
        "publish_action": {"action": "publish_now", "_selected_action": [rows["draft"].pk]},
        "unpublish_action": {"action": "unpublish", "_selected_action": [rows["published"].pk]},
        "new_slug": {"slug": "nouvelle"},
        "reason": {"reason": "À revoir."},
        "typed": {"title": "Tapé", "body": "<p>Tapé</p>"},
    }


# (name, method, url, data key, expected status for anonymous / journalist / editor)
MATRIX = [
    ("changelist", "get", "{A}/", None, (302, 200, 200)),
    ("add form", "get", "{A}/add/", None, (302, 200, 200)),
    ("own draft form", "get", "{A}/{draft}/change/", None, (302, 200, 200)),
    ("published form", "get", "{A}/{published}/change/", None, (302, 200, 200)),
    ("edit published", "post", "{A}/{published}/change/", "edit_published", (302, 403, 302)),
    ("publish action", "post", "{A}/", "publish_action", (302, 302, 302)),
    ("unpublish action", "post", "{A}/", "unpublish_action", (302, 302, 302)),
    ("history", "get", "{A}/{published}/history/", None, (302, 200, 200)),
    ("restore form", "get", "{A}/{published}/history/{record}/", None, (302, 200, 200)),
    ("restore", "post", "{A}/{published}/history/{record}/", None, (302, 403, 302)),
    ("address form", "get", "{A}/{published}/adresse/", None, (302, 403, 200)),
    ("address change", "post", "{A}/{published}/adresse/", "new_slug", (302, 403, 302)),
    ("submit own draft", "post", "{A}/{draft}/relecture/", None, (302, 302, 302)),
    ("submit published", "post", "{A}/{published}/relecture/", None, (302, 403, 403)),
    ("send back", "post", "{A}/{draft}/renvoyer/", "reason", (302, 403, 302)),
    ("autosave own draft", "post", "{A}/{draft}/copie/", "typed", (302, 200, 200)),
    ("autosave published", "post", "{A}/{published}/copie/", "typed", (302, 403, 200)),
    ("preview link", "post", "{A}/{draft}/lien-apercu/", None, (302, 200, 200)),
    ("preview link published", "post", "{A}/{published}/lien-apercu/", None, (302, 403, 200)),
    ("revoke preview", "post", "{A}/{draft}/lien-apercu/revoquer/", None, (302, 403, 302)),
    ("delete draft", "get", "{A}/{draft}/delete/", None, (302, 403, 200)),
    ("draft page", "get", "/article/{draft_slug}/", None, (404, 200, 200)),
    ("published page", "get", "/article/{published_slug}/", None, (200, 200, 200)),
]


@pytest.mark.parametrize("persona", ["anonymous", "journalist", "editor"])
@pytest.mark.parametrize("name,method,url,data,expected", MATRIX, ids=[row[0] for row in MATRIX])
def test_permission_matrix(
    client, request, rows, article_form, persona, name, method, url, data, expected
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    draft, published = rows["draft"], rows["published"]
    before = {pk: Article.objects.filter(pk=pk).values().get() for pk in (draft.pk, published.pk)}
    url = url.format(
        A=A,
        draft=draft.pk,
        published=published.pk,
        draft_slug=draft.slug,
        published_slug=published.slug,
        record=published.history.first().history_id,
    )
    payload = post_data(rows, article_form, editor=persona == "editor")[data] if data else {}
    response = getattr(client, method)(url, payload)
    status = expected[["anonymous", "journalist", "editor"].index(persona)]
    assert response.status_code == status
    if persona == "anonymous" and url.startswith("/admin/"):
        assert "/admin/login/" in response["Location"]
    if method == "post" and persona != "editor" and name not in JOURNALIST_MAY:
        # Refused: not a single column changed.
        after = {pk: Article.objects.filter(pk=pk).values().get() for pk in before}
        assert after == before
    if method == "post" and persona == "editor" and name in EDITOR_EFFECTS:
        effect = EDITOR_EFFECTS[name]
        assert effect(Article.objects.get(pk=draft.pk), Article.objects.get(pk=published.pk))


# The only POST a journalist may make here: their own draft goes to review.
JOURNALIST_MAY = {"submit own draft"}

# What the editor's POSTs did (the same POSTs by others changed nothing).
EDITOR_EFFECTS = {
    "edit published": lambda draft, published: published.title == "Réécrit",
    "publish action": lambda draft, published: draft.is_public,
    "unpublish action": lambda draft, published: published.is_withdrawn,
    "address change": lambda draft, published: published.slug == "nouvelle",
    "submit own draft": lambda draft, published: draft.status == Status.REVIEW,
}
