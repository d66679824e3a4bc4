import time

from django.core.management.base import BaseCommand

from newsroom.articles import related_lists
from newsroom.caching.dependencies import touch_everything


class Command(BaseCommand):
    help = (
        "Build every article's kept related candidates anew: after a bulk import or a "
        "restore that bypassed the models (writes through the site keep them up to date). "
        "Until an article has its list, its related block is scored when viewed."
    )

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        count = related_lists.rebuild_all()
        touch_everything()  # every related block may change
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Related lists built for {count} articles in {elapsed:.1f} s.")
        )
