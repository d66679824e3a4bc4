"""/sitemap.xml: every app contributes its own sitemaps."""

from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.contrib.sitemaps import Sitemap

from elections.sitemaps import SITEMAPS as ELECTIONS
from newsroom.articles.sitemaps import SITEMAPS as ARTICLES
from newsroom.people.sitemaps import SITEMAPS as PEOPLE

SITEMAPS: dict[str, Sitemap] = {**PEOPLE, **ELECTIONS, **ARTICLES, "pages": FlatPageSitemap}
