from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from newsroom.people.models import Organisation, Person


@require_GET
def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.all(), slug=slug)
    return render(request, "people/person.html", {"person": person})


@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.all(), slug=slug)
    return render(request, "people/organisation.html", {"organisation": organisation})
