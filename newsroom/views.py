from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from elections.models import Contest, ContestStatus
from elections.status import LIVE
from newsroom.articles.models import Article, Section, Topic
from newsroom.caching.page_cache import cache_public_page

HOME_LATEST = 9
HOME_TOP = 4  # the lead and three more stories "à la une"
HOME_TOPICS = 6
HOME_CONTESTS = 6


def front_page() -> tuple[list[Article], list[Article]]:
    """The stories editors put "à la une" (the lead first), then the latest of the others.
    With none chosen, the latest published article leads. Two queries."""
    top = list(Article.objects.published().for_listing().front_page()[:HOME_TOP])
    latest = list(
        Article.objects.published()
        .for_listing()
        .exclude(pk__in=[article.pk for article in top])[: HOME_LATEST + (0 if top else 1)]
    )
    return (top, latest) if top else (latest[:1], latest[1:])


def results_teaser(top: list[Article]) -> list[tuple[Contest, str]]:
    """Contests being counted or with provisional results, the latest results first;
    otherwise those the stories "à la une" link, in their order; otherwise the contests of
    the latest election already held, the most covered first. Never alphabetical. One
    query."""
    linked_by = Case(
        *(When(articles__pk=article.pk, then=Value(rank)) for rank, article in enumerate(top)),
        default=None,
    )
    contests = list(
        Contest.objects.select_related("election", "constituency")
        .exclude(status=ContestStatus.UPCOMING)
        .filter(election__date__lte=timezone.localdate())
        .annotate(
            live=Case(When(status__in=LIVE, then=Value(1)), default=Value(0)),
            updated=Max("updates__recorded_at"),
            front=Min(linked_by) if top else Value(None, output_field=IntegerField()),
            covered=Count(
                "articles", filter=Q(articles__in=Article.objects.published()), distinct=True
            ),
        )
        .order_by(
            "-live",
            # Live: the latest figures first; the others: linked à la une first.
            Case(When(live=1, then=F("updated")), default=None).desc(nulls_last=True),
            F("front").asc(nulls_last=True),
            "-election__date",
            "election__pk",
            "-covered",
            "constituency__code",
        )[:50]
    )
    if not contests:
        return []
    first = contests[0]
    if first.live:
        shown = [contest for contest in contests if contest.live]
    elif first.front is not None:
        shown = [contest for contest in contests if contest.front is not None]
    else:
        shown = [contest for contest in contests if contest.election_id == first.election_id]
    return [(contest, contest.get_absolute_url()) for contest in shown[:HOME_CONTESTS]]


@cache_public_page(shows=("listing:home", "listing:results"))
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    top, latest = front_page()
    context = {
        "lead": top[0] if top else None,
        "top": top[1:],
        "latest": latest,
        "topics": Topic.objects.filter(in_focus=True)[:HOME_TOPICS],
        "contests": results_teaser(top),
    }
    return render(request, "home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@cache_public_page
@require_GET
def site_page(request: HttpRequest) -> HttpResponse:
    """About, legal notice, contact: the flat page editors keep under this very path (one
    per language: /a-propos/, /en/about/), its HTML sanitised as an article's."""
    page = get_object_or_404(FlatPage, url=request.path, sites=settings.SITE_ID)
    return render(request, "flatpages/default.html", {"flatpage": page})


# Like the sitemap, it lists every section and dossier: a new one touches this listing.
@cache_public_page(shows=("listing:sitemap",))
@require_GET
def feeds_page(request: HttpRequest) -> HttpResponse:
    """Every feed a reader can follow: the latest articles, each section, each dossier."""
    return render(
        request,
        "feeds.html",
        {
            "sections": Section.objects.for_navigation(),
            "topics": Topic.objects.order_by("-in_focus", "name"),
        },
    )
