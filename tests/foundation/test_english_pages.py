"""English pages speak English: no French interface string on the English contest, election,
person and article pages; data the newsroom wrote in English shows in English there; what is
quoted as published in French (a party's label) is marked `lang="fr"`. Every article has one
address, which its canonical link and its hreflang alternates name in both interfaces."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.articles.models import Article
from newsroom.demo import content as demo_content
from tests.foundation.test_locale import LOCALE, po_entries

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
STRIPPED = " :·,.()«»\n"
# Attributes a reader meets: read aloud, shown on hover, shown in an empty field.
READ_ATTRIBUTES = re.compile(r'\s(?:aria-label|title|alt|placeholder)="([^"]*)"')


def french_interface_strings() -> set[str]:
    """The French of every catalogue entry whose English differs, cut at its placeholders:
    the pieces a French page shows verbatim (URL words aside)."""
    pieces = set()
    for key, english in po_entries(LOCALE / "en" / "LC_MESSAGES" / "django.po").items():
        context, _, french = key.rpartition("\x04")
        if context == "url" or english == french:
            continue
        kept = {piece.strip(STRIPPED) for piece in PLACEHOLDER.split(english)}
        for piece in PLACEHOLDER.split(french):
            piece = piece.strip(STRIPPED)
            if len(piece) >= 4 and piece not in kept:
                pieces.add(piece)
    return pieces


def without_french_elements(page: str) -> str:
    """The page without its scripts, styles and elements marked `lang="fr"` (each cut with
    its whole subtree, nested elements of the same name counted)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.DOTALL)
    while match := re.search(r'<(\w+)\b[^>]*\blang="fr[^"]*"[^>]*>', page):
        name, depth, position = match.group(1), 1, match.end()
        tags = re.compile(rf"<(/?){name}\b[^>]*>")
        while depth:
            tag = tags.search(page, position)
            if tag is None:
                break
            depth += -1 if tag.group(1) else 1
            position = tag.end()
        page = page[: match.start()] + " " + page[position:]
    return page


def reader_text(page: str) -> str:
    """What a reader of the page sees or hears: its title, text and read attributes."""
    page = without_french_elements(page.split("<body", 1)[-1] + page.split("</title>")[0])
    attributes = " ".join(READ_ATTRIBUTES.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(f"{text} {attributes}"))


def french_found(text: str, pieces: set[str]) -> list[str]:
    return sorted(piece for piece in pieces if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text))


def english_pages() -> list[str]:
    with translation.override("en"):
        return [
            reverse("elections:contest", kwargs={"slug": "senatoriales-2023", "code": "988"}),
            reverse("elections:contest", kwargs={"slug": "senatoriales-2023", "code": "ZZ"}),
            reverse("elections:election", args=["senatoriales-2023"]),
            reverse("people:person", args=["sonia-backes"]),
            reverse("people:person", args=["robert-xowie"]),
            reverse("articles:detail", args=[demo_content.REPORT]),
        ]


def test_the_french_pieces_are_found_and_the_quoted_ones_are_not():
    pieces = {"Sans étiquette", "majorité absolue"}
    page = (
        "<title>Results</title><body><p>Elected by a majorité absolue</p>"
        '<td lang="fr"><span>Sans étiquette</span> <span>x</span></td>'
        '<img alt="Sans étiquette"></body>'
    )
    assert french_found(reader_text(page), pieces) == ["Sans étiquette", "majorité absolue"]
    quoted = '<body><div lang="fr"><div>Sans étiquette</div> majorité absolue</div></body>'
    assert french_found(reader_text(quoted), pieces) == []


def test_english_pages_carry_no_french_interface_string(client, demo_newsroom):
    pieces = french_interface_strings()
    assert {"Tous les résultats de ce scrutin", "Sénatrice"} <= pieces
    found = {}
    for url in english_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        text = reader_text(response.content.decode())
        for piece in french_found(text, pieces):
            at = text.index(piece)
            found.setdefault(url, []).append(f"{piece!r} in …{text[at - 40 : at + 40]}…")
    assert found == {}, "\n".join(f"{url}: {pieces}" for url, pieces in found.items())


def test_english_pages_show_the_names_and_titles_written_in_english(client, demo_newsroom):
    with translation.override("en"):
        contest = client.get(
            reverse("elections:contest", kwargs={"slug": "senatoriales-2023", "code": "988"})
        ).content.decode()
        person = client.get(reverse("people:person", args=["sonia-backes"])).content.decode()
    assert '<h1 class="page-title">New Caledonia' in contest
    assert ">2023 Senate elections</a>" in contest
    assert "President of the Southern Province" in person
    assert "Sonia Backès has led the Southern Province" in person
    # The French pages keep the French.
    french = client.get(
        reverse("elections:contest", kwargs={"slug": "senatoriales-2023", "code": "988"})
    ).content.decode()
    assert '<h1 class="page-title">Nouvelle-Calédonie' in french
    assert ">Élections sénatoriales 2023</a>" in french


def test_every_article_has_one_address_named_by_canonical_and_hreflang(client, demo_newsroom):
    articles = list(Article.objects.published())
    assert len(articles) >= 10
    for article in articles:
        own = article.get_absolute_url()
        page = client.get(own).content.decode()
        head = page.split("</head>")[0]
        assert f'<link rel="canonical" href="http://testserver{own}">' in head, own
        alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', head)
        assert alternates, own
        assert {href for _, href in alternates} == {f"http://testserver{own}"}, own
        assert {language for language, _ in alternates} <= {article.language, "x-default"}
        other = own.removeprefix("/en") if own.startswith("/en/") else "/en" + own
        moved = client.get(other)
        assert (moved.status_code, moved["Location"]) == (301, own)
