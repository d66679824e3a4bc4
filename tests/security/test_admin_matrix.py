"""Every admin URL of every registered model (changelist, add, change, delete, history
and the custom views) for an anonymous reader, a journalist and an editor: anonymous is
always sent to the log-in page; a member of staff gets exactly what the model's admin
declares for them, and the admin never declares more than their group's permissions."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory

from newsroom.articles import roles
from newsroom.articles.models import Article
from newsroom.demo.articles import load_accounts

STANDARD = ("changelist", "add", "change", "delete", "history")
PK_ARGUMENT = re.compile(r"<(?:int|path|str):(?:pk|object_id)>")
ROLE_USERS = {"journaliste": roles.JOURNALIST, "editeur": roles.EDITOR}


@pytest.fixture
def demo(db, site):
    """The demo newsroom with its two demo accounts (one per group)."""
    call_command("seed_demo", verbosity=0)
    load_accounts()
    for username, group in ROLE_USERS.items():
        assert User.objects.get(username=username).groups.get().name == group


def admin_urls() -> list[tuple]:
    """(model admin, action, URL, object) for every registered model and custom view."""
    rows = []
    for model in filter(admin.site.is_registered, apps.get_models()):
        model_admin = admin.site.get_model_admin(model)
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        obj = model._default_manager.order_by("pk").first()
        rows += [(model_admin, "changelist", base, None), (model_admin, "add", base + "add/", None)]
        if obj is not None:
            rows += [(model_admin, a, f"{base}{obj.pk}/{a}/", obj) for a in STANDARD[2:]]
        standard_names = {f"{opts.app_label}_{opts.model_name}_{a}" for a in STANDARD}
        for pattern in model_admin.get_urls():
            if not pattern.name or pattern.name in standard_names:
                continue
            route = str(pattern.pattern)
            if PK_ARGUMENT.search(route):
                if obj is None:
                    continue
                route = PK_ARGUMENT.sub(str(obj.pk), route)
            route = re.sub(r"<int:\w+>", "1", route)
            rows.append((model_admin, f"custom:{pattern.name}", base + route, obj))
    return rows


def declared(model_admin, action: str, user: User, obj) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    if action == "add":
        return model_admin.has_add_permission(request)
    if action == "delete":
        return model_admin.has_delete_permission(request, obj)
    return model_admin.has_view_or_change_permission(request, obj)


def granted_by_group(model_admin, action: str, user: User) -> bool:
    opts = model_admin.model._meta
    codenames = {"add": ["add"], "delete": ["delete"]}.get(action, ["view", "change"])
    return any(user.has_perm(f"{opts.app_label}.{c}_{opts.model_name}") for c in codenames)


def test_anonymous_readers_are_sent_to_the_log_in_page_from_every_admin_url(client, demo):
    urls = admin_urls()
    assert {action for _, action, _, _ in urls} >= {*STANDARD, "custom:elections_contest_import"}
    wrong = {}
    for *_, url, _ in urls:
        response = client.get(url)
        if response.status_code != 302 or not response["Location"].startswith("/admin/login/"):
            wrong[url] = response.status_code

    assert wrong == {}


@pytest.mark.parametrize("username", ROLE_USERS)
def test_staff_get_exactly_what_the_admin_declares_and_no_more_than_their_group(
    client, demo, username
):
    user = User.objects.get(username=username)
    client.force_login(user)
    wrong = {}
    for model_admin, action, url, obj in admin_urls():
        allowed = declared(model_admin, action.removeprefix("custom:").split("_")[0], user, obj)
        status = client.get(url).status_code
        if allowed and not granted_by_group(model_admin, action, user):
            wrong[url] = f"declared allowed without a group permission ({status})"
        elif action.startswith("custom:"):
            if status >= 500 or (status == 200 and not allowed):
                wrong[url] = status
        elif status != (200 if allowed else 403):
            wrong[url] = f"{status}, expected {200 if allowed else 403}"

    assert wrong == {}


ROLE_LIMITS = [
    ("journaliste", "/admin/auth/user/", 403),
    ("journaliste", "/admin/auth/group/", 403),
    ("journaliste", "/admin/axes/accessattempt/", 403),
    ("journaliste", "/admin/people/person/add/", 403),
    ("journaliste", "/admin/elections/contest/add/", 403),
    ("journaliste", "/admin/articles/section/add/", 403),
    ("journaliste", "/admin/articles/article/{article}/delete/", 403),
    ("editeur", "/admin/auth/user/", 403),
    ("editeur", "/admin/auth/group/", 403),
    ("editeur", "/admin/axes/accessattempt/", 403),
    ("editeur", "/admin/people/person/add/", 200),
    ("editeur", "/admin/articles/section/add/", 200),
    ("editeur", "/admin/articles/article/{article}/delete/", 200),
]


def test_the_roles_keep_their_limits(client, demo):
    article = Article.objects.order_by("pk").first()
    answers = []
    for username, url, _ in ROLE_LIMITS:
        client.force_login(User.objects.get(username=username))
        answers.append((username, url, client.get(url.format(article=article.pk)).status_code))

    assert answers == ROLE_LIMITS
