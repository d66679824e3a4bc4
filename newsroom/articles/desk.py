"""The desk: what the admin's home page shows each member of staff, as named lists."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from elections.models import Contest, RaceCall
from newsroom.articles.models import Article, ReviewNote, Status
from newsroom.articles.permissions import can_publish
from newsroom.articles.services import user_facts

ROWS = 20  # per list: the desk is a worklist, the change list has the rest
RECENT = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class Desk:
    drafts: list[Article]  # mine, the latest edited first, with the last review step
    waiting: list[Article]  # in review: all for editors, one's own for journalists
    scheduled: list[Article]  # publications to come, the soonest first
    withdrawals: list[Article]  # withdrawals to come, the soonest first
    published: list[Article]  # out in the last 24 hours, the latest first
    contests: list[Contest]  # counting or provisional, with their latest update
    flagged_calls: list[RaceCall]  # standing against the entered figures, the latest first


def with_last_review(articles):
    """Each article with its latest review step and note (`last_step`, `last_note`)."""
    latest = ReviewNote.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-pk")
    return articles.annotate(
        last_step=Subquery(latest.values("step")[:1]),
        last_note=Subquery(latest.values("text")[:1]),
    )


def desk_for(user, now: datetime.datetime | None = None) -> Desk:
    now = now or timezone.now()
    articles = Article.objects.defer("body").select_related("section", "created_by")
    waiting = with_last_review(articles.filter(status=Status.REVIEW))
    if not can_publish(user_facts(user)):
        waiting = waiting.filter(created_by=user)
    return Desk(
        drafts=list(
            with_last_review(articles.filter(created_by=user, status=Status.DRAFT)).order_by(
                "-modified_at"
            )[:ROWS]
        ),
        # The longest waiting first.
        waiting=list(waiting.order_by("modified_at")[:ROWS]),
        scheduled=list(articles.scheduled(now).order_by("published_at")[:ROWS]),
        withdrawals=list(
            articles.published(now).filter(unpublish_at__gt=now).order_by("unpublish_at")[:ROWS]
        ),
        published=list(
            articles.published(now)
            .filter(published_at__gt=now - RECENT)
            .order_by("-published_at")[:ROWS]
        ),
        contests=list(Contest.objects.counting()[:ROWS]),
        flagged_calls=list(
            RaceCall.objects.flagged()
            .select_related("contest__election", "contest__constituency", "called_by")
            .order_by("-called_at")[:ROWS]
        ),
    )
