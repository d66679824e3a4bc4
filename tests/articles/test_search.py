import datetime
import re

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.utils import timezone

from newsroom.articles import search as search_module
from newsroom.articles.pagination import PER_PAGE
from newsroom.articles.search import EXCERPT_BODY_CHARS, highlight
from newsroom.text import accent_pattern, fold, terms
from tests import factories as make

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@pytest.fixture
def backes(section) -> dict:
    """The defeat and the resignation, in French, plus an unrelated article."""
    now = timezone.now()
    return {
        "defeat": make.article(
            section,
            slug="backes-battue",
            title="Sénatoriales 2023 : la secrétaire d'Etat Sonia Backès battue "
            "en Nouvelle-Calédonie",
            standfirst="Seule membre du gouvernement candidate, elle perd au second tour.",
            body="<p>L'indépendantiste Robert Xowie l'emporte au second tour.</p>",
            published_at=now - datetime.timedelta(days=4),
        ),
        "resignation": make.article(
            section,
            slug="backes-demission",
            title="Battue aux sénatoriales, la secrétaire d'Etat Sonia Backès présente "
            "sa démission",
            standfirst="Elle quitte le gouvernement quatre jours après sa défaite.",
            body="<p>La présidente de la province Sud remet sa démission.</p>",
            published_at=now - datetime.timedelta(days=1),
        ),
        "other": make.article(
            section,
            slug="budget-secu",
            title="Le budget de la Sécurité sociale adopté",
            standfirst="Un vote serré à l'Assemblée.",
            body="<p>Le texte revient au Sénat.</p>",
        ),
    }


def ago(hours: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def result_slugs(response) -> list[str]:
    # An English article's page is under /en/ whichever interface links it.
    return re.findall(r'href="(?:/en)?/article/([^/"]+)/"', response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Backès", "backes", "BACKÈS", "Sonia Backès"])
def test_backes_finds_the_defeat_and_the_resignation(client, site, backes, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert sorted(result_slugs(response)) == ["backes-battue", "backes-demission"]


@pytest.mark.django_db
def test_results_are_published_articles_only(client, site, section, backes):
    make.article(section, slug="backes-brouillon", title="Backès brouillon", status="draft")
    make.article(section, slug="backes-relecture", title="Backès relecture", status="review")
    make.article(
        section,
        slug="backes-programme",
        title="Backès programmé",
        published_at=timezone.now() + datetime.timedelta(hours=2),
    )
    response = client.get("/recherche/", {"q": "Backès"})
    assert sorted(result_slugs(response)) == ["backes-battue", "backes-demission"]


@pytest.mark.django_db
def test_matches_are_marked_and_everything_else_escaped(client, site, section):
    make.article(
        section,
        title="Portrait de <i>Sonia Backès</i>",
        standfirst='Backès <script>alert("x")</script> & <b>gras</b>',
        body="<p>Backès &lt;img src=x onerror=alert(1)&gt; au Sénat.</p>",
    )
    html = client.get("/recherche/", {"q": "Backès"}).content.decode()
    assert "Portrait de &lt;i&gt;Sonia <mark>Backès</mark>&lt;/i&gt;</a>" in html
    excerpt = html.split('<p class="search-result__excerpt">', 1)[1].split("</p>", 1)[0]
    assert "<mark>Backès</mark>" in excerpt
    assert "<script" not in excerpt and "<b>" not in excerpt and "<img" not in excerpt
    # SQLite quotes the standfirst, PostgreSQL an excerpt of standfirst and body: either way
    # the text shows escaped.
    assert "&lt;script&gt;" in excerpt or "&lt;img" in excerpt
    assert excerpt.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        "Backès " * 300,
        "&&& !!! :* ' \" \\ | ( ) <> -",
        "a\x00b",
        "le la les de",
        "'; DROP TABLE articles_article; --",
        "%_%",
        "[[[(*",
    ],
)
def test_odd_queries_give_a_normal_page(client, site, backes, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


@pytest.mark.django_db
def test_empty_query_shows_the_form_and_a_hint(client, site):
    html = client.get("/recherche/").content.decode()
    assert '<input id="search-q" type="search" name="q" value=""' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'hx-push-url="true"' in html
    assert "Saisissez un nom" in html


@pytest.mark.django_db
def test_no_result_says_so(client, site, backes):
    html = client.get("/recherche/", {"q": "zorglub"}).content.decode()
    assert "Aucun article ne correspond à « zorglub »." in html


@pytest.mark.django_db
def test_typing_gets_the_results_block_and_voir_plus_the_next_items(client, site, section):
    make.articles(PER_PAGE + 2, section, title="Sénat et sénateurs")
    typed = client.get("/recherche/", {"q": "sénat"}, headers={"HX-Request": "true"})
    html = typed.content.decode()
    assert "<html" not in html and '<ol class="search-list">' in html
    assert len(result_slugs(typed)) == PER_PAGE
    assert "HX-Request" in typed["Vary"]

    more = client.get("/recherche/", {"q": "sénat", "page": 2}, headers={"HX-Request": "true"})
    assert "<ol" not in more.content.decode()
    assert len(result_slugs(more)) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "x", "-3", "5"])
