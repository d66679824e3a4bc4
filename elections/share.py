"""What a contest's share image says (`newsroom.share_card`): the constituency and the
election, the call state, the deciding round's candidates or lists with their votes and
share of the expressed votes, who was elected; and the sentence describing it (og:image:alt).

Plain functions over a `display.ContestView`: no queries. A figure is never made up: a
contest without figures says so, and names only who was proclaimed.
"""

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elections.display import ContestView, ResultRow, RoundTable, Winner
from newsroom.share_card import draw
from newsroom.share_card.layout import ResultsCard, Row, fingerprint


def share_text(share) -> str:
    return f"{floatformat(share, 2)}\u00a0%"


def votes_text(votes: int) -> str:
    formatted = number_format(votes, force_grouping=True)
    return ngettext("%(votes)s voix", "%(votes)s voix", votes) % {"votes": formatted}


def figure_row(view: ContestView, row: ResultRow) -> Row:
    candidacy = row.candidacy
    detail = candidacy.party.name if candidacy.party_id else candidacy.label
    if view.contest.is_proportional and row.seats and row.elected:
        seats = ngettext("%(seats)s siège", "%(seats)s sièges", row.seats) % {"seats": row.seats}
        detail = f"{seats} · {detail}" if detail else seats
    known = row.share_expressed is not None
    return Row(
        name=candidacy.name,
        detail=detail,
        votes=votes_text(row.votes),
        share=share_text(row.share_expressed) if known else "",
        fraction=float(row.share_expressed) / 100 if known else None,
        colour=candidacy.colour,
        elected=row.elected,
    )


def winner_name(winner: Winner) -> str:
    return winner.person.name if winner.person else winner.list_name


def winner_row(winner: Winner) -> Row:
    """Someone proclaimed in a contest whose figures are not known: a name, no figure."""
    return Row(
        name=winner_name(winner),
        detail=winner.party_name or winner.label,
        colour=winner.colour,
        elected=True,
    )


def kicker(view: ContestView) -> str:
    election = view.contest.election.label
    table = view.table(None)
    if not view.has_figures or table is None or len(view.tables) < 2:
        return election
    number = table.round.number
    return f"{election} · {_('Premier tour') if number == 1 else _('Second tour')}"


def earlier_winners(view: ContestView, table: RoundTable) -> str:
    """Those elected in a round before the one shown (two-round contests: a seat won in
    the first round, the other in the second)."""
    if view.contest.is_proportional:
        return ""
    shown = [row.winner for row in table.rows if row.elected]
    earlier = [w for w in view.winners if winner_name(w) and all(w is not s for s in shown)]
    return ", ".join(f"{winner_name(w)} {w.badge}" for w in earlier)


def without_figures(view: ContestView) -> str:
    """What the card says in place of figures it does not have: the winners it names were
    proclaimed, no figure was entered."""
    if view.has_figures:
        return ""
    if any(winner_name(w) for w in view.winners):
        return _("Élus proclamés, chiffres non saisis")
    return _("Aucun résultat saisi")


def contest_card(view: ContestView, *, site: str) -> ResultsCard:
    contest = view.contest
    table = view.table(None)
    note = ""
    if view.has_figures and table is not None:
        rows = [figure_row(view, row) for row in table.rows]
        note = earlier_winners(view, table)
    else:
        rows = [winner_row(w) for w in view.winners if winner_name(w)]
    return ResultsCard(
        kicker=kicker(view),
        title=f"{contest.constituency.label} ({contest.constituency.code})",
        state=capfirst(view.call.label),
        site=site,
        rows=rows,
        empty=without_figures(view),
        note=note,
    )


def image_path(view: ContestView, *, site: str) -> str:
    """The card's address as pages give it, versioned by what it shows (`fingerprint`)."""
    contest = view.contest
    path = reverse(
        "elections:contest_image", args=[contest.election.slug, contest.constituency.code]
    )
    return f"{path}?v={fingerprint(contest_card(view, site=site))}"


def contest_png(view: ContestView, *, site: str) -> bytes:
    return draw.results_png(contest_card(view, site=site))


def contest_alt(view: ContestView) -> str:
    """The image described in a sentence: « Élections sénatoriales 2023, Nouvelle-Calédonie
    (988) : résultats, proclamé le 24 septembre 2023. Robert Xowie élu au second tour, … »."""
    contest = view.contest
    heading = _("%(election)s, %(place)s (%(code)s) : résultats, %(state)s.") % {
        "election": contest.election.label,
        "place": contest.constituency.label,
        "code": contest.constituency.code,
        "state": view.call.label,
    }
    named = [f"{winner_name(w)} {w.badge}" for w in view.winners if winner_name(w)]
    parts = [heading]
    if not view.has_figures:
        parts.append(without_figures(view) + ".")
    parts.append(", ".join(named) + "." if named else _("Aucun élu pour le moment."))
    return " ".join(parts)
