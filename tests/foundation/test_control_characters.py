"""Control characters are refused by every editor-facing text field (one validator, run by
model validation and by the importers), and stripped from rich text."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalChanges

from newsroom.articles.sanitise import clean_html
from newsroom.validation import (
    CheckedTextModel,
    field_problems,
    multi_line_text,
    single_line_text,
    strip_control_characters,
)

APPS = ("people", "elections", "articles")
REFUSED = ["\x00", "\x01", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\ufffe"]
CONTROL_MESSAGE = "caractère de contrôle invisible"


def text_fields() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for name in APPS
        for model in apps.get_app_config(name).get_models()
        if not issubclass(model, HistoricalChanges)
        for field in model._meta.fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def test_the_walk_finds_the_text_fields():
    found = {f"{model.__name__}.{field.name}" for model, field in text_fields()}
    assert {"Article.title", "Article.body", "Constituency.code", "Person.bio"} <= found
    assert len(found) > 40


@pytest.mark.parametrize(
    ("model", "field"), text_fields(), ids=lambda value: getattr(value, "name", "")
)
def test_every_text_field_refuses_a_control_character(model, field):
    assert issubclass(model, CheckedTextModel)
    instance = model(**{field.attname: "a\x0cb"})
    others = [other.name for other in model._meta.fields if other != field]
    if field.name in model.sanitised_fields:
        instance.clean_fields(exclude=others)  # rich text is cleaned on save instead
        return
    with pytest.raises(ValidationError) as error:
        instance.clean_fields(exclude=others)
    assert CONTROL_MESSAGE in " ".join(error.value.message_dict[field.name])


@pytest.mark.parametrize("char", REFUSED)
def test_validators_refuse_control_characters(char):
    for validator in (single_line_text, multi_line_text):
        with pytest.raises(ValidationError):
            validator(f"Sénatoriales{char}2023")


@pytest.mark.parametrize("char", ["\t", "\n", "\r"])
def test_line_breaks_are_for_multi_line_text_only(char):
    multi_line_text(f"Premier paragraphe.{char}Second.")
    with pytest.raises(ValidationError) as error:
        single_line_text(f"Un titre{char}sur deux lignes")
    assert "tient sur une ligne" in error.value.messages[0]


@pytest.mark.parametrize(
    "text", ["Nouvelle-Calédonie", "Backès", "👩‍👩‍👧 famille", "co\u00adopération", "عربي\u200f"]
)
def test_letters_emoji_and_joiners_are_accepted(text):
    single_line_text(text)
    assert strip_control_characters(text) == text


def test_strip_keeps_line_breaks_and_drops_the_rest():
    assert strip_control_characters("a\x0cb\u2028c\td\ne\x85f") == "abc\td\nef"


def test_field_problems_names_length_and_control_characters():
    field = apps.get_model("people", "Person")._meta.get_field("name")
    assert field_problems(field, "Sonia Backès") == []
    assert CONTROL_MESSAGE in field_problems(field, "Sonia\x0cBackès")[0]
    assert "200" in field_problems(field, "x" * 201)[0]


@pytest.mark.parametrize(
    ("html", "cleaned"),
    [
        ("<p>a\x0cb\u2028c</p>", "<p>abc</p>"),
        ("<p>a&#12;b&#x2028;c</p>", "<p>abc</p>"),
        ("<p title='a&#12;b'>x</p>", '<p title="ab">x</p>'),
        ('<a href="java&#12;script:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
    ],
)
def test_sanitiser_strips_control_characters(html, cleaned):
    assert clean_html(html) == cleaned
