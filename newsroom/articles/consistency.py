"""Contradictions between what articles say and the data they link, for `check_data`."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.articles import rules
from newsroom.articles.models import Article
from newsroom.people.consistency import Finding, admin_url
from newsroom.people.models import Membership, Person


def former_but_current(today: datetime.date | None = None) -> list[Finding]:
    """A published article calling a linked person "ancien sénateur" (or "ex-…", "former
    …") while the data shows that office as current: a simple text check, enough to send
    an editor to the person or the article."""
    today = today or timezone.localdate()
    current = Membership.objects.current(today)
    persons = Person.objects.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_offices")
    )
    articles = Article.objects.published().prefetch_related(Prefetch("persons", queryset=persons))
    findings = []
    for article in articles.order_by("pk"):
        text = " ".join([article.title, article.standfirst, rules.plain_text(article.body)])
        for person in article.persons.all():
            for title in dict.fromkeys(rules.former_titles(text, person.name)):
                offices = [
                    m for m in person.current_offices if rules.same_office_word(title, m.role)
                ]
                findings += [
                    Finding(
                        "former_but_current",
                        person.name,
                        _(
                            "l'article « %(article)s » dit « %(title)s » au passé, mais la "
                            "fonction « %(role)s » est en cours dans les données."
                        )
                        % {"article": article.title, "title": title, "role": office.role},
                        admin_url(person),
                    )
                    for office in offices
                ]
    return findings


def findings(today: datetime.date | None = None) -> list[Finding]:
    return former_but_current(today)
