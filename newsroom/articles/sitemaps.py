"""This app's sitemaps, merged into /sitemap.xml by newsroom/sitemaps.py,
plus the Google News sitemap served at /sitemap-news.xml."""

from django.contrib.sitemaps import Sitemap

from newsroom.articles.models import Article


class NewsSitemap(Sitemap):
    """Articles published in the last 48 hours (Google News sitemap)."""

    def items(self):
        return Article.objects.none()


SITEMAPS: dict[str, Sitemap] = {}
