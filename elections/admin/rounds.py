"""Rounds with their votes, candidacies, and the history of results rows."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from elections import services, validation
from elections.admin.desk import EDITOR_SOURCE
from elections.admin.preview import outcome_summary
from elections.models import Candidacy, Contest, ListMember, OfficialWinner, Round, RoundResult
from elections.outcome import compute

DESK_CSS = {"all": ["css/elections-admin.css"]}


class RoundResultFormSet(forms.BaseInlineFormSet):
    """The votes of a round checked together, with the rules the importer applies."""

    def clean(self) -> None:
        super().clean()
        round_ = self.instance
        if not round_.contest_id:
            return
        contest = Contest.objects.for_page().get(pk=round_.contest_id)
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
            names_per_ballot=services.seats_to_fill(contest, round_.number),
            complete=round_.is_final,
        )
        if problems:
            raise ValidationError([message for _field, message in problems])


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
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["contest", "number", "date", "registered", "voters", "expressed", "is_final"]
    list_select_related = ["contest__election", "contest__constituency"]
    list_filter = ["contest__election", "is_final"]
    search_fields = ["contest__constituency__name", "contest__constituency__code"]
    autocomplete_fields = ["contest"]
    readonly_fields = ["outcome"]
    fields = ["contest", "number", "date", *validation.ROUND_FIELDS, "is_final", "outcome"]
    inlines = [RoundResultInline]

    class Media:
        css = DESK_CSS

    @admin.display(description=gettext_lazy("Qui les règles élisent"))
    def outcome(self, round_: Round) -> str:
        if not round_.pk:
            return "—"
        # Who the rules elect on the stored figures, beside the proclaimed winners.
        return outcome_summary(compute(Contest.objects.for_page().get(pk=round_.contest_id)))

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.record_update(contest=form.instance.contest, source=str(EDITOR_SOURCE))


class ListMemberInline(admin.TabularInline):
    model = ListMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Candidacy)
class CandidacyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "contest", "party", "label", "incumbent"]
    list_select_related = ["contest__election", "contest__constituency", "party", "person"]
    list_filter = ["contest__election", "incumbent"]
    search_fields = ["list_name", "person__name", "label"]
    autocomplete_fields = ["contest"]
    raw_id_fields = ["person", "substitute", "party"]
    inlines = [ListMemberInline]


@admin.register(RoundResult)
class RoundResultAdmin(SimpleHistoryAdmin):
    """Mostly for the history of one row; the results desk is where votes are entered."""

    list_display = ["candidacy", "round", "votes"]
    list_select_related = [
        "candidacy__person",
        "round__contest__election",
        "round__contest__constituency",
    ]
    list_filter = ["round__contest__election"]
    search_fields = ["candidacy__person__name", "candidacy__list_name"]
    raw_id_fields = ["round", "candidacy"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("candidacy__person", "round")


@admin.register(OfficialWinner)
class OfficialWinnerAdmin(SimpleHistoryAdmin):
    list_display = ["person", "contest", "round", "list_name", "party"]
    list_select_related = ["person", "party", "contest__election", "contest__constituency"]
    list_filter = ["contest__election"]
    search_fields = ["person__name", "list_name"]
    raw_id_fields = ["person", "party"]
    autocomplete_fields = ["contest"]

    # Offices follow the proclaimed winners (`services.sync_offices`).
    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        services.sync_offices(contest=obj.contest)

    def delete_model(self, request, obj) -> None:
        contest = obj.contest
        super().delete_model(request, obj)
        services.sync_offices(contest=contest)

    def delete_queryset(self, request, queryset) -> None:
        contests = list({winner.contest for winner in queryset.select_related("contest")})
        super().delete_queryset(request, queryset)
        for contest in contests:
            services.sync_offices(contest=contest)
