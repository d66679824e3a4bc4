"""Atom feeds to follow a person, an organisation, a contest or an author: the published
articles about them and the dated changes of their data (offices, race calls, results
updates), each change with its source, newest first (`follow_rules` holds the rules).

Here because the articles app may read the two others (people ← elections ← articles). A
feed shows what its page shows, and records the same freshness keys: the rows it loads
record theirs, and `get_object` adds the listings (the articles about a person, a contest).
"""

import datetime
from collections.abc import Iterable

from django.contrib.sites.models import Site
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from elections.call_display import TimelineEntry
from elections.models import Contest, OfficeChange, OfficeChangeKind, RaceCall, ResultUpdate
from elections.views import get_contest
from newsroom.articles.feeds import FEED_LENGTH, AtomWithSources
from newsroom.articles.follow_rules import Entry, day_start, newest, office_events, tag
from newsroom.articles.models import Article
from newsroom.caching.dependencies import listing, record
from newsroom.context_processors import site_name
from newsroom.people.models import Membership, Organisation, Person
from newsroom.people.offices import end_reason

# The Sénat's open data, which the senators' offices are imported from (`people.senat`).
SENATE_DATA = "https://data.senat.fr/"


def site_domain() -> str:
    return Site.objects.get_current().domain  # cached by Django after the first read


def articles_shown(articles) -> list[Article]:
    """The newest of `articles` (a queryset of published articles): what a feed lists."""
    return list(articles.published().for_listing()[:FEED_LENGTH])


def article_entries(articles: Iterable[Article], domain: str) -> list[Entry]:
    return [
        Entry(
            id=tag(domain, "article", article.pk),
            title=article.title,
            link=article.get_absolute_url(),
            summary=escape(article.standfirst),
            published=article.published_at,
            # A substantive update the editors dated; never before the publication.
            updated=max(article.published_at, article.updated_at or article.published_at),
            authors=", ".join(author.name for author in article.authors.all()),
            categories=(article.section.label,),
        )
        for article in articles
    ]


# --- Offices -------------------------------------------------------------------------------


def office_sources(memberships: list[Membership]) -> dict[tuple[int, bool], Contest]:
    """The proclaimed results that started or ended these offices (`services.offices`),
    by (membership, started): one query."""
    changes = OfficeChange.objects.filter(
        membership__in=[m.pk for m in memberships],
        kind__in=[OfficeChangeKind.STARTED, OfficeChangeKind.ENDED],
    ).select_related("contest__election", "contest__constituency")
    return {(c.membership_id, c.kind == OfficeChangeKind.STARTED): c.contest for c in changes}


def office_source(membership: Membership, contest: Contest | None) -> tuple[str, str]:
    """(the source in words, its address): the result that made the change, the Sénat's
    open data for an imported mandate, else the newsroom's own record."""
    if contest is not None:
        return _("résultat proclamé, %(contest)s") % {"contest": contest}, ""
    if (membership.source_key or "").startswith("senat:"):
        return _("Sénat, data.senat.fr"), SENATE_DATA
    return _("la rédaction"), ""


def office_name(membership: Membership) -> str:
    """« Sénatrice, Nouvelle-Calédonie (Sénat) », as the person page's timeline says it."""
    name = membership.title or _("Membre")
    if membership.area and membership.area != membership.organisation.name:
        name = f"{name}, {membership.area}"
    return f"{name} ({membership.organisation.label})"


