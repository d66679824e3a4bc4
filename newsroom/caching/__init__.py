"""Reader pages kept in the shared cache until the data they show changes (`page_cache`)."""
