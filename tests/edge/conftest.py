"""A real varnishd (Debian's varnish and varnish-modules) with deploy/varnish/newsroom.vcl,
in front of the live server through a relay the tests can cut (the app "down")."""

import gzip
import socket
import socketserver
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest

from bench import edge as bench_edge
from bench import server


def pytest_collection_modifyitems(config, items):
    if bench_edge.available():
        return
    skip = pytest.mark.skip(
        reason="edge tests skipped: varnishd or vmod_xkey missing (apt install varnish "
        "varnish-modules; .ci/run installs them)"
    )
    for item in items:
        if "tests/edge/" in str(item.fspath):
            item.add_marker(skip)


@dataclass
class Answer:
    status: int
    headers: dict
    text: str


def fetch(url: str, *, method: str = "GET", headers: dict | None = None) -> Answer:
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            body = response.read()
            status, found = response.status, response.headers
    except urllib.error.HTTPError as error:
        body, status, found = error.read(), error.code, error.headers
    if found.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return Answer(status, dict(found.items()), body.decode("utf-8", "replace"))


class Relay(socketserver.ThreadingTCPServer):
    """Bytes both ways between Varnish and the live server; closed, the app is "down"."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, target: tuple[str, int]):
        self.target = target
        super().__init__(("127.0.0.1", port), RelayHandler)


class RelayHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        with socket.create_connection(self.server.target) as upstream:
            pump = threading.Thread(target=copy, args=(upstream, self.request), daemon=True)
            pump.start()
            copy(self.request, upstream)
            pump.join(timeout=5)


def copy(source: socket.socket, target: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            target.sendall(chunk)
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass


class App:
    """The live server behind a relay that can be stopped and started again."""

    def __init__(self, live_server):
        host, port = live_server.url.removeprefix("http://").split(":")
        self.target = (host, int(port))
        self.port = server.free_port()
        self.relay = None
        self.start()

    def start(self) -> None:
        self.relay = Relay(self.port, self.target)
        threading.Thread(target=self.relay.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.relay.shutdown()
        self.relay.server_close()


class Edge:
    """bench.edge's varnishd, with the tests' way of asking it."""

    def __init__(self, app: App, includes: str):
        self.port = server.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.running = bench_edge.fronting(app.port, self.port, memory="32m", includes=includes)
        self.server = self.running.__enter__()

    def wait_until_healthy(self) -> None:
        bench_edge.wait_until_healthy(self.server)

    def get(self, path: str, **headers) -> Answer:
        return fetch(self.url + path, headers=headers)

    def close(self) -> None:
        self.running.__exit__(None, None, None)


@pytest.fixture
def app(live_server):
    app = App(live_server)
    yield app
    app.stop()


@pytest.fixture
def edge(app, settings):
    settings.EDGE_SURROGATE_CAPABILITY = bench_edge.capability()
    edge = Edge(app, settings.EDGE_SURROGATE_CAPABILITY)
    settings.EDGE_PURGE_URLS = [edge.url + "/"]
    yield edge
    edge.close()
