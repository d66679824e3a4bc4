"""The committed .mo catalogues match their .po sources (no forgotten compile)."""

import ast
import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def po_entries(path: Path) -> dict[str, str]:
    """Translated msgid -> msgstr pairs of a .po file (no plurals in this project yet)."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        parts: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            if line.startswith(("msgctxt ", "msgid ", "msgstr ")):
                current, _, rest = line.partition(" ")
                parts[current] = [ast.literal_eval(rest)]
            elif line.startswith('"') and current:
                parts[current].append(ast.literal_eval(line))
        msgid = "".join(parts.get("msgid", []))
        msgstr = "".join(parts.get("msgstr", []))
        if msgid and msgstr:
            ctxt = parts.get("msgctxt")
            entries[("".join(ctxt) + "\x04" if ctxt else "") + msgid] = msgstr
    return entries


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_source(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = LOCALE / language / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = {k: v for k, v in po_entries(po).items() if catalogue._catalog.get(k) != v}
    assert not stale, f"run `make messages`: {sorted(stale)[:5]}"


def test_english_catalogue_has_no_untranslated_entry():
    po = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    # A fuzzy entry is a machine guess (msgmerge's nearest match), never a translation.
    fuzzy = [line for line in po.splitlines() if line.startswith("#,") and "fuzzy" in line]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries"
    blocks = [b for b in po.split("\n\n")[1:] if "msgid" in b]
    # An empty msgstr (or msgstr[N] of a plural) with no continuation line after it.
    empty = re.compile(r'^msgstr(\[\d\])? ""\n(?!")', re.MULTILINE)
    untranslated = [b for b in blocks if empty.search(b + "\n")]
    assert not untranslated, untranslated[:3]
