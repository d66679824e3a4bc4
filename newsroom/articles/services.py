"""Writes across the article models."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import get_m2m_reverse_field_name

from newsroom.articles.models import Article, ArticleNote, ArticleRedirect, Status
from newsroom.articles.permissions import (
    PUBLISH_PERMISSION,
    ArticleFacts,
    UserFacts,
    can_publish,
    can_restore,
    can_submit_for_review,
)

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


# --- Editorial workflow -------------------------------------------------------------
# Every function below checks its permission itself (the admin checks too), takes the
# acting user as `by`, bumps the article's version and leaves a history record.


class StaleEdit(Exception):
    """The article was saved by someone else since this edit started."""


def user_facts(user) -> UserFacts:
    return UserFacts(
        user_id=user.pk,
        is_staff=bool(user.is_active and user.is_staff),
        can_change=user.has_perm("articles.change_article"),
        can_publish=user.has_perm(PUBLISH_PERMISSION),
    )


def article_facts(article: Article) -> ArticleFacts:
    return ArticleFacts(status=article.status, created_by_id=article.created_by_id)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def claim_version(*, article: Article, expected: int) -> None:
    """Compare-and-set: move the row from version `expected` to the next one, or raise
    StaleEdit. One UPDATE ... WHERE version = expected, so of two racing saves of the
    same version exactly one matches a row."""
    claimed = Article.objects.filter(pk=article.pk, version=expected).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit
    article.version = expected + 1


def _save(article: Article, by, fields: list[str], reason: str) -> Article:
    claim_version(article=article, expected=article.version)
    article.modified_by = by
    article._history_user = by
    article._change_reason = reason
    article.save(update_fields=[*fields, "version", "modified_by", "modified_at"])
    return article


@transaction.atomic
def publish_article(*, article: Article, by, at: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule when `at` is in the future: the article then appears by
    itself at that time (`Article.objects.published()`)."""
    _require(can_publish(user_facts(by)))
    article.status = Status.PUBLISHED
    article.published_at = at or timezone.now()
    return _save(article, by, ["status", "published_at"], "publication")


@transaction.atomic
def unpublish_article(*, article: Article, by) -> Article:
    """Back to draft; the publication time is kept so a republication can reuse it."""
    _require(can_publish(user_facts(by)))
    article.status = Status.DRAFT
    return _save(article, by, ["status"], "dépublication")


@transaction.atomic
def submit_for_review(*, article: Article, by) -> Article:
    _require(can_submit_for_review(user_facts(by), article_facts(article)))
    article.status = Status.REVIEW
    return _save(article, by, ["status"], "soumis pour relecture")


@transaction.atomic
def change_slug(*, article: Article, new_slug: str, by) -> Article:
    """Give a published article a new address; the old one keeps answering with a
    permanent redirect."""
    _require(can_publish(user_facts(by)))
    old_slug = article.slug
    if new_slug == old_slug:
        return article
    # The new slug may be an address this article had before: it is no longer a redirect.
    ArticleRedirect.objects.filter(old_slug=new_slug, article=article).delete()
    ArticleRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
    article.slug = new_slug
    return _save(article, by, ["slug"], f"adresse : {old_slug} → {new_slug}")


# Restoring brings back what was written and linked, never the publication state nor the
# address, which have their own actions and permissions.
RESTORED_FIELDS = [
    "title", "kicker", "standfirst", "body", "language", "section_id",
    "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit",
    "previous_id", "updated_at",
]  # fmt: skip

# The same, as field names, for the diff shown before restoring.
RESTORED_FIELDS_NAMES = [name.removesuffix("_id") for name in RESTORED_FIELDS] + list(LINKS)


@transaction.atomic
def restore_version(*, article: Article, history_id: int, by) -> Article:
    """Bring the article back to an earlier version's content and links."""
    _require(can_restore(user_facts(by), article_facts(article)))
    record = article.history.get(history_id=history_id)
    for name in RESTORED_FIELDS:
        setattr(article, name, getattr(record, name))
    claim_version(article=article, expected=article.version)
    article.modified_by = by
    article._history_user = by
    article._change_reason = f"restauration de la version du {record.history_date:%Y-%m-%d %H:%M}"
    # Links first with history paused, then one save: a single new history record that
    # shows the restored text and links together.
    article.skip_history_when_saving = True
    try:
        for name in LINKS:
            target = get_m2m_reverse_field_name(Article._meta.get_field(name))
            getattr(article, name).set(
                getattr(row, f"{target}_id") for row in getattr(record, name).all()
            )
    finally:
        del article.skip_history_when_saving
    article.save()
    return article
