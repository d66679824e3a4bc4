"""The article admin's extra pages: change a published address, create a signed preview
link, restore an earlier version. Each checks its permission and writes through services."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from newsroom.articles import preview, services
from newsroom.articles.models import Article
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
        if not model_admin.has_publish_permission(request):
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


def readable(change) -> tuple[str, str, str]:
    """(field label, current value, value in the version) for editors: the body as text,
    links as names."""
    field = Article._meta.get_field(change.field)

    def show(value) -> str:
        if value is None or value == "":
            return "—"
        if field.many_to_many:
            target = field.m2m_reverse_field_name()
            linked = field.related_model.objects.filter(pk__in=[row[target] for row in value])
            return ", ".join(str(obj) for obj in linked) or "—"
        if change.field == "body":
            return plain_text(value)
        return str(value)

    return (str(field.verbose_name).capitalize(), show(change.old), show(change.new))


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


def submit_for_review(model_admin):
    @require_http_methods(["POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        try:
            services.submit_for_review(article=article, by=request.user)
        except services.StaleEdit:
            messages.error(request, _("L'article vient d'être modifié : réessayez."))
        else:
            messages.success(request, _("Article soumis pour relecture."))
        return redirect(CHANGE_URL, article.pk)

    return view
