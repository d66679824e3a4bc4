"""The consistency rules shared by model validation, the admin and the importers."""

import pytest
from django.core.exceptions import ValidationError

from elections import validation
from elections.models import Round


def fields(problems: list[tuple[str, str]]) -> list[str]:
    return [field for field, _message in problems]


def test_consistent_round_has_no_problem():
    assert (
        validation.round_problems(registered=578, voters=573, blank=None, null=None, expressed=561)
        == []
    )


def test_voters_cannot_exceed_registered():
    problems = validation.round_problems(
        registered=100, voters=101, blank=None, null=None, expressed=90
    )
    assert fields(problems) == ["voters"]
    assert "votants" in problems[0][1] and "inscrits" in problems[0][1]


def test_expressed_cannot_exceed_voters():
    problems = validation.round_problems(
        registered=100, voters=90, blank=None, null=None, expressed=91
    )
    assert fields(problems) == ["expressed"]


def test_negative_count_is_named():
    problems = validation.round_problems(registered=100, voters=90, blank=-1, null=0, expressed=91)
    assert problems == [("blank", "Le nombre de blancs ne peut pas être négatif.")]


def test_expressed_must_equal_voters_minus_blank_and_null_when_both_known():
    problems = validation.round_problems(
        registered=3124, voters=3087, blank=29, null=8, expressed=3051
    )
    assert fields(problems) == ["expressed"]
    assert "3050" in problems[0][1]


def test_expressed_is_free_when_only_blank_plus_null_is_known():
    assert (
        validation.round_problems(registered=578, voters=569, blank=None, null=9, expressed=555)
        == []
    )


def test_candidate_votes_cannot_exceed_expressed():
    problems = validation.votes_problems(
        expressed=100, votes=[("Ada", 101)], proportional=False, names_per_ballot=1
    )
    assert fields(problems) == ["votes"]
    assert "Ada" in problems[0][1]


def test_two_seat_ballots_may_sum_to_twice_the_expressed():
    votes = [("A", 351), ("B", 259), ("C", 225), ("D", 180), ("E", 48), ("F", 6), ("G", 2)]
    assert (
        validation.votes_problems(
            expressed=561, votes=votes, proportional=False, names_per_ballot=2
        )
        == []
    )
    problems = validation.votes_problems(
        expressed=561, votes=votes, proportional=False, names_per_ballot=1
    )
    assert fields(problems) == ["votes"]


def test_list_votes_must_add_up_to_expressed():
    problems = validation.votes_problems(
        expressed=100, votes=[("L1", 60), ("L2", 39)], proportional=True
    )
    assert fields(problems) == ["votes"]
    assert (
        validation.votes_problems(
            expressed=100, votes=[("L1", 60), ("L2", 39)], proportional=True, complete=False
        )
        == []
    )


def test_round_two_candidacy_must_belong_to_the_same_contest():
    assert validation.same_contest_problems(round_contest=1, candidacy_contests=[1, 1]) == []
    assert fields(validation.same_contest_problems(round_contest=1, candidacy_contests=[2])) == [
        "candidacy"
    ]


def test_round_clean_reports_the_field():
    with pytest.raises(ValidationError) as error:
        Round(number=1, registered=10, voters=11, expressed=5).clean()
    assert "voters" in error.value.message_dict
