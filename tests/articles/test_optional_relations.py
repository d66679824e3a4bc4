"""Every linked-data block renders when the optional relations it could show are empty:
a winner without party, label, round or list; a person without gender, photo, birth date
or office; a list without a head; an article without image, standfirst or authors."""

import pytest
from django.urls import reverse

from elections.models import Candidacy, ListMember, OfficialWinner, Round, RoundResult
from tests import factories as make

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def bare_world(db):
    """The sparsest data an editor may save, linked like the seeds' story."""
    winner = make.person(name="Élu Sans Parti")  # no gender, birth date, photo or office
    contest = make.contest(code="41", name="Loir-et-Cher", winners=[(winner, None, None)])
    # Proclaimed with a political label but no party, as most 2023 winners are.
    labelled = make.person(name="Élue Divers Droite", gender="female")
    make.membership(labelled, role="", start_date=None)  # an office with no title or dates
    OfficialWinner.objects.create(contest=contest, person=labelled, label="DVD", position=1)
    # A proportional list with no head, no party and no label, in a round without figures.
    listed = Candidacy.objects.create(contest=contest, list_name="Liste sans tête", position=1)
    ListMember.objects.create(candidacy=listed, person=winner, position=1)
    single = Candidacy.objects.create(contest=contest, person=make.person(), position=2)
    round_ = Round.objects.create(contest=contest, number=1)
    RoundResult.objects.create(round=round_, candidacy=listed, votes=0)
    RoundResult.objects.create(round=round_, candidacy=single, votes=0)
    earlier = make.article(standfirst="", body="")
    card = make.article(standfirst="", body="", persons=[winner])
    article = make.article(
        standfirst="",
        previous=earlier,
        persons=[winner, labelled],
        contests=[contest],
        further_reading=[card],
    )
    return {"article": article, "contest": contest, "winner": winner, "earlier": earlier}


def test_article_with_a_partyless_winner_renders_for_readers(client, bare_world):
    page = client.get(bare_world["article"].get_absolute_url())
    body = page.content.decode()
    assert page.status_code == 200
    assert "Élu Sans Parti" in body  # results box and persons cited
    assert 'Élue Divers Droite</a> <span class="meta" lang="fr">(DVD)</span>' in body
    assert bare_world["earlier"].title in body  # story chain
    assert "Loir-et-Cher" in body


def test_results_box_names_the_label_or_party_when_there_is_one(client, bare_world):
    winner = bare_world["contest"].official_winners.get(person=bare_world["winner"])
    winner.party = make.organisation(name="Parti Sans Sigle", acronym="")
    winner.save()
    body = client.get(bare_world["article"].get_absolute_url()).content.decode()
    assert "(Parti Sans Sigle)" in body


def test_contest_pages_and_fragments_render(client, bare_world):
    contest = bare_world["contest"]
    url = contest.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url + "?tour=1").status_code == 200
    results = reverse("elections:contest_results", args=[contest.election.slug, "41"])
    assert client.get(results, headers=HX).status_code in (200, 286)
    for export in ("elections:contest_json", "elections:contest_csv"):
        assert client.get(reverse(export, args=[contest.election.slug, "41"])).status_code == 200


def test_election_and_map_panel_render(client, bare_world):
    election = bare_world["contest"].election
    assert client.get(election.get_absolute_url()).status_code == 200
    map_url = reverse("elections:map", args=[election.slug])
    panel = client.get(map_url + "?circonscription=41", headers=HX)
    assert panel.status_code == 200
    assert "Élu Sans Parti" in panel.content.decode()
    assert client.get(map_url).status_code == 200


def test_person_page_history_and_author_card_render(client, bare_world):
    page = client.get(bare_world["winner"].get_absolute_url())
    assert page.status_code == 200
    assert "Loir-et-Cher" in page.content.decode()  # person history


def test_related_cards_render_in_listings(client, bare_world):
    section = bare_world["article"].section
    assert client.get(section.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
    assert client.get(reverse("articles:search") + "?q=Article").status_code == 200
