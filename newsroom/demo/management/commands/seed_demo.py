from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.caching.dependencies import batched, touch_everything
from newsroom.demo import articles as articles_demo
from newsroom.demo import elections as elections_demo
from newsroom.demo import people as people_demo

# Dependency order: people <- elections <- articles.
LOADERS = [people_demo, elections_demo, articles_demo]


class Command(BaseCommand):
    help = "Load the demo newsroom (idempotent: re-running updates, never duplicates)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--with-demo-accounts",
            action="store_true",
            help="Also create the demo journalist and editor, with their well-known "
            "passwords (local demo only: refused unless DEBUG is on).",
        )

    def handle(self, *args, with_demo_accounts: bool = False, **options) -> None:
        if with_demo_accounts and not settings.DEBUG:
            raise CommandError(
                "--with-demo-accounts is for the local demo (DEBUG=1): its passwords are "
                "published. Create staff with createsuperuser and setup_roles."
            )
        with transaction.atomic(), batched():
            touch_everything()  # a demo loaded over a site: every page may change
            for loader in LOADERS:
                for line in loader.load():
                    self.stdout.write(f"  {line}")
            if with_demo_accounts:
                created = articles_demo.load_accounts()
                accounts = len(articles_demo.DEMO_ACCOUNTS)
                self.stdout.write(f"  demo accounts: {accounts} ({created} new)")
        self.stdout.write(self.style.SUCCESS("Demo newsroom loaded."))
