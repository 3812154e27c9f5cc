"""`nd42 nightly --workers N`: the night's portals crawled by several processes (nd42/nightly_workers.py).

Shards keep a host's portals in one worker; the stored run is the same as one process's; the server
still sees the per-host limits; a killed parent takes its workers with it, a signal stops them as
one process, and a worker that dies leaves its portals as failed crawls, not a broken night."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nd42.config import PortalConfig
from nd42.nightly_workers import shards
from tests.test_nightly_sites import Sites, nightly_args, registry, run_nightly

HOSTS = {"sa.hoalam.gov.vn": 0.05, "sb.binhson.gov.vn": 0.05, "sc.tinh-khac.gov.vn": 0.05,
         "sd.hoalam.gov.vn": 0.05, "se.lamdong.gov.vn": 0.05}


def portal(pid: str, host: str, **kw: Any) -> PortalConfig:
    return PortalConfig(id=pid, url=f"https://{host}/", **kw)


def test_shards_keep_each_host_whole_and_balance_the_rest() -> None:
    order = [portal("a", "a.hoalam.gov.vn"), portal("b", "b.binhson.gov.vn"), portal("c", "c.hoalam.gov.vn"),
             portal("d", "d.lamdong.gov.vn"), PortalConfig(id="d2", url="https://www.d.lamdong.gov.vn/khac/"),
             portal("e", "e.quangnam.gov.vn"), portal("f", "f.quangnam.gov.vn")]
    durations = {"a": 100.0, "b": 150.0, "c": 90.0, "d": 60.0, "d2": 60.0, "e": 30.0, "f": 30.0}
    ids = [[p.id for p in part] for part in shards(order, 2, durations)]
    # b (150) to the first shard, host d with its www twin (120) to the second, a (100) to the second (220),
    # c (90) to the first (240), e and f (30 each) to the second then the first; each in the night's order.
    assert ids == [["b", "c", "f"], ["a", "d", "d2", "e"]]
    # Equal portals (never seen: each counts its time budget) are dealt in turn, so each shard keeps the
    # night's spread order.
    same = [portal(f"p{n}", f"p{n}.hoalam.gov.vn") for n in range(6)]
    assert [[p.id for p in part] for part in shards(same, 2)] == [["p0", "p2", "p4"], ["p1", "p3", "p5"]]
    # More workers than hosts: no empty shard; one worker: the order unchanged.
    assert len(shards(order[3:5], 8, durations)) == 1
    assert [p.id for p in shards(order, 1)[0]] == [p.id for p in order]


def findings(db: Path, run_id: int) -> dict[str, list[tuple[str, str]]]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT p.portal_id, f.rule_id, f.status FROM findings f JOIN portal_runs p "
                       "ON p.id = f.portal_run_id WHERE p.run_id = ? ORDER BY 1, 2, 3", (run_id,)).fetchall()
    out: dict[str, list[tuple[str, str]]] = {}
    for pid, rule, status in rows:
        out.setdefault(pid, []).append((rule, status))
    return out


@pytest.mark.e2e
def test_two_workers_store_the_same_run_as_one_process(tmp_path: Path) -> None:
    sites = Sites(HOSTS)
    try:
        one, two = tmp_path / "one", tmp_path / "two"
        one.mkdir()
        two.mkdir()
        reg = registry(sites, tmp_path / "registry.toml")
        first = run_nightly(sites, one, reg, "--max-portals-at-once", "2")
        assert first.returncode == 0, first.stderr
        sites.log.clear()
        out = run_nightly(sites, two, reg, "--max-portals-at-once", "2", "--workers", "2")
        assert out.returncode == 0, out.stderr
        assert findings(two / "db.sqlite3", 1) == findings(one / "db.sqlite3", 1)
        assert len(findings(two / "db.sqlite3", 1)) == len(HOSTS)
        assert out.stderr.count("[nd42] ") == len(HOSTS)  # the parent prints every portal's line
        assert "Cổng đã kiểm tra / portals checked: 5" in out.stdout
        assert (two / "out" / "runs" / "1" / "index.html").is_file()
        con = sqlite3.connect(two / "db.sqlite3")
        assert con.execute("SELECT status FROM runs").fetchall() == [("complete",)]
        assert json.loads(con.execute("SELECT options_json FROM runs").fetchone()[0])["workers"] == 2
        # The server's count: the per-host limit holds and the two workers share --max-portals-at-once.
        assert max(sites.max_active.values()) <= 2
        assert sites.max_hosts_at_once() <= 2
    finally:
        sites.close()


def _start(sites: Sites, tmp: Path, reg: Path) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(nightly_args(sites, tmp, reg, "--max-portals-at-once", "2", "--workers", "2"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    stream = proc.stderr
    assert stream is not None
    threading.Thread(target=lambda: lines.extend(iter(stream.readline, "")), daemon=True).start()
    deadline = time.monotonic() + 60
    while not any(line.startswith("[nd42] 1/") for line in lines) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert any(line.startswith("[nd42] 1/") for line in lines), "".join(lines)
    return proc, lines


@pytest.fixture
def slow(tmp_path: Path) -> Iterator[tuple[Sites, Path]]:
    """The hosts answering in 0.3 s, so that a run is still crawling when it is signalled; their registry."""
    sites = Sites({h: 0.3 for h in HOSTS})
    try:
        yield sites, registry(sites, tmp_path / "registry.toml")
    finally:
        sites.close()


@pytest.mark.e2e
def test_kill_9_of_the_parent_takes_the_workers_with_it(tmp_path: Path, slow: tuple[Sites, Path]) -> None:
    sites, reg = slow
    proc, _lines = _start(sites, tmp_path, reg)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    time.sleep(1.5)  # a request already on the wire may still be answered
    seen = len(sites.entries())
    time.sleep(2.0)
    assert len(sites.entries()) == seen, "no worker goes on crawling once the parent is gone"
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("SELECT status FROM runs").fetchall() == [("running",)]
    con.close()
    last = run_nightly(sites, tmp_path, reg, "--workers", "2")
    assert last.returncode == 0, last.stderr
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    assert dict(con.execute("SELECT id, status FROM runs")) == {1: "incomplete", 2: "complete"}


@pytest.mark.e2e
def test_sigterm_stops_every_worker_and_the_run_stays_incomplete(tmp_path: Path, slow: tuple[Sites, Path]) -> None:
    sites, reg = slow
    proc, lines = _start(sites, tmp_path, reg)
    proc.send_signal(signal.SIGTERM)
    stdout, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1, "".join(lines)
    assert "không hoàn tất / incomplete" in stdout
    con = sqlite3.connect(tmp_path / "db.sqlite3")
    assert con.execute("SELECT status FROM runs").fetchall() == [("incomplete",)]
    assert not (tmp_path / "out" / "runs" / "1").exists()
    seen = len(sites.entries())
    time.sleep(1.0)
    assert len(sites.entries()) == seen


@pytest.mark.e2e
def test_a_worker_that_dies_leaves_failed_crawls_not_a_broken_night(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process: a worker that ends without a word (here: it exits as it starts, as an OOM kill would end it)
    costs its shard's portals a 'crawl failed' row each; the other worker's portals are checked and the run
    completes and is published."""
    import nd42.nightly_workers as workers
    from nd42.config import CrawlOptions
    from nd42.nightly import NightlySettings
    from nd42.nightly import run_nightly as nightly
    from nd42.registry import load_registry

    sites = Sites(HOSTS)
    try:
        reg = load_registry(registry(sites, tmp_path / "registry.toml"))
        options = CrawlOptions(delay=0, timeout=10, network_probes=False, resolve=dict.fromkeys(HOSTS, "127.0.0.1"))
        settings = NightlySettings(db_path=tmp_path / "db.sqlite3", out=tmp_path / "out", options=options,
                                   now=dt.datetime(2026, 11, 24, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
                                   profile="nd42-2022", max_at_once=2, workers=2, quiet=True)
        monkeypatch.setenv("ND42_TEST_DOOMED_WORKER", "0")
        monkeypatch.setattr(workers, "_worker", _doomed)
        result = nightly(reg, settings)
        assert result.status == "complete"
        errors = {r.portal_id: r.error for r in result.results}
        assert set(errors) == {h.split(".")[0] for h in HOSTS}
        failed = {pid for pid, error in errors.items() if error}
        assert failed and failed != set(errors), errors
        assert all(errors[pid] == "crawl failed" for pid in failed)
        assert (tmp_path / "out" / "runs" / "1" / "index.html").is_file()
        con = sqlite3.connect(tmp_path / "db.sqlite3")
        assert con.execute("SELECT count(*) FROM portal_runs WHERE run_id = 1").fetchone() == (len(HOSTS),)
    finally:
        sites.close()


def _doomed(n: int, *args: Any) -> None:
    """The worker, except the one named by $ND42_TEST_DOOMED_WORKER, which exits at once (runs in the child)."""
    import os

    from nd42.nightly_workers import _worker

    if str(n) == os.environ.get("ND42_TEST_DOOMED_WORKER"):
        os._exit(9)
    _worker(n, *args)


@pytest.mark.parametrize("value", ["0", "17"])
def test_a_bad_worker_count_is_bad_input(tmp_path: Path, value: str) -> None:
    sites = Sites({"sa.hoalam.gov.vn": 0.0})
    try:
        reg = registry(sites, tmp_path / "registry.toml")
        out = run_nightly(sites, tmp_path, reg, "--workers", value)
        assert out.returncode == 2, out.stderr
        assert "--workers" in out.stderr and "1 to 16" in out.stderr
        assert not (tmp_path / "db.sqlite3").exists() and not sites.entries()
    finally:
        sites.close()
