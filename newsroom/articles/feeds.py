"""RSS 2.0 feeds: site-wide, per section, per topic. Published articles only. Also the
feed writers every feed of the site uses (the Atom feeds to follow a person, an
organisation, a contest or an author are in `follow.py`)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.articles.models import Article, Section, Topic
from newsroom.caching.dependencies import listing, record
from newsroom.context_processors import site_name
from newsroom.validation import strip_control_characters

FEED_LENGTH = 30


def xml_safe(value: object) -> object:
    """A feed value without control characters (texts, and lists of them: categories)."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return [xml_safe(item) for item in value]
    return value


class XmlSafe:
    """A feed generator whose every text goes in without control characters: Django's XML
    writer refuses them, and a row written before text fields refused them (or around the
    models) must not fail the feed."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.feed = {key: xml_safe(value) for key, value in self.feed.items()}

    def add_item(self, *args, **kwargs) -> None:
        super().add_item(*args, **kwargs)
        self.items[-1] = {key: xml_safe(value) for key, value in self.items[-1].items()}


class RssWithModified(XmlSafe, Rss201rev2Feed):
    """RSS 2.0 plus Dublin Core terms, to carry each entry's update time (RSS has none)."""

    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dcterms": "http://purl.org/dc/terms/"}

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("updateddate"):
            handler.addQuickElement("dcterms:modified", item["updateddate"].isoformat())


class AtomWithSources(XmlSafe, Atom1Feed):
    """Atom 1.0 (RFC 4287), each entry with the address of its source when it has one
    (`<link rel="via">`: where a result or an office was read)."""

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("via"):
            handler.addQuickElement("link", "", {"rel": "via", "href": item["via"]})


class LatestArticlesFeed(Feed):
    feed_type = RssWithModified

    def articles(self):
        # for_listing() brings section and authors; categories also need the topics.
        return Article.objects.published().for_listing().prefetch_related("topics")

    def items(self):
        return self.articles()[:FEED_LENGTH]

    def title(self) -> str:
        return _("%(site)s : derniers articles") % {"site": site_name()}

    def link(self) -> str:
        return reverse("home")

    def description(self) -> str:
        return _("Les derniers articles publiés.")

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.standfirst

    def item_author_name(self, item: Article) -> str:
        return ", ".join(author.name for author in item.authors.all())

    def item_pubdate(self, item: Article) -> datetime.datetime:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at or item.published_at

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.label, *(topic.label for topic in item.topics.all())]


class ListingFeed(LatestArticlesFeed):
    """The feed of one section or topic, found by its slug."""

    model: type[Section | Topic]
    link_field: str
    default_description: str

    def get_object(self, request: HttpRequest, slug: str) -> Section | Topic:
        obj = get_object_or_404(self.model.objects.all(), slug=slug)
        record(listing(obj, obj.pk))
        return obj

    def items(self, obj: Section | Topic):
        return self.articles().filter(**{self.link_field: obj})[:FEED_LENGTH]

    def title(self, obj: Section | Topic) -> str:
        return f"{site_name()} : {obj.name}"

    def link(self, obj: Section | Topic) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Section | Topic) -> str:
        return obj.description or self.default_description % {"name": obj.name}


class SectionFeed(ListingFeed):
    model = Section
    link_field = "section"
    default_description = gettext_lazy("Les derniers articles de la rubrique %(name)s.")


class TopicFeed(ListingFeed):
    model = Topic
    link_field = "topics"
    default_description = gettext_lazy("Les derniers articles du dossier %(name)s.")
