"""Shared fixtures: the demo portals served on 127.0.0.1 once per test session; no proxies."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

# Tests never touch the internet: ignore any proxy the machine is configured with.
for _var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_var, None)

TODAY = dt.date(2026, 11, 24)


@dataclass
class DemoServerInfo:
    urls: dict[str, str]
    truth: dict[str, Any]
    today: dt.date


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServerInfo]:
    from nd42.demo.portals import build_portals

    proc = subprocess.Popen([sys.executable, "-m", "nd42.demo.server", "--today", TODAY.isoformat(),
                             "--seconds", "900"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        urls = json.loads(proc.stdout.readline())
        truth = {pid: p.truth for pid, p in build_portals(TODAY).items()}
        yield DemoServerInfo(urls, truth, TODAY)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
