from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_delete, post_save

# Every model these apps define is shown on some reader page (articles, notes, people,
# memberships, organisations, elections, contests, rounds, results, official winners,
# sections, topics), plus the site name printed in every page.
CONTENT_APPS = ("articles", "people", "elections", "sites")
# Derived from the content above and rewritten with it, within the same write.
DERIVED_MODELS = ("articles.RelatedList", "articles.RelatedCandidate")


def content_changed(sender, **kwargs) -> None:
    # Only the version bump: no domain logic in signals.
    from newsroom.caching import bump_content_version_on_commit

    bump_content_version_on_commit()


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    label = "caching"

    def ready(self) -> None:
        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                if model._meta.label in DERIVED_MODELS:
                    continue
                uid = f"newsroom.caching:{model._meta.label}"
                post_save.connect(content_changed, sender=model, dispatch_uid=uid)
                post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
        # Many-to-many links (article topics, authors, persons, contests) change
        # without saving either side.
        m2m_changed.connect(content_changed, dispatch_uid="newsroom.caching:m2m")
