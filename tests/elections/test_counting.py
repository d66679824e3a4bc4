"""Counting rules on real 2023 senatorial figures and on the edge cases the law settles.

Pure functions: no database, no Django.
"""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from elections.counting import (
    Contender,
    CountingError,
    QuotientRow,
    RoundFigures,
    Rule,
    Seat,
    Tie,
    majoritarian_outcome,
    proportional_outcome,
    round1_threshold,
    share,
)

D = datetime.date


def round_(number, registered, expressed, **votes):
    return RoundFigures(
        number=number,
        registered=registered,
        expressed=expressed,
        contenders=tuple(Contender(key, v) for key, v in votes.items()),
    )


def lists(*pairs):
    return [Contender(key, votes) for key, votes in pairs]


# --- real figures ----------------------------------------------------------------------------

# New Caledonia, 24 September 2023, 2 seats (senatoriales-2023-nouvelle-caledonie.csv).
NC_ROUND_1 = RoundFigures(
    number=1,
    registered=578,
    expressed=561,
    contenders=(
        Contender("Naturel", 351, D(1955, 11, 21)),
        Contender("Xowie", 259, D(1962, 8, 29)),
        Contender("Backès", 225, D(1976, 5, 21)),
        Contender("Frogier", 180, D(1950, 11, 16)),
        Contender("Poadja", 48, D(1963, 9, 30)),
        Contender("Wenehoua", 6),
        Contender("Millar", 2),
    ),
)
NC_ROUND_2 = RoundFigures(
    number=2,
    registered=578,
    expressed=555,
    contenders=(
        Contender("Xowie", 307, D(1962, 8, 29)),
        Contender("Backès", 246, D(1976, 5, 21)),
        Contender("Wenehoua", 2),
    ),
)


def test_new_caledonia_naturel_in_round_1_and_xowie_in_round_2():
    outcome = majoritarian_outcome(2, [NC_ROUND_1, NC_ROUND_2])

    assert outcome.round1_threshold == 281
    assert outcome.seats == (
        Seat("Naturel", round=1, rule=Rule.ABSOLUTE_MAJORITY, order=1),
        Seat("Xowie", round=2, rule=Rule.RELATIVE_MAJORITY, order=2),
    )
    assert outcome.complete
    assert outcome.ties == ()
    assert outcome.elected_keys() == ["Naturel", "Xowie"]
    assert outcome.seats_of("Backès") == 0
    assert outcome.seats_of("Frogier") == 0


def test_new_caledonia_after_round_1_only_waits_for_round_2():
    outcome = majoritarian_outcome(2, [NC_ROUND_1])

    assert outcome.elected_keys() == ["Naturel"]
    assert not outcome.complete
    assert outcome.ties == ()


def test_new_caledonia_round_1_votes_sum_to_more_than_the_ballots():
    # Two names per ballot: 1 071 votes for 561 ballots is valid.
    assert sum(c.votes for c in NC_ROUND_1.contenders) == 1071
    majoritarian_outcome(2, [NC_ROUND_1])


def test_rounds_may_be_given_in_any_order():
    assert majoritarian_outcome(2, [NC_ROUND_2, NC_ROUND_1]) == majoritarian_outcome(
        2, [NC_ROUND_1, NC_ROUND_2]
    )


def test_lozere_pantel_elected_in_round_1():
    # senatoriales-2023-resultats.csv, constituency 48, 1 seat.
    first = round_(1, 358, 348, Pantel=187, Astruc=133, Gayssot=22, Jacques=6)

    outcome = majoritarian_outcome(1, [first])

    assert outcome.round1_threshold == 175
    assert outcome.seats == (Seat("Pantel", 1, Rule.ABSOLUTE_MAJORITY, 1),)
    assert outcome.complete
    assert share(187, 348) == Decimal("53.74")


def test_saint_pierre_et_miquelon_girardin_elected_on_exactly_the_majority():
    # senatoriales-2023-resultats.csv, constituency 975, 1 seat: 20 of 39 is the majority.
    first = round_(1, 39, 39, Girardin=20, CormierAndre=17, Lebailly=2)

    outcome = majoritarian_outcome(1, [first])

    assert outcome.round1_threshold == 20
    assert outcome.elected_keys() == ["Girardin"]
    assert outcome.complete


