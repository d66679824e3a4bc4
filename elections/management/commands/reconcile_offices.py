from django.core.management.base import BaseCommand, CommandError

from elections import services
from elections.models import Contest, Election
from newsroom.caching.dependencies import batched


class Command(BaseCommand):
    help = (
        "Make the offices agree with an election's proclaimed results: each winner holds "
        "the seat, the outgoing holders of the renewed seats stop on the eve of the new "
        "term; a result no longer proclaimed is undone. Safe to re-run."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--election", required=True, help="Slug of the election.")

    def handle(self, *args, election: str, **options) -> None:
        found = Election.objects.filter(slug=election).first()
        if found is None:
            known = ", ".join(Election.objects.values_list("slug", flat=True)) or "aucune"
            raise CommandError(f"Aucune élection « {election} ». Élections connues : {known}.")
        with batched():  # every page showing a changed office refreshed once, after commit
            report = services.sync_election_offices(contests=Contest.objects.filter(election=found))
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"{found.name} : fonctions à jour."))
