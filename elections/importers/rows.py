"""CSV lines with typed accessors that collect every problem with its line number."""

import csv
import datetime
import io
import re
from dataclasses import dataclass

from django.db.models import Field
from django.utils.translation import gettext as _

from elections.models import Candidacy, Constituency, Election, OfficialWinner
from newsroom.people.models import Organisation, Person
from newsroom.validation import field_problems

# The model field each imported value is stored in: it checks the value as the admin would.
CODE = Constituency._meta.get_field("code")
CONSTITUENCY_NAME = Constituency._meta.get_field("name")
ELECTION_NAME = Election._meta.get_field("name")
PERSON_NAME = Person._meta.get_field("name")
PARTY_NAME = Organisation._meta.get_field("name")
LIST_NAME = Candidacy._meta.get_field("list_name")
LABEL = Candidacy._meta.get_field("label")
WINNER_LIST_NAME = OfficialWinner._meta.get_field("list_name")
WINNER_LABEL = OfficialWinner._meta.get_field("label")

SYSTEMS = {
    "majoritarian": "majoritarian",
    "majoritaire": "majoritarian",
    "proportional": "proportional",
    "proportionnel": "proportional",
}

YES_NO = {"yes": True, "oui": True, "no": False, "non": False, "": False}


@dataclass
class LineError:
    line: int  # 0: a value given with the file (the election, the source), not in it
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        return _("ligne %(line)s : %(message)s") % {"line": self.line, "message": self.message}


class ImportRejected(Exception):
    """The file is rejected whole; `errors` lists every bad line."""

    def __init__(self, errors: list[LineError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = sorted(errors, key=lambda error: error.line)


@dataclass
class PersonRef:
    name: str
    birth_date: datetime.date | None
    line: int


class Row:
    """One CSV line with typed accessors that record problems instead of raising."""

    def __init__(self, number: int, values: dict[str, str], errors: list[LineError]):
        self.number = number
        self.values = {key: (value or "").strip() for key, value in values.items() if key}
        self.errors = errors
        self.ok = True

    def error(self, message: str) -> None:
        self.ok = False
        self.errors.append(LineError(self.number, message))

    def text(self, column: str, *, required: bool = False, field: Field | None = None) -> str:
        """The column's value; `field`, the model field that will store it, checks it."""
        value = self.values.get(column, "")
        if required and not value:
            self.error(_("la colonne « %(column)s » est vide.") % {"column": column})
        elif value and field is not None:
            self.check(column, field, value)
        return value

    def check(self, column: str, field: Field, value: str) -> None:
        for message in field_problems(field, value):
            self.error(
                _("colonne « %(column)s » : %(message)s") % {"column": column, "message": message}
            )

    def integer(self, column: str, *, required: bool = False) -> int | None:
        value = self.text(column, required=required).replace("\u202f", "").replace(" ", "")
        if not value:
            return None
        if not re.fullmatch(r"-?\d+", value):
            self.error(
                _("« %(value)s » n'est pas un nombre entier (colonne « %(column)s »).")
                % {"value": value, "column": column}
            )
            return None
        number = int(value)
        if number < 0:
            self.error(
                _("la colonne « %(column)s » ne peut pas être négative (%(value)s).")
                % {"column": column, "value": number}
            )
            return None
        return number

    def date(self, column: str, value: str | None = None) -> datetime.date | None:
        value = self.text(column) if value is None else value.strip()
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(
                _("« %(value)s » n'est pas une date AAAA-MM-JJ (colonne « %(column)s »).")
                % {"value": value, "column": column}
            )
            return None

    def choice(self, column: str, choices: dict[str, object]) -> object:
        value = self.text(column).lower()
        if value not in choices:
            self.error(
                _("« %(value)s » n'est pas une valeur permise de « %(column)s » (%(allowed)s).")
                % {
                    "value": value,
                    "column": column,
                    "allowed": ", ".join(key for key in choices if key),
                }
            )
            return None
        return choices[value]


def read_rows(text: str, columns: tuple[str, ...]) -> tuple[list[Row], list[LineError]]:
    """Split a CSV text into rows; a missing column rejects the file at line 1."""
    errors: list[LineError] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _read_rows(reader, columns, errors)
    except csv.Error as error:  # e.g. a field over the csv module's size limit
        message = _("fichier CSV illisible (%(error)s).") % {"error": error}
        return [], [LineError(reader.line_num or 1, message)]


def _read_rows(
    reader: csv.DictReader, columns: tuple[str, ...], errors: list[LineError]
) -> tuple[list[Row], list[LineError]]:
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in columns if column not in header]
    if missing:
        errors.append(
            LineError(
                1, _("colonne(s) manquante(s) : %(columns)s.") % {"columns": ", ".join(missing)}
            )
        )
        return [], errors
    reader.fieldnames = header
    rows = []
    for values in reader:
        if not any((value or "").strip() for value in values.values() if isinstance(value, str)):
            continue
        rows.append(Row(reader.line_num, values, errors))
    if not rows:
        errors.append(LineError(1, _("le fichier ne contient aucune ligne de données.")))
    return rows, errors


def decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportRejected([LineError(1, _("le fichier n'est pas encodé en UTF-8."))]) from error
    if "\x00" in text:  # no text holds one, and PostgreSQL refuses to store it
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportRejected([LineError(line, _("caractère nul (octet 0) : fichier corrompu."))])
    return text


def same(row: Row, earlier_line: int, what: str, first: object, again: object) -> None:
    if first != again:
        row.error(
            _("%(what)s diffère de la ligne %(line)s (%(first)s ≠ %(again)s).")
            % {"what": what, "line": earlier_line, "first": first, "again": again}
        )