# Proportional contests of senatoriales-2023-resultats.csv with the official seats of
# senatoriales-2023-sieges-par-liste.csv: (seats, [(list, votes, official seats), ...]).
PROPORTIONAL_2023 = {
    "38 Isère": (
        5,
        [
            ("L'Isère au Sénat 2023", 1215, 3),
            ("(Re)donnons des couleurs au Sénat en septembre 2023", 714, 1),
            ("POUR NOTRE ISÈRE ET SES TERRITOIRES", 377, 1),
            ("Pour l'Isère des Territoires", 323, 0),
            ("AU SERVICE DES COMMUNES POUR DÉFENDRE L'ISÈRE", 145, 0),
            ("ISERE UNION POPULAIRE ECOLOGIQUE ET SOCIALE", 133, 0),
            ("LA VRAIE DROITE ET LES INDEPENDANTS AU SENAT", 117, 0),
            ("ENSEMBLE POUR NOS TERRITOIRES", 19, 0),
            ("ENSEMBLE POUR UNE DEMOCRATIE PLEINE !", 7, 0),
        ],
    ),
    "54 Meurthe-et-Moselle": (
        4,
        [
            ("Meurthe-et-Moselle Avenir", 934, 2),
            ("Unis pour nos communes", 750, 2),
            ("Au service des communes de Meurthe-et-Moselle", 152, 0),
            ("Meurthe-et-Moselle Union populaire écologique et sociale", 99, 0),
            ("Ensemble, ayons des projets d'avenir !", 52, 0),
            ("Les gaullistes", 27, 0),
        ],
    ),
    "974 La Réunion": (
        4,
        [
            ("La Réunion terre de France et d'Europe", 478, 2),
            ("Défendre La Réunion au Sénat", 337, 1),
            ("La Gauche pour les Réunionnais", 288, 1),
            ("La Réunion département français", 80, 0),
            ("En Trait-d'Union pour la Réunion", 71, 0),
            ("Le meilleur pour la Réunion", 39, 0),
            ("La Réunion terre d'ambition", 30, 0),
            ("Santé, environnementale, médicale et sociétale", 10, 0),
        ],
    ),
}


@pytest.mark.parametrize("contest", PROPORTIONAL_2023)
def test_highest_average_gives_the_official_2023_seats(contest):
    seats, rows = PROPORTIONAL_2023[contest]

    outcome = proportional_outcome(seats, lists(*((name, votes) for name, votes, _ in rows)))

    assert outcome.complete
    assert {name: outcome.seats_of(name) for name, _, _ in rows} == {
        name: official for name, _, official in rows
    }
    assert all(seat.rule == Rule.HIGHEST_AVERAGE and seat.round is None for seat in outcome.seats)


def test_isere_seats_in_order_with_the_average_that_won_each():
    seats, rows = PROPORTIONAL_2023["38 Isère"]
    savin, gontard, rambaud = (name for name, _, _ in rows[:3])

    outcome = proportional_outcome(seats, lists(*((name, votes) for name, votes, _ in rows)))

    assert [(s.order, s.key, s.quotient) for s in outcome.seats] == [
        (1, savin, 1215),
        (2, gontard, 714),
        (3, savin, Fraction(1215, 2)),
        (4, savin, 405),
        (5, rambaud, 377),
    ]
    assert outcome.elected_keys() == [savin, gontard, rambaud]


def test_isere_quotient_table_lets_a_reader_check_the_fifth_seat():
    seats, rows = PROPORTIONAL_2023["38 Isère"]
    # Given shuffled: the table's order does not depend on the input's.
    shuffled = lists(*((name, votes) for name, votes, _ in reversed(rows)))

    table = proportional_outcome(seats, shuffled).quotient_table

    assert [row.key for row in table] == [name for name, _, _ in rows]
    assert table[0] == QuotientRow(
        key=rows[0][0],
        votes=1215,
        quotients=(1215, Fraction(1215, 2), 405, Fraction(1215, 4), 243),
        seats=3,
    )
    # Rambaud's 377 beats the next averages in line: Gontard 714/2 = 357, Savin 1215/4.
    assert table[2].quotients[0] == 377 > table[1].quotients[1] == 357
    assert table[0].quotients[3] == Fraction(1215, 4) < 377
    assert all(isinstance(q, Fraction) for row in table for q in row.quotients)


