"""Reading the Sénat's open-data files of senators (data.senat.fr, ODSEN_GENERAL / ODSEN_ELUSEN).

Parsing only, no ORM: `read_roster()` turns the two files into plain rows or raises
`MalformedFile` listing every bad line; `services.import_senators` writes them.

A malformed row rejects the whole import. The two files describe one roster (a mandate
points at a senator of the other file), so skipping a row would silently drop a senator
or leave a senator without some of their mandates, and a malformed row usually means the
format changed or the download was cut short. Rejecting keeps the previous, consistent
roster in place and tells the operator every line to look at ("file, line N: reason").
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Field
from django.utils.translation import gettext as _

from newsroom.people.models import Membership, Organisation, Person
from newsroom.validation import field_problems

# The published files are ISO-8859-1 with ";"; our copy is UTF-8 with ",". Both are read.
# cp1252 leaves five bytes undefined: latin-1 reads any byte, so a garbled file is reported
# line by line instead of crashing the import.
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")

GENERAL_COLUMNS = {
    "matricule": "Matricule",
    "title": "Qualité",
    "family_name": "Nom usuel",
    "given_name": "Prénom usuel",
    "status": "État",
    "birth_date": "Date naissance",
    "death_date": "Date de décès",
    "group": "Groupe politique",
    "group_affiliation": "Type d'app au grp politique",
    "constituency": "Circonscription",
}
MANDATE_COLUMNS = {
    "matricule": "Matricule",
    "mandate_id": "Identifiant mandat",
    "start_date": "Date de début de mandat",
    "end_date": "Date de fin de mandat",
    "end_motive": "Motif fin de mandat",
}

GENDER_BY_TITLE = {"M.": "male", "Mme": "female", "Mlle": "female"}

ONGOING = "En Cours"
# "Motif fin de mandat" -> Membership.end_reason (the values of EndReason).
END_REASONS = {
    "Fin de mandat": "end_of_term",
    "Ne se représente pas": "end_of_term",
    "Non réélu": "defeat",
    "Décédé": "death",
    "Démissionnaire": "resignation",
    "Démission (Député européen)": "resignation",
    "Démission (Membre Gouvt)": "resignation",
    "Membre Gouvernement": "incompatibility",
    "Premier ministre": "incompatibility",
    "De droit (membre du Gouvernement)": "incompatibility",
    "De droit (incompatibilité mandats locaux)": "incompatibility",
    "Élu député": "incompatibility",
    "Élu député européen": "incompatibility",
    "Nommé membre CC": "incompatibility",
}
# Anything else (annulled by the Conseil constitutionnel, the 1962 end of the Algerian
# seats, a substitute giving the seat back to a former minister…) is "other".
OTHER_REASON = "other"

# The groups of the 2021 Sénat by their full names; older groups keep the label the
# file gives them, since we hold no source for their full names.
GROUP_NAMES = {
    "Les Républicains": "Les Républicains",
    "SER": "Socialiste, Écologiste et Républicain",
    "UC": "Union Centriste",
    "RDPI": "Rassemblement des démocrates, progressistes et indépendants",
    "RDSE": "Rassemblement Démocratique et Social Européen",
    "CRCE": "Communiste Républicain Citoyen et Écologiste",
    "Les Indépendants": "Les Indépendants – République et Territoires",
    "GEST": "Écologiste – Solidarité et Territoires",
    "NI": "Sénateurs non inscrits",
}

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$|^(\d{2})/(\d{2})/(\d{4})$")


@dataclass(frozen=True)
class SenatorRow:
    matricule: str
    gender: str
    given_name: str
    family_name: str
    birth_date: datetime.date | None
    death_date: datetime.date | None
    active: bool
    group: str
    group_affiliation: str
    constituency: str

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class MandateRow:
    matricule: str
    mandate_id: str
    start_date: datetime.date
    end_date: datetime.date | None
    end_reason: str


@dataclass(frozen=True)
class Roster:
    senators: list[SenatorRow]
    mandates: list[MandateRow]


class MalformedFile(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:20]
        if len(errors) > len(shown):
            shown.append(_("… et %(count)d autres erreurs.") % {"count": len(errors) - 20})
        super().__init__("\n".join(shown))


class _RowError(ValueError):
    pass


def normalise_matricule(value: str) -> str:
    """The Sénat's identifier is six characters ("11010L", "000298"); the GENERAL file lost
    the leading zeros of the oldest ones ("298") to a spreadsheet, ELUSEN kept them."""
    value = value.strip().upper()
    if not re.fullmatch(r"[0-9]{0,5}[0-9A-Z]", value):
        raise _RowError(_("matricule illisible « %(value)s »") % {"value": value})
    return value.zfill(6)


def parse_date(value: str, column: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    match = _DATE.match(value)
    try:
        if match and match.group(1):
            return datetime.date(*(int(match.group(i)) for i in (1, 2, 3)))
        if match:
            return datetime.date(*(int(match.group(i)) for i in (6, 5, 4)))
    except ValueError:
        pass
    raise _RowError(
        _("date illisible « %(value)s » (colonne « %(column)s »)")
        % {"value": value, "column": column}
    )


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if b"\x00" in data:  # no text holds one, and PostgreSQL refuses to store it
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise MalformedFile(
            [
                _("%(file)s, ligne %(line)d : caractère nul (octet 0)")
                % {"file": path.name, "line": line}
            ]
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte sequence")  # pragma: no cover


def _rows(path: Path, columns: dict[str, str], errors: list[str]):
    """Yield (line number, {key: value}) for each data row; header problems go to errors."""
    text = _decode(path)
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from _read(path, reader, columns, errors)
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        errors.append(
            _("%(file)s, ligne %(line)d : CSV illisible (%(error)s)")
            % {"file": path.name, "line": reader.line_num, "error": error}
        )


def _read(path: Path, reader, columns: dict[str, str], errors: list[str]):
    header = [name.strip() for name in next(reader, [])]
    missing = [name for name in columns.values() if name not in header]
    if missing:
        errors.append(
            _("%(file)s, ligne 1 : colonne(s) absente(s) : %(columns)s")
            % {"file": path.name, "columns": ", ".join(missing)}
        )
        return
    positions = {key: header.index(name) for key, name in columns.items()}
    width = max(positions.values()) + 1
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) < width:
            errors.append(
                _("%(file)s, ligne %(line)d : %(found)d colonnes au lieu de %(expected)d")
                % {
                    "file": path.name,
                    "line": reader.line_num,
                    "found": len(values),
                    "expected": len(header),
                }
            )
            continue
        yield reader.line_num, {key: values[index].strip() for key, index in positions.items()}


def mandate_key(mandate_id: str) -> str:
    """The import key of a Sénat mandate (`Membership.source_key`)."""
    return f"senat:mandat:{mandate_id}"


def _checked(value: str, field: Field, column: str) -> None:
    """Refuse the row if the model field that will store `value` refuses it, as the admin
    would (control characters, length)."""
    problems = field_problems(field, value) if value else []
    if problems:
        raise _RowError(
            _("colonne « %(column)s » : %(message)s")
            % {"column": column, "message": " ".join(problems)}
        )


def _senator(row: dict[str, str]) -> SenatorRow:
    for key, field in (
        ("given_name", Person._meta.get_field("given_name")),
        ("family_name", Person._meta.get_field("family_name")),
        # A group's label is its acronym when we hold no full name for it.
        ("group", Organisation._meta.get_field("acronym")),
        ("constituency", Membership._meta.get_field("area")),
    ):
        _checked(row[key], field, GENERAL_COLUMNS[key])
    name = f"{row['given_name']} {row['family_name']}".strip()
    _checked(name, Person._meta.get_field("name"), GENERAL_COLUMNS["family_name"])
    if row["title"] not in GENDER_BY_TITLE:
        raise _RowError(_("qualité inconnue « %(value)s »") % {"value": row["title"]})
    if not row["family_name"]:
        raise _RowError(_("nom absent"))
    birth = parse_date(row["birth_date"], GENERAL_COLUMNS["birth_date"])
    death = parse_date(row["death_date"], GENERAL_COLUMNS["death_date"])
    if birth and death and death < birth:
        raise _RowError(_("date de décès antérieure à la naissance"))
    return SenatorRow(
        matricule=normalise_matricule(row["matricule"]),
        gender=GENDER_BY_TITLE[row["title"]],
        given_name=row["given_name"],
        family_name=row["family_name"],
        birth_date=birth,
        death_date=death,
        active=row["status"].upper() == "ACTIF",
        group=row["group"],
        group_affiliation=row["group_affiliation"],
        constituency=row["constituency"],
    )


def _mandate(row: dict[str, str], known: set[str]) -> MandateRow:
    matricule = normalise_matricule(row["matricule"])
    if matricule not in known:
        raise _RowError(
            _("matricule %(value)s absent du fichier des sénateurs") % {"value": matricule}
        )
    if not row["mandate_id"]:
        raise _RowError(_("identifiant de mandat absent"))
    _checked(
        mandate_key(row["mandate_id"]),
        Membership._meta.get_field("source_key"),
        MANDATE_COLUMNS["mandate_id"],
    )
    start = parse_date(row["start_date"], MANDATE_COLUMNS["start_date"])
    if start is None:
        raise _RowError(_("date de début de mandat absente"))
    end = parse_date(row["end_date"], MANDATE_COLUMNS["end_date"])
    if end and end < start:
        raise _RowError(_("fin de mandat antérieure au début"))
    motive = row["end_motive"]
    if end is None and motive and motive != ONGOING:
        raise _RowError(_("motif de fin « %(value)s » sans date de fin") % {"value": motive})
    reason = END_REASONS.get(motive, OTHER_REASON) if end else ""
    return MandateRow(
        matricule=matricule,
        mandate_id=row["mandate_id"],
        start_date=start,
        end_date=end,
        end_reason=reason,
    )


def _collect(path: Path, columns: dict[str, str], build, errors: list[str]) -> list:
    rows, seen = [], {}
    for line, values in _rows(path, columns, errors):
        try:
            row = build(values)
        except _RowError as error:
            errors.append(
                f"{path.name}, " + _("ligne %(line)d : %(error)s") % {"line": line, "error": error}
            )
            continue
        key = getattr(row, "mandate_id", None) or row.matricule
        if key in seen:
            errors.append(
                f"{path.name}, "
                + _("ligne %(line)d : « %(key)s » figure déjà ligne %(first)d")
                % {"line": line, "key": key, "first": seen[key]}
            )
            continue
        seen[key] = line
        rows.append(row)
    return rows


def read_roster(general: Path, mandates: Path) -> Roster:
    """Both files, fully checked; raises MalformedFile naming every bad line."""
    errors: list[str] = []
    senators = _collect(Path(general), GENERAL_COLUMNS, _senator, errors)
    known = {senator.matricule for senator in senators}
    mandate_rows = _collect(
        Path(mandates), MANDATE_COLUMNS, lambda row: _mandate(row, known), errors
    )
    if errors:
        raise MalformedFile(errors)
    return Roster(senators=senators, mandates=mandate_rows)
