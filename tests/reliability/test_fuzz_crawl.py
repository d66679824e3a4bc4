"""Editor-supplied values that have broken pages before (control characters, slashes,
line separators, empty optional relations) are entered the way editors enter them —
every admin add form, the results importer — and then every public page, fragment,
feed, sitemap and export the site links to is crawled: each value is refused with a
message or shown, and nothing answers 5xx or emits malformed XML."""

import csv
import io
import itertools
import re
import xml.etree.ElementTree as ET
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from elections import importers
from elections.models import Contest
from newsroom.articles.models import Article
from tests.admin_form import form_data

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "Texte ordinaire",
    "Saut\x0cde page",
    "../../Q4",
    "S/1",
    "Ligne\u2028séparée",
    "Paragraphe\u2029suivant",
    "Cloche\x07et\x1béchappement",
    "Tab\tulation",
    "<b>gras</b> & « guillemets »",
]
# Every model an editor adds through the admin, in the order links need them. Results
# rows come from the importer below, with the same values.
ADMIN_MODELS = [
    "people.organisation",
    "people.person",
    "people.membership",
    "articles.section",
    "articles.topic",
    "elections.election",
    "elections.constituency",
    "elections.contest",
    "elections.candidacy",
    "elections.round",
    "elections.officialwinner",
    "articles.article",
    "articles.articlenote",
]
TEXT_FIELDS = (forms.CharField,)
NOT_FREE_TEXT = (forms.URLField, forms.EmailField)
XML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_clean = itertools.count(1)


def fill(form: forms.Form, data: dict, payload: str, index: int) -> None:
    """Every free-text field gets the payload; required links the `index`-th choice,
    optional ones stay empty; many-to-many links take every choice (so linked blocks
    show the values); required numbers and dates a plausible value."""
    for name, field in form.fields.items():
        if field.disabled or isinstance(field.widget, forms.HiddenInput):
            continue
        if isinstance(field, TEXT_FIELDS) and not isinstance(field, NOT_FREE_TEXT):
            data[name] = payload
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:20]]
        elif isinstance(field, forms.ModelChoiceField):
            choices = list(field.queryset.values_list("pk", flat=True))
            data[name] = str(choices[index % len(choices)]) if field.required and choices else ""
        elif isinstance(field, forms.ChoiceField) and field.required and not data.get(name):
            data[name] = next(str(value) for value, _label in field.choices if value != "")
        elif name in ("live_started_at", "live_ended_at"):
            continue  # only a live blog has a coverage (the article is not one)
        elif isinstance(field, forms.SplitDateTimeField):
            moment = timezone.localtime() - timezone.timedelta(hours=1 + index)
            if name == "unpublish_at":  # a withdrawal still to come: the article stays out
                moment += timezone.timedelta(days=2)
            data[f"{name}_0"], data[f"{name}_1"] = f"{moment:%Y-%m-%d}", f"{moment:%H:%M:%S}"
        elif isinstance(field, forms.IntegerField) and field.required and not data.get(name):
            data[name] = "1"


def errors_of(response) -> dict:
    errors = dict(response.context["adminform"].form.errors)
    for formset in response.context.get("inline_admin_formsets", []):
        errors |= {f"inline:{k}": v for k, v in formset.formset.non_form_errors().as_data()}
    return errors


def add_through_admin(client: Client, model: str, payload: str, index: int) -> list[str]:
    """Post the add form with the payload; fields it refuses (with a message) get a plain
    value and the form is posted again. Returns the fields refused the payload."""
    url = reverse(f"admin:{model.replace('.', '_')}_add")
    page = client.get(url)
    assert page.status_code == 200, url
    data = form_data(page)
    form = page.context["adminform"].form
    fill(form, data, payload, index)
    if model == "articles.article":
        data["status"] = "published"
    refused: list[str] = []
    for _attempt in range(4):
        response = client.post(url, data)
        assert response.status_code < 500, (model, payload)
        if response.status_code == 302:
            return refused
        errors = errors_of(response)
        assert errors, f"{model}: form shown again without a message"
        text = [name for name in errors if data.get(name) == payload]
        if not text:
            return refused + sorted(errors)  # refused on its links: a message, no 5xx
        for name in text:
            data[name] = f"v{next(_clean)}" if form.fields[name].required else ""
        refused += text
    pytest.fail(f"{model} with {payload!r} still refused: {errors}")


