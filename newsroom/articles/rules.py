"""Pure article rules: no ORM, tested without a database."""

import math
import re
from html import unescape

from newsroom.text import fold

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


# "l'ancien sénateur X", "l'ex-sénateur X", "the former senator X": the word after the
# marker says which office the text calls past.
FORMER_MARKERS = ("ancien", "ancienne", "anciens", "anciennes", "former")
_ELISION = re.compile(r"^[a-z][’']", re.IGNORECASE)
_PUNCTUATION = ',;:()«»"“”'


def former_titles(text: str, name: str) -> list[str]:
    """The titles a text calls past right before `name`, the marker at most three words
    before it: ["sénateur"] for "… de l'ancien sénateur Joël Guerriau", nothing for
    "l'ancien président du groupe LR Bruno Retailleau" (a title of something else)."""
    titles = []
    for match in re.finditer(re.escape(name), text):
        words = [w.strip(_PUNCTUATION) for w in text[: match.start()].split()[-3:]]
        for index, word in enumerate(words):
            bare = _ELISION.sub("", word).casefold()
            if bare in FORMER_MARKERS and index + 1 < len(words):
                titles.append(words[index + 1].casefold())
            elif bare.startswith("ex-") and len(bare) > 3:
                titles.append(bare[3:])
    return titles


def same_office_word(title: str, role: str) -> bool:
    """Whether a title word names the office of `role` ("sénateur" and "Sénatrice" or
    "Membre du Sénat"; "senator" too): the first five letters, accents and case aside."""
    stem = fold(title)[:5]
    return len(stem) == 5 and stem in fold(role)
