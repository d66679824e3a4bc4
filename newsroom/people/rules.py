"""Pure rules of the people app: French agreement, date phrases, current vs past offices.

No ORM here: every function takes plain values, so the rules are tested without a database.
Genders are the stored strings of `Gender` ("female", "male", "" for unknown).
"""

import datetime
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext, pgettext

FEMALE = "female"
MALE = "male"


# --- French agreement -------------------------------------------------------------------------


def agree(gender: str, masculine: str, feminine: str) -> str:
    """The form that agrees with the person's gender.

    When the gender is unknown we use the masculine form, which French uses as the
    generic one in administrative titles ("Sénateur de la Nouvelle-Calédonie").
    """
    return feminine if gender == FEMALE else masculine


def born_word(gender: str) -> str:
    return agree(gender, gettext("né"), gettext("née"))


def died_word(gender: str) -> str:
    return agree(gender, gettext("mort"), gettext("morte"))


def senator_title(gender: str) -> str:
    return agree(gender, gettext("Sénateur"), gettext("Sénatrice"))


def president_title(gender: str, of: str = "") -> str:
    """ "Présidente de la province Sud"; `of` is French text, kept as written."""
    title = agree(gender, gettext("Président"), gettext("Présidente"))
    return f"{title} {of}".strip()


def prime_minister_title(gender: str) -> str:
    return agree(gender, gettext("Premier ministre"), gettext("Première ministre"))


def secretary_of_state_title(gender: str, portfolio: str, beside: str = "") -> str:
    """ "Secrétaire d'État [auprès du …,] chargée de la Citoyenneté".

    `secrétaire` is the same word for both genders; the participle "chargé" agrees.
    `portfolio` ("de la Citoyenneté") and `beside` ("auprès du ministre …") are French text.
    """
    in_charge = agree(gender, gettext("chargé"), gettext("chargée"))
    title = gettext("Secrétaire d'État")
    if beside:
        return f"{title} {beside}, {in_charge} {portfolio}"
    return f"{title} {in_charge} {portfolio}"


def group_role(gender: str, affiliation: str) -> str:
    """Role in a Sénat parliamentary group from the file's "Type d'app au grp politique".

    Empty means a full member; "Apparenté" and "Rattaché" agree with the senator.
    """
    kind = affiliation.strip().lower()
    if kind.startswith("apparent"):
        return agree(gender, gettext("Apparenté"), gettext("Apparentée"))
    if kind.startswith("rattach"):
        return agree(gender, gettext("Rattaché"), gettext("Rattachée"))
    return gettext("Membre")


# --- Names and the alphabetical index ---------------------------------------------------------

# Lower-case particles are not sorted on in French ("de Gaulle" is filed under G);
# capitalised ones ("Le Pen", "Du Bellay") are part of the name and stay.
PARTICLES = ("de la ", "de l'", "de l’", "de ", "d'", "d’", "du ", "des ")


def split_particle(family_name: str) -> tuple[str, str]:
    """("de La Gontrie") -> ("de", "La Gontrie"); no particle -> ("", name)."""
    for particle in PARTICLES:
        if family_name.startswith(particle) and len(family_name) > len(particle):
            return particle.strip(), family_name[len(particle) :]
    return "", family_name


def sort_name(given_name: str, family_name: str) -> str:
    """ "Gaulle (de) Charles", "Backès Sonia": the key the people index is ordered by."""
    particle, core = split_particle(family_name.strip())
    family = f"{core} ({particle})" if particle else core
    return f"{family} {given_name.strip()}".strip()


def index_letter(name: str) -> str:
    """The A–Z letter a name is filed under: accents dropped ("Émile" -> E), else "#"."""
    for char in unicodedata.normalize("NFKD", name):
        if char.isalpha() and char.isascii():
            return char.upper()
        if char.isalnum():
            return "#"
    return "#"


