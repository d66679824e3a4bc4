"""Who else has an article's form open, and what each person typed but did not save
(`AutosavedCopy`). Presence lives in the shared cache: it is worth a few minutes."""

import time

from django.core.cache import cache
from django.utils import timezone

from newsroom.articles.models import Article, AutosavedCopy
from newsroom.articles.notify import display_name

PRESENCE_SECONDS = 5 * 60


def recent(seen: dict, now: float) -> dict:
    """The entries of `seen` ({user id: (name, when)}) within the presence window."""
    return {
        uid: (name, when) for uid, (name, when) in seen.items() if now - when < PRESENCE_SECONDS
    }


def others_recently(seen: dict, user_id: int, now: float) -> list[str]:
    """The names of the others in `seen` seen within the presence window before `now`."""
    return sorted(name for uid, (name, _) in recent(seen, now).items() if uid != user_id)


def seen_editing(*, article_id: int, user) -> list[str]:
    """Note that `user` has the article's form open now; return who else did lately."""
    key = f"article-editing:{article_id}"
    now = time.time()
    seen = cache.get(key) or {}
    others = others_recently(seen, user.pk, now)
    cache.set(key, recent(seen, now) | {user.pk: (display_name(user), now)}, PRESENCE_SECONDS)
    return others


def copy_to_offer(*, user, article: Article | None) -> AutosavedCopy | None:
    """The user's autosaved copy of the article (or of a new one), if it differs from
    the article as stored and is newer than its last save."""
    copy = AutosavedCopy.objects.filter(user=user, article=article).first()
    if copy is None or article is None:
        return copy
    newer = article.modified_at is None or copy.saved_at > article.modified_at
    differs = (copy.title, copy.body) != (article.title, article.body)
    return copy if newer and differs else None


def keep_copy(*, user, article: Article | None, title: str, body: str) -> AutosavedCopy:
    copy, _ = AutosavedCopy.objects.update_or_create(
        user=user,
        article=article,
        defaults={"title": title, "body": body, "saved_at": timezone.now()},
    )
    return copy


def drop_copy(*, user, article: Article | None) -> None:
    AutosavedCopy.objects.filter(user=user, article=article).delete()
