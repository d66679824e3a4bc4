import contextlib
import time


def close_when_idle(context) -> None:
    """Close a browser context once its pages have no request in flight.

    On SQLite the live server's request threads share the test's in-memory database
    connection, so a request still running when the test's teardown flushes the database
    makes that flush fail. Waiting for the network to go quiet (a polling page is
    quiet between two polls) lets the last request finish first.
    """
    from playwright.sync_api import Error as PlaywrightError

    for open_page in context.pages:
        with contextlib.suppress(PlaywrightError):
            open_page.wait_for_load_state("networkidle", timeout=5_000)
    context.close()


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the admin's log-in page. The stock admin pages declare no icon, so
    Chromium asks for /favicon.ico (a 404 the site's own pages avoid): answered here."""
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Wait until the JavaScript `expression` is true in the page.

    Not `page.wait_for_function`: after a first check that fails, it polls with eval()
    inside the page, which the site's Content-Security-Policy (no 'unsafe-eval') refuses,
    so the test fails whenever the page is a little slow. `page.evaluate` goes through the
    DevTools protocol, outside the page's policy."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)
