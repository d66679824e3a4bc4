import datetime

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from elections.models import ContestStatus
from newsroom.views import HOME_LATEST
from tests import factories as make

pytestmark = pytest.mark.django_db

SENATE_2023 = datetime.date(2023, 9, 24)


def test_lead_story_is_the_latest_published_article(client, site, section):
    author = make.person(name="Guillaume Jacquot")
    older = make.article(section, slug="plus-ancien")
    lead = make.article(
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
    articles = make.articles(HOME_LATEST + 5, section)
    html = client.get("/").content.decode()
    # The lead story, then HOME_LATEST more.
    assert articles[HOME_LATEST].get_absolute_url() in html
    assert articles[HOME_LATEST + 1].get_absolute_url() not in html


def test_topics_in_focus_are_shown_the_others_not(client, site):
    make.topic(name="Sénatoriales 2023", in_focus=True, description="Le renouvellement du Sénat.")
    make.topic(name="Budget")
    html = client.get("/").content.decode()
    assert 'href="/dossier/senatoriales-2023/">Sénatoriales 2023</a>' in html
    assert "/dossier/budget/" not in html


def test_results_teaser_shows_contests_being_counted_first(client, site):
    make.contest(election=make.election(name="Sénatoriales 2023", date=SENATE_2023))
    municipal = make.election(name="Municipales test", date=timezone.localdate())
    make.contest(election=municipal, code="75", name="Paris", status=ContestStatus.COUNTING)
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert "Paris" in teaser and "dépouillement en cours" in teaser
    assert "Nouvelle-Calédonie" not in teaser


def test_results_teaser_falls_back_to_the_latest_election_held(client, site):
    make.contest(election=make.election(name="Sénatoriales 2023", date=SENATE_2023))
    older = make.election(name="Sénatoriales 2020", date=datetime.date(2020, 9, 27))
    make.contest(election=older, code="987", name="Polynésie française")
    in_30_days = timezone.localdate() + datetime.timedelta(days=30)
    future = make.election(name="Sénatoriales 2026", date=in_30_days)
    make.contest(
        election=future, code="986", name="Wallis-et-Futuna", status=ContestStatus.UPCOMING
    )
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert "Nouvelle-Calédonie" in teaser and "résultats définitifs" in teaser
    assert "Polynésie" not in teaser and "Wallis" not in teaser


def test_empty_home_says_so(client, site):
    html = client.get("/").content.decode()
    assert "Aucun article publié pour le moment." in html
    assert 'id="home-results-title"' not in html


def test_home_query_count(client, site, section, django_assert_num_queries):
    make.articles(HOME_LATEST + 2, section, authors=[make.person()])
    make.topic(in_focus=True)
    make.contest(election=make.election(date=SENATE_2023), name="NC")
    Site.objects.get_current()
    # articles (+ section), their authors, contests (+ election, constituency), topics in
    # focus, navigation sections.
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200
