"""The article admin's extra pages: change a published address, create a signed preview
link, restore an earlier version. Each checks its permission and writes through services."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsroom.articles import editing, preview, services
from newsroom.articles.models import Article, Status
from newsroom.articles.notify import display_name
from newsroom.articles.permissions import can_share_preview
from newsroom.articles.rules import plain_text

CHANGE_URL = "admin:articles_article_change"


class SlugForm(forms.Form):
    slug = forms.SlugField(label=_("Nouvelle adresse"), max_length=250)

    def __init__(self, *args, article: Article, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.article = article

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Article.objects.filter(slug=slug).exclude(pk=self.article.pk).exists():
            raise forms.ValidationError(_("Un autre article a déjà cette adresse."))
        return slug


def _context(model_admin, request: HttpRequest, article: Article, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": article,
        "article": article,
        **extra,
    }


def change_slug(model_admin):
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not model_admin.has_publish_permission(request):
            raise PermissionDenied
        form = SlugForm(request.POST or None, article=article, initial={"slug": article.slug})
        if request.method == "POST" and form.is_valid():
            old = article.slug
            services.change_slug(
                article=article, new_slug=form.cleaned_data["slug"], by=request.user
            )
            messages.success(
                request,
                _("Nouvelle adresse enregistrée ; l'ancienne (%(old)s) redirige vers elle.")
                % {"old": old},
            )
            return redirect(CHANGE_URL, article.pk)
        context = _context(model_admin, request, article, form=form, title=_("Changer l'adresse"))
        return TemplateResponse(request, "admin/articles/article/change_slug.html", context)

    return view


def preview_link(model_admin):
    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not can_share_preview(
            services.user_facts(request.user), services.article_facts(article)
        ):
            raise PermissionDenied
        token = preview.make_token(pk=article.pk, secret=article.preview_secret)
        link = request.build_absolute_uri(reverse("articles:preview_link", args=[token]))
        expires = timezone.now() + preview.PREVIEW_LINK_MAX_AGE
        context = _context(
            model_admin, request, article, link=link, expires=expires, title=_("Lien d'aperçu")
        )
        response = TemplateResponse(request, "admin/articles/article/preview_link.html", context)
        response["Cache-Control"] = "private, no-store"
        return response

    return view


def revoke_preview_links(model_admin):
    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        try:
            services.revoke_preview_links(article=article, by=request.user)
        except services.StaleEdit:
            messages.error(request, _("L'article vient d'être modifié : réessayez."))
        else:
            messages.success(
                request, _("Les liens d'aperçu envoyés jusqu'ici ne fonctionnent plus.")
            )
        return redirect(CHANGE_URL, article.pk)

    return view


def readable(change) -> tuple[str, str, str]:
    """(field label, value before, value after) for editors: the body as text, links and
    people by name, statuses by their label, times in local time, never "None"."""
    field = Article._meta.get_field(change.field)

    def show(value) -> str:
        if value is None or value == "":
            return "—"
        if field.many_to_many:
            target = field.m2m_reverse_field_name()
            linked = field.related_model.objects.filter(pk__in=[row[target] for row in value])
            return ", ".join(str(obj) for obj in linked) or "—"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, bool):
            return _("oui") if value else _("non")
        if change.field == "body":
            return plain_text(value)
        if field.is_relation:
            linked = field.related_model._default_manager.filter(pk=value).first()
            if linked is None:
                return _("(supprimé)")
            return display_name(linked) if hasattr(linked, "get_full_name") else str(linked)
        return str(value)

    return (str(field.verbose_name).capitalize(), show(change.old), show(change.new))


# Bookkeeping every save changes: not what an editor looks for in the history.
UNSHOWN_IN_HISTORY = ["version", "modified_at", "modified_by"]


def with_readable_changes(records) -> None:
    """Give each version (newest first) what changed since the one before it
    (`readable_changes`; `compared` is false for the oldest on the page)."""
    for newer, older in zip(records, [*records[1:], None], strict=True):
        newer.compared = older is not None
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=UNSHOWN_IN_HISTORY)
            newer.readable_changes = [readable(change) for change in delta.changes]


def restore(model_admin):
    def view(request: HttpRequest, object_id: str, version_id: str) -> HttpResponse:
        article = get_object_or_404(Article, pk=unquote(object_id))
        record = get_object_or_404(article.history, history_id=unquote(version_id))
        if not model_admin.has_view_permission(request, article):
            raise PermissionDenied
        can_restore = model_admin.has_change_permission(request, article)
        if request.method == "POST":
            if not can_restore:
                raise PermissionDenied
            try:
                services.restore_version(
                    article=article, history_id=record.history_id, by=request.user
                )
            except services.StaleEdit:
                messages.error(request, _("L'article vient d'être modifié : réessayez."))
                return redirect(request.path)
            messages.success(request, _("La version choisie a été restaurée."))
            return redirect(CHANGE_URL, article.pk)
        current = article.history.first()
        changes = (
            record.diff_against(current, included_fields=services.RESTORED_FIELDS_NAMES).changes
            if current is not None
            else []
        )
        changes = [readable(change) for change in changes]
        context = _context(
            model_admin,
            request,
            article,
            record=record,
            changes=changes,
            can_restore=can_restore,
            title=_("Restaurer une version"),
        )
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    return view


def edit_link(request: HttpRequest, article: Article) -> str:
    """Where the article is edited, as a full address for an e-mail."""
    return request.build_absolute_uri(reverse(CHANGE_URL, args=[article.pk]))


def submit_for_review(model_admin):
    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        note = request.POST.get("note", "").strip()
        try:
            services.submit_for_review(
                article=article, by=request.user, note=note, link=edit_link(request, article)
            )
        except services.StaleEdit:
            messages.error(request, _("L'article vient d'être modifié : réessayez."))
        else:
            messages.success(
                request, _("Article soumis pour relecture : les éditeurs sont prévenus.")
            )
        return redirect(CHANGE_URL, article.pk)

    return view


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce qui est à revoir : l'auteur le lit dans l'article et par e-mail."),
        error_messages={"required": _("Dites à l'auteur ce qui est à revoir.")},
    )


def send_back(model_admin):
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not model_admin.has_publish_permission(request):
            raise PermissionDenied
        if article.status != Status.REVIEW:
            messages.error(request, _("Cet article n'est pas en relecture."))
            return redirect(CHANGE_URL, article.pk)
        form = SendBackForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.send_back(
                    article=article,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    link=edit_link(request, article),
                )
            except services.StaleEdit:
                messages.error(request, _("L'article vient d'être modifié : réessayez."))
                return redirect(request.path)
            messages.success(request, _("Article renvoyé à son auteur avec votre motif."))
            return redirect(CHANGE_URL, article.pk)
        context = _context(model_admin, request, article, form=form, title=_("Renvoyer à l'auteur"))
        return TemplateResponse(request, "admin/articles/article/send_back.html", context)

    return view


def autosave(model_admin):
    """Keep what the user has typed in the article's form (`pk`, or a new article's)
    every 30 s, without making a version; answer with who else has it open."""

    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk) if pk is not None else None
        allowed = (
            model_admin.has_change_permission(request, article)
            if article is not None
            else model_admin.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form = AutosaveForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors}, status=400)
        copy = editing.keep_copy(user=request.user, article=article, **form.cleaned_data)
        others = editing.seen_editing(article_id=pk, user=request.user) if pk else []
        saved_at = formats.time_format(timezone.localtime(copy.saved_at), "H:i")
        return JsonResponse({"saved_at": saved_at, "others": others})

    return view


class AutosaveForm(forms.Form):
    title = forms.CharField(max_length=250, required=False, strip=False)
    body = forms.CharField(required=False, strip=False)


def discard_copy(model_admin):
    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk) if pk is not None else None
        editing.drop_copy(user=request.user, article=article)
        if article is None:
            return redirect("admin:articles_article_add")
        return redirect(CHANGE_URL, article.pk)

    return view
