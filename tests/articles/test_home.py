import datetime

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from elections.models import Constituency, Contest, ContestStatus, Election, VotingSystem
from newsroom.views import HOME_LATEST
from tests.articles.builders import make_article, make_articles, make_person, make_topic

pytestmark = pytest.mark.django_db


def make_contest(election: Election, code: str, name: str, **overrides) -> Contest:
    constituency, _ = Constituency.objects.get_or_create(code=code, defaults={"name": name})
    fields = {"seats": 2, "system": VotingSystem.MAJORITARIAN, "status": ContestStatus.FINAL}
    fields.update(overrides)
    return Contest.objects.create(election=election, constituency=constituency, **fields)


def make_election(name: str, date: datetime.date) -> Election:
    return Election.objects.create(name=name, slug=name.lower().replace(" ", "-"), date=date)


def test_lead_story_is_the_latest_published_article(client, site, section):
    author = make_person()
    older = make_article(section, slug="plus-ancien")
    lead = make_article(
        section,
        slug="a-la-une",
        title="Sonia Backès battue",
        standfirst="Elle perd au second tour.",
        published_at=timezone.now() - datetime.timedelta(minutes=5),
        authors=[author],
    )
    html = client.get("/").content.decode()
    lead_html = html.split('<article class="home-lead"', 1)[1].split("</article>", 1)[0]
    assert f'href="{lead.get_absolute_url()}">Sonia Backès battue</a>' in lead_html
    assert "Elle perd au second tour." in lead_html
    assert 'href="/auteur/guillaume-jacquot/">Guillaume Jacquot</a>' in lead_html
    latest = html.split('id="home-latest-title"', 1)[1]
    assert older.get_absolute_url() in latest and lead.get_absolute_url() not in latest


def test_latest_articles_are_bounded(client, site, section):
    articles = make_articles(section, HOME_LATEST + 5)
    html = client.get("/").content.decode()
    # The lead story, then HOME_LATEST more.
    assert articles[HOME_LATEST].get_absolute_url() in html
    assert articles[HOME_LATEST + 1].get_absolute_url() not in html


def test_topics_in_focus_are_shown_the_others_not(client, site):
    make_topic(in_focus=True, description="Le renouvellement du Sénat.")
    make_topic(name="Budget", slug="budget")
    html = client.get("/").content.decode()
    assert 'href="/dossier/senatoriales-2023/">Sénatoriales 2023</a>' in html
    assert "/dossier/budget/" not in html


def test_results_teaser_shows_contests_being_counted_first(client, site):
    senate = make_election("Sénatoriales 2023", datetime.date(2023, 9, 24))
    make_contest(senate, "988", "Nouvelle-Calédonie")
    municipal = make_election("Municipales test", timezone.localdate())
    make_contest(municipal, "75", "Paris", status=ContestStatus.COUNTING)
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert "Paris" in teaser and "dépouillement en cours" in teaser
    assert "Nouvelle-Calédonie" not in teaser


def test_results_teaser_falls_back_to_the_latest_election_held(client, site):
    senate = make_election("Sénatoriales 2023", datetime.date(2023, 9, 24))
    make_contest(senate, "988", "Nouvelle-Calédonie")
    older = make_election("Sénatoriales 2020", datetime.date(2020, 9, 27))
    make_contest(older, "987", "Polynésie française")
    future = make_election("Sénatoriales 2026", timezone.localdate() + datetime.timedelta(days=30))
    make_contest(future, "986", "Wallis-et-Futuna", status=ContestStatus.UPCOMING)
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert "Nouvelle-Calédonie" in teaser and "résultats définitifs" in teaser
    assert "Polynésie" not in teaser and "Wallis" not in teaser


def test_empty_home_says_so(client, site):
    html = client.get("/").content.decode()
    assert "Aucun article publié pour le moment." in html
    assert 'id="home-results-title"' not in html


def test_home_query_count(client, site, section, django_assert_num_queries):
    make_articles(section, HOME_LATEST + 2, authors=[make_person()])
    make_topic(in_focus=True)
    make_contest(make_election("Sénatoriales 2023", datetime.date(2023, 9, 24)), "988", "NC")
    Site.objects.get_current()
    # articles (+ section), their authors, contests (+ election, constituency), topics in
    # focus, navigation sections.
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200
