"""The results desk: every candidacy's votes for one round in one grid, with the round
totals and the contest status, checked field by field, previewed, then saved at once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import services, validation
from elections import status as status_rules
from elections.admin.preview import outcome_summary
from elections.models import Candidacy, Contest, ContestStatus
from elections.outcome import compute

EDITOR_SOURCE = gettext_lazy("Saisie de la rédaction")
# Entering a round's figures adds, changes and removes its results.
DESK_PERMISSIONS = (
    "elections.change_round",
    "elections.change_roundresult",
    "elections.add_roundresult",
)


class ResultsGridForm(forms.Form):
    """Round totals, one votes field per candidacy (`votes_<pk>`) and the contest status.

    Errors are those of `services.entry_problems`, attached to the field they concern."""

    status = forms.ChoiceField(label=gettext_lazy("Statut du scrutin"), required=False)
    registered = forms.IntegerField(label=gettext_lazy("Inscrits"), required=False)
    voters = forms.IntegerField(label=gettext_lazy("Votants"), required=False)
    blank = forms.IntegerField(label=gettext_lazy("Blancs"), required=False)
    null = forms.IntegerField(label=gettext_lazy("Nuls"), required=False)
    expressed = forms.IntegerField(label=gettext_lazy("Exprimés"), required=False)
    is_final = forms.BooleanField(label=gettext_lazy("Dépouillement terminé"), required=False)

    def __init__(
        self, *args, contest: Contest, number: int, may_change_status: bool, **kwargs
    ) -> None:
        self.contest, self.number = contest, number
        self.may_change_status = may_change_status
        self.round = next((r for r in contest.rounds.all() if r.number == number), None)
        super().__init__(*args, initial=self.initial_values(), **kwargs)
        labels = dict(ContestStatus.choices)
        self.fields["status"].choices = [
            (value, labels[value]) for value in status_rules.next_statuses(contest.status)
        ]
        if not may_change_status:
            # Shown, not sent: a value posted anyway is refused by `entry_problems`.
            self.fields["status"].widget.attrs["disabled"] = True
        for candidacy in self.candidacies:
            self.fields[services.vote_field(candidacy.pk)] = forms.IntegerField(
                label=candidacy.name, required=False
            )

    @property
    def candidacies(self) -> list[Candidacy]:
        return list(self.contest.candidacies.all())

    def initial_values(self) -> dict:
        values = {"status": self.contest.status}
        if self.round is not None:
            values |= {name: getattr(self.round, name) for name in validation.ROUND_FIELDS}
            values["is_final"] = self.round.is_final
            for result in self.round.results.all():
                values[services.vote_field(result.candidacy_id)] = result.votes
        return values

    def rows(self) -> list[tuple[Candidacy, forms.BoundField]]:
        return [(c, self[services.vote_field(c.pk)]) for c in self.candidacies]

    def totals(self) -> list[forms.BoundField]:
        return [self[name] for name in validation.ROUND_FIELDS]

    def entry(self) -> services.RoundEntry:
        data = self.cleaned_data
        votes = {c.pk: data.get(services.vote_field(c.pk)) for c in self.candidacies}
        return services.RoundEntry(
            number=self.number,
            totals={name: data.get(name) for name in validation.ROUND_FIELDS},
            is_final=data.get("is_final", False),
            votes={pk: count for pk, count in votes.items() if count is not None},
            status=data.get("status") or self.contest.status,
        )

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            for field, message in services.entry_problems(
                self.contest, self.entry(), may_change_status=self.may_change_status
            ):
                self.add_error(None if field == "__all__" else field, message)
        return data

    def add_problems(self, error: ValidationError) -> None:
        for field, messages_ in error.message_dict.items():
            for message in messages_:
                self.add_error(None if field == "__all__" else field, message)


def results_desk(model_admin, request: HttpRequest, object_id: int, number: int) -> HttpResponse:
    """GET shows the grid (read-only without the desk permissions); POST `_preview`
    re-renders it with who the rules elect and saves nothing; POST `_save` saves."""
    contest = get_object_or_404(Contest.objects.for_page(), pk=object_id)
    if not model_admin.has_view_permission(request, contest):
        raise PermissionDenied
    numbers = round_numbers(contest)
    if number not in numbers and number != max(numbers, default=0) + 1:
        raise Http404
    can_edit = request.user.has_perms(DESK_PERMISSIONS)
    if number not in numbers:
        can_edit = can_edit and request.user.has_perm("elections.add_round")
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    may_change_status = request.user.has_perm(services.desk.STATUS_PERMISSION)
    form = ResultsGridForm(
        request.POST or None, contest=contest, number=number, may_change_status=may_change_status
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        if "_preview" in request.POST:
            preview = outcome_summary(services.preview_round(contest, form.entry()))
        else:
            try:
                changed = services.save_round_results(
                    contest=contest, entry=form.entry(), by=request.user, source=str(EDITOR_SOURCE)
                )
            except ValidationError as error:
                form.add_problems(error)
            else:
                messages.success(request, saved_message(changed, number))
                return redirect(request.path)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Contest._meta,
        "title": _("Résultats : %(contest)s, tour %(number)s")
        % {"contest": contest, "number": number},
        "contest": contest,
        "round": form.round,
        "number": number,
        "numbers": numbers,
        "form": form,
        "can_edit": can_edit,
        "preview": preview,
        "outcome": outcome_summary(compute(contest)),
        "media": forms.Media(css={"all": ["css/elections-admin.css"]}),
    }
    return TemplateResponse(request, "elections/admin/results_grid.html", context)


def saved_message(changed: int, number: int) -> str:
    if not changed:
        return _("Aucun changement : rien n'a été enregistré.")
    return _("Tour %(number)s enregistré (%(n)s ligne(s) modifiée(s)).") % {
        "number": number,
        "n": changed,
    }


def desk_url(contest: Contest, number: int) -> str:
    return reverse("admin:elections_contest_results", args=[contest.pk, number])


def round_numbers(contest: Contest) -> list[int]:
    return [r.number for r in contest.rounds.all()]
