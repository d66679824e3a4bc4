from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from newsroom.ops import backups


class Command(BaseCommand):
    help = "Back up the database into backups/ (pg_dump -Fc on PostgreSQL, a SQLite snapshot)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="File to write (default: backups/...).")

    def handle(self, *args, output: Path | None = None, **options) -> None:
        target = output or backups.default_path(connection)
        try:
            backups.backup(connection, target)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        size = target.stat().st_size
        done = _("Sauvegarde écrite : %(file)s (%(size)d octets).") % {"file": target, "size": size}
        self.stdout.write(self.style.SUCCESS(done))
