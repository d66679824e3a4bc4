"""Writes across the article models."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import get_m2m_reverse_field_name

from newsroom.articles import notify
from newsroom.articles.live_rules import coverage_problems
from newsroom.articles.models import (
    Article,
    ArticleNote,
    ArticleRedirect,
    ReviewNote,
    ReviewStep,
    Status,
    new_preview_secret,
)
from newsroom.articles.permissions import (
    PUBLISH_PERMISSION,
    ArticleFacts,
    UserFacts,
    can_close_live_blog,
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
        can_write_live=user.has_perm("articles.add_liveentry"),
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
    itself at that time (`Article.objects.published()`). A withdrawal already past is
    lifted (the article is back); one still to come is kept. Approving an article in
    review says so in its review thread."""
    _require(can_publish(user_facts(by)))
    if article.status == Status.REVIEW:
        note_approval(article=article, by=by)
    article.status = Status.PUBLISHED
    article.published_at = at or timezone.now()
    if article.unpublish_at is not None and article.unpublish_at <= article.published_at:
        article.unpublish_at = None
    return _save(article, by, ["status", "published_at", "unpublish_at"], "publication")


def note_approval(*, article: Article, by) -> None:
    """An editor published or scheduled an article that was in review: its review thread
    says so (the admin form's status field and the publish action alike)."""
    _require(can_publish(user_facts(by)))
    ReviewNote.objects.create(article=article, step=ReviewStep.APPROVED, by=by)


@transaction.atomic
def unpublish_article(
    *, article: Article, by, reason: str = "", at: datetime.datetime | None = None
) -> Article:
    """Withdraw the article now, or at `at`: from then on it leaves every listing and
    its address answers 410 with `reason` (the one already written when empty). An
    article that was never out goes back to draft instead."""
    _require(can_publish(user_facts(by)))
    at = at or timezone.now()
    if article.published_at is None or article.published_at >= at:
        article.status = Status.DRAFT
        return _save(article, by, ["status"], "dépublication")
    article.unpublish_at = at
    article.retraction_reason = reason or article.retraction_reason
    return _save(article, by, ["unpublish_at", "retraction_reason"], "retrait")


@transaction.atomic
def submit_for_review(*, article: Article, by, note: str = "", link: str = "") -> Article:
    """Hand the article to the editors, with an optional note; they are told by e-mail
    (`link`: where the article is edited)."""
    _require(can_submit_for_review(user_facts(by), article_facts(article)))
    article.status = Status.REVIEW
    ReviewNote.objects.create(article=article, step=ReviewStep.SUBMITTED, text=note, by=by)
    _save(article, by, ["status"], "soumis pour relecture")
    transaction.on_commit(lambda: notify.submitted(article=article, by=by, note=note, link=link))
    return article


@transaction.atomic
def send_back(*, article: Article, by, reason: str, link: str = "") -> Article:
    """An editor returns an article in review to its author with the reason, which the
    author reads in the form and by e-mail."""
    _require(can_publish(user_facts(by)))
    if article.status != Status.REVIEW:
        raise ValueError("only an article in review is sent back")
    if not reason.strip():
        raise ValueError("a reason is required")
    article.status = Status.DRAFT
    ReviewNote.objects.create(article=article, step=ReviewStep.SENT_BACK, text=reason, by=by)
    _save(article, by, ["status"], "renvoyé à l'auteur")
    transaction.on_commit(
        lambda: notify.sent_back(article=article, by=by, reason=reason, link=link)
    )
    return article


@transaction.atomic
def revoke_preview_links(*, article: Article, by) -> Article:
    """Every preview link sent so far stops working (a new secret signs the next ones)."""
    _require(can_publish(user_facts(by)))
    article.preview_secret = new_preview_secret()
    return _save(article, by, ["preview_secret"], "liens d'aperçu révoqués")


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
    # The version's time as editors read it in the history: local time.
    restored = timezone.localtime(record.history_date)
    article._change_reason = f"restauration de la version du {restored:%d/%m/%Y %H:%M}"
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


@transaction.atomic
def close_live_blog(*, article: Article, by, at: datetime.datetime | None = None) -> Article:
    """End a live blog's coverage (now, or at a past time): readers' pages stop asking
    for new entries. Raises StaleEdit if the article changed since it was read."""
    _require(article.live_blog and can_close_live_blog(user_facts(by)))
    article.live_ended_at = at or timezone.now()
    problems = coverage_problems(
        live_blog=True,
        started_at=article.coverage_start,
        ended_at=article.live_ended_at,
        now=timezone.now(),
    )
    if problems:
        raise ValidationError(problems)
    return _save(article, by, ["live_ended_at"], "fin du direct")


@transaction.atomic
def reopen_live_blog(*, article: Article, by) -> Article:
    _require(article.live_blog and can_close_live_blog(user_facts(by)))
    article.live_ended_at = None
    return _save(article, by, ["live_ended_at"], "direct rouvert")
