"""Withdrawal: an article taken down (now or at a scheduled time) leaves every listing and
its address answers 410 with the editors' notice; an article never out stays a 404."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from django.utils.html import escape

from newsroom.articles import services
from newsroom.articles.models import Article, Status
from newsroom.caching.timing import page_timeout
from tests import factories as make

pytestmark = pytest.mark.django_db

REASON = "Les chiffres cités n'étaient pas ceux de la préfecture."


@pytest.fixture
def leaving(site):
    """Out an hour ago, withdrawn in two hours."""
    now = timezone.now()
    return make.article(
        title="Un article bientôt retiré",
        published_at=now - datetime.timedelta(hours=1),
        unpublish_at=now + datetime.timedelta(hours=2),
        retraction_reason=REASON,
    )


def listed_everywhere(client, article) -> dict[str, bool]:
    pages = {
        "home": "/",
        "section": article.section.get_absolute_url(),
        "feed": "/flux/",
        "sitemap": "/sitemap.xml",
        "search": "/recherche/?q=bientôt",
    }
    return {name: article.slug in client.get(url).content.decode() for name, url in pages.items()}


def test_a_scheduled_withdrawal_takes_the_article_down_by_itself(client, leaving):
    assert client.get(leaving.get_absolute_url()).status_code == 200
    assert all(listed_everywhere(client, leaving).values())

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        response = client.get(leaving.get_absolute_url())
        assert response.status_code == 410
        page = response.content.decode()
        assert "Article retiré" in page and "Un article bientôt retiré" in page
        assert escape(REASON) in page and '<meta name="robots" content="noindex">' in page
        assert not any(listed_everywhere(client, leaving).values())


def test_pages_are_kept_no_longer_than_the_next_withdrawal(leaving):
    with time_machine.travel(leaving.unpublish_at - datetime.timedelta(seconds=30)):
        assert page_timeout() <= 30


def test_withdrawing_now_with_a_reason(client, editor, site):
    article = make.article(title="Publié par erreur")
    assert client.get(article.get_absolute_url()).status_code == 200
    services.unpublish_article(article=article, by=editor, reason="Publié par erreur.")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410 and "Publié par erreur." in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


def test_an_article_never_out_is_not_found_not_withdrawn(client, editor, site):
    later = make.article(published_at=timezone.now() + datetime.timedelta(days=1))
    services.unpublish_article(article=later, by=editor)
    later.refresh_from_db()
    assert later.status == Status.DRAFT
    assert client.get(later.get_absolute_url()).status_code == 404


def test_republishing_lifts_a_past_withdrawal(client, editor, site):
    article = make.article()
    services.unpublish_article(article=article, by=editor)
    assert client.get(article.get_absolute_url()).status_code == 410
    services.publish_article(article=Article.objects.get(pk=article.pk), by=editor)
    assert Article.objects.get(pk=article.pk).unpublish_at is None
    assert client.get(article.get_absolute_url()).status_code == 200


def test_staff_see_a_withdrawn_article_as_a_preview_saying_so(editor_client, editor, site):
    article = make.article()
    services.unpublish_article(article=article, by=editor)
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert "les lecteurs voient l'avis de retrait" in page


def test_the_rule_and_the_loaded_row_agree(leaving):
    for moment in (timezone.now(), leaving.unpublish_at + datetime.timedelta(seconds=1)):
        with time_machine.travel(moment):
            row = Article.objects.get(pk=leaving.pk)
            assert Article.objects.published().filter(pk=row.pk).exists() == row.is_public
            assert Article.objects.withdrawn().filter(pk=row.pk).exists() == row.is_withdrawn


def test_the_form_refuses_a_withdrawal_before_the_publication(editor_client, leaving, article_form):
    day_before = timezone.localtime(leaving.published_at) - datetime.timedelta(days=1)
    data = article_form(leaving, unpublish_at_0=f"{day_before:%Y-%m-%d}", unpublish_at_1="08:00:00")
    response = editor_client.post(f"/admin/articles/article/{leaving.pk}/change/", data)
    assert response.status_code == 200
    assert "Le retrait doit venir après la publication." in response.content.decode()
