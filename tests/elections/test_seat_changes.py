"""Gains and holds: each winner compared with the seats' outgoing holders by camp, never
guessed; shown on the contest page, the election page and the map."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command

from elections.seats import GAIN, HELD, REELECTED, UNKNOWN, Camp, Holder, compare

LR_PARTY = Camp("LR", True, frozenset({1}), frozenset({"Les Républicains", "LR"}))
LR_GROUP = Camp("Les Républicains", False, frozenset({2}), frozenset({"Les Républicains"}))
SER_GROUP = Camp("SER", False, frozenset({3}), frozenset({"Socialiste, Écologiste et Républicain"}))
PS = Camp("PS", True, frozenset({4}), frozenset({"Parti socialiste"}))
FLNKS = Camp("FLNKS", True, frozenset({5}))
UC = Camp("UC", True, frozenset({6, 5}))  # a party of the FLNKS
CE = Camp("Calédonie ensemble", True, frozenset({7}))


def kinds(winners, outgoing):
    return [
        (c.winner.name, c.kind, c.previous and c.previous.name) for c in compare(winners, outgoing)
    ]


def test_a_winner_who_held_the_seat_is_re_elected_whatever_the_camp():
    assert kinds([Holder(1, "Anne", PS)], [Holder(1, "Anne", SER_GROUP)]) == [
        ("Anne", REELECTED, "Anne")
    ]


def test_the_same_camp_keeps_the_seat_by_organisation_parent_or_shared_name():
    assert kinds([Holder(1, "Naturel", LR_PARTY)], [Holder(2, "Frogier", LR_GROUP)]) == [
        ("Naturel", HELD, "Frogier")
    ]
    assert kinds([Holder(1, "Xowie", FLNKS)], [Holder(2, "Wamytan", UC)]) == [
        ("Xowie", HELD, "Wamytan")
    ]


def test_two_different_parties_make_a_gain_paired_after_the_holds():
    winners = [Holder(1, "Xowie", FLNKS), Holder(2, "Naturel", LR_PARTY)]
    outgoing = [Holder(3, "Poadja", CE), Holder(4, "Frogier", LR_PARTY)]
    assert kinds(winners, outgoing) == [
        ("Xowie", GAIN, "Poadja"),
        ("Naturel", HELD, "Frogier"),
    ]


def test_what_cannot_be_compared_is_not_guessed():
    # A party and a Sénat group of another name: the socialist group is not « the PS ».
    assert kinds([Holder(1, "Roiron", PS)], [Holder(2, "Sueur", SER_GROUP)]) == [
        ("Roiron", UNKNOWN, None)
    ]
    # A camp nobody recorded, on either side.
    assert kinds([Holder(1, "Mellouli", None)], [Holder(2, "X", PS)]) == [
        ("Mellouli", UNKNOWN, None)
    ]
    assert kinds([Holder(1, "Y", PS)], [Holder(2, "X", None)]) == [("Y", UNKNOWN, None)]
    assert kinds([Holder(1, "Y", PS)], []) == [("Y", UNKNOWN, None)]


def read(client, url) -> str:
    html = client.get(url).content.decode()
    return re.sub(r" ([,.)])", r"\1", " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()))


@pytest.mark.django_db
def test_new_caledonia_shows_xowie_as_a_gain_on_every_page(client, site):
    call_command("seed_demo", stdout=io.StringIO())
    contest = read(client, "/elections/senatoriales-2023/988/")
    assert "Robert Xowie — gain (FLNKS, ex-Calédonie ensemble) (siège de Gérard Poadja)" in contest
    assert "Georges Naturel — conservé (LR) (siège de Pierre Frogier)" in contest
    election = read(client, "/elections/senatoriales-2023/")
    assert "Sièges qui changent de camp" in election
    assert "Nouvelle-Calédonie : Robert Xowie — gain (FLNKS, ex-Calédonie ensemble)" in election
    assert "1 change de camp" in election
    changes = read(client, "/elections/senatoriales-2023/carte/?vue=changements")
    assert "Gain : FLNKS (1 siège)" in changes
    assert "Conservé par son titulaire ou son camp" in changes
    assert "Gain :" not in read(client, "/elections/senatoriales-2023/carte/")
