"""How imports find what already exists (persons, parties) and report what they changed."""

import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.text import slugify
from django.utils.translation import gettext as _

from elections.importers import (
    ImportRejected,
    LineError,
    PersonRef,
)
from newsroom.people.models import Organisation, OrganisationKind, Person


@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    contests: set[int] = field(default_factory=set)

    def count(self, kind: str, created: bool, changed: bool = True) -> None:
        if created:
            self.created[kind] += 1
        elif changed:
            self.updated[kind] += 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self) -> list[str]:
        if not self.changed:
            return [_("Aucun changement : les données sont déjà à jour.")]
        lines = [
            _("%(kind)s : %(n)s créé(s)") % {"kind": kind, "n": n}
            for kind, n in self.created.items()
        ]
        lines += [
            _("%(kind)s : %(n)s mis à jour") % {"kind": kind, "n": n}
            for kind, n in self.updated.items()
        ]
        return lines


def normalise(name: str) -> str:
    """Name key for matching persons and parties: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.replace("’", "'").casefold().split())


def sort_name(name: str) -> str:
    """« Sonia Backès » sorts as « Backès Sonia »: family name first (last word)."""
    parts = name.split()
    return " ".join(parts[-1:] + parts[:-1]) if len(parts) > 1 else name


def unique_slug(model, text: str) -> str:
    base = slugify(text)[:180] or "x"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def update_fields(instance, values: Mapping[str, object]) -> bool:
    """Set changed values and save only those fields; report whether anything changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)


class Directory:
    """Persons and parties already known, matched the way the importers promise:
    persons by name (accents and case ignored) and birth date, parties by name or acronym."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.persons: dict[str, list[Person]] = defaultdict(list)
        for person in Person.objects.only("pk", "name", "birth_date", "slug"):
            self.persons[normalise(person.name)].append(person)
        self.parties: dict[str, Organisation] = {}
        for organisation in Organisation.objects.only("pk", "name", "acronym", "slug"):
            self.parties.setdefault(normalise(organisation.name), organisation)
            if organisation.acronym:
                self.parties.setdefault(normalise(organisation.acronym), organisation)
        self.errors: list[LineError] = []

    def person(self, ref: PersonRef) -> Person | None:
        same_name = self.persons[normalise(ref.name)]
        if ref.birth_date:
            match = next((p for p in same_name if p.birth_date == ref.birth_date), None)
            if match is None:
                # A namesake with no birth date recorded is taken to be the same person.
                match = next((p for p in same_name if p.birth_date is None), None)
                if match is not None:
                    update_fields(match, {"birth_date": ref.birth_date})
                    self.report.count(_("personnes"), created=False)
        elif len(same_name) > 1:
            self.errors.append(
                LineError(
                    ref.line,
                    _(
                        "plusieurs personnes s'appellent « %(name)s » : "
                        "précisez la date de naissance."
                    )
                    % {"name": ref.name},
                )
            )
            return None
        else:
            match = same_name[0] if same_name else None
        if match is None:
            match = Person.objects.create(
                name=ref.name,
                birth_date=ref.birth_date,
                slug=unique_slug(Person, ref.name),
                sort_name=sort_name(ref.name),
            )
            same_name.append(match)
            self.report.count(_("personnes"), created=True)
        return match

    def party(self, name: str) -> Organisation | None:
        if not name:
            return None
        key = normalise(name)
        if key not in self.parties:
            self.parties[key] = Organisation.objects.create(
                name=name, slug=unique_slug(Organisation, name), kind=OrganisationKind.PARTY
            )
            self.report.count(_("partis"), created=True)
        return self.parties[key]

    def check(self) -> None:
        if self.errors:
            raise ImportRejected(self.errors)
