from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.people.models import Membership, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "person"
    extra = 0
    fields = [
        "organisation",
        "role",
        "role_en",
        "area",
        "start_date",
        "end_date",
        "ended",
        "end_reason",
        "term_end",
        "on_behalf_of",
    ]
    autocomplete_fields = ["organisation", "on_behalf_of"]
    ordering = ["-start_date"]
    verbose_name = _("fonction")
    verbose_name_plural = _("fonctions (les plus récentes d'abord)")


class HasSenatIdFilter(admin.SimpleListFilter):
    title = _("sénateur ou sénatrice (import)")
    parameter_name = "senat"

    def lookups(self, request, model_admin):
        return [("yes", _("oui")), ("no", _("non"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(senat_id__isnull=False)
        if self.value() == "no":
            return queryset.filter(senat_id__isnull=True)
        return queryset


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "birth_date", "senat_id", "wikidata_id"]
    list_filter = ["gender", HasSenatIdFilter, "initial"]
    search_fields = ["name", "given_name", "family_name", "senat_id", "wikidata_id"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "given_name", "family_name", "sort_name", "gender"]}),
        (_("Dates"), {"fields": ["birth_date", "death_date"]}),
        (_("Présentation"), {"fields": ["photo", "photo_alt", "bio", "bio_en"]}),
        (_("Identifiants"), {"fields": ["wikidata_id", "senat_id"]}),
        (_("À la rédaction"), {"fields": ["account"]}),
    ]

    def save_model(self, request, obj: Person, form, change: bool) -> None:
        if "photo" in form.changed_data:  # a new photo (or none): measured again
            obj.photo_width = obj.photo_height = None
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent", "colour"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "role",
        "organisation",
        "area",
        "start_date",
        "end_date",
        "end_reason",
    ]
    list_filter = ["organisation__kind", "end_reason"]
    list_select_related = ["person", "organisation"]
    search_fields = [
        "person__name",
        "role",
        "role_en",
        "organisation__name",
        "organisation__acronym",
        "area",
    ]
    autocomplete_fields = ["person", "organisation", "on_behalf_of"]
    date_hierarchy = "start_date"
    readonly_fields = ["source_key"]
