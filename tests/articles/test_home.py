import datetime
from datetime import timedelta

import pytest
from django.contrib.sites.models import Site
from django.utils import timezone

from elections.models import ContestStatus
from newsroom.articles.models import Article
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
    # the stories à la une (none here), the latest articles (+ section), their authors,
    # contests (+ election, constituency), topics in focus, navigation sections.
    with django_assert_num_queries(7):
        assert client.get("/").status_code == 200


def home_sections(client) -> tuple[str, list[str], str]:
    """The lead's link, the stories à la une under it, and the latest list, as HTML."""
    html = client.get("/").content.decode()
    lead = html.split('<article class="home-lead"', 1)[1].split("</article>", 1)[0]
    top = (
        html.split('class="home-top"', 1)[1].split("</section>", 1)[0] if "home-top" in html else ""
    )
    top_slugs = [part.split("/", 1)[0] for part in top.split('href="/article/')[1:]]
    return lead, list(dict.fromkeys(top_slugs)), html


def test_editors_choose_the_lead_and_the_stories_under_it_in_their_order(client, site, section):
    now = timezone.now()
    make.article(section, slug="tout-neuf", title="Le plus récent", published_at=now)
    make.article(
        section,
        slug="defaite",
        title="Sonia Backès battue",
        front_position=1,
        published_at=now - datetime.timedelta(days=400),
    )
    make.article(section, slug="demission", front_position=3, published_at=now - timedelta(2))
    make.article(section, slug="xowie", front_position=2, published_at=now - timedelta(3))
    # Chosen, but not visible to readers: never on the front page.
    make.article(section, slug="brouillon", front_position=1, status="draft")
    make.article(section, slug="programme", front_position=1, published_at=now + timedelta(1))

    lead, top, html = home_sections(client)
    assert 'href="/article/defaite/">Sonia Backès battue</a>' in lead
    assert top == ["xowie", "demission"]
    latest = html.split('id="home-latest-title"', 1)[1]
    assert "/article/tout-neuf/" in latest and "/article/defaite/" not in latest
    assert "brouillon" not in html and "/article/programme/" not in html


def test_taking_a_story_off_the_front_page_shows_at_once(client, site, section):
    make.article(
        section, slug="ancien", front_position=1, published_at=timezone.now() - timedelta(9)
    )
    make.article(section, slug="recent")
    assert "/article/ancien/" in home_sections(client)[0]
    article = Article.objects.get(slug="ancien")
    article.front_position = None
    article.save()
    assert "/article/recent/" in home_sections(client)[0]


def test_results_teaser_features_the_contests_of_the_stories_a_la_une(client, site, section):
    senate = make.election(name="Sénatoriales 2023", date=SENATE_2023)
    ain = make.contest(election=senate, code="01", name="Ain")
    nc = make.contest(election=senate, code="988", name="Nouvelle-Calédonie")
    reunion = make.contest(election=senate, code="974", name="La Réunion")
    make.article(section, slug="reunion", front_position=2, contests=[reunion])
    make.article(section, slug="nc", front_position=1, contests=[nc])
    make.article(section, slug="ain", contests=[ain])
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert teaser.index("Nouvelle-Calédonie") < teaser.index("La Réunion")
    assert "Ain" not in teaser


def test_results_teaser_lists_the_most_covered_contests_not_the_alphabet(client, site, section):
    senate = make.election(name="Sénatoriales 2023", date=SENATE_2023)
    ain = make.contest(election=senate, code="01", name="Ain")
    nc = make.contest(election=senate, code="988", name="Nouvelle-Calédonie")
    make.article(section, slug="un", contests=[nc])
    make.article(section, slug="deux", contests=[nc])
    make.article(section, slug="trois", contests=[ain])
    make.article(section, slug="brouillon-ain", contests=[ain], status="draft")
    make.article(section, slug="brouillon-ain-2", contests=[ain], status="draft")
    make.article(section, slug="a-la-une-sans-scrutin")  # the lead links no contest
    html = client.get("/").content.decode()
    teaser = html.split('id="home-results-title"', 1)[1].split("</section>", 1)[0]
    assert teaser.index("Nouvelle-Calédonie") < teaser.index("Ain")
