from django.db import DatabaseError, connection
from django.db.models import Case, Value, When
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from elections.models import Contest, ContestStatus
from elections.status import LIVE
from newsroom.articles.models import Article, Topic
from newsroom.caching.page_cache import cache_public_page

HOME_LATEST = 9
HOME_TOPICS = 6
HOME_CONTESTS = 6


def results_teaser() -> list[tuple[Contest, str]]:
    """Contests being counted or with provisional results; otherwise the contests of the
    latest election already held. One query."""
    contests = list(
        Contest.objects.select_related("election", "constituency")
        .exclude(status=ContestStatus.UPCOMING)
        .filter(election__date__lte=timezone.localdate())
        .annotate(live=Case(When(status__in=LIVE, then=Value(1)), default=Value(0)))
        .order_by("-live", "-election__date", "election__pk", "constituency__code")[:50]
    )
    if not contests:
        return []
    first = contests[0]
    shown = [c for c in contests if (c.live if first.live else c.election_id == first.election_id)]
    return [(contest, contest.get_absolute_url()) for contest in shown[:HOME_CONTESTS]]


@cache_public_page(shows=("listing:home", "listing:results"))
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    articles = list(Article.objects.published().for_listing()[: HOME_LATEST + 1])
    context = {
        "lead": articles[0] if articles else None,
        "latest": articles[1:],
        "topics": Topic.objects.filter(in_focus=True)[:HOME_TOPICS],
        "contests": results_teaser(),
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
