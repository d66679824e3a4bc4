"""oEmbed: valid answers for the four kinds of page, advertised by those pages; 404 for
what is not ours or not public, 501 for any format but JSON, 400 for a bad size."""

import re
from html import unescape

import pytest
from django.urls import reverse

from newsroom.articles.models import Status
from newsroom.people.models import Person
from tests import factories as make

pytestmark = pytest.mark.django_db

REQUIRED = {"version", "type", "title", "provider_name", "html", "width", "height", "cache_age"}


def oembed(client, url: str, **params):
    return client.get("/oembed", {"url": url, **params})


def valid(response) -> dict:
    """An oEmbed 1.0 `rich` answer (https://oembed.com, §2.3.4)."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"  # readable from another site's page
    data = response.json()
    assert data.keys() >= REQUIRED
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert isinstance(data["width"], int) and isinstance(data["height"], int)
    assert data["width"] > 0 and data["height"] > 0
    assert isinstance(data["cache_age"], int) and data["cache_age"] > 0
    assert data["provider_name"] == "Newsroom"
    iframe = re.fullmatch(
        r'<iframe src="([^"]+)" title="([^"]+)" width="(\d+)" height="(\d+)"[^>]*></iframe>',
        data["html"],
    )
    assert iframe, data["html"]
    assert int(iframe[3]) == data["width"] and int(iframe[4]) == data["height"]
    assert unescape(iframe[2]) == data["title"]
    return data | {"src": unescape(iframe[1])}


@pytest.fixture
def pages(senate_2023, nc_contest, section):
    xowie = Person.objects.get(name="Robert Xowie")
    article = make.article(section, slug="xowie-elu", title="Robert Xowie élu", persons=[xowie])
    return {
        "contest": (
            nc_contest.get_absolute_url(),
            reverse("embeds:contest", args=[senate_2023.slug, "988"]),
        ),
        "election": (
            senate_2023.get_absolute_url(),
            reverse("embeds:election", args=[senate_2023.slug]),
        ),
        "person": (xowie.get_absolute_url(), reverse("embeds:person", args=[xowie.slug])),
        "article": (article.get_absolute_url(), reverse("embeds:article", args=["xowie-elu"])),
    }


@pytest.mark.parametrize("kind", ["contest", "election", "person", "article"])
def test_each_kind_of_page_gets_a_valid_rich_answer_framing_its_widget(client, pages, kind):
    page, widget = pages[kind]
    data = valid(oembed(client, f"http://testserver{page}", format="json"))
    assert data["src"] == f"http://testserver{widget}"
    assert client.get(widget).status_code == 200
    # The format is optional: JSON by default.
    assert valid(oembed(client, f"http://testserver{page}")) == data


def test_the_contest_answer_names_the_race(client, pages):
    data = valid(oembed(client, f"http://testserver{pages['contest'][0]}"))
    assert data["title"] == "Nouvelle-Calédonie — Élections sénatoriales 2023"


@pytest.mark.parametrize("kind", ["contest", "election", "person", "article"])
def test_each_page_advertises_its_oembed_answer(client, pages, kind):
    page, _widget = pages[kind]
    html = client.get(page).content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
    assert link, kind
    answer = client.get(unescape(link[1]))
    assert valid(answer)["src"].endswith(_widget)


def test_the_consumer_s_maximum_size_is_respected(client, pages):
    data = valid(
        oembed(client, f"http://testserver{pages['contest'][0]}", maxwidth="320", maxheight="200")
    )
    assert data["width"] == 320 and data["height"] == 200


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/elections/senatoriales-2023/988/",  # another site
        "http://testserver.evil.example/elections/senatoriales-2023/988/",
        "http://testserver/elections/senatoriales-2023/000/",  # no such contest
        "http://testserver/personnes/inconnu/",
        "http://testserver/rubrique/politique/",  # a page without a widget
        "http://testserver/nulle-part/",
        "javascript:alert(1)",
        "http://[::1/",  # not a URL
        "http://testserver/article/brouillon/",  # not published
    ],
)
def test_foreign_unknown_or_private_urls_are_404(client, pages, section, url):
    make.article(section, slug="brouillon", status=Status.DRAFT, published_at=None)
    response = oembed(client, url, format="json")
    assert response.status_code == 404
    assert b"<html" not in response.content


@pytest.mark.parametrize("fmt", ["xml", "XML", "yaml"])
def test_formats_other_than_json_are_501(client, pages, fmt):
    assert oembed(client, f"http://testserver{pages['contest'][0]}", format=fmt).status_code == 501


@pytest.mark.parametrize("params", [{"maxwidth": "abc"}, {"maxheight": "0"}, {"maxwidth": "-5"}])
def test_bad_sizes_and_a_missing_url_are_400_saying_why(client, pages, params):
    response = oembed(client, f"http://testserver{pages['contest'][0]}", **params)
    assert response.status_code == 400
    assert next(iter(params)).encode() in response.content
    missing = client.get("/oembed", {"format": "json"})
    assert missing.status_code == 400 and b"url" in missing.content


def test_english_pages_get_english_answers(client, pages):
    data = valid(oembed(client, f"http://testserver/en{pages['contest'][0]}"))
    assert data["src"] == f"http://testserver/en{pages['contest'][1]}"
    assert "Senate" in data["title"] or "senatorial" in data["title"].lower()


def test_a_url_with_its_default_port_or_escaped_characters_is_still_ours(client, pages):
    page, widget = pages["contest"]
    assert valid(oembed(client, f"http://testserver:80{page}"))["src"].endswith(widget)
    escaped = pages["person"][0].replace("-", "%2D")
    assert "%2D" in escaped
    assert valid(oembed(client, f"http://testserver{escaped}"))["src"].endswith(pages["person"][1])
    assert oembed(client, f"http://testserver:8080{page}").status_code == 404  # another site
    # The same site over TLS (behind a proxy that terminates it, the app sees http).
    assert valid(oembed(client, f"https://testserver{page}"))["src"].endswith(widget)
