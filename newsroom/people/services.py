"""Writes across people, organisations and memberships (the importer, the demo)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from newsroom.caching.dependencies import touch_everything
from newsroom.people import rules
from newsroom.people.models import Membership, Organisation, OrganisationKind, Person
from newsroom.people.senat import GROUP_NAMES, Roster, SenatorRow, mandate_key
from newsroom.translated import in_english

SENATE_SLUG = rules.SENATE_SLUG
BATCH = 500


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        c = self.counts
        return [
            _("Sénat : %(created)d personnes créées, %(changed)d modifiées, %(same)d inchangées")
            % {
                "created": c["persons_created"],
                "changed": c["persons_changed"],
                "same": c["persons_unchanged"],
            },
            _("Sénat : %(created)d mandats créés, %(changed)d modifiés, %(same)d inchangés")
            % {
                "created": c["mandates_created"],
                "changed": c["mandates_changed"],
                "same": c["mandates_unchanged"],
            },
            _(
                "Sénat : %(created)d appartenances à un groupe créées, %(changed)d modifiées, "
                "%(same)d inchangées"
            )
            % {
                "created": c["groups_created"],
                "changed": c["groups_changed"],
                "same": c["groups_unchanged"],
            },
            _("Sénat : %(created)d organisations créées") % {"created": c["organisations_created"]},
        ]


def _apply(instance: Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


def upsert(model: type[Model], lookup: dict[str, Any], values: dict[str, Any]) -> tuple:
    """Create or update one row found by `lookup`; return (row, "created"|"changed"|"unchanged").

    Only the fields that differ are saved, so re-running changes nothing."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values), "created"
    changed = _apply(row, values)
    if changed:
        row.full_clean(validate_unique=False, validate_constraints=False)
        row.save(update_fields=changed)
        return row, "changed"
    return row, "unchanged"


def unique_slug(base: str, taken: set[str], suffix: str) -> str:
    slug = slugify(base)[:180] or suffix.lower()
    if slug in taken:
        slug = f"{slug}-{slugify(suffix)}"
    taken.add(slug)
    return slug


# --- Sénat roster ------------------------------------------------------------------------------


def _senate_organisations(roster: Roster, report: ImportReport) -> tuple[Organisation, dict]:
    senate, status = upsert(
        Organisation,
        {"slug": SENATE_SLUG},
        {
            **rules.SENATE_NAMES,
            "kind": OrganisationKind.ASSEMBLY,
            "term_years": rules.SENATE_TERM_YEARS,
        },
    )
    report.counts["organisations_created"] += status == "created"
    groups = {}
    for label in sorted({senator.group for senator in roster.senators if senator.group}):
        full_name = GROUP_NAMES.get(label, label)
        group, status = upsert(
            Organisation,
            {"slug": f"senat-groupe-{slugify(label)}"},
            {
                "name": f"Groupe {full_name}",
                "acronym": label if label != full_name else "",
                "kind": OrganisationKind.PARLIAMENTARY_GROUP,
                "parent": senate,
            },
        )
        report.counts["organisations_created"] += status == "created"
        groups[label] = group
    return senate, groups


def _person_values(row: SenatorRow) -> dict[str, Any]:
    sort_name = rules.sort_name(row.given_name, row.family_name)
    return {
        "name": row.name,
        "given_name": row.given_name,
        "family_name": row.family_name,
        "sort_name": sort_name,
        "initial": rules.index_letter(sort_name),
        "sort_key": rules.sort_key(sort_name),
        "gender": row.gender,
        "birth_date": row.birth_date,
        "death_date": row.death_date,
    }


def _import_persons(roster: Roster, report: ImportReport) -> dict[str, int]:
    """Create or update the senators; return {matricule: person id}."""
    by_matricule = {
        person.senat_id: person
        for person in Person.objects.filter(senat_id__in=[s.matricule for s in roster.senators])
    }
    # A person an editor created before the import (same name and birth date, no matricule)
    # is adopted rather than duplicated.
    unmatched = {
        (person.name, person.birth_date): person
        for person in Person.objects.filter(senat_id__isnull=True, birth_date__isnull=False)
    }
    taken = set(Person.objects.values_list("slug", flat=True))
    to_create, to_update, fields = [], [], set()
    for row in roster.senators:
        values = _person_values(row)
        person = by_matricule.get(row.matricule) or unmatched.pop((row.name, row.birth_date), None)
        if person is None:
            slug = unique_slug(row.name, taken, row.matricule)
            to_create.append(Person(senat_id=row.matricule, slug=slug, **values))
            continue
        changed = _apply(person, {"senat_id": row.matricule, **values})
        if changed:
            to_update.append(person)
            fields.update(changed)
        report.counts["persons_changed" if changed else "persons_unchanged"] += 1
    Person.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Person.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH)
    report.counts["persons_created"] += len(to_create)
    return dict(
        Person.objects.filter(senat_id__isnull=False).values_list("senat_id", "pk").iterator()
    )


def _term_ends(roster: Roster) -> dict[str, date | None]:
    """{mandate id: natural end of its term} for the mandates the file calls ongoing, from
    the renewal years of each constituency (`rules.senate_term_end`): such a mandate stops
    being current when its series is next renewed. A mandate with a recorded end has none
    (its end is the fact)."""
    area = {senator.matricule: senator.constituency for senator in roster.senators}
    starts: dict[str, list[date]] = {}
    for mandate in roster.mandates:
        starts.setdefault(area[mandate.matricule], []).append(mandate.start_date)
    renewals = {name: rules.senate_renewal_years(days) for name, days in starts.items()}
    return {
        m.mandate_id: None
        if m.end_date
        else rules.senate_term_end(m.start_date, renewals[area[m.matricule]])
        for m in roster.mandates
    }


