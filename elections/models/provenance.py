"""Where figures come from, and the officially proclaimed winners beside the computed ones."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.people.models import Organisation, Person
from newsroom.validation import CheckedTextModel


class UpdateKind(models.TextChoices):
    RESULTS = "results", _("résultats")
    OFFICIAL = "official", _("élus proclamés")
    CORRECTION = "correction", _("correction")


class ResultUpdate(CheckedTextModel):
    """Provenance of the figures: who published them, and when they were recorded."""

    contest = models.ForeignKey(
        "elections.Contest",
        verbose_name=_("scrutin"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    kind = models.CharField(
        _("nature"), max_length=20, choices=UpdateKind.choices, default=UpdateKind.RESULTS
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Crédit montré aux lecteurs, par exemple « ministère de l'Intérieur »."),
    )
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)
    # Stamped when the row is saved: the admin shows it read-only, so a row added there
    # (or by any code that leaves it out) is never written without one.
    recorded_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["contest", "-recorded_at", "-pk"]
        get_latest_by = "recorded_at"
        verbose_name = _("mise à jour des résultats")
        verbose_name_plural = _("mises à jour des résultats")
        # The contest page and its polling read the latest update of one contest.
        indexes = [models.Index(fields=["contest", "-recorded_at"], name="update_latest_idx")]

    def __str__(self) -> str:
        return f"{self.source} — {self.recorded_at:%Y-%m-%d %H:%M}"


class OfficialWinner(CheckedTextModel):
    """A winner as officially proclaimed, recorded next to the computed outcome."""

    contest = models.ForeignKey(
        "elections.Contest",
        verbose_name=_("scrutin"),
        on_delete=models.CASCADE,
        related_name="official_winners",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("élu ou élue"), on_delete=models.PROTECT, related_name="wins"
    )
    round = models.PositiveSmallIntegerField(
        _("tour"), null=True, blank=True, help_text=_("Scrutin majoritaire : 1 ou 2.")
    )
    list_name = models.CharField(
        _("liste"),
        max_length=250,
        blank=True,
        help_text=_("Scrutin de liste : la liste sur laquelle le siège a été gagné."),
    )
    party = models.ForeignKey(
        Organisation,
        verbose_name=_("parti"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="official_winners",
    )
    label = models.CharField(_("étiquette"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["contest", "position", "pk"]
        verbose_name = _("élu proclamé")
        verbose_name_plural = _("élus proclamés")
        constraints = [
            models.UniqueConstraint(fields=["contest", "person"], name="one_win_per_person"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def affiliation(self) -> str:
        """What readers see beside the name: the political label as proclaimed, else the
        party's acronym or name; empty when the winner has neither."""
        if self.label:
            return self.label
        if self.party is None:
            return ""
        return self.party.acronym or self.party.name


class OfficeChangeKind(models.TextChoices):
    STARTED = "started", _("fonction créée")
    ENDED = "ended", _("fonction terminée")
    EXTENDED = "extended", _("groupe prolongé (réélection)")


class OfficeChange(CheckedTextModel):
    """An office that a proclaimed result started or ended (`services.offices`), kept with
    what it replaced so that withdrawing the proclamation restores the offices as they were."""

    contest = models.ForeignKey(
        "elections.Contest",
        verbose_name=_("scrutin"),
        on_delete=models.CASCADE,
        related_name="office_changes",
    )
    membership = models.ForeignKey(
        "people.Membership",
        verbose_name=_("fonction"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("nature"), max_length=10, choices=OfficeChangeKind.choices)
    previous_end_date = models.DateField(_("fin avant le résultat"), null=True, blank=True)
    previous_end_reason = models.CharField(_("motif avant le résultat"), max_length=20, blank=True)
    previous_term_end = models.DateField(_("fin normale avant le résultat"), null=True, blank=True)

    class Meta:
        ordering = ["contest", "pk"]
        verbose_name = _("fonction changée par un résultat")
        verbose_name_plural = _("fonctions changées par un résultat")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "membership"], name="one_office_change_per_contest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.membership}"
