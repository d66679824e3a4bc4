"""Listing pages: section, topic, author, search.

Each page and its "Voir plus" fragment come from the same view: an htmx request (boosted
excepted) gets only the next items (`articles/partials/list_page.html`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from newsroom.articles import search as article_search
from newsroom.articles.models import Article, Section, Topic
from newsroom.articles.pagination import CURSOR_PARAM, paginate
from newsroom.caching.dependencies import listing, record
from newsroom.caching.page_cache import cache_public_page
from newsroom.htmx import wants_fragment
from newsroom.people.models import Person

LIST_PAGE = "articles/partials/list_page.html"
# What a listing reads: the page number, or the cursor "Voir plus" hands on.
LISTING_QUERY = ("page", CURSOR_PARAM)


def render_listing(
    request: HttpRequest, template: str, context: dict, articles, *, allow_empty: bool = True
) -> HttpResponse:
    page = paginate(request, articles, allow_empty=allow_empty, newest_first=True)
    template = LIST_PAGE if wants_fragment(request) else template
    return render(request, template, {**context, "page": page})


@cache_public_page(query=LISTING_QUERY)
@vary_on_headers("HX-Request")
@require_GET
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section.objects.all(), slug=slug)
    record(listing(section, section.pk))
    articles = Article.objects.published().for_listing().filter(section=section)
    return render_listing(request, "articles/section.html", {"section": section}, articles)


@cache_public_page(query=LISTING_QUERY)
@vary_on_headers("HX-Request")
@require_GET
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.all(), slug=slug)
    record(listing(topic, topic.pk))
    articles = Article.objects.published().for_listing().filter(topics=topic)
    return render_listing(request, "articles/topic.html", {"topic": topic}, articles)


@cache_public_page(query=LISTING_QUERY)
@vary_on_headers("HX-Request")
@require_GET
def author(request: HttpRequest, slug: str) -> HttpResponse:
    """The articles a person signed; a person who signed nothing public has no author page."""
    person = get_object_or_404(Person.objects.all(), slug=slug)
    record(listing(person, person.pk))
    articles = Article.objects.published().for_listing().filter(authors=person)
    context = {"person": person}
    return render_listing(request, "articles/author.html", context, articles, allow_empty=False)


@cache_public_page(query=("q", "page", "tri"), free_text=True, shows=("listing:search",))
@vary_on_headers("HX-Request")
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Cached like the other reader pages: on a results night most readers type the same
    few names, and each query is a URL of its own. The first page also lists the persons
    and contests the query names, and how many articles match."""
    # Normalised and bounded by `cache_public_page` (caching.query) before the view runs:
    # control characters, which PostgreSQL may refuse, and runs of whitespace are gone.
    query = request.GET.get("q", "")
    by_date = request.GET.get("tri") == article_search.BY_DATE
    page = None
    context = {"query": query, "by_date": by_date}
    if query:
        found = article_search.search(query, by_date=by_date)
        page = paginate(request, found)
        article_search.add_excerpts(page.items, query)
        if page.number == 1:
            context.update(article_search.counted(found))
            context.update(article_search.persons_and_contests(query))
    context["page"] = page
    if not wants_fragment(request):
        template = "articles/search.html"
    elif page is not None and page.number > 1:
        template = "articles/partials/search_page.html"  # "Voir plus": the next items only
    else:
        template = "articles/partials/search_results.html"  # typed query: the whole block
    return render(request, template, context)
