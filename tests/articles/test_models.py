import datetime

import pytest
from django.utils import timezone

from newsroom.articles.models import Article, Status
from tests import factories as make

pytestmark = pytest.mark.django_db


def test_body_is_sanitised_and_reading_time_derived_on_save():
    article = make.article(body='<p onmouseover="x()">' + "mot " * 500 + "<script>1</script></p>")
    article.refresh_from_db()
    assert "onmouseover" not in article.body and "<script" not in article.body
    assert article.reading_time == 3


def test_published_excludes_drafts_reviews_and_scheduled():
    live = make.article(slug="live")
    make.article(slug="draft", status=Status.DRAFT)
    make.article(slug="review", status=Status.REVIEW)
    make.article(slug="scheduled", published_at=timezone.now() + datetime.timedelta(hours=1))
    make.article(slug="undated", published_at=None)
    assert list(Article.objects.published()) == [live]


def test_a_loaded_article_tells_public_and_scheduled_as_the_querysets_do():
    later = timezone.now() + datetime.timedelta(hours=1)
    make.article(slug="live")
    make.article(slug="draft", status=Status.DRAFT, published_at=later)
    make.article(slug="review", status=Status.REVIEW)
    make.article(slug="scheduled", published_at=later)
    make.article(slug="undated", published_at=None)
    public = {a.slug for a in Article.objects.all() if a.is_public}
    scheduled = {a.slug for a in Article.objects.all() if a.is_scheduled}
    assert public == {a.slug for a in Article.objects.published()} == {"live"}
    assert scheduled == {a.slug for a in Article.objects.scheduled()} == {"scheduled"}


def test_scheduled_article_becomes_public_at_its_time():
    at = timezone.now() + datetime.timedelta(days=1)
    article = make.article(published_at=at)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(now=at).filter(pk=article.pk).exists()


def test_draft_is_404_for_readers(client, site):
    make.article(slug="brouillon", status=Status.DRAFT)
    assert client.get("/article/brouillon/").status_code == 404


def test_published_article_renders_sanitised_body(client, site):
    article = make.article(slug="publie")
    # Rows written behind save()'s back are still cleaned at output.
    Article.objects.filter(pk=article.pk).update(body="<p>ok</p><script>alert(1)</script>")
    response = client.get("/article/publie/")
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
    assert b"<p>ok</p>" in response.content
