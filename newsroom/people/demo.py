"""Demo content for this app, loaded by `manage.py seed_demo` (idempotent)."""


def load() -> list[str]:
    """Create or update the demo rows; return one report line per kind of row."""
    return []
