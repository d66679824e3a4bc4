"""The article change form: rich-text body, the version it was opened at, editors' help."""

from django import forms
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from newsroom.articles.models import Article, Status
from newsroom.articles.notify import display_name

# The editor offers exactly what clean_html() keeps (newsroom/articles/sanitise.py); the
# server still sanitises whatever is posted.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Strike": True,
        "Underline": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "Table": True,
        "TableRow": True,
        "TableHeader": True,
        "TableCell": True,
    }
}


def stale_message(article: Article) -> str:
    """Who saved the article last, and when, from its history."""
    last = article.history.select_related("history_user").first()
    user = (last and last.history_user) or article.modified_by
    when = last.history_date if last else article.modified_at
    return _(
        "%(user)s a enregistré cet article le %(when)s, pendant que vous le modifiiez. "
        "Vos modifications n'ont pas été enregistrées : elles sont toujours dans ce "
        "formulaire. Copiez-les, rechargez la page pour partir de la dernière version, "
        "puis reportez-les."
    ) % {
        "user": display_name(user),
        "when": formats.date_format(timezone.localtime(when), "DATETIME_FORMAT"),
    }


def body_help(article: Article) -> str:
    """How to link a person or a contest in the text, with the addresses of those the
    article cites (admin help text is shown as HTML: everything is escaped here)."""
    how = _(
        "Pour lier une personne ou un scrutin dans le texte : sélectionnez son nom, "
        "cliquez sur le bouton lien et collez l'adresse de sa page."
    )
    if not article.pk:
        return format_html("{}", how)
    pages = [(person.name, person.get_absolute_url()) for person in article.persons.all()]
    pages += [
        (f"{contest.election.name} — {contest.constituency.name}", contest.get_absolute_url())
        for contest in article.contests.select_related("election", "constituency")
    ]
    if not pages:
        return format_html("{}", how)
    listed = format_html_join(" ; ", "{} : <code>{}</code>", pages)
    return format_html("{} {} {}", how, _("Pages citées par cet article :"), listed)


class ArticleAdminForm(forms.ModelForm):
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        # Model and fields come from ArticleAdmin (modelform_factory); help for editors
        # where the model has none.
        widgets = {"body": AdminProseEditorWidget(config=BODY_EDITOR, preset="configurable")}
        help_texts = {
            "title": _("Informatif et précis : il sert aussi de titre de partage."),
            "slug": _(
                "L'adresse de l'article. Une fois publié, elle ne change plus que par "
                "« Changer l'adresse », qui garde l'ancienne en redirection."
            ),
            "topics": _("Les dossiers de l'article ; ils pèsent le plus dans les articles liés."),
            "authors": _("Les journalistes qui signent ; leur nom renvoie à leur page."),
            "persons": _("Les personnes dont parle l'article, affichées avec leur fonction."),
            "previous": _(
                "L'article précédent de la même histoire : les deux pages se renvoient "
                "l'une à l'autre (« Ce que nous avons déjà publié » / « La suite »)."
            ),
            "further_reading": _(
                "« Pour aller plus loin » : seuls les articles publiés s'affichent."
            ),
            "lead_image_credit": _("Par exemple « Illustration Newsroom » ou « AFP »."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        if "body" in self.fields:
            self.fields["body"].help_text = body_help(self.instance)
        if "live_poll_seconds" in self.fields:
            # Left empty (or a form that predates it): the article keeps what it has.
            self.fields["live_poll_seconds"].required = False

    def clean_live_poll_seconds(self) -> int:
        value = self.cleaned_data.get("live_poll_seconds")
        return self.instance.live_poll_seconds if value is None else value

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            # Lock the row until the admin's transaction ends: a racing save of the same
            # version waits here, then sees the new version and is refused.
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if cleaned.get("base_version") != current:
                raise forms.ValidationError(stale_message(self.instance), code="stale")
        published_at, unpublish_at = cleaned.get("published_at"), cleaned.get("unpublish_at")
        if published_at and unpublish_at and unpublish_at <= published_at:
            self.add_error("unpublish_at", _("Le retrait doit venir après la publication."))
        publishing = cleaned.get("status") == Status.PUBLISHED
        if publishing and "published_at" in self.fields and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()  # "publish" with no date: now
        return cleaned
