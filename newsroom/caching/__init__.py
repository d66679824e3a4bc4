"""Reader pages kept in the shared cache until the data they show changes (`page_cache`)."""

# TEMPORARY until the article read path is rewritten
from newsroom.caching.page_cache import cache_public_page  # noqa: F401
