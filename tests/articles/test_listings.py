import datetime

import pytest
import time_machine
from django.contrib.sites.models import Site
from django.utils import timezone

from newsroom.articles.models import Status
from newsroom.articles.pagination import PER_PAGE, cursor_of
from tests import factories as make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def warm_site(site) -> None:
    # The sites framework caches the current site after its first read, as in production.
    Site.objects.get_current()


def article_links(response) -> list[str]:
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('href="/article/')[1:]]


def test_section_lists_its_articles_newest_first_one_page_at_a_time(client, section):
    articles = make.articles(PER_PAGE + 3, section)
    response = client.get("/rubrique/politique/")
    assert response.status_code == 200
    assert article_links(response) == [article.slug + "/" for article in articles[:PER_PAGE]]
    assert 'href="/rubrique/politique/?page=2&amp;apres=' in response.content.decode()

    second = client.get(next_url(response))
    assert article_links(second) == [article.slug + "/" for article in articles[PER_PAGE:]]
    assert "?page=3" not in second.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_voir_plus_is_an_htmx_link_with_a_plain_href(client, section):
    articles = make.articles(PER_PAGE + 1, section)
    html = client.get("/rubrique/politique/").content.decode()
    cursor = cursor_of(articles[PER_PAGE - 1])  # after the last article shown
    url = f"/rubrique/politique/?page=2&amp;apres={cursor}"
    assert (
        f'<a class="button" href="{url}" data-hx-get="{url}" data-hx-target="closest li" '
        'data-hx-swap="outerHTML">Voir plus</a>'
    ) in html


def next_url(response) -> str:
    html = response.content.decode()
    return html.split('class="button" href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")


@pytest.mark.parametrize("path", ["/rubrique/politique/", "/dossier/senatoriales-2023/"])
def test_voir_plus_walks_every_article_once_even_when_one_is_published_meanwhile(
    client, section, path
):
    topic = make.topic(name="Sénatoriales 2023")
    articles = make.articles(2 * PER_PAGE + 5, section, topics=[topic])
    # Some articles published at the same instant: the id breaks the tie.
    moment = articles[PER_PAGE].published_at
    for article in articles[PER_PAGE - 2 : PER_PAGE + 3]:
        article.published_at = moment
        article.save()
    expected = [a.slug + "/" for a in sorted(articles, key=lambda a: (a.published_at, a.pk))]
    expected.reverse()

    first = client.get(path)
    seen = article_links(first)
    make.article(section, topics=[topic], published_at=timezone.now())  # the newest
    url = next_url(first)
    while url:
        page = client.get(url, headers={"HX-Request": "true"})
        assert page.status_code == 200
        seen += article_links(page)
        url = next_url(page) if 'class="button" href="' in page.content.decode() else ""
    assert seen == expected


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "1.0",
        "1.-2",
        "12",
        "1.2.3",
        "999999999999999999.1",
        "1.99999999999999999999",
        "1.9999999999999999999",
        "",
    ],
)
def test_a_malformed_cursor_is_404(client, section, cursor):
    make.articles(PER_PAGE + 1, section)
    assert client.get(f"/rubrique/politique/?page=2&apres={cursor}").status_code == 404


def test_a_cursor_past_the_last_article_or_on_the_first_page_is_404(client, section):
    articles = make.articles(3, section)
    oldest = cursor_of(articles[-1])
    assert client.get(f"/rubrique/politique/?page=2&apres={oldest}").status_code == 404
    assert client.get(f"/rubrique/politique/?apres={cursor_of(articles[0])}").status_code == 404


