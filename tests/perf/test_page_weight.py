"""Page weight: the demo defeat article stays light, the whole CSS and JS too, and no
stylesheet or script comes from another host."""

import gzip
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from newsroom.articles.models import Article
from newsroom.demo import content as demo_content

ARTICLE_HTML_LIMIT = 60 * 1024
ASSETS_GZIP_LIMIT = 50 * 1024
# What base.html loads besides the project's own files.
THIRD_PARTY_ASSETS = ["django_htmx/htmx-2.min.js"]


@pytest.mark.django_db
def test_demo_defeat_article_html_is_at_most_60_kb(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=io.StringIO())
    article = Article.objects.get(slug=demo_content.DEFEAT)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert len(response.content) <= ARTICLE_HTML_LIMIT
    html = response.content.decode()
    for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
        if 'rel="stylesheet"' in tag or tag.startswith("<script"):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), tag


def test_all_css_and_js_weigh_at_most_50_kb_compressed():
    static = Path(settings.BASE_DIR) / "static"
    files = [*static.rglob("*.css"), *static.rglob("*.js")]
    files += [Path(finders.find(name)) for name in THIRD_PARTY_ASSETS]
    total = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in files)
    assert total <= ASSETS_GZIP_LIMIT, f"{total} bytes compressed"


@pytest.mark.django_db
def test_base_layout_loads_nothing_render_blocking_from_another_host(client, site):
    html = client.get("/").content.decode()
    assert not re.search(r'<script[^>]+src="(?:https?:)?//', html)
    assert not re.search(r'<link[^>]+href="(?:https?:)?//[^"]*"[^>]*rel="stylesheet"', html)
    assert not re.search(r'<link[^>]+rel="stylesheet"[^>]+href="(?:https?:)?//', html)
