"""Shared by the data migrations that (re-)apply the newsroom roles."""

from django.contrib.auth.management import create_permissions


def apply(apps, schema_editor) -> None:
    from newsroom.articles.roles import apply_roles

    # Permissions are normally created after all migrations (post_migrate); create them
    # now so the groups get them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps)
