"""RSS feeds: site-wide, per section, per topic."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from newsroom.articles.models import Article, Section, Topic


class LatestArticlesFeed(Feed):
    title = "Newsroom"
    link = "/"
    description = "Derniers articles"

    def items(self):
        return Article.objects.published().for_listing()[:30]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.standfirst


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(Section, slug=slug)

    def items(self, obj: Section):
        return Article.objects.published().for_listing().filter(section=obj)[:30]


class TopicFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def items(self, obj: Topic):
        return Article.objects.published().for_listing().filter(topics=obj)[:30]
