"""Every process of every server shows a write at once: two app servers (gunicorn, two
workers each, DEBUG off) on one SQLite file, first with no Redis (the default set-up: each
process keeps its pages in its own memory), then with Redis. An editor saves through the
admin of server A; every reader request made after the save, to either server, shows it.

Each run builds its own SQLite file (migrate, one article, one editor), so it runs the
same in the SQLite and the PostgreSQL runs of the suite; the Redis variant is skipped only
when no Redis answers (CI has one)."""

import http.cookiejar
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from tests.admin_form import form_data
from tests.perf.test_scale_out import REDIS_URL, free_port, redis_answers, running

ROOT = Path(settings.BASE_DIR)
PASSWORD = "un-mot-de-passe-de-test-assez-long"
SETUP = f"""
import datetime
from django.contrib.auth.models import User
from django.utils import timezone
from newsroom.articles.models import Article, Section, Status
section = Section.objects.create(name="Politique", slug="politique", position=0)
Article.objects.create(
    title="Titre du matin", slug="titre", standfirst="Un chapô.", body="<p>Le corps.</p>",
    section=section, status=Status.PUBLISHED,
    published_at=timezone.now() - datetime.timedelta(hours=1),
)
User.objects.create_superuser("editrice", "editrice@example.org", "{PASSWORD}")
"""
ARTICLE = "/article/titre/"


def environment(database: Path, redis: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "freshness-test-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "CACHE_KEY_PREFIX": f"freshness-test-{os.getpid()}",
    }
    for name in ("REDIS_URL", "CACHE_BACKEND", "DATABASE_REPLICA_URL"):
        env.pop(name, None)
    if redis:
        env["REDIS_URL"] = redis
    return env


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env={**env, "DEBUG": "1"}, check=True, timeout=300)


@pytest.fixture(params=["no Redis", "Redis"])
def servers(request, tmp_path):
    redis = REDIS_URL if request.param == "Redis" else None
    if redis and not redis_answers():
        pytest.skip(f"needs Redis at {REDIS_URL}")
    env = environment(tmp_path / "site.sqlite3", redis)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "shell", "-c", SETUP)
    ports = free_port(), free_port()
    command = [sys.executable, "-m", "gunicorn", "newsroom.wsgi:application", "--workers", "2"]
    processes = [
        subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env
        )
        for port in ports
    ]
    with running(ports, processes):
        yield ports


def read(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


class Editor:
    """A browser signed in to the admin of one server (cookies, CSRF token)."""

    def __init__(self, port: int):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, path: str) -> SimpleNamespace:
        with self.opener.open(self.base + path, timeout=10) as response:
            return SimpleNamespace(content=response.read(), url=response.url)

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def post(self, path: str, data: dict) -> str:
        data = {**data, "csrfmiddlewaretoken": self.csrf_token()}
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.base + path, data=body, method="POST")  # noqa: S310
        request.add_header("Referer", self.base + path)
        with self.opener.open(request, timeout=30) as response:
            return response.url

    def sign_in(self) -> None:
        page = self.get("/admin/login/")
        data = form_data(page)
        data.update(username="editrice", password=PASSWORD)
        assert "/admin/login/" not in self.post("/admin/login/?next=/admin/", data)

    def save_article(self, **changes: str) -> None:
        path = "/admin/articles/article/1/change/"
        data = form_data(self.get(path))
        data.update(changes)
        data["_save"] = "Enregistrer"
        assert "/change/" not in self.post(path, data), "the admin refused the save"


def readers_see(ports: tuple[int, int], expected, requests: int = 30, seconds: float = 2):
    """`requests` anonymous reads spread over `seconds`, alternating between servers: the
    ones that did not answer as `expected` (a (status, text) check)."""
    wrong = []
    for index in range(requests):
        port = ports[index % 2]
        status, html = read(port, ARTICLE)
        if not expected(status, html):
            wrong.append((index, port, status))
        time.sleep(seconds / requests)
    return wrong


def test_an_admin_save_on_one_server_is_shown_by_every_process_at_once(servers):
    a, b = servers
    for _ in range(8):  # every worker of both servers stores the page
        for port in (a, b):
            assert "Titre du matin" in read(port, ARTICLE)[1]

    editor = Editor(a)
    editor.sign_in()
    editor.save_article(title="Titre corrigé")
    assert readers_see(servers, lambda status, html: "Titre corrigé" in html) == []

    editor.save_article(status="draft")  # unpublished: gone from both servers at once
    assert readers_see(servers, lambda status, html: status == 404, requests=10) == []
