"""Related candidates kept at each write give the block the live rule gives.

Lists are made tiny here (2 kept, trimmed past 3) so that floors, trims and the live
fallback all happen with a handful of articles."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles import related, related_lists
from newsroom.articles.models import (
    Article,
    RelatedCandidate,
    RelatedList,
    Status,
    Topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny_lists(monkeypatch):
    monkeypatch.setattr(related_lists, "KEEP", 2)
    monkeypatch.setattr(related_lists, "MAX_KEPT", 3)


def block(article: Article, limit: int = 2) -> list[tuple[int, int]]:
    return [(a.pk, a.score) for a in related.related_articles(article, limit)]


def live(article: Article, limit: int = 2) -> list[tuple[int, int]]:
    return [(a.pk, a.score) for a in related._best(article, limit)]


def assert_every_block_is_the_live_one(limit: int = 2) -> int:
    """Each article's block read from its list equals the live rule's; returns how many
    lists could answer alone (the others fell back to live scoring)."""
    answered = 0
    for article in Article.objects.all():
        kept = related._kept(article, limit)
        if kept is not None:
            answered += 1
            expected = live(article, limit)
            # A complete list shorter than the limit is the whole live answer.
            assert [(a.pk, a.score) for a in kept] == expected, article.title
    return answered


def test_random_writes_keep_every_block_exact(
    tiny_lists, make_article, make_topic, make_person, make_contest, make_section
):
    rng = random.Random(2023)
    now = timezone.now()
    sections = [make_section(), make_section(name="Monde", slug="monde")]
    topics = [make_topic() for _ in range(3)]
    persons = [make_person() for _ in range(3)]
    contests = [make_contest(code=str(n), name=f"Circonscription {n}") for n in range(2)]
    articles = [
        make_article(
            section=rng.choice(sections),
            topics=rng.sample(topics, rng.randint(0, 2)),
            persons=rng.sample(persons, rng.randint(0, 2)),
            contests=rng.sample(contests, rng.randint(0, 1)),
            published_at=now - datetime.timedelta(hours=rng.randint(1, 50)),
        )
        for _ in range(14)
    ]
    assert assert_every_block_is_the_live_one() > 0

    def write(step: int) -> None:
        article = rng.choice([a for a in articles if Article.objects.filter(pk=a.pk).exists()])
        kind = step % 9
        if kind == 0:
            article.topics.add(rng.choice(topics))
        elif kind == 1:
            article.persons.remove(*article.persons.all()[:1])
        elif kind == 2:
            article.status = rng.choice([Status.DRAFT, Status.PUBLISHED])
            article.save()
        elif kind == 3:
            article.published_at = now + datetime.timedelta(hours=rng.randint(-60, 2))
            article.save(update_fields=["published_at"])
        elif kind == 4:
            article.section = rng.choice(sections)
            article.save()
        elif kind == 5:
            rng.choice(contests).articles.add(article)  # from the other side
        elif kind == 6:
            article.contests.clear()
        elif kind == 7:
            rng.choice(contests).articles.remove(article)
        else:
            article.topics.set(rng.sample(topics, rng.randint(0, 3)))

    for step in range(60):
        write(step)
        assert_every_block_is_the_live_one()

    # A topic deleted takes its links with it: every pair of its articles is refreshed.
    topics[0].delete()
    assert_every_block_is_the_live_one()
    # An article deleted leaves every list it was in.
    articles[3].delete()
    assert not RelatedCandidate.objects.filter(candidate_id=articles[3].pk).exists()
    assert_every_block_is_the_live_one()
    # Reverse clear: a contest unlinked from all its articles at once.
    contests[1].articles.clear()
    assert_every_block_is_the_live_one()


def test_a_trimmed_list_keeps_a_floor_and_falls_back_when_too_few_are_visible(
    tiny_lists, make_article, make_topic
):
    topic = make_topic()
    article = make_article(topics=[topic])
    others = [
        make_article(
            title=f"other {n}",
            topics=[topic],
            published_at=timezone.now() - datetime.timedelta(hours=n + 1),
        )
        for n in range(5)
    ]

    state = RelatedList.objects.get(article=article)
    assert state.floor_score == 4  # topic 3 + same section 1
    assert RelatedCandidate.objects.filter(article=article).count() == 2
    assert block(article) == [(others[0].pk, 4), (others[1].pk, 4)]

    # The two kept go back to draft: the list cannot tell what comes next, the live rule
    # does.
    for other in others[:2]:
        other.status = Status.DRAFT
        other.save()
    assert related._kept(article, 2) == [] or related._kept(article, 2) is None
    assert block(article) == [(others[2].pk, 4), (others[3].pk, 4)]


def test_a_scheduled_candidate_appears_at_its_time_without_a_write(
    make_article, make_topic, monkeypatch
):
    topic = make_topic()
    article = make_article(topics=[topic])
    soon = timezone.now() + datetime.timedelta(minutes=10)
    scheduled = make_article(title="programmé", topics=[topic], published_at=soon)

    assert scheduled.pk not in [pk for pk, _score in block(article, 4)]
    monkeypatch.setattr(timezone, "now", lambda: soon + datetime.timedelta(seconds=1))
    assert block(article, 4)[0] == (scheduled.pk, 4)


def test_further_reading_and_the_article_itself_stay_out(make_article, make_topic):
    topic = make_topic()
    picked = make_article(title="choisi", topics=[topic])
    article = make_article(topics=[topic], further_reading=[picked])
    shown = make_article(title="montré", topics=[topic])

    assert [pk for pk, _score in block(article, 4)][:1] == [shown.pk]
    assert picked.pk not in [pk for pk, _score in block(article, 4)]


def test_a_version_only_save_does_not_rewrite_lists(make_article, make_topic):
    article = make_article(topics=[make_topic()])
    article.version += 1
    with CaptureQueriesContext(connection) as queries:
        article.save(update_fields=["version"])
    assert queries.captured_queries  # the save itself
    assert not [q for q in queries.captured_queries if "articles_related" in q["sql"]]
    article.section = article.section  # a field the order reads: lists rewritten
    with CaptureQueriesContext(connection) as queries:
        article.save(update_fields=["section"])
    assert [q for q in queries.captured_queries if "articles_related" in q["sql"]]


def test_rebuild_command_builds_a_list_for_every_article(make_article, make_topic):
    topic = make_topic()
    for _ in range(3):
        make_article(topics=[topic])
    RelatedList.objects.all().delete()
    RelatedCandidate.objects.all().delete()

    call_command("rebuild_related_lists", stdout=(out := __import__("io").StringIO()))

    assert "Related lists built for 3 articles" in out.getvalue()
    assert RelatedList.objects.count() == 3
    assert RelatedCandidate.objects.count() == 6  # each of the 3 keeps the 2 others
    assert Topic.objects.count() == 1