def office_entries(
    memberships: list[Membership], domain: str, today: datetime.date | None = None
) -> list[Entry]:
    """The starts and stops of these offices (their `person` loaded), with their sources."""
    today = today or timezone.localdate()
    sources = office_sources(memberships)
    entries = []
    for membership in memberships:
        person = membership.person
        events = office_events(
            membership.start_date,
            membership.end_date,
            today,
            term_end=membership.term_end,
            ended=membership.ended,
        )
        for event in events:
            source, source_url = office_source(
                membership, sources.get((membership.pk, event.started))
            )
            values = {
                "name": person.name,
                "office": office_name(membership),
                "date": date_format(event.day, "j F Y"),
                "reason": end_reason(membership) or _("motif non précisé"),
            }
            if event.started:
                title = _("%(name)s : début de fonction, %(office)s") % values
                text = _("%(name)s commence la fonction %(office)s le %(date)s.") % values
            else:
                title = _("%(name)s : fin de fonction, %(office)s") % values
                text = (
                    _("%(name)s quitte la fonction %(office)s le %(date)s (%(reason)s).") % values
                )
            when = day_start(event.day)
            entries.append(
                Entry(
                    id=tag(domain, "office", membership.pk, "start" if event.started else "end"),
                    title=title,
                    link=person.get_absolute_url(),
                    summary=format_html("{} {} {}.", text, _("Source :"), source),
                    published=when,
                    updated=when,
                    source_url=source_url,
                )
            )
    return entries


# --- Race calls and results updates --------------------------------------------------------


def call_entries(contest: Contest, calls: Iterable[RaceCall], domain: str) -> list[Entry]:
    """Each call as it was made, and each withdrawal, with what the contest page's timeline
    says of them (`call_display`)."""
    place = contest.constituency.label
    entries = []
    for call in calls:
        told = TimelineEntry(call)
        winners = ", ".join(person.name for person in told.winners)
        values = {"place": place, "state": told.label, "when": told.when}
        summary = format_html(
            "{} {}{}. {} {}.{}",
            told.label,
            told.when,
            format_html(" : {}", winners) if winners else "",
            _("Source :"),
            told.source,
            format_html(" {}", call.note) if call.note else "",
        )
        entries.append(
            Entry(
                id=tag(domain, "call", call.pk),
                title=_("%(place)s : %(state)s") % values + (f" ({winners})" if winners else ""),
                link=contest.get_absolute_url(),
                summary=summary,
                published=call.called_at,
                updated=call.called_at,
            )
        )
        if call.withdrawn:
            entries.append(
                Entry(
                    id=tag(domain, "call", call.pk, "withdrawal"),
                    title=_("%(place)s : annonce retirée (%(state)s)") % values,
                    link=contest.get_absolute_url(),
                    summary=format_html(
                        "{} {}",
                        _("Annonce « %(state)s » retirée %(when)s.")
                        % {**values, "when": told.withdrawn_when},
                        call.withdrawal_reason,
                    ),
                    published=call.withdrawn_at,
                    updated=call.withdrawn_at,
                )
            )
    return entries


def update_entries(contest: Contest, updates: Iterable[ResultUpdate], domain: str) -> list[Entry]:
    """Each results update, with its source (and its address, when known)."""
    place = contest.constituency.label
    return [
        Entry(
            id=tag(domain, "results-update", update.pk),
            title=_("%(place)s : mise à jour des résultats (%(kind)s)")
            % {"place": place, "kind": update.get_kind_display()},
            link=contest.get_absolute_url(),
            summary=format_html(
                "{} {}.{}",
                _("Source :"),
                update.source,
                format_html(" {}", update.note) if update.note else "",
            ),
            published=update.recorded_at,
            updated=update.recorded_at,
            source_url=update.source_url,
        )
        for update in updates
    ]


# --- The feeds -----------------------------------------------------------------------------


class FollowFeed(Feed):
    """An Atom feed of `Entry` values: subclasses find the object and say its entries."""

    feed_type = AtomWithSources

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Django dates the feed by its newest entry, but an entry may be dated in the past
        # (an office that began years ago, entered today): a reader asking "modified since?"
        # would miss it. The page cache dates the feed by its rendering instead.
        response.headers.pop("Last-Modified", None)
        return response

    def entries(self, obj) -> list[Entry]:
        raise NotImplementedError

    def items(self, obj) -> list[Entry]:
        return newest(self.entries(obj), FEED_LENGTH)

    def author_name(self) -> str:
        return site_name()

    def link(self, obj) -> str:
        return obj.get_absolute_url()

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_guid(self, item: Entry) -> str:
        return item.id

    def item_pubdate(self, item: Entry) -> datetime.datetime | None:
        return item.published

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.updated

    def item_author_name(self, item: Entry) -> str | None:
        return item.authors or None

    def item_categories(self, item: Entry) -> tuple[str, ...]:
        return item.categories

    def item_extra_kwargs(self, item: Entry) -> dict:
        return {"via": item.source_url}


