"""Writing the importers' data, and recording where results come from.

Each import runs in one transaction and is idempotent: a row is only saved when one of its
values changes, and provenance is only recorded when something did.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from elections import importers
from elections.importers import (
    ConstituencyRow,
    ContestRows,
    ImportRejected,
    LineError,
    PersonRef,
    WinnerRow,
)
from elections.models import (
    Candidacy,
    Constituency,
    ConstituencyKind,
    Contest,
    ContestStatus,
    Election,
    ElectionKind,
    ListMember,
    OfficialWinner,
    ResultUpdate,
    Round,
    RoundResult,
    UpdateKind,
)
from elections.services.matching import (
    Directory,
    ImportReport,
    normalise,
    unique_slug,
    update_fields,
)
from elections.services.offices import sync_offices
from newsroom.caching.dependencies import batched
from newsroom.people.models import Person
from newsroom.validation import field_problems

# What an import is given besides its file (in the admin's form or on the command line),
# and the model field that stores each.
PARAMETERS = {
    "election": Election._meta.get_field("name"),
    "source": ResultUpdate._meta.get_field("source"),
    "source_url": ResultUpdate._meta.get_field("source_url"),
}


def check_parameters(**values: str) -> None:
    """Hold the values given with a file to the fields that store them, as its lines are."""
    errors = [
        LineError(0, f"{name} : {message}")
        for name, value in values.items()
        if value
        for message in field_problems(PARAMETERS[name], value)
    ]
    if errors:
        raise ImportRejected(errors)


def election_slug_base(name: str) -> str:
    """ "Élections sénatoriales 2023" -> "sénatoriales 2023": the URL says it is an election."""
    return re.sub(r"^[ée]lections?\s+", "", name.strip(), flags=re.IGNORECASE) or name


def election_for(name: str, report: ImportReport, date: datetime.date | None = None) -> Election:
    kind = ElectionKind.SENATE if "sénatoriales" in name.lower() else ElectionKind.OTHER
    election, created = Election.objects.get_or_create(
        name=name,
        defaults={
            "slug": unique_slug(Election, election_slug_base(name)),
            "kind": kind,
            "date": date,
        },
    )
    report.count(_("élections"), created=created, changed=False)
    if not created and date and election.date is None:
        report.count(_("élections"), False, update_fields(election, {"date": date}))
    return election


def constituency_kind(code: str) -> str:
    if code.upper() == "ZZ":
        return ConstituencyKind.ABROAD
    if code.startswith("97") or code.startswith("98"):
        return ConstituencyKind.OVERSEAS
    return ConstituencyKind.DEPARTEMENT


def constituency_for(code: str, name: str, report: ImportReport) -> Constituency:
    constituency, created = Constituency.objects.get_or_create(
        code=code, defaults={"name": name, "kind": constituency_kind(code)}
    )
    report.count(_("circonscriptions"), created=created, changed=False)
    return constituency


def follow_offices(contest: Contest, report: ImportReport) -> None:
    """Offices follow the contest's proclamation (`offices.sync_offices`), counted in the
    import's report."""
    offices = sync_offices(contest=contest)
    kind = _("fonctions")
    report.created[kind] += offices.started
    report.updated[kind] += offices.updated + offices.ended + offices.restored + offices.removed
    for counts in (report.created, report.updated):
        if not counts[kind]:
            del counts[kind]


def record_update(
    *, contest: Contest, source: str, source_url: str = "", kind: str = UpdateKind.RESULTS
) -> ResultUpdate:
    """Provenance shown to readers (« Source : … — mis à jour le … »); also changes the ETag
    of the contest's live fragment, so polling readers get the new figures."""
    return ResultUpdate.objects.create(
        contest=contest,
        kind=kind,
        source=source or _("Rédaction"),
        source_url=source_url,
        recorded_at=timezone.now(),
    )


