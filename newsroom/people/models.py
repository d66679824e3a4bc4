"""People, organisations and memberships, after the Popolo open data model."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

wikidata_validator = RegexValidator(
    r"^Q[1-9][0-9]*$", _("Un identifiant Wikidata s'écrit Q suivi de chiffres, par exemple Q42.")
)
colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Une couleur s'écrit #rrggbb, par exemple #1d4e89.")
)


class Gender(models.TextChoices):
    FEMALE = "female", _("femme")
    MALE = "male", _("homme")
    UNKNOWN = "", _("non renseigné")


class Person(models.Model):
    name = models.CharField(_("nom d'usage"), max_length=200, help_text=_("Tel qu'affiché."))
    given_name = models.CharField(_("prénom"), max_length=100, blank=True)
    family_name = models.CharField(_("nom de famille"), max_length=100, blank=True)
    sort_name = models.CharField(
        _("nom de tri"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Pour l'ordre alphabétique, par exemple « Backès Sonia »."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    gender = models.CharField(
        _("genre"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Sert aux accords : élue/élu, Sénatrice/Sénateur."),
    )
    birth_date = models.DateField(
        _("date de naissance"),
        null=True,
        blank=True,
        help_text=_("Départage les égalités de voix (le plus âgé est élu)."),
    )
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    photo_alt = models.CharField(_("texte alternatif de la photo"), max_length=250, blank=True)
    bio = models.TextField(_("biographie courte"), blank=True)
    wikidata_id = models.CharField(
        _("identifiant Wikidata"), max_length=20, blank=True, validators=[wikidata_validator]
    )
    senat_id = models.CharField(
        _("matricule Sénat"),
        max_length=20,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Identifiant des données ouvertes du Sénat (import des sénateurs)."),
    )

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})


class OrganisationKind(models.TextChoices):
    PARTY = "party", _("parti")
    COALITION = "coalition", _("coalition")
    PARLIAMENTARY_GROUP = "group", _("groupe parlementaire")
    GOVERNMENT = "government", _("gouvernement")
    ASSEMBLY = "assembly", _("assemblée")
    LOCAL_AUTHORITY = "local", _("collectivité")
    NEWS = "news", _("média")


class Organisation(models.Model):
    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("organisation parente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_("Le FLNKS pour un de ses partis, le gouvernement pour un ministère."),
    )
    colour = models.CharField(
        _("couleur"),
        max_length=7,
        blank=True,
        validators=[colour_validator],
        help_text=_("#rrggbb, utilisée par les graphiques et la carte."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("people:organisation", kwargs={"slug": self.slug})


class EndReason(models.TextChoices):
    RESIGNATION = "resignation", _("démission")
    DEFEAT = "defeat", _("défaite")
    END_OF_TERM = "end_of_term", _("fin de mandat")
    OTHER = "other", _("autre")


class MembershipQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        today = today or timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=today))

    def past(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        today = today or timezone.localdate()
        return self.filter(end_date__lte=today)


class Membership(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(
        _("fonction"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple « Secrétaire d'État chargée de la Citoyenneté »."),
    )
    area = models.CharField(_("territoire"), max_length=200, blank=True)
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    end_reason = models.CharField(
        _("motif de fin"), max_length=20, choices=EndReason.choices, blank=True
    )
    on_behalf_of = models.ForeignKey(
        Organisation,
        verbose_name=_("au titre de"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Le parti au titre duquel la fonction est exercée, s'il y a lieu."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("fonction")
        verbose_name_plural = _("fonctions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role or self.organisation}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La fin ne peut pas précéder le début de la fonction.")}
            )
