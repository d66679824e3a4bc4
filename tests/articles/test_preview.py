"""Drafts in the real article layout for staff; signed, expiring links for everyone else."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.utils import timezone

from newsroom.articles import preview
from newsroom.articles.models import Status
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    return make.article(
        status=Status.DRAFT, published_at=None, title="Brouillon confidentiel",
        contests=[make.contest()],
    )  # fmt: skip


def assert_private_preview(response) -> None:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.parametrize("persona", ["journalist", "editor"])
def test_staff_preview_a_draft_in_the_article_layout(client, draft, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(draft.get_absolute_url())
    assert_private_preview(response)
    html = response.content.decode()
    assert "Brouillon confidentiel" in html
    assert 'class="preview-banner"' in html
    assert "results-box" in html or "Nouvelle-Calédonie" in html  # the linked contest's box


def test_draft_is_404_for_readers_and_non_staff(client, draft, django_user_model):
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(django_user_model.objects.create_user("lecteur", password="x"))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reader_page_has_no_preview_banner(client):
    html = client.get(make.article().get_absolute_url()).content.decode()
    assert "preview-banner" not in html and "admin-preview.css" not in html


def signed_link(client, article) -> str:
    """The link the editor copies from the admin."""
    response = client.post(f"/admin/articles/article/{article.pk}/lien-apercu/")
    assert response.status_code == 200
    return re.search(r'value="http://testserver(/apercu/[^"]+)"', response.content.decode())[1]


def test_signed_link_shows_the_draft_to_someone_without_an_account(editor_client, client, draft):
    link = signed_link(editor_client, draft)
    editor_client.logout()
    response = client.get(link)
    assert_private_preview(response)
    assert "Brouillon confidentiel" in response.content.decode()
    assert "aperçu confidentiel" in response.content.decode()


def test_signed_link_expires(editor_client, client, draft):
    link = signed_link(editor_client, draft)
    editor_client.logout()
    later = timezone.now() + preview.PREVIEW_LINK_MAX_AGE + datetime.timedelta(minutes=1)
    with time_machine.travel(later):
        response = client.get(link)
    assert response.status_code == 410
    assert "aperçu a expiré" in response.content.decode()
    assert "Brouillon confidentiel" not in response.content.decode()


def test_signed_link_redirects_to_the_public_page_once_published(
    editor_client, client, editor, draft
):
    from newsroom.articles.services import publish_article

    link = signed_link(editor_client, draft)
    publish_article(article=draft, by=editor)
    editor_client.logout()
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


def test_tampered_or_revoked_link_is_404(editor_client, client, draft):
    link = signed_link(editor_client, draft)
    editor_client.logout()
    assert client.get(link.replace(f"/apercu/{draft.pk}.", "/apercu/999999.")).status_code == 404
    assert client.get(link).status_code == 200
    # The editor revokes every link sent so far.
    editor_client.force_login(User.objects.get(username="editeur"))
    revoke = f"/admin/articles/article/{draft.pk}/lien-apercu/revoquer/"
    assert editor_client.post(revoke).status_code == 302
    editor_client.logout()
    assert client.get(link).status_code == 404


def test_journalists_share_links_to_their_own_pieces_only(client, journalist, draft):
    client.force_login(journalist)
    assert client.post(f"/admin/articles/article/{draft.pk}/lien-apercu/").status_code == 403
    assert client.get(f"/admin/articles/article/{draft.pk}/lien-apercu/").status_code == 405
    own = make.article(status=Status.DRAFT, published_at=None, created_by=journalist)
    response = client.post(f"/admin/articles/article/{own.pk}/lien-apercu/")
    assert response.status_code == 200 and "/apercu/" in response.content.decode()
    revoke = f"/admin/articles/article/{own.pk}/lien-apercu/revoquer/"
    assert client.post(revoke).status_code == 403


def test_preview_token_round_trip():
    token = preview.make_token(pk=12, secret="abc")
    assert preview.read_token(token) == (12, "abc")
    with pytest.raises(preview.PreviewLinkInvalid):
        preview.read_token(token + "x")
    with pytest.raises(preview.PreviewLinkExpired):
        preview.read_token(token, max_age=datetime.timedelta(seconds=-1))
