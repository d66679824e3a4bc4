"""An Atom 1.0 checker for the tests (RFC 4287, what feed readers rely on): every problem
found in a document, so that a test can show them all. `assert_valid_atom` for the feeds,
`atom_problems` to check the checker."""

import datetime
import re
import xml.etree.ElementTree as ET
from collections import Counter

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, with its offset (RFC 4287 §3.3 requires one).
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_time(text: str | None) -> datetime.datetime | None:
    if not text or not RFC3339.match(text):
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _one(element: ET.Element, name: str, where: str, problems: list[str]) -> ET.Element | None:
    found = element.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} <{name}>, exactly one expected")
        return None
    if name != "author" and not (found[0].text or "").strip():
        problems.append(f"{where}: empty <{name}>")
    return found[0]


def _time(element: ET.Element, name: str, where: str, problems: list[str], *, required: bool):
    found = element.findall(ATOM + name)
    if not found:
        if required:
            problems.append(f"{where}: no <{name}>")
        return None
    if len(found) > 1:
        problems.append(f"{where}: {len(found)} <{name}>, at most one expected")
    moment = parse_time(found[0].text)
    if moment is None:
        problems.append(f"{where}: <{name}> {found[0].text!r} is not an RFC 3339 date-time")
    return moment


def _links(element: ET.Element, where: str, problems: list[str]) -> list[ET.Element]:
    links = element.findall(ATOM + "link")
    for link in links:
        if not link.get("href"):
            problems.append(f"{where}: a <link> without href")
    alternates = Counter(
        (link.get("type"), link.get("hreflang"))
        for link in links
        if link.get("rel", "alternate") == "alternate"
    )
    if any(count > 1 for count in alternates.values()):
        problems.append(f"{where}: two alternate links with the same type and hreflang")
    return links


def _has_author(element: ET.Element) -> bool:
    return any((a.findtext(ATOM + "name") or "").strip() for a in element.findall(ATOM + "author"))


def atom_problems(content: bytes | str) -> list[str]:
    """What makes `content` an invalid Atom feed: empty when it is a valid one."""
    try:
        root = ET.fromstring(content)  # noqa: S314 - our own responses
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != ATOM + "feed":
        return [f"root element is {root.tag}, not an Atom <feed>"]
    problems: list[str] = []
    for name in ("id", "title"):
        _one(root, name, "feed", problems)
    _time(root, "updated", "feed", problems, required=True)
    links = _links(root, "feed", problems)
    if not any(link.get("rel") == "self" for link in links):
        problems.append("feed: no rel=self link")
    entries = root.findall(ATOM + "entry")
    if not _has_author(root) and not all(_has_author(entry) for entry in entries):
        problems.append("feed: no author, and not every entry has one")
    ids = Counter()
    for position, entry in enumerate(entries, start=1):
        where = f"entry {position}"
        found = _one(entry, "id", where, problems)
        if found is not None:
            ids[(found.text or "").strip()] += 1
            if ":" not in (found.text or ""):
                problems.append(f"{where}: <id> {found.text!r} is not an absolute IRI")
        _one(entry, "title", where, problems)
        updated = _time(entry, "updated", where, problems, required=True)
        published = _time(entry, "published", where, problems, required=False)
        entry_links = _links(entry, where, problems)
        has_alternate = any(link.get("rel", "alternate") == "alternate" for link in entry_links)
        if not has_alternate and entry.find(ATOM + "content") is None:
            problems.append(f"{where}: neither an alternate link nor content")
        if published and updated and published > updated:
            problems.append(f"{where}: published after updated")
    problems += [f"id {entry_id!r} used by {n} entries" for entry_id, n in ids.items() if n > 1]
    return problems


def assert_valid_atom(content: bytes | str) -> ET.Element:
    """The parsed feed, once it is known to be valid Atom."""
    problems = atom_problems(content)
    assert not problems, "\n".join(problems)
    return ET.fromstring(content)  # noqa: S314 - our own responses
