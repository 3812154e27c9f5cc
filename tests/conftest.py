"""Shared fixtures: the demo portals served on 127.0.0.1 once per test session; no proxies."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Tests never touch the internet: ignore any proxy the machine is configured with.
for _var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
             "ftp_proxy", "FTP_PROXY"):
    os.environ.pop(_var, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

TODAY = dt.date(2026, 11, 24)


@dataclass
class DemoServerInfo:
    """What ``python -m nd42.demo.server`` reported: where each portal is served and how to reach it."""

    urls: dict[str, str]  # portal id → "http(s)://127.0.0.1:PORT" where its pages are served (no trailing slash)
    truth: dict[str, Any]  # portal id → DemoPortal.truth
    today: dt.date
    hosts: dict[str, str] = field(default_factory=dict)  # portal id → public hostname (skhcn.hoalam.gov.vn)
    endpoints: dict[str, dict[str, str]] = field(default_factory=dict)  # id → {"http": URL, "https": URL} by name
    loopback: dict[str, dict[str, str]] = field(default_factory=dict)  # the same on 127.0.0.1
    ipv6_ports: dict[str, dict[str, int]] = field(default_factory=dict)  # id → {"http": port, …} on [::1]
    dns_server: str = ""  # "127.0.0.1:PORT" of the demo zone's DNS server
    ca_file: str = ""  # the demo CA (PEM), to trust the portals' certificates
    env: dict[str, bool] = field(default_factory=dict)  # {"ipv6": …, "legacy_tls": …} on this machine
    portal_dir: Path | None = None  # where portal_file() writes
    night: int = 1  # which of the demo's nights the server serves (its truth is that night's)
    first_urls: dict[str, str] = field(default_factory=dict)  # night 2: where night 1 was served before the switch

    def port(self, pid: str) -> int:
        return int(self.urls[pid].rsplit(":", 1)[1])

    def scheme(self, pid: str) -> str:
        return self.urls[pid].split(":", 1)[0]

    def public_url(self, pid: str) -> str:
        """``http(s)://HOSTNAME:PORT`` where the portal is served; reachable only through ``--resolve``."""
        return f"{self.scheme(pid)}://{self.hosts[pid]}:{self.port(pid)}"

    def resolve_args(self) -> list[str]:
        """``--resolve`` flags mapping every portal hostname to the loopback address."""
        return [arg for host in sorted(set(self.hosts.values())) for arg in ("--resolve", f"{host}:127.0.0.1")]

    def network_args(self) -> list[str]:
        """``--dns-server`` and ``--ca-file`` for the network probes (the demo zone and the demo CA)."""
        return ["--dns-server", self.dns_server, "--ca-file", self.ca_file]

    def portal_file(self, pid: str) -> Path:
        """A portal TOML for ``--portal-config``: URL, name, level, parent and the probes' endpoints."""
        assert self.portal_dir is not None
        truth = self.truth[pid]
        path = self.portal_dir / f"{pid}.toml"
        if not path.exists():
            ends = self.endpoints[pid]
            path.write_text(
                f'[portal]\nid = "{pid}"\nurl = "{self.public_url(pid)}/"\nname = "{truth["name"]}"\n'
                f'level = "{truth["level"]}"\nparent = "{truth["parent"]}"\n'
                f'endpoints = {{ http = "{ends["http"]}", https = "{ends["https"]}" }}\n', encoding="utf-8")
        return path


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0] if box else ""


def _serve_demo(tmp_path_factory: pytest.TempPathFactory, *, switch: bool) -> Iterator[DemoServerInfo]:
    """``python -m nd42.demo.server`` for the session; with ``switch``, moved to night 2 while it runs."""
    from nd42.demo.portals import build_portals

    proc = subprocess.Popen([sys.executable, "-m", "nd42.demo.server", "--today", TODAY.isoformat(),
                             "--seconds", "900"], stdout=subprocess.PIPE, text=True)
    try:
        line = _first_line(proc, 60)
        if not line:
            raise RuntimeError(f"demo server did not start (exit code {proc.poll()})")
        started = json.loads(line)
        first_urls: dict[str, str] = {}
        night = 1
        if switch:
            # The way a nightly demo moves on: the running server switches (same ports), nothing restarts.
            proc.send_signal(signal.SIGUSR1)
            switched = _first_line(proc, 60)
            if not switched:
                raise RuntimeError(f"demo server did not switch nights (exit code {proc.poll()})")
            night = json.loads(switched)["night"]
            first_urls = started["urls"]
        # The server's truth and this process's agree: both ask the same machine about IPv6 and TLS 1.0.
        truth = {pid: p.truth for pid, p in build_portals(TODAY, started["env"], night=night).items()}
        yield DemoServerInfo(started["urls"], truth, TODAY, started["hosts"], started["endpoints"],
                             started["loopback"], started["ipv6_ports"], started["dns_server"], started["ca_file"],
                             started["env"], tmp_path_factory.mktemp(f"demo-portals-night{night}"), night, first_urls)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServerInfo]:
    """The demo portals (HTTP, HTTPS, [::1] twins), their DNS server and CA, in a subprocess for the session."""
    yield from _serve_demo(tmp_path_factory, switch=False)


@pytest.fixture(scope="session")
def demo_server_night2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServerInfo]:
    """Another demo server, started on night 1 and switched to night 2 while running (SIGUSR1)."""
    if not hasattr(signal, "SIGUSR1"):
        pytest.skip("switching a running demo server's night needs SIGUSR1 (POSIX)")
    yield from _serve_demo(tmp_path_factory, switch=True)
