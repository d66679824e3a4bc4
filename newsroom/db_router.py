"""Reads to the replica, writes to the primary, and read-after-write on the primary.

Installed only when DATABASE_REPLICA_URL is set (see settings). Once a request (or a
command, or a thread) has written, every later read of that request goes to the primary
too: a replica lags, and an editor who saves then reloads must see the save. The flag is a
context variable, cleared when each request starts and ends.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"

_wrote: ContextVar[bool] = ContextVar("newsroom_wrote_to_primary", default=False)


def pin_to_primary() -> None:
    _wrote.set(True)


def unpin(**kwargs) -> None:
    _wrote.set(False)


def is_pinned() -> bool:
    return _wrote.get()


class PrimaryReplicaRouter:
    def __init__(self) -> None:
        request_started.connect(unpin, dispatch_uid="newsroom.db_router.start")
        request_finished.connect(unpin, dispatch_uid="newsroom.db_router.finish")

    def db_for_read(self, model, **hints) -> str:
        # Inside a transaction on the primary, reads belong to that transaction.
        if is_pinned() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Both aliases hold the same data: objects read from either may be related.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY
