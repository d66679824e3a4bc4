"""What readers see of a contest: the official outcome when proclaimed, else the computed one;
per-round tables and charts; the same data for the JSON and CSV downloads.

Plain functions over a contest fetched with `Contest.objects.for_page()`: no queries here.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from elections.call_display import CallStatus, call_status
from elections.call_display import as_json as call_json
from elections.counting import Rule, share
from elections.models import Candidacy, Contest, ContestStatus, Round
from elections.outcome import ContestOutcome, compute, seats_to_fill
from elections.services.matching import normalise  # the module: services imports this one
from newsroom.people.models import Gender, Person

NO_COLOUR = Candidacy.NO_COLOUR


def beaten_word(person: Person | None) -> str:
    female = person is not None and person.gender == Gender.FEMALE
    return pgettext("female", "battue") if female else _("battu")


def not_elected_word(person: Person | None) -> str:
    female = person is not None and person.gender == Gender.FEMALE
    return pgettext("female", "non élue") if female else _("non élu")


def elected_word(person: Person | None, number: int | None) -> str:
    """« élu au premier tour », « élue au second tour »: French agreement with the person."""
    female = person is not None and person.gender == Gender.FEMALE
    if number == 1:
        return pgettext("female", "élue au premier tour") if female else _("élu au premier tour")
    if number == 2:
        return pgettext("female", "élue au second tour") if female else _("élu au second tour")
    return pgettext("female", "élue") if female else _("élu")


# Lazy: translated when shown, in the language of the page (not at import).
RULE_TEXT = {
    Rule.ABSOLUTE_MAJORITY: gettext_lazy(
        "majorité absolue des suffrages exprimés et au moins un quart des inscrits"
    ),
    Rule.RELATIVE_MAJORITY: gettext_lazy("majorité relative au second tour"),
    Rule.OLDEST: gettext_lazy("égalité de voix : le plus âgé est élu"),
    Rule.HIGHEST_AVERAGE: gettext_lazy("représentation proportionnelle à la plus forte moyenne"),
}


@dataclass
class Winner:
    person: Person | None
    candidacy: Candidacy | None
    round: int | None
    rule: Rule | None
    list_name: str = ""
    party_name: str = ""
    label: str = ""
    colour: str = NO_COLOUR

    @property
    def badge(self) -> str:
        return elected_word(self.person, self.round)

    @property
    def rule_text(self) -> str:
        return str(RULE_TEXT[self.rule]) if self.rule else ""


@dataclass
class ResultRow:
    candidacy: Candidacy
    votes: int
    share_expressed: Decimal | None
    share_registered: Decimal | None
    elected: bool = False
    seats: int = 0
    winner: Winner | None = None
    outcome_text: str = ""  # majoritarian rows: « battue », or « élu au second tour » in round 1

    @property
    def bar_width(self) -> str:
        return f"{min(self.share_expressed or 0, Decimal(100)):.2f}"


@dataclass
class RoundTable:
    round: Round
    rows: list[ResultRow] = field(default_factory=list)
    # Names a ballot may carry: the seats still to fill in this round (majoritarian), or 1.
    names_per_ballot: int = 1

    @property
    def names_per_ballot_note(self) -> bool:
        """Shares may add up to more than 100 %: a ballot names several candidates."""
        return self.names_per_ballot > 1

    @property
    def blank_null_split_known(self) -> bool:
        return self.round.blank is not None and self.round.null is not None

    @property
    def chart_height(self) -> int:
        return 28 * len(self.rows) + 8


@dataclass
class ContestView:
    contest: Contest
    outcome: ContestOutcome
    winners: list[Winner]
    tables: list[RoundTable]
    official: bool

    @property
    def has_figures(self) -> bool:
        return any(table.rows for table in self.tables)

    @property
    def decided(self) -> bool:
        """Every seat has its winner: proclaimed, or given by a count that is over."""
        if self.official:
            return True
        return not self.contest.is_live and len(self.winners) >= self.contest.seats

    @cached_property
    def call(self) -> CallStatus:
        """Which state the result is in for readers (race calls)."""
        return call_status(self.contest)

    @property
    def latest_update(self):
        updates = list(self.contest.updates.all())
        return updates[0] if updates else None

    @property
    def source_date(self) -> datetime.date | None:
        """The date final figures describe (the last round's, else the election's), shown
        as the source's date; None while results may still move (their source's time is
        when the newsroom recorded them)."""
        if self.contest.status != ContestStatus.FINAL:
            return None
        dates = [r.date for r in self.contest.rounds.all() if r.date]
        election = self.contest.election
        return max(dates) if dates else (election.end_date or election.date)

    @property
    def caveats(self) -> list[str]:
        """What readers must know before trusting the figures: official figures published
        although inconsistent, proclaimed winners other than the counting rules give."""
        caveats = [self.contest.figures_caveat] if self.contest.figures_caveat else []
        if self.outcome.mismatch:
            caveats.append(
                _(
                    "Les élus proclamés ne sont pas ceux que donnent les règles de décompte "
                    "appliquées aux chiffres publiés ici : ces chiffres sont incomplets ou "
                    "diffèrent de ceux de la proclamation. Nous indiquons les élus proclamés."
                )
            )
        return caveats

    @property
    def quotient_rows(self) -> list[dict]:
        """The d'Hondt working: each list's votes divided by 1, 2, …, with the quotients
        that won a seat marked."""
        if not self.contest.is_proportional or not self.outcome.computed:
            return []
        candidacies = {str(c.pk): c for c in self.contest.candidacies.all()}
        return [
            {
                "candidacy": candidacies[row.key],
                "votes": row.votes,
                "seats": row.seats,
                "quotients": [
                    {
                        "value": Decimal(q.numerator) / Decimal(q.denominator),
                        "won": index < row.seats,
                    }
                    for index, q in enumerate(row.quotients)
                ],
            }
            for row in self.outcome.computed.quotient_table
        ]

    def table(self, number: int | None) -> RoundTable | None:
        if not self.tables:
            return None
        return next((t for t in self.tables if t.round.number == number), self.tables[-1])


def reader_winners(outcome: ContestOutcome) -> tuple[list[Winner], bool]:
    """Readers see the official winners once proclaimed, else the computed ones."""
    if outcome.official:
        computed = {seat.person.pk: seat for seat in outcome.seats if seat.person is not None}
        winners = []
        for official in outcome.official:
            seat = computed.get(official.person_id)
            winners.append(
                Winner(
                    person=official.person,
                    candidacy=seat.candidacy if seat else None,
                    round=official.round or (seat.round if seat else None),
                    rule=seat.rule if seat else None,
                    list_name=official.list_name,
                    party_name=official.party.name if official.party_id else "",
                    label=official.label,
                    colour=(official.party.colour if official.party_id else "") or NO_COLOUR,
                )
            )
        return winners, True
    winners = [
        Winner(
            person=seat.person,
            candidacy=seat.candidacy,
            round=seat.round,
            rule=seat.rule,
            list_name=seat.candidacy.list_name,
            party_name=seat.candidacy.party.name if seat.candidacy.party_id else "",
            label=seat.candidacy.label,
            colour=seat.candidacy.colour,
        )
        for seat in outcome.seats
    ]
    return winners, False


def winners_of(candidacy: Candidacy, winners: list[Winner]) -> list[Winner]:
    member_ids = {m.person_id for m in candidacy.members.all()}
    found = []
    for winner in winners:
        if winner.candidacy is not None:
            if winner.candidacy.pk == candidacy.pk:
                found.append(winner)
        elif winner.person is not None and (
            winner.person.pk == candidacy.person_id
            or winner.person.pk in member_ids
            or (
                candidacy.list_name
                and normalise(winner.list_name) == normalise(candidacy.list_name)
            )
        ):
            found.append(winner)
    return found


def contest_view(contest: Contest) -> ContestView:
    outcome = compute(contest)
    winners, official = reader_winners(outcome)
    candidacies = {c.pk: c for c in contest.candidacies.all()}
    tables = []
    for round_ in contest.rounds.all():
        rows = []
        for result in round_.results.all():
            candidacy = candidacies[result.candidacy_id]
            won = winners_of(candidacy, winners)
            in_this_round = [w for w in won if contest.is_proportional or w.round == round_.number]
            if won and not in_this_round:
                outcome_text = won[0].badge
            elif not won and round_.is_final and len(winners) == contest.seats:
                outcome_text = beaten_word(candidacy.person)
            else:
                outcome_text = ""
            rows.append(
                ResultRow(
                    candidacy=candidacy,
                    votes=result.votes,
                    share_expressed=share(result.votes, round_.expressed or 0),
                    share_registered=share(result.votes, round_.registered or 0),
                    elected=bool(in_this_round) and round_.is_final,
                    seats=len(won),
                    winner=in_this_round[0] if in_this_round else None,
                    outcome_text=outcome_text,
                )
            )
        rows.sort(key=lambda row: (-row.votes, row.candidacy.position))
        names = 1 if contest.is_proportional else seats_to_fill(contest, round_.number, outcome)
        tables.append(RoundTable(round_, rows, names))
    return ContestView(contest, outcome, winners, tables, official)


def election_summary(contest: Contest) -> tuple:
    """What an election page and its map show of one contest (`contest` fetched with
    `for_page()`): its status, whether it has figures, who won as readers see it, and the
    sources credited. Figures that leave it unchanged need not render those pages again."""
    view = contest_view(contest)
    return (
        contest.status,
        view.official,
        view.has_figures,
        tuple(
            (w.person.pk if w.person else None, w.round, w.list_name, w.party_name, w.label)
            for w in view.winners
        ),
        tuple(sorted({update.source for update in contest.updates.all()})),
    )


def seats_by_party(views: list[ContestView]) -> list[dict]:
    """Seats won, grouped by party (official winners where proclaimed), most seats first."""
    unknown = (_("Parti non renseigné"), NO_COLOUR)
    counts = Counter(
        (w.party_name, w.colour) if w.party_name else unknown for v in views for w in v.winners
    )
    total = sum(counts.values())
    rows, offset = [], 0
    for (party, colour), seats in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rows.append(
            {
                "party": party,
                # A party's own name, quoted as written (in French on English pages too).
                "named": (party, colour) != unknown,
                "colour": colour,
                "seats": seats,
                # Percent positions of the party's segment in the stacked bar (SVG wants dots).
                "x": f"{offset * 100 / total:.3f}",
                "width": f"{seats * 100 / total:.3f}",
            }
        )
        offset += seats
    return rows


def as_json(view: ContestView) -> dict:
    contest = view.contest
    return {
        "election": {"name": contest.election.name, "slug": contest.election.slug},
        "constituency": {"code": contest.constituency.code, "name": contest.constituency.name},
        "seats": contest.seats,
        "system": contest.system,
        "status": contest.status,
        "call": call_json(view.call),
        "caveats": view.caveats,
        "rounds": [
            {
                "number": table.round.number,
                "date": table.round.date.isoformat() if table.round.date else None,
                "registered": table.round.registered,
                "voters": table.round.voters,
                "blank": table.round.blank,
                "null": table.round.null,
                "expressed": table.round.expressed,
                "results": [
                    {
                        "candidate": row.candidacy.name,
                        "party": row.candidacy.party.name if row.candidacy.party_id else None,
                        "votes": row.votes,
                        "share_expressed": (
                            float(row.share_expressed) if row.share_expressed is not None else None
                        ),
                        "elected": row.elected,
                        "seats": row.seats,
                        "members": [m.person.name for m in row.candidacy.members.all()],
                    }
                    for row in table.rows
                ],
            }
            for table in view.tables
        ],
        "elected": [
            {
                "name": winner.person.name if winner.person else None,
                "round": winner.round,
                "rule": winner.rule.value if winner.rule else None,
            }
            for winner in view.winners
        ],
    }


def round_totals(round_: Round) -> tuple[int | None, ...]:
    return (round_.registered, round_.voters, round_.blank, round_.null, round_.expressed)


def member_label(member) -> str:
    """« Michel Savin (1958-11-25) », the way the import format writes list members."""
    date = member.person.birth_date
    return f"{member.person.name} ({date.isoformat()})" if date else member.person.name


@dataclass
class HistoryEntry:
    contest: Contest
    candidacy: Candidacy | None
    rows: list[tuple[int, ResultRow]]  # (round number, the person's row)
    outcome_text: str
    elected: bool
    rank: int | None = None  # place on the list


def person_history(person: Person, contests) -> list[HistoryEntry]:
    """Each contest of a person: their candidacy with its round results and outcome, or,
    where only the proclaimed winners are known, the win alone."""
    entries = []
    for contest in contests:
        view = contest_view(contest)
        won = [w for w in view.winners if w.person is not None and w.person.pk == person.pk]
        candidacy = next(
            (
                c
                for c in contest.candidacies.all()
                if c.person_id == person.pk
                or any(m.person_id == person.pk for m in c.members.all())
            ),
            None,
        )
        if candidacy is None:
            if won:
                entries.append(HistoryEntry(contest, None, [], won[0].badge, True))
            continue
        rows = [
            (table.round.number, row)
            for table in view.tables
            for row in table.rows
            if row.candidacy.pk == candidacy.pk
        ]
        if won:
            outcome_text = won[0].badge
        elif contest.status == ContestStatus.FINAL and view.winners:
            outcome_text = not_elected_word(person) if candidacy.list_name else beaten_word(person)
        else:
            outcome_text = ""
        rank = next((m.position for m in candidacy.members.all() if m.person_id == person.pk), None)
        entries.append(HistoryEntry(contest, candidacy, rows, outcome_text, bool(won), rank))
    return entries


LATEST_ARTICLES = 5


def latest_articles(linked: Contest | Person, limit: int = LATEST_ARTICLES) -> list:
    """The newest articles readers may see linked to a contest (its page, the map's panel)
    or a person (their widget), through the link's reverse manager (the articles app's own
    `published()`, no import of it): one query."""
    return list(
        linked.articles.published()
        .only("title", "slug", "language", "published_at")
        .order_by("-published_at", "-pk")[:limit]
    )
