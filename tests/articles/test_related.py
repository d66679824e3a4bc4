import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom.articles.models import Article, Section, Status
from newsroom.articles.related import neighbours, related_articles

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(hours: int) -> datetime.datetime:
    return NOW - datetime.timedelta(hours=hours)


@pytest.fixture
def other_section(db) -> Section:
    return Section.objects.create(name="Société", slug="societe")


def story_chain(article: Article) -> tuple[list[Article], list[Article]]:
    """The story as the article page reads it, with its further reading."""
    earlier, later, _further = neighbours(article)
    return earlier, later


def titles(articles) -> list[str]:
    return [a.title for a in articles]


def test_related_are_ordered_by_score_then_newest(
    make_article, make_topic, make_person, make_contest, other_section
):
    topic, person, contest = make_topic(), make_person(), make_contest()
    article = make_article(topics=[topic], persons=[person], contests=[contest])
    make_article(title="topic+contest", section=other_section, topics=[topic], contests=[contest])
    make_article(title="topic old", section=other_section, topics=[topic], published_at=ago(5))
    make_article(title="topic new", section=other_section, topics=[topic], published_at=ago(2))
    make_article(title="person", section=other_section, persons=[person])
    make_article(title="section only")
    make_article(title="unrelated", section=other_section)

    related = related_articles(article, limit=10)

    # 6, then 3 (newest first on the tie), then 2, then 1; the unrelated one scores 0.
    assert titles(related) == ["topic+contest", "topic new", "topic old", "person", "section only"]
    assert [a.score for a in related] == [6, 3, 3, 2, 1]


def test_related_never_include_the_article_itself_nor_its_further_reading(make_article, make_topic):
    topic = make_topic()
    picked = make_article(title="picked", topics=[topic])
    article = make_article(topics=[topic], further_reading=[picked])
    other = make_article(title="other", topics=[topic])

    assert list(related_articles(article)) == [other]


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Status.DRAFT},
        {"status": Status.REVIEW},
        {"published_at": NOW + datetime.timedelta(days=365)},
        {"published_at": None},
    ],
    ids=["draft", "in-review", "scheduled", "undated"],
)
def test_unpublished_articles_are_never_related(make_article, make_topic, hidden):
    topic = make_topic()
    article = make_article(topics=[topic])
    make_article(title="hidden", topics=[topic], **hidden)

    assert list(related_articles(article)) == []


def test_related_fall_back_to_the_latest_of_the_section(make_article, make_topic, other_section):
    topic = make_topic()
    article = make_article(topics=[topic])
    make_article(title="shares topic", section=other_section, topics=[topic])
    for hours in range(1, 6):
        make_article(title=f"section {hours}h", published_at=ago(hours))
    make_article(title="elsewhere", section=other_section)

    assert titles(related_articles(article)) == [
        "shares topic",
        "section 1h",
        "section 2h",
        "section 3h",
    ]


@pytest.mark.parametrize("corpus", [5, 60])
def test_related_cost_one_query_whatever_the_corpus(
    make_article, make_topic, make_person, make_contest, django_assert_max_num_queries, corpus
):
    topics = [make_topic() for _ in range(3)]
    persons = [make_person() for _ in range(3)]
    contest = make_contest()
    article = make_article(topics=topics, persons=persons, contests=[contest])
    for n in range(corpus):
        make_article(topics=topics[: n % 3], persons=persons[n % 2 :], published_at=ago(n + 1))

    # The sharing articles scored and the best ones fetched, with their sections.
    with django_assert_max_num_queries(1):
        related = related_articles(article)
        # Cards read the section: selected, no query per card.
        [a.section.name for a in related]
    assert len(related) == 4


@pytest.mark.parametrize("corpus", [5, 60])
def test_related_fallback_costs_one_more_query_whatever_the_corpus(
    make_article, make_topic, django_assert_max_num_queries, corpus
):
    topic = make_topic()
    article = make_article(topics=[topic])
    make_article(topics=[topic])
    for n in range(corpus):
        make_article(published_at=ago(n + 1))

    # 1 the scored articles sharing a link, 2 the latest of the section to fill the block.
    with django_assert_max_num_queries(2):
        related = related_articles(article)
        [a.section.name for a in related]
    assert [a.score for a in related] == [4, 1, 1, 1]


def test_story_chain_reads_both_directions_published_only(make_article):
    first = make_article(title="first", published_at=ago(30))
    draft = make_article(title="draft", previous=first, status=Status.DRAFT)
    second = make_article(title="second", previous=draft, published_at=ago(20))
    third = make_article(title="third", previous=second, published_at=ago(10))
    make_article(title="scheduled", previous=third, published_at=NOW + datetime.timedelta(days=1))
    fourth = make_article(title="fourth", previous=third, published_at=ago(5))
    make_article(title="unrelated")

    before, after = story_chain(third)

    assert titles(before) == ["first", "second"]
    assert titles(after) == ["fourth"]
    assert story_chain(first) == ([], [second, third, fourth])


def test_story_chain_costs_one_query(make_article, django_assert_num_queries):
    article = make_article(previous=make_article(previous=make_article()))
    make_article(previous=article)
    with django_assert_num_queries(1):
        before, after = story_chain(article)
    assert (len(before), len(after)) == (2, 1)


def test_story_chain_ends_on_a_loop_saved_without_validation(make_article):
    first = make_article(title="first", published_at=ago(3))
    second = make_article(title="second", previous=first, published_at=ago(2))
    Article.objects.filter(pk=first.pk).update(previous=second)
    first.refresh_from_db()

    before, after = story_chain(first)

    assert titles(before + after) == ["second"]


def test_an_editor_cannot_make_a_story_go_round_in_circles(make_article):
    first = make_article(title="first")
    second = make_article(title="second", previous=first)
    third = make_article(title="third", previous=second)

    first.previous = third
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "« third »" in error.value.message_dict["previous"][0]

    first.previous = first
    with pytest.raises(ValidationError) as error:
        first.full_clean()
    assert "son propre article précédent" in error.value.message_dict["previous"][0]

    third.previous = first  # skipping a step is not a loop
    third.full_clean()
