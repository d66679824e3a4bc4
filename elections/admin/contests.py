"""Elections, constituencies and contests: the contest page links to the results desk,
guards the status behind its permission, and hosts the CSV upload."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from elections import importers, services
from elections import status as status_rules
from elections.admin.calls import calls_desk, calls_url
from elections.admin.desk import EDITOR_SOURCE, desk_url, results_desk, round_numbers
from elections.admin.imports import ImportForm
from elections.admin.preview import mismatch_text, outcome_summary
from elections.admin.rounds import DESK_CSS
from elections.models import (
    Candidacy,
    Constituency,
    Contest,
    ContestStatus,
    Election,
    OfficialWinner,
    ResultUpdate,
    Round,
)
from elections.outcome import compute
from elections.validation import ROUND_FIELDS

STATUS_PERMISSION = services.desk.STATUS_PERMISSION
IMPORT_PERMISSION = "elections.import_results"


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "date"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and {"date", "kind"} & set(form.changed_data):
            # The terms start from the election's date; a senate election makes offices.
            services.sync_election_offices(contests=obj.contests.all())


@admin.register(Constituency)
class ConstituencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_en"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    show_change_link = True
    fields = ["number", "date", *ROUND_FIELDS, "is_final"]


class CandidacyInline(admin.TabularInline):
    """Persons and party shown, not edited, here: a raw-id or autocomplete widget would cost
    one query per row. The change link opens the candidacy with its own widgets."""

    model = Candidacy
    extra = 0
    show_change_link = True
    fields = ["position", "person", "substitute", "list_name", "party", "label", "incumbent"]
    readonly_fields = ["person", "substitute", "party"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person", "substitute", "party")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class OfficialWinnerInline(admin.TabularInline):
    """Shown here, entered by the CSV import or the proclaimed winners' own admin (same
    reason as CandidacyInline: no per-row widget query)."""

    model = OfficialWinner
    extra = 0
    show_change_link = True
    fields = ["position", "person", "round", "list_name", "party", "label"]
    readonly_fields = ["person", "party"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("person", "party")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ResultUpdateInline(admin.TabularInline):
    model = ResultUpdate
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["recorded_at", "kind", "source", "source_url", "note"]
    readonly_fields = ["recorded_at"]
    ordering = ["-recorded_at"]


class ContestForm(forms.ModelForm):
    """The status is checked on the server: a change needs the permission and must be an
    allowed step (`elections/status.py`), whatever the form showed."""

    may_change_status = False  # set per request by ContestAdmin.get_form

    class Meta:
        model = Contest
        fields = ["election", "constituency", "seats", "system", "status"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("status")
        if field is not None and not self.may_change_status:
            field.required = False
            field.widget.attrs["disabled"] = True

    def clean_status(self) -> str:
        # The stored status, not the instance's: the history "revert" form edits an old
        # version, whose status may differ from the current one.
        current = Contest.objects.filter(pk=self.instance.pk).values_list("status", flat=True)
        current = current.first() if self.instance.pk else None
        new = self.cleaned_data.get("status") or current or ContestStatus.UPCOMING
        problems = status_rules.move_problems(
            current=current,
            new=new,
            allowed=self.may_change_status,
            labels=dict(ContestStatus.choices),
        )
        if problems:
            raise ValidationError([message for _field, message in problems])
        return new


def status_action(status: ContestStatus):
    """An admin action moving the selected contests to `status` where the rule allows it."""

    @admin.action(
        description=gettext_lazy("Passer en « %(status)s »") % {"status": status.label},
        permissions=["change_status"],
    )
    def action(model_admin, request: HttpRequest, queryset: QuerySet) -> None:
        moved, refused = 0, []
        for contest in queryset.select_related("election", "constituency"):
            if contest.status == status:
                continue
            if not status_rules.can_move(contest.status, status):
                refused.append(str(contest))
                continue
            contest.status = status
            contest._history_user = request.user
            contest.save(update_fields=["status"])
            services.sync_offices(contest=contest)  # proclaimed or withdrawn: offices follow
            moved += 1
        model_admin.message_user(request, _("%(n)s scrutin(s) modifié(s).") % {"n": moved})
        if refused:
            model_admin.message_user(
                request,
                _("Passage refusé par les règles pour : %(list)s.") % {"list": ", ".join(refused)},
                messages.WARNING,
            )

    action.__name__ = f"mark_{status.value}"
    return action


@admin.register(Contest)
class ContestAdmin(SimpleHistoryAdmin):
    form = ContestForm
    list_display = ["constituency", "election", "seats", "system", "status", "mismatch", "desk"]
    list_select_related = ["election", "constituency"]
    list_filter = ["election", "status", "system"]
    search_fields = ["constituency__name", "constituency__code", "election__name"]
    autocomplete_fields = ["election", "constituency"]
    readonly_fields = ["desk", "outcome"]
    fields = ["election", "constituency", "seats", "system", "status", "desk", "outcome"]
    inlines = [RoundInline, CandidacyInline, OfficialWinnerInline, ResultUpdateInline]
    actions = [status_action(status) for status in ContestStatus]
    change_list_template = "elections/admin/contest_changelist.html"

    class Media:
        css = DESK_CSS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("election", "constituency")
            .prefetch_related(
                "rounds__results",
                "candidacies__person",
                "candidacies__members__person",
                "official_winners__person",
            )
        )

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        may_change = request.user.has_perm(STATUS_PERMISSION)
        return type(form.__name__, (form,), {"may_change_status": may_change})

    def has_change_status_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(STATUS_PERMISSION)

    def has_import_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(IMPORT_PERMISSION)

    @admin.display(description=gettext_lazy("écart avec les élus proclamés"), boolean=True)
    def mismatch(self, contest: Contest) -> bool | None:
        return compute(contest).mismatch or None

    @admin.display(description=gettext_lazy("Qui les règles élisent"))
    def outcome(self, contest: Contest) -> str:
        # `contest` comes from get_queryset(), which prefetched what the rules read.
        return outcome_summary(compute(contest)) if contest.pk else "—"

    @admin.display(description=gettext_lazy("Saisie des résultats"))
    def desk(self, contest: Contest) -> str:
        if not contest.pk:
            return "—"
        numbers = round_numbers(contest)
        links = format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            ((desk_url(contest, n), _("Tour %(number)s") % {"number": n}) for n in numbers),
        )
        new = format_html(
            '<a href="{}">{}</a>', desk_url(contest, max(numbers, default=0) + 1), _("Nouveau tour")
        )
        calls = format_html('<a href="{}">{}</a>', calls_url(contest), _("Annonces"))
        if numbers:
            return format_html("{} · {} · {}", links, new, calls)
        return format_html("{} · {}", new, calls)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method == "GET" and compute(obj).mismatch:
            messages.warning(request, mismatch_text())
        return super().render_change_form(request, context, add, change, form_url, obj)

    def delete_model(self, request, obj) -> None:
        services.withdraw_offices(contest=obj)  # what its proclamation did goes with it
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for contest in queryset:
            services.withdraw_offices(contest=contest)
        super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        if any(formset.has_changed() for formset in formsets) or form.has_changed():
            services.record_update(contest=form.instance, source=str(EDITOR_SOURCE))
        # Proclaimed (final, winners recorded) or withdrawn: the offices follow.
        offices = services.sync_offices(contest=form.instance)
        if offices.changed:
            messages.info(request, " ".join(offices.lines()))

    def get_urls(self) -> list:
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="elections_contest_import",
            ),
            path(
                "<int:object_id>/resultats/<int:number>/",
                self.admin_site.admin_view(self.results_view),
                name="elections_contest_results",
            ),
            path(
                "<int:object_id>/annonces/",
                self.admin_site.admin_view(self.calls_view),
                name="elections_contest_calls",
            ),
        ]
        return urls + super().get_urls()

    def results_view(self, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
        return results_desk(self, request, object_id, number)

    def calls_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        return calls_desk(self, request, object_id)

    def changelist_view(self, request, extra_context=None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, extra_context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportForm(
            request.POST or None,
            request.FILES or None,
            may_change_status=self.has_change_status_permission(request),
        )
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