def test_bad_search_page_is_404(client, site, backes, page):
    assert client.get("/recherche/", {"q": "Backès", "page": page}).status_code == 404


@pytest.mark.django_db
def test_search_page_query_count(client, site, backes, django_assert_num_queries):
    Site.objects.get_current()
    # results (+ section), how many match, the persons and the contests the query names,
    # navigation sections, the site's name: a result shows no byline.
    with django_assert_num_queries(6):
        assert client.get("/recherche/", {"q": "Backès"}).status_code == 200


@on_postgresql
@pytest.mark.django_db
def test_each_language_is_stemmed_with_its_own_configuration(client, site, section):
    make.article(section, slug="fr", title="Les élections sénatoriales", language="fr")
    make.article(section, slug="en", title="Backès resigned from government", language="en")
    assert result_slugs(client.get("/recherche/", {"q": "élection"})) == ["fr"]
    assert result_slugs(client.get("/recherche/", {"q": "resigning"})) == ["en"]
    # "running" is "run" to the English stemmer only: a French "run" is not found through
    # the English reading of the query.
    make.article(section, slug="fr-run", title="Le run final", language="fr")
    assert result_slugs(client.get("/recherche/", {"q": "running"})) == []


@on_postgresql
@pytest.mark.django_db
def test_postgresql_excerpt_comes_from_the_body_without_its_tags(client, site, section):
    make.article(
        section,
        title="Le second tour",
        standfirst="Un résumé.",
        body="<p>Robert <strong>Xowie</strong> l'emporte &amp; entre au Sénat.</p>",
    )
    html = client.get("/recherche/", {"q": "Xowie"}).content.decode()
    excerpt = html.split('<p class="search-result__excerpt">', 1)[1].split("</p>", 1)[0]
    assert "<mark>Xowie</mark>" in excerpt
    assert "<strong>" not in excerpt and "&amp; entre" in excerpt


@on_postgresql
@pytest.mark.django_db
def test_postgresql_excerpt_is_cut_from_the_opening_of_a_long_body(client, site, section):
    opening = "<p>" + "Le dépouillement se poursuit à Nouméa. " * 40
    opening = opening[: EXCERPT_BODY_CHARS - 5]
    # A link straddles the bound; the only mention of Xowie comes long after it.
    body = opening + '<a href="https://example.org/">le détail</a></p>' + "<p>Suite. </p>" * 200
    body += "<p>Robert Xowie est élu.</p>"
    make.article(section, slug="long", title="Le second tour", standfirst="Un résumé.", body=body)
    response = client.get("/recherche/", {"q": "Xowie"})
    assert result_slugs(response) == ["long"]  # found through the whole body
    excerpt = response.content.decode().split('<p class="search-result__excerpt">', 1)[1]
    excerpt = excerpt.split("</p>", 1)[0]
    assert "Le dépouillement se poursuit" in excerpt
    assert "<" not in excerpt and "href" not in excerpt and "Suite" not in excerpt


@on_postgresql
@pytest.mark.django_db
def test_postgresql_ranks_only_the_most_recent_matches(client, site, section, monkeypatch):
    # The oldest match is the most relevant (its title); the window leaves it out.
    make.article(section, slug="oldest", title="Xowie au Sénat", published_at=ago(10))
    for hours in (3, 2, 1):
        make.article(
            section,
            slug=f"new-{hours}",
            title="Le second tour",
            body="<p>Xowie</p>",
            published_at=ago(hours),
        )
    monkeypatch.setattr(search_module, "SEARCH_WINDOW", 4)
    assert result_slugs(client.get("/recherche/", {"q": "Xowie"}))[0] == "oldest"
    monkeypatch.setattr(search_module, "SEARCH_WINDOW", 3)
    assert sorted(result_slugs(client.get("/recherche/", {"q": "Xowie"}))) == [
        "new-1",
        "new-2",
        "new-3",
    ]


