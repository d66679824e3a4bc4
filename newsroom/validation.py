"""Model validation the importers share with the admin: an imported value is checked by the
model field that stores it, so a file is held to the same rules as a form.

Text fields also refuse control characters (`text_validator`): a form feed pasted into a
title made the news sitemap unreadable XML, and U+2028 broke a download's header. Every
model with text fields inherits `CheckedTextModel`, whose `clean_fields()` (what the admin's
forms and `full_clean()` run) applies it; the importers apply it through `field_problems`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Refused in any text: C0 and C1 controls but tab, line feed and carriage return; the line
# and paragraph separators U+2028/U+2029 (read as line breaks by JavaScript and some XML
# tools); the bidirectional embeddings, overrides and isolates, which reorder text on
# screen; surrogates (no UTF-8 for them); and the noncharacters, U+FFFE/U+FFFF being
# forbidden in XML. Zero-width joiners, marks and soft hyphens stay: names and emoji need
# them.
_REFUSED = (
    r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
)
MULTI_LINE_REFUSED = re.compile(f"[{_REFUSED}]")
SINGLE_LINE_REFUSED = re.compile(f"[\\t\\n\\r{_REFUSED}]")


def strip_control_characters(text: str) -> str:
    """`text` without what text fields refuse (tab and line breaks kept): for rich text,
    which is cleaned rather than refused, and for anything written into XML."""
    return MULTI_LINE_REFUSED.sub("", text)


@deconstructible
@dataclass(kw_only=True)
class TextValidator:
    """Refuses control characters; a single-line text also refuses tabs and line breaks."""

    multiline: bool

    def __call__(self, value: str) -> None:
        refused = MULTI_LINE_REFUSED if self.multiline else SINGLE_LINE_REFUSED
        found = refused.search(str(value))
        if found is None:
            return
        if found.group() in "\t\n\r":
            raise ValidationError(
                _(
                    "Ce champ tient sur une ligne : retirez-en les retours à la ligne et "
                    "les tabulations."
                ),
                code="line_break",
            )
        raise ValidationError(
            _("Ce texte contient un caractère de contrôle invisible (%(char)s) : retirez-le."),
            code="control_character",
            params={"char": f"U+{ord(found.group()):04X}"},
        )


single_line_text = TextValidator(multiline=False)
multi_line_text = TextValidator(multiline=True)


def text_validator(field: models.Field) -> TextValidator | None:
    """The text rule of a model field: multi-line for a TextField, single-line for a
    CharField (slugs, codes and URLs included), none for other fields."""
    if isinstance(field, models.TextField):
        return multi_line_text
    if isinstance(field, models.CharField):
        return single_line_text
    return None


def messages(check: Callable[[str], object], value: str) -> list[str]:
    try:
        check(value)
    except ValidationError as error:
        return error.messages
    return []


def field_problems(field: models.Field, value: str) -> list[str]:
    """What model validation says of `value` stored in `field` (control characters, its
    length, its validators: a constituency code, a slug); empty when it may be stored."""
    validator = text_validator(field)
    problems = messages(validator, value) if validator else []
    return problems + messages(lambda value: field.clean(value, None), value)


class CheckedTextModel(models.Model):
    """A model whose text fields refuse control characters in model validation. Fields
    named in `sanitised_fields` (rich text) are cleaned on save instead."""

    sanitised_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None) -> None:
        try:
            super().clean_fields(exclude)
            errors = {}
        except ValidationError as error:
            errors = error.error_dict
        for field in self._meta.fields:
            validator = text_validator(field)
            value = getattr(self, field.attname)
            skipped = field.name in (exclude or ()) or field.name in self.sanitised_fields
            if validator is None or skipped or not value:
                continue
            try:
                validator(value)
            except ValidationError as error:
                errors.setdefault(field.name, []).extend(error.error_list)
        if errors:
            raise ValidationError(errors)
