"""Newsroom settings, read from the environment.

DATABASE_URL  default: a SQLite file beside manage.py (zero set-up)
REDIS_URL     optional: Django's Redis cache; default: local-memory cache
CACHE_BACKEND "dummy" turns every cache off (benchmarks of uncached pages)
PAGE_CACHE_TIMEOUT seconds a rendered reader page is kept (default 300)
PAGE_CACHE_LOCAL_ENTRIES  pages each process also keeps in memory (default 256; 0: none)
PAGE_CACHE_MAX_QUERIES  searches stored per cache lifetime (default 500)
DATABASE_REPLICA_URL optional: a read replica; reads go there, writes to DATABASE_URL
MEDIA_STORAGE "s3" keeps uploads on object storage (AWS_* settings below)
SECRET_KEY    required when DEBUG is off
DEBUG         "1"/"true" for local development; off by default
ALLOWED_HOSTS comma-separated; default: localhost names only
TRUSTED_PROXY_HEADER  request.META key of the client address our proxy sets (log-in throttling)
TRUSTED_PROXY_COUNT   how many of our proxies append to that header (default 1)
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: never used once DEBUG is off.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    # The site's own pages editors keep (about, legal notice, contact): `newsroom.views.site_page`.
    "django.contrib.flatpages",
    "axes",
    "csp",
    "django_htmx",
    "simple_history",
    "django_prose_editor",
    # Resized copies of uploaded images: `newsroom.renditions`.
    "sorl.thumbnail",
    "newsroom.people",
    "elections",
    "newsroom.articles",
    "newsroom.caching",
    "newsroom.demo",
    "newsroom.ops",
    # The widgets partner sites frame, and the oEmbed endpoint that describes them.
    "newsroom.embeds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so pages answered from it carry the header too.
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the shared cache, before any other work (newsroom/caching).
    "newsroom.caching.page_cache.PageCacheMiddleware",
    "newsroom.middleware.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.middleware.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "newsroom.content_policy.AdminStyleMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: it turns a lock-out into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
            "libraries": {
                "csp_media": "newsroom.content_policy",
                "renditions": "newsroom.renditions",
            },
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


def postgresql_options(database: dict) -> None:
    if not database["ENGINE"].endswith("postgresql"):
        return
    options = database.setdefault("OPTIONS", {})
    # Short OLTP queries: JIT compilation costs more than it saves (EXPLAIN showed ~55 ms
    # of JIT on the related-articles query at 20,000 articles).
    options["options"] = "-c jit=off"


postgresql_options(DATABASES["default"])
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    postgresql_options(DATABASES["replica"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis keeps one client per process (Django's own backend builds one per call,
    # which costs more than a round trip to a local Redis). A Redis that no longer answers
    # must not hold a request for the system's TCP timeout.
    redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5},
    }
    CACHES = {
        # Redis down: reads are misses and writes are dropped; pages come from the database.
        "default": {
            **redis_cache,
            "OPTIONS": {**redis_cache["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        },
        # The same Redis for the freshness keys' copies (newsroom/caching/versions.py), whose
        # errors are raised: a copy that could not be written is set again once Redis answers.
        "freshness": redis_cache,
    }
else:
    # One store in each process's memory for both (they share the empty LOCATION).
    locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    CACHES = {"default": locmem, "freshness": locmem}
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))
# Pages each process also keeps in its own memory (their bytes; their freshness is checked
# at every request all the same); 0 keeps none.
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "256"))
if os.environ.get("CACHE_BACKEND") == "dummy":
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    CACHES = {"default": dummy, "freshness": dummy}
    PAGE_CACHE_LOCAL_ENTRIES = 0
    # No page can be stored: none is looked up, nor judged fresh for storing.
    MIDDLEWARE.remove("newsroom.caching.page_cache.PageCacheMiddleware")
# When the data behind a freshness key last changed (newsroom/caching/versions.py): read
# from the shared cache when there is one (a hit then makes no query), otherwise from the
# database, which every process shares.
KEY_VERSIONS_IN_CACHE = bool(REDIS_URL) and os.environ.get("CACHE_BACKEND") != "dummy"
# Writes announced to every process through Redis (newsroom/caching/push.py): a hit then
# makes no round trip at all.
KEY_VERSIONS_PUSH_URL = REDIS_URL if KEY_VERSIONS_IN_CACHE else ""
# A stale page is served while one process renders it again, at most this long after the
# change (never for an article unpublished or corrected).
PAGE_CACHE_STALE_SECONDS = float(os.environ.get("PAGE_CACHE_STALE_SECONDS", "1"))
# How far apart the servers' clocks may be (stamps of one are compared with another's time):
# a rendering counts as started that much earlier. NTP keeps servers within a few ms.
PAGE_CACHE_CLOCK_SKEW = float(os.environ.get("PAGE_CACHE_CLOCK_SKEW", "0.02"))
# Renderings of a search (or the map's search) stored per cache lifetime: one entry per
# normalised query, up to this many, so random queries cannot fill the shared cache.
PAGE_CACHE_MAX_QUERIES = int(os.environ.get("PAGE_CACHE_MAX_QUERIES", "500"))

# django-axes checks for a lock-out before any other backend runs.
AUTHENTICATION_BACKENDS = [
    "newsroom.throttle.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Edge caches in front of the app (deploy/varnish/newsroom.vcl): after each write, one
# purge request per URL names the freshness keys it changed (newsroom/caching/edge.py).
EDGE_PURGE_URLS = env_list("EDGE_PURGE_URLS", [])
if not all(url.startswith(("http://", "https://")) for url in EDGE_PURGE_URLS):
    raise ImproperlyConfigured("EDGE_PURGE_URLS: comma-separated http:// or https:// URLs")
EDGE_PURGE_TIMEOUT = float(os.environ.get("EDGE_PURGE_TIMEOUT", "0.5"))
# The Surrogate-Capability value the edge sends (deploy/varnish/site-vcl), a secret shared
# with it: pages then carry their results boxes as includes (caching.edge). Empty: none.
EDGE_SURROGATE_CAPABILITY = os.environ.get("EDGE_SURROGATE_CAPABILITY", "")
if EDGE_SURROGATE_CAPABILITY and not re.fullmatch(r"[\w.-]+=ESI/1\.0", EDGE_SURROGATE_CAPABILITY):
    raise ImproperlyConfigured(
        "EDGE_SURROGATE_CAPABILITY: <device>=ESI/1.0, e.g. newsroom-<secret>=ESI/1.0"
    )

# The review loop's e-mails (newsroom/articles/notify.py). SMTP by default, configured
# from the environment; `make run` prints them on the console instead.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redaction@localhost")

# How often the article form keeps a copy of what is typed (newsroom/articles/editing.py).
ARTICLE_AUTOSAVE_SECONDS = int(os.environ.get("ARTICLE_AUTOSAVE_SECONDS", "30"))

# French is the interface default and lives at the site root; English under /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Tests run without collectstatic, so the manifest is only required outside them.
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Hashed files are served "immutable" for a year by WhiteNoise; this is for the others.
WHITENOISE_MAX_AGE = 3600
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
if os.environ.get("MEDIA_STORAGE") == "s3":
    # Several app servers share one media store (django-storages[s3]); the bucket and
    # credentials come from AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME,
    # AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_CUSTOM_DOMAIN, read by the backend.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False  # public images, cacheable URLs
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=86400"}

# Renditions (newsroom/renditions.py): stored with the uploads, under names derived from the
# source's; remembered in the shared cache, then in sorl-thumbnail's table. A rendition that
# cannot be made is logged and the page shows no image (never an error page).
THUMBNAIL_PREFIX = "renditions/"
THUMBNAIL_DEBUG = False
THUMBNAIL_UPSCALE = False

LOGIN_URL = "admin:login"

# Security: strict unless DEBUG; each can be relaxed by the environment
# (e.g. SECURE_SSL_REDIRECT=0 behind a proxy that already redirects).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# The "page expired" page, in the admin's layout for staff (newsroom/errors.py).
CSRF_FAILURE_VIEW = "newsroom.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# How often a counting contest's figures are asked again: its page, an article's results box
# and the embeddable widget (`{% results_poll_seconds %}`, elections_tags).
RESULTS_POLL_SECONDS = 30
# Browser features the site never uses, denied to its pages and to anything they could
# embed: the Permissions-Policy header on every response (newsroom/middleware.py). Only
# names current browsers recognise (no "interest-cohort": FLoC is gone, browsing-topics
# replaced it).
PERMISSIONS_POLICY_DENIED = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Content-Security-Policy (django-csp): no inline script anywhere; htmx and our
# scripts are served from our own static files. The one exception is the admin's body
# editor import map, allowed by a per-request nonce ({% csp_media %}); the nonce only
# reaches the header of the responses that use it. That editor also injects a <style>,
# so admin pages alone allow inline styles (newsroom/content_policy.py). Party colours
# are data and are set through style="" attributes, so inline styles are allowed for attributes only
# (style-src-attr), never for <style> elements.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Admin log-in throttling (django-axes, newsroom/throttle.py). Failures within the
# fifteen-minute cool-off are counted per account, from any address, and per address,
# across accounts; either limit reached refuses every log-in it covers, even with the
# right password, until fifteen minutes have passed.
# - 5 per account: someone mistyping their password rarely fails five times running, and
#   an attacker spreading guesses over many machines still gets five per fifteen minutes.
# - 20 per address: a newsroom behind one NAT address shares this count, so one person's
#   typos (stopped at 5 on their own account) never lock their colleagues out, while one
#   machine trying name after name is stopped at 20.
# A success clears that account's failures from that address.
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURE_LIMIT_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_HANDLER = "newsroom.throttle.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "newsroom.throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "newsroom.throttle.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address is the connection's own. Behind a load balancer or reverse proxy
# every client would share the proxy's address (and lock each other out): name the
# request.META key the proxy sets, e.g. HTTP_X_FORWARDED_FOR, and how many proxies of
# ours append to it. A header a client sends is never trusted otherwise.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
