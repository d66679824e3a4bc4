"""A partner's page, served from another origin, frames the 988 contest's widget with the
responsive code copied from the contest page's « Intégrer » panel: the widget follows the
count by itself, tells the partner's page its height, and stops polling once final."""

import http.server
import threading
import time

import pytest

from elections.models import Contest
from tests.browser import close_when_idle, wait_until
from tests.elections.conftest import ROUND_1, ROUND_2, import_csv, partial  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def partner_site():
    """Another local origin (127.0.0.1, its own port) serving one page around the code."""
    page = {"html": ""}

    class Partner(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = page["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Partner)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield page, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_framed_widget_follows_the_count_on_a_partner_site(
    live_server,
    browser,
    import_csv,  # noqa: F811 - the elections fixture, imported above
    partner_site,
    settings,
):
    settings.RESULTS_POLL_SECONDS = 1
    votes = {"Robert Xowie": 150, "Sonia Backès": 140, "Macate Wenehoua": 1}
    import_csv(*ROUND_1, *partial(ROUND_2, votes), status="counting", counting_round=2)
    contest = Contest.objects.get()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # The editor's side: the contest page's « Intégrer » panel, responsive code copied.
    page.goto(f"{live_server.url}{contest.get_absolute_url()}")
    page.locator(".embed-code summary").click()
    code = page.locator("#embed-responsive").input_value()
    assert code.startswith(f'<iframe src="{live_server.url}/embed/')

    # The partner's page, on another origin.
    html, partner_url = partner_site
    html["html"] = f"<!doctype html><title>Partenaire</title><h1>Chez un partenaire</h1>{code}"
    polls = []
    page.on(
        "request",
        lambda r: (
            polls.append(time.monotonic())
            if "/embed/" in r.url and r.headers.get("hx-request")
            else None
        ),
    )
    page.goto(partner_url)
    widget = page.frame_locator("iframe[data-newsroom-embed]")
    rows = widget.locator(".results-box__table tbody tr")
    rows.first.wait_for()
    assert rows.nth(0).inner_text().split("\t")[1] == "150"
    assert "dépouillement en cours" in widget.locator("caption").inner_text()

    # The widget told the partner's page its height (only its own frame, from our origin).
    iframe = page.locator("iframe[data-newsroom-embed]")
    wait_until(
        page, "document.querySelector('iframe[data-newsroom-embed]').style.height.endsWith('px')"
    )
    shown = widget.locator("body").bounding_box()["height"]
    assert abs(iframe.bounding_box()["height"] - shown) <= 2

    # The count goes on: the framed widget shows the new figures by itself.
    votes = {"Robert Xowie": 250, "Sonia Backès": 200, "Macate Wenehoua": 2}
    import_csv(*ROUND_1, *partial(ROUND_2, votes), status="counting", counting_round=2)
    widget.locator(".results-box__table tbody tr", has_text="250").wait_for(timeout=10_000)

    # Final: Robert Xowie elected; the widget says so and stops asking.
    import_csv(*ROUND_1, *ROUND_2, status="final")
    widget.locator(".badge--elected", has_text="élu au second tour").wait_for(timeout=10_000)
    assert "Robert Xowie" in rows.nth(0).inner_text() and "307" in rows.nth(0).inner_text()
    polls.clear()
    time.sleep(2.5)
    assert polls == []  # the 286 answer stopped the polling
    assert errors == []
    close_when_idle(context)
