"""This process's micro-cache: the pages it serves most, kept in its own memory, which
saves fetching their bytes from the shared cache."""

import threading
import time
from collections import OrderedDict

from django.conf import settings


class LocalPages:
    """The most recently served entries (least recently used dropped). Whether an entry is
    still fresh is asked of the keys' stamps every time."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self) -> None:
        self.entries: OrderedDict[str, dict] = OrderedDict()

    @staticmethod
    def size() -> int:
        return int(getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 256))

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry.get("stale_at", 0) <= time.time():
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        size = self.size()
        if size <= 0:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > size:
                self.entries.popitem(last=False)


local_pages = LocalPages()
