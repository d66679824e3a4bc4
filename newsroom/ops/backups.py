"""Database backups: `pg_dump -Fc` / `pg_restore` on PostgreSQL, SQLite's online backup API.

SQLite is never copied with `cp`: a copy taken while a request writes can mix pages from
before and after the write. The backup API copies a consistent snapshot, and restores into
the live file the same way (readers see the old or the new database, never a mix).
A PostgreSQL restore runs in a single transaction: a dump that fails half-way leaves the
database as it was.

A backup holds password hashes and sessions: it is created readable by its owner only
(0600) before any data goes in, and backups/ is a private folder (0700).
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone

BACKUP_DIR = Path(settings.BASE_DIR) / "backups"
SQLITE_HEADER = b"SQLite format 3\x00"
EXTENSIONS = {"postgresql": "dump", "sqlite": "sqlite3"}


class BackupError(Exception):
    pass


def default_path(connection: BaseDatabaseWrapper) -> Path:
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    return BACKUP_DIR / f"newsroom-{stamp}.{EXTENSIONS.get(connection.vendor, 'backup')}"


def postgres_command(connection: BaseDatabaseWrapper, program: str) -> tuple[list[str], dict]:
    """The connection options of `program` (pg_dump, pg_restore), password in the env."""
    params = connection.settings_dict
    command = [program]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [option, str(params[key])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return command, env


def run(command: list[str], env: dict | None = None) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def create_private(target: Path) -> None:
    """`target` made empty and readable by its owner only. pg_dump and SQLite then write
    into it and keep its mode; an existing file is truncated and its mode set too."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if target.parent == BACKUP_DIR:
        BACKUP_DIR.chmod(0o700)  # also when an earlier version made it 0755
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def backup(connection: BaseDatabaseWrapper, target: Path) -> Path:
    if connection.vendor not in EXTENSIONS:
        raise BackupError(f"no backup for the {connection.vendor} database")
    create_private(target)
    try:
        if connection.vendor == "postgresql":
            command, env = postgres_command(connection, "pg_dump")
            name = connection.settings_dict["NAME"]
            run([*command, "--format=custom", "--file", str(target), name], env)
        else:
            connection.ensure_connection()
            with closing(sqlite3.connect(target)) as destination:
                connection.connection.backup(destination)
    except BaseException:
        target.unlink(missing_ok=True)  # no empty or partial file taken for a backup
        raise
    return target


def restore(connection: BaseDatabaseWrapper, source: Path) -> None:
    """Replace the whole database with the backup `source`."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file")
    if connection.vendor == "postgresql":
        command, env = postgres_command(connection, "pg_restore")
        run([*command, "--list", str(source)], env)  # not a dump: refused before any change
        run(
            [
                *command,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                connection.settings_dict["NAME"],
                str(source),
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        with source.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise BackupError(f"{source}: not a SQLite database")
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as origin:
            origin.backup(connection.connection)
    else:
        raise BackupError(f"no restore for the {connection.vendor} database")
