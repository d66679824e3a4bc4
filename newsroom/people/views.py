import string

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from newsroom.caching.dependencies import listing, record
from newsroom.caching.page_cache import cache_public_page
from newsroom.htmx import wants_fragment
from newsroom.people import rules
from newsroom.people.models import Membership, Organisation, Person
from newsroom.people.offices import current, offices

PER_PAGE = 50
LETTERS = [*string.ascii_uppercase, "#"]


def person_json_ld(request: HttpRequest, person: Person, current: list[Membership]) -> dict:
    titles = [
        m.title for m in current if m.title and m.organisation.kind not in rules.AFFILIATION_KINDS
    ]
    affiliations = {m.organisation.pk: m.organisation for m in current}.values()
    return rules.person_json_ld(
        name=person.name,
        url=request.build_absolute_uri(person.get_absolute_url()),
        job_titles=list(dict.fromkeys(titles)),
        affiliations=[
            (o.label, request.build_absolute_uri(o.get_absolute_url())) for o in affiliations
        ],
        wikidata_id=person.wikidata_id,
        birth_date=person.birth_date,
        image=request.build_absolute_uri(person.photo.url) if person.photo else "",
        description=person.biography,
    )


def index_row(person: Person) -> dict:
    memberships = person.all_memberships
    kinds = rules.AFFILIATION_KINDS
    return {
        "person": person,
        "offices": offices([m for m in memberships if m.organisation.kind not in kinds]),
        "parties": [
            m.organisation
            for m in memberships
            if m.organisation.kind in rules.PARTY_KINDS and m.is_current
        ],
    }


@cache_public_page
@require_GET
def person(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_page(), slug=slug)
    record(listing(person, person.pk))  # the articles about them, their candidacies
    now = current(person)
    context = {
        "person": person,
        "life": rules.life_phrase(person.gender, person.birth_date, person.death_date),
        "parties": now.parties,
        "current": now.offices,
        "timeline": offices(rules.timeline(person.memberships.all())),
        "json_ld": person_json_ld(request, person, now.memberships),
    }
    return render(request, "people/person.html", context)


@cache_public_page
@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.for_page(), slug=slug)
    record(listing(organisation, organisation.pk), "listing:people")
    memberships = Membership.objects.for_organisation_page().filter(
        organisation__in=organisation.with_children()
    )
    members: dict[int, tuple[Person, list[Membership]]] = {}
    for membership in memberships:
        members.setdefault(membership.person_id, (membership.person, []))[1].append(membership)
    context = {"organisation": organisation, "members": list(members.values())}
    return render(request, "people/organisation.html", context)


@cache_public_page(query=("organisation", "lettre", "page"), shows=("listing:people",))
@vary_on_headers("HX-Request")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """All persons, A–Z, filtered by organisation; htmx gets only the list fragment."""
    organisations = list(Organisation.objects.for_filter())
    persons = Person.objects.all()
    selected = None
    if slug := request.GET.get("organisation"):
        if "\x00" in slug:  # PostgreSQL refuses NUL in a string; no slug has one
            raise Http404
        # An organisation without members is not offered in the filter, but its page
        # links here too: it gets an empty list, and an unknown slug a 404.
        selected = next((o for o in organisations if o.slug == slug), None)
        selected = selected or get_object_or_404(Organisation.objects.all(), slug=slug)
        persons = persons.members_of(selected.with_children())
    letter = request.GET.get("lettre", "").upper()
    if letter and letter not in LETTERS:
        raise Http404
    present = set(persons.order_by().values_list("initial", flat=True).distinct())
    if letter:
        persons = persons.filter(initial=letter)
    paginator = Paginator(persons.for_index().order_by("initial", "sort_key", "name"), PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404 from error
    context = {
        "page": page,
        "rows": [index_row(p) for p in page.object_list],
        "letters": [(each, each in present) for each in LETTERS],
        "letter": letter,
        "organisations": organisations,
        "selected": selected,
    }
    partial = wants_fragment(request)
    template = "people/partials/person_list.html" if partial else "people/index.html"
    return render(request, template, context)
