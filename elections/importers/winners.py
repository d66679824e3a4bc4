"""The proclaimed-winners file and the constituencies file."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from elections import validation
from elections.importers.rows import (
    CODE,
    CONSTITUENCY_NAME,
    PARTY_NAME,
    PERSON_NAME,
    SYSTEMS,
    WINNER_LABEL,
    WINNER_LIST_NAME,
    ImportRejected,
    read_rows,
)

ELECTED_COLUMNS = (
    "constituency_code",
    "constituency_name",
    "name",
    "party",
    "label",
    "round_or_list",
)

CONSTITUENCY_COLUMNS = ("code", "nom", "sieges", "mode_de_scrutin")


@dataclass
class WinnerRow:
    code: str
    constituency_name: str
    name: str
    party: str
    label: str
    round: int | None
    list_name: str
    line: int


@dataclass
class ConstituencyRow:
    code: str
    name: str
    seats: int
    system: str
    line: int


def parse_elected(text: str) -> list[WinnerRow]:
    rows, errors = read_rows(text, ELECTED_COLUMNS)
    winners: list[WinnerRow] = []
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        code = row.text("constituency_code", required=True, field=CODE)
        constituency_name = row.text("constituency_name", field=CONSTITUENCY_NAME)
        name = row.text("name", required=True, field=PERSON_NAME)
        party = row.text("party", field=PARTY_NAME)
        label = row.text("label", field=WINNER_LABEL)
        round_or_list = row.text("round_or_list", field=WINNER_LIST_NAME)
        number = int(round_or_list) if round_or_list in ("1", "2") else None
        key = (code, name.casefold())
        if key in seen:
            row.error(
                _("« %(name)s » figure déjà ligne %(line)s.") % {"name": name, "line": seen[key]}
            )
        seen[key] = row.number
        if row.ok:
            winners.append(
                WinnerRow(
                    code=code,
                    constituency_name=constituency_name,
                    name=name,
                    party=party,
                    label=label,
                    round=number,
                    list_name="" if number else round_or_list,
                    line=row.number,
                )
            )
    if errors:
        raise ImportRejected(errors)
    return winners


def parse_constituencies(text: str) -> list[ConstituencyRow]:
    rows, errors = read_rows(text, CONSTITUENCY_COLUMNS)
    parsed = []
    seen: dict[str, int] = {}
    for row in rows:
        code = row.text("code", required=True, field=CODE)
        if code in seen:
            # Two lines for one constituency: which seats count is the file's to say.
            row.error(
                _("« %(name)s » figure déjà ligne %(line)s.") % {"name": code, "line": seen[code]}
            )
        seen.setdefault(code, row.number)
        name = row.text("nom", required=True, field=CONSTITUENCY_NAME)
        seats = row.integer("sieges", required=True)
        system = row.choice("mode_de_scrutin", SYSTEMS)
        if row.ok:
            for _field, message in validation.seats_problems(
                seats=seats, proportional=system == "proportional"
            ):
                row.error(message)
        if row.ok:
            parsed.append(ConstituencyRow(code, name, seats, system, row.number))
    if errors:
        raise ImportRejected(errors)
    return parsed
