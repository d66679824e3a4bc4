from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import display, importers, services, validation
from elections.models import (
    Candidacy,
    Constituency,
    Contest,
    Election,
    ListMember,
    OfficialWinner,
    ResultUpdate,
    Round,
    RoundResult,
)
from elections.outcome import compute

EDITOR_SOURCE = gettext_lazy("Saisie de la rédaction")


def outcome_preview(contest: Contest) -> str:
    """Who the rules elect on the stored figures, beside the proclaimed winners."""
    contest = Contest.objects.for_page().get(pk=contest.pk)
    outcome = compute(contest)
    if outcome.error:
        computed = format_html('<strong style="color:#b3261e">{}</strong>', outcome.error)
    elif not outcome.has_figures:
        computed = _("pas encore de tour dépouillé")
    else:
        computed = format_html_join(
            ", ",
            "{} ({})",
            (
                (
                    seat.person.name if seat.person else seat.candidacy.name,
                    display.elected_word(seat.person, seat.round),
                )
                for seat in outcome.seats
            ),
        ) or _("personne")
        if not outcome.complete:
            computed = format_html("{} — {}", computed, _("sièges restant à pourvoir"))
    official = ", ".join(w.person.name for w in outcome.official) or _("non saisis")
    alert = (
        format_html('<strong style="color:#b3261e">⚠ {}</strong><br>', mismatch_text())
        if outcome.mismatch
        else ""
    )
    return format_html(
        "{}{} : {}<br>{} : {}", alert, _("Selon les règles"), computed, _("Proclamés"), official
    )


def mismatch_text() -> str:
    return _(
        "Les élus proclamés diffèrent de ceux que donnent les règles sur les chiffres saisis : "
        "vérifiez les voix, les dates de naissance et les élus proclamés. "
        "Les lecteurs voient les élus proclamés."
    )


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date"


@admin.register(Constituency)
class ConstituencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    show_change_link = True
    fields = ["number", "date", *validation.ROUND_FIELDS, "is_final"]


class CandidacyInline(admin.TabularInline):
    model = Candidacy
    extra = 0
    show_change_link = True
    fields = ["position", "person", "substitute", "list_name", "party", "label", "incumbent"]
    raw_id_fields = ["person", "substitute", "party"]


class OfficialWinnerInline(admin.TabularInline):
    model = OfficialWinner
    extra = 0
    fields = ["position", "person", "round", "list_name", "party", "label"]
    raw_id_fields = ["person", "party"]


class ResultUpdateInline(admin.TabularInline):
    model = ResultUpdate
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["recorded_at", "kind", "source", "source_url", "note"]
    readonly_fields = ["recorded_at"]
    ordering = ["-recorded_at"]


class ImportForm(forms.Form):
    KINDS = [
        ("results", gettext_lazy("Résultats (une ligne par tour et candidature)")),
        ("elected", gettext_lazy("Élus proclamés")),
        ("constituencies", gettext_lazy("Circonscriptions")),
    ]
    kind = forms.ChoiceField(label=gettext_lazy("Contenu du fichier"), choices=KINDS)
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV (UTF-8)"),
        help_text=gettext_lazy(
            "Le fichier entier est refusé à la moindre ligne fautive : rien n'est enregistré, "
            "et chaque ligne fautive est listée avec la raison."
        ),
    )
    election = forms.CharField(
        label=gettext_lazy("Élection"),
        required=False,
        help_text=gettext_lazy(
            "Pour les élus et les circonscriptions, par exemple « Élections sénatoriales 2023 »."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        help_text=gettext_lazy("Crédit montré aux lecteurs."),
    )
    source_url = forms.URLField(
        label=gettext_lazy("Adresse de la source"), required=False, assume_scheme="https"
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") in ("elected", "constituencies") and not data.get("election"):
            raise ValidationError({"election": _("Indiquez l'élection.")})
        return data

    def run(self) -> services.ImportReport:
        """Parse the whole file, then write it; ImportRejected lists every bad line."""
        data = self.cleaned_data
        text = importers.decode(data["file"].read())
        source = data["source"] or data["file"].name
        if data["kind"] == "results":
            return services.import_results(
                contests=importers.parse_results(text),
                source=source,
                source_url=data["source_url"],
            )
        if data["kind"] == "elected":
            return services.import_elected(
                election_name=data["election"],
                winners=importers.parse_elected(text),
                source=source,
                source_url=data["source_url"],
            )
        return services.import_constituencies(
            election_name=data["election"], rows=importers.parse_constituencies(text)
        )


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["constituency", "election", "seats", "system", "status", "mismatch"]
    list_select_related = ["election", "constituency"]
    list_filter = ["election", "status", "system"]
    search_fields = ["constituency__name", "constituency__code", "election__name"]
    autocomplete_fields = ["election", "constituency"]
    readonly_fields = ["outcome"]
    fields = ["election", "constituency", "seats", "system", "status", "outcome"]
    inlines = [RoundInline, CandidacyInline, OfficialWinnerInline, ResultUpdateInline]
    change_list_template = "elections/admin/contest_changelist.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "rounds__results",
                "candidacies__person",
                "candidacies__members__person",
                "official_winners__person",
            )
        )

    @admin.display(description=gettext_lazy("écart avec les élus proclamés"), boolean=True)
    def mismatch(self, contest: Contest) -> bool | None:
        return compute(contest).mismatch or None

    @admin.display(description=gettext_lazy("Qui les règles élisent"))
    def outcome(self, contest: Contest) -> str:
        return outcome_preview(contest) if contest.pk else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None) -> HttpResponse:
        contest = self.get_object(request, object_id)
        if contest is not None and request.method == "GET" and compute(contest).mismatch:
            messages.warning(request, mismatch_text())
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets) or form.has_changed():
            services.record_update(contest=form.instance, source=str(EDITOR_SOURCE))

    def get_urls(self) -> list:
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="elections_contest_import",
            )
        ]
        return urls + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                report = form.run()
            except importers.ImportRejected as rejected:
                errors = rejected.errors
            else:
                for line in report.lines():
                    messages.success(request, line)
                return redirect(reverse("admin:elections_contest_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer un fichier CSV"),
            "form": form,
            "errors": errors,
        }
        return TemplateResponse(request, "elections/admin/import.html", context)


