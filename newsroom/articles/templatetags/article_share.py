"""The share image of an article page: its address and its description (og:image:alt)."""

from django import template

from newsroom.articles import share
from newsroom.articles.models import Article

register = template.Library()


@register.filter
def share_alt(article: Article) -> str:
    """The title the image shows, and what its photo shows when the editor said."""
    return share.article_alt(article)


@register.simple_tag(takes_context=True)
def article_image_path(context: template.Context, article: Article) -> str:
    """The card's address, versioned by what it shows."""
    return share.image_path(article, site=str(context.get("site_name") or ""))
