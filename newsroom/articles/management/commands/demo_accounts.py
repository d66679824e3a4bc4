from django.core.management.base import BaseCommand

from newsroom.articles.demo import DEMO_ACCOUNTS


class Command(BaseCommand):
    help = "Print the demo accounts (made by seed_demo --with-demo-accounts; local demo only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The site's address.")

    def handle(self, *args, url: str, **options) -> None:
        self.stdout.write(f"Rédaction (admin): {url.rstrip('/')}/admin/")
        for username, password, group, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {group:<12} login: {username:<12} password: {password}")
