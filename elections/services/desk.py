"""The results desk: one round of a contest entered in one screen, checked with the shared
rules, previewed with the counting rules, and saved in one transaction."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from elections import display, validation
from elections import status as status_rules
from elections.freshness import election_results
from elections.models import Contest, ContestStatus, Round, RoundResult, raise_problems
from elections.outcome import (
    ContestOutcome,
    RoundDraft,
    compute,
    figures_problems,
    seats_to_fill,
)
from elections.services.imports import record_update
from elections.services.matching import update_fields
from elections.services.offices import sync_offices
from newsroom.caching.dependencies import batched, sparing

STATUS_PERMISSION = "elections.change_contest_status"


@dataclass
class RoundEntry:
    """What the desk submits for one round. `votes` maps candidacy pk to votes; a
    candidacy left out does not stand in this round."""

    number: int
    totals: dict[str, int | None]  # keys: validation.ROUND_FIELDS
    is_final: bool
    votes: dict[int, int]
    status: str

    def draft(self, contest: Contest) -> RoundDraft:
        current = next((r for r in contest.rounds.all() if r.number == self.number), None)
        round_ = Round(
            contest=contest,
            number=self.number,
            date=current.date if current else None,
            is_final=self.is_final,
            **self.totals,
        )
        return RoundDraft(round_, dict(self.votes))


def vote_field(candidacy_pk: int) -> str:
    return f"votes_{candidacy_pk}"


def entry_problems(
    contest: Contest, entry: RoundEntry, *, may_change_status: bool
) -> list[tuple[str, str]]:
    """Every problem of an entry, keyed by the desk's field names: round totals by their
    own name, a candidacy's votes by `vote_field(pk)`, the sum of votes by `__all__`."""
    problems = status_rules.move_problems(
        current=contest.status,
        new=entry.status,
        allowed=may_change_status,
        labels=dict(ContestStatus.choices),
    )
    problems += validation.round_problems(**entry.totals)
    names = {c.pk: c.name for c in contest.candidacies.all()}
    expressed = entry.totals.get("expressed")
    for pk, votes in entry.votes.items():
        problems += [
            (vote_field(pk), message)
            for _field, message in validation.votes_problems(
                expressed=expressed,
                votes=[(names[pk], votes)],
                proportional=True,
                complete=False,
            )
        ]
    if not any(name.startswith("votes_") for name, _message in problems):
        problems += [
            ("__all__", message)
            for _field, message in validation.votes_problems(
                expressed=expressed,
                votes=[(names[pk], votes) for pk, votes in entry.votes.items()],
                proportional=contest.is_proportional,
                names_per_ballot=seats_to_fill(contest, entry.number),
                complete=entry.is_final,
            )
        ]
    return problems


def preview_round(contest: Contest, entry: RoundEntry) -> ContestOutcome:
    """Who the counting rules would elect with this entry; nothing is written."""
    return compute(contest, entry.draft(contest))


@batched()  # the round's keys stamped once, after it commits
@transaction.atomic
def save_round_results(
    *, contest: Contest, entry: RoundEntry, by: AbstractBaseUser, source: str
) -> int:
    """Save the round totals, its votes and the contest status together, or nothing.

    `contest` comes from `Contest.objects.for_page()`. Only changed rows are saved, each
    with `by` as the author of its history row; provenance is recorded when anything
    changed. Returns the number of rows changed."""
    # Two editors saving the same contest at once: the second waits for the first, then
    # works on the contest as the first left it (its rounds, votes and status).
    Contest.objects.select_for_update().get(pk=contest.pk)
    contest = Contest.objects.for_figures().get(pk=contest.pk)
    raise_problems(entry_problems(contest, entry, may_change_status=by.has_perm(STATUS_PERMISSION)))
    # The election page and its map render again only when this contest's line on them
    # changes (who won, status, sources), not for every figure.
    before = display.election_summary(contest)
    with sparing([election_results(contest.election_id)]) as summary_changed:
        changed = write_round(contest=contest, entry=entry, by=by, source=source)
        after = display.election_summary(Contest.objects.for_figures().get(pk=contest.pk))
        if after != before:
            summary_changed()
    return changed


def write_round(*, contest: Contest, entry: RoundEntry, by: AbstractBaseUser, source: str) -> int:
    contest._history_user = by
    changed = int(update_fields(contest, {"status": entry.status}))
    round_ = next((r for r in contest.rounds.all() if r.number == entry.number), None)
    values = {**entry.totals, "is_final": entry.is_final}
    if round_ is None:
        round_ = Round(contest=contest, number=entry.number, **values)
        round_._history_user = by
        round_.save()
        changed += 1
    else:
        round_._history_user = by
        changed += update_fields(round_, values)
    changed += save_votes(round_, entry.votes, by)
    if changed:
        record_update(contest=contest, source=source)
        if contest.figures_caveat and not figures_problems(
            Contest.objects.for_page().get(pk=contest.pk)
        ):
            # The figures now add up: the caveat about them no longer holds.
            update_fields(contest, {"figures_caveat": ""})
    sync_offices(contest=contest)  # a proclamation made or withdrawn moves the offices
    return changed


def save_votes(round_: Round, votes: dict[int, int], by: AbstractBaseUser) -> int:
    """Create, change or delete the round's results so that exactly `votes` remain."""
    changed = 0
    known = {r.candidacy_id: r for r in round_.results.all()} if round_.pk else {}
    for candidacy_id, count in votes.items():
        result = known.pop(candidacy_id, None)
        if result is None:
            result = RoundResult(round=round_, candidacy_id=candidacy_id, votes=count)
            result._history_user = by
            result.save()
            changed += 1
        else:
            result._history_user = by
            changed += update_fields(result, {"votes": count})
    for result in known.values():
        result._history_user = by
        result.delete()
        changed += 1
    return changed
