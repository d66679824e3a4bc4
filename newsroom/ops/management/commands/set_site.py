import re

from django.conf import settings
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

# A host name, optionally with a port: feeds and sitemaps prefix it with the scheme.
HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]+)?")


class Command(BaseCommand):
    help = "Set the site's domain and name, used in feeds, sitemaps and pages (safe to re-run)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--domain", required=True, help="Readers' host name, e.g. news.example.org."
        )
        parser.add_argument("--name", required=True, help="The name shown on every page.")

    def handle(self, *args, domain: str, name: str, **options) -> None:
        if not HOST.fullmatch(domain):
            raise CommandError(f"{domain!r}: give a host name only, e.g. news.example.org")
        existing = Site.objects.filter(pk=settings.SITE_ID).first()
        unchanged = existing is not None and (existing.domain, existing.name) == (domain, name)
        site = existing or Site(pk=settings.SITE_ID)
        if not unchanged:
            site.domain, site.name = domain, name
            try:
                site.full_clean()
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            site.save()
        state = "unchanged" if unchanged else "updated"
        self.stdout.write(f"Site {site.pk}: {site.name} ({site.domain}), {state}.")
