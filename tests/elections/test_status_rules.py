"""Contest status moves, as a pure rule: forward freely, back one step, with the permission."""

import pytest

from elections import status

FORWARD = [
    ("upcoming", "counting"),
    ("counting", "provisional"),
    ("provisional", "final"),
    ("upcoming", "final"),
    ("counting", "final"),
]
ONE_STEP_BACK = [("counting", "upcoming"), ("provisional", "counting"), ("final", "provisional")]
TOO_FAR_BACK = [("final", "counting"), ("final", "upcoming"), ("provisional", "upcoming")]


@pytest.mark.parametrize(("current", "new"), FORWARD + ONE_STEP_BACK)
def test_the_count_moves_forward_or_one_step_back(current, new):
    assert status.can_move(current, new)
    assert status.move_problems(current=current, new=new, allowed=True) == []


@pytest.mark.parametrize(("current", "new"), TOO_FAR_BACK)
def test_going_back_more_than_one_step_is_refused(current, new):
    assert not status.can_move(current, new)
    problems = status.move_problems(
        current=current,
        new=new,
        allowed=True,
        labels={"final": "définitifs", "upcoming": "à venir"},
    )
    assert [field for field, _message in problems] == ["status"]
    assert "ne peut pas passer" in problems[0][1]


def test_keeping_the_status_is_always_allowed_even_without_the_permission():
    for value in status.ORDER:
        assert status.move_problems(current=value, new=value, allowed=False) == []


def test_any_change_needs_the_permission():
    problems = status.move_problems(current="counting", new="provisional", allowed=False)
    assert problems == [("status", "Vous n'avez pas le droit de changer le statut d'un scrutin.")]


def test_a_new_contest_starts_upcoming_unless_allowed_otherwise():
    assert status.move_problems(current=None, new="upcoming", allowed=False) == []
    assert status.move_problems(current=None, new="final", allowed=False) != []
    assert status.move_problems(current=None, new="final", allowed=True) == []


def test_unknown_statuses_are_refused():
    assert not status.can_move("final", "archived")
    assert not status.can_move("archived", "final")


def test_the_form_offers_the_allowed_moves_in_the_order_of_the_count():
    assert status.next_statuses("provisional") == ["counting", "provisional", "final"]
    assert status.next_statuses("final") == ["provisional", "final"]
    assert status.next_statuses(None) == list(status.ORDER)
