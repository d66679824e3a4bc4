"""Pure rules of the people app: French agreement, date phrases, current vs past offices.

No ORM here: every function takes plain values, so the rules are tested without a database.
Genders are the stored strings of `Gender` ("female", "male", "" for unknown).
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext, pgettext

from newsroom import text

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
    """ "Sénateur", "Sénatrice"; "Membre du Sénat" while the gender is unknown (a title in
    the wrong gender is a visible error, a neutral one is not)."""
    if gender not in (FEMALE, MALE):
        return gettext("Membre du Sénat")
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


# The words of the titles above whose form tells a gender, as they are stored (in French).
MASCULINE_WORDS = frozenset(
    {"sénateur", "président", "premier", "chargé", "apparenté", "rattaché", "élu", "député"}
)
FEMININE_WORDS = frozenset(
    {"sénatrice", "présidente", "première", "chargée", "apparentée", "rattachée", "élue", "députée"}
)


def gender_disagrees(role: str, gender: str) -> bool:
    """A stored title in the other gender than the person's ("Sénateur" for a woman);
    never for an unknown gender or a title that says nothing of it ("Membre du Sénat")."""
    words = {word.casefold() for word in re.findall(r"[\w-]+", role)}
    if gender == FEMALE:
        return bool(words & MASCULINE_WORDS)
    if gender == MALE:
        return bool(words & FEMININE_WORDS)
    return False


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
    return text.fold(sort_name)


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


def stop_date(
    end: datetime.date | None, term_end: datetime.date | None, *, ended: bool = False
) -> datetime.date | None:
    """When an office stops: its recorded end, which always wins (a source dated it), else
    the natural end of its term; None while neither is known. An office `ended` on a day
    nobody gave stops on its recorded end only: its term's end says nothing of when."""
    if ended:
        return end
    return end if end is not None else term_end


def is_current(
    end: datetime.date | None,
    today: datetime.date,
    *,
    start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    ended: bool = False,
) -> bool:
    """An office is current when it has started (or its start is unknown) and stops after
    today: neither ended (on a known date, or `ended` on an unknown one) nor past its
    term's natural end. The one rule behind `Membership.objects.current()`."""
    stop = stop_date(end, term_end)
    return not ended and (start is None or start <= today) and (stop is None or stop > today)


# --- Terms fixed by law ---------------------------------------------------------------------------

# Senators are elected for six years (Code électoral, art. LO 275), half of the seats at a
# time: série 2 was renewed in 2014 and 2020, série 1 in 2017 and 2023.
SENATE_SLUG = "senat"  # the Sénat's organisation
SENATE_NAMES = {"name": "Sénat", "name_en": "Senate"}
SENATE_TERM_YEARS = 6
REGULAR_RENEWAL = 2011  # and every three years since


def senate_term_start(year: int) -> datetime.date:
    """The day senators elected in September `year` take their seats: the opening of the
    ordinary session on the first "jour ouvrable" of October, Saturdays included (art. LO 277
    and art. 28 of the Constitution): 1 October 2011, a Saturday, and 2 October 2017, after
    a Sunday, in the Sénat's own files."""
    day = datetime.date(year, 10, 1)
    return day + datetime.timedelta(days=1) if day.weekday() == 6 else day


def natural_end(start: datetime.date, years: int) -> datetime.date:
    """The end of a term of `years` years begun on `start` (29 February -> 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def term_end(
    start: datetime.date, years: int, *, senate: bool = False, renewal_years: Iterable[int] = ()
) -> datetime.date:
    """The natural end of an office begun on `start` in an organisation whose term lasts
    `years`: for the Sénat, the end of the seat's series (`senate_term_end`)."""
    if senate:
        return senate_term_end(start, renewal_years)
    return natural_end(start, years)


def senate_renewal_years(starts: Iterable[datetime.date]) -> set[int]:
    """The renewal years of a constituency's seats, read off the starts of its mandates:
    a mandate begun on a term's first day (early October) marks a renewal."""
    return {start.year for start in starts if start == senate_term_start(start.year)}


