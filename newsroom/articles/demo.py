"""Demo content for the articles app, loaded by `manage.py seed_demo` (idempotent)."""

import os

from django.contrib.sites.models import Site

from newsroom.articles.models import Section

SITE_NAME = "Newsroom"

SECTIONS = [
    # slug, name, description
    ("politique", "Politique", "Gouvernement, Parlement, partis et élections."),
    ("territoires", "Territoires", "Régions, départements, outre-mer et collectivités."),
    ("international", "International", "L'Europe et le monde vus depuis Paris."),
    ("societe", "Société", "Justice, éducation, santé et vie quotidienne."),
]


def load() -> list[str]:
    domain = os.environ.get("SITE_DOMAIN", "127.0.0.1:8000")
    Site.objects.update_or_create(pk=1, defaults={"domain": domain, "name": SITE_NAME})
    created = 0
    for position, (slug, name, description) in enumerate(SECTIONS):
        _, was_created = Section.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position},
        )
        created += was_created
    return [f"site: {SITE_NAME} ({domain})", f"sections: {len(SECTIONS)} ({created} new)"]