def _mandate_values(roster: Roster, person_ids: dict, senate: Organisation) -> dict:
    """{source_key: membership values} for every mandate in the file."""
    senators = {senator.matricule: senator for senator in roster.senators}
    term_ends = _term_ends(roster)
    wanted = {}
    for mandate in roster.mandates:
        senator = senators[mandate.matricule]
        wanted[mandate_key(mandate.mandate_id)] = {
            "person_id": person_ids[mandate.matricule],
            "organisation_id": senate.pk,
            "role": rules.senator_title(senator.gender),
            "role_en": in_english(rules.senator_title, senator.gender),
            "area": senator.constituency,
            "start_date": mandate.start_date,
            "end_date": mandate.end_date,
            "end_reason": mandate.end_reason,
            "term_end": term_ends[mandate.mandate_id],
        }
    return wanted


def _group_values(roster: Roster, person_ids: dict, groups: dict) -> dict:
    """{source_key: membership values} for each senator's group.

    The file gives only the latest group of each senator, without dates: the start stays
    unknown, a former senator left the group when their last mandate ended, and a sitting
    senator's membership stops with their mandate's term."""
    last_mandate = {m.matricule: m for m in sorted(roster.mandates, key=lambda m: m.start_date)}
    term_ends = _term_ends(roster)
    wanted = {}
    for senator in roster.senators:
        if not senator.group:
            continue
        last = last_mandate.get(senator.matricule)
        ended = not senator.active and last is not None and last.end_date is not None
        wanted[f"senat:groupe:{senator.matricule}:{slugify(senator.group)}"] = {
            "person_id": person_ids[senator.matricule],
            "organisation_id": groups[senator.group].pk,
            "role": rules.group_role(senator.gender, senator.group_affiliation),
            "role_en": in_english(rules.group_role, senator.gender, senator.group_affiliation),
            "area": "",
            "start_date": None,
            "end_date": last.end_date if ended else None,
            "end_reason": last.end_reason if ended else "",
            "term_end": term_ends[last.mandate_id] if last is not None and not ended else None,
        }
    return wanted


def _import_memberships(wanted: dict[str, dict], kind: str, report: ImportReport) -> None:
    existing = {m.source_key: m for m in Membership.objects.filter(source_key__in=list(wanted))}
    # The same office already recorded another way (by an editor, or by the result that
    # made it) is completed rather than doubled; it keeps its own key.
    missing = [key for key in wanted if key not in existing]
    recorded = {
        (m.person_id, m.organisation_id, m.start_date): m
        for m in Membership.objects.filter(
            person_id__in={wanted[key]["person_id"] for key in missing},
            start_date__isnull=False,
        ).exclude(source_key__startswith="senat:")
    }
    for key in missing:
        values = wanted[key]
        found = recorded.get((values["person_id"], values["organisation_id"], values["start_date"]))
        if found is not None:
            existing[key] = found
    to_create, to_update, fields = [], [], set()
    for key, values in wanted.items():
        membership = existing.get(key)
        if membership is None:
            to_create.append(Membership(source_key=key, **values))
            continue
        if values["end_date"] is None and membership.end_date is not None:
            # The file says "still in office" but we recorded an end: newer facts (an
            # editor, the demo, a later election) win over an older snapshot, so an
            # import never erases an end date. A dated end in the file does replace ours.
            values = {**values, "end_date": membership.end_date}
            values["end_reason"] = membership.end_reason
        changed = _apply(membership, values)
        if changed:
            to_update.append(membership)
            fields.update(changed)
        report.counts[f"{kind}_changed" if changed else f"{kind}_unchanged"] += 1
    Membership.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        Membership.objects.bulk_update(to_update, sorted(fields), batch_size=BATCH)
    report.counts[f"{kind}_created"] += len(to_create)


def import_senators(*, roster: Roster) -> ImportReport:
    """Create or update the senators of a Sénat roster, their mandates and their groups.

    Persons are matched by the Sénat's matricule; memberships by the file's mandate
    identifier (groups: matricule and group). All or nothing: one transaction."""
    report = ImportReport()
    # Labels ("Sénatrice", "Apparentée") are stored in French whatever the active language.
    with transaction.atomic(), translation.override("fr"):
        senate, groups = _senate_organisations(roster, report)
        person_ids = _import_persons(roster, report)
        _import_memberships(_mandate_values(roster, person_ids, senate), "mandates", report)
        _import_memberships(_group_values(roster, person_ids, groups), "groups", report)
        # bulk_create/bulk_update send no signals: every page may show a senator.
        touch_everything()
    return report


def upsert_person(*, slug: str, senat_id: str | None = None, **values: Any) -> tuple:
    """Find a person by Sénat matricule, then by slug; create or update them.

    Matching the matricule first means a senator already imported is completed,
    never duplicated."""
    values.setdefault(
        "sort_name", rules.sort_name(values.get("given_name", ""), values.get("family_name", ""))
    )
    values["sort_name"] = values["sort_name"] or values["name"]
    values["initial"] = rules.index_letter(values["sort_name"])
    values["sort_key"] = rules.sort_key(values["sort_name"])
    if senat_id and Person.objects.filter(senat_id=senat_id).exists():
        return upsert(Person, {"senat_id": senat_id}, values)
    if senat_id:
        values["senat_id"] = senat_id
    return upsert(Person, {"slug": slug}, values)
