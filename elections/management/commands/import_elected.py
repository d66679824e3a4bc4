from pathlib import Path

from elections import importers, services
from elections.management.commands._import import ImportCommand


class Command(ImportCommand):
    help = (
        "Record the officially proclaimed winners of an election from a CSV file "
        "(constituency_code, constituency_name, name, party, label, round_or_list)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--election", required=True, help="Name of the election.")
        parser.add_argument("--source", default="", help="Credit shown to readers.")
        parser.add_argument("--source-url", default="")

    def handle(self, *args, file: Path, election: str, source: str, source_url: str, **options):
        self.run(
            file,
            lambda text: services.import_elected(
                election_name=election,
                winners=importers.parse_elected(text),
                source=source or file.name,
                source_url=source_url,
            ),
        )
