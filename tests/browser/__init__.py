import contextlib


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
