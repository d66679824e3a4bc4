"""Consistency rules of election figures, shared by model `clean()`, the admin and the importers.

Pure functions on plain values (no ORM): each returns a list of `(field, message)` problems,
empty when the figures hold together. Messages are in French and name the field.
"""

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

Problem = tuple[str, str]

ROUND_FIELDS = {
    "registered": "inscrits",
    "voters": "votants",
    "blank": "blancs",
    "null": "nuls",
    "expressed": "exprimés",
}


def round_problems(
    *,
    registered: int | None,
    voters: int | None,
    blank: int | None,
    null: int | None,
    expressed: int | None,
) -> list[Problem]:
    """Totals of one round: no negatives, voters ≤ registered, expressed ≤ voters, and
    expressed = voters − blank − null when blank and null are both known."""
    values = {
        "registered": registered,
        "voters": voters,
        "blank": blank,
        "null": null,
        "expressed": expressed,
    }
    problems: list[Problem] = [
        (field, _("Le nombre de %(label)s ne peut pas être négatif.") % {"label": label})
        for field, label in ROUND_FIELDS.items()
        if values[field] is not None and values[field] < 0
    ]
    if problems:
        return problems
    if registered is not None and voters is not None and voters > registered:
        problems.append(
            (
                "voters",
                _("Les votants (%(voters)s) dépassent les inscrits (%(registered)s).")
                % {"voters": voters, "registered": registered},
            )
        )
    if voters is not None and expressed is not None and expressed > voters:
        problems.append(
            (
                "expressed",
                _("Les exprimés (%(expressed)s) dépassent les votants (%(voters)s).")
                % {"expressed": expressed, "voters": voters},
            )
        )
    if None not in (voters, blank, null, expressed) and expressed != voters - blank - null:
        problems.append(
            (
                "expressed",
                _(
                    "Les exprimés (%(expressed)s) doivent égaler votants − blancs − nuls "
                    "(%(voters)s − %(blank)s − %(null)s = %(computed)s)."
                )
                % {
                    "expressed": expressed,
                    "voters": voters,
                    "blank": blank,
                    "null": null,
                    "computed": voters - blank - null,
                },
            )
        )
    return problems


def votes_problems(
    *,
    expressed: int | None,
    votes: Sequence[tuple[str, int]],
    proportional: bool,
    names_per_ballot: int = 1,
    complete: bool = True,
) -> list[Problem]:
    """Votes of a round, given as `(candidate name, votes)` pairs.

    Each candidate: 0 ≤ votes ≤ expressed. Majoritarian: a ballot may carry as many names
    as seats still to fill (`names_per_ballot`), so the votes add up to at most
    expressed × names_per_ballot. Lists: one list per ballot, so the votes add up to exactly
    the expressed ballots once the count is `complete` (at most that while counting).
    """
    problems: list[Problem] = []
    for name, count in votes:
        if count < 0:
            problems.append(
                ("votes", _("Les voix de %(name)s ne peuvent pas être négatives.") % {"name": name})
            )
        elif expressed is not None and count > expressed:
            problems.append(
                (
                    "votes",
                    _("Les voix de %(name)s (%(votes)s) dépassent les exprimés (%(expressed)s).")
                    % {"name": name, "votes": count, "expressed": expressed},
                )
            )
    if problems or expressed is None:
        return problems
    total = sum(count for _name, count in votes)
    if proportional:
        if total > expressed or (complete and total != expressed):
            problems.append(
                (
                    "votes",
                    _(
                        "La somme des voix des listes (%(total)s) doit égaler les exprimés "
                        "(%(expressed)s)."
                    )
                    % {"total": total, "expressed": expressed},
                )
            )
    elif total > expressed * names_per_ballot:
        problems.append(
            (
                "votes",
                _(
                    "La somme des voix (%(total)s) dépasse les exprimés × sièges à pourvoir "
                    "(%(expressed)s × %(seats)s) : un bulletin porte au plus %(seats)s nom(s)."
                )
                % {"total": total, "expressed": expressed, "seats": names_per_ballot},
            )
        )
    return problems


def same_contest_problems(
    *, round_contest: object, candidacy_contests: Iterable[object]
) -> list[Problem]:
    """A round can only count votes of candidacies standing in its own contest."""
    if any(contest != round_contest for contest in candidacy_contests):
        return [
            (
                "candidacy",
                _("La candidature n'appartient pas au même scrutin que ce tour."),
            )
        ]
    return []


def seats_problems(*, seats: int | None, proportional: bool) -> list[Problem]:
    if seats is None or seats < 1:
        return [("seats", _("Le nombre de sièges doit être au moins 1."))]
    if not proportional and seats > 2:
        # Code électoral, L. 294: the two-round majoritarian system applies to the
        # constituencies electing one or two senators only.
        return [
            (
                "seats",
                _(
                    "Le scrutin majoritaire ne s'applique qu'aux circonscriptions "
                    "d'un ou deux sièges."
                ),
            )
        ]
    return []
