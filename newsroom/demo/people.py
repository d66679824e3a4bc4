"""The demo's persons and organisations, loaded by `manage.py seed_demo` (idempotent).

First the real Sénat roster (the copy in newsroom/people/data/senat/, see its SOURCES.md),
then the persons and organisations of the demo story (New Caledonia, senate elections of
September 2023).

Dates, and where they come from:
- Sonia Backès: Secrétaire d'État from 4 July 2022 (decree of 4 July 2022 appointing the
  second Borne government); her resignation was presented to the President on Wednesday
  27 September 2023 (the seed articles), the date recorded as the end of the office.
  Présidente de la province Sud since 17 May 2019 (the provincial assembly elected after the
  12 May 2019 provincial elections).
- Senate seats won or lost in 2023 (Robert Xowie, Georges Naturel, Pierre Frogier…) are
  not written here: the elections demo proclaims the 2023 results, and the results make
  and end the offices (`elections/services/offices.py`).
- Robert Xowie's and Georges Naturel's mayoralties are those the seeds give in September
  2023, with no start or end date recorded: we hold no source for them.
- Élisabeth Borne: Première ministre from 16 May 2022; she resigned on 8 January 2024
  (Gabriel Attal was appointed the next day).
- Emmanuel Macron: Président de la République since 14 May 2017.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from newsroom.people import rules
from newsroom.people.models import EndReason, Membership, Organisation, OrganisationKind, Person
from newsroom.people.senat import read_roster
from newsroom.people.services import SENATE_SLUG, import_senators, upsert, upsert_person
from newsroom.translated import in_english

DATA = settings.BASE_DIR / "newsroom" / "people" / "data" / "senat"

D = datetime.date
FEMALE, MALE = rules.FEMALE, rules.MALE

# slug: (name, acronym, kind, parent slug, colour). Colours are the site's chart palette.
ORGANISATIONS = {
    "renaissance": ("Renaissance", "RE", OrganisationKind.PARTY, None, "#f2b600"),
    "les-republicains": ("Les Républicains", "LR", OrganisationKind.PARTY, None, "#0055a4"),
    "flnks": (
        "Front de libération nationale kanak et socialiste",
        "FLNKS",
        OrganisationKind.COALITION,
        None,
        "#2e7d32",
    ),
    "union-caledonienne": (
        "Union calédonienne",
        "UC",
        OrganisationKind.PARTY,
        "flnks",
        "#66a84c",
    ),
    "caledonie-ensemble": ("Calédonie ensemble", "", OrganisationKind.PARTY, None, "#e07b00"),
    "parti-socialiste": ("Parti socialiste", "PS", OrganisationKind.PARTY, None, "#e4003b"),
    "rassemblement-national": (
        "Rassemblement national",
        "RN",
        OrganisationKind.PARTY,
        None,
        "#0d2c54",
    ),
    "presidence-de-la-republique": (
        "Présidence de la République",
        "",
        OrganisationKind.GOVERNMENT,
        None,
        "",
    ),
    "gouvernement-borne": ("Gouvernement Borne", "", OrganisationKind.GOVERNMENT, None, ""),
    "ministere-interieur-outre-mer": (
        "Ministère de l'Intérieur et des Outre-mer",
        "",
        OrganisationKind.GOVERNMENT,
        "gouvernement-borne",
        "",
    ),
    "province-sud": ("Province Sud", "", OrganisationKind.LOCAL_AUTHORITY, None, ""),
    "lifou": ("Commune de Lifou", "", OrganisationKind.LOCAL_AUTHORITY, None, ""),
    "dumbea": ("Commune de Dumbéa", "", OrganisationKind.LOCAL_AUTHORITY, None, ""),
    "newsroom": ("Newsroom", "", OrganisationKind.NEWS, None, "#14213d"),
    "ministere-interieur": ("Ministère de l'Intérieur", "", OrganisationKind.GOVERNMENT, None, ""),
}

# slug: English name, for the organisations whose name English readers know translated.
ORGANISATION_NAMES_EN = {
    "flnks": "Kanak and Socialist National Liberation Front",
    "union-caledonienne": "Caledonian Union",
    "presidence-de-la-republique": "Presidency of the Republic",
    "gouvernement-borne": "Borne government",
    "ministere-interieur-outre-mer": "Ministry of the Interior and Overseas Territories",
    "province-sud": "Southern Province",
    "lifou": "Municipality of Lifou",
    "dumbea": "Municipality of Dumbéa",
    "ministere-interieur": "Ministry of the Interior",
}

PERSONS = [
    {
        "slug": "sonia-backes",
        "name": "Sonia Backès",
        "given_name": "Sonia",
        "family_name": "Backès",
        "gender": FEMALE,
        "birth_date": D(1976, 5, 21),
        "bio": (
            "Élue de la province Sud, qu'elle préside depuis 2019, Sonia Backès est l'une des "
            "voix du camp non indépendantiste en Nouvelle-Calédonie. Membre de Renaissance, "
            "elle a été secrétaire d'État chargée de la Citoyenneté dans le gouvernement "
            "d'Élisabeth Borne de juillet 2022 à septembre 2023, date à laquelle elle a quitté "
            "le gouvernement après sa défaite aux sénatoriales."
        ),
        "bio_en": (
            "Sonia Backès has led the Southern Province of New Caledonia since 2019 and is one "
            "of the leading voices of the camp opposed to independence. A member of "
            "Renaissance, she was Secretary of State for Citizenship in Élisabeth Borne's "
            "government from July 2022 to September 2023, when she left it after losing the "
            "Senate election."
        ),
    },
    {
        "slug": "robert-xowie",
        "name": "Robert Xowie",
        "given_name": "Robert",
        "family_name": "Xowie",
        "gender": MALE,
        "birth_date": D(1962, 8, 29),
        "bio": (
            "Maire de Lifou, dans les îles Loyauté, Robert Xowie milite à l'Union "
            "calédonienne, l'une des composantes du FLNKS. En septembre 2023, il a remporté "
            "au second tour l'un des deux sièges de sénateur de la Nouvelle-Calédonie, "
            "devenant le premier indépendantiste kanak à entrer au Sénat."
        ),
        "bio_en": (
            "Mayor of Lifou, in the Loyalty Islands, Robert Xowie is an activist of the "
            "Caledonian Union, one of the parties of the FLNKS. In September 2023 he won one "
            "of New Caledonia's two Senate seats in the second round, the first Kanak "
            "pro-independence politician to sit in the Senate."
        ),
    },
    {
        "slug": "georges-naturel",
        "name": "Georges Naturel",
        "given_name": "Georges",
        "family_name": "Naturel",
        "gender": MALE,
        "birth_date": D(1955, 11, 21),
        "bio": (
            "Georges Naturel est maire de Dumbéa, commune de l'agglomération de Nouméa. "
            "Issu des Républicains, il s'est présenté aux sénatoriales de 2023 sans "
            "l'investiture de son parti et a été élu dès le premier tour."
        ),
        "bio_en": (
            "Georges Naturel is the mayor of Dumbéa, a town of the Nouméa conurbation. A "
            "member of Les Républicains, he stood in the 2023 Senate election without his "
            "party's nomination and was elected in the first round."
        ),
    },
    {
        "slug": "pierre-frogier",
        "senat_id": "11010L",
        "name": "Pierre Frogier",
        "given_name": "Pierre",
        "family_name": "Frogier",
        "gender": MALE,
        "birth_date": D(1950, 11, 16),
        "bio": (
            "Signataire des accords de Matignon-Oudinot en 1988 puis de l'accord de Nouméa en "
            "1998, Pierre Frogier a marqué cinq décennies de vie politique calédonienne. "
            "Sénateur Les Républicains de 2011 à 2023, il a été battu lors du renouvellement "
            "de septembre 2023."
        ),
        "bio_en": (
            "A signatory of the Matignon-Oudinot Accords in 1988 and of the Nouméa Accord in "
            "1998, Pierre Frogier shaped five decades of New Caledonian politics. A Les "
            "Républicains senator from 2011 to 2023, he lost his seat in September 2023."
        ),
    },
    {
        "slug": "emmanuel-macron",
        "name": "Emmanuel Macron",
        "given_name": "Emmanuel",
        "family_name": "Macron",
        "gender": MALE,
        "birth_date": D(1977, 12, 21),
        "wikidata_id": "Q3052772",
        "bio": (
            "Emmanuel Macron est président de la République depuis mai 2017 et a été réélu en "
            "2022. Il a fondé en 2016 le mouvement En Marche, devenu Renaissance."
        ),
        "bio_en": (
            "Emmanuel Macron has been President of the French Republic since May 2017 and was "
            "re-elected in 2022. In 2016 he founded the En Marche movement, now Renaissance."
        ),
    },
    {
        "slug": "elisabeth-borne",
        "name": "Élisabeth Borne",
        "given_name": "Élisabeth",
        "family_name": "Borne",
        "gender": FEMALE,
        "bio": (
            "Ingénieure et haute fonctionnaire, Élisabeth Borne a été plusieurs fois ministre "
            "avant d'être nommée Première ministre en mai 2022. Elle a quitté Matignon en "
            "janvier 2024."
        ),
        "bio_en": (
            "An engineer and senior civil servant, Élisabeth Borne held several ministries "
            "before she was appointed Prime Minister in May 2022. She left Matignon in "
            "January 2024."
        ),
    },
    {
        "slug": "guillaume-jacquot",
        "name": "Guillaume Jacquot",
        "given_name": "Guillaume",
        "family_name": "Jacquot",
        "gender": MALE,
        "bio": (
            "Journaliste politique, Guillaume Jacquot suit le Sénat et les élections pour la "
            "rédaction. Il a couvert la soirée des sénatoriales de 2023 en Nouvelle-Calédonie."
        ),
        "bio_en": (
            "A political reporter, Guillaume Jacquot follows the Senate and elections for the "
            "newsroom. He covered the night of the 2023 Senate election in New Caledonia."
        ),
    },
    {
        "slug": "hugo-ruaud",
        "name": "Hugo Ruaud",
        "given_name": "Hugo",
        "family_name": "Ruaud",
        "gender": MALE,
        "bio": (
            "Journaliste au service politique de la rédaction, Hugo Ruaud a suivi les suites "
            "des sénatoriales de 2023, dont le départ du gouvernement de Sonia Backès."
        ),
        "bio_en": (
            "A reporter on the newsroom's politics desk, Hugo Ruaud followed the aftermath of "
            "the 2023 Senate election, including Sonia Backès's departure from government."
        ),
    },
]


def _memberships() -> list[tuple[str, str, dict]]:
    """(person slug, organisation slug, values); the role is computed with its agreement."""
    return [
        (
            "sonia-backes",
            "ministere-interieur-outre-mer",
            {
                "role": rules.secretary_of_state_title(
                    FEMALE,
                    "de la Citoyenneté",
                    beside="auprès du ministre de l'Intérieur et des Outre-mer",
                ),
                "role_en": (
                    "Secretary of State for Citizenship, attached to the Minister of the "
                    "Interior and Overseas Territories"
                ),
                "start_date": D(2022, 7, 4),
                "end_date": D(2023, 9, 27),
                "end_reason": EndReason.RESIGNATION,
                "on_behalf_of": "renaissance",
            },
        ),
        (
            "sonia-backes",
            "province-sud",
            {
                "role": rules.president_title(FEMALE, "de la province Sud"),
                "role_en": "President of the Southern Province",
                "area": "Province Sud",
                "start_date": D(2019, 5, 17),
                "on_behalf_of": "renaissance",
            },
        ),
        ("sonia-backes", "renaissance", {"role": "Membre", "role_en": "Member"}),
        (
            "robert-xowie",
            "lifou",
            {"role": "Maire de Lifou", "role_en": "Mayor of Lifou", "area": "Lifou"},
        ),
        ("robert-xowie", "union-caledonienne", {"role": "Membre", "role_en": "Member"}),
        (
            "georges-naturel",
            "dumbea",
            {"role": "Maire de Dumbéa", "role_en": "Mayor of Dumbéa", "area": "Dumbéa"},
        ),
        ("georges-naturel", "les-republicains", {"role": "Membre", "role_en": "Member"}),
        ("pierre-frogier", "les-republicains", {"role": "Membre", "role_en": "Member"}),
        (
            "emmanuel-macron",
            "presidence-de-la-republique",
            {
                "role": "Président de la République",
                "role_en": "President of the Republic",
                "start_date": D(2017, 5, 14),
            },
        ),
        (
            "elisabeth-borne",
            "gouvernement-borne",
            {
                "role": rules.prime_minister_title(FEMALE),
                "role_en": in_english(rules.prime_minister_title, FEMALE),
                "start_date": D(2022, 5, 16),
                "end_date": D(2024, 1, 8),
                "end_reason": EndReason.RESIGNATION,
            },
        ),
        # Bruno Retailleau as the February 2026 source story names him: president of Les
        # Républicains, former Interior minister, former head of the LR group of the Sénat
        # (no dates in the sources; the ended offices are marked so).
        (
            "bruno-retailleau",
            "les-republicains",
            {"role": "Président des Républicains", "role_en": "President of Les Républicains"},
        ),
        (
            "bruno-retailleau",
            "ministere-interieur",
            {
                "role": "Ministre de l'Intérieur",
                "role_en": "Minister of the Interior",
                "ended": True,
            },
        ),
        (
            "bruno-retailleau",
            "senat-groupe-les-republicains",
            {"role": "Président du groupe", "role_en": "Group president", "ended": True},
        ),
        ("guillaume-jacquot", "newsroom", {"role": "Journaliste", "role_en": "Reporter"}),
        ("hugo-ruaud", "newsroom", {"role": "Journaliste", "role_en": "Reporter"}),
    ]


def _report(counts: Counter, kind: str) -> str:
    return _("%(kind)s : %(created)d créé(e)s, %(changed)d modifié(e)s, %(same)d inchangé(e)s") % {
        "kind": kind,
        "created": counts[kind, "created"],
        "changed": counts[kind, "changed"],
        "same": counts[kind, "unchanged"],
    }


def load() -> list[str]:
    """Create or update the demo rows; return one report line per kind of row."""
    lines = import_senators(
        roster=read_roster(DATA / "ODSEN_GENERAL.csv", DATA / "ODSEN_ELUSEN.csv")
    ).lines()
    counts: Counter = Counter()
    with translation.override("fr"):
        organisations = {
            slug: Organisation.objects.get(slug=slug)
            for slug in (SENATE_SLUG, "senat-groupe-les-republicains")
        }
        for slug, (name, acronym, kind, parent, colour) in ORGANISATIONS.items():
            values = {"name": name, "acronym": acronym, "kind": kind, "colour": colour}
            values["name_en"] = ORGANISATION_NAMES_EN.get(slug, "")
            values["parent"] = organisations[parent] if parent else None
            organisations[slug], status = upsert(Organisation, {"slug": slug}, values)
            counts["Organisations", status] += 1
        persons = {}
        for spec in PERSONS:
            persons[spec["slug"]], status = upsert_person(**spec)
            counts["Personnes", status] += 1
        for person_slug, organisation_slug, spec in _memberships():
            values = dict(spec)
            if values.get("on_behalf_of"):
                values["on_behalf_of"] = organisations[values["on_behalf_of"]]
            # A senator of the imported roster is found by the slug the import gave them.
            person = persons.get(person_slug) or Person.objects.get(slug=person_slug)
            lookup = {
                "person": person,
                "organisation": organisations[organisation_slug],
            }
            # Dated offices are told apart by their start (Frogier held two senate mandates).
            key = "start_date" if values.get("start_date") else "role"
            lookup[key] = values.pop(key)
            _membership, status = upsert(Membership, lookup, values)
            counts["Fonctions", status] += 1
    return lines + [_report(counts, kind) for kind in ("Organisations", "Personnes", "Fonctions")]
