"""`nd42 nightly` end to end against local portals (127.0.0.1 under public-looking names): every portal in
one process, at most N at once and one per host, each under its own profile, its page and time budgets,
stored as one run, published as OUT/runs/<run>/ and a landing page, with a summary.  The demo portals'
nights are in test_nightly_demo.py."""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_nightly_sites import Sites, registry, run_nightly

pytestmark = pytest.mark.e2e
HOSTS = {f"s{c}.hoalam.gov.vn": 0.05 for c in "abcde"}


def snapshots(db: Path, run_id: int) -> dict[str, Any]:
    from nd42.records import to_jsonable
    from nd42.store import Store

    with Store(db) as store:
        return {pid: to_jsonable(store.load_snapshot(run_id, pid)) for pid in store.portal_ids(run_id)}


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Sites, Path, subprocess.CompletedProcess[str]]]:
    sites = Sites(HOSTS)
    tmp = tmp_path_factory.mktemp("night")
    reg = registry(sites, tmp / "registry.toml", defaults='[defaults]\nprofile = "daknong-cchc"\n',
                   extra={"sb": 'profile = "nd224-2026"\n', "sc": "page_budget = 4\n",
                          "sd": '[portal.rules."FR-001"]\nmax_age_days = 1\n'})
    out = run_nightly(sites, tmp, reg, "--max-portals-at-once", "2", "--profile", "nd42-2022")
    yield sites, tmp, out
    sites.close()


def test_every_portal_is_checked_and_the_run_completes(night: tuple[Sites, Path, Any]) -> None:
    sites, tmp, out = night
    assert out.returncode == 0, out.stderr
    con = sqlite3.connect(tmp / "db.sqlite3")
    (run,) = con.execute("SELECT id, kind, status, profile FROM runs").fetchall()
    assert run == (1, "nightly", "complete", "nd42-2022")  # the run records the run-level default profile
    profiles = dict(con.execute("SELECT portal_id, profile FROM portal_runs WHERE run_id = 1"))
    assert profiles == {"sa": "daknong-cchc", "sb": "nd224-2026", "sc": "daknong-cchc", "sd": "daknong-cchc",
                        "se": "daknong-cchc"}
    assert all(e["ua"].startswith("nd42/") for e in sites.entries())
    assert "Cổng đã kiểm tra / portals checked: 5" in out.stdout
    assert "Lượt hằng đêm đầu tiên" in out.stdout and "first nightly run" in out.stdout
    assert f"dashboard: {tmp / 'out' / 'runs' / '1' / 'index.html'}" in out.stdout
    assert out.stderr.count("[nd42] ") == 5  # one progress line per portal


def test_at_most_n_portals_at_once_and_one_crawl_per_host(night: tuple[Sites, Path, Any]) -> None:
    sites, _tmp, out = night
    assert sites.max_hosts_at_once() == 2, "two crawls overlap, never three"
    assert max(sites.max_active.values()) <= 2  # the per-domain concurrency, counted by the server
    assert "tối đa cùng lúc / at most at once: 2" in out.stdout


def test_each_portal_is_judged_with_its_own_overrides_and_budget(night: tuple[Sites, Path, Any]) -> None:
    sites, tmp, _out = night
    snaps = snapshots(tmp / "db.sqlite3", 1)
    assert snaps["sc"]["crawl"]["page_budget"] == 4 and snaps["sc"]["crawl"]["budget_exhausted"] is True
    assert len([e for e in sites.entries("sc.hoalam.gov.vn") if e["path"] != "/robots.txt"]) <= 4
    assert snaps["sa"]["crawl"]["page_budget"] == 80
    assert snaps["sa"]["portal"]["agency"] == "UBND tỉnh Hòa Lâm" and snaps["sa"]["portal"]["level"] == "department"
    assert snaps["sd"]["portal"]["rules"] == {"FR-001": {"max_age_days": 1}}
    con = sqlite3.connect(tmp / "db.sqlite3")
    fr001 = dict(con.execute("SELECT p.portal_id, f.status FROM findings f JOIN portal_runs p "
                             "ON p.id = f.portal_run_id WHERE f.rule_id = 'FR-001'"))
    # Newest directive item 20/11, run on 24/11: fresh under the profile's 21 days, stale under sd's own 1 day.
    assert fr001["sa"] == "pass" and fr001["sd"] == "fail"


