"""Benchmark and load-test harness (`make bench`, `make loadtest`) and the generated corpus
they serve (`generate_corpus`, under bench.settings only); never imported by the site."""

import os


def setup_django() -> None:
    """For a bench module run as a script (`python -m bench.probe`): Django set up with
    the bench settings, unless the environment names others."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
