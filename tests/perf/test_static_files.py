"""Static files as production serves them: collected with content hashes, compressed,
and cached for a year as immutable."""

import io

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    call_command("collectstatic", interactive=False, stdout=io.StringIO())
    return tmp_path


def test_hashed_static_files_are_immutable_for_a_year_and_compressed(collected):
    url = static("css/site.css")
    assert url != "/static/css/site.css"  # the name carries a content hash
    assert list(collected.glob("css/site.*.css.gz"))  # brotli too, if installed

    response = Client().get(url, headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