def senate_series(renewal_years: Iterable[int]) -> set[int]:
    """The series a constituency's seats belong to, each named by its renewal year modulo
    six (regular renewals only): two for the Français établis hors de France."""
    return {
        year % SENATE_TERM_YEARS
        for year in renewal_years
        if year >= REGULAR_RENEWAL and (year - REGULAR_RENEWAL) % 3 == 0
    }


def senate_term_end(start: datetime.date, renewal_years: Iterable[int]) -> datetime.date:
    """The natural end of a senate mandate begun on `start`: the eve of the next renewal of
    its seat's series, whether the mandate began at a renewal or took over a seat during a
    term (`renewal_years`: the renewals of its constituency). When a seat taken during a
    term belongs to a constituency of both series (Français établis hors de France), or its
    renewals are unknown, only the legal maximum is certain: six years."""
    if start == senate_term_start(start.year):  # elected at a renewal: a full term
        # Renewals fall every three years (2011, 2014…); one held in another year was a
        # postponed one (série 2 of the Français établis hors de France, voted in 2021
        # instead of 2020), and its term ends with the series it belongs to.
        renewal = start.year - (start.year - REGULAR_RENEWAL) % 3
        return senate_term_start(renewal + SENATE_TERM_YEARS) - datetime.timedelta(days=1)
    # A series comes back every six years; terms have lasted six years since 2011.
    series = senate_series(renewal_years)
    if len(series) != 1:
        return natural_end(start, SENATE_TERM_YEARS)
    (phase,) = series
    year = start.year if start < senate_term_start(start.year) else start.year + 1
    while year % SENATE_TERM_YEARS != phase:
        year += 1
    return senate_term_start(year) - datetime.timedelta(days=1)


def period_phrase(
    start: datetime.date | None,
    end: datetime.date | None,
    today: datetime.date,
    end_reason: str = "",
    *,
    ended: bool = False,
) -> str:
    """The dates of an office in words.

    Current offices are summed up by month ("depuis juillet 2022"); ended ones give the
    day and, when known, why they ended ("jusqu'au 27 septembre 2023 — démission"), or say
    that the day is not known (`ended` without an `end`).
    `end_reason` is the display label of the reason, already translated.
    """
    if ended and end is None:
        if start:
            phrase = gettext(
                "entrée en fonction en %(date)s, terminée à une date non renseignée"
            ) % {"date": month_year(start)}
        else:
            phrase = gettext("terminée, dates non renseignées")
        return f"{phrase} — {end_reason}" if end_reason else phrase
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
    term_end: datetime.date | None
    ended: bool


D = TypeVar("D", bound=Dated)


def split_current_past(memberships: Iterable[D], today: datetime.date) -> tuple[list[D], list[D]]:
    """Current offices (latest start first), then past ones (latest stop first): ended, or
    past their term's natural end. Offices yet to start are in neither.

    Unknown starts sort after known ones; the sorts are stable, so equal keys keep
    the order they came in.
    """
    current, past = [], []
    for m in memberships:
        stop = stop_date(m.end_date, m.term_end)
        if is_current(m.end_date, today, start=m.start_date, term_end=m.term_end, ended=m.ended):
            current.append(m)
        elif m.ended or (stop is not None and stop <= today):
            past.append(m)
    current.sort(key=lambda m: m.start_date or datetime.date.min, reverse=True)
    past.sort(key=_past_order, reverse=True)
    return current, past


def _past_order(m: Dated) -> datetime.date:
    """When a past office stopped; one that ended on an unknown day ranks by its start."""
    if m.ended and m.end_date is None:
        return m.start_date or datetime.date.min
    return stop_date(m.end_date, m.term_end) or datetime.date.min


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
    start: datetime.date | None,
    end: datetime.date | None,
    today: datetime.date,
    *,
    ended: bool = False,
) -> str:
    """Years only, for lists: "2011–2017", "depuis 2023", "jusqu'en 2023", "" if unknown;
    "2023, terminée" when it ended on an unknown day."""
    if ended and end is None:
        if start:
            return gettext("%(year)s, terminée") % {"year": start.year}
        return gettext("terminée")
    if start and end:
        return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)
    if start:
        if is_current(end, today):
            return gettext("depuis %(year)s") % {"year": start.year}
        return str(start.year)
    if end:
        return gettext("jusqu'en %(year)s") % {"year": end.year}
    return ""
