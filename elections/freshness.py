"""What the elections app's rows show on reader pages, and what a change to them touches
(see `newsroom.caching.dependencies`).

Two keys per contest: `contest:<pk>` is the contest itself, its candidacies and its
proclaimed winners (what an article's results box and the home page show: who, status,
who won); `results:contest:<pk>` its figures (rounds, votes, sources), shown by the contest
page, its fragment and exports, the map and the candidates' pages. A round's figures
entered on election night refresh those and what sums the election up
(`results:election:<pk>`: the election page and its map), never the articles, whose box
changes only when the status or the winners do. A person's key is not touched by results:
the person pages list candidacies under `listing:person:<pk>`."""

from elections.models import (
    Candidacy,
    Contest,
    Election,
    ListMember,
    OfficeChange,
    OfficialWinner,
    RaceCall,
    ResultUpdate,
    Round,
    RoundResult,
)
from newsroom.caching.dependencies import key, own, register, summarised


def election_results(election_id) -> str:
    return f"results:election:{election_id}"


def contest_figures(contest_id) -> str:
    return f"results:contest:{contest_id}"


# The rows an election page and its map sum up (who won each contest): they show them
# through the election's key (`summarised`), which the results desk touches only when a
# contest's line there changes (`elections.display.election_summary`).
SUMMED_UP = (Round, RoundResult, ResultUpdate)


def summing_up(election_id):
    """Around the loading of an election's contests for its page, map or panel."""
    return summarised(election_results(election_id), SUMMED_UP)


def figures_keys(contests, *, with_contest: bool = False) -> list[str]:
    """The figures of the contest(s) of `contests` (a queryset of Contest) and what sums
    up their election, and the contests themselves `with_contest`: one query."""
    keys = []
    for contest_id, election_id in contests.values_list("pk", "election_id"):
        keys += [contest_figures(contest_id), election_results(election_id)]
        if with_contest:
            keys.append(key(Contest, contest_id))
    return keys


def contest_keys(contests) -> list[str]:
    """The contest(s) themselves (who stands, who won), their figures and election."""
    return ["listing:results", *figures_keys(contests, with_contest=True)]


def shows_contest(row) -> list[str]:
    return [key(Contest, own(row, "contest_id"))]


def shows_figures(row) -> list[str]:
    return [contest_figures(own(row, "contest_id"))]


def contest_and_person(row) -> list[str]:
    """A candidacy or a winner: its contest, and the person's page (which lists them)."""
    return [
        *contest_keys(Contest.objects.filter(pk=row.contest_id)),
        f"listing:person:{row.person_id}",
    ]


def connect() -> None:
    register(
        Election,
        touches=lambda election: [
            election_results(election.pk),
            "listing:results",
            "listing:sitemap",
        ],
    )
    register(
        Contest,
        touches=lambda contest: [
            election_results(contest.election_id),
            "listing:results",
            "listing:sitemap",
        ],
    )
    register(
        Round,
        shows=shows_figures,
        touches=lambda round_: figures_keys(Contest.objects.filter(pk=round_.contest_id)),
    )
    register(Candidacy, shows=shows_contest, touches=contest_and_person)
    register(
        ListMember,
        touches=lambda member: [
            *contest_keys(Contest.objects.filter(candidacies__pk=member.candidacy_id)),
            f"listing:person:{member.person_id}",
        ],
    )
    register(
        RoundResult,
        shows=lambda result: [key(Round, own(result, "round_id"))],
        touches=lambda result: [
            key(Round, result.round_id),
            *figures_keys(Contest.objects.filter(rounds__pk=result.round_id)),
        ],
    )
    register(
        ResultUpdate,
        shows=shows_figures,
        touches=lambda update: figures_keys(Contest.objects.filter(pk=update.contest_id)),
    )
    register(OfficialWinner, shows=shows_contest, touches=contest_and_person)
    # A race call or its withdrawal: everything that says which state the result is in.
    register(
        RaceCall,
        shows=shows_contest,
        touches=lambda call: contest_keys(Contest.objects.filter(pk=call.contest_id)),
    )
    # The offices a result ended: its gains and holds, on the contest and election pages.
    register(
        OfficeChange,
        shows=shows_contest,
        touches=lambda change: contest_keys(Contest.objects.filter(pk=change.contest_id)),
    )
