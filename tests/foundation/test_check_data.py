"""`manage.py check_data`: each contradiction found on a case built for it, a non-zero exit
while any is left, and the demo newsroom passing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from elections import services
from elections.models import ElectionKind, OfficialWinner, Round, RoundResult
from newsroom.ops import consistency
from newsroom.people.models import OrganisationKind
from tests import factories as make

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 12, 3)


def checks(today=TODAY) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in consistency.findings(today):
        found.setdefault(finding.check, []).append(finding)
    return found


def run() -> str:
    out = io.StringIO()
    call_command("check_data", stdout=out)
    return out.getvalue()


@pytest.fixture
def senate(db):
    return make.organisation(
        name="Sénat", slug="senat", kind=OrganisationKind.ASSEMBLY, term_years=6
    )


@pytest.fixture
def proclaimed(senate, site):
    """Loiret proclaimed in 2023 for Anne Roux, with the offices not yet following: the
    outgoing Paul Martin still holds an office entered by hand, with neither start nor
    term."""
    election = make.election(
        name="Élections sénatoriales 2023", kind=ElectionKind.SENATE, date=D(2023, 9, 24)
    )
    roux = make.person(name="Anne Roux", gender="female")
    martin = make.person(name="Paul Martin", gender="male")
    make.membership(martin, senate, role="Sénateur", area="Loiret")
    contest = make.contest(election=election, code="45", name="Loiret", seats=1)
    OfficialWinner.objects.create(contest=contest, person=roux, round=1, position=0)
    return contest, roux, martin


def test_an_office_the_results_gave_to_someone_else_and_a_winner_without_office(proclaimed):
    contest, roux, martin = proclaimed
    found = checks()
    assert [f.subject for f in found["held_by_others"]] == ["Paul Martin"]
    assert "Anne Roux" in found["held_by_others"][0].detail
    assert [f.subject for f in found["winner_without_office"]] == ["Anne Roux"]
    with pytest.raises(CommandError, match="2 contradiction"):
        run()
    services.sync_offices(contest=contest)  # what the finding asks for
    assert "held_by_others" not in checks() and "winner_without_office" not in checks()
    assert "Aucune contradiction" in run()


def test_a_title_in_the_other_gender(senate):
    person = make.person(name="Claire Durand", gender="female")
    membership = make.membership(person, senate, role="Sénateur", start_date=D(2023, 10, 2))
    found = checks()["gender"]
    assert [(f.subject, f.fix_url) for f in found] == [
        ("Claire Durand", f"/admin/people/membership/{membership.pk}/change/")
    ]


def test_an_article_calling_former_an_office_the_data_says_is_current(senate, site):
    guerriau = make.person(name="Joël Guerriau", gender="male")
    make.membership(guerriau, senate, role="Sénateur", start_date=D(2023, 10, 2))
    make.article(
        title="Affaire Guerriau",
        body="<p>L'ancien sénateur Joël Guerriau a été condamné.</p>",
        persons=[guerriau],
    )
    draft = make.article(body="<p>L'ex-sénateur Joël Guerriau.</p>", status="draft")
    draft.persons.add(guerriau)
    found = checks()["former_but_current"]
    assert len(found) == 1  # the draft is not read by anyone yet
    assert "Affaire Guerriau" in found[0].detail and "sénateur" in found[0].detail
    office = guerriau.memberships.get()
    office.ended = True  # a source says the office ended, without a date
    office.save()
    assert "former_but_current" not in checks()


def test_figures_that_do_not_add_up_fail_until_published_with_a_caveat(site):
    contest = make.contest(
        code="972",
        name="Martinique",
        candidates=(("Ada Martin", 70, None), ("Léo Petit", 60, None), ("Zoé Roy", 50, None)),
    )
    found = checks()["ballot_arithmetic"]
    assert [f.acknowledged for f in found] == [False]
    assert "La somme des voix (180)" in found[0].detail
    contest.figures_caveat = "Les chiffres officiels ne concordent pas."
    contest.save()
    assert [f.acknowledged for f in checks()["ballot_arithmetic"]] == [True]
    assert "1 constat(s) publié(s) avec un avertissement" in run()


def test_proclaimed_winners_other_than_the_computed_ones_are_listed(site):
    winner = make.person(name="Zoé Roy")
    make.contest(
        code="971",
        name="Guadeloupe",
        seats=1,
        winners=[(winner, 1, None)],
        candidates=(("Ada Martin", 50, None), ("Léo Petit", 30, None)),
    )
    found = checks()["outcome_mismatch"]
    assert [f.subject for f in found] == ["Élections sénatoriales 2023 — Guadeloupe"]
    assert found[0].acknowledged  # readers see the caveat on the contest page


def test_consistent_figures_find_nothing(site):
    contest = make.contest(code="974", name="La Réunion", seats=1)
    round_ = Round.objects.create(
        contest=contest, number=1, registered=10, voters=9, expressed=8, is_final=True
    )
    candidacy = contest.candidacies.create(person=make.person(), position=1)
    RoundResult.objects.create(round=round_, candidacy=candidacy, votes=8)
    assert checks() == {}


def test_the_demo_newsroom_has_no_contradiction(site):
    call_command("seed_demo", stdout=io.StringIO())
    assert "Aucune contradiction" in run()


def test_editors_see_the_same_list_in_the_admin_readers_never(client, senate):
    person = make.person(name="Claire Durand", gender="female")
    make.membership(person, senate, role="Sénateur", start_date=D(2023, 10, 2))
    response = client.get("/admin/verifications/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(make.user("editrice", "Éditeur"))
    page = client.get("/admin/verifications/").content.decode()
    assert "1 contradiction à corriger" in page
    assert "Titre dans l&#x27;autre genre que la personne (1)" in page
    assert "Claire Durand" in page and "/admin/people/membership/" in page
    assert 'href="/admin/verifications/"' in client.get("/admin/").content.decode()


def test_a_sénat_group_member_without_a_seat(senate):
    group = make.organisation(
        name="Groupe Union", kind=OrganisationKind.PARLIAMENTARY_GROUP, parent=senate
    )
    person = make.person(name="Marc Blanc", gender="male")
    make.membership(person, group)
    assert [f.subject for f in checks()["group_without_seat"]] == ["Marc Blanc"]
    make.membership(person, senate, role="Sénateur", start_date=D(2023, 10, 2))
    assert "group_without_seat" not in checks()


def test_an_office_with_a_wrong_term_on_a_renewed_seat_is_found(proclaimed, senate):
    contest, roux, martin = proclaimed
    services.sync_offices(contest=contest)
    # Typed in by hand with a term running past the renewal the result made.
    late = make.person(name="Luc Tardif", gender="male")
    make.membership(
        late,
        senate,
        role="Sénateur",
        area="Loiret",
        start_date=D(2022, 3, 1),
        term_end=D(2028, 3, 1),
    )
    assert [f.subject for f in checks()["held_by_others"]] == ["Luc Tardif"]
