"""Under the production Content-Security-Policy (no inline script), the public pages and
the admin load without a single violation, and htmx still swaps fragments."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from newsroom.articles.models import Article
from newsroom.demo.content import DEFEAT
from tests.browser import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    f"/article/{DEFEAT}/",
    "/elections/senatoriales-2023/988/",
    "/elections/senatoriales-2023/carte/",
    "/elections/senatoriales-2023/carte/?circonscription=988",
    "/recherche/?q=Backès",
    "/personnes/",
]


def watch_violations(page) -> list[str]:
    """Every CSP violation, from the console and from the DOM event."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Content Security Policy violation: ' + e.violatedDirective"
        " + ' ' + e.blockedURI));"
    )
    return violations


@pytest.fixture
def demo(site):
    call_command("seed_demo", verbosity=0)


def test_public_pages_load_without_any_csp_violation(live_server, page, demo):
    violations = watch_violations(page)

    for path in PUBLIC_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )
        page.wait_for_load_state("networkidle")

    assert violations == []
    assert page.console_errors == []


def test_htmx_round_tabs_still_swap_under_the_policy(live_server, page, demo):
    violations = watch_violations(page)
    url = live_server.url + "/elections/senatoriales-2023/988/"
    page.goto(url)
    page.evaluate("window.notReloaded = true")

    page.get_by_role("link", name="Premier tour", exact=True).click()
    page.wait_for_url(url + "?tour=1")
    wait_until(page, "document.querySelector('#round-title').innerText.startsWith('Premier')")

    assert page.evaluate("window.notReloaded") is True
    assert violations == []


def test_the_admin_change_form_runs_under_the_policy(live_server, page, demo):
    User.objects.create_superuser("redaction", password="correct horse battery staple")  # noqa: S106
    article = Article.objects.get(slug=DEFEAT)
    violations = watch_violations(page)

    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    for path in (
        "/admin/articles/article/",
        f"/admin/articles/article/{article.pk}/change/",
        "/admin/people/person/add/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    # The admin's own scripts ran: the "add another" link of a related field is wired.
    assert page.evaluate("typeof window.django !== 'undefined'")

    assert violations == []
