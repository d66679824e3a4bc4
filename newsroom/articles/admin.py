from django.contrib import admin

from newsroom.articles.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