def test_htmx_request_gets_only_the_next_items(client, section):
    articles = make.articles(PER_PAGE + 2, section)
    response = client.get("/rubrique/politique/?page=2", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<ol" not in html
    assert article_links(response) == [article.slug + "/" for article in articles[PER_PAGE:]]
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize("extra", ["HX-Boosted", "HX-History-Restore-Request"])
def test_boosted_or_history_restore_request_gets_the_whole_page(client, section, extra):
    make.articles(2, section)
    headers = {"HX-Request": "true", extra: "true"}
    assert "<html" in client.get("/rubrique/politique/", headers=headers).content.decode()


@pytest.mark.parametrize(
    "page", ["0", "-1", "abc", "1.5", "", "2", "99", "01", "999999999999999999999", "1e3"]
)
def test_bad_or_out_of_range_page_is_404(client, section, page):
    make.articles(3, section)
    assert client.get(f"/rubrique/politique/?page={page}").status_code == 404
    assert client.get(f"/dossier/senatoriales-2023/?page={page}").status_code == 404


def test_unknown_section_topic_or_author_is_404(client, section):
    assert client.get("/rubrique/inconnue/").status_code == 404
    assert client.get("/dossier/inconnu/").status_code == 404
    assert client.get("/auteur/inconnu/").status_code == 404


def test_empty_section_says_so(client, section):
    response = client.get("/rubrique/politique/")
    assert response.status_code == 200
    assert "Aucun article publié dans cette rubrique" in response.content.decode()


def test_topic_lists_only_its_articles(client, section):
    topic = make.topic(
        name="Sénatoriales 2023", description="Le renouvellement de la moitié du Sénat."
    )
    inside = make.article(section, topics=[topic])
    outside = make.article(section)
    response = client.get("/dossier/senatoriales-2023/")
    html = response.content.decode()
    assert article_links(response) == [inside.slug + "/"]
    assert outside.slug not in html
    assert "Le renouvellement de la moitié du Sénat." in html


def test_author_page_lists_signed_articles_and_links_to_the_person(client, section):
    author = make.person(name="Guillaume Jacquot")
    other = make.person(name="Hugo Ruaud")
    signed = make.article(section, authors=[author])
    make.article(section, authors=[other])
    response = client.get("/auteur/guillaume-jacquot/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="page-title">Guillaume Jacquot</h1>' in html
    assert 'href="/personnes/guillaume-jacquot/"' in html
    assert article_links(response) == [signed.slug + "/"]


def test_person_who_signed_nothing_public_has_no_author_page(client, section):
    person = make.person(name="Guillaume Jacquot")
    make.article(section, authors=[person], status="draft")
    assert client.get("/auteur/guillaume-jacquot/").status_code == 404


def test_section_and_topic_pages_announce_their_feeds(client, section):
    make.topic(name="Sénatoriales 2023")
    section_html = client.get("/rubrique/politique/").content.decode()
    topic_html = client.get("/dossier/senatoriales-2023/").content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Politique : derniers articles" '
        'href="http://testserver/flux/rubrique/politique/">'
    ) in section_html
    assert 'href="http://testserver/flux/dossier/senatoriales-2023/"' in topic_html


def test_listing_pages_set_title_description_and_canonical(client, section):
    section.description = "L'actualité politique."
    section.save()
    html = client.get("/rubrique/politique/").content.decode()
    assert "<title>Politique — Newsroom</title>" in html
    assert '<meta name="description" content="L&#x27;actualité politique.">' in html
    assert '<link rel="canonical" href="http://testserver/rubrique/politique/">' in html


def test_section_page_queries_do_not_grow_with_the_list(client, section, django_assert_num_queries):
    author = make.person(name="Guillaume Jacquot")
    make.articles(
        PER_PAGE + 1,
        section=section,
        authors=[author],
        topics=[make.topic(name="Sénatoriales 2023")],
    )
    # section, one page of articles (+ their section), their authors, navigation sections.
    with django_assert_num_queries(5):
        assert client.get("/rubrique/politique/").status_code == 200
    # The htmx fragment skips the layout's navigation.
    with django_assert_num_queries(3):
        client.get("/rubrique/politique/?page=2", headers={"HX-Request": "true"})


def test_topic_page_query_count(client, section, django_assert_num_queries):
    make.articles(PER_PAGE + 1, section, topics=[make.topic(name="Sénatoriales 2023")])
    # topic, one page of articles (+ section), their authors, navigation sections.
    with django_assert_num_queries(5):
        assert client.get("/dossier/senatoriales-2023/").status_code == 200


def test_author_page_query_count(client, section, django_assert_num_queries):
    make.articles(PER_PAGE + 1, section, authors=[make.person(name="Guillaume Jacquot")])
    # person, one page of articles (+ section), their authors, navigation sections.
    with django_assert_num_queries(5):
        assert client.get("/auteur/guillaume-jacquot/").status_code == 200


PUBLIC_URLS = [
    "/",
    "/rubrique/politique/",
    "/dossier/senatoriales-2023/",
    "/auteur/guillaume-jacquot/",
    "/recherche/?q=Back%C3%A8s",
    "/flux/",
    "/flux/rubrique/politique/",
    "/flux/dossier/senatoriales-2023/",
    "/sitemap.xml",
    "/sitemap-news.xml",
]


@pytest.fixture
def twins(section) -> dict:
    """A published article and a draft, an in-review and a scheduled twin sharing every
    attribute but the slug, status and publication time."""
    now = timezone.now()
    shared = {
        "title": "Sonia Backès battue en Nouvelle-Calédonie",
        "standfirst": "La secrétaire d'Etat Backès perd au second tour.",
        "body": "<p>Robert Xowie l'emporte face à Sonia Backès.</p>",
        "topics": [make.topic(name="Sénatoriales 2023", in_focus=True)],
        "authors": [make.person(name="Guillaume Jacquot")],
    }
    return {
        "published": make.article(section, slug="publie", published_at=now, **shared),
        "draft": make.article(section, slug="brouillon", status=Status.DRAFT, **shared),
        "review": make.article(section, slug="relecture", status=Status.REVIEW, **shared),
        "scheduled": make.article(
            section, slug="programme", published_at=now + datetime.timedelta(hours=1), **shared
        ),
    }


def test_drafts_reviews_and_scheduled_articles_are_nowhere_public(client, twins):
    for url in PUBLIC_URLS:
        html = client.get(url).content.decode()
        assert "/article/publie/" in html, url
        for hidden in ("brouillon", "relecture", "programme"):
            assert f"/article/{hidden}/" not in html, (url, hidden)


def test_scheduled_article_appears_everywhere_once_its_time_has_passed(client, twins):
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        for url in PUBLIC_URLS:
            html = client.get(url).content.decode()
            assert "/article/programme/" in html, url
            assert "/article/brouillon/" not in html and "/article/relecture/" not in html


def test_each_page_of_a_listing_is_its_own_canonical_page(client, section):
    make.articles(PER_PAGE + 1, section)
    html = client.get("/rubrique/politique/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/rubrique/politique/?page=2">' in html
