from django.core.management.base import BaseCommand, CommandError

from newsroom.ops import consistency


class Command(BaseCommand):
    help = (
        "List the contradictions in the data: offices against results, winners without "
        "their office, titles in the wrong gender, « ancien » in an article for a current "
        "office, proclaimed against computed winners, figures that do not add up. Exits "
        "with status 1 when any is not acknowledged (figures published with a caveat are)."
    )

    def handle(self, *args, **options) -> None:
        found = consistency.findings()
        for check, label in consistency.CHECKS.items():
            group = [f for f in found if f.check == check]
            if not group:
                continue
            self.stdout.write(f"{label} ({len(group)})")
            for finding in group:
                mark = " [avertissement publié]" if finding.acknowledged else ""
                self.stdout.write(f"  - {finding.subject} : {finding.detail}{mark}")
        failed = consistency.failures(found)
        if failed:
            raise CommandError(
                f"{len(failed)} contradiction(s) à corriger ({len(found)} constat(s) en tout)."
            )
        acknowledged = len(found)
        self.stdout.write(
            self.style.SUCCESS(
                "Aucune contradiction."
                + (f" {acknowledged} constat(s) publié(s) avec un avertissement." if found else "")
            )
        )
