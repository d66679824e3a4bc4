"""The pure rules of race calls (`elections/calls.py`)."""

import pytest

from elections import calls

FACTS = calls.CallFacts(standing=None, seats=2, computed=(1, 2), proclaimed=())


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        (None, "projection", True),
        (None, "called", True),
        (None, "proclaimed", True),
        ("projection", "called", True),
        ("called", "projection", False),  # forward only: withdraw the call instead
        ("called", "called", False),
        ("called", "proclaimed", True),
        (None, "contested", False),  # nothing to contest yet
        ("projection", "contested", False),
        ("called", "contested", True),
        ("proclaimed", "contested", True),
        ("proclaimed", "annulled", True),
        ("contested", "annulled", True),
        ("called", "annulled", False),
        ("annulled", "proclaimed", False),
        (None, "elected", False),
    ],
)
def test_calls_go_forward_only(current, new, allowed):
    assert calls.can_call(current, new) is allowed


def test_next_calls_after_a_call():
    assert calls.next_calls("called") == ["proclaimed", "contested"]
    assert calls.next_calls("annulled") == []


def test_state_is_the_standing_call_else_the_count():
    assert calls.state(figures_status="upcoming", standing=None) == "no_results"
    assert calls.state(figures_status="counting", standing=None) == "counting"
    assert calls.state(figures_status="provisional", standing=None) == "counting"
    assert calls.state(figures_status="final", standing=None) == "final"
    assert calls.state(figures_status="counting", standing="called") == "called"


def test_a_withdrawn_call_leaves_the_one_before_standing():
    assert calls.standing([]) is None
    assert calls.standing([("projection", False), ("called", True)]) == 0
    assert calls.standing([("projection", True), ("called", True)]) is None
    assert calls.standing([("called", False), ("proclaimed", False)]) == 1


def test_disagreement_needs_figures():
    assert not calls.disagrees([1, 2], None)
    assert not calls.disagrees([1, 2], ())
    assert not calls.disagrees([2, 1], (1, 2))
    assert calls.disagrees([1, 3], (1, 2))
    assert not calls.disagrees([], (1, 2))  # contested, annulled: nobody named


def problems(**overrides):
    arguments = {
        "facts": FACTS,
        "kind": "called",
        "winners": [1, 2],
        "source": "agency",
        "confirmed": False,
        "allowed": True,
    }
    return dict(calls.call_problems(**arguments | overrides))


def test_a_call_agreeing_with_the_figures_is_accepted():
    assert problems() == {}


def test_a_call_against_the_figures_needs_a_confirmation():
    assert "confirm" in problems(winners=[1, 3])
    assert problems(winners=[1, 3], confirmed=True) == {}


def test_a_call_names_its_winners_and_its_source():
    assert "winners" in problems(winners=[])
    assert "winners" in problems(winners=[1, 2, 3])  # two seats
    assert "source" in problems(source="  ")


def test_only_editors_call():
    assert list(problems(allowed=False)) == ["kind"]


def test_a_proclamation_takes_the_recorded_official_winners():
    assert "kind" in problems(kind="proclaimed", winners=[])
    with_official = calls.CallFacts(standing="called", seats=2, computed=(1, 2), proclaimed=(1, 2))
    assert problems(facts=with_official, kind="proclaimed", winners=[]) == {}
    assert "winners" in problems(facts=with_official, kind="proclaimed", winners=[1])
    other = calls.CallFacts(standing="called", seats=2, computed=(1, 2), proclaimed=(1, 3))
    assert "confirm" in problems(facts=other, kind="proclaimed", winners=[])
    assert calls.named(other, "proclaimed", []) == (1, 3)


def test_a_contest_cannot_go_back_to_an_earlier_step():
    called = calls.CallFacts(standing="called", seats=2, computed=None, proclaimed=())
    assert "kind" in problems(facts=called, kind="projection")


def withdrawal(**overrides):
    arguments = {"withdrawn": False, "standing": True, "reason": "Erreur", "allowed": True}
    return calls.withdrawal_problems(**arguments | overrides)


def test_a_withdrawal_needs_its_reason_and_the_latest_call():
    assert withdrawal() == []
    assert withdrawal(reason=" ")[0][0] == "reason"
    assert withdrawal(withdrawn=True)
    assert withdrawal(allowed=False)
    assert withdrawal(standing=False)  # a call another rests on (contested) stays
