"""People, organisations and memberships, after the Popolo open data model."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom import text
from newsroom.people import rules
from newsroom.translated import ENGLISH_HELP, NamedInTwoLanguages, in_language
from newsroom.uploads import GeneratedName, measured, validate_image
from newsroom.validation import CheckedTextModel

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


def current_memberships_prefetch() -> Prefetch:
    """Each person's `current_memberships` (organisation set), latest first: one query for
    any number of persons (`prefetch_related` or `prefetch_related_objects`)."""
    memberships = Membership.objects.current().select_related("organisation")
    return Prefetch(
        "memberships",
        queryset=memberships.order_by("-start_date", "pk"),
        to_attr="current_memberships",
    )


class PersonQuerySet(models.QuerySet):
    def matching(self, query: str) -> "PersonQuerySet":
        """Persons whose name holds every word of `query`, with or without accents or
        capitals (searched in `sort_key`, the name folded the same way)."""
        words = text.terms(query)
        if not words:
            return self.none()
        condition = Q()
        for word in words:
            condition &= Q(sort_key__contains=word)
        return self.filter(condition)

    def members_of(self, organisations: "list[Organisation]") -> "PersonQuerySet":
        """Persons with a membership, past or present, in any of these organisations."""
        return self.filter(
            Exists(Membership.objects.filter(person=OuterRef("pk"), organisation__in=organisations))
        )

    def for_index(self) -> "PersonQuerySet":
        """The people index rows: each person with their memberships (one more query)."""
        memberships = Membership.objects.select_related("organisation").order_by("-start_date")
        return self.only(
            "name", "slug", "sort_key", "initial", "gender", "birth_date", "death_date"
        ).prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="all_memberships"))

    def for_page(self) -> "PersonQuerySet":
        """A person page: every membership with its organisations (one more query)."""
        return self.prefetch_related(
            Prefetch("memberships", queryset=Membership.objects.for_timeline())
        )


class Person(CheckedTextModel):
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
    death_date = models.DateField(_("date de décès"), null=True, blank=True)
    # A journalist's own account: they sign as this person (a live blog's entries).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte de la rédaction"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_(
            "Pour un journaliste : le compte avec lequel il se connecte. Il écrit alors dans "
            "les directs qu'il signe, sous ce nom."
        ),
    )
    initial = models.CharField(
        _("lettre de l'index"),
        max_length=1,
        blank=True,
        editable=False,
        help_text=_("Calculée à partir du nom de tri."),
    )
    sort_key = models.CharField(
        _("clé de tri"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Le nom de tri sans accents ni majuscules, calculé."),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=GeneratedName("people"),
        validators=[validate_image],
        blank=True,
    )
    # Measured once from the file (`uploads.measured`); empty when it could not be read.
    photo_width = models.PositiveIntegerField(
        _("largeur de la photo"), null=True, blank=True, editable=False
    )
    photo_height = models.PositiveIntegerField(
        _("hauteur de la photo"), null=True, blank=True, editable=False
    )
    photo_alt = models.CharField(
        _("texte alternatif de la photo"),
        max_length=250,
        blank=True,
        help_text=_(
            "Décrit la photo pour qui ne la voit pas, par exemple « Sonia Backès en 2022 »."
        ),
    )
    bio = models.TextField(
        _("biographie courte"),
        blank=True,
        help_text=_("Deux ou trois phrases factuelles, écrites par la rédaction."),
    )
    bio_en = models.TextField(_("biographie en anglais"), blank=True, help_text=ENGLISH_HELP)
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

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key", "name"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        indexes = [
            # The people index: one letter, in alphabetical order.
            models.Index(fields=["initial", "sort_key"], name="person_index_letter"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(death_date__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(death_date__gte=models.F("birth_date")),
                name="person_dies_after_birth",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def biography(self) -> str:
        """Its short biography in the language of the page being rendered."""
        return in_language(self.bio, self.bio_en)

    def save(self, *args, **kwargs) -> None:
        # The importer fills these itself, since bulk_create does not call save().
        self.sort_name = self.sort_name or rules.sort_name(self.given_name, self.family_name)
        self.sort_name = self.sort_name or self.name
        self.initial = rules.index_letter(self.sort_name)
        self.sort_key = rules.sort_key(self.sort_name)
        self.photo_width, self.photo_height = measured(
            self.photo, self.photo_width, self.photo_height
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "sort_name" in update_fields:
            kwargs["update_fields"] = update_fields = {*update_fields, "initial", "sort_key"}
        if update_fields is not None and "photo" in update_fields:
            kwargs["update_fields"] = {*update_fields, "photo_width", "photo_height"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:person", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.birth_date and self.death_date and self.death_date < self.birth_date:
            raise ValidationError(
                {"death_date": _("La date de décès ne peut pas précéder la date de naissance.")}
            )


class OrganisationKind(models.TextChoices):
    PARTY = "party", _("parti")
    COALITION = "coalition", _("coalition")
    PARLIAMENTARY_GROUP = "group", _("groupe parlementaire")
    GOVERNMENT = "government", _("gouvernement")
    ASSEMBLY = "assembly", _("assemblée")
    LOCAL_AUTHORITY = "local", _("collectivité")
    NEWS = "news", _("média")


class OrganisationQuerySet(models.QuerySet):
    def for_page(self) -> "OrganisationQuerySet":
        return self.select_related("parent").prefetch_related("children")

    def for_filter(self) -> "OrganisationQuerySet":
        """The choices of the people index filter: organisations with members of their own
        or through a child organisation (the FLNKS through its parties)."""
        own_or_child = Q(organisation=OuterRef("pk")) | Q(organisation__parent=OuterRef("pk"))
        return (
            self.filter(Exists(Membership.objects.filter(own_or_child)))
            .only("name", "name_en", "acronym", "slug", "kind")
            .order_by("kind", "name")
        )


class Organisation(NamedInTwoLanguages, CheckedTextModel):
    name = models.CharField(_("nom"), max_length=200)
    name_en = models.CharField(
        _("nom en anglais"), max_length=200, blank=True, help_text=ENGLISH_HELP
    )
    acronym = models.CharField(
        _("sigle"), max_length=40, blank=True, help_text=_("Par exemple « LR » ou « FLNKS ».")
    )
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
    term_years = models.PositiveSmallIntegerField(
        _("durée du mandat (ans)"),
        null=True,
        blank=True,
        help_text=_(
            "Quand la loi la fixe (6 pour le Sénat) : une fonction sans fin connue cesse "
            "d'être en cours à la fin normale de son mandat."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("people:organisation", kwargs={"slug": self.slug})

    def with_children(self) -> "list[Organisation]":
        """This organisation and its direct children: a coalition's parties, a government's
        ministries, the Sénat's groups. Their members are members of this one too."""
        return [self, *self.children.all()]


