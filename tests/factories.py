"""Test builders, chained like the domain: person → organisation → membership; election →
contest (with its constituency, winners and a counted round); section, topic → article; and
the staff who edit them.

Each takes keyword overrides and makes what it needs when not given: a membership without
an organisation gets a new party, a contest without an election joins the 2023 senate
election, an article without a section goes in « Politique » (both found again if they
exist). Names are numbered, so every call makes a new row; the slug follows the name."""

import datetime
import itertools

from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from elections.models import (
    Candidacy,
    Constituency,
    Contest,
    ContestStatus,
    Election,
    OfficialWinner,
    Round,
    RoundResult,
    VotingSystem,
)
from newsroom.articles.models import Article, Section, Status, Topic
from newsroom.articles.roles import apply_roles
from newsroom.people.models import Membership, Organisation, OrganisationKind, Person

_numbers = itertools.count(1)

# Many-to-many links an article gets once its row exists.
ARTICLE_LINKS = ("topics", "persons", "authors", "contests", "further_reading")


def _named(prefix: str, overrides: dict, **defaults) -> dict:
    fields = {"name": f"{prefix} {next(_numbers)}", **defaults, **overrides}
    fields.setdefault("slug", slugify(fields["name"]))
    return fields


def person(**overrides) -> Person:
    return Person.objects.create(**_named("Personne", overrides))


def organisation(**overrides) -> Organisation:
    """A party unless `kind` says otherwise."""
    return Organisation.objects.create(**_named("Parti", overrides, kind=OrganisationKind.PARTY))


def membership(person: Person, org: Organisation | None = None, **overrides) -> Membership:
    """An office of `person` in `org` (a new party when not given)."""
    fields = {"role": "Membre"} | overrides
    return Membership.objects.create(person=person, organisation=org or organisation(), **fields)


def election(**overrides) -> Election:
    return Election.objects.create(**_named("Élection", overrides))


def contest(
    *,
    election: Election | None = None,
    code: str = "988",
    name: str = "Nouvelle-Calédonie",
    winners=(),
    candidates=(),
    **overrides,
) -> Contest:
    """A final two-seat majoritarian contest in constituency `code` (found again if it exists).

    `winners` are (person, round, party) triples, proclaimed in that order; `candidates` are
    (name, votes, birth date) triples counted in a final first round of 80 votes cast."""
    if election is None:
        election, _ = Election.objects.get_or_create(
            slug="senatoriales-2023", defaults={"name": "Élections sénatoriales 2023"}
        )
    constituency, _ = Constituency.objects.get_or_create(code=code, defaults={"name": name})
    fields = {"seats": 2, "system": VotingSystem.MAJORITARIAN, "status": ContestStatus.FINAL}
    contest = Contest.objects.create(
        election=election, constituency=constituency, **fields | overrides
    )
    for position, (winner, round_number, party) in enumerate(winners):
        OfficialWinner.objects.create(
            contest=contest, person=winner, round=round_number, party=party, position=position
        )
    if candidates:
        counted = Round.objects.create(
            contest=contest,
            number=1,
            date=datetime.date(2023, 9, 24),
            registered=100,
            voters=90,
            expressed=80,
            is_final=True,
        )
        for position, (full_name, votes, birth_date) in enumerate(candidates, start=1):
            candidate = person(name=full_name, slug=f"{code}-{position}", birth_date=birth_date)
            candidacy = Candidacy.objects.create(
                contest=contest, person=candidate, position=position
            )
            RoundResult.objects.create(round=counted, candidacy=candidacy, votes=votes)
    return contest


def section(**overrides) -> Section:
    return Section.objects.create(**_named("Rubrique", overrides))


def topic(**overrides) -> Topic:
    return Topic.objects.create(**_named("Dossier", overrides))


def article(section: Section | None = None, **overrides) -> Article:
    """Published an hour ago unless told otherwise; the links (`ARTICLE_LINKS`) are lists."""
    n = next(_numbers)
    links = {name: overrides.pop(name) for name in ARTICLE_LINKS if name in overrides}
    if section is None:
        section, _ = Section.objects.get_or_create(slug="politique", defaults={"name": "Politique"})
    fields = {
        "title": f"Article {n}",
        "slug": f"article-{n}",
        "standfirst": "Le chapô de l'article.",
        "body": "<p>Le corps de l'article.</p>",
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
    }
    made = Article.objects.create(section=section, **fields | overrides)
    for name, values in links.items():
        getattr(made, name).set(values)
    return made


def articles(count: int, section: Section | None = None, **overrides) -> list[Article]:
    """`count` published articles, one hour apart, the first the newest."""
    now = timezone.now()
    return [
        article(section, published_at=now - datetime.timedelta(hours=1 + i), **overrides)
        for i in range(count)
    ]


def user(username: str, group: str | None = None, *, permissions=(), **overrides) -> User:
    """A staff member in `group` (a newsroom role), holding `permissions` besides: a list of
    (app label, codename) pairs."""
    fields = {"is_staff": True, "first_name": username.capitalize()} | overrides
    staff = User.objects.create_user(username, f"{username}@example.org", **fields)
    if group:
        apply_roles()  # a transactional test's flush removes the groups the migration made
        staff.groups.add(Group.objects.get(name=group))
    if permissions:
        query = Q(pk__in=[])
        for app_label, codename in permissions:
            query |= Q(content_type__app_label=app_label, codename=codename)
        staff.user_permissions.set(Permission.objects.filter(query))
    return User.objects.get(pk=staff.pk)  # a fresh permission cache