def sort_key(sort_name: str) -> str:
    """The sort name without accents or case, so "Fréville" sorts between "Freville" and
    "Frimat" on every database (SQLite compares bytes and would put é after z)."""
    decomposed = unicodedata.normalize("NFKD", sort_name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


# --- Dates in words ---------------------------------------------------------------------------


def _is_french() -> bool:
    return (translation.get_language() or "fr").split("-")[0] == "fr"


def month_year(day: datetime.date) -> str:
    """ "juillet 2022" / "July 2022" (Django's own month names, lower-case in French)."""
    return f"{MONTHS[day.month]} {day.year}"


def long_date(day: datetime.date) -> str:
    """ "27 septembre 2023", "1er octobre 2023" (French writes the first of the month 1er)."""
    number = "1er" if day.day == 1 and _is_french() else str(day.day)
    return f"{number} {MONTHS[day.month]} {day.year}"


def is_current(end: datetime.date | None, today: datetime.date) -> bool:
    """An office is current when it has no end or ends after today (Popolo's definition)."""
    return end is None or end > today


def period_phrase(
    start: datetime.date | None,
    end: datetime.date | None,
    today: datetime.date,
    end_reason: str = "",
) -> str:
    """The dates of an office in words.

    Current offices are summed up by month ("depuis juillet 2022"); ended ones give the
    day and, when known, why they ended ("jusqu'au 27 septembre 2023 — démission").
    `end_reason` is the display label of the reason, already translated.
    """
    if is_current(end, today):
        if start and start > today:
            phrase = gettext("à partir du %(date)s") % {"date": long_date(start)}
        elif start:
            phrase = gettext("depuis %(date)s") % {"date": month_year(start)}
        else:
            phrase = gettext("en fonction, début non renseigné") if end else ""
        if end:
            until = gettext("jusqu'au %(date)s") % {"date": long_date(end)}
            phrase = f"{phrase}, {until}" if phrase and start else until
        return phrase or gettext("dates non renseignées")
    if start:
        phrase = gettext("du %(start)s au %(end)s") % {
            "start": long_date(start),
            "end": long_date(end),
        }
    else:
        phrase = gettext("jusqu'au %(date)s") % {"date": long_date(end)}
    return f"{phrase} — {end_reason}" if end_reason else phrase


def life_phrase(
    gender: str, birth: datetime.date | None, death: datetime.date | None = None
) -> str:
    """ "née le 21 mai 1976", "né le 19 juin 1930, mort le 2 mars 2001"."""
    parts = []
    if birth:
        parts.append(
            pgettext("naissance", "%(born)s le %(date)s")
            % {"born": born_word(gender), "date": long_date(birth)}
        )
    if death:
        parts.append(
            pgettext("décès", "%(died)s le %(date)s")
            % {"died": died_word(gender), "date": long_date(death)}
        )
    return ", ".join(parts)


# --- Current vs past ---------------------------------------------------------------------------


class Dated(Protocol):
    start_date: datetime.date | None
    end_date: datetime.date | None


D = TypeVar("D", bound=Dated)


def split_current_past(memberships: Iterable[D], today: datetime.date) -> tuple[list[D], list[D]]:
    """Current offices (latest start first), then past ones (latest end first).

    Unknown starts sort after known ones; the sorts are stable, so equal keys keep
    the order they came in.
    """
    current, past = [], []
    for membership in memberships:
        (current if is_current(membership.end_date, today) else past).append(membership)
    current.sort(key=lambda m: m.start_date or datetime.date.min, reverse=True)
    past.sort(key=lambda m: m.end_date, reverse=True)
    return current, past


def timeline(memberships: Iterable[D]) -> list[D]:
    """Every office, latest start first; offices with no start go last."""
    return sorted(
        memberships,
        key=lambda m: (m.start_date is not None, m.start_date or datetime.date.min),
        reverse=True,
    )


# --- JSON-LD -----------------------------------------------------------------------------------


def wikidata_url(wikidata_id: str) -> str:
    return f"https://www.wikidata.org/wiki/{wikidata_id}" if wikidata_id else ""


def person_json_ld(
    *,
    name: str,
    url: str,
    job_titles: Sequence[str] = (),
    affiliations: Sequence[tuple[str, str]] = (),
    wikidata_id: str = "",
    birth_date: datetime.date | None = None,
    image: str = "",
    description: str = "",
) -> dict:
    """A schema.org `Person`; `affiliations` are (name, absolute URL) pairs."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": name}
    data["url"] = url
    if job_titles:
        data["jobTitle"] = job_titles[0] if len(job_titles) == 1 else list(job_titles)
    if affiliations:
        data["affiliation"] = [
            {"@type": "Organization", "name": org_name, "url": org_url}
            for org_name, org_url in affiliations
        ]
    if wikidata_id:
        data["sameAs"] = [wikidata_url(wikidata_id)]
    if birth_date:
        data["birthDate"] = birth_date.isoformat()
    if image:
        data["image"] = image
    if description:
        data["description"] = description
    return data


# --- What a membership is ------------------------------------------------------------------------

# Organisation kinds a person belongs to rather than holds an office in.
PARTY_KINDS = frozenset({"party", "coalition"})
AFFILIATION_KINDS = PARTY_KINDS | {"group"}


def short_period(
    start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> str:
    """Years only, for lists: "2011–2017", "depuis 2023", "jusqu'en 2023", "" if unknown."""
    if start and end:
        return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)
    if start:
        if is_current(end, today):
            return gettext("depuis %(year)s") % {"year": start.year}
        return str(start.year)
    if end:
        return gettext("jusqu'en %(year)s") % {"year": end.year}
    return ""
