from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsroom.articles.models import Article, Section, Topic


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), slug=slug)
    return render(request, "articles/detail.html", {"article": article})


@require_GET
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section.objects.all(), slug=slug)
    return render(request, "articles/section.html", {"section": section})


@require_GET
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.all(), slug=slug)
    return render(request, "articles/topic.html", {"topic": topic})
