"""This app's sitemaps, merged into /sitemap.xml by newsroom/sitemaps.py."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Model

from newsroom.people.models import Organisation, Person


class PageSitemap(Sitemap):
    """Every page of a model, in French and English: all person and organisation pages
    are public."""

    model: type[Model]
    i18n = True
    alternates = True
    changefreq = "monthly"

    def __init__(self, model: type[Model]):
        self.model = model

    def items(self):
        return self.model.objects.only("slug").order_by("pk")


SITEMAPS: dict[str, Sitemap] = {
    "persons": PageSitemap(Person),
    "organisations": PageSitemap(Organisation),
}
