"""Properties the counting rules must keep for any valid figures (hypothesis)."""

import datetime
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from elections.counting import (
    Contender,
    RoundFigures,
    Rule,
    majoritarian_outcome,
    proportional_outcome,
    round1_threshold,
)

# Few distinct votes and dates, so equal votes, equal averages and age ties come up often.
DATES = [None, datetime.date(1950, 1, 1), datetime.date(1962, 8, 29), datetime.date(1976, 5, 21)]
KEYS = [f"k{i}" for i in range(8)]

fast = settings(max_examples=200, deadline=None)


@st.composite
def contender_lists(draw, max_votes=20, min_size=1):
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=min_size, max_size=6, unique=True))
    return [
        Contender(key, draw(st.integers(0, max_votes)), draw(st.sampled_from(DATES)))
        for key in keys
    ]


@st.composite
def round_figures(draw, number, seats, keys):
    """A valid round: each ballot names at most `seats` candidates."""
    # Small scores, so that equal votes (and age ties) come up often.
    contenders = tuple(
        Contender(key, draw(st.integers(0, 3)), draw(st.sampled_from(DATES))) for key in keys
    )
    votes = [c.votes for c in contenders]
    fewest_ballots = max(max(votes), -(-sum(votes) // seats))
    expressed = draw(st.integers(fewest_ballots, fewest_ballots + 6))
    registered = draw(st.integers(expressed, expressed + 30))
    return RoundFigures(number, registered, expressed, contenders)


@st.composite
def majoritarian_contests(draw):
    seats = draw(st.integers(1, 2))
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    first = draw(round_figures(1, seats, keys))
    won = majoritarian_outcome(seats, [first])
    left = seats - len(won.seats) - sum(t.seats_at_stake for t in won.ties)
    if left == 0 or draw(st.integers(0, 3)) == 0:
        return seats, [first]
    # Round 2 among those not elected in round 1, and maybe newcomers.
    elected = set(won.elected_keys())
    pool = [k for k in KEYS if k not in elected]
    keys2 = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
    return seats, [first, draw(round_figures(2, seats - len(won.seats), keys2))]


# --- proportional ----------------------------------------------------------------------------


@fast
@given(st.integers(1, 8), contender_lists())
def test_every_seat_is_allocated_unless_a_tie_is_open(seats, contenders):
    outcome = proportional_outcome(seats, contenders)

    decided = len(outcome.seats)
    at_stake = sum(t.seats_at_stake for t in outcome.ties)
    if any(c.votes for c in contenders):
        assert decided + at_stake == seats
    else:
        assert decided == 0
    assert outcome.complete == (decided == seats)
    if not outcome.ties and any(c.votes for c in contenders):
        assert outcome.complete
    assert [s.order for s in outcome.seats] == list(range(1, decided + 1))


@fast
@given(st.integers(1, 8), contender_lists())
def test_more_votes_never_win_fewer_seats(seats, contenders):
    outcome = proportional_outcome(seats, contenders)

    for a in contenders:
        for b in contenders:
            if a.votes > b.votes:
                assert outcome.seats_of(a.key) >= outcome.seats_of(b.key)


@fast
@given(
    st.integers(1, 8),
    contender_lists().flatmap(lambda cs: st.tuples(st.just(cs), st.permutations(cs))),
)
def test_proportional_result_ignores_input_order(seats, lists_and_shuffled):
    contenders, shuffled = lists_and_shuffled

    assert proportional_outcome(seats, contenders) == proportional_outcome(seats, shuffled)


@fast
@given(st.integers(1, 8), contender_lists())
def test_quotient_table_shows_the_allocation(seats, contenders):
    outcome = proportional_outcome(seats, contenders)
    table = outcome.quotient_table

    assert sorted(row.key for row in table) == sorted(c.key for c in contenders)
    assert [(-row.votes, row.key) for row in table] == sorted((-r.votes, r.key) for r in table)
    for row in table:
        assert row.quotients == tuple(Fraction(row.votes, d) for d in range(1, seats + 1))
        assert row.seats == outcome.seats_of(row.key)
        # The seats of a list were won with its first averages, in order.
        won = [s.quotient for s in outcome.seats if s.key == row.key]
        assert won == list(row.quotients[: row.seats])
    # Highest average: no average left out beats one that won a seat.
    winning = [q for row in table for q in row.quotients[: row.seats]]
    next_in_line = [row.quotients[row.seats] for row in table if row.seats < seats]
    if winning and next_in_line:
        assert min(winning) >= max(next_in_line)
    # Seats go one by one, each to an average no higher than the one before.
    quotients = [s.quotient for s in outcome.seats]
    assert quotients == sorted(quotients, reverse=True)
    assert all(s.round is None for s in outcome.seats)


@fast
@given(st.integers(1, 8), contender_lists())
def test_open_tie_names_only_lists_level_with_each_other(seats, contenders):
    outcome = proportional_outcome(seats, contenders)

    for tie in outcome.ties:
        tied = [c for c in contenders if c.key in tie.keys]
        assert len(tied) > tie.seats_at_stake >= 1
        assert len({c.votes for c in tied}) == 1
        assert len({Fraction(c.votes, outcome.seats_of(c.key) + 1) for c in tied}) == 1


# --- majoritarian ----------------------------------------------------------------------------


@fast
@given(majoritarian_contests())
def test_seats_allocated_never_exceed_seats_and_fill_them_when_decided(contest):
    seats, rounds = contest
    outcome = majoritarian_outcome(seats, rounds)

    decided = len(outcome.seats)
    assert decided + sum(t.seats_at_stake for t in outcome.ties) <= seats
    assert outcome.complete == (decided == seats)
    assert len(set(outcome.elected_keys())) == decided
    if len(rounds) == 2 and not outcome.ties:
        voted = sum(1 for c in rounds[1].contenders if c.votes > 0)
        round1_seats = sum(1 for s in outcome.seats if s.round == 1)
        assert decided == round1_seats + min(seats - round1_seats, voted)


@fast
@given(majoritarian_contests())
def test_round_1_winners_reach_both_thresholds(contest):
    seats, rounds = contest
    first = rounds[0]
    outcome = majoritarian_outcome(seats, rounds)
    votes = {c.key: c.votes for c in first.contenders}

    assert outcome.round1_threshold == round1_threshold(first.registered, first.expressed)
    for seat in outcome.seats:
        if seat.round == 1:
            assert 2 * votes[seat.key] > first.expressed
            assert 4 * votes[seat.key] >= first.registered
            assert seat.rule in (Rule.ABSOLUTE_MAJORITY, Rule.OLDEST)
        else:
            assert seat.rule in (Rule.RELATIVE_MAJORITY, Rule.OLDEST)


@fast
@given(majoritarian_contests())
def test_fewer_votes_never_beat_more_votes_in_the_same_round(contest):
    seats, rounds = contest
    outcome = majoritarian_outcome(seats, rounds)
    elected = set(outcome.elected_keys())
    tied = {key for tie in outcome.ties for key in tie.keys}

    for figures in rounds:
        won_here = {s.key for s in outcome.seats if s.round == figures.number}
        for winner in (c for c in figures.contenders if c.key in won_here):
            for other in figures.contenders:
                if other.key not in elected:
                    assert other.votes <= winner.votes
        # A tie is only ever between equal votes, and no one left out has more.
        for tie in (t for t in outcome.ties if t.round == figures.number):
            tie_votes = {c.votes for c in figures.contenders if c.key in tie.keys}
            assert len(tie_votes) == 1
            for other in figures.contenders:
                if other.key not in elected | tied:
                    assert other.votes <= min(tie_votes)


@fast
@given(majoritarian_contests(), st.randoms(use_true_random=False))
def test_majoritarian_result_ignores_input_order(contest, random):
    seats, rounds = contest
    shuffled = []
    for figures in reversed(rounds):
        contenders = list(figures.contenders)
        random.shuffle(contenders)
        shuffled.append(
            RoundFigures(figures.number, figures.registered, figures.expressed, tuple(contenders))
        )

    assert majoritarian_outcome(seats, shuffled) == majoritarian_outcome(seats, rounds)
