"""What the import commands share: read the file, report every bad line or what was done."""

from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from elections import importers
from elections.services import ImportReport


class ImportCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def run(self, file: Path, job: Callable[[str], ImportReport]) -> None:
        try:
            report = job(importers.decode(file.read_bytes()))
        except importers.ImportRejected as rejected:
            count = len(rejected.errors)
            lines = [
                ngettext(
                    "%(file)s : refusé, rien n'a été écrit (%(count)d erreur)",
                    "%(file)s : refusé, rien n'a été écrit (%(count)d erreurs)",
                    count,
                )
                % {"file": file, "count": count}
            ]
            lines += [f"  {error}" for error in rejected.errors]
            raise CommandError("\n".join(lines)) from rejected
        for line in report.lines():
            self.stdout.write(line)
