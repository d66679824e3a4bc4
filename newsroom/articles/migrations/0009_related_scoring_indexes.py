"""Indexes for related-article scoring, read from the indexes alone.

The scoring reads the articles sharing each topic, contest and person of an article:
(target, article) on each link table gives those ids without visiting the table. Link
tables are created by Django for the many-to-many fields, which cannot declare indexes,
hence the SQL (the same on PostgreSQL and SQLite)."""

from django.db import migrations, models

LINKS = [
    ("articles_article_topics", "topic_id"),
    ("articles_article_contests", "contest_id"),
    ("articles_article_persons", "person_id"),
]


def link_index(table: str, column: str) -> migrations.RunSQL:
    name = f"{table}_{column.removesuffix('_id')}_article"
    return migrations.RunSQL(
        f'CREATE INDEX "{name}" ON "{table}" ("{column}", "article_id")',
        reverse_sql=f'DROP INDEX "{name}"',
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_generated_upload_names"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["id", "status", "published_at", "section"], name="article_related_lookup"
            ),
        ),
        *(link_index(table, column) for table, column in LINKS),
    ]