def test_the_query_drops_control_characters_and_is_bounded(client, site):
    assert client.get("/recherche/", {"q": "  Sonia\x00  Backès\n"}).context["query"] == (
        "Sonia Backès"
    )
    assert len(client.get("/recherche/", {"q": "a" * 1000}).context["query"]) == 200


def test_fold_and_accent_pattern_match_with_or_without_accents():
    assert fold("BACKÈS") == "backes"
    assert terms("Sonia Backès, sénatrice ?") == ["sonia", "backes", "senatrice"]
    assert accent_pattern("backes") == "b[aàâäáã][cç]k[eéèêë]s"
    assert accent_pattern("a.b") == r"[aàâäáã]\.b"


def test_highlight_escapes_then_marks():
    assert highlight("<i>Backès</i> & Backes", ["backes"]) == (
        "&lt;i&gt;<mark>Backès</mark>&lt;/i&gt; &amp; <mark>Backes</mark>"
    )


def others(response) -> tuple[list[str], list[str]]:
    """The person and contest links listed above the articles."""
    html = response.content.decode()
    if 'class="search-others"' not in html:
        return [], []
    block = html.split('class="search-others"', 1)[1].split("</div>", 1)[0]
    persons = [part.split('"', 1)[0] for part in block.split('href="/personnes/')[1:]]
    contests = [part.split('"', 1)[0] for part in block.split('href="/elections/')[1:]]
    return persons, contests


@pytest.mark.django_db
def test_a_name_lists_the_person_and_the_contests_they_stood_in_or_won(client, site, section):
    xowie = make.person(name="Robert Xowie", given_name="Robert", family_name="Xowie")
    make.person(name="Sonia Backès", given_name="Sonia", family_name="Backès")
    make.contest(code="988", winners=[(xowie, 2, None)])
    make.contest(code="974", name="La Réunion")
    make.article(section, slug="xowie-elu", title="Robert Xowie élu")

    response = client.get("/recherche/", {"q": "xowie"})
    assert others(response) == (["robert-xowie/"], ["senatoriales-2023/988/"])
    assert result_slugs(response) == ["xowie-elu"]
    assert "1 article" in response.content.decode()
    # A place finds its contest, with or without accents; a code too.
    assert others(client.get("/recherche/", {"q": "reunion"}))[1] == ["senatoriales-2023/974/"]
    assert others(client.get("/recherche/", {"q": "974"}))[1] == ["senatoriales-2023/974/"]
    assert others(client.get("/recherche/", {"q": "Backes"})) == (["sonia-backes/"], [])


@pytest.mark.django_db
def test_relevance_comes_first_and_date_order_is_one_click_away(client, site, section):
    """A title match ranks above a body match whatever the dates, on PostgreSQL and
    SQLite alike."""
    now = timezone.now()
    make.article(
        section,
        slug="corps",
        title="Le Congrès se réunit",
        body="<p>On y parle de Xowie.</p>",
        published_at=now - datetime.timedelta(hours=1),
    )
    make.article(
        section,
        slug="titre",
        title="Robert Xowie élu sénateur",
        published_at=now - datetime.timedelta(days=30),
    )
    response = client.get("/recherche/", {"q": "Xowie"})
    assert result_slugs(response) == ["titre", "corps"]
    html = response.content.decode()
    assert "2 articles" in html
    assert '<a href="?q=Xowie&amp;tri=date">par date</a>' in html
    by_date = client.get("/recherche/", {"q": "Xowie", "tri": "date"})
    assert result_slugs(by_date) == ["corps", "titre"]
    assert '<strong aria-current="true">par date</strong>' in by_date.content.decode()


@pytest.mark.django_db
def test_a_new_person_appears_in_a_search_already_cached(client, site, section, settings):
    make.article(section, slug="senat", title="Le Sénat renouvelé")
    assert others(client.get("/recherche/", {"q": "Xowie"})) == ([], [])
    make.person(name="Robert Xowie", given_name="Robert", family_name="Xowie")
    assert others(client.get("/recherche/", {"q": "Xowie"})) == (["robert-xowie/"], [])