class RoundResultFormSet(forms.BaseInlineFormSet):
    """The votes of a round checked together, with the rules the importer applies."""

    def clean(self) -> None:
        super().clean()
        round_ = self.instance
        if not round_.contest_id:
            return
        contest = round_.contest
        votes, contests = [], []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            candidacy = form.cleaned_data.get("candidacy")
            if candidacy is None:
                continue
            votes.append((candidacy.name, form.cleaned_data.get("votes") or 0))
            contests.append(candidacy.contest_id)
        problems = validation.same_contest_problems(
            round_contest=contest.pk, candidacy_contests=contests
        ) + validation.votes_problems(
            expressed=round_.expressed,
            votes=votes,
            proportional=contest.is_proportional,
            names_per_ballot=seats_to_fill(round_),
            complete=round_.is_final,
        )
        if problems:
            raise ValidationError([message for _field, message in problems])


def seats_to_fill(round_: Round) -> int:
    """Seats a ballot of this round may name: round 2 fills what round 1 left."""
    contest = Contest.objects.for_page().get(pk=round_.contest_id)
    if round_.number == 1 or contest.is_proportional:
        return contest.seats
    outcome = compute(contest)
    won_before = sum(1 for seat in outcome.seats if seat.round and seat.round < round_.number)
    return max(contest.seats - won_before, 1)


class RoundResultInline(admin.TabularInline):
    model = RoundResult
    formset = RoundResultFormSet
    extra = 0
    fields = ["candidacy", "votes"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "candidacy":
            # Only the candidacies of this round's contest can receive its votes.
            round_id = request.resolver_match.kwargs.get("object_id")
            contest_id = Round.objects.filter(pk=round_id).values("contest_id")
            kwargs["queryset"] = Candidacy.objects.filter(contest_id__in=contest_id).select_related(
                "person"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["contest", "number", "date", "registered", "voters", "expressed", "is_final"]
    list_select_related = ["contest__election", "contest__constituency"]
    list_filter = ["contest__election", "is_final"]
    search_fields = ["contest__constituency__name", "contest__constituency__code"]
    autocomplete_fields = ["contest"]
    readonly_fields = ["outcome"]
    fields = ["contest", "number", "date", *validation.ROUND_FIELDS, "is_final", "outcome"]
    inlines = [RoundResultInline]

    @admin.display(description=gettext_lazy("Qui les règles élisent"))
    def outcome(self, round_: Round) -> str:
        return outcome_preview(round_.contest) if round_.pk else "—"

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.record_update(contest=form.instance.contest, source=str(EDITOR_SOURCE))


class ListMemberInline(admin.TabularInline):
    model = ListMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Candidacy)
class CandidacyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "contest", "party", "label", "incumbent"]
    list_select_related = ["contest__election", "contest__constituency", "party", "person"]
    list_filter = ["contest__election", "incumbent"]
    search_fields = ["list_name", "person__name", "label"]
    autocomplete_fields = ["contest"]
    raw_id_fields = ["person", "substitute", "party"]
    inlines = [ListMemberInline]
