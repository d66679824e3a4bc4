from django.db import migrations

from newsroom.articles.migrations import _roles


class Migration(migrations.Migration):
    """Re-apply the roles once race calls exist: editors call races, journalists read them."""

    dependencies = [
        ("articles", "0017_review_loop_and_withdrawal"),
        ("elections", "0007_race_calls"),
    ]

    operations = [migrations.RunPython(_roles.apply, migrations.RunPython.noop)]
