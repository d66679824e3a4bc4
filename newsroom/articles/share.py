"""What an article's share image says (`newsroom.share_card`): its title over its share
image (the editor's social image, else the lead image), darkened so that the title reads,
or over its dossier's colour; its section and dossier; the site's name."""

import logging

from django.urls import reverse
from django.utils.translation import override

from newsroom.articles.models import Article, Topic
from newsroom.renditions import rendition_file
from newsroom.share_card import draw
from newsroom.share_card.layout import BRAND, HeadlineCard, fingerprint

logger = logging.getLogger(__name__)


def dossier(article: Article) -> Topic | None:
    """The dossier the page names first (its breadcrumb): topics read with the article."""
    topics = list(article.topics.all())
    return topics[0] if topics else None


def headline_card(article: Article, *, site: str) -> HeadlineCard:
    topic = dossier(article)
    labels = [article.section.label, *([topic.label] if topic else [])]
    return HeadlineCard(title=article.share_title, label=" · ".join(labels), site=site)


def background_colour(article: Article) -> str:
    topic = dossier(article)
    return (topic.colour if topic else "") or BRAND


def image_path(article: Article, *, site: str) -> str:
    """The card's address as pages give it, versioned by what it shows (`fingerprint`):
    its texts, its colour and the image behind it."""
    with override(article.language):  # the article's own, as its page
        path = reverse("articles:image", args=[article.slug])
    shown = (
        headline_card(article, site=site),
        background_colour(article),
        article.share_image.name,
    )
    return f"{path}?v={fingerprint(*shown)}"


def article_png(article: Article, *, site: str) -> bytes:
    card = headline_card(article, site=site)
    colour = background_colour(article)
    # The image cut to the card's size (made once, kept with the renditions), read through
    # the storage (object storage in production), not a local path.
    photo = rendition_file(article.share_image, "share")
    if photo is not None:
        try:
            with photo.storage.open(photo.name, "rb") as opened:
                return draw.headline_png(card, colour=colour, photo=opened)
        except OSError:  # gone from the storage: the colour, as without an image
            logger.exception("share card: no file for %s", photo.name)
    return draw.headline_png(card, colour=colour)


def article_alt(article: Article) -> str:
    """The title the image shows, and what the photo behind it shows when the editor said."""
    described = article.share_image_alt if article.share_image else ""
    if described and described != article.share_title:
        return f"{article.share_title} — {described}"
    return article.share_title
