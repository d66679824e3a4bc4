from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from newsroom.demo.articles import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print the demo accounts (made by seed_demo --with-demo-accounts; local demo only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The site's address.")

    def handle(self, *args, url: str, **options) -> None:
        # Only accounts that exist: a production database has none, and no password is
        # printed for them.
        present = set(
            get_user_model()
            .objects.filter(username__in=[account[0] for account in DEMO_ACCOUNTS])
            .values_list("username", flat=True)
        )
        if not present:
            self.stdout.write("No demo account (seed_demo --with-demo-accounts creates them).")
            return
        self.stdout.write(f"Rédaction (admin): {url.rstrip('/')}/admin/")
        for username, password, group, *_ in DEMO_ACCOUNTS:
            if username in present:
                self.stdout.write(f"  {group:<12} login: {username:<12} password: {password}")
