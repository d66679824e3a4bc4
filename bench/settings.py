"""Production settings for the benchmark, with two bench-only switches and its app.

- the `bench` app adds `manage.py generate_corpus`, which the site's settings never list;
- BENCH_STATIC_ROOT collects static files into a temporary directory;
- the URLconf adds `/__bench__/bare`, a Django page of a given size that reads no database;
- BENCH_PAGE_MISS=1 takes the page cache's middleware out, so every page is rendered (a
  page-cache miss on each request) while the blocks it shares (`public_fragment`) and the
  freshness keys keep using the shared cache: what a page costs after a write that left
  its blocks as they were (a result, a status, a rename elsewhere).
"""

import os

from newsroom.settings import *  # noqa: F403
from newsroom.settings import INSTALLED_APPS as SITE_APPS
from newsroom.settings import STATIC_ROOT as SITE_STATIC_ROOT

INSTALLED_APPS = [*SITE_APPS, "bench"]

ROOT_URLCONF = "bench.urls"

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT") or SITE_STATIC_ROOT

if os.environ.get("BENCH_PAGE_MISS") == "1":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "newsroom.caching.page_cache.PageCacheMiddleware"]  # noqa: F405
