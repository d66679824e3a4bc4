"""A contest's share image (og:image of its page): a PNG drawn on the server, cached as a
reader page and drawn again only when what it shows changes."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from elections import display, share
from elections.views import get_contest
from newsroom.caching.page_cache import cache_public_page
from newsroom.site import read_site_name


# `v`: the version pages put in its address (`share.image_path`); any value gets the card as
# it is now, and the renderings stored per value are capped.
@cache_public_page(query=("v",), free_text=True)
@require_GET
def contest_image(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    contest = get_contest(slug, code, with_articles=False)  # the image lists no article
    png = share.contest_png(display.contest_view(contest), site=read_site_name())
    return HttpResponse(png, content_type="image/png")
