"""Offices follow results: a proclaimed senate result makes its winners' offices and ends the
outgoing holders' ones; withdrawn, everything is as it was. Asserted on the rows and on the
person pages readers see."""

import datetime
import io
import re
from html import unescape

import pytest
from django.core.management import CommandError, call_command

from elections import services
from elections.models import (
    Candidacy,
    ContestStatus,
    Election,
    ElectionKind,
    OfficialWinner,
)
from newsroom.people.models import Membership, Organisation, OrganisationKind
from tests import factories as make

D = datetime.date
pytestmark = pytest.mark.django_db

START, EVE, TERM_END = D(2023, 10, 2), D(2023, 10, 1), D(2029, 9, 30)
SERIES_1_2017 = D(2017, 10, 2)


@pytest.fixture
def senate(db) -> Organisation:
    return make.organisation(
        name="Sénat", slug="senat", kind=OrganisationKind.ASSEMBLY, term_years=6
    )


@pytest.fixture
def election(db) -> Election:
    return make.election(
        name="Élections sénatoriales 2023", kind=ElectionKind.SENATE, date=D(2023, 9, 24)
    )


def sitting(person, senate, area="Loiret", start=SERIES_1_2017, term_end=EVE) -> Membership:
    role = "Sénatrice" if person.gender == "female" else "Sénateur"
    return make.membership(
        person, senate, role=role, area=area, start_date=start, term_end=term_end
    )


@pytest.fixture
def loiret(senate, election, site):
    """Loiret, two seats renewed in 2023: Anne Roux re-elected, Hugo Lenoir (gender not
    recorded) elected; Paul Martin stood and lost; Marc Blanc did not stand."""
    people = {
        "roux": make.person(name="Anne Roux", gender="female"),
        "lenoir": make.person(name="Hugo Lenoir"),
        "martin": make.person(name="Paul Martin", gender="male"),
        "blanc": make.person(name="Marc Blanc", gender="male"),
    }
    group = make.organisation(
        name="Groupe Union", kind=OrganisationKind.PARLIAMENTARY_GROUP, parent=senate
    )
    for key in ("roux", "martin", "blanc"):
        sitting(people[key], senate)
        make.membership(people[key], group, role="Membre", term_end=EVE)
    party = make.organisation(name="Parti du Centre", acronym="PDC")
    contest = make.contest(
        election=election,
        code="45",
        name="Loiret",
        winners=[(people["roux"], 1, party), (people["lenoir"], 2, party)],
    )
    Candidacy.objects.create(contest=contest, person=people["martin"], position=1)
    return contest, people, group


