"""An article's share image (og:image of its page): a PNG drawn on the server, cached as a
reader page and drawn again only when the article, its section or dossier changes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.decorators.http import require_GET

from newsroom.articles import share
from newsroom.articles.models import Article
from newsroom.caching.page_cache import cache_public_page
from newsroom.site import read_site_name


# `v`: the version pages put in its address (`share.image_path`); any value gets the card as
# it is now, and the renderings stored per value are capped.
@cache_public_page(query=("v",), free_text=True)
@require_GET
def article_image(request: HttpRequest, slug: str) -> HttpResponse:
    # Published articles only, for staff too: an unpublished title never leaves as an image.
    article = Article.objects.published().for_share_image().filter(slug=slug).first()
    if article is None:
        raise Http404("No such article.")
    if article.language != get_language():
        # One image per article, in its own language, as its page.
        with override(article.language):
            return redirect(reverse("articles:image", args=[article.slug]), permanent=True)
    png = share.article_png(article, site=read_site_name())
    return HttpResponse(png, content_type="image/png")
