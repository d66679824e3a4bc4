"""The editors' page of `manage.py check_data`: every contradiction, with where to fix it."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from newsroom.ops import consistency


@require_GET
def findings(request: HttpRequest) -> HttpResponse:
    """Staff only (mounted with `admin.site.admin_view`): never cached, login required."""
    found = consistency.findings()
    groups = [
        (label, [finding for finding in found if finding.check == check])
        for check, label in consistency.CHECKS.items()
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Contradictions dans les données"),
        "groups": [(label, group) for label, group in groups if group],
        "failures": len(consistency.failures(found)),
        "acknowledged": len(found) - len(consistency.failures(found)),
    }
    return TemplateResponse(request, "admin/data_findings.html", context)
