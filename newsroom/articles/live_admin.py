"""Live-blog entries in the admin: the newsroom reads them all (as it reads every
article); journalists write in the open live blogs they sign and change their own
entries, editors write, change and delete in any. Every save goes through `live`
(pinning unpins the previous entry, an edit is dated for readers). The rules are
`permissions.can_post_entry` and `can_change_entry`: the forms and a crafted request
all ask them."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from newsroom.articles import live
from newsroom.articles.models import Article, LiveEntry
from newsroom.articles.permissions import EntryFacts, can_change_entry
from newsroom.articles.rules import plain_text
from newsroom.articles.templatetags.articles_tags import entry_time
from newsroom.people.models import Person


def writable_blogs(user) -> QuerySet:
    """The live blogs `user` may post to (`permissions.can_post_entry`, as a query)."""
    facts = live.live_user_facts(user)
    blogs = Article.objects.filter(live_blog=True)
    if not facts.can_write_live:
        return blogs.none()
    if not facts.can_publish:
        if facts.person_id is None:
            return blogs.none()  # an account no person signs as writes in no blog
        blogs = blogs.filter(authors=facts.person_id, live_ended_at=None)
    return blogs.order_by("-published_at", "-pk").distinct()


@admin.register(LiveEntry)
class LiveEntryAdmin(SimpleHistoryAdmin):
    list_display = ["posted_at", "summary", "article", "author", "key_event", "pinned", "edited"]
    list_display_links = ["posted_at", "summary"]
    list_filter = [("article", admin.RelatedOnlyFieldListFilter), "key_event", "pinned"]
    list_select_related = ["article", "author"]
    search_fields = ["headline", "body"]
    date_hierarchy = "posted_at"
    autocomplete_fields = ["contest", "person"]
    fields = [
        "article",
        "posted_at",
        "headline",
        "body",
        ("key_event", "pinned"),
        "contest",
        "person",
        "author",
    ]

    @admin.display(description=_("entrée"))
    def summary(self, entry: LiveEntry) -> str:
        return entry.headline or Truncator(plain_text(entry.body)).chars(80)

    @admin.display(description=_("modifiée"))
    def edited(self, entry: LiveEntry) -> str:
        return entry_time(entry.edited_at)

    # --- What each member of staff sees and may do -----------------------------------

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = writable_blogs(request.user)
        if db_field.name == "author":
            # The newsroom's own people (an account), not anyone in the people index.
            kwargs["queryset"] = Person.objects.filter(account__isnull=False).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("article")  # an entry stays in its live blog
        if not live.live_user_facts(request.user).can_publish:
            fields += ["author", "pinned"]  # a journalist signs as themselves; editors pin
        return fields

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        person = live.signing_person(request.user)
        if person is not None:
            initial.setdefault("author", person.pk)
        return initial

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.may_change(request, obj)

    def may_change(self, request: HttpRequest, entry: LiveEntry) -> bool:
        facts = live.live_user_facts(request.user)
        blog = live.blog_facts(entry.article)
        return can_change_entry(facts, blog, EntryFacts(entry.created_by_id))

    # --- Saving through the services --------------------------------------------------

    def save_model(self, request: HttpRequest, obj: LiveEntry, form, change: bool) -> None:
        if change:
            live.edit_entry(entry=obj, by=request.user, changed=form.changed_data)
        else:
            live.post_entry(entry=obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: LiveEntry) -> None:
        live.delete_entry(entry=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for entry in queryset.select_related("article"):
            live.delete_entry(entry=entry, by=request.user)
