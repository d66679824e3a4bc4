from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from newsroom.articles.models import Section


def site(request: HttpRequest) -> dict:
    """Site furniture every page needs: name, sections, the other language's URL."""
    current = get_current_site(request)
    alternates = [
        (code, name, translate_url(request.get_full_path(), code))
        for code, name in settings.LANGUAGES
    ]
    return {
        "site_name": current.name,
        # Read only by a page that is rendered, once however often the page shows it.
        "nav_sections": SimpleLazyObject(Section.objects.navigation_list),
        "language_alternates": alternates,
    }