@batched()  # every key touched stamped once, after the import commits
@transaction.atomic
def import_results(
    *,
    contests: list[ContestRows],
    source: str,
    source_url: str = "",
    sources: Mapping[str, tuple[str, str]] | None = None,
    status: str = ContestStatus.FINAL,
    counting_round: int | None = None,
) -> ImportReport:
    """Write parsed results (see `importers.parse_results`). `sources` gives a credit per
    constituency code where one file compiles several sources. On an election night, the
    contest is `counting` and `counting_round` names the round whose count is not over
    (its figures elect nobody yet). Figures parsed with `accept_inconsistent` are written
    with their caveat (`Contest.figures_caveat`); consistent ones clear it."""
    check_parameters(source=source, source_url=source_url)
    report = ImportReport()
    directory = Directory(report)
    # Resolve every person first, so that all ambiguous names are reported together.
    for rows in contests:
        for row in rows.candidacies.values():
            for ref in [row.person, row.substitute, *row.members]:
                if ref is not None:
                    directory.person(ref)
    directory.check()
    for rows in contests:
        dates = [r.date for r in rows.rounds.values() if r.date]
        election = election_for(rows.election, report, min(dates) if dates else None)
        constituency = constituency_for(rows.code, rows.constituency_name, report)
        contest, created = Contest.objects.get_or_create(
            election=election,
            constituency=constituency,
            defaults={"seats": rows.seats, "system": rows.system, "status": status},
        )
        changed = created or update_fields(
            contest, {"seats": rows.seats, "system": rows.system, "status": status}
        )
        report.count(_("scrutins"), created, changed)
        credit = (sources or {}).get(rows.code, (source, ""))[0]
        caveat = figures_caveat(rows, credit=credit, counting_round=counting_round)
        changed |= update_fields(contest, {"figures_caveat": caveat})
        changed |= write_contest(contest, rows, directory, report, counting_round)
        if changed:
            credit, url = (sources or {}).get(rows.code, (source, source_url))
            record_update(contest=contest, source=credit, source_url=url)
            report.contests.add(contest.pk)
        follow_offices(contest, report)
    return report


def figures_caveat(rows: ContestRows, *, credit: str, counting_round: int | None = None) -> str:
    """What readers are told about figures accepted although inconsistent, naming the
    source and each finding by round; empty for consistent figures."""
    if not rows.inconsistencies:
        return ""
    # Stored text, in French like every stored label, whatever the importer's language.
    with translation.override("fr"):
        return _caveat_text(rows, credit, importers.arithmetic_errors(rows, counting_round))


def _caveat_text(rows: ContestRows, credit: str, errors: list[LineError]) -> str:
    round_of = {}
    for number, round_row in rows.rounds.items():
        for line in [round_row.line, *round_row.lines.values()]:
            round_of[line] = number
    findings = " ".join(
        _("Tour %(number)s : %(finding)s")
        % {"number": round_of.get(error.line, 1), "finding": error.message}
        for error in errors
    )
    return _(
        "Les chiffres officiels publiés par %(source)s ne concordent pas entre eux. "
        "%(findings)s Nous les reproduisons tels que la source les donne."
    ) % {"source": credit or _("la source"), "findings": findings}


def write_contest(
    contest: Contest,
    rows: ContestRows,
    directory: Directory,
    report: ImportReport,
    counting_round: int | None = None,
) -> bool:
    changed = False
    candidacies: dict[str, Candidacy] = {}
    existing = list(contest.candidacies.select_related("person"))
    for position, row in enumerate(rows.candidacies.values(), start=1):
        candidacy, did_change = write_candidacy(contest, row, position, existing, directory, report)
        candidacies[row.name] = candidacy
        changed |= did_change
    for number, round_row in rows.rounds.items():
        values = {
            "date": round_row.date,
            "registered": round_row.registered,
            "voters": round_row.voters,
            "blank": round_row.blank,
            "null": round_row.null,
            "expressed": round_row.expressed,
            "is_final": number != counting_round,
        }
        round_, created = Round.objects.get_or_create(
            contest=contest, number=number, defaults=values
        )
        did_change = created or update_fields(round_, values)
        report.count(_("tours"), created, did_change)
        changed |= did_change
        changed |= sync_rows(
            RoundResult,
            known={result.candidacy_id: result for result in round_.results.all()},
            wanted={
                candidacies[name].pk: {"votes": votes} for name, votes in round_row.votes.items()
            },
            parent={"round": round_},
            key_field="candidacy_id",
            kind=_("résultats"),
            report=report,
        )
    return changed


def write_candidacy(contest, row, position, existing, directory, report) -> tuple[Candidacy, bool]:
    person = directory.person(row.person) if row.person else None
    values = {
        "person": person,
        "list_name": "" if row.person else row.name,
        "substitute": directory.person(row.substitute) if row.substitute else None,
        "party": directory.party(row.party),
        "label": row.label,
        "incumbent": row.incumbent,
        "position": position,
    }
    if person is not None:
        candidacy = next((c for c in existing if c.person_id == person.pk), None)
    else:
        candidacy = next(
            (c for c in existing if normalise(c.list_name) == normalise(row.name)), None
        )
    created = candidacy is None
    if created:
        candidacy = Candidacy.objects.create(contest=contest, **values)
        changed = True
    else:
        changed = update_fields(candidacy, values)
    report.count(_("candidatures"), created, changed)
    if not row.person:
        changed |= write_members(candidacy, [directory.person(m) for m in row.members], report)
    return candidacy, changed


