"""CSV lines with typed accessors that collect every problem with its line number."""

import csv
import datetime
import io
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Field
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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
        # After "ligne N :" a message goes on in lower case, as French writes after a colon,
        # whether it was written for the import or is a model's sentence ("Les votants…").
        message = self.message
        if message[:1].isupper() and message[1:2].islower():
            message = message[0].lower() + message[1:]
        return _("ligne %(line)s : %(message)s") % {"line": self.line, "message": message}


class ImportRejected(Exception):
    """The file is rejected whole; `errors` lists every problem once, by line."""

    def __init__(self, errors: list[LineError]):
        # One error per problem: two checks finding the same one say it once.
        unique = {(error.line, error.message): error for error in errors}.values()
        self.errors = sorted(unique, key=lambda error: error.line)
        super().__init__("; ".join(str(error) for error in self.errors))


@dataclass
class PersonRef:
    name: str
    birth_date: datetime.date | None
    line: int
    # What its lines say of it, settled once the file is read (`Agreement`).
    agreements: dict = field(default_factory=dict, compare=False, repr=False)


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


# What spreadsheets write between values: a comma, or a semicolon where the decimal mark is
# a comma (French settings), or a tab.
SEPARATORS = (",", ";", "\t")


def separator(header: str, columns: tuple[str, ...]) -> str:
    """The separator under which the header line names the most expected columns (a
    comma when none does)."""
    named = {
        candidate: len({name.strip().strip('"') for name in header.split(candidate)} & set(columns))
        for candidate in SEPARATORS
    }
    return max(SEPARATORS, key=lambda candidate: named[candidate])


def read_rows(text: str, columns: tuple[str, ...]) -> tuple[list[Row], list[LineError]]:
    """Split a CSV text (comma, semicolon or tab separated, UTF-8 with or without its byte
    order mark) into rows; a missing column rejects the file at line 1."""
    errors: list[LineError] = []
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=separator(header, columns))
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
        message = ngettext(
            "colonne manquante : %(columns)s (colonnes lues : %(read)s).",
            "colonnes manquantes : %(columns)s (colonnes lues : %(read)s).",
            len(missing),
        ) % {"columns": ", ".join(missing), "read": ", ".join(header) or _("aucune")}
        errors.append(LineError(1, message))
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
        message = _(
            "le fichier n'est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 » "
            "de votre tableur."
        )
        raise ImportRejected([LineError(1, message)]) from error
    if "\x00" in text:  # no text holds one, and PostgreSQL refuses to store it
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportRejected([LineError(line, _("caractère nul (octet 0) : fichier corrompu."))])
    return text


class Agreement:
    """One fact every line of a group gives and must give alike (a round's total, a
    contest's seats): the value most lines give is taken, and only the lines that give
    another are in error, so a wrong first line does not make every correct line after it
    wrong. A tie goes to the earliest line."""

    def __init__(self, what: str):
        self.what = what
        self.said: list[tuple[int, object]] = []

    def add(self, line: int, value: object) -> None:
        self.said.append((line, value))

    @property
    def value(self) -> object:
        return Counter(value for _line, value in self.said).most_common(1)[0][0]

    def errors(self) -> list[LineError]:
        usual = self.value
        agreeing = [line for line, value in self.said if value == usual]
        return [
            LineError(
                line,
                ngettext(
                    "%(what)s est %(value)s ici, %(usual)s à la ligne %(lines)s.",
                    "%(what)s est %(value)s ici, %(usual)s aux lignes %(lines)s.",
                    len(agreeing),
                )
                % {
                    "what": self.what,
                    "value": shown(value),
                    "usual": shown(usual),
                    "lines": line_ranges(agreeing),
                },
            )
            for line, value in self.said
            if value != usual
        ]


def agree(agreements: dict, key: str, what: str, line: int, value: object) -> None:
    """Record what `line` says of `key` (an attribute of the owner of `agreements`)."""
    agreements.setdefault(key, Agreement(what)).add(line, value)


def settle(owners: list) -> list[LineError]:
    """Give each owner's repeated facts the value most lines give; the lines that give
    another are the errors."""
    errors: list[LineError] = []
    for owner in owners:
        for key, agreement in owner.agreements.items():
            setattr(owner, key, agreement.value)
            errors += agreement.errors()
    return errors


def shown(value: object) -> str:
    return _("vide") if value in (None, "") else str(value)


def line_ranges(lines: list[int]) -> str:
    """ "3 à 8, 10, 11" for lines 3 to 8, 10 and 11."""
    spans: list[list[int]] = []
    for line in sorted(lines):
        if spans and line == spans[-1][1] + 1:
            spans[-1][1] = line
        else:
            spans.append([line, line])
    shown_spans = []
    for first, last in spans:
        if last - first > 1:
            shown_spans.append(_("%(first)s à %(last)s") % {"first": first, "last": last})
        else:
            shown_spans += [str(line) for line in range(first, last + 1)]
    return ", ".join(shown_spans)
