from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from elections.models import Contest
from newsroom.articles.models import Article, ArticleNote, Section, Topic
from newsroom.people.models import Person


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "in_focus"]
    list_editable = ["in_focus"]
    list_filter = ["in_focus"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


class ArticleNoteInline(admin.TabularInline):
    model = ArticleNote
    extra = 0
    fields = ["kind", "noted_at", "text"]


def _searchable(model) -> bool:
    """Autocomplete needs the related model's admin with search fields (admin.E039/E040)."""
    model_admin = admin.site._registry.get(model)
    return bool(model_admin and model_admin.search_fields)


# People and elections register their admins first (INSTALLED_APPS order); while one of
# them offers no search, its links fall back to raw ids so the admin still loads.
_OTHER_APPS_LINKS = [("authors", Person), ("persons", Person), ("contests", Contest)]


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        # Model and fields come from ArticleAdmin (modelform_factory); help for editors
        # where the model has none.
        help_texts = {
            "title": _("Informatif et précis : il sert aussi de titre de partage."),
            "slug": _("L'adresse de l'article ; ne plus la changer une fois publié."),
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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "section", "language", "status", "published_at", "updated_at"]
    list_filter = ["status", "section", "language", "topics"]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "topics",
        "previous",
        "further_reading",
        *[name for name, model in _OTHER_APPS_LINKS if _searchable(model)],
    ]
    raw_id_fields = [name for name, model in _OTHER_APPS_LINKS if not _searchable(model)]
    readonly_fields = ["reading_time", "created_at", "modified_at"]
    inlines = [ArticleNoteInline]
    fieldsets = [
        (
            _("Contenu"),
            {
                "fields": [
                    "kicker",
                    "title",
                    "slug",
                    "standfirst",
                    "body",
                    "language",
                    ("lead_image", "lead_image_alt"),
                    ("lead_image_caption", "lead_image_credit"),
                ]
            },
        ),
        (
            _("Liens"),
            {
                "description": _(
                    "Ces liens nourrissent la page : résultats des scrutins, personnes citées, "
                    "fil de l'histoire et articles de la même thématique."
                ),
                "fields": [
                    "section",
                    "topics",
                    "authors",
                    "persons",
                    "contests",
                    "previous",
                    "further_reading",
                ],
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "Un article n'est visible des lecteurs que publié et une fois sa date de "
                    "publication passée. « Mis à jour le » ne se remplit qu'à la main, pour "
                    "une mise à jour qui change le fond."
                ),
                "fields": [
                    "status",
                    "published_at",
                    "updated_at",
                    ("reading_time", "created_at", "modified_at"),
                ],
            },
        ),
    ]
