from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from newsroom import backups


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by backup_db."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, file: Path, interactive: bool = True, **options) -> None:
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(f"Every row of {name} will be replaced by {file}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backups.restore(connection, file)
        except backups.BackupError as error:
            raise CommandError(f"Restore refused, nothing changed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into {name}."))
