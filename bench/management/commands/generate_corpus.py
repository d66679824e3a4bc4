import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import corpus
from newsroom.caching.dependencies import touch_everything


class Command(BaseCommand):
    help = (
        "Generate a seeded corpus of fictional articles, persons and contests for benchmarks "
        "(marked 'corpus-' / '[Corpus]'; refuses to add to an existing corpus without --replace)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=200)
        parser.add_argument("--people", type=int, default=50)
        parser.add_argument("--contests", type=int, default=20)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--replace", action="store_true", help="Delete the generated rows first."
        )

    def handle(self, *args, **options) -> None:
        counts = corpus.Counts(options["articles"], options["people"], options["contests"])
        if min(counts.articles, counts.people, counts.contests) < 0:
            raise CommandError("Counts cannot be negative.")
        if corpus.generated_exists():
            if not options["replace"]:
                raise CommandError(
                    "This database already holds a generated corpus; "
                    "use --replace to delete it and generate a new one."
                )
            corpus.delete_generated()
            self.stdout.write("  previous corpus deleted")
        started = time.monotonic()
        for line in corpus.generate(counts, seed=options["seed"]):
            self.stdout.write(f"  {line}")
        touch_everything()  # written in bulk: no row told the pages
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Corpus generated in {elapsed:.1f} s."))
