"""Uploaded images served by the app itself when they are kept on the app server's disk
(the default; `MEDIA_STORAGE=s3` serves them from object storage instead).

Only what the upload rules can have stored is served: an image file (JPEG, PNG, WebP,
GIF) inside MEDIA_ROOT, with the type of its extension, `nosniff`, and a policy that lets
no browser run anything from it. Uploads get random names that are never reused, so those
are cached for a year, and so are their renditions; other names (the demo's illustrations)
for an hour.
"""

import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since
from PIL import Image

from newsroom.uploads import ALLOWED_FORMATS

Image.init()  # Pillow's format registry, MIME types included
# The extensions uploads are stored under, each with the type of its format.
CONTENT_TYPES = {extension: Image.MIME[name] for name, extension in ALLOWED_FORMATS.items()}
# What `uploads.GeneratedName` writes: <folder>/<uuid4 hex>.<extension>.
RANDOM_NAME = re.compile(r"[a-z]+/[0-9a-f]{32}\.[a-z]+")
# What sorl-thumbnail writes for a rendition (`newsroom.renditions`): a hash of the source's
# name and the options, so a new upload (a new random name) never reuses one.
RENDITION_NAME = re.compile(r"renditions/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{32}\.[a-z]+")
IMMUTABLE = "public, max-age=31536000, immutable"
RENAMEABLE = "public, max-age=3600"


def media_file(name: str) -> Path:
    """The file `name` names inside MEDIA_ROOT; 404 for anything else (other types,
    hidden files, a path leading out of the folder, a folder)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    parts = name.split("/")
    if any(not part or part.startswith(".") for part in parts):
        raise Http404("No such file.")
    if Path(name).suffix.lower().lstrip(".") not in CONTENT_TYPES:
        raise Http404("No such file.")
    path = (root / name).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise Http404("No such file.")
    return path


@require_safe
def serve(request: HttpRequest, name: str) -> FileResponse | HttpResponseNotModified:
    path = media_file(name)
    modified = path.stat().st_mtime
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), modified):
        return HttpResponseNotModified()
    content_type = CONTENT_TYPES[path.suffix.lower().lstrip(".")]
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Last-Modified"] = http_date(modified)
    named_for_good = RANDOM_NAME.fullmatch(name) or RENDITION_NAME.fullmatch(name)
    response["Cache-Control"] = IMMUTABLE if named_for_good else RENAMEABLE
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, an image may not run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
