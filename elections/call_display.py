"""What readers are told about a contest's race calls: the state in one line ("projection",
"annoncé par la rédaction le … à …", "proclamé") and the dated timeline, the same in the
contest page, the results boxes, the map, the JSON and the live blog.

Plain functions over a contest whose calls were prefetched (`calls_prefetch`): no query.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import calls as rules
from elections.models import Contest, RaceCall, TimePrecision

STATE_TEXT = {
    "no_results": gettext_lazy("pas encore de résultats"),
    "counting": gettext_lazy("dépouillement en cours"),
    "final": gettext_lazy("résultats définitifs"),
    "projection": gettext_lazy("projection de la rédaction"),
    "called": gettext_lazy("annoncé par la rédaction"),
    "proclaimed": gettext_lazy("proclamé"),
    "contested": gettext_lazy("contesté"),
    "annulled": gettext_lazy("annulé"),
}


def when(at, precision: str) -> str:
    """« le 24 septembre 2023 à 21 h 12 », or the day alone when the hour is not known."""
    local = timezone.localtime(at)
    day = date_format(local, "j F Y")
    if precision == TimePrecision.DAY:
        return _("le %(date)s") % {"date": day}
    return _("le %(date)s à %(time)s") % {"date": day, "time": date_format(local, _("G \\h i"))}


def person_name(user) -> str:
    """The editor's name as readers see it; nothing for an account without one (a login
    name is never published)."""
    if user is None:
        return ""
    return user.get_full_name()


@dataclass(frozen=True)
class TimelineEntry:
    call: RaceCall

    @property
    def label(self) -> str:
        return str(STATE_TEXT[self.call.kind])

    @property
    def when(self) -> str:
        return when(self.call.called_at, self.call.time_precision)

    @property
    def moment(self) -> str:
        """ISO 8601, for `<time datetime>` and the JSON: the day alone when the minute is
        not known."""
        if self.call.time_precision == TimePrecision.DAY:
            return timezone.localtime(self.call.called_at).date().isoformat()
        return self.call.called_at.isoformat()

    @property
    def by(self) -> str:
        return person_name(self.call.called_by)

    @property
    def source(self) -> str:
        """« agence de presse (AFP) »: the kind of source, and in French the detail typed
        by the desk (HTML: the detail is marked as French on pages in other languages)."""
        detail = self.call.source_detail
        kind = self.call.get_source_display()
        if not detail:
            return kind
        return format_html('{} (<span lang="fr">{}</span>)', kind, detail)

    @property
    def winners(self) -> list:
        return list(self.call.winners.all())

    @property
    def withdrawn_when(self) -> str:
        if not self.call.withdrawn:
            return ""
        return when(self.call.withdrawn_at, TimePrecision.MINUTE)

    @property
    def withdrawn_by(self) -> str:
        return person_name(self.call.withdrawn_by)


@dataclass(frozen=True)
class CallStatus:
    state: str
    standing: RaceCall | None
    timeline: list[TimelineEntry]

    @property
    def label(self) -> str:
        """The state in words: « annoncé par la rédaction le 24 septembre 2023 à 21 h 12 »."""
        text = str(STATE_TEXT[self.state])
        entry = self.standing_entry
        return text if entry is None else f"{text} {entry.when}"

    @property
    def standing_entry(self) -> TimelineEntry | None:
        return TimelineEntry(self.standing) if self.standing is not None else None

    @property
    def names_winners(self) -> bool:
        return self.standing is not None and self.standing.kind in rules.NAMING

    @property
    def winners(self) -> list:
        return list(self.standing.winners.all()) if self.names_winners else []

    @property
    def last_withdrawal(self) -> TimelineEntry | None:
        """The latest withdrawal when it came after the standing call (readers see why
        the result they read before is no longer announced)."""
        withdrawn = [e for e in self.timeline if e.call.withdrawn]
        if not withdrawn:
            return None
        latest = max(withdrawn, key=lambda e: e.call.withdrawn_at)
        if self.standing is not None and self.standing.called_at > latest.call.withdrawn_at:
            return None
        return latest


def standing_call(contest: Contest) -> RaceCall | None:
    """The call that stands (the latest not withdrawn), from the prefetched calls."""
    calls = list(contest.calls.all())
    index = rules.standing([(call.kind, call.withdrawn) for call in calls])
    return None if index is None else calls[index]


def call_status(contest: Contest) -> CallStatus:
    standing = standing_call(contest)
    return CallStatus(
        state=rules.state(
            figures_status=contest.status, standing=standing.kind if standing else None
        ),
        standing=standing,
        timeline=[TimelineEntry(call) for call in contest.calls.all()],
    )


def as_json(status: CallStatus) -> dict:
    """The call state and its timeline for the contest's JSON."""
    return {
        "state": status.state,
        "label": status.label,
        "timeline": [
            {
                "kind": entry.call.kind,
                "at": entry.moment,
                "time_known": entry.call.time_precision == TimePrecision.MINUTE,
                "by": entry.by or None,
                "source": entry.call.source,
                "source_detail": entry.call.source_detail or None,
                "note": entry.call.note or None,
                "winners": [person.name for person in entry.winners],
                "against_figures": entry.call.against_count,
                "withdrawn_at": (
                    entry.call.withdrawn_at.isoformat() if entry.call.withdrawn else None
                ),
                "withdrawal_reason": entry.call.withdrawal_reason or None,
            }
            for entry in status.timeline
        ],
    }
