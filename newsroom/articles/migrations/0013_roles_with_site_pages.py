from django.db import migrations

from newsroom.articles.migrations import _roles


class Migration(migrations.Migration):
    """Re-apply the roles once the site pages' permissions exist: editors keep them."""

    dependencies = [
        ("articles", "0012_front_position"),
        ("flatpages", "0001_initial"),
    ]

    operations = [migrations.RunPython(_roles.apply, migrations.RunPython.noop)]
