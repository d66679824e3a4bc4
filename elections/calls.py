"""Race calls: what the newsroom says about a contest's result, as pure rules (plain values
in, no ORM).

A contest's figures have their own status (`elections/status.py`: upcoming → counting →
provisional → final). A call is what the newsroom says about who won, on what basis, and
when: a *projection* (the desk's estimate), then *élu(e)(s) annoncé(s)* (the newsroom's
call), *proclamé* (the official proclamation), and where it happens *contesté* or
*annulé*. Calls go forward only; one that was wrong is withdrawn with a reason (readers see
the withdrawal), and the state falls back to the call before it.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# Calls, in the order they may follow each other.
ORDER = ("projection", "called", "proclaimed", "contested", "annulled")
# Calls that name who won.
NAMING = ("projection", "called")
# What a reader is told when there is no call: from the figures' status.
DISAGREEMENT = _lazy(
    "Les chiffres saisis donnent d'autres élus : cochez la confirmation pour annoncer malgré tout."
)
BEFORE_ANY_CALL = {"upcoming": "no_results", "counting": "counting", "provisional": "counting"}


def can_call(current: str | None, new: str) -> bool:
    """Whether a call `new` may follow the contest's standing call `current` (None: none
    yet, or all withdrawn). Forward only; a result can be contested or annulled only once
    it was called or proclaimed, and annulled only once proclaimed or contested."""
    if new not in ORDER or (current is not None and current not in ORDER):
        return False
    if current is not None and ORDER.index(new) <= ORDER.index(current):
        return False
    if new == "contested":
        return current in ("called", "proclaimed")
    if new == "annulled":
        return current in ("proclaimed", "contested")
    return True


def next_calls(current: str | None) -> list[str]:
    return [kind for kind in ORDER if can_call(current, kind)]


def state(*, figures_status: str, standing: str | None) -> str:
    """What a reader is told about the result: the standing call, else the count's state
    (`no_results`, `counting`), else `final` (figures complete, nobody called them)."""
    if standing is not None:
        return standing
    return BEFORE_ANY_CALL.get(figures_status, "final")


def standing(calls: Sequence[tuple[str, bool]]) -> int | None:
    """The index of the latest call not withdrawn, or None; `calls` as (kind, withdrawn),
    oldest first."""
    for index in range(len(calls) - 1, -1, -1):
        if not calls[index][1]:
            return index
    return None


def disagrees(called: Collection[int], computed: Collection[int] | None) -> bool:
    """A call naming other winners than the counting rules give on the figures entered so
    far (persons' ids; `computed` None: no figures, nothing to disagree with; a call that
    names nobody, contested or annulled, disagrees with nothing)."""
    if not called or computed is None or not computed:
        return False
    return set(called) != set(computed)


@dataclass(frozen=True)
class CallFacts:
    """What deciding on a new call needs to know, read by the service."""

    standing: str | None
    seats: int
    computed: tuple[int, ...] | None  # persons the rules elect on the figures, if any
    proclaimed: tuple[int, ...]  # the official winners recorded


def call_problems(
    *,
    facts: CallFacts,
    kind: str,
    winners: Collection[int],
    source: str,
    confirmed: bool,
    allowed: bool,
) -> list[tuple[str, str]]:
    """Problems with making the call, keyed by form field; empty when it may be made."""
    if not allowed:
        return [("kind", _("Seuls les éditeurs peuvent annoncer ou retirer un résultat."))]
    if not can_call(facts.standing, kind):
        return [("kind", _("Ce scrutin ne peut pas passer à cette étape depuis la précédente."))]
    problems = []
    if not source.strip():
        problems.append(("source", _("Indiquez sur quoi repose cette annonce.")))
    if kind in NAMING:
        if not winners:
            problems.append(("winners", _("Indiquez qui est élu.")))
        elif len(winners) > facts.seats:
            problems.append(
                (
                    "winners",
                    _("Ce scrutin pourvoit %(seats)d siège(s) : trop d'élus indiqués.")
                    % {"seats": facts.seats},
                )
            )
        elif disagrees(winners, facts.computed) and not confirmed:
            problems.append(("confirm", DISAGREEMENT))
    elif winners:
        problems.append(("winners", _("Cette étape ne nomme pas d'élus.")))
    if kind == "proclaimed":
        if not facts.proclaimed:
            problems.append(
                ("kind", _("Enregistrez d'abord les élus proclamés du scrutin (fiche du scrutin)."))
            )
        elif disagrees(facts.proclaimed, facts.computed) and not confirmed:
            problems.append(("confirm", DISAGREEMENT))
    return problems


def named(facts: CallFacts, kind: str, winners: Collection[int]) -> tuple[int, ...]:
    """Who a call says won: those it names, or the official winners for a proclamation."""
    if kind == "proclaimed":
        return facts.proclaimed
    return tuple(winners)


def withdrawal_problems(
    *, withdrawn: bool, standing: bool, reason: str, allowed: bool
) -> list[tuple[str, str]]:
    """`standing`: the call is the latest not withdrawn; only it may be withdrawn (the calls
    after it rest on it: a result contested is withdrawn before the call it contests)."""
    if not allowed:
        return [("reason", _("Seuls les éditeurs peuvent annoncer ou retirer un résultat."))]
    if withdrawn:
        return [("reason", _("Cette annonce a déjà été retirée."))]
    if not standing:
        return [("reason", _("Retirez d'abord l'annonce la plus récente."))]
    if not reason.strip():
        return [("reason", _("Donnez la raison du retrait : les lecteurs la liront."))]
    return []