class EndReason(models.TextChoices):
    RESIGNATION = "resignation", _("démission")
    DEFEAT = "defeat", _("défaite")
    END_OF_TERM = "end_of_term", _("fin de mandat")
    DEATH = "death", _("décès")
    INCOMPATIBILITY = "incompatibility", _("incompatibilité")
    OTHER = "other", _("autre")


class MembershipQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        """Offices held today: started (or start unknown), neither ended nor past the natural
        end of their term (`rules.is_current`, the same rule in SQL)."""
        today = today or timezone.localdate()
        # The recorded end wins; without one, the natural end of the term.
        stops_later = Q(end_date__gt=today) | Q(
            Q(term_end__isnull=True) | Q(term_end__gt=today), end_date__isnull=True
        )
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=today), stops_later, ended=False
        )

    def past(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        """Offices that have stopped: ended (on a known date or not), or past their term's
        natural end."""
        today = today or timezone.localdate()
        return self.filter(
            Q(end_date__lte=today) | Q(end_date__isnull=True, term_end__lte=today) | Q(ended=True)
        )

    def for_timeline(self) -> "MembershipQuerySet":
        return self.select_related("organisation__parent", "on_behalf_of")

    def for_organisation_page(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        return (
            self.current(today)
            .select_related("person", "organisation")
            .order_by("person__sort_key", "person__name", "-start_date")
        )


class Membership(CheckedTextModel):
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
    role_en = models.CharField(
        _("fonction en anglais"), max_length=200, blank=True, help_text=ENGLISH_HELP
    )
    area = models.CharField(
        _("territoire"),
        max_length=200,
        blank=True,
        help_text=_("Circonscription, commune ou province, par exemple « Nouvelle-Calédonie »."),
    )
    start_date = models.DateField(
        _("début"), null=True, blank=True, help_text=_("Laisser vide si la date est inconnue.")
    )
    end_date = models.DateField(
        _("fin"),
        null=True,
        blank=True,
        help_text=_("Vide tant que la fonction dure, ou si la date de fin est inconnue."),
    )
    end_reason = models.CharField(
        _("motif de fin"), max_length=20, choices=EndReason.choices, blank=True
    )
    ended = models.BooleanField(
        _("terminée, date inconnue"),
        default=False,
        help_text=_(
            "À cocher quand une source dit que la fonction a pris fin sans en donner la "
            "date (« l'ancien sénateur ») : elle n'est plus montrée comme en cours."
        ),
    )
    term_end = models.DateField(
        _("fin normale du mandat"),
        null=True,
        blank=True,
        help_text=_(
            "Le terme fixé par la loi ; calculé à l'enregistrement quand l'organisation a une "
            "durée de mandat. Passé ce jour, la fonction n'est plus montrée comme en cours."
        ),
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
    source_key = models.CharField(
        _("clé d'import"),
        max_length=80,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("Identifie la ligne importée (par exemple un mandat du Sénat)."),
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
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(start_date__isnull=True)
                | Q(term_end__gte=models.F("start_date")),
                name="membership_term_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role or self.organisation}"

    @property
    def title(self) -> str:
        """The office's title in the language of the page being rendered."""
        return in_language(self.role, self.role_en)

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("La fin ne peut pas précéder le début de la fonction.")}
            )
        if self.end_reason and not (self.end_date or self.ended):
            raise ValidationError(
                {
                    "end_reason": _(
                        "Indiquez la date de fin (ou cochez « terminée, date inconnue ») "
                        "avant le motif de fin."
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        if self.term_end is None and self.start_date and self.organisation.term_years:
            self.term_end = rules.term_end(
                self.start_date,
                self.organisation.term_years,
                senate=self.organisation.slug == rules.SENATE_SLUG,
            )
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "term_end"}
        super().save(*args, **kwargs)

    @property
    def stops_on(self) -> datetime.date | None:
        """The recorded end, else the natural end of the term."""
        return rules.stop_date(self.end_date, self.term_end)

    @property
    def is_current(self) -> bool:
        return rules.is_current(
            self.end_date,
            timezone.localdate(),
            start=self.start_date,
            term_end=self.term_end,
            ended=self.ended,
        )
