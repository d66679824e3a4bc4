from django.contrib.auth.management import create_permissions
from django.db import migrations


def roles(apps, schema_editor) -> None:
    from newsroom.articles.roles import apply_roles

    # Permissions are normally created after all migrations (post_migrate); create them
    # now so the groups get them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_person_dates_index_and_import_keys"),
        ("elections", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