def test_the_output_folder_layout(night: tuple[Sites, Path, Any]) -> None:
    _sites, tmp, _out = night
    root = tmp / "out"
    run = root / "runs" / "1"
    assert (run / "index.html").is_file()
    reports = sorted(p.name for p in (run / "portals").glob("*.html"))
    assert {"sa.html", "sb.html", "sc.html", "sd.html", "se.html"} <= set(reports)
    assert not [p for p in (root / "runs").iterdir() if p.name.startswith(".")]  # no staging left
    landing = (root / "index.html").read_text(encoding="utf-8")
    assert 'href="runs/1/index.html"' in landing and "Content-Security-Policy" in landing


def test_the_time_budget_closes_a_slow_portal(tmp_path: Path) -> None:
    sites = Sites({"cham.hoalam.gov.vn": 0.6, "nhanh.hoalam.gov.vn": 0.0})
    try:
        reg = registry(sites, tmp_path / "registry.toml", extra={"cham": "time_budget = 2\n"})
        out = run_nightly(sites, tmp_path, reg, "--concurrency", "1")
        assert out.returncode == 0, out.stderr
        snaps = snapshots(tmp_path / "db.sqlite3", 1)
        slow, fast = snaps["cham"]["crawl"], snaps["nhanh"]["crawl"]
        assert slow["time_budget"] == 2 and slow["time_budget_exhausted"] is True
        assert slow["finish_reason"] == "time_budget"
        # The spider asks for nothing after its budget: at most the request on the wire finishes (0.6 s here).
        assert slow["duration_s"] < 2 + 1.5, slow
        last = max(e["start"] for e in sites.entries("cham.hoalam.gov.vn"))
        first = min(e["start"] for e in sites.entries("cham.hoalam.gov.vn"))
        assert last - first < 2 + 0.7
        assert fast["time_budget"] == 300 and fast["time_budget_exhausted"] is False
        assert "time budget spent: 1 (cham)" in out.stdout
        # Still a portal of the run, with its verdicts: the home page was read.
        assert snaps["cham"]["pages"][0]["status"] == 200
    finally:
        sites.close()


def test_portals_start_spread_over_servers_slowest_first(tmp_path: Path) -> None:
    """With one portal at a time, the server sees the start order: first run by id within groups,
    interleaved; the next run starts with the portal that was slowest."""
    hosts = {"a1.tinh-a.gov.vn": 0.0, "a2.tinh-a.gov.vn": 0.0,
             "b1.tinh-b.gov.vn": 0.0, "b2.tinh-b.gov.vn": 0.3, "b3.tinh-b.gov.vn": 0.0}
    sites = Sites(hosts)
    try:
        reg = registry(sites, tmp_path / "registry.toml")
        out = run_nightly(sites, tmp_path, reg, "--max-portals-at-once", "1", "--budget", "4")
        assert out.returncode == 0, out.stderr
        assert [h.split(".")[0] for h in sites.first_requests()] == ["b1", "a1", "b2", "a2", "b3"]
        sites.log.clear()
        out = run_nightly(sites, tmp_path, reg, "--max-portals-at-once", "1", "--budget", "4")
        assert out.returncode == 0, out.stderr
        order = [h.split(".")[0] for h in sites.first_requests()]
        assert order[0] == "b2"  # the slowest last night
        assert all(a[:1] != b[:1] for a, b in itertools.pairwise(order)), order
    finally:
        sites.close()


