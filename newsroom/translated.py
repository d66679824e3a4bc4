"""Data written in two languages: a name or a title the newsroom also wrote in English is
shown in English on English pages, and in French everywhere else or while it has none."""

from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ENGLISH_HELP = _("Affiché sur les pages en anglais ; vide, elles montrent le texte français.")


def in_language(french: str, english: str) -> str:
    """`english` while an English page is rendered and it is written, else `french`."""
    return english if english and (get_language() or "").startswith("en") else french


def in_english(function: Callable[..., str], *args: Any) -> str:
    """What `function` writes while English is the active language: the English form of a
    title the people rules compose in French ("Sénatrice" → "Senator")."""
    with translation.override("en"):
        return function(*args)


class NamedInTwoLanguages:
    """For a model with `name` and `name_en`: `label`, its name for the page rendered."""

    @property
    def label(self) -> str:
        return in_language(self.name, self.name_en)


class DescribedInTwoLanguages:
    """For a model with `description` and `description_en`: `presentation`, its
    description for the page rendered."""

    @property
    def presentation(self) -> str:
        return in_language(self.description, self.description_en)
