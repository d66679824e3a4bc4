from django.db import models


class KeyVersion(models.Model):
    """When the data behind a freshness key (`article:12`, `contest:44`,
    `listing:home`…) last changed: the truth that every process and server reads, so that a
    write is never forgotten by a cache outage or flush. `changed_at` is the time of the
    latest change (nanoseconds since the epoch, taken after the write committed);
    `hard_changed_at` that of the latest change never to be served stale (an article
    unpublished or corrected). A page or fragment rendered before either is stale."""

    key = models.CharField(max_length=200, primary_key=True)
    changed_at = models.BigIntegerField(db_index=True)
    hard_changed_at = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.key
