"""This app's sitemaps, merged into /sitemap.xml by newsroom/sitemaps.py."""

from django.contrib.sitemaps import Sitemap

SITEMAPS: dict[str, Sitemap] = {}
