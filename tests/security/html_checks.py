"""Assertions on rendered pages with the standard library's parsers: what would run in
a browser, not what a substring happens to contain."""

import csv
import io
import json
import re
from html.parser import HTMLParser
from xml.etree import ElementTree

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset"}
# Browsers drop ASCII whitespace and control characters when reading a URL's scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


class _PageScan(HTMLParser):
    def __init__(self, nonce: str = ""):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.data_scripts: list[str] = []
        self._in_data_script = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                scheme = _IGNORED_IN_SCHEME.sub("", value).lower()
                allowed_image = tag == "img" and scheme.startswith("data:image/")
                if scheme.startswith(DANGEROUS_SCHEMES) and not allowed_image:
                    self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if kind in DATA_SCRIPT_TYPES:
                self._in_data_script = True
                self._buffer = []
            elif self.nonce and attributes.get("nonce") == self.nonce:
                pass  # written by us for this response: a stored payload cannot know it
            elif not _same_origin_path(attributes.get("src") or ""):
                self.problems.append(f"<script {attributes}>")

    def handle_data(self, data):
        if self._in_data_script:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_data_script:
            self._in_data_script = False
            self.data_scripts.append("".join(self._buffer))


def _same_origin_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def response_problems(response) -> list[str]:
    """`html_problems` of a response, trusting scripts carrying its CSP nonce."""
    policy = response.get("Content-Security-Policy", "")
    nonce = re.search(r"'nonce-([^']+)'", policy)
    return html_problems(response.content.decode(), nonce=nonce.group(1) if nonce else "")


def html_problems(html: str, nonce: str = "") -> list[str]:
    """Executable markup we did not write: inline or foreign scripts, on* attributes,
    javascript:/vbscript:/data: URLs, frames and plugins; JSON data blocks that do not parse
    (a '</script>' closed them early)."""
    scan = _PageScan(nonce)
    scan.feed(html)
    scan.close()
    problems = list(scan.problems)
    for block in scan.data_scripts:
        try:
            json.loads(block)
        except ValueError:
            problems.append(f"broken JSON data block: {block[:80]!r}")
    return problems


def xml_problems(text: str) -> list[str]:
    try:
        root = ElementTree.fromstring(text.encode())  # noqa: S314 (our own feeds, in tests)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"]
    return [f"<{e.tag}> in XML" for e in root.iter() if str(e.tag).lower().endswith("script")]


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_formula_cells(text: str) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(text))
        for cell in row
        if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell)
    ]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
