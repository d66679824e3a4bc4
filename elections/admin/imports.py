"""CSV upload in the admin: the importers of the `import_*` commands, behind a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from elections import importers, services

# Importing results or proclaimed winners also sets the contests' status (final).
SETS_STATUS = ("results", "elected")


class ImportForm(forms.Form):
    KINDS = [
        ("results", gettext_lazy("Résultats (une ligne par tour et candidature)")),
        ("elected", gettext_lazy("Élus proclamés")),
        ("constituencies", gettext_lazy("Circonscriptions")),
    ]
    kind = forms.ChoiceField(label=gettext_lazy("Contenu du fichier"), choices=KINDS)
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV (UTF-8)"),
        help_text=gettext_lazy(
            "Le fichier entier est refusé à la moindre ligne fautive : rien n'est enregistré, "
            "et chaque ligne fautive est listée avec la raison."
        ),
    )
    election = forms.CharField(
        label=gettext_lazy("Élection"),
        required=False,
        help_text=gettext_lazy(
            "Pour les élus et les circonscriptions, par exemple « Élections sénatoriales 2023 »."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        help_text=gettext_lazy("Crédit montré aux lecteurs."),
    )
    source_url = forms.URLField(
        label=gettext_lazy("Adresse de la source"), required=False, assume_scheme="https"
    )
    accept_inconsistent = forms.BooleanField(
        label=gettext_lazy("Accepter des chiffres officiels incohérents"),
        required=False,
        help_text=gettext_lazy(
            "Résultats seulement. Des chiffres qui ne respectent pas l'arithmétique du scrutin "
            "(plus de voix que les bulletins ne le permettent…) sont alors publiés tels quels, "
            "avec un avertissement aux lecteurs qui nomme chaque incohérence et la source. "
            "Sans cette case, le fichier est refusé."
        ),
    )

    def __init__(self, *args, may_change_status: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.may_change_status = may_change_status

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") in ("elected", "constituencies") and not data.get("election"):
            raise ValidationError({"election": _("Indiquez l'élection.")})
        if data.get("kind") in SETS_STATUS and not self.may_change_status:
            raise ValidationError(
                {
                    "kind": _(
                        "Ce fichier fixe le statut des scrutins : il faut aussi le droit "
                        "de changer le statut d'un scrutin."
                    )
                }
            )
        return data

    def run(self) -> services.ImportReport:
        """Parse the whole file, then write it; ImportRejected lists every bad line."""
        data = self.cleaned_data
        text = importers.decode(data["file"].read())
        source = data["source"] or data["file"].name
        if data["kind"] == "results":
            return services.import_results(
                contests=importers.parse_results(
                    text, accept_inconsistent=data["accept_inconsistent"]
                ),
                source=source,
                source_url=data["source_url"],
            )
        if data["kind"] == "elected":
            return services.import_elected(
                election_name=data["election"],
                winners=importers.parse_elected(text),
                source=source,
                source_url=data["source_url"],
            )
        return services.import_constituencies(
            election_name=data["election"], rows=importers.parse_constituencies(text)
        )
