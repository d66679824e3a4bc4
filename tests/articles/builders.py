"""Builders for the listing, search, feed and sitemap tests: keyword overrides on sane
defaults, one published article unless told otherwise."""

import datetime
import itertools

from django.utils import timezone

from newsroom.articles.models import Article, Section, Status, Topic
from newsroom.people.models import Person

_numbers = itertools.count(1)


def make_article(section: Section, **overrides) -> Article:
    number = next(_numbers)
    topics = overrides.pop("topics", [])
    authors = overrides.pop("authors", [])
    fields = {
        "title": f"Article {number}",
        "slug": f"article-{number}",
        "standfirst": "Un chapô qui résume l'article.",
        "body": "<p>Le corps de l'article.</p>",
        "section": section,
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=number),
    }
    fields.update(overrides)
    article = Article.objects.create(**fields)
    article.topics.set(topics)
    article.authors.set(authors)
    return article


def make_articles(section: Section, count: int, **overrides) -> list[Article]:
    """`count` published articles, one hour apart, the first the newest."""
    now = timezone.now()
    return [
        make_article(section, published_at=now - datetime.timedelta(hours=1 + i), **overrides)
        for i in range(count)
    ]


def make_topic(**overrides) -> Topic:
    fields = {"name": "Sénatoriales 2023", "slug": "senatoriales-2023"}
    fields.update(overrides)
    return Topic.objects.create(**fields)


def make_person(**overrides) -> Person:
    fields = {"name": "Guillaume Jacquot", "slug": "guillaume-jacquot", "sort_name": "Jacquot"}
    fields.update(overrides)
    return Person.objects.create(**fields)
