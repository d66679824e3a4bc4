"""The demo's elections and results, loaded by `manage.py seed_demo` (idempotent).

The 2023 senate renewal, from the copies in elections/data/ (see its SOURCES.md), through
the same importers as `manage.py import_constituencies / import_elected / import_results`:
the 45 constituencies, the 170 proclaimed winners, New Caledonia's two rounds and five more
contests with full figures.
"""

import datetime

from django.conf import settings
from django.db.models import Q

from elections import importers, services
from elections.models import (
    CallKind,
    CallSource,
    Constituency,
    Contest,
    Election,
    RaceCall,
    TimePrecision,
)
from newsroom.people.models import Gender, Membership, Organisation, Person
from newsroom.people.rules import SENATE_SLUG

DATA = settings.BASE_DIR / "elections" / "data"
ELECTION = "Élections sénatoriales 2023"
DATE = datetime.date(2023, 9, 24)

ELECTED_SOURCE = (
    "Répertoire national des élus (ministère de l'Intérieur, Licence Ouverte) et presse régionale"
)
NC_SOURCE = (
    "La 1ère Nouvelle-Calédonie, Caledonia, Nouméa Post, Radio 1, DNC",
    "https://la1ere.francetvinfo.fr/nouvellecaledonie/"
    "senatoriales-les-grand-electeurs-aux-urnes-ce-dimanche-1430660.html",
)
# One credit per constituency: the results file compiles several sources.
RESULT_SOURCES = {
    "38": (
        "Ministère de l'Intérieur, résultats provisoires (Licence Ouverte / Etalab 2.0)",
        "https://www.resultats-elections.interieur.gouv.fr/senatoriales2023/"
        "ensemble_geographique/84/38/index.html",
    ),
    "54": (
        "France Bleu Sud Lorraine (exprimés calculés : somme des voix des listes)",
        "https://www.francebleu.fr/infos/politique/senatoriales-meurthe-et-moselle-la-gauche-"
        "et-la-droite-se-partagent-les-quatre-sieges-6187639",
    ),
    "974": (
        "L'Économie de La Réunion, Imaz Press (votants et exprimés calculés)",
        "https://leconomie.re/2023/09/25/viviane-malet-audrey-belim-evelyne-corbiere-et-"
        "stephane-fouassin-sont-les-nouveaux-senateurs-de-la-reunion-videos-6",
    ),
    "48": (
        "France 3 Occitanie (exprimés calculés : somme des voix)",
        "https://france3-regions.francetvinfo.fr/occitanie/lozere/mende/resultats-senatoriales-"
        "2023-la-socialiste-guylene-pantel-reelue-en-lozere-au-1er-tour-avec-53-74-2844971.html",
    ),
    "975": (
        "SPM La 1ère (votants et exprimés calculés)",
        "https://la1ere.francetvinfo.fr/saintpierremiquelon/senatoriales-2023-annick-girardin-"
        "elue-sur-saint-pierre-et-miquelon-des-le-1er-tour-1430627.html",
    ),
}
DESCRIPTION = (
    "Renouvellement de la série 1 du Sénat : 170 sièges dans 45 circonscriptions, élus par les "
    "grands électeurs au scrutin majoritaire à deux tours (1 ou 2 sièges) ou à la "
    "représentation proportionnelle (3 sièges ou plus)."
)
ELECTION_EN = "2023 Senate elections"
DESCRIPTION_EN = (
    "Renewal of series 1 of the Senate: 170 seats in 45 constituencies, elected by the "
    "grand electors in a two-round majority vote (1 or 2 seats) or by proportional "
    "representation (3 seats or more)."
)
# The constituencies whose English name differs from the French one.
CONSTITUENCY_NAMES_EN = {
    "974": "Réunion",
    "988": "New Caledonia",
    "ZZ": "French citizens abroad",
}
# Grammatical gender as the sources write it (« la secrétaire d'État », « le candidat
# dissident », « réélue », « élue »), set only where the person has none recorded.
GENDERS = {
    "Sonia Backès": Gender.FEMALE,
    "Georges Naturel": Gender.MALE,
    "Robert Xowie": Gender.MALE,
    "Guylène Pantel": Gender.FEMALE,
    "Annick Girardin": Gender.FEMALE,
}
# Senators of 2023 who no longer sit, on a day the sources do not give: the January 2026
# source story calls Joël Guerriau « l'ex-sénateur ».
ENDED_SINCE = ["Joël Guerriau"]
# Chart colours for parties created by the import, set only where none is recorded.
COLOURS = {
    "Les Républicains": "#0055a4",
    "Parti socialiste": "#e4003b",
    "Renaissance": "#f2b600",
    "FLNKS": "#2e7d32",
    "Rassemblement national": "#0d2c54",
    "La France insoumise": "#c9462c",
    "Europe Écologie Les Verts": "#3a9d23",
    "Parti communiste français": "#a50f15",
    "Union centriste": "#00a1d6",
    "Horizons": "#1d6fb8",
    "Divers droite": "#6f8fc7",
    "Divers gauche": "#e98fa7",
    "Union de la gauche": "#d9536f",
    "Union de la droite": "#4a6fb3",
    "Union des démocrates et indépendants": "#48b5e0",
    "Mouvement démocrate": "#ff8000",
    "Parti radical": "#e2c044",
    "Parti radical de gauche": "#f0d43a",
    "Alliance solidaire des Français de l'étranger": "#8e6fb8",
    "Pour La Réunion": "#c2185b",
    "Cap sur l'Avenir": "#00897b",
    "Néma": "#795548",
}


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def load() -> list[str]:
    lines = []
    report = services.import_constituencies(
        election_name=ELECTION,
        rows=importers.parse_constituencies(read("senatoriales-2023-serie1-circonscriptions.csv")),
        date=DATE,
    )
    lines += [f"circonscriptions 2023 — {line}" for line in report.lines()]
    Election.objects.filter(name=ELECTION, description="").update(description=DESCRIPTION)
    Election.objects.filter(name=ELECTION, name_en="").update(
        name_en=ELECTION_EN, description_en=DESCRIPTION_EN
    )
    for code, name in CONSTITUENCY_NAMES_EN.items():
        Constituency.objects.filter(code=code, name_en="").update(name_en=name)
    report = services.import_elected(
        election_name=ELECTION,
        winners=importers.parse_elected(read("senatoriales-2023-elus.csv")),
        source=ELECTED_SOURCE,
    )
    lines += [f"élus 2023 — {line}" for line in report.lines()]
    report = services.import_results(
        contests=importers.parse_results(read("senatoriales-2023-nouvelle-caledonie.csv")),
        source=NC_SOURCE[0],
        source_url=NC_SOURCE[1],
    )
    lines += [f"résultats Nouvelle-Calédonie — {line}" for line in report.lines()]
    report = services.import_results(
        contests=importers.parse_results(read("senatoriales-2023-resultats.csv")),
        source="",
        sources=RESULT_SOURCES,
    )
    lines += [f"résultats de 5 circonscriptions — {line}" for line in report.lines()]
    for name, gender in GENDERS.items():
        Person.objects.filter(name=name, gender="").update(gender=gender)
    for name, colour in COLOURS.items():
        Organisation.objects.filter(name=name, colour="").update(colour=colour)
    # The offices the results made take the genders just recorded (« Sénatrice »).
    gendered = Contest.objects.filter(
        election__name=ELECTION, official_winners__person__name__in=GENDERS
    ).distinct()
    report = services.sync_election_offices(contests=gendered)
    lines += [f"sénatoriales 2023 — {line}" for line in report.lines()]
    lines += record_nc_calls()
    # Known later, without a date: the office the 2023 result gave has ended, and with it
    # the Sénat group the result had carried into the new term.
    for name in ENDED_SINCE:
        Membership.objects.current().filter(person__name=name).filter(
            Q(organisation__slug=SENATE_SLUG) | Q(organisation__parent__slug=SENATE_SLUG)
        ).update(ended=True)
    return lines


