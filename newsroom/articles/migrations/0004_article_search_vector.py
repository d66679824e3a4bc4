"""Full-text search on PostgreSQL: accent-insensitive French and English configurations,
a stored generated tsvector column (title A, standfirst B, body C, in the configuration of
each article's language) and its GIN index. Other databases skip it: search falls back to
pattern matching there (newsroom/articles/search.py)."""

from django.db import migrations

CONFIGS = {"newsroom_fr": "french", "newsroom_en": "english"}


def weighted(config: str) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{config}', coalesce({column}, '')), '{weight}')"
        for column, weight in (("title", "A"), ("standfirst", "B"), ("body", "C"))
    )


FORWARD = [
    # unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for name, base in CONFIGS.items()
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})",
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {base}_stem",
        )
    ),
    # The default parser drops HTML tags, so the sanitised body is indexed as is.
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    f"CASE WHEN language = 'en' THEN {weighted('newsroom_en')} "
    f"ELSE {weighted('newsroom_fr')} END) STORED",
    # Serves search.full_text_search(): search_vector @@ websearch_to_tsquery(...).
    "CREATE INDEX article_search_gin ON articles_article USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_gin",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector",
    *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name in CONFIGS),
]


def run(statements: list[str]):
    def operation(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_article_contests"),
    ]

    operations = [
        migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False),
    ]
