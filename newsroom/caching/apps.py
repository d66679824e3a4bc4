from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

# Every model these apps define is shown on some reader page (articles, notes, people,
# memberships, organisations, elections, contests, rounds, results, official winners,
# sections, topics), plus the site name printed in every page and the site's own pages.
CONTENT_APPS = ("articles", "people", "elections", "sites", "flatpages")


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    label = "caching"

    def ready(self) -> None:
        # Only the freshness keys: what a row shows, what its change touches (each app's
        # freshness.py says which); no domain logic in signals.
        from newsroom.caching import dependencies

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                uid = f"newsroom.caching:{model._meta.label}"
                post_save.connect(dependencies.changed, sender=model, dispatch_uid=uid)
                post_delete.connect(dependencies.changed, sender=model, dispatch_uid=uid)
                post_init.connect(dependencies.instance_loaded, sender=model, dispatch_uid=uid)
                # Many-to-many links (article topics, authors, persons, contests) change
                # without saving either side.
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        dependencies.links_changed,
                        sender=field.remote_field.through,
                        dispatch_uid=f"{uid}:{field.name}",
                    )
        from django.contrib.sites.models import Site

        # The site's name is printed on every page.
        dependencies.register(Site, shows=lambda site: (), touches=lambda site: [dependencies.ALL])
