import datetime
from pathlib import Path

from elections import importers, services
from elections.management.commands._import import ImportCommand


class Command(ImportCommand):
    help = (
        "Create the constituencies of an election with their contests from a CSV file "
        "(code, nom, sieges, mode_de_scrutin). Safe to re-run."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--election", required=True, help="Name of the election.")
        parser.add_argument("--date", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, file: Path, election: str, date, **options):
        self.run(
            file,
            lambda text: services.import_constituencies(
                election_name=election, rows=importers.parse_constituencies(text), date=date
            ),
        )
