"""Who may do what to an article: pure rules on plain facts, no ORM.

The admin, the changelist actions, the services and the preview views all ask these
functions, so a rule refused in the interface is refused the same way by a crafted request.
"""

from dataclasses import dataclass

PUBLISH_PERMISSION = "articles.publish_article"

# Statuses a journalist may still edit (their own articles only).
WORKING_STATUSES = frozenset({"draft", "review"})


@dataclass(frozen=True)
class UserFacts:
    user_id: int | None
    is_staff: bool = False
    can_change: bool = False  # articles.change_article
    can_publish: bool = False  # articles.publish_article
    can_write_live: bool = False  # articles.add_liveentry
    person_id: int | None = None  # the person the account signs as (`Person.account`)


@dataclass(frozen=True)
class ArticleFacts:
    status: str
    created_by_id: int | None


def can_publish(user: UserFacts) -> bool:
    """Publish now, schedule, unpublish, change a published slug, add notes to a
    published article, revoke the signed preview links: editors only."""
    return user.is_staff and user.can_publish


def can_edit(user: UserFacts, article: ArticleFacts | None) -> bool:
    """An editor edits every article; a journalist only their own draft or in-review one."""
    if not (user.is_staff and user.can_change):
        return False
    if article is None or user.can_publish:
        return True
    return article.created_by_id == user.user_id and article.status in WORKING_STATUSES


def can_submit_for_review(user: UserFacts, article: ArticleFacts) -> bool:
    return article.status == "draft" and can_edit(user, article)


def can_share_preview(user: UserFacts, article: ArticleFacts) -> bool:
    """A signed preview link to an unpublished article: whoever may edit it (a journalist
    for their own piece, to show a source or a colleague)."""
    return can_edit(user, article)


def can_add_notes(user: UserFacts, article: ArticleFacts | None) -> bool:
    """Update and correction notes are public statements: editors only."""
    return can_publish(user)


def can_restore(user: UserFacts, article: ArticleFacts) -> bool:
    """Restoring an earlier version brings back its content and links, never its
    publication state, so it is an ordinary edit."""
    return can_edit(user, article)


@dataclass(frozen=True)
class LiveBlogFacts:
    is_live_blog: bool
    is_open: bool
    author_ids: frozenset[int]  # the persons who sign it


@dataclass(frozen=True)
class EntryFacts:
    created_by_id: int | None


def can_post_entry(user: UserFacts, blog: LiveBlogFacts) -> bool:
    """Editors post to any live blog, open or closed (to complete an archive); a
    journalist to an open one they sign."""
    if not (blog.is_live_blog and user.is_staff and user.can_write_live):
        return False
    if user.can_publish:
        return True
    return blog.is_open and user.person_id is not None and user.person_id in blog.author_ids


def can_change_entry(user: UserFacts, blog: LiveBlogFacts, entry: EntryFacts) -> bool:
    """Edit or delete an entry: editors any; a journalist their own, while they may post
    to its blog."""
    if not can_post_entry(user, blog):
        return False
    return user.can_publish or entry.created_by_id == user.user_id


def can_close_live_blog(user: UserFacts) -> bool:
    """Closing (or reopening) a live blog changes what every reader's page does: editors."""
    return can_publish(user)
