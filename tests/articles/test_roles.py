"""The permission rules (pure), the groups that carry them, and the demo accounts."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command

from newsroom.articles.models import ReviewNote
from newsroom.articles.permissions import (
    ArticleFacts,
    UserFacts,
    can_add_notes,
    can_edit,
    can_publish,
    can_restore,
    can_submit_for_review,
)
from newsroom.articles.roles import EDITOR, JOURNALIST, apply_roles
from newsroom.demo import articles as demo

JOURNALIST_FACTS = UserFacts(user_id=1, is_staff=True, can_change=True, can_publish=False)
EDITOR_FACTS = UserFacts(user_id=2, is_staff=True, can_change=True, can_publish=True)
READER_FACTS = UserFacts(user_id=None)


def own(status: str) -> ArticleFacts:
    return ArticleFacts(status=status, created_by_id=1)


def others(status: str) -> ArticleFacts:
    return ArticleFacts(status=status, created_by_id=99)


# --- Pure rules -------------------------------------------------------------------


def test_only_editors_publish():
    assert can_publish(EDITOR_FACTS)
    assert not can_publish(JOURNALIST_FACTS)
    assert not can_publish(READER_FACTS)
    # The permission without staff status is not enough: the admin is staff-only.
    assert not can_publish(UserFacts(user_id=3, can_change=True, can_publish=True))


@pytest.mark.parametrize("status", ["draft", "review"])
def test_journalist_edits_own_working_articles(status):
    assert can_edit(JOURNALIST_FACTS, own(status))


@pytest.mark.parametrize(
    "article", [own("published"), others("draft"), others("review"), others("published")]
)
def test_journalist_cannot_edit_published_or_others_articles(article):
    assert not can_edit(JOURNALIST_FACTS, article)
    assert not can_restore(JOURNALIST_FACTS, article)


@pytest.mark.parametrize("article", [own("published"), others("draft"), others("published")])
def test_editor_edits_every_article(article):
    assert can_edit(EDITOR_FACTS, article)
    assert can_restore(EDITOR_FACTS, article)


def test_reader_edits_nothing():
    assert not can_edit(READER_FACTS, None)


def test_submit_for_review_only_from_draft():
    assert can_submit_for_review(JOURNALIST_FACTS, own("draft"))
    assert not can_submit_for_review(JOURNALIST_FACTS, own("review"))
    assert not can_submit_for_review(JOURNALIST_FACTS, others("draft"))
    assert can_submit_for_review(EDITOR_FACTS, others("draft"))


def test_notes_need_the_publish_permission():
    assert not can_add_notes(JOURNALIST_FACTS, own("draft"))
    assert can_add_notes(EDITOR_FACTS, others("published"))


# --- Groups ----------------------------------------------------------------------


def codenames(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.django_db
def test_migration_created_both_groups():
    journalist = codenames(JOURNALIST)
    assert {"articles.add_article", "articles.change_article"} <= journalist
    assert "elections.view_contest" in journalist
    assert "people.view_person" in journalist
    assert "articles.publish_article" not in journalist
    assert not any(code.split(".")[1].startswith("delete_") for code in journalist)
    editor = codenames(EDITOR)
    assert {
        "articles.publish_article",
        "articles.add_articlenote",
        "articles.delete_article",
        "people.delete_person",
        "elections.change_round",
        "elections.add_roundresult",
    } <= editor
    assert "elections.delete_contest" not in editor


@pytest.mark.django_db
def test_setup_roles_is_idempotent_and_restores_a_removed_permission(capsys):
    group = Group.objects.get(name=JOURNALIST)
    group.permissions.clear()
    call_command("setup_roles")
    call_command("setup_roles")
    assert "articles.add_article" in codenames(JOURNALIST)
    assert Group.objects.filter(name__in=[JOURNALIST, EDITOR]).count() == 2
    assert "Journaliste:" in capsys.readouterr().out


@pytest.mark.django_db
def test_apply_roles_skips_a_permission_not_declared_yet():
    # elections.change_contest_status belongs to the results desk; absent, nothing fails.
    counts = apply_roles()
    assert counts[EDITOR] == len(codenames(EDITOR))


@pytest.mark.django_db
def test_demo_accounts_are_staff_in_their_group_and_can_log_in(client):
    apply_roles()
    demo.load_accounts()
    demo.load_accounts()  # safe to re-run
    for username, password, group, *_ in demo.DEMO_ACCOUNTS:
        assert client.login(username=username, password=password)
        user = client.get("/admin/").wsgi_request.user
        assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [group]
    assert not User.objects.get(username="journaliste").has_perm("articles.publish_article")
    assert User.objects.get(username="editeur").has_perm("articles.publish_article")


@pytest.mark.django_db
def test_the_demo_editor_finds_the_journalists_draft_waiting_on_the_desk(
    client, demo_newsroom, django_capture_on_commit_callbacks
):
    demo.load_accounts()
    demo.load_accounts()  # safe to re-run: one submission, still in review
    client.login(username="editeur", password="editeur-demo")
    desk = client.get("/admin/").content.decode()
    waiting = desk.split('id="desk-waiting"')[1].split("</section>")[0]
    assert "Brouillon : le corps électoral calédonien en débat" in waiting
    assert "La partie sur le corps électoral reste à sourcer" in waiting
    assert ReviewNote.objects.count() == 1
    # Sending it back e-mails the demo journalist (make run prints it on the console).
    draft = ReviewNote.objects.get().article
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/articles/article/{draft.pk}/renvoyer/", {"reason": "À sourcer."})
    assert [sent.to for sent in mail.outbox] == [["journaliste@example.org"]]


@pytest.mark.django_db
def test_demo_accounts_command_prints_the_credentials(capsys):
    apply_roles()
    demo.load_accounts()
    call_command("demo_accounts", url="http://127.0.0.1:9000")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:9000/admin/" in out
    assert "journaliste-demo" in out and "editeur-demo" in out


@pytest.mark.django_db
def test_demo_accounts_command_prints_no_password_where_there_is_no_demo_account(capsys):
    call_command("demo_accounts")
    out = capsys.readouterr().out
    assert "password" not in out and "-demo" not in out.replace("--with-demo-accounts", "")
    assert "No demo account" in out
