"""Elections and constituencies, and how model validation reports the shared rules."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.translated import ENGLISH_HELP, DescribedInTwoLanguages, NamedInTwoLanguages
from newsroom.validation import CheckedTextModel


def raise_problems(problems: list[tuple[str, str]], fields: set[str] | None = None) -> None:
    """Turn validation problems into a ValidationError keyed by model field."""
    if not problems:
        return
    errors: dict[str, list[str]] = {}
    for field, message in problems:
        key = field if fields is None or field in fields else "__all__"
        errors.setdefault(key, []).append(message)
    raise ValidationError(errors)


class ElectionKind(models.TextChoices):
    SENATE = "senate", _("sénatoriales")
    LEGISLATIVE = "legislative", _("législatives")
    PRESIDENTIAL = "presidential", _("présidentielle")
    MUNICIPAL = "municipal", _("municipales")
    PROVINCIAL = "provincial", _("provinciales")
    OTHER = "other", _("autre")


class ElectionQuerySet(models.QuerySet):
    def for_sitemap(self) -> "ElectionQuerySet":
        return self.order_by("-date", "name")


class Election(NamedInTwoLanguages, DescribedInTwoLanguages, CheckedTextModel):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    name_en = models.CharField(
        _("nom en anglais"), max_length=200, blank=True, help_text=ENGLISH_HELP
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(
        _("type"), max_length=20, choices=ElectionKind.choices, default=ElectionKind.OTHER
    )
    date = models.DateField(_("date du scrutin"), null=True, blank=True)
    end_date = models.DateField(
        _("date du dernier tour"),
        null=True,
        blank=True,
        help_text=_("À remplir seulement si le dernier tour a lieu un autre jour."),
    )
    description = models.TextField(_("présentation"), blank=True)
    description_en = models.TextField(
        _("présentation en anglais"), blank=True, help_text=ENGLISH_HELP
    )

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("élection")
        verbose_name_plural = _("élections")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("elections:election", kwargs={"slug": self.slug})


class ConstituencyKind(models.TextChoices):
    DEPARTEMENT = "departement", _("département")
    OVERSEAS = "overseas", _("outre-mer")
    ABROAD = "abroad", _("Français établis hors de France")
    OTHER = "other", _("autre")


# Codes are part of the contest's URL and of its CSV file's name: capitals, digits, and "-"
# or "_" after the first character, as INSEE writes them (988, 2A, ZZ). Lower case is left
# out so that no code can read as a word of the election's own URLs ("carte").
constituency_code_validator = RegexValidator(
    r"\A[0-9A-Z][0-9A-Z_-]*\Z",
    _(
        "Un code s'écrit en majuscules et en chiffres, avec au besoin « - » ou « _ », "
        "par exemple 988, 2A ou ZZ."
    ),
)


class Constituency(NamedInTwoLanguages, CheckedTextModel):
    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        validators=[constituency_code_validator],
        help_text=_(
            "Code INSEE du département ou de la collectivité (« 988 »), « ZZ » pour l'étranger."
        ),
    )
    name = models.CharField(_("nom"), max_length=200)
    name_en = models.CharField(
        _("nom en anglais"), max_length=200, blank=True, help_text=ENGLISH_HELP
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=ConstituencyKind.choices, default=ConstituencyKind.OTHER
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("circonscription")
        verbose_name_plural = _("circonscriptions")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"