def write_members(candidacy: Candidacy, persons: list[Person | None], report: ImportReport) -> bool:
    wanted = [(rank, person.pk) for rank, person in enumerate(persons, start=1) if person]
    current = list(candidacy.members.order_by("position").values_list("position", "person_id"))
    if current == wanted:
        return False
    candidacy.members.all().delete()
    ListMember.objects.bulk_create(
        ListMember(candidacy=candidacy, position=rank, person_id=person_id)
        for rank, person_id in wanted
    )
    report.count(_("membres de liste"), created=not current)
    return True


@batched()  # every key touched stamped once, after the import commits
@transaction.atomic
def import_elected(
    *, election_name: str, winners: list[WinnerRow], source: str, source_url: str = ""
) -> ImportReport:
    """Record the proclaimed winners, contest by contest (the file replaces them)."""
    check_parameters(election=election_name, source=source, source_url=source_url)
    report = ImportReport()
    directory = Directory(report)
    election = election_for(election_name, report)
    contests = {
        c.constituency.code: c
        for c in Contest.objects.filter(election=election).select_related("constituency")
    }
    errors: list[LineError] = []
    by_contest: dict[str, list[WinnerRow]] = defaultdict(list)
    for winner in winners:
        if winner.code not in contests:
            errors.append(
                LineError(
                    winner.line,
                    _(
                        "aucun scrutin « %(code)s » dans « %(election)s » : importez d'abord "
                        "les circonscriptions."
                    )
                    % {"code": winner.code, "election": election_name},
                )
            )
        else:
            by_contest[winner.code].append(winner)
    for code, rows in by_contest.items():
        if len(rows) > contests[code].seats:
            errors.append(
                LineError(
                    rows[-1].line,
                    _("%(n)s élus pour %(seats)s siège(s) en « %(code)s ».")
                    % {"n": len(rows), "seats": contests[code].seats, "code": code},
                )
            )
    for winner in winners:
        directory.person(PersonRef(winner.name, None, winner.line))
    errors += directory.errors
    if errors:
        raise ImportRejected(errors)
    for code, rows in by_contest.items():
        contest = contests[code]
        if write_winners(contest, rows, directory, report):
            if contest.status in (ContestStatus.UPCOMING, ContestStatus.COUNTING):
                update_fields(contest, {"status": ContestStatus.FINAL})
            record_update(
                contest=contest, source=source, source_url=source_url, kind=UpdateKind.OFFICIAL
            )
            report.contests.add(contest.pk)
    # Once every winner is known: a senator re-elected in another constituency stays in
    # their group whichever contest comes first.
    for code in by_contest:
        follow_offices(contests[code], report)
    return report


def write_winners(contest, rows, directory, report) -> bool:
    wanted = {}
    for position, row in enumerate(rows, start=1):
        person = directory.person(PersonRef(row.name, None, row.line))
        wanted[person.pk] = {
            "round": row.round,
            "list_name": row.list_name,
            "party": directory.party(row.party),
            "label": row.label,
            "position": position,
        }
    return sync_rows(
        OfficialWinner,
        known={w.person_id: w for w in contest.official_winners.all()},
        wanted=wanted,
        parent={"contest": contest},
        key_field="person_id",
        kind=_("élus proclamés"),
        report=report,
    )


def sync_rows(model, *, known, wanted, parent, key_field, kind, report) -> bool:
    """Create, update or delete child rows so that exactly `wanted` remain (keyed like
    `known`); an updated file may drop a row, which is then deleted."""
    changed = False
    for key, values in wanted.items():
        row = known.pop(key, None)
        if row is None:
            model.objects.create(**parent, **{key_field: key}, **values)
            report.count(kind, created=True)
            changed = True
        elif update_fields(row, values):
            report.count(kind, created=False)
            changed = True
    if known:
        model.objects.filter(pk__in=[row.pk for row in known.values()]).delete()
        report.count(kind, created=False)
        changed = True
    return changed


@batched()  # every key touched stamped once, after the import commits
@transaction.atomic
def import_constituencies(
    *, election_name: str, rows: list[ConstituencyRow], date: datetime.date | None = None
) -> ImportReport:
    """The constituencies of an election, each with an (upcoming) contest."""
    check_parameters(election=election_name)
    report = ImportReport()
    election = election_for(election_name, report, date)
    for row in rows:
        constituency = constituency_for(row.code, row.name, report)
        contest, created = Contest.objects.get_or_create(
            election=election,
            constituency=constituency,
            defaults={"seats": row.seats, "system": row.system},
        )
        changed = not created and update_fields(contest, {"seats": row.seats, "system": row.system})
        report.count(_("scrutins"), created, changed)
    return report
