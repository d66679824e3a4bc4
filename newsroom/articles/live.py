"""Writing a live blog: entries posted, edited, deleted and pinned, the blog closed or
reopened. Keyword-only services, each in one transaction with the blog's row locked, so
that two journalists pinning at once leave one entry pinned; the permission rules are
`permissions.can_post_entry` and its neighbours."""

import dataclasses
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from newsroom.articles.freshness import live_key
from newsroom.articles.models import Article, LiveEntry
from newsroom.articles.permissions import (
    EntryFacts,
    LiveBlogFacts,
    UserFacts,
    can_change_entry,
    can_post_entry,
)
from newsroom.articles.services import close_live_blog, reopen_live_blog, user_facts
from newsroom.caching.dependencies import touch
from newsroom.people.models import Person

__all__ = ["close_live_blog", "delete_entry", "edit_entry", "post_entry", "reopen_live_blog"]


def live_user_facts(user) -> UserFacts:
    """`user_facts` with the person the account signs as (`Person.account`)."""
    person_id = Person.objects.filter(account=user).values_list("pk", flat=True).first()
    return dataclasses.replace(user_facts(user), person_id=person_id)


def blog_facts(article: Article) -> LiveBlogFacts:
    return LiveBlogFacts(
        is_live_blog=article.live_blog,
        is_open=article.is_live_open,
        author_ids=frozenset(article.authors.values_list("pk", flat=True)),
    )


def signing_person(user) -> Person | None:
    return Person.objects.filter(account=user).first()


def _locked_blog(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _unpin_others(entry: LiveEntry) -> None:
    if entry.pinned:
        LiveEntry.objects.filter(article=entry.article_id, pinned=True).exclude(pk=entry.pk).update(
            pinned=False
        )


@transaction.atomic
def post_entry(*, entry: LiveEntry, by) -> LiveEntry:
    """Save a new entry (built unsaved, its blog set): signed by the person `by` signs as
    unless an editor named another author; pinning it (editors) unpins the one pinned
    before.
    Raises PermissionDenied, or ValidationError with the fields' messages."""
    blog = _locked_blog(entry.article)
    facts = live_user_facts(by)
    _require(can_post_entry(facts, blog_facts(blog)))
    _require(facts.can_publish or not entry.pinned)  # pinning orders the whole blog
    if not (facts.can_publish and entry.author_id):
        entry.author_id = facts.person_id  # the person `by` signs as, read with the facts
    entry.created_by = by
    entry.full_clean()
    _unpin_others(entry)
    entry.save()
    return entry


# What an entry says: changing one of them is an edit readers are told of ("modifié à").
SAID = frozenset({"headline", "body", "contest", "person", "posted_at"})


@transaction.atomic
def edit_entry(*, entry: LiveEntry, by, changed: Iterable[str]) -> LiveEntry:
    """Save an entry whose fields `changed` were set; readers see "modifié à …" when what
    it says changed (pinning it or marking a key event is not an edit of its text). An
    entry stays in its blog, and a journalist's stays theirs."""
    changed = set(changed)
    stored = LiveEntry.objects.select_related("article").get(pk=entry.pk)
    blog = _locked_blog(stored.article)
    facts = live_user_facts(by)
    _require(can_change_entry(facts, blog_facts(blog), EntryFacts(stored.created_by_id)))
    _require(entry.article_id == stored.article_id)
    if not facts.can_publish:  # a journalist's entry stays theirs, and where it was
        _require(entry.author_id == stored.author_id and entry.pinned == stored.pinned)
    if changed & SAID:
        entry.edited_at = timezone.now()
        entry.edited_by = by
    entry.full_clean()
    _unpin_others(entry)
    entry.save()
    # A correction is never served stale, even for the second a page takes to render.
    touch([live_key(blog.pk)], hard=True)
    return entry


@transaction.atomic
def delete_entry(*, entry: LiveEntry, by) -> None:
    blog = _locked_blog(entry.article)
    facts = live_user_facts(by)
    _require(can_change_entry(facts, blog_facts(blog), EntryFacts(entry.created_by_id)))
    entry.delete()
    touch([live_key(blog.pk)], hard=True)  # a removed entry is never served stale
