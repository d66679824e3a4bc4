"""Admin log-in throttling: failures are counted per account, from any address (five lock
the account for fifteen minutes, even with the right password), and per address, across
accounts (twenty lock the address). The address is the connection's own unless a trusted
proxy header is configured; the lock-out page says how long the lock lasts."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import User

PASSWORD = "correct horse battery staple"  # noqa: S105
LOGIN_URL = "/admin/login/?next=/admin/"
PROXY = "10.0.0.2"


@pytest.fixture
def staff(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("redaction", password=PASSWORD, is_staff=True)
    User.objects.create_user("autre", password=PASSWORD, is_staff=True)


def log_in(client, username, password, ip="203.0.113.7", **headers):
    data = {"username": username, "password": password}
    return client.post(LOGIN_URL, data, REMOTE_ADDR=ip, **headers)


def fail(client, times, username="redaction", ip="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "wrong", ip=ip)
        assert response.status_code in {200, 429}


def spray(client, times, **request):
    """One wrong password for each of `times` different user names."""
    for number in range(times):
        response = log_in(client, f"compte-{number}", "wrong", **request)
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


def test_the_account_lock_spares_other_users_at_the_same_address(client, staff):
    fail(client, 5)

    assert log_in(client, "autre", PASSWORD).status_code == 302


def test_guesses_from_several_addresses_lock_the_account_everywhere(client, staff):
    for number in range(1, 6):
        fail(client, 1, ip=f"198.51.100.{number}")

    assert log_in(client, "redaction", PASSWORD, ip="192.0.2.99").status_code == 429
    assert log_in(client, "autre", PASSWORD, ip="198.51.100.1").status_code == 302


def test_logging_in_to_ones_own_account_keeps_the_guesses_at_another(client, staff):
    fail(client, 4)
    assert log_in(client, "autre", PASSWORD).status_code == 302
    client.logout()
    fail(client, 1)

    assert log_in(client, "redaction", PASSWORD).status_code == 429


def test_spraying_twenty_user_names_from_one_address_locks_that_address(client, staff):
    spray(client, 20)

    assert log_in(client, "redaction", PASSWORD).status_code == 429
    assert log_in(client, "redaction", PASSWORD, ip="198.51.100.9").status_code == 302


def test_nineteen_failures_from_one_address_lock_nobody_there(client, staff):
    spray(client, 19)

    assert log_in(client, "redaction", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_does_not_change_the_counted_address(client, staff):
    for number in range(20):
        forged = f"192.0.2.{number}"
        response = log_in(client, f"compte-{number}", "wrong", HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code in {200, 429}

    response = log_in(client, "redaction", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")

    assert response.status_code == 429


@pytest.fixture
def behind_a_proxy(settings):
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1


def test_behind_a_trusted_proxy_the_address_it_forwards_is_counted(client, staff, behind_a_proxy):
    # Each client writes a forged address of its own; the proxy appends the real one.
    spray(client, 20, ip=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.20")

    locked = log_in(client, "redaction", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.20")
    colleague = log_in(client, "redaction", PASSWORD, PROXY, HTTP_X_FORWARDED_FOR="198.51.100.21")

    assert locked.status_code == 429
    assert colleague.status_code == 302


def test_behind_a_trusted_proxy_a_request_without_the_header_counts_its_own_address(
    client, staff, behind_a_proxy
):
    spray(client, 20, HTTP_X_FORWARDED_FOR="not an address")

    assert log_in(client, "redaction", PASSWORD).status_code == 429
    assert log_in(client, "redaction", PASSWORD, ip="198.51.100.9").status_code == 302


def test_the_lock_out_page_says_how_long_the_lock_lasts(client, staff):
    fail(client, 5)

    response = log_in(client, "redaction", PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Réessayez dans 15 minutes" in response.text
    assert response.text.lstrip().startswith("<!DOCTYPE html>")


def test_the_lock_out_lifts_after_fifteen_minutes(client, staff):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 20, 0, tzinfo=datetime.UTC)):
        fail(client, 5)
        assert log_in(client, "redaction", PASSWORD).status_code == 429
    with time_machine.travel(datetime.datetime(2026, 11, 23, 20, 16, tzinfo=datetime.UTC)):
        assert log_in(client, "redaction", PASSWORD).status_code == 302
