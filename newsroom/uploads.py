"""Uploaded images: checked by their content, stored under generated names.

An upload is accepted only if Pillow reads it as JPEG, PNG, WebP or GIF (so never SVG
or HTML, whatever its name), it weighs at most ``MAX_BYTES``, its sides lie between
``MIN_SIDE`` and ``MAX_SIDE`` pixels, and it carries no markup that a browser sniffing
the bytes could run (image/HTML polyglots). The stored name is a random UUID with the
extension of the format actually read, so no uploaded name ever reaches the disk.
"""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MIN_SIDE = 16
# Markup a browser could execute if it ever sniffed the file as HTML or SVG.
MARKUP_MARKERS = (b"<script", b"<html", b"<svg", b"<iframe", b"<body", b"<?php", b"javascript:")


def image_format(file) -> str | None:
    """The Pillow format name of a file-like object, or None if it is no image."""
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            return image.format
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)


def validate_image(value) -> None:
    """Field validator for ImageField: newly uploaded files only (stored ones passed)."""
    if getattr(value, "_committed", True):
        return
    if value.size > MAX_BYTES:
        raise ValidationError(
            _("L'image pèse plus de %(limit)s Mo."),
            code="image_too_large",
            params={"limit": MAX_BYTES // (1024 * 1024)},
        )
    value.seek(0)
    head = value.read().lower()
    value.seek(0)
    if any(marker in head for marker in MARKUP_MARKERS):
        raise ValidationError(_("Le fichier contient du code : refusé."), code="image_markup")
    if image_format(value) not in ALLOWED_FORMATS:
        raise ValidationError(
            _("Formats acceptés : JPEG, PNG, WebP ou GIF (pas de SVG)."), code="image_format"
        )
    with Image.open(value) as image:
        width, height = image.size
    value.seek(0)
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("L'image doit mesurer entre %(min)s et %(max)s pixels de côté."),
            code="image_dimensions",
            params={"min": MIN_SIDE, "max": MAX_SIDE},
        )


@deconstructible
class GeneratedName:
    """``upload_to`` giving ``<folder>/<uuid>.<ext>``, the extension from the content."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = PurePosixPath(filename).suffix.lower().lstrip(".")
        for field in instance._meta.fields:
            file = getattr(instance, field.name, None)
            if getattr(file, "name", None) == filename and not getattr(file, "_committed", True):
                detected = image_format(file)
                extension = ALLOWED_FORMATS.get(detected, extension)
                break
        if extension not in ALLOWED_FORMATS.values():
            extension = "jpg" if extension == "jpeg" else "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and other.folder == self.folder
