"""Listing pages: section, topic, author, search."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsroom.articles.models import Section, Topic
from newsroom.people.models import Person


@require_GET
def section(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section.objects.all(), slug=slug)
    return render(request, "articles/section.html", {"section": section})


@require_GET
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic.objects.all(), slug=slug)
    return render(request, "articles/topic.html", {"topic": topic})


@require_GET
def author(request: HttpRequest, slug: str) -> HttpResponse:
    get_object_or_404(Person.objects.all(), slug=slug)
    raise Http404  # Built with the listings.


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    raise Http404  # Built with the listings.
