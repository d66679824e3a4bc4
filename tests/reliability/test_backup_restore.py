"""Backup and restore round trips: what comes back is what was saved, row for row.

On SQLite the restore goes back into the same database after changes; on PostgreSQL into a
scratch database created for the test (pg_restore --clean into the one in use would fight
the test's own connection)."""

import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from newsroom.articles.models import Article, ArticleNote, Section
from newsroom.ops import backups
from newsroom.people.models import Person

from .conftest import content, database_content

BASE_DIR = Path(__file__).resolve().parents[2]


def change_everything() -> None:
    """What a bad day does: deletions, edits and additions across the apps."""
    ArticleNote.objects.all().delete()
    Article.objects.filter(pk__in=Article.objects.order_by("pk")[:2]).delete()
    Person.objects.filter(pk=Person.objects.order_by("pk")[0].pk).update(name="Renamed")
    Section.objects.create(name="Après la sauvegarde", slug="apres", position=99)


@pytest.fixture
def demo(transactional_db):
    # Committed rows: pg_dump reads them from another connection.
    call_command("seed_demo", stdout=io.StringIO())


def test_backup_then_restore_gives_back_the_same_content(demo, tmp_path):
    saved = database_content()
    assert saved["articles_article"][0] > 0
    target = tmp_path / "newsroom.backup"
    out = io.StringIO()
    call_command("backup_db", output=target, stdout=out)
    assert "Sauvegarde écrite" in out.getvalue()
    assert target.stat().st_size > 0

    if connection.vendor == "postgresql":
        restored = restore_into_scratch_database(target)
    else:
        change_everything()
        assert database_content() != saved
        call_command("restore_db", str(target), interactive=False, stdout=io.StringIO())
        restored = database_content()
    assert restored == saved


def restore_into_scratch_database(dump: Path) -> dict[str, tuple[int, str]]:
    params = connection.settings_dict
    scratch = f"{params['NAME']}_restore"
    server = (
        f"postgres://{params['USER'] or 'postgres'}"
        + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
        + f"@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}"
    )
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        # The command as `make restore` runs it, against the scratch database.
        env = {**os.environ, "DATABASE_URL": f"{server}/{scratch}", "DEBUG": "1"}
        subprocess.run(
            [sys.executable, "manage.py", "restore_db", str(dump), "--noinput"],
            env=env,
            cwd=BASE_DIR,
            check=True,
            capture_output=True,
            timeout=300,
        )
        with psycopg.connect(f"{server}/{scratch}") as restored, restored.cursor() as cursor:
            return content(cursor)
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)  # files 0644 and folders 0755 unless made otherwise
    yield
    os.umask(previous)


def test_backups_are_readable_by_their_owner_only(demo, tmp_path, monkeypatch, usual_umask):
    # A dump holds password hashes and sessions.
    monkeypatch.setattr(backups, "BACKUP_DIR", tmp_path / "backups")
    call_command("backup_db", stdout=io.StringIO())
    (written,) = (tmp_path / "backups").iterdir()
    again = tmp_path / "elsewhere" / "newsroom.backup"
    again.parent.mkdir()
    again.write_bytes(b"an older file, world-readable")
    call_command("backup_db", output=again, stdout=io.StringIO())

    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700
    assert written.stat().st_mode & 0o777 == 0o600
    assert again.stat().st_mode & 0o777 == 0o600
    assert again.read_bytes()[:5] != b"an ol"


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup", encoding="utf-8")
    before = database_content()
    with pytest.raises(CommandError, match="rien n'a changé"):
        call_command("restore_db", str(bogus), interactive=False)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore_db", str(tmp_path / "missing"), interactive=False)
    assert database_content() == before


def test_sqlite_snapshot_is_consistent_while_the_file_is_written(tmp_path):
    """Whatever database the suite runs on, the SQLite path is exercised on a live file:
    a writer holds an open transaction during the backup, and the snapshot has only what
    was committed."""
    live = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(live)
    writer.execute("CREATE TABLE story (id INTEGER PRIMARY KEY, title TEXT)")
    writer.executemany("INSERT INTO story (title) VALUES (?)", [(f"t{i}",) for i in range(500)])
    writer.commit()
    writer.execute("INSERT INTO story (title) VALUES ('uncommitted')")

    class Live:  # the part of Django's connection wrapper the backup uses
        vendor = "sqlite"
        connection = sqlite3.connect(live)

        def ensure_connection(self):
            pass

    target = backups.backup(Live(), tmp_path / "snapshot.sqlite3")
    writer.rollback()
    snapshot = sqlite3.connect(target)
    assert snapshot.execute("SELECT count(*) FROM story").fetchone() == (500,)
    assert snapshot.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    writer.execute("DELETE FROM story")
    writer.commit()
    backups.restore(Live(), target)
    assert writer.execute("SELECT count(*) FROM story").fetchone() == (500,)


def test_make_restore_requires_a_file():
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "restore"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "FILE": ""},
    )
    assert result.returncode != 0
    assert "usage: make restore FILE=" in result.stdout + result.stderr
