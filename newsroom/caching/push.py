"""Writes told to every process as they happen (Redis publish/subscribe), so that a cache
hit needs no round trip to learn whether its page is still fresh.

Each write's stamps, once copied into Redis, are announced on a channel with the keys they
stamped (`versions.announce`). Every web process listens on a thread of its own and
forgets those keys' stamps the moment the message arrives. While it listens, a hit trusts
what the process knows; it still reads the shared count of writes itself at least once a
second (`TRUST_SECONDS`), so a message lost on the way costs at most that second. Not
listening (no Redis configured, the connection lost and not yet back), it reads the count
at every hit, as without this module. On each (re)subscription it forgets everything.
"""

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings

logger = logging.getLogger(__name__)

RECONNECT_SECONDS = 0.5
TRUST_SECONDS = 1.0


def url() -> str:
    return getattr(settings, "KEY_VERSIONS_PUSH_URL", "") or ""


def channel() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', '')}:kv-writes"


class Listener:
    def __init__(self):
        self.lock = threading.Lock()
        self.pid: int | None = None
        self.listening = False
        self.checked_at = float("-inf")

    def trusted(self) -> bool:
        """Whether what this process knows may be used without asking Redis."""
        return self.listening and time.monotonic() - self.checked_at < TRUST_SECONDS

    def checked(self) -> None:
        self.checked_at = time.monotonic()

    def ensure(self, on_message: Callable[[int, list[str]], None], forget: Callable) -> None:
        """Start this process's listening thread (once per process: gunicorn forks)."""
        if not url() or self.pid == os.getpid():
            return
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid, self.listening = os.getpid(), False
            thread = threading.Thread(
                target=self.listen, args=(on_message, forget), name="freshness-push", daemon=True
            )
            thread.start()

    def listen(self, on_message: Callable[[int, list[str]], None], forget: Callable) -> None:
        import redis

        while True:
            try:
                client = redis.Redis.from_url(
                    url(), socket_connect_timeout=1, health_check_interval=30
                )
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(channel())
                forget()  # whatever was missed while not subscribed
                self.checked_at = float("-inf")
                self.listening = True
                for message in pubsub.listen():
                    data = json.loads(message["data"])
                    on_message(int(data["count"]), list(data["keys"]))
            except Exception as error:  # noqa: BLE001 - any failure: stop trusting, retry
                self.listening = False
                logger.warning("Freshness messages unavailable (%s); asking Redis per hit", error)
                time.sleep(RECONNECT_SECONDS)


listener = Listener()
_publisher = {}


def publish(count: int, keys: Iterable[str]) -> None:
    """Announce a write to every listening process; a failure is logged (they ask Redis
    within the second anyway)."""
    if not url():
        return
    try:
        import redis

        client = _publisher.get(os.getpid())
        if client is None:
            client = _publisher[os.getpid()] = redis.Redis.from_url(
                url(), socket_connect_timeout=0.25, socket_timeout=0.5
            )
        client.publish(channel(), json.dumps({"count": count, "keys": sorted(keys)}))
    except Exception as error:  # noqa: BLE001 - the write itself has succeeded
        logger.warning("Freshness message not sent: %s", error)
