"""Model validation the importers share with the admin: an imported value is checked by the
model field that stores it, so a file is held to the same rules as a form."""

from django.core.exceptions import ValidationError
from django.db import models


def field_problems(field: models.Field, value: str) -> list[str]:
    """What model validation says of `value` stored in `field` (its length, its validators:
    a constituency code, a slug); empty when the value may be stored."""
    try:
        field.clean(value, None)
    except ValidationError as error:
        return error.messages
    return []
