"""On PostgreSQL the article page's plain-SQL reads are prepared statements; Django's
own queries are not (a generic plan once made search five times slower)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def article_page(client, make_article, make_topic) -> str:
    article = make_article(topics=[make_topic(name="Sénatoriales 2023")])
    make_article(title="Un autre article du dossier", topics=list(article.topics.all()))
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@needs_postgresql
def test_article_page_reads_are_prepared_and_django_queries_are_not(
    client, make_article, make_topic
):
    html = article_page(client, make_article, make_topic)

    assert "Sénatoriales 2023" in html and "Un autre article du dossier" in html
    statements = prepared_statements()
    assert any("articles_article_topics" in sql and "$1" in sql for sql in statements)
    assert any("articles_relatedcandidate" in sql for sql in statements)  # related block
    assert any('"s"."in_navigation"' in sql for sql in statements)  # the menu


@needs_postgresql
def test_django_queries_are_not_prepared(client, make_article, section):
    make_article(title="Dans la rubrique")

    response = client.get(section.get_absolute_url())

    assert "Dans la rubrique" in response.content.decode()
    listing = '"articles_article"."title"'  # the ORM's own query of the section's articles
    assert not any(listing in sql for sql in prepared_statements())


@needs_postgresql
def test_switched_off_nothing_is_prepared(client, make_article, make_topic, monkeypatch):
    before = prepared_statements()
    options = {
        key: value
        for key, value in connection.settings_dict["OPTIONS"].items()
        if key != "prepare_threshold"
    }
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)

    html = article_page(client, make_article, make_topic)

    assert "Un autre article du dossier" in html
    assert prepared_statements() == before
