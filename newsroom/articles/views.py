from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsroom.articles.models import Section


@require_GET
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section.objects.all(), slug=slug)
    return render(request, "articles/section.html", {"section": section})
