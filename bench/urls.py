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
    """The article page without its database work: its context built once per process by
    the view's own `article_context` (related block and menu read then), its template
    rendered on each request; a query raises. What the article page costs beyond this is
    its database work (and the context's few microseconds of JSON-LD and share links)."""
    if "context" not in _held:
        from newsroom.articles.models import Article, Section
        from newsroom.articles.views import article_context
        from newsroom.context_processors import site_name

        article = Article.objects.published().for_page().get(slug=ARTICLE_SLUG)
        context = article_context(request, article)
        context["related"] = context["related"]()
        context["story"] = dict(context["story"])
        context["linked_contests"] = list(context["linked_contests"])
        context["cited_persons"] = list(context["cited_persons"])
        context["nav_sections"] = Section.objects.navigation_list()
        _held["context"], _held["site_name"] = context, site_name(request)
    request.site_name = _held["site_name"]  # what the site context processor reads
    with connection.execute_wrapper(refuse_queries):
        return render(request, "articles/detail.html", _held["context"])


urlpatterns = [
    path("__bench__/bare", bare),
    path("__bench__/article-template", article_template),
    *site_urlpatterns,
]
