from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from newsroom.caching.dependencies import touch_everything
from newsroom.ops import backups


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by backup_db."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, file: Path, interactive: bool = True, **options) -> None:
        name = connection.settings_dict["NAME"]
        if interactive:
            question = _(
                "Toutes les données de %(name)s seront remplacées par %(file)s. Tapez « oui » : "
            )
            if input(question % {"name": name, "file": file}).strip().lower() not in ("oui", "yes"):
                raise CommandError(_("Restauration annulée."))
        try:
            backups.restore(connection, file)
        except backups.BackupError as error:
            message = _("Restauration refusée, rien n'a changé : %(error)s") % {"error": error}
            raise CommandError(message) from error
        # Every page stored may show what the backup does not hold (or not show what it
        # does), whatever the stamps restored with it say.
        touch_everything()
        done = _("%(file)s restauré dans %(name)s.") % {"file": file, "name": name}
        self.stdout.write(self.style.SUCCESS(done))
