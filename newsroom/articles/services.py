"""Writes across the article models."""

import datetime
from collections.abc import Iterable

from django.db import transaction

from newsroom.articles.models import Article, ArticleNote

LINKS = ("topics", "authors", "persons", "contests", "further_reading")


@transaction.atomic
def save_article(
    *,
    slug: str,
    links: dict[str, Iterable] | None = None,
    notes: Iterable[tuple[str, datetime.datetime, str]] = (),
    **fields,
) -> tuple[Article, bool]:
    """Create or update the article `slug` with its fields, its links (replaced by the
    given ones: topics, authors, persons, contests, further_reading) and its notes
    ((kind, noted_at, text), matched on kind and date so re-running adds none twice)."""
    article, created = Article.objects.update_or_create(slug=slug, defaults=fields)
    for name, values in (links or {}).items():
        if name not in LINKS:
            raise ValueError(f"not an article link: {name}")
        getattr(article, name).set(values)
    for kind, noted_at, text in notes:
        ArticleNote.objects.update_or_create(
            article=article, kind=kind, noted_at=noted_at, defaults={"text": text}
        )
    return article, created
