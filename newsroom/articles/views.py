from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from newsroom.articles import page
from newsroom.articles.models import Article
from newsroom.articles.related import related_articles, story_chain
from newsroom.caching import cache_public_page


@cache_public_page
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may preview an unpublished article; readers only ever see published ones.
    articles = Article.objects.all() if request.user.is_staff else Article.objects.published()
    article = get_object_or_404(articles.for_page(), slug=slug)
    url = request.build_absolute_uri(article.get_absolute_url())
    earlier, later = story_chain(article)
    context = {
        "article": article,
        "labels_language": page.labels_language(article.language, get_language()),
        "share_links": page.share_links(url, article.title),
        "article_url": url,
        "story_chain": [
            (heading, items)
            for heading, items in [
                (_("Ce que nous avons déjà publié"), earlier),
                (_("La suite"), later),
            ]
            if items
        ],
        "related": related_articles(article),
        "json_ld": page.news_article(
            article,
            absolute=request.build_absolute_uri,
            site_name=get_current_site(request).name,
        ),
    }
    response = render(request, "articles/detail.html", context)
    if not article.is_public:
        add_never_cache_headers(response)
    return response
