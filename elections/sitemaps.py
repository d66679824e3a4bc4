"""This app's sitemaps, merged into /sitemap.xml by newsroom/sitemaps.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from elections.models import Contest, Election


class ElectionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Election.objects.for_sitemap()


class MapSitemap(Sitemap):
    """Each election's map page (the seats of every constituency)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Election.objects.for_sitemap()

    def location(self, election: Election) -> str:
        return reverse("elections:map", kwargs={"slug": election.slug})


class ContestSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self) -> list[Contest]:
        # A contest whose code no URL can hold (an unchecked legacy row) is left out
        # rather than failing the whole sitemap.
        return [contest for contest in Contest.objects.for_sitemap() if contest.get_absolute_url()]


SITEMAPS: dict[str, Sitemap] = {
    "elections": ElectionSitemap,
    "maps": MapSitemap,
    "contests": ContestSitemap,
}
