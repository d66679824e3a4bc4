import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from newsroom.articles.models import Status
from tests import factories as make

pytestmark = pytest.mark.django_db

COVERAGE = Template("{% load articles_tags %}{% person_coverage person %}")


def render(person) -> str:
    return COVERAGE.render(Context({"person": person}))


def test_person_page_lists_the_latest_public_articles_linking_the_person(client, site):
    person = make.person(name="Sonia Backès")
    old = make.article(title="Ancien", persons=[person])
    new = make.article(title="Récent", persons=[person], published_at=timezone.now())
    make.article(title="Sans elle")

    html = client.get(person.get_absolute_url()).content.decode()

    assert html.index(new.get_absolute_url()) < html.index(old.get_absolute_url())
    assert "Sans elle" not in html


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"published_at": timezone.now() + datetime.timedelta(days=2)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_coverage_never_shows_unpublished_articles(hidden):
    person = make.person()
    make.article(title="Caché", persons=[person], authors=[person], **hidden)
    html = render(person)
    assert "Caché" not in html
    assert "Aucun article publié ne cite encore cette personne." in html


def test_journalist_coverage_adds_signed_articles_and_the_author_page_link():
    journalist = make.person(name="Hugo Ruaud")
    make.article(title="Signé", authors=[journalist])

    html = render(journalist)

    assert "Les derniers articles signés Hugo Ruaud" in html
    assert "Signé" in html
    assert 'href="/auteur/hugo-ruaud/"' in html
    assert "Aucun article publié ne cite encore cette personne." not in html


def test_non_journalist_has_no_signed_block():
    person = make.person()
    make.article(persons=[person])
    assert "/auteur/" not in render(person)


@pytest.mark.parametrize("count", [1, 12])
def test_coverage_costs_two_queries_whatever_the_coverage(django_assert_num_queries, count):
    person = make.person()
    for _ in range(count):
        make.article(persons=[person], authors=[person])
    # 1 latest articles linking the person (section), 2 latest signed (section).
    with django_assert_num_queries(2):
        html = render(person)
    assert html.count('class="card article-card"') == 2 * min(count, 5)