# The newsroom's calls on the New Caledonia night, as the seed stories and the sources date
# them: the day is known (24 September 2023), the minute is not, so none is shown. The
# result was announced on the AFP's word (« selon l'AFP ») once the second round was
# counted, then proclaimed (the local press reported the proclamation).
NC_CALLS = (
    {
        "kind": CallKind.CALLED,
        "source": CallSource.AGENCY,
        "source_detail": "AFP",
        "note": (
            "Georges Naturel élu au premier tour, Robert Xowie au second : Sonia Backès, "
            "secrétaire d'État, est battue."
        ),
        "winners": ("Georges Naturel", "Robert Xowie"),
    },
    {
        "kind": CallKind.PROCLAIMED,
        "source": CallSource.OFFICIAL,
        "source_detail": "proclamation rapportée par la presse calédonienne",
        "note": "",
        "winners": (),
    },
)


def record_nc_calls() -> list[str]:
    """The 988 contest's call timeline (once: a second load adds nothing)."""
    contest = Contest.objects.get(election__name=ELECTION, constituency__code="988")
    if contest.calls.exists():
        return []
    called_at = datetime.datetime(2023, 9, 24, 12, 0, tzinfo=datetime.UTC)
    for call in NC_CALLS:
        made = RaceCall.objects.create(
            contest=contest,
            kind=call["kind"],
            source=call["source"],
            source_detail=call["source_detail"],
            note=call["note"],
            called_at=called_at,
            time_precision=TimePrecision.DAY,
        )
        made.winners.set(Person.objects.filter(name__in=call["winners"]))
    return [f"annonces Nouvelle-Calédonie — {len(NC_CALLS)} annonces datées du 24 septembre 2023"]