def test_a_portal_that_cannot_be_reached_is_data_not_a_failure(tmp_path: Path) -> None:
    sites = Sites({"song.hoalam.gov.vn": 0.0})
    try:
        reg = registry(sites, tmp_path / "registry.toml")
        with reg.open("a", encoding="utf-8") as fh:
            fh.write('\n[[portal]]\nid = "chet"\nurl = "http://chet.hoalam.gov.vn:9/"\n')
        out = run_nightly(sites, tmp_path, reg, "--resolve", "chet.hoalam.gov.vn:127.0.0.1", "--timeout", "3")
        assert out.returncode == 0, out.stderr
        assert "không truy cập được / unreachable: 1 (chet)" in out.stdout
        con = sqlite3.connect(tmp_path / "db.sqlite3")
        statuses = {r[0] for r in con.execute("SELECT f.status FROM findings f JOIN portal_runs p ON "
                                              "p.id = f.portal_run_id WHERE p.portal_id = 'chet'")}
        assert "fail" not in statuses and "not_determinable" in statuses
    finally:
        sites.close()


def test_second_night_registry_change_and_a_missing_folder(tmp_path: Path) -> None:
    """The second run compares with the first, warns that the registry changed (naming the entry), and
    writes again the pages of a complete run whose folder is missing (a run killed while publishing)."""
    import shutil

    sites = Sites({"sa.hoalam.gov.vn": 0.0, "sb.hoalam.gov.vn": 0.0})
    try:
        reg = registry(sites, tmp_path / "registry.toml")
        assert run_nightly(sites, tmp_path, reg, "--budget", "6").returncode == 0
        shutil.rmtree(tmp_path / "out" / "runs" / "1")
        registry(sites, reg, extra={"sb": 'tags = ["moi"]\n'})
        out = run_nightly(sites, tmp_path, reg, "--budget", "6")
        assert out.returncode == 0, out.stderr
        assert "pages of run 1 written again" in out.stdout
        assert (tmp_path / "out" / "runs" / "1" / "index.html").is_file()
        assert "the registry changed since run 1 (cổng / portals: sb)" in out.stdout
        assert "since run 1 (K=2): lỗi mới / new failures 0" in out.stdout
    finally:
        sites.close()


FLAT = """
import gc, json, sys
from crawler.runner import crawl_portals
from nd42.clock import parse_clock
from nd42.config import CrawlOptions, PortalConfig
from nd42.records import PortalSnapshot

def alive():
    gc.collect()  # what a cycle still holds is garbage, not kept: count what is really reachable
    return sum(isinstance(o, PortalSnapshot) for o in gc.get_objects())

args = json.loads(sys.argv[1])
portals = [PortalConfig(id=p["id"], url=p["url"]) for p in args["portals"]]
options = CrawlOptions(delay=0, timeout=5, page_budget=6, resolve=args["resolve"], network_probes=False)
seen = []
outcome = crawl_portals(portals, options, parse_clock("2026-11-24"), lambda s: seen.append(alive()), max_at_once=3)
print(json.dumps({"seen": seen, "after": alive(), "peak": outcome.peak, "finished": outcome.finished}))
"""


def test_snapshots_are_handed_over_and_not_kept(tmp_path: Path) -> None:
    """Memory stays flat: while 12 portals are crawled 3 at a time, no more snapshots are alive than the
    crawls running (and the one being handed over); none after."""
    hosts = {f"p{i:02d}.tinh{i}.gov.vn": 0.02 for i in range(12)}
    sites = Sites(hosts)
    try:
        args = {"portals": [{"id": h.split(".")[0], "url": sites.url(h)} for h in hosts],
                "resolve": {h: "127.0.0.1" for h in hosts}}
        out = subprocess.run([sys.executable, "-c", FLAT, json.dumps(args)], capture_output=True, text=True,
                             timeout=180)
        assert out.returncode == 0, out.stderr
        got = json.loads(out.stdout.strip().splitlines()[-1])
        assert got["finished"] == 12 and len(got["seen"]) == 12 and got["peak"] == 3
        assert max(got["seen"]) <= 3 + 1, got
        assert got["after"] == 0, got
    finally:
        sites.close()
