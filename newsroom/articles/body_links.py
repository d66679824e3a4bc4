"""Links inside an article's text to the site's own pages (a person, a contest, an election,
another article): stored as the page's address, checked when the article is saved, and
shown in the article's language.

An editor selects a name in the editor, presses the link button and pastes the page's
address (`/personnes/robert-xowie/`, `/elections/senatoriales-2023/988/`), which the form's
help lists for the persons and contests the article cites. An address that leads nowhere is
refused at save with the address named; at output each link to a person, a contest or an
election names that page in the article's language (an English report links
`/en/people/robert-xowie/` whichever interface the address was copied from)."""

import re
from html import unescape

from django.conf import settings
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

# A sanitised body writes every attribute in double quotes (nh3's serialiser).
HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
# The pages shown at an address of each language, by URL name: a link to one is shown in
# the article's language. An article has one address, its own language's.
BILINGUAL_PAGES = ("people:person", "elections:contest", "elections:election")
# The pages a link is checked against: a person, contest, election or article that exists.
DATA_PAGES = (*BILINGUAL_PAGES, "articles:detail")


def internal_addresses(html: str) -> list[str]:
    """The site-relative addresses linked in `html`, in order, each once."""
    found = []
    for match in HREF.finditer(html or ""):
        address = unescape(match.group(2))
        if on_this_site(address) and address not in found:
            found.append(address)
    return found


def on_this_site(address: str) -> bool:
    """A path on this site ("/personnes/…"), not another site's ("//…", "https://…")."""
    return address.startswith("/") and not address.startswith("//")


def path_of(address: str) -> str:
    """The address without its query and fragment."""
    return address.split("?", 1)[0].split("#", 1)[0]


def target(address: str) -> ResolverMatch | None:
    """The page an address leads to, read in the language its prefix names."""
    path = path_of(address)
    language = "en" if path == "/en/" or path.startswith("/en/") else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


def is_file(address: str) -> bool:
    return address.startswith((settings.MEDIA_URL, settings.STATIC_URL))


def dead_addresses(html: str, exists) -> list[str]:
    """The addresses of `html` that lead to no page: no URL answers them, or the person,
    contest, election or article they name does not exist (`exists(match)`)."""
    dead = []
    for address in internal_addresses(html):
        if is_file(address):
            continue
        match = target(address)
        if match is None or (match.view_name in DATA_PAGES and not exists(match)):
            dead.append(address)
    return dead


def dead_links_message(dead: list[str]) -> str:
    return _(
        "Ces liens du texte ne mènent à aucune page du site : %(addresses)s. Copiez "
        "l'adresse depuis la page voulue (par exemple /personnes/robert-xowie/)."
    ) % {"addresses": ", ".join(dead)}


def in_language(html: str, language: str) -> str:
    """`html` with each link to a person, a contest, an election or an article pointing at
    that page's address in `language` (the article's); other links are kept as written."""

    def localised(match: re.Match) -> str:
        address = unescape(match.group(2))
        if not on_this_site(address) or is_file(address):
            return match.group(0)
        page = target(address)
        if page is None or page.view_name not in BILINGUAL_PAGES:
            return match.group(0)
        with translation.override(language):
            moved = reverse(page.view_name, kwargs=page.kwargs)
        anchor = address[len(path_of(address)) :]
        return f"{match.group(1)}{escape(moved + anchor)}{match.group(3)}"

    return HREF.sub(localised, html)
