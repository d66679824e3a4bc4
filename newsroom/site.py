"""The site's name as the database holds it: read by any app (it imports no app), shown
by every page (a change to it touches the freshness key every page shows, `ALL`)."""

from django.conf import settings
from django.contrib.sites.models import Site


def read_site_name() -> str:
    name = Site.objects.filter(pk=settings.SITE_ID).values_list("name", flat=True).first()
    return name or "Newsroom"
