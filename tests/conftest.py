"""Shared fixtures: the demo portals served on 127.0.0.1 once per test session; no proxies."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    urls: dict[str, str]  # portal id → "http://127.0.0.1:PORT" (no trailing slash)
    truth: dict[str, Any]  # portal id → DemoPortal.truth
    today: dt.date
    hosts: dict[str, str] = field(default_factory=dict)  # portal id → public hostname (skhcn.hoalam.gov.vn)

    def port(self, pid: str) -> int:
        return int(self.urls[pid].rsplit(":", 1)[1])

    def public_url(self, pid: str) -> str:
        """``http://HOSTNAME:PORT``: reachable only through a resolver override (``--resolve HOST:127.0.0.1``)."""
        return f"http://{self.hosts[pid]}:{self.port(pid)}"

    def resolve_args(self) -> list[str]:
        """``--resolve`` flags mapping every portal hostname to the loopback address."""
        return [arg for host in sorted(set(self.hosts.values())) for arg in ("--resolve", f"{host}:127.0.0.1")]


def _first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    box: list[str] = []
    reader = threading.Thread(target=lambda: box.append(proc.stdout.readline() if proc.stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    return box[0] if box else ""


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServerInfo]:
    from nd42.demo.portals import build_portals

    proc = subprocess.Popen([sys.executable, "-m", "nd42.demo.server", "--today", TODAY.isoformat(),
                             "--seconds", "900"], stdout=subprocess.PIPE, text=True)
    try:
        line = _first_line(proc, 60)
        if not line:
            raise RuntimeError(f"demo server did not start (exit code {proc.poll()})")
        started = json.loads(line)
        truth = {pid: p.truth for pid, p in build_portals(TODAY).items()}
        yield DemoServerInfo(started["urls"], truth, TODAY, started["hosts"])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
