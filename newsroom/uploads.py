"""Uploaded images: checked by their content, stored under generated names.

An upload is accepted only if Pillow reads it as JPEG, PNG, WebP or GIF (so never SVG
or HTML, whatever its name), it weighs at most ``MAX_BYTES``, its sides lie between
``MIN_SIDE`` and ``MAX_SIDE`` pixels and it has at most ``MAX_PIXELS``, and it carries no
markup: none that a browser sniffing the bytes could run (image/HTML polyglots), and no
tag in the texts it carries (PNG text chunks, compressed or not; JPEG and GIF comments),
which metadata viewers and tools show or copy as they are. The stored name is a random
UUID with the extension of the format actually read, so no uploaded name ever reaches the
disk.
"""

import re
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image
from PIL.PngImagePlugin import PngImageFile

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000
MIN_SIDE = 16
# 25 megapixels: a 6000 x 4000 photo fits; decoding it takes about 100 MB (RGBA).
MAX_PIXELS = 25_000_000
# Markup a browser could execute if it ever sniffed the file as HTML or SVG, looked for in
# the raw bytes, where JPEG comments and EXIF, GIF comments and WebP metadata sit
# uncompressed. At least four bytes each: shorter ones turn up in compressed pixel data.
MARKUP_MARKERS = (
    b"<script",
    b"<html",
    b"<head",
    b"<body",
    b"<svg",
    b"<math",
    b"<iframe",
    b"<frame",
    b"<object",
    b"<embed",
    b"<img",
    b"<image",
    b"<video",
    b"<audio",
    b"<a href",
    b"<form",
    b"<input",
    b"<button",
    b"<meta",
    b"<link",
    b"<base",
    b"<style",
    b"<!doctype",
    b"<!--",
    b"<?php",
    b"<?xml-stylesheet",
    b"javascript:",
    b"vbscript:",
    b"onerror=",
    b"onload=",
)
# In a text the image carries: "<" then a letter, "!", "?" or "/" (a tag, a comment, a
# processing instruction, a closing tag). "2 < 3" is not one.
TAG = re.compile(r"<[a-z!?/]", re.IGNORECASE)
# An XMP packet is XML by definition (photo editors write it into PNGs): the markers only.
XMP_KEY = "XML:com.adobe.xmp"


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


def has_markers(data: bytes) -> bool:
    data = data.lower()
    return any(marker in data for marker in MARKUP_MARKERS)


def embedded_texts(image: Image.Image) -> dict[str, str | bytes]:
    """The texts Pillow reads out of an image: every PNG text chunk (tEXt, and zTXt and
    iTXt decompressed, before or after the pixels: reading them decodes the image), and
    the comment of a JPEG or GIF."""
    texts = dict(image.text) if isinstance(image, PngImageFile) else {}
    if "comment" in image.info:
        texts["comment"] = image.info["comment"]
    return texts


def carries_markup(image: Image.Image) -> bool:
    for key, value in embedded_texts(image).items():
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if has_markers(value.encode()) if key == XMP_KEY else TAG.search(f"{key} {value}"):
            return True
    return False


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
    markup = has_markers(value.read())
    readable = image_format(value) in ALLOWED_FORMATS
    if readable:
        try:
            with Image.open(value) as image:
                validate_dimensions(*image.size)
                markup = markup or carries_markup(image)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            readable = False  # e.g. a text chunk too large to decompress
        finally:
            value.seek(0)
    if not readable:
        raise ValidationError(
            _("Formats acceptés : JPEG, PNG, WebP ou GIF (pas de SVG)."), code="image_format"
        )
    if markup:
        raise ValidationError(_("Le fichier contient du code : refusé."), code="image_markup")


def validate_dimensions(width: int, height: int) -> None:
    """Checked from the image's header, before its pixels are decoded."""
    if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
        raise ValidationError(
            _("L'image doit mesurer entre %(min)s et %(max)s pixels de côté."),
            code="image_dimensions",
            params={"min": MIN_SIDE, "max": MAX_SIDE},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("L'image dépasse %(limit)s mégapixels (largeur × hauteur)."),
            code="image_pixels",
            params={"limit": MAX_PIXELS // 1_000_000},
        )


@deconstructible
@dataclass
class GeneratedName:
    """``upload_to`` giving ``<folder>/<uuid>.<ext>``, the extension from the content."""

    folder: str

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


def measured(image, width: int | None, height: int | None) -> tuple[int | None, int | None]:
    """The width and height to store for an image field's file: those already measured, or
    read once from the file's header (a new upload included); (None, None) without an image
    or when it cannot be read, so a missing file never stops a save or a page."""
    if not image:
        return None, None
    if width and height:
        return width, height
    try:
        return image.width, image.height
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None, None


def fill_stored_sizes(model, field: str) -> None:
    """Write the width and height fields of `model`'s image `field` for rows stored before
    they existed, reading each file's header; a missing or unreadable file leaves them empty
    (pages then show the image without them, as before). For data migrations."""
    for row in model.objects.exclude(**{field: ""}).filter(**{f"{field}_width": None}):
        width, height = measured(getattr(row, field), None, None)
        if width is None:
            continue
        model.objects.filter(pk=row.pk).update(
            **{f"{field}_width": width, f"{field}_height": height}
        )
