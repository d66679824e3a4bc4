from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.i18n import JavaScriptCatalog
from simple_history.admin import SimpleHistoryAdmin

from newsroom.articles import (
    admin_views,
    editing,
    live_admin,  # noqa: F401 - registers the live-blog entries' admin
    search,
    services,
)
from newsroom.articles.admin_forms import ArticleAdminForm
from newsroom.articles.models import (
    Article,
    ArticleNote,
    ArticleRedirect,
    ReviewNote,
    ReviewStep,
    Section,
    Status,
    Topic,
    record_version,
)
from newsroom.articles.permissions import (
    can_add_notes,
    can_edit,
    can_publish,
    can_share_preview,
    can_submit_for_review,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "in_focus", "colour"]
    list_editable = ["in_focus"]
    list_filter = ["in_focus"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "description"]


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "article", "created_at"]
    list_select_related = ["article"]
    search_fields = ["old_slug", "article__title"]
    raw_id_fields = ["article"]


class EditorsWriteNotes:
    """Update and correction notes are public statements: editors only (in the article's
    form and in the notes' own admin alike)."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_add_notes(services.user_facts(request.user), None)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_add_permission(request)


class ArticleNoteInline(EditorsWriteNotes, admin.TabularInline):
    model = ArticleNote
    extra = 0
    fields = ["kind", "noted_at", "text"]

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("articles.view_article")


@admin.register(ArticleNote)
class ArticleNoteAdmin(EditorsWriteNotes, SimpleHistoryAdmin):
    """Notes are edited in their article; this list gives their own history."""

    list_display = ["article", "kind", "noted_at"]
    list_filter = ["kind"]
    list_select_related = ["article"]
    search_fields = ["text", "article__title"]
    raw_id_fields = ["article"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("mise en ligne")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", _("en ligne")), ("scheduled", _("programmés")), ("gone", _("retirés"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.published(now)
        if self.value() == "scheduled":
            return queryset.scheduled(now)
        if self.value() == "gone":
            return queryset.withdrawn(now)
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = _("mes articles")
    parameter_name = "mes"

    def lookups(self, request, model_admin):
        return [("crees", _("créés par moi")), ("confies", _("qui me sont confiés"))]

    def queryset(self, request, queryset):
        if self.value() == "crees":
            return queryset.filter(created_by=request.user)
        if self.value() == "confies":
            return queryset.filter(assigned_to=request.user)
        return queryset


# Fields a journalist's request may not carry at all: they decide publication.
PUBLICATION_FIELDS = (
    "status",
    "published_at",
    "unpublish_at",
    "retraction_reason",
    "updated_at",
    "front_position",
    "assigned_to",
    # Closing a live blog, or slowing its readers' polls, changes every open page.
    "live_ended_at",
    "live_poll_seconds",
)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    view_on_site = False  # the change form has its own "Aperçu" / "Voir sur le site" link
    list_display = [
        "title",
        "status_badge",
        "section",
        "author_names",
        "published_at",
        "front_position",
        "modified_by",
    ]
    list_filter = [
        MineFilter,
        "status",
        PublicationFilter,
        "section",
        "topics",
        "language",
        ("authors", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["section", "modified_by"]
    # And the text: see get_search_results.
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    # Autocomplete reads the search fields of the linked models' admins (PersonAdmin,
    # ContestAdmin): `manage.py check` fails (admin.E040) if one loses them.
    autocomplete_fields = [
        "topics",
        "previous",
        "further_reading",
        "authors",
        "persons",
        "contests",
    ]
    readonly_fields = ["reading_time", "created_at", "modified_at", "version", "live_entries"]
    inlines = [ArticleNoteInline]
    actions = ["publish_now", "unpublish", "submit_for_review", "close_live", "reopen_live"]
    fieldsets = [
        (
            _("Contenu"),
            {
                "fields": [
                    "base_version",
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
            _("Partage et moteurs de recherche"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Facultatif : ce que montrent les moteurs de recherche et les réseaux "
                    "sociaux, quand le titre, le chapô ou l'image principale ne conviennent pas."
                ),
                "fields": ["seo_title", "seo_description", "social_image"],
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
            _("Direct"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Un direct reçoit des entrées datées (menu « Entrées de direct ») que "
                    "les lecteurs voient arriver. Le clore et régler son rafraîchissement "
                    "sont réservés aux éditeurs."
                ),
                "fields": [
                    "live_blog",
                    "live_entries",
                    "live_started_at",
                    "live_ended_at",
                    "live_poll_seconds",
                ],
            },
        ),
        (
            _("Publication"),
            {
                "description": _(
                    "Un article n'est visible des lecteurs que publié, une fois sa date de "
                    "publication passée et avant son heure de retrait : une date future le "
                    "programme. « Mis à jour le » ne se remplit qu'à la main, pour une mise à "
                    "jour qui change le fond. Publier, programmer, retirer, confier et mettre "
                    "à la une sont réservés aux éditeurs."
                ),
                "fields": [
                    "status",
                    "published_at",
                    ("unpublish_at", "retraction_reason"),
                    "embargo",
                    "assigned_to",
                    "updated_at",
                    "front_position",
                    ("reading_time", "created_at", "modified_at", "version"),
                ],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}

    # --- Change list ---------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related("authors")

    @admin.display(description=_("statut"), ordering="status")
    def status_badge(self, article: Article) -> str:
        if article.is_withdrawn:
            kind, label = "withdrawn", _("retiré")
        elif article.is_scheduled:
            kind, label = "scheduled", _("programmé")
        else:
            kind, label = article.status, article.get_status_display()
        return format_html('<span class="status-badge status-badge--{}">{}</span>', kind, label)

    @admin.display(description=_("auteurs"))
    def author_names(self, article: Article) -> str:
        return format_html_join(", ", "{}", ((a.name,) for a in article.authors.all()))

    @admin.display(description=_("entrées"))
    def live_entries(self, article: Article) -> str:
        if article.pk is None or not article.live_blog:
            return "—"
        entries = reverse("admin:articles_liveentry_changelist")
        add = reverse("admin:articles_liveentry_add")
        return format_html(
            '<a href="{}?article__id__exact={}">{}</a> · <a href="{}?article={}">{}</a>',
            entries,
            article.pk,
            ngettext("%(n)s entrée", "%(n)s entrées", article.entries.count())
            % {"n": article.entries.count()},
            add,
            article.pk,
            _("écrire une entrée"),
        )

    # --- Permissions (the rules live in permissions.py) ------------------------------

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(services.user_facts(request.user))

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        facts = services.article_facts(obj) if obj is not None else None
        return can_edit(services.user_facts(request.user), facts)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (
            obj is None or self.has_change_permission(request, obj)
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += PUBLICATION_FIELDS
        if obj is not None and obj.status == Status.PUBLISHED:
            fields.append("slug")  # changed only by the "Changer l'adresse" action
        return fields

    def get_prepopulated_fields(self, request: HttpRequest, obj=None) -> dict:
        if obj is not None and obj.status == Status.PUBLISHED:
            return {}
        return super().get_prepopulated_fields(request, obj)

    # --- Saving ----------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A crafted request: these fields are not even in a journalist's form.
        if (
            request.method == "POST"
            and not self.has_publish_permission(request)
            and any(key.startswith(PUBLICATION_FIELDS) for key in request.POST)
        ):
            raise PermissionDenied
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEdit:
            # Lost a race after validation (the transaction rolled back): validate again,
            # which now reports the other save and keeps this text in the form.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """The title, standfirst and slug as the admin matches them, and the body as
        readers' search finds it (PostgreSQL's full-text index), drafts included."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            in_text = search.matching(Article.objects.all(), search_term).values("pk")
            found = found | queryset.filter(pk__in=in_text)
        return found, may_have_duplicates

    def save_model(self, request: HttpRequest, obj: Article, form, change: bool) -> None:
        # The form already kept these fields out of a journalist's reach; the rule is
        # checked once more on what is about to be written.
        user = services.user_facts(request.user)
        if change and not can_edit(user, services.article_facts(obj)):
            raise PermissionDenied
        if obj.status == Status.PUBLISHED and not can_publish(user):
            raise PermissionDenied
        if change:
            services.claim_version(article=obj, expected=form.cleaned_data["base_version"])
            if form.initial.get("status") == Status.REVIEW and obj.status == Status.PUBLISHED:
                services.note_approval(article=obj, by=request.user)
        else:
            obj.created_by = request.user
        obj.modified_by = request.user
        if "lead_image" in form.changed_data:  # a new image (or none): measured again
            obj.lead_image_width = obj.lead_image_height = None
        # One history version per save, written once the links are saved (save_related):
        # saving each link would otherwise add a version of its own.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        article = form.instance
        del article.skip_history_when_saving
        article._history_user = request.user
        record_version(article, created=not change)
        # Saved: the autosaved copy has nothing more to offer.
        editing.drop_copy(user=request.user, article=article if change else None)

    # --- Autosaved copies (editing.py): offered back with ?reprendre ------------------

    def get_object(self, request: HttpRequest, object_id: str, from_field=None):
        article = super().get_object(request, object_id, from_field)
        if article is not None and request.method == "GET" and "reprendre" in request.GET:
            copy = editing.copy_to_offer(user=request.user, article=article)
            if copy is not None:
                article.title, article.body = copy.title, copy.body
        return article

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        initial = super().get_changeform_initial_data(request)
        if "reprendre" in request.GET:
            copy = editing.copy_to_offer(user=request.user, article=None)
            if copy is not None:
                initial |= {"title": copy.title, "body": copy.body}
        return initial

    # --- Actions (each article through services.py) --------------------------------

    def _apply(self, request: HttpRequest, queryset: QuerySet, action, done: str) -> None:
        changed = refused = 0
        for article in queryset:
            try:
                action(article=article, by=request.user)
                changed += 1
            except (PermissionDenied, services.StaleEdit):
                refused += 1
        if changed:
            self.message_user(request, done % {"count": changed}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article n'a pas pu être modifié (droits insuffisants).",
                    "%(count)d articles n'ont pas pu être modifiés (droits insuffisants).",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )

    @admin.action(description=_("Publier maintenant"), permissions=["publish"])
    def publish_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(request, queryset, services.publish_article, _("Publiés : %(count)d."))

    @admin.action(description=_("Dépublier"), permissions=["publish"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(request, queryset, services.unpublish_article, _("Dépubliés : %(count)d."))

    @admin.action(
        description=_("Clore le direct (les pages cessent d'attendre)"), permissions=["publish"]
    )
    def close_live(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(request, queryset, services.close_live_blog, _("Directs clos : %(count)d."))

    @admin.action(description=_("Rouvrir le direct"), permissions=["publish"])
    def reopen_live(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply(
            request, queryset, services.reopen_live_blog, _("Directs rouverts : %(count)d.")
        )

    @admin.action(description=_("Soumettre pour relecture"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet) -> None:
        def submit(*, article: Article, by) -> None:
            link = admin_views.edit_link(request, article)
            services.submit_for_review(article=article, by=by, link=link)

        self._apply(request, queryset, submit, _("Soumis pour relecture : %(count)d."))

    # --- Extra pages: address change, signed preview link, restore -------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/adresse/",
                view(admin_views.change_slug(self)),
                name="articles_article_change_slug",
            ),
            path(
                "<int:pk>/relecture/",
                view(admin_views.submit_for_review(self)),
                name="articles_article_submit_for_review",
            ),
            path(
                "<int:pk>/copie/",
                view(admin_views.autosave(self)),
                name="articles_article_autosave",
            ),
            path("copie/", view(admin_views.autosave(self)), name="articles_article_autosave_new"),
            path(
                "<int:pk>/copie/effacer/",
                view(admin_views.discard_copy(self)),
                name="articles_article_discard_copy",
            ),
            path(
                "copie/effacer/",
                view(admin_views.discard_copy(self)),
                name="articles_article_discard_copy_new",
            ),
            path(
                "<int:pk>/renvoyer/",
                view(admin_views.send_back(self)),
                name="articles_article_send_back",
            ),
            # The rich-text editor's menu labels in the interface language.
            path(
                "jsi18n-editeur/",
                # Django's admin strings too: admin/js/jquery.init.js replaces window.django
                # after the admin's catalog, so this later one starts a new catalog and
                # rebinds gettext; django.contrib.admin last, for its plural forms.
                view(
                    JavaScriptCatalog.as_view(
                        packages=["django_prose_editor", "django.contrib.admin"]
                    )
                ),
                name="articles_article_editor_jsi18n",
            ),
            path(
                "<int:pk>/lien-apercu/",
                view(admin_views.preview_link(self)),
                name="articles_article_preview_link",
            ),
            path(
                "<int:pk>/lien-apercu/revoquer/",
                view(admin_views.revoke_preview_links(self)),
                name="articles_article_revoke_preview_links",
            ),
            *super().get_urls(),
        ]

    object_history_template = "admin/articles/article/history.html"

    def history_view_title(self, request, obj) -> str:
        return _("Historique de « %(title)s »") % {"title": obj}

    def set_history_delta_changes(self, request, historical_records, **kwargs) -> None:
        admin_views.with_readable_changes(list(historical_records))

    def history_view(self, request, object_id, extra_context=None):
        notes = ReviewNote.objects.filter(article_id=object_id).select_related("by")
        extra = {"review_notes": notes, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context=extra)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return admin_views.restore(self)(request, object_id, version_id)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and context["adminform"].form.errors:
            # A refused save: the heading and breadcrumb name the article as it is
            # stored, not the rejected title still in the form.
            obj = Article.objects.get(pk=obj.pk)
            context.update(original=obj, subtitle=str(obj))
        can_publish = self.has_publish_permission(request)
        notes = list(obj.review_notes.select_related("by")) if obj is not None else []
        if request.method == "GET" and "reprendre" not in request.GET:
            context["autosaved"] = editing.copy_to_offer(user=request.user, article=obj)
        if obj is not None:
            context["also_editing"] = editing.seen_editing(article_id=obj.pk, user=request.user)
        context["autosave_every"] = settings.ARTICLE_AUTOSAVE_SECONDS * 1000
        context.update(
            can_publish=can_publish,
            can_submit=obj is not None
            and can_submit_for_review(
                services.user_facts(request.user), services.article_facts(obj)
            ),
            can_send_back=can_publish and obj is not None and obj.status == Status.REVIEW,
            can_share_preview=obj is not None
            and can_share_preview(services.user_facts(request.user), services.article_facts(obj)),
            review_notes=notes,
            sent_back=bool(notes) and notes[-1].step == ReviewStep.SENT_BACK,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)
