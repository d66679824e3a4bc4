"""A varnishd with deploy/varnish/newsroom.vcl in front of an app server on this host: for
the election benchmark's edge phase and the edge tests (tests/edge)."""

import contextlib
import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench import server

VCL = server.BASE_DIR / "deploy" / "varnish" / "newsroom.vcl"
SITE_VCL = server.BASE_DIR / "deploy" / "varnish" / "site-vcl"


def available() -> bool:
    """varnishd and vmod_xkey (Debian's varnish and varnish-modules) are installed."""
    return bool(shutil.which("varnishd")) and any(
        Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so")
    )


def capability() -> str:
    """A Surrogate-Capability for one edge and its app (EDGE_SURROGATE_CAPABILITY)."""
    return f"newsroom-{secrets.token_hex(8)}=ESI/1.0"


@contextlib.contextmanager
def fronting(
    app_port: int,
    port: int,
    purgers: tuple[str, ...] = (),
    memory: str = "256m",
    spare: bool = False,
    includes: str = "",
) -> Iterator[server.Server]:
    """Varnish on `port` in front of the app on `app_port`, ready (its probe has found
    the app up) when entered, stopped on exit. `spare`: it runs only on CPU time the app
    leaves (`server.on_spare_cpu`), when it shares the host with the app it stands in front
    of (the benchmark). `includes`: the app's
    EDGE_SURROGATE_CAPABILITY (none: the edge gets whole pages)."""
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-edge-"))
    workdir.chmod(0o755)  # varnishd's VCL compiler runs as its own user
    site = subprocess.run(  # noqa: S603 - our own script
        [SITE_VCL, server.HOST, str(app_port), *purgers],
        env={**os.environ, "EDGE_SURROGATE_CAPABILITY": includes},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (workdir / "newsroom-site.vcl").write_text(site)
    (workdir / "newsroom-site.vcl").chmod(0o644)
    process = subprocess.Popen(  # noqa: S603 - Debian's varnishd, loopback only
        [
            shutil.which("varnishd"), "-F", "-a", f"{server.HOST}:{port}", "-f", str(VCL),
            "-p", f"vcl_path={workdir}:/usr/share/varnish/vcl",
            "-n", str(workdir / "work"), "-s", f"malloc,{memory}", "-T", "none",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=server.on_spare_cpu if spare else None,  # noqa: PLW1509 - one system call
    )  # fmt: skip
    edge = server.Server(process=process, port=port, workdir=workdir)
    try:
        wait_until_healthy(edge)
        yield edge
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def memory_for(urls: int) -> str:
    """Storage with room for every page of the mix, so that eviction never counts in the
    hit ratio (measured: ~7 KB a page gzipped with its headers and keys, 149 MB for the
    21,000 URLs at 20,000 articles; 64 KB a URL leaves a wide margin)."""
    return f"{256 + urls * 64 // 1024}m"


def counters(edge: server.Server, fields: str = "MAIN.*") -> dict[str, int]:
    """The edge's counters matching `fields`, from varnishstat."""
    out = subprocess.run(  # noqa: S603 - Debian's varnishstat on our own instance
        [shutil.which("varnishstat"), "-n", str(edge.workdir / "work"), "-1", "-f", fields],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {line.split()[0]: int(line.split()[1]) for line in out.splitlines() if line.strip()}


def storage(edge: server.Server) -> tuple[int, int]:
    """(bytes used, bytes free) in the edge's storage."""
    values = counters(edge, "SMA.s0.*")
    return values.get("SMA.s0.g_bytes", 0), values.get("SMA.s0.g_space", 0)


# What the edge did during a phase: its answers (hits, of them served in grace, misses,
# passes), the pages the purges dropped (xkey counts them as expired), the requests put
# to wait behind a fetch of the same page (busy_sleep), the fetches from the app.
ACTIVITY = {
    "MAIN.cache_hit": "hits",
    "MAIN.cache_hit_grace": "of them in grace",
    "MAIN.cache_miss": "misses",
    "MAIN.s_pass": "passes",
    "MAIN.n_expired": "pages purged",
    "MAIN.s_synth": "purge requests",
    "MAIN.busy_sleep": "waited for a fetch",
    "MAIN.backend_req": "fetches from the app",
    "MAIN.n_lru_nuked": "evicted",
}


def activity(before: dict[str, int], after: dict[str, int]) -> str:
    return ", ".join(
        f"{name} {after.get(field, 0) - before.get(field, 0)}" for field, name in ACTIVITY.items()
    )


def wait_until_healthy(edge: server.Server, seconds: float = 20) -> None:
    """Until Varnish answers /healthz with 200: it runs and its probe found the app up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if server.get(edge.url("/healthz"), timeout=1) == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"varnishd not ready: {edge.process.stderr.read1().decode()}")
