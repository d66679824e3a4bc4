"""With PostgreSQL, the article page's queries are prepared on a connection after a few
requests: the database stops planning them (DATABASE_PREPARED_STATEMENTS, on by default)."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
    ),
]


def prepared_statements() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        return cursor.fetchone()[0]


def test_the_article_page_queries_are_prepared_after_a_few_requests(client, make_article):
    article = make_article(title="Sonia Backès battue")
    before = prepared_statements()
    for _ in range(6):  # psycopg prepares a query on its sixth run on a connection
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "Sonia Backès battue" in response.text
    # The article and each of its prefetches, at least: the same SQL text every request.
    assert prepared_statements() - before >= 8
