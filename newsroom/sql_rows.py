"""Model instances from plain SQL rows: the columns and converters of a model built once
per process, for reads too hot to build through the ORM on every request."""

import functools
from dataclasses import dataclass

import psycopg
from django.db import connections, models
from django.db.models.base import ModelState
from django.db.models.signals import post_init


@dataclass(frozen=True)
class Columns:
    """One model's columns in a query: their SQL and how to turn them back into an
    instance (the backend's converters, e.g. SQLite's naive datetimes made aware)."""

    model: type[models.Model]
    attnames: tuple[str, ...]
    sql: str
    converters: tuple[tuple[int, tuple], ...]
    # The same columns as typed NULLs, for a UNION branch that has none of them (each
    # typed: PostgreSQL resolves a UNION's types branch by branch, and two untyped NULLs
    # make text).
    nulls: str

    @property
    def width(self) -> int:
        return len(self.attnames)

    def builder(self, connection, start: int):
        """build(row): the instance whose columns start at `start`, None for a LEFT JOIN
        that found none. Made once per query, not per row."""
        model, attnames, converters = self.model, self.attnames, self.converters
        end, alias = start + self.width, connection.alias

        def values_of(row: tuple) -> tuple | list:
            if not converters:
                return row[start:end]
            values = list(row[start:end])
            for index, (expression, found) in converters:
                for converter in found:
                    values[index] = converter(values[index], expression, connection)
            return values

        if post_init.has_listeners(model):
            return lambda row: (
                None if row[start] is None else model.from_db(alias, attnames, values_of(row))
            )

        def build(row: tuple) -> models.Model | None:
            if row[start] is None:  # the primary key comes first
                return None
            # What `from_db` makes, without `__init__`'s per-field descriptor calls: the
            # values in the instance's dict (a column left out stays deferred, as there).
            instance = model.__new__(model)
            instance.__dict__.update(zip(attnames, values_of(row), strict=True))
            state = instance._state = ModelState()
            state.adding, state.db = False, alias
            return instance

        return build


def relate(instance: models.Model, **related: models.Model | None) -> None:
    """Put objects read in the same row where `instance.<name>` finds them, as
    `select_related` does (the field cache), without the descriptor's checks: the foreign
    key columns were read with them and already match."""
    for name in related:
        instance._meta.get_field(name)  # a misspelt name fails here, not silently
    instance._state.fields_cache.update(related)


@functools.cache
def columns(db: str, model: type[models.Model], alias: str, skip: tuple = ()) -> Columns:
    connection = connections[db]
    quote = connection.ops.quote_name
    fields = [field for field in model._meta.concrete_fields if field.attname not in skip]
    fields.sort(key=lambda field: not field.primary_key)
    converters = []
    for index, field in enumerate(fields):
        expression = field.get_col(alias)
        found = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
        if found:
            converters.append((index, (expression, tuple(found))))
    return Columns(
        model=model,
        attnames=tuple(field.attname for field in fields),
        sql=", ".join(f"{quote(alias)}.{quote(field.column)}" for field in fields),
        converters=tuple(converters),
        nulls=", ".join(f"CAST(NULL AS {field.cast_db_type(connection)})" for field in fields),
    )


def table(db: str, model: type[models.Model]) -> str:
    return connections[db].ops.quote_name(model._meta.db_table)


class _PreparingCursor(psycopg.Cursor):
    """Binds on the server and prepares what it runs: the first run of a statement on a
    connection plans it, the next ones only bind and execute."""

    def execute(self, query, params=None, **options):
        return super().execute(query, params, **{**options, "prepare": True})


def _cursor(connection):
    """On PostgreSQL with `prepare_threshold` set (settings: DATABASE_PREPARED_READS), a
    preparing cursor in Django's own wrapper, so errors and execute wrappers apply as to
    every other query; Django's cursor otherwise. Logged queries (DEBUG, tests and
    the bench's EXPLAIN capturing them) keep Django's cursor: psycopg does not keep the
    text of a server-bound query for the log."""
    options = connection.settings_dict.get("OPTIONS", {})
    if (
        connection.vendor != "postgresql"
        or options.get("prepare_threshold") is None
        or connection.queries_logged
    ):
        return connection.cursor()
    connection.ensure_connection()
    return connection._prepare_cursor(_PreparingCursor(connection.connection))


def fetch(db: str, sql: str, params: list, parts: tuple[Columns, ...]) -> list[tuple]:
    """Each row of `sql` as a tuple of instances, one per part of `parts`, in order."""
    connection = connections[db]
    with _cursor(connection) as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    builders, start = [], 0
    for part in parts:
        builders.append(part.builder(connection, start))
        start += part.width
    return [tuple([build(row) for build in builders]) for row in rows]


@dataclass(frozen=True)
class Value:
    """One model field's column on its own, turned into its Python value as the ORM
    would (an aware datetime on SQLite too)."""

    expression: object
    converters: tuple

    width = 1

    def builder(self, connection, start: int):
        expression, converters = self.expression, self.converters

        def build(row: tuple) -> object:
            value = row[start]
            for converter in converters:
                value = converter(value, expression, connection)
            return value

        return build


@functools.cache
def value(db: str, model: type[models.Model], name: str, alias: str) -> Value:
    connection = connections[db]
    field = model._meta.get_field(name)
    expression = field.get_col(alias)
    found = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
    return Value(expression, tuple(found))


@dataclass(frozen=True)
class Plain:
    """One column kept as the database returns it: a score, a flag."""

    width: int = 1

    def builder(self, connection, start: int):
        return lambda row: row[start]
