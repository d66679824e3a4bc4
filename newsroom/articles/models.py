from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SectionQuerySet(models.QuerySet):
    def for_navigation(self) -> "SectionQuerySet":
        return self.filter(in_navigation=True).order_by("position", "name")


class Section(models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Ordre dans la navigation (croissant).")
    )
    in_navigation = models.BooleanField(_("dans la navigation"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("rubrique")
        verbose_name_plural = _("rubriques")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})
