"""This app's sitemaps, merged into /sitemap.xml by newsroom/sitemaps.py,
plus the Google News sitemap served at /sitemap-news.xml."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article, Section, Topic
from newsroom.people.models import Person

NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap.


def latest_published(**link) -> Subquery:
    """Publication time of the newest public article linked to the outer row."""
    articles = Article.objects.published().filter(**link).order_by("-published_at")
    return Subquery(articles.values("published_at")[:1])


class BilingualSitemap(Sitemap):
    """Each page in French (at the root) and English (under /en/), with hreflang links."""

    i18n = True
    alternates = True
    x_default = True


class ArticleSitemap(Sitemap):
    """Each article once, at its page in its own language."""

    changefreq = "weekly"
    priority = 0.8

    def items(self) -> QuerySet:
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at or item.published_at


class LatestArticleSitemap(BilingualSitemap):
    """Listing pages that exist while they hold public articles; lastmod = the newest."""

    changefreq = "daily"
    priority = 0.5

    def lastmod(self, item) -> datetime.datetime:
        return item.last_published


class SectionSitemap(LatestArticleSitemap):
    def items(self) -> QuerySet:
        return Section.objects.annotate(last_published=latest_published(section=OuterRef("pk")))


class TopicSitemap(LatestArticleSitemap):
    def items(self) -> QuerySet:
        return Topic.objects.annotate(
            last_published=latest_published(topics=OuterRef("pk"))
        ).filter(last_published__isnull=False)


class AuthorSitemap(LatestArticleSitemap):
    priority = 0.3

    def items(self) -> QuerySet:
        return (
            Person.objects.annotate(last_published=latest_published(authors=OuterRef("pk")))
            .filter(last_published__isnull=False)
            .order_by("sort_name", "pk")
        )

    def location(self, item: Person) -> str:
        return reverse("articles:author", kwargs={"slug": item.slug})


class NewsSitemap(Sitemap):
    """Articles published in the last 48 hours (Google News sitemap)."""

    limit = NEWS_LIMIT

    def items(self) -> QuerySet:
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .order_by("-published_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, item: Article) -> datetime.datetime:
        return item.updated_at or item.published_at


SITEMAPS: dict[str, Sitemap] = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "topics": TopicSitemap,
    "authors": AuthorSitemap,
}