def text(client, person) -> str:
    """The person page as a reader reads it: tags dropped, spaces folded."""
    html = client.get(person.get_absolute_url()).content.decode()
    return re.sub(r" ([,.])", r"\1", " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()))


def senate_offices(person):
    return list(
        person.memberships.filter(organisation__slug="senat")
        .order_by("start_date")
        .values_list("role", "start_date", "end_date", "end_reason", "term_end")
    )


def test_proclaiming_makes_the_winners_offices_and_ends_the_outgoing_ones(client, loiret):
    contest, people, group = loiret
    report = services.sync_offices(contest=contest)
    assert (report.started, report.ended) == (2, 5)  # 2 offices; 3 mandates and 2 groups
    assert senate_offices(people["roux"]) == [
        ("Sénatrice", D(2017, 10, 2), EVE, "end_of_term", EVE),
        ("Sénatrice", START, None, "", TERM_END),
    ]
    # No gender recorded: a title that cannot be in the wrong gender.
    assert senate_offices(people["lenoir"]) == [("Membre du Sénat", START, None, "", TERM_END)]
    assert senate_offices(people["martin"]) == [("Sénateur", D(2017, 10, 2), EVE, "defeat", EVE)]
    assert senate_offices(people["blanc"]) == [
        ("Sénateur", D(2017, 10, 2), EVE, "end_of_term", EVE)
    ]
    # Leaving the Sénat ends the group too; the re-elected senator keeps hers, for the
    # new term (the group the roster last records).
    assert people["martin"].memberships.get(organisation=group).end_date == EVE
    kept = people["roux"].memberships.get(organisation=group)
    assert (kept.end_date, kept.term_end) == (None, TERM_END)
    new = people["lenoir"].memberships.get(organisation__slug="senat")
    assert new.on_behalf_of.acronym == "PDC"
    assert "du 2 octobre 2017 au 1er octobre 2023 — défaite" in text(client, people["martin"])
    page = text(client, people["lenoir"])
    assert "Membre du Sénat, Loiret — Sénat (au titre de Parti du Centre)" in page
    assert "depuis octobre 2023, jusqu'au 30 septembre 2029" in page


def test_a_second_run_changes_nothing(loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    before = list(Membership.objects.order_by("pk").values())
    assert not services.sync_offices(contest=contest).changed
    assert list(Membership.objects.order_by("pk").values()) == before


def test_withdrawing_the_proclamation_restores_the_offices(loiret):
    contest, people, group = loiret
    before = list(Membership.objects.order_by("pk").values())
    services.sync_offices(contest=contest)
    contest.status = ContestStatus.PROVISIONAL
    contest.save()
    report = services.sync_offices(contest=contest)
    # 2 offices made; 3 mandates and 2 groups ended, 1 group carried into the new term
    assert (report.removed, report.restored) == (2, 6)
    assert list(Membership.objects.order_by("pk").values()) == before
    assert not contest.office_changes.exists()


def test_a_winner_no_longer_proclaimed_loses_the_office_the_result_gave(loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    OfficialWinner.objects.filter(person=people["lenoir"]).update(person=people["martin"])
    services.sync_offices(contest=contest)
    assert not people["lenoir"].memberships.exists()
    # Paul Martin is a winner now: his old mandate ends at its term, no longer by defeat.
    assert senate_offices(people["martin"])[0][3] == "end_of_term"
    assert senate_offices(people["martin"])[1][:2] == ("Sénateur", START)


def test_an_end_recorded_later_by_an_editor_is_kept(loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    office = people["lenoir"].memberships.get(organisation__slug="senat")
    office.end_date, office.end_reason = D(2025, 3, 1), "resignation"
    office.save()
    services.sync_offices(contest=contest)
    office.refresh_from_db()
    assert (office.end_date, office.end_reason) == (D(2025, 3, 1), "resignation")


def test_a_constituency_of_both_series_ends_only_the_series_renewed(senate, election, site):
    abroad = [make.person(name=f"Élu étranger {n}", gender="male") for n in range(3)]
    renewed = sitting(abroad[0], senate, area="Français établis hors de France")
    other_series = sitting(
        abroad[1],
        senate,
        area="Français établis hors de France",
        start=D(2021, 10, 1),
        term_end=D(2026, 9, 30),
    )
    contest = make.contest(
        election=election,
        code="ZZ",
        name="Français établis hors de France",
        seats=6,
        system="proportional",
        winners=[(abroad[2], None, None)],
    )
    services.sync_offices(contest=contest)
    renewed.refresh_from_db()
    other_series.refresh_from_db()
    assert (renewed.end_date, renewed.end_reason) == (EVE, "end_of_term")
    assert other_series.end_date is None
    assert Membership.objects.current(D(2024, 6, 1)).filter(person=abroad[1]).exists()


def test_a_contest_outside_the_senate_makes_no_office(senate, site):
    other = make.election(name="Municipales", kind=ElectionKind.MUNICIPAL, date=D(2026, 3, 15))
    contest = make.contest(election=other, code="75", name="Paris", winners=[])
    OfficialWinner.objects.create(contest=contest, person=make.person(), position=0)
    assert not services.sync_offices(contest=contest).changed
    assert not Membership.objects.exists()


def test_the_results_desk_proclaiming_moves_the_offices(loiret):
    contest, people, _group = loiret
    contest.status = ContestStatus.PROVISIONAL
    contest.save()
    services.sync_offices(contest=contest)
    assert not people["lenoir"].memberships.exists()
    editor = make.user("editrice", "Éditeur")
    entry = services.RoundEntry(
        number=1,
        totals={"registered": None, "voters": None, "blank": None, "null": None, "expressed": None},
        is_final=True,
        votes={},
        status=ContestStatus.FINAL,
    )
    services.save_round_results(contest=contest, entry=entry, by=editor, source="Préfecture")
    assert people["lenoir"].memberships.filter(start_date=START).exists()


def test_reconcile_offices_applies_an_election_and_reports(loiret, election):
    out = io.StringIO()
    call_command("reconcile_offices", "--election", election.slug, stdout=out)
    # 1 update: the re-elected senator's group carried into the new term
    assert "fonctions : 2 créées, 1 mises à jour, 5 terminées" in out.getvalue()
    out = io.StringIO()
    call_command("reconcile_offices", "--election", election.slug, stdout=out)
    assert "Aucun changement" in out.getvalue()
    with pytest.raises(CommandError, match="Aucune élection « nulle-part »"):
        call_command("reconcile_offices", "--election", "nulle-part")


def test_an_office_an_editor_has_since_ended_survives_a_withdrawal(loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    office = people["lenoir"].memberships.get(organisation__slug="senat")
    office.ended = True  # « l'ancien sénateur », from a later source
    office.save()
    contest.status = ContestStatus.PROVISIONAL
    contest.save()
    services.sync_offices(contest=contest)  # the figures are being corrected
    contest.status = ContestStatus.FINAL
    contest.save()
    services.sync_offices(contest=contest)
    office.refresh_from_db()
    assert office.ended
    assert people["lenoir"].memberships.filter(organisation__slug="senat").count() == 1


def test_a_senator_re_elected_elsewhere_keeps_the_group(senate, election, loiret):
    contest, people, group = loiret
    # Paul Martin, outgoing in the Loiret, is elected in the Cher the same day.
    make.contest(election=election, code="18", name="Cher", winners=[(people["martin"], 1, None)])
    services.sync_offices(contest=contest)
    membership = people["martin"].memberships.get(organisation=group)
    assert membership.end_date is None


def test_deleting_a_contest_undoes_its_offices(client, loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    client.force_login(make.user("admin", is_superuser=True))
    response = client.post(
        f"/admin/elections/contest/{contest.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert not people["lenoir"].memberships.exists()
    assert senate_offices(people["martin"]) == [("Sénateur", SERIES_1_2017, None, "", EVE)]


def test_the_admin_status_action_moves_the_offices(client, loiret):
    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    client.force_login(make.user("admin", is_superuser=True))
    client.post(
        "/admin/elections/contest/",
        {"action": "mark_provisional", "_selected_action": [contest.pk]},
    )
    assert not people["lenoir"].memberships.exists()


def test_a_newer_senat_file_completes_the_office_a_result_made(loiret):
    """The result made the 2023 office; the Sénat's file, once it lists that mandate,
    completes it instead of adding a second « Sénateur » line."""
    from newsroom.people import services as people_services
    from newsroom.people.senat import MandateRow, Roster, SenatorRow

    contest, people, _group = loiret
    services.sync_offices(contest=contest)
    lenoir = people["lenoir"]
    lenoir.senat_id = "23001A"
    lenoir.save()
    senator = SenatorRow(
        matricule="23001A",
        gender="male",
        given_name="Hugo",
        family_name="Lenoir",
        birth_date=None,
        death_date=None,
        active=True,
        group="",
        group_affiliation="",
        constituency="Loiret",
    )
    mandate = MandateRow("23001A", "99001", START, None, "")
    people_services.import_senators(roster=Roster([senator], [mandate]))
    offices = lenoir.memberships.filter(organisation__slug="senat")
    assert offices.count() == 1
    assert offices.get().source_key.startswith("scrutin:")
