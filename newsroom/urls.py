from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from newsroom import media, views
from newsroom.articles.sitemaps import NewsSitemap
from newsroom.caching.page_cache import cache_public_page
from newsroom.embeds.oembed import oembed
from newsroom.ops import views as ops_views
from newsroom.sitemaps import SITEMAPS

# Not translated: machine endpoints and the admin keep one URL each.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # oEmbed (https://oembed.com): one address for every language, as consumers expect.
    path("oembed", oembed, name="oembed"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The editors' list of contradictions in the data (staff only, like the admin).
    path("admin/verifications/", admin.site.admin_view(ops_views.findings), name="data_findings"),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        cache_public_page(sitemap, query=("p",), shows=("listing:sitemap",)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-news.xml",
        cache_public_page(sitemap, query=("p",), shows=("listing:sitemap",)),
        {"sitemaps": {"news": NewsSitemap}, "template_name": "articles/sitemap_news.xml"},
        name="sitemap_news",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

# French at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    # The site's own pages: each is the flat page stored under its path, in its language.
    path(pgettext_lazy("url", "a-propos/"), views.site_page, name="about"),
    path(pgettext_lazy("url", "mentions-legales/"), views.site_page, name="legal"),
    path(pgettext_lazy("url", "contact/"), views.site_page, name="contact"),
    path(pgettext_lazy("url", "flux-rss/"), views.feeds_page, name="feeds"),
    # Widgets partner sites frame (newsroom/embeds).
    path("embed/", include("newsroom.embeds.urls")),
    path("", include("newsroom.people.urls")),
    path("", include("elections.urls")),
    path("", include("newsroom.articles.urls")),
    prefix_default_language=False,
)

# Uploads on the app server's own disk are served by it, with or without DEBUG; on object
# storage (MEDIA_STORAGE=s3) their URLs point there instead.
if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    urlpatterns.append(
        path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.serve, name="media")
    )

# Readers' error pages in the site's layout, staff's inside /admin/ in the admin's.
handler403 = "newsroom.errors.permission_denied"
handler404 = "newsroom.errors.page_not_found"
handler500 = "newsroom.errors.server_error"
