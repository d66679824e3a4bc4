"""The admin's titles and inline links in correct French (the rule: newsroom/admin_titles.py),
for templates/admin/base_site.html."""

import json

from django import template
from django.utils.translation import gettext

from newsroom import admin_titles

register = template.Library()


@register.simple_tag
def admin_title(title, opts=None) -> str:
    if not title or not hasattr(opts, "label"):  # some pages have no model, or name it
        return title or ""
    return admin_titles.admin_title(str(title), opts)


@register.simple_tag
def inline_add_texts(inline_admin_formsets) -> str:
    """{formset prefix: « Ajouter une … »} for static/js/admin-fr.js, which puts them in the
    inlines' data before Django's inlines.js reads it."""
    texts = {}
    for inline in inline_admin_formsets or ():
        # inline.opts is the InlineModelAdmin, whose name Django's own link uses.
        text = admin_titles.add_another(inline.opts.opts.label, str(inline.opts.verbose_name))
        if text is not None:
            texts[inline.formset.prefix] = text
    return json.dumps(texts, ensure_ascii=False)


@register.simple_tag
def add_label(opts) -> str:
    """« Ajouter un article » for the change list's button (Django: « Ajouter article »)."""
    return admin_titles.add_another(opts.label, str(opts.verbose_name)) or gettext(
        "Add %(name)s"
    ) % {"name": opts.verbose_name}
