"""The site's URLs plus two baselines the benchmark compares the article page with."""

import os

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

# The article whose page the template baseline reproduces (the defeat article by default).
ARTICLE_SLUG = os.environ.get(
    "BENCH_ARTICLE_SLUG",
    "senatoriales-2023-la-secretaire-detat-sonia-backes-battue-en-nouvelle-caledonie",
)
_held: dict = {}


def bare(request: HttpRequest) -> HttpResponse:
    """The ceiling of a Django page: the full middleware stack, no template, no database."""
    size = int(os.environ.get("BENCH_BARE_SIZE", "20000"))
    return HttpResponse(b"x" * size, content_type="text/html; charset=utf-8")


def refuse_queries(execute, sql, params, many, context):
    raise RuntimeError(f"the template baseline must not query the database: {sql[:200]}")


def article_template(request: HttpRequest) -> HttpResponse:
    """The article page without its database work: its reads (the article with its links,
    its story, its related articles, the menu) made once per process and held in memory;
    on each request, the rest of what the page does, the same way (its context built by
    the view's own `page_context`, its template rendered): the same bytes, and a query
    raises. What the article page costs beyond this is its database work."""
    if "reads" not in _held:
        from newsroom.articles import page_data
        from newsroom.articles.models import Section
        from newsroom.articles.related import related_articles

        article = page_data.read_links(page_data.article(ARTICLE_SLUG))
        _held["reads"] = (
            article,
            article.story,
            related_articles(article),
            Section.objects.navigation_list(),
        )
    from newsroom.articles.views import page_context

    article, story, related, sections = _held["reads"]
    with connection.execute_wrapper(refuse_queries):
        context = page_context(request, article, story=story, related=related)
        context["nav_sections"] = sections
        return render(request, "articles/detail.html", context)


urlpatterns = [
    path("__bench__/bare", bare),
    path("__bench__/article-template", article_template),
    *site_urlpatterns,
]
