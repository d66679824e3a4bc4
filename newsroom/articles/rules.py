"""Pure article rules: no ORM, tested without a database."""

import math
import re
from html import unescape

# Adult silent reading of French or English news prose, in words per minute.
WORDS_PER_MINUTE = 230

_TAG = re.compile(r"<[^>]*>")


def plain_text(html: str) -> str:
    """The readable text of a (sanitised) HTML fragment, tags removed, whitespace folded."""
    return " ".join(unescape(_TAG.sub(" ", html or "")).split())


def word_count(html: str) -> int:
    return len(plain_text(html).split())


def reading_time(html: str) -> int:
    """Whole minutes, rounded up; never below one minute for a non-empty text."""
    words = word_count(html)
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def story_would_loop(article_id, previous_id, previous_of) -> bool:
    """Whether naming `previous_id` as the earlier article of `article_id` closes a loop.

    `previous_of(id)` gives the earlier article of `id` (or None). The walk stops at the
    start of the story, or at an existing loop that does not pass through the article.
    """
    seen = set()
    current = previous_id
    while current is not None and current not in seen:
        if current == article_id:
            return True
        seen.add(current)
        current = previous_of(current)
    return False