# --- majoritarian edge cases -----------------------------------------------------------------


def test_quarter_of_registered_blocks_an_absolute_majority():
    # 210 of 400 expressed is a majority, but 1 000 registered require 250 votes.
    outcome = majoritarian_outcome(1, [round_(1, 1000, 400, A=210, B=190)])

    assert outcome.round1_threshold == 250
    assert outcome.seats == ()
    assert not outcome.complete


def test_quarter_of_registered_is_rounded_up():
    assert round1_threshold(registered=578, expressed=100) == 145
    assert round1_threshold(registered=580, expressed=100) == 145
    assert round1_threshold(registered=0, expressed=0) == 1


def test_absolute_majority_is_more_than_half():
    # 50 of 100 is half, not more: no one is elected.
    assert majoritarian_outcome(1, [round_(1, 100, 100, A=50, B=50)]).seats == ()
    assert majoritarian_outcome(1, [round_(1, 100, 100, A=51, B=49)]).elected_keys() == ["A"]


def test_blocked_in_round_1_elected_in_round_2_by_relative_majority():
    outcome = majoritarian_outcome(
        1, [round_(1, 1000, 400, A=210, B=190), round_(2, 1000, 420, A=200, B=120, C=100)]
    )

    assert outcome.seats == (Seat("A", 2, Rule.RELATIVE_MAJORITY, 1),)
    assert outcome.complete


def test_three_qualifiers_for_two_seats_most_votes_first():
    outcome = majoritarian_outcome(2, [round_(1, 100, 90, C=50, A=70, B=60)])

    assert outcome.round1_threshold == 46
    assert [(s.key, s.order) for s in outcome.seats] == [("A", 1), ("B", 2)]
    assert outcome.complete


def test_equal_qualifiers_that_fit_the_seats_need_no_age():
    first = round_(1, 100, 90, A=60, B=60, C=20)

    outcome = majoritarian_outcome(2, [first])

    assert {s.key for s in outcome.seats} == {"A", "B"}
    assert {s.rule for s in outcome.seats} == {Rule.ABSOLUTE_MAJORITY}
    assert outcome.complete


def test_equal_votes_for_the_last_seat_of_round_1_go_to_the_oldest():
    first = RoundFigures(
        1,
        100,
        90,
        (Contender("A", 70), Contender("B", 55, D(1960, 1, 1)), Contender("C", 55, D(1950, 1, 1))),
    )

    outcome = majoritarian_outcome(2, [first])

    assert outcome.seats == (
        Seat("A", 1, Rule.ABSOLUTE_MAJORITY, 1),
        Seat("C", 1, Rule.OLDEST, 2),
    )
    assert outcome.complete


def test_equal_votes_in_round_2_go_to_the_oldest():
    second = RoundFigures(
        2,
        1000,
        420,
        (Contender("A", 200, D(1970, 5, 5)), Contender("B", 200, D(1969, 12, 31))),
    )

    outcome = majoritarian_outcome(1, [round_(1, 1000, 400, A=210, B=190), second])

    assert outcome.seats == (Seat("B", 2, Rule.OLDEST, 1),)


def test_unknown_birth_date_in_a_decisive_tie_is_reported_not_guessed():
    first = RoundFigures(
        1, 100, 90, (Contender("A", 70), Contender("B", 55, D(1950, 1, 1)), Contender("C", 55))
    )

    outcome = majoritarian_outcome(2, [first])

    assert outcome.elected_keys() == ["A"]
    assert outcome.ties == (Tie(keys=("B", "C"), seats_at_stake=1, round=1),)
    assert not outcome.complete


def test_round_2_tie_with_unknown_date_is_reported_in_round_2():
    second = round_(2, 1000, 400, A=200, B=200)

    outcome = majoritarian_outcome(1, [round_(1, 1000, 400, A=210, B=190), second])

    assert outcome.seats == ()
    assert outcome.ties == (Tie(("A", "B"), 1, 2),)
    assert not outcome.complete


