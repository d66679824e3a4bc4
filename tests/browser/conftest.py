"""Real Chromium (Debian's /usr/bin/chromium) driven by Playwright against the live server."""

import os
import shutil

import pytest

from tests.browser import close_when_idle

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(config, items):
    if shutil.which(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason=f"browser tests skipped: {CHROMIUM} not found (apt install chromium)"
    )
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    close_when_idle(context)


@pytest.fixture
def reader(browser):
    """Open a URL as a reader arriving afresh (a browser may keep a page a minute:
    `max-age=60`); every context opened is closed once idle when the test ends."""
    contexts = []

    def visit(url: str):
        context = browser.new_context(locale="fr-FR")
        contexts.append(context)
        reader_page = context.new_page()
        reader_page.goto(url)
        return reader_page

    yield visit
    for context in contexts:
        close_when_idle(context)
