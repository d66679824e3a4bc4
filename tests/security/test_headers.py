"""Security headers on every response, and the production settings behind them."""

import json

import pytest

from tests.foundation.test_operations import production_env, run_python


@pytest.fixture
def policy(client, site) -> dict[str, list[str]]:
    return directives(client.get("/"))


def test_the_policy_allows_only_our_own_scripts_and_no_inline_script(policy):
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in sum(policy.values(), [])


def test_the_policy_forbids_framing_plugins_foreign_forms_and_base(policy):
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/recherche/?q=x", "/flux/"])
def test_every_response_carries_the_protective_headers(client, site, path):
    response = client.get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


POWERFUL_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")


def denied_features(response) -> set[str]:
    return {
        name.strip()
        for name, _, allowlist in (
            part.partition("=") for part in response["Permissions-Policy"].split(",")
        )
        if allowlist.strip() == "()"
    }


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/flux/", "/page-inconnue/"])
def test_every_response_denies_the_browser_features_the_site_never_uses(client, site, path):
    assert set(POWERFUL_FEATURES) <= denied_features(client.get(path))


@pytest.mark.django_db(transaction=True)  # pages are cached only outside a transaction
def test_a_page_answered_from_the_cache_keeps_the_permissions_policy(
    client, site, django_assert_num_queries
):
    client.get("/")
    with django_assert_num_queries(0):  # a cache hit
        cached = client.get("/")

    assert set(POWERFUL_FEATURES) <= denied_features(cached)


def test_production_settings_turn_on_hsts_and_secure_http_only_cookies():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT',"
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_SAMESITE', 'SECURE_CONTENT_TYPE_NOSNIFF',"
        "'X_FRAME_OPTIONS', 'AXES_FAILURE_LIMIT']}))"
    )
    result = run_python(code, DJANGO_SETTINGS_MODULE="newsroom.settings", **production_env())
    assert result.returncode == 0, result.stderr

    settings = json.loads(result.stdout)
    assert settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == settings["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert settings["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert settings["X_FRAME_OPTIONS"] == "DENY"
    assert settings["AXES_FAILURE_LIMIT"] == 5


def directives(response) -> dict[str, list[str]]:
    parsed = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_admin_keeps_scripts_strict_and_only_it_allows_inline_styles(admin_client, site):
    admin = directives(admin_client.get("/admin/"))
    public = directives(admin_client.get("/"))

    assert admin["script-src"] == public["script-src"] == ["'self'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert public["style-src"] == ["'self'"]