def test_tie_decides_what_the_known_dates_can():
    # Three equal for two seats, C's date unknown: A is older than B, so at most C can be
    # older than A and A wins; B and C stay tied for the other seat.
    first = RoundFigures(
        1,
        100,
        90,
        (Contender("A", 60, D(1950, 1, 1)), Contender("B", 60, D(1960, 1, 1)), Contender("C", 60)),
    )

    outcome = majoritarian_outcome(2, [first])

    assert outcome.seats == (Seat("A", 1, Rule.OLDEST, 1),)
    assert outcome.ties == (Tie(("B", "C"), 1, 1),)


def test_tie_leaves_out_who_is_sure_to_lose():
    # One seat, three equal: B is younger than A, so B cannot win; A or C (unknown) can.
    second = RoundFigures(
        2,
        100,
        90,
        (Contender("A", 30, D(1950, 1, 1)), Contender("B", 30, D(1960, 1, 1)), Contender("C", 30)),
    )

    outcome = majoritarian_outcome(1, [round_(1, 100, 90, A=40, B=40, C=10), second])

    assert outcome.ties == (Tie(("A", "C"), 1, 2),)


def test_same_birth_date_stays_tied():
    born = D(1958, 3, 3)
    second = RoundFigures(2, 100, 90, (Contender("A", 45, born), Contender("B", 45, born)))

    outcome = majoritarian_outcome(1, [round_(1, 100, 90, A=40, B=40, C=10), second])

    assert outcome.ties == (Tie(("A", "B"), 1, 2),)


def test_open_round_1_tie_allows_no_round_2():
    # More qualifiers than seats means round 1 filled every seat (the oldest wins), even when
    # the birth dates needed to say who are missing.
    first = round_(1, 100, 90, A=60, B=60, C=60)

    with pytest.raises(CountingError, match="le premier a pourvu"):
        majoritarian_outcome(2, [first, round_(2, 100, 90, C=50)])


def test_round_2_candidates_without_votes_win_nothing():
    outcome = majoritarian_outcome(1, [round_(1, 100, 90, A=40, B=40), round_(2, 100, 0, A=0)])

    assert outcome.seats == ()
    assert not outcome.complete


def test_two_seats_in_round_2():
    outcome = majoritarian_outcome(
        2, [round_(1, 100, 90, A=40, B=40, C=30), round_(2, 100, 90, A=60, C=70, B=50)]
    )

    assert [(s.key, s.round, s.order) for s in outcome.seats] == [("C", 2, 1), ("A", 2, 2)]


def test_no_round_counted_yet():
    outcome = majoritarian_outcome(2, [])

    assert outcome.seats == ()
    assert outcome.round1_threshold is None
    assert not outcome.complete


def test_two_names_per_ballot_may_sum_to_twice_the_ballots():
    outcome = majoritarian_outcome(2, [round_(1, 100, 90, A=90, B=90)])

    assert outcome.elected_keys() == ["A", "B"]


# --- proportional edge cases -----------------------------------------------------------------


def test_equal_averages_for_the_last_seat_go_to_more_votes():
    # Seat 2: A's 600/2 = 300 equals B's 300/1; A has more votes.
    outcome = proportional_outcome(2, lists(("B", 300), ("A", 600)))

    assert [(s.key, s.rule, s.quotient) for s in outcome.seats] == [
        ("A", Rule.HIGHEST_AVERAGE, 600),
        ("A", Rule.HIGHEST_AVERAGE, 300),
    ]
    assert outcome.complete


def test_equal_averages_and_votes_go_to_the_oldest_candidate():
    contenders = [
        Contender("A", 300, D(1961, 1, 1)),
        Contender("B", 300, D(1955, 1, 1)),
        Contender("C", 100, D(1940, 1, 1)),
    ]

    outcome = proportional_outcome(1, contenders)

    assert outcome.seats == (Seat("B", None, Rule.OLDEST, 1, quotient=Fraction(300)),)
    assert outcome.complete


def test_equal_averages_votes_and_unknown_date_leave_the_seat_open():
    # Seat 2 goes to A (600/2 = 300, more votes); B and C, equal, contend for seat 3.
    contenders = [
        Contender("A", 600),
        Contender("B", 300, D(1955, 1, 1)),
        Contender("C", 300),
        Contender("D", 100),
    ]

    outcome = proportional_outcome(3, contenders)

    assert [s.key for s in outcome.seats] == ["A", "A"]
    assert outcome.ties == (Tie(("B", "C"), 1, None),)
    assert not outcome.complete
    assert sum(row.seats for row in outcome.quotient_table) == 2


