import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from newsroom.people.senat import MalformedFile, read_roster
from newsroom.people.services import import_senators


class Command(BaseCommand):
    help = (
        "Import the Sénat's roster (ODSEN_GENERAL.csv, ODSEN_ELUSEN.csv from data.senat.fr): "
        "persons, senate mandates and groups. Safe to re-run; a malformed line rejects the "
        "whole import and is reported with its file and line number."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("general", type=Path, help="ODSEN_GENERAL.csv (one row per senator)")
        parser.add_argument("mandates", type=Path, help="ODSEN_ELUSEN.csv (one row per mandate)")

    def handle(self, *args, general: Path, mandates: Path, **options) -> None:
        for path in (general, mandates):
            if not path.is_file():
                raise CommandError(_("%(path)s : fichier introuvable") % {"path": path})
        started = time.perf_counter()
        try:
            roster = read_roster(general, mandates)
        except MalformedFile as error:
            message = _("Import refusé, rien n'a été écrit :")
            raise CommandError(f"{message}\n{error}") from error
        report = import_senators(roster=roster)
        for line in report.lines():
            self.stdout.write(line)
        elapsed = time.perf_counter() - started
        done = _("Import terminé en %(seconds).1f s.") % {"seconds": elapsed}
        self.stdout.write(self.style.SUCCESS(done))
