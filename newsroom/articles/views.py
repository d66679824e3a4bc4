from contextlib import nullcontext
from functools import partial

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from elections.models import Contest
from elections.models.calls import calls_prefetch
from elections.models.contests import winners_prefetch
from newsroom.articles import page, preview
from newsroom.articles.live_views import live_context
from newsroom.articles.models import Article, ArticleRedirect
from newsroom.articles.related import neighbours, related_articles
from newsroom.caching import edge
from newsroom.caching.dependencies import shown_elsewhere
from newsroom.caching.page_cache import cache_public_page
from newsroom.context_processors import site_name
from newsroom.people.models import Person, current_memberships_prefetch


@cache_public_page(query=("page",))
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Staff may preview an unpublished article; readers only ever see published ones.
    articles = Article.objects.for_page()
    if not request.user.is_staff:
        articles = articles.published()
    boxes_at_edge = includes_boxes(request)
    with shown_elsewhere((Contest,)) if boxes_at_edge else nullcontext():
        article = articles.filter(slug=slug).first()
    if article is None:
        gone = Article.objects.withdrawn().filter(slug=slug).first()
        if gone is not None:
            return render(request, "articles/withdrawn.html", {"article": gone}, status=410)
        # A published article whose address changed: its old URL moves permanently.
        former = get_object_or_404(ArticleRedirect.objects.select_related("article"), old_slug=slug)
        return redirect(former.article.get_absolute_url(), permanent=True)
    if "page" in request.GET and not article.live_blog:
        return redirect(article.get_absolute_url(), permanent=True)  # one page, no stream
    if article.language != get_language():
        # One page per article, in its own language: the other interface links it there.
        return redirect(article.get_absolute_url(), permanent=True)
    return render_article(request, article, boxes_at_edge=boxes_at_edge)


def includes_boxes(request: HttpRequest) -> bool:
    """Whether the edge in front includes the results boxes (ESI, `caching.edge`): the
    page then shows its contests' links, not their status and winners, and is not
    rendered again when a contest is called, only the contest's box is."""
    return getattr(request, "public_page", False) and edge.includes(request)


@require_GET
def preview_link(request: HttpRequest, token: str) -> HttpResponse:
    """An unpublished article for whoever holds a valid signed link; the public page once
    the article is out."""
    try:
        pk, secret = preview.read_token(token)
    except preview.PreviewLinkInvalid:
        raise Http404 from None
    except preview.PreviewLinkExpired:
        response = render(request, "articles/preview_expired.html", status=410)
        add_never_cache_headers(response)
        return response
    article = get_object_or_404(Article.objects.for_page(), pk=pk, preview_secret=secret)
    if article.is_public:
        return redirect(article.get_absolute_url())
    return render_article(request, article, signed_preview=True)


def article_context(
    request: HttpRequest, article: Article, *, signed_preview: bool = False
) -> dict:
    """The page's context for `article` as read by `Article.objects.for_page()`."""
    url = request.build_absolute_uri(article.get_absolute_url())
    return {
        "article": article,
        "signed_preview": signed_preview,
        "labels_language": page.labels_language(article.language, get_language()),
        "share_links": page.share_links(url, article.title),
        "article_url": url,
        # Its only page is in its own language: no alternate to announce.
        "language_alternates": [
            (
                article.language,
                dict(settings.LANGUAGES)[article.language],
                article.get_absolute_url(),
            )
        ],
        # Read by the template only when its blocks are not already cached.
        "story": SimpleLazyObject(partial(story, article)),
        "linked_contests": SimpleLazyObject(partial(linked_contests, article)),
        "cited_persons": SimpleLazyObject(partial(cited_persons, article)),
        "related": partial(related_articles, article),
        "json_ld": page.news_article(
            article,
            absolute=request.build_absolute_uri,
            site_name=site_name(request),
        ),
    }


def live_json_ld(request: HttpRequest, context: dict) -> dict:
    """The live blog's schema.org LiveBlogPosting: the article's NewsArticle data with
    its coverage times and the entries of the page shown as `liveBlogUpdate`."""
    stream = context["live"]
    return page.live_blog_posting(
        context["json_ld"],
        stream.blog,
        [*stream.page.items],
        absolute=request.build_absolute_uri,
    )


def story(article: Article) -> dict:
    """The story chain, as (heading, articles) before then after, and the further reading:
    `neighbours`' one query."""
    earlier, later, further = neighbours(article)
    chain = [(_("Ce que nous avons déjà publié"), earlier), (_("La suite"), later)]
    return {"chain": [(heading, items) for heading, items in chain if items], "further": further}


def linked_contests(article: Article) -> list[Contest]:
    """The article's contests (read with it) with their official winners and race calls:
    three queries."""
    contests = list(article.contests.all())
    prefetch_related_objects(contests, winners_prefetch(), calls_prefetch())
    return contests


def cited_persons(article: Article) -> list[Person]:
    """The persons it cites (read with it) with their current offices: one query."""
    persons = list(article.persons.all())
    prefetch_related_objects(persons, current_memberships_prefetch())
    return persons


def render_article(
    request: HttpRequest,
    article: Article,
    *,
    signed_preview: bool = False,
    boxes_at_edge: bool = False,
) -> HttpResponse:
    context = article_context(request, article, signed_preview=signed_preview)
    context["boxes_at_edge"] = boxes_at_edge
    if article.live_blog:
        context |= live_context(request, article)
        context["json_ld"] = live_json_ld(request, context)
    response = render(request, "articles/detail.html", context)
    if boxes_at_edge and article.contests.all():
        edge.mark_includes(response)
    if article.is_live_open:
        # Revalidated at each visit (a 304 when nothing changed): no minute-old stream.
        response["Cache-Control"] = "no-cache"
    if not article.is_public:
        # A preview: never stored by a browser or a shared cache, never indexed.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