def test_equal_averages_that_all_fit_need_no_tie_break():
    outcome = proportional_outcome(2, lists(("A", 300), ("B", 300)))

    assert outcome.elected_keys() == ["A", "B"]
    assert {s.rule for s in outcome.seats} == {Rule.HIGHEST_AVERAGE}
    assert outcome.complete


def test_lists_with_no_votes_win_nothing_and_stay_in_the_table():
    outcome = proportional_outcome(3, lists(("A", 10), ("Z", 0)))

    assert outcome.seats_of("A") == 3
    assert outcome.quotient_table[1] == QuotientRow("Z", 0, (0, 0, 0), 0)


def test_no_votes_at_all_fills_no_seat():
    outcome = proportional_outcome(3, lists(("A", 0), ("B", 0)))

    assert outcome.seats == ()
    assert outcome.ties == ()
    assert not outcome.complete


def test_one_list_may_take_more_seats_than_there_are_lists():
    outcome = proportional_outcome(4, lists(("A", 100), ("B", 10)))

    assert outcome.seats_of("A") == 4
    assert outcome.elected_keys() == ["A"]


# --- shares ----------------------------------------------------------------------------------


def test_share_rounds_half_up_to_two_decimals():
    assert share(351, 561) == Decimal("62.57")
    assert share(1, 800) == Decimal("0.13")
    assert share(1, 8) == Decimal("12.50")
    assert share(0, 561) == Decimal("0.00")


def test_share_of_nothing_is_unknown():
    assert share(0, 0) is None


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "rounds", "message"),
    [
        (0, [], "Nombre de sièges"),
        (1, [round_(1, 100, 90, A=-1)], "négatif"),
        (1, [round_(1, -1, 0, A=0)], "inscrits négatif"),
        (1, [round_(1, 100, -1, A=0)], "exprimés négatif"),
        (1, [round_(1, 100, 101, A=1)], "101 suffrages exprimés pour 100 inscrits"),
        (2, [round_(1, 100, 90, A=91)], "plus que les 90 suffrages exprimés"),
        (2, [round_(1, 100, 90, A=90, B=90, C=1)], "181 voix au total"),
        (1, [round_(1, 100, 90, A=50, B=41)], "91 voix au total"),
        (
            1,
            [RoundFigures(1, 100, 90, (Contender("A", 1), Contender("A", 2)))],
            "« A » figure deux fois",
        ),
        (1, [round_(3, 100, 90, A=1)], "Tour inconnu : 3"),
        (1, [round_(1, 100, 90, A=1), round_(1, 100, 90, A=1)], "tour 1 est donné deux fois"),
        (1, [round_(2, 100, 90, A=1)], "sans premier tour"),
        (1, [round_(1, 100, 90, A=60), round_(2, 100, 90, B=60)], "le premier a pourvu"),
        (
            2,
            [round_(1, 100, 90, A=60, B=20), round_(2, 100, 90, A=50, B=30)],
            "« A » a déjà été élu au premier tour",
        ),
        (
            2,
            [round_(1, 100, 90, A=60, B=20), round_(2, 100, 90, B=60, C=31)],
            "Tour 2 : 91 voix au total",
        ),
        (2, [round_(1, 100, 90, A=30), round_(2, 100, 90, B=91)], "Tour 2 : « B » a 91 voix"),
    ],
)
def test_majoritarian_rejects_impossible_figures(seats, rounds, message):
    with pytest.raises(CountingError, match=message):
        majoritarian_outcome(seats, rounds)


@pytest.mark.parametrize(
    ("seats", "contenders", "message"),
    [
        (0, lists(("A", 1)), "au moins 1"),
        (-2, lists(("A", 1)), "au moins 1"),
        (3, lists(("A", 1), ("B", -5)), "nombre de voix négatif pour « B »"),
        (3, lists(("A", 1), ("A", 5)), "« A » figure deux fois"),
    ],
)
def test_proportional_rejects_impossible_figures(seats, contenders, message):
    with pytest.raises(CountingError, match=message):
        proportional_outcome(seats, contenders)


def test_share_rejects_negative_counts():
    with pytest.raises(CountingError):
        share(-1, 10)


def test_counting_error_is_a_value_error():
    assert issubclass(CountingError, ValueError)
