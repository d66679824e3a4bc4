from django.db import migrations

from newsroom.articles.migrations import _roles


class Migration(migrations.Migration):
    """Re-apply the roles once the results desk's permissions exist, whatever order the
    articles and elections migrations ran in."""

    dependencies = [
        ("articles", "0006_roles"),
        ("elections", "0002_history_and_desk_permissions"),
    ]

    operations = [migrations.RunPython(_roles.apply, migrations.RunPython.noop)]
