from pathlib import Path

from elections import importers, services
from elections.management.commands._import import ImportCommand
from elections.models import ContestStatus


class Command(ImportCommand):
    help = (
        "Import election results from a CSV file (one row per round x candidacy). "
        "A file with any bad line is rejected whole; re-importing changes nothing."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--source", default="", help="Credit shown to readers.")
        parser.add_argument("--source-url", default="")
        parser.add_argument("--status", default=ContestStatus.FINAL, choices=ContestStatus.values)
        parser.add_argument(
            "--counting-round",
            type=int,
            default=None,
            help="Election night: the round still being counted (implies --status counting).",
        )
        parser.add_argument(
            "--accept-inconsistent",
            action="store_true",
            help="Official figures that break the ballot arithmetic are imported as published, "
            "with a caveat shown to readers naming each finding and the source (without this "
            "flag they are refused like any bad line).",
        )

    def handle(self, *args, file: Path, source: str, source_url: str, status: str, **options):
        counting_round = options["counting_round"]
        if counting_round:
            status = ContestStatus.COUNTING
        self.run(
            file,
            lambda text: services.import_results(
                contests=importers.parse_results(
                    text,
                    counting_round=counting_round,
                    accept_inconsistent=options["accept_inconsistent"],
                ),
                source=source or file.name,
                source_url=source_url,
                status=status,
                counting_round=counting_round,
            ),
        )
