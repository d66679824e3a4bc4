from django.core.management.base import BaseCommand

from newsroom.articles.roles import apply_roles


class Command(BaseCommand):
    help = "Create or update the Journaliste and Éditeur groups (safe to re-run)."

    def handle(self, *args, **options) -> None:
        for name, count in apply_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
