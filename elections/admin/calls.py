"""Race calls on the results desk: the contest's dated timeline, a form to make the next
call (editors only: `elections.call_race`) and one to withdraw a call with its reason."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import calls as rules
from elections.admin.preview import outcome_summary
from elections.call_display import call_status
from elections.models import CallKind, CallSource, Contest, RaceCall
from elections.outcome import compute
from elections.services import calls as services
from newsroom.people.models import Person


class CallForm(forms.Form):
    """The next call; its errors are those of `elections.calls.call_problems`."""

    kind = forms.ChoiceField(label=gettext_lazy("Étape"))
    winners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Élus annoncés"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Pour une projection ou une annonce ; une proclamation reprend "
            "les élus proclamés enregistrés sur la fiche du scrutin."
        ),
    )
    source = forms.ChoiceField(label=gettext_lazy("Sur quoi repose l'annonce"), choices=[])
    source_detail = forms.CharField(
        label=gettext_lazy("Précision sur la source"), max_length=200, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Note pour les lecteurs"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Annoncer malgré le désaccord avec les chiffres saisis"),
        required=False,
    )

    def __init__(self, *args, contest: Contest, standing: str | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(CallKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in rules.next_calls(standing)]
        self.fields["source"].choices = [("", "—"), *CallSource.choices]
        self.contenders = services.contenders(contest)
        self.fields["winners"].queryset = Person.objects.filter(
            pk__in=[person.pk for person in self.contenders]
        ).order_by("sort_name", "pk")

    def add_problems(self, error: ValidationError) -> None:
        for field, problems in error.message_dict.items():
            for message in problems:
                self.add_error(field if field in self.fields else None, message)


class WithdrawForm(forms.Form):
    call = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Raison du retrait (montrée aux lecteurs)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


def calls_url(contest: Contest) -> str:
    return reverse("admin:elections_contest_calls", args=[contest.pk])


def calls_desk(model_admin, request: HttpRequest, object_id: int) -> HttpResponse:
    """GET: the timeline and, for editors, the forms. POST `_call` makes the next call,
    POST `_withdraw` withdraws the call named in the form."""
    contest = get_object_or_404(Contest.objects.for_page(), pk=object_id)
    if not model_admin.has_view_permission(request, contest):
        raise PermissionDenied
    may_call = request.user.has_perm(services.CALL_PERMISSION)
    if request.method == "POST" and not may_call:
        raise PermissionDenied
    status = call_status(contest)
    standing = status.standing.kind if status.standing else None
    posted = request.POST if request.method == "POST" else None
    form = CallForm(
        posted if posted and "_call" in posted else None, contest=contest, standing=standing
    )
    withdraw = WithdrawForm(posted if posted and "_withdraw" in posted else None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.make_call(
                contest=contest,
                kind=data["kind"],
                winners=list(data["winners"]),
                source=data["source"],
                source_detail=data["source_detail"],
                note=data["note"],
                confirmed=data["confirm"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_problems(error)
        else:
            messages.success(request, _("Annonce enregistrée : elle est en ligne."))
            return redirect(calls_url(contest))
    withdraw_error = ""
    if withdraw.is_bound and not withdraw.is_valid():
        withdraw_error = _("Choisissez l'annonce à retirer.")
    if withdraw.is_bound and withdraw.is_valid():
        call = get_object_or_404(RaceCall, pk=withdraw.cleaned_data["call"], contest=contest)
        try:
            services.withdraw_call(
                call=call, reason=withdraw.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            withdraw_error = " ".join(error.messages)
        else:
            messages.success(request, _("Annonce retirée : les lecteurs voient le retrait."))
            return redirect(calls_url(contest))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Contest._meta,
        "title": _("Annonces : %(contest)s") % {"contest": contest},
        "contest": contest,
        "status": status,
        "form": form,
        "may_call": may_call and bool(form.fields["kind"].choices),
        "can_withdraw": may_call,
        "withdraw_error": withdraw_error,
        "outcome": outcome_summary(compute(contest)),
        "media": forms.Media(css={"all": ["css/elections-admin.css"]}),
    }
    return TemplateResponse(request, "elections/admin/calls.html", context)
