"""Admin log-in throttling: five failures for one username from one address lock that
pair out for fifteen minutes, even with the right password; others log in as usual."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

PASSWORD = "correct horse battery staple"  # noqa: S105
LOGIN_URL = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("redaction", password=PASSWORD, is_staff=True)
    User.objects.create_user("autre", password=PASSWORD, is_staff=True)


def log_in(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, times, username="redaction", ip="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong", ip=ip)
        assert response.status_code in {200, 429}


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, staff):
    fail(client, 5)

    response = log_in(client, "redaction", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_still_logs_in(client, staff):
    fail(client, 4)

    response = log_in(client, "redaction", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_success_resets_the_count(client, staff):
    fail(client, 4)
    assert log_in(client, "redaction", PASSWORD).status_code == 302
    client.logout()
    fail(client, 4)

    assert log_in(client, "redaction", PASSWORD).status_code == 302


def test_the_lock_out_spares_other_users_and_other_addresses(client, staff):
    fail(client, 5)

    assert log_in(client, "autre", PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "redaction", PASSWORD, ip="198.51.100.9").status_code == 302


def test_the_lock_out_lifts_after_fifteen_minutes(client, staff):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 20, 0, tzinfo=datetime.UTC)):
        fail(client, 5)
        assert log_in(client, "redaction", PASSWORD).status_code == 429
    with time_machine.travel(datetime.datetime(2026, 11, 23, 20, 16, tzinfo=datetime.UTC)):
        assert log_in(client, "redaction", PASSWORD).status_code == 302
