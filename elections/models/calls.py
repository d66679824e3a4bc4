"""Race calls: what the newsroom said about a contest's result, who said it, when and on
what source (`elections/calls.py` holds the rules, `services.calls` the writes)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.people.models import Person
from newsroom.validation import CheckedTextModel


class CallKind(models.TextChoices):
    PROJECTION = "projection", _("projection")
    CALLED = "called", _("élu(e)(s) annoncé(s)")
    PROCLAIMED = "proclaimed", _("proclamé")
    CONTESTED = "contested", _("contesté")
    ANNULLED = "annulled", _("annulé")


class CallSource(models.TextChoices):
    OWN_COUNT = "own_count", _("décompte de la rédaction")
    AGENCY = "agency", _("agence de presse")
    PREFECTURE = "prefecture", _("préfecture ou haut-commissariat")
    OFFICIAL = "official", _("autorité officielle")
    COURT = "court", _("juridiction")
    ESTIMATE = "estimate", _("estimation de la rédaction")


class TimePrecision(models.TextChoices):
    MINUTE = "minute", _("à la minute")
    DAY = "day", _("au jour (heure inconnue)")


class RaceCallQuerySet(models.QuerySet):
    def timeline(self) -> "RaceCallQuerySet":
        """Oldest first, with what a timeline shows: who called, who withdrew, who won."""
        return self.select_related("called_by", "withdrawn_by").prefetch_related(
            models.Prefetch("winners", queryset=Person.objects.order_by("sort_name", "pk"))
        )

    def flagged(self) -> "RaceCallQuerySet":
        """Calls standing against the entered figures: the desk lists them."""
        return self.filter(against_count=True, withdrawn_at__isnull=True)


def calls_prefetch(to: str = "calls") -> models.Prefetch:
    """Each contest's calls, oldest first, with who made them and whom they name: two
    queries for any number of contests."""
    return models.Prefetch(to, queryset=RaceCall.objects.timeline())


class RaceCall(CheckedTextModel):
    contest = models.ForeignKey(
        "elections.Contest",
        verbose_name=_("scrutin"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    kind = models.CharField(_("étape"), max_length=12, choices=CallKind.choices)
    winners = models.ManyToManyField(
        Person, verbose_name=_("élus annoncés"), blank=True, related_name="race_calls"
    )
    source = models.CharField(_("source"), max_length=12, choices=CallSource.choices)
    source_detail = models.CharField(
        _("précision sur la source"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « AFP » ou « haut-commissariat de la République »."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Montrée aux lecteurs."))
    called_at = models.DateTimeField(_("annoncé le"), default=timezone.now)
    time_precision = models.CharField(
        _("précision de l'heure"),
        max_length=6,
        choices=TimePrecision.choices,
        default=TimePrecision.MINUTE,
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("annoncé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Made although the counting rules give other winners on the figures entered then.
    against_count = models.BooleanField(_("contre les chiffres saisis"), default=False)
    withdrawn_at = models.DateTimeField(_("retiré le"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("retiré par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("raison du retrait"), blank=True)

    objects = RaceCallQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["contest", "called_at", "pk"]
        verbose_name = _("annonce de résultat")
        verbose_name_plural = _("annonces de résultat")
        permissions = [("call_race", _("Annoncer ou retirer un résultat"))]
        indexes = [models.Index(fields=["contest", "called_at"], name="call_timeline_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.called_at:%Y-%m-%d %H:%M}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
