"""Text folding shared by every search (articles, persons, contests): lower case without
accents, the words of a query, and the pattern that finds a word with or without its
accents where the database holds the text as written."""

import re
import unicodedata

MAX_TERMS = 8
# Letters and the accented forms a reader may or may not type.
ACCENTS = {
    "a": "aàâäáã",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿ",
}


def fold(text: str) -> str:
    """Lower case without accents: "Backès" → "backes"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def terms(query: str) -> list[str]:
    """The query's words, folded, at most MAX_TERMS."""
    return re.findall(r"\w+", fold(query))[:MAX_TERMS]


def accent_pattern(term: str) -> str:
    """A regular expression matching the term with or without accents: "backes" matches
    "Backès" and "Backes" (used case-insensitively)."""
    return "".join(f"[{ACCENTS[char]}]" if char in ACCENTS else re.escape(char) for char in term)