class PersonFeed(FollowFeed):
    """The articles citing a person (their page's coverage) and the starts and stops of
    their offices (their page's timeline)."""

    def get_object(self, request: HttpRequest, slug: str) -> Person:
        person = get_object_or_404(Person.objects.for_page(), slug=slug)
        record(listing(person, person.pk))  # the articles about them
        return person

    def title(self, person: Person) -> str:
        return f"{site_name()} : {person.name}"

    def description(self, person: Person) -> str:
        return _("Les articles qui citent %(name)s et ses changements de fonction.") % {
            "name": person.name
        }

    def entries(self, person: Person) -> list[Entry]:
        domain = site_domain()
        memberships = list(person.memberships.all())
        for membership in memberships:
            membership.person = person  # the same row: no query per office
        return [
            *article_entries(articles_shown(person.articles), domain),
            *office_entries(memberships, domain),
        ]


class OrganisationFeed(FollowFeed):
    """The starts and stops of the offices in an organisation (or its components, as its
    page lists them), and the articles citing its current members."""

    def get_object(self, request: HttpRequest, slug: str) -> Organisation:
        organisation = get_object_or_404(Organisation.objects.for_page(), slug=slug)
        record(*(listing(o, o.pk) for o in organisation.with_children()))  # its offices
        return organisation

    def title(self, organisation: Organisation) -> str:
        return f"{site_name()} : {organisation.label}"

    def description(self, organisation: Organisation) -> str:
        return _(
            "Les changements de fonction à %(name)s et les articles qui citent ses membres."
        ) % {"name": organisation.label}

    def entries(self, organisation: Organisation) -> list[Entry]:
        domain = site_domain()
        memberships = list(
            Membership.objects.filter(organisation__in=organisation.with_children())
            .select_related("person", "organisation")
            .order_by("-start_date", "pk")
        )
        members = {m.person_id for m in memberships if m.is_current}
        record(*(listing(Person, pk) for pk in members))  # the articles about them
        articles = Article.objects.filter(persons__in=members).distinct()
        return [
            *article_entries(articles_shown(articles), domain),
            *office_entries(memberships, domain),
        ]


class ContestFeed(FollowFeed):
    """A contest's race calls and their withdrawals, its results updates with their
    sources, and the published articles about it."""

    def get_object(self, request: HttpRequest, slug: str, code: str) -> Contest:
        return get_contest(slug, code)  # the contest page's: its keys, its articles' key

    def title(self, contest: Contest) -> str:
        return f"{site_name()} : {contest.constituency.label} — {contest.election.label}"

    def description(self, contest: Contest) -> str:
        return _("Annonces, mises à jour des résultats et articles : %(place)s.") % {
            "place": contest.constituency.label
        }

    def entries(self, contest: Contest) -> list[Entry]:
        domain = site_domain()
        return [
            *article_entries(articles_shown(contest.articles), domain),
            *call_entries(contest, contest.calls.all(), domain),
            *update_entries(contest, contest.updates.all(), domain),
        ]


class AuthorFeed(FollowFeed):
    """The articles a person signed; like their author page, none for a person who
    signed nothing public."""

    def get_object(self, request: HttpRequest, slug: str) -> Person:
        person = get_object_or_404(Person.objects.all(), slug=slug)
        record(listing(person, person.pk))
        return person

    def title(self, person: Person) -> str:
        return _("%(site)s : articles de %(name)s") % {"site": site_name(), "name": person.name}

    def description(self, person: Person) -> str:
        return _("Les articles signés par %(name)s.") % {"name": person.name}

    def link(self, person: Person) -> str:
        return reverse("articles:author", kwargs={"slug": person.slug})

    def entries(self, person: Person) -> list[Entry]:
        articles = articles_shown(person.signed_articles)
        if not articles:
            raise Http404("No article signed.")
        return article_entries(articles, site_domain())
