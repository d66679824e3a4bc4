"""Every contradiction the apps find in the data (`manage.py check_data`, the editors' page)."""

import datetime

from django.utils.translation import gettext_lazy as _

from elections import consistency as elections_checks
from newsroom.articles import consistency as articles_checks
from newsroom.people import consistency as people_checks
from newsroom.people.consistency import Finding

# What each check finds, in the order they are listed.
CHECKS = {
    "held_by_others": _("En fonction sur un siège que le dernier résultat a donné à d'autres"),
    "winner_without_office": _("Élu proclamé sans la fonction que le résultat donne"),
    "group_without_seat": _("Dans un groupe du Sénat sans y siéger"),
    "gender": _("Titre dans l'autre genre que la personne"),
    "former_but_current": _("Dit « ancien » dans un article, en fonction dans les données"),
    "outcome_mismatch": _("Élus proclamés autres que ceux des règles de décompte"),
    "ballot_arithmetic": _("Chiffres contraires à l'arithmétique du scrutin"),
}


def findings(today: datetime.date | None = None) -> list[Finding]:
    found = (
        elections_checks.findings(today)
        + people_checks.gendered_labels()
        + people_checks.groups_without_seat(today)
        + articles_checks.findings(today)
    )
    order = list(CHECKS)
    return sorted(found, key=lambda f: (order.index(f.check), f.acknowledged, f.subject))


def failures(found: list[Finding]) -> list[Finding]:
    """The findings nobody has acknowledged (published with a caveat)."""
    return [finding for finding in found if not finding.acknowledged]