def results_csv(payload: str, code: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(importers.RESULTS_COLUMNS)
    totals = ["Élections sénatoriales 2023", code, payload, 1, "majoritarian"]
    totals += [1, "2023-09-24", 578, 573, "", "", 561]
    writer.writerow([*totals, payload, payload, payload, 351, "1955-11-21", "", payload, "no"])
    writer.writerow([*totals, "Robert Xowie", "FLNKS", "", 210, "1962-08-29", "", "", "no"])
    return out.getvalue()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "data-hx-get") and value:
                self.urls.append(value)


def internal(base: str, url: str) -> str | None:
    parts = urlsplit(urljoin(base, url))
    if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http"):
        return None
    path = parts.path
    if path.startswith(("/static/", "/media/", "/admin/", "/i18n/")):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, start: list[str], limit: int = 4000) -> dict[str, int]:
    """Every internal URL reachable from `start` (links, images, htmx targets, sitemap
    locations), each fetched as a page and, when it has htmx targets, as a fragment."""
    seen: dict[str, int] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        content_type = response.get("Content-Type", "")
        body = response.content.decode("utf-8", "replace")
        if "xml" in content_type or body.startswith("<?xml"):
            assert not XML_CONTROL.search(body), f"control character in XML: {url}"
            root = ET.fromstring(response.content)  # noqa: S314 - well-formed, or raises
            found = [
                node.text
                for node in root.iter()
                if node.tag.rpartition("}")[2] in ("loc", "link") and node.text
            ]
        elif "html" in content_type:
            parser = Links()
            parser.feed(body)
            found = parser.urls
            if 'hx-get="' in body:
                fragment = client.get(url, headers={"HX-Request": "true"})
                assert fragment.status_code < 500, f"{url} (htmx)"
        else:
            found = []
        for link in found:
            target = internal(url, link)
            if target is not None and target not in seen:
                queue.append(target)
    return seen


def test_editor_values_through_admin_and_importer_never_break_a_public_page(client, site, tmp_path):
    editor = User.objects.create_superuser("fuzz-editor", "fuzz@example.org", "pw")
    client.force_login(editor)
    refused: dict[str, list[str]] = {}
    for model in ADMIN_MODELS:
        for index, payload in enumerate(PAYLOADS):
            refused[f"{model} {payload!r}"] = add_through_admin(client, model, payload, index)
    for index, payload in enumerate(PAYLOADS):
        for number, code in enumerate((f"F{index}", payload)):
            path = tmp_path / f"results-{index}-{number}.csv"
            path.write_text(results_csv(payload, code), encoding="utf-8")
            try:
                call_command("import_results", str(path), stdout=io.StringIO())
            except CommandError as error:  # refused whole, the bad line named
                assert re.search(r"line \d+|ligne \d+", str(error)), str(error)
    client.logout()

    assert Article.objects.published().exists()
    assert Contest.objects.exists()
    # Control characters and slashes in codes and slugs are refused at entry.
    assert any("code" in fields for name, fields in refused.items() if "constituency" in name)

    reader = Client()
    start = ["/", "/en/", "/sitemap.xml", "/sitemap-news.xml", reverse("articles:feed")]
    start += [c.get_absolute_url() for c in Contest.objects.all() if c.get_absolute_url()]
    start += [a.get_absolute_url() for a in Article.objects.published()]
    crawled = crawl(reader, start)
    assert len([url for url, status in crawled.items() if status == 200]) > 100
