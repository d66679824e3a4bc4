"""Which status a contest may move to, as a pure rule (plain strings in, no ORM).

The count goes forward, `upcoming → counting → provisional → final`, and may skip steps
(figures entered after the night go straight to `final`). Going back is one step at a time
and only to correct a premature move: a final result reopened becomes provisional, a
provisional one goes back to counting, a count started by mistake goes back to upcoming.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _

ORDER = ("upcoming", "counting", "provisional", "final")
# Figures that may still move: readers' pages poll them and the home shows them first.
LIVE = ("counting", "provisional")


def can_move(current: str | None, new: str) -> bool:
    """Whether a contest in `current` status (None: not created yet) may be set to `new`."""
    if new not in ORDER:
        return False
    if current is None or current == new:
        return True
    if current not in ORDER:
        return False
    step = ORDER.index(new) - ORDER.index(current)
    return step > 0 or step == -1


def next_statuses(current: str | None) -> list[str]:
    """The statuses a form may offer (the current one included), in the order of the count."""
    return [status for status in ORDER if can_move(current, status)]


def move_problems(
    *, current: str | None, new: str, allowed: bool, labels: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Problems with setting the status, keyed by field like `elections/validation.py`;
    `labels` names the statuses in the message (`dict(ContestStatus.choices)`)."""
    labels = labels or {}
    if current == new or (current is None and new == ORDER[0]):
        return []
    if not allowed:
        return [("status", _("Vous n'avez pas le droit de changer le statut d'un scrutin."))]
    if not can_move(current, new):
        return [
            (
                "status",
                _("Un scrutin ne peut pas passer de « %(current)s » à « %(new)s ».")
                % {"current": labels.get(current, current), "new": labels.get(new, new)},
            )
        ]
    return []
