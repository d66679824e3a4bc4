from django.core.management.base import BaseCommand
from django.db import transaction

from elections import demo as elections_demo
from newsroom.articles import demo as articles_demo
from newsroom.people import demo as people_demo

# Dependency order: people <- elections <- articles.
LOADERS = [people_demo, elections_demo, articles_demo]


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent: re-running updates, never duplicates)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for loader in LOADERS:
                for line in loader.load():
                    self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded."))
