"""Who the counting rules elect, as editors read it in the admin."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from elections import display
from elections.outcome import ContestOutcome


def outcome_summary(outcome: ContestOutcome) -> SafeString:
    if outcome.error:
        computed = format_html('<strong class="desk-error">{}</strong>', outcome.error)
    elif not outcome.has_figures:
        computed = _("pas encore de tour dépouillé")
    else:
        computed = format_html_join(
            ", ",
            "{} ({})",
            (
                (
                    seat.person.name if seat.person else seat.candidacy.name,
                    display.elected_word(seat.person, seat.round),
                )
                for seat in outcome.seats
            ),
        ) or _("personne")
        if not outcome.complete:
            computed = format_html("{} — {}", computed, _("sièges restant à pourvoir"))
    official = ", ".join(w.person.name for w in outcome.official) or _("non saisis")
    alert = (
        format_html('<strong class="desk-error">⚠ {}</strong><br>', mismatch_text())
        if outcome.mismatch
        else ""
    )
    return format_html(
        "{}{} : {}<br>{} : {}", alert, _("Selon les règles"), computed, _("Proclamés"), official
    )


def mismatch_text() -> str:
    return _(
        "Les élus proclamés diffèrent de ceux que donnent les règles sur les chiffres saisis : "
        "vérifiez les voix, les dates de naissance et les élus proclamés. "
        "Les lecteurs voient les élus proclamés."
    )
