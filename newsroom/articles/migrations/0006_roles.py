from django.db import migrations

from newsroom.articles.migrations import _roles


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0002_person_dates_index_and_import_keys"),
        ("elections", "0001_initial"),
    ]

    operations = [migrations.RunPython(_roles.apply, migrations.RunPython.noop)]
