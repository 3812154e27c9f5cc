"""The nightly run's parts without a crawl: the slots that bound parallelism (fake crawls as Deferreds), the
spread order, the lock, the output folder's atomic swap and landing page, and the summary."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from twisted.internet import defer

from crawler.runner import Slots, budgets, portal_options
from nd42.clock import VN_TZ
from nd42.config import CrawlOptions, PortalConfig, site_domain
from nd42.nightly_lock import LockHeld, RunLock
from nd42.nightly_order import spread_order

NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=VN_TZ)


def portal(pid: str, host: str | None = None, **kw: Any) -> PortalConfig:
    return PortalConfig(id=pid, url=f"https://{host or pid + '.hoalam.gov.vn'}/", **kw)


# ---------------------------------------------------------------------------------------------- slots
class FakeCrawls:
    def __init__(self) -> None:
        self.running: dict[str, defer.Deferred[None]] = {}
        self.started: list[str] = []
        self.finished = 0

    def start(self, p: PortalConfig, probes: Any) -> defer.Deferred[None]:
        self.started.append(p.id)
        self.running[p.id] = defer.Deferred()
        return self.running[p.id]

    def end(self, pid: str, error: bool = False) -> None:
        d = self.running.pop(pid)
        if error:
            d.errback(RuntimeError("boom"))
        else:
            d.callback(None)


def make(portals: list[PortalConfig], limit: int, crawls: FakeCrawls, **kw: Any) -> Slots:
    def done() -> None:
        crawls.finished += 1

    return Slots(limit, len(portals), crawls.start, {p.id: i for i, p in enumerate(portals)}, finished=done, **kw)


def test_at_most_limit_crawls_and_the_next_starts_when_one_ends() -> None:
    portals = [portal(f"p{i}", f"p{i}.tinh{i}.gov.vn") for i in range(5)]
    crawls = FakeCrawls()
    slots = make(portals, 2, crawls)
    slots.add((p, {}) for p in portals)
    assert crawls.started == ["p0", "p1"]
    crawls.end("p1")
    assert crawls.started == ["p0", "p1", "p2"] and len(crawls.running) == 2
    crawls.end("p0", error=True)  # a crawl that breaks is counted and makes room like any other
    crawls.end("p2")
    crawls.end("p3")
    assert crawls.finished == 0
    crawls.end("p4")
    assert crawls.finished == 1 and slots.outcome.finished == 5 and slots.outcome.failed == ["p0"]
    assert slots.outcome.peak == 2 and not slots.outcome.interrupted


def test_never_two_crawls_of_one_host() -> None:
    portals = [portal("a", "same.gov.vn"), portal("b", "www.same.gov.vn"), portal("c", "other.gov.vn")]
    crawls = FakeCrawls()
    slots = make(portals, 3, crawls)
    slots.add((p, {}) for p in portals)
    assert crawls.started == ["a", "c"]  # b waits: same host as a (its www twin)
    crawls.end("c")
    assert crawls.started == ["a", "c"]
    crawls.end("a")
    assert crawls.started == ["a", "c", "b"]


def test_prefers_a_portal_on_another_server() -> None:
    portals = [portal("a1", "a1.tinh-a.gov.vn"), portal("a2", "a2.tinh-a.gov.vn"), portal("b1", "b1.tinh-b.gov.vn"),
               portal("c1", "c1.tinh-c.gov.vn")]
    crawls = FakeCrawls()
    slots = make(portals, 2, crawls)
    probes = {"c1": {"dns": {"a": ["10.0.0.1"]}}, "a1": {"dns": {"a": ["10.0.0.1"]}}}
    slots.add((p, probes.get(p.id, {})) for p in portals)
    # a2 shares a1's parent domain; b1 is elsewhere.  Then c1 shares a1's address: a2 goes before it.
    assert crawls.started == ["a1", "b1"]
    crawls.end("b1")
    assert crawls.started == ["a1", "b1", "a2"]


def test_a_stop_starts_nothing_more() -> None:
    portals = [portal(f"p{i}", f"p{i}.tinh{i}.gov.vn") for i in range(3)]
    crawls = FakeCrawls()
    slots = make(portals, 1, crawls)
    slots.add((p, {}) for p in portals)
    slots.stopping = True
    crawls.end("p0")
    assert crawls.started == ["p0"] and slots.outcome.interrupted and crawls.finished == 0


def test_budgets_per_portal_less_what_the_probes_spent() -> None:
    options = CrawlOptions(page_budget=80, time_budget=300)
    own = portal("a", page_budget=20, time_budget=60)
    assert budgets(own, options) == (20, 60) and budgets(portal("b"), options) == (80, 300)
    probes = {"network": {"http_requests": 3, "duration_s": 12.5}}
    crawl = portal_options(own, options, probes)
    assert crawl.page_budget == 17 and crawl.time_budget == pytest.approx(47.5)
    slow = portal_options(own, options, {"network": {"duration_s": 59.0}})
    assert slow.time_budget == pytest.approx(6.0)  # a floor: the home page still gets its chance
    assert portal_options(portal("c"), CrawlOptions(), {}).time_budget is None


# ---------------------------------------------------------------------------------------------- order
def groups_apart(order: list[PortalConfig]) -> bool:
    return all(site_domain(a.url) != site_domain(b.url) for a, b in itertools.pairwise(order))


def test_spread_order_interleaves_parent_domains_slowest_first() -> None:
    portals = [portal(f"a{i}", f"a{i}.tinh-a.gov.vn") for i in range(3)] + \
              [portal(f"b{i}", f"b{i}.tinh-b.gov.vn") for i in range(3)] + [portal("c0", "c0.tinh-c.gov.vn")]
    durations = {"a0": 10, "a1": 200, "a2": 30, "b0": 50, "b1": 40, "b2": 20, "c0": 300}
    order = spread_order(portals, durations)
    assert [p.id for p in order] == ["c0", "a1", "b0", "a2", "b1", "a0", "b2"]
    assert groups_apart(order)


def test_a_new_portal_counts_as_its_time_budget() -> None:
    portals = [portal("old", "old.x.gov.vn"), portal("new", "new.y.gov.vn", time_budget=120.0),
               portal("new2", "new2.z.gov.vn")]
    order = spread_order(portals, {"old": 100.0}, default_budget=50.0)
    assert [p.id for p in order] == ["new", "old", "new2"]


def test_spread_order_keeps_a_big_group_apart_when_it_can() -> None:
    # 4 of 7 on one server: they must take positions 1, 3, 5, 7, whatever the durations say.
    portals = [portal(f"a{i}", f"a{i}.tinh-a.gov.vn") for i in range(4)] + \
              [portal(f"b{i}", f"b{i}.tinh-{'bcd'[i]}.gov.vn") for i in range(3)]
    order = spread_order(portals, {"b0": 900, "b1": 800, "b2": 700})
    assert [p.id[0] for p in order] == list("abababa") and groups_apart(order)


def test_spread_order_groups_by_address_too() -> None:
    portals = [portal("x", "x.one.gov.vn"), portal("y", "y.two.gov.vn"), portal("z", "z.three.gov.vn")]
    order = spread_order(portals, {"x": 30, "y": 20, "z": 10}, {"x": ["10.0.0.1"], "y": ["10.0.0.1"]})
    assert [p.id for p in order] == ["x", "z", "y"]  # x and y share a server: z comes between them


def test_spread_order_is_reproducible_and_complete() -> None:
    portals = [portal(f"p{i}", f"p{i}.tinh-{i % 3}.gov.vn") for i in range(10)]
    first = spread_order(portals)
    assert [p.id for p in first] == [p.id for p in spread_order(list(reversed(portals)))]
    assert sorted(p.id for p in first) == sorted(p.id for p in portals) and groups_apart(first)


def test_site_domain() -> None:
    assert site_domain("https://sgtvt.daknong.gov.vn/") == "daknong.gov.vn"
    assert site_domain("daknong.gov.vn") == site_domain("www.daknong.gov.vn") == "daknong.gov.vn"
    assert site_domain("sgddt.hoalam.edu.vn") == "hoalam.edu.vn"
    assert site_domain("a.b.example.com") == "example.com"
    assert site_domain("http://127.0.0.1:8080/") == "127.0.0.1"


# ---------------------------------------------------------------------------------------------- lock
def test_the_lock_is_exclusive_and_names_its_holder(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3.lock"
    with RunLock(path, NOW):
        assert '"started_at": "2026-11-24T01:30:00+07:00"' in path.read_text()
        with pytest.raises(LockHeld) as caught, RunLock(path, NOW):
            pass
        assert "pid " in str(caught.value) and "2026-11-24T01:30:00+07:00" in str(caught.value)
    with RunLock(path, NOW):  # released on exit
        pass
    assert path.read_text() == ""  # no stale holder left to read


# ---------------------------------------------------------------------------------------------- output
class FakeRun:
    def __init__(self, run_id: int, status: str) -> None:
        self.id, self.kind, self.status = run_id, "nightly", status
        self.started_at = NOW + dt.timedelta(days=run_id)


class FakeStore:
    def __init__(self, runs: list[FakeRun]) -> None:
        self._runs = runs

    def runs(self) -> list[FakeRun]:
        return sorted(self._runs, key=lambda r: -r.id)


def test_a_run_folder_is_swapped_in_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nd42 import nightly_out

    def site(store: Any, run_id: int, folder: Path, **kw: Any) -> None:
        (folder / "index.html").write_text(f"run {run_id} v{len(calls)}")
        calls.append(run_id)

    calls: list[int] = []
    monkeypatch.setattr(nightly_out, "write_run_site", site)
    store = FakeStore([FakeRun(1, "complete"), FakeRun(2, "incomplete")])
    nightly_out.publish_run(store, 1, tmp_path)
    assert (tmp_path / "runs" / "1" / "index.html").read_text() == "run 1 v0"
    nightly_out.publish_run(store, 1, tmp_path)  # again (nd42 report): replaced, nothing left aside
    assert (tmp_path / "runs" / "1" / "index.html").read_text() == "run 1 v1"
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["1"]
    landing = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="runs/1/index.html"' in landing and "không hoàn tất" in landing and ">2<" in landing
    assert "default-src 'none'" in landing and "<script" not in landing


def test_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    from nd42.nightly_out import clean_stale

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    alive = str(os.getppid())  # pytest's parent: alive while the test runs
    (tmp_path / "runs" / f".staging-7-{dead}" / "portals").mkdir(parents=True)
    (tmp_path / "runs" / f".replaced-3-{dead}").mkdir()
    (tmp_path / "runs" / ".staging-5").mkdir()  # no pid: an older nd42's
    (tmp_path / "runs" / f".staging-8-{alive}").mkdir()  # a live writer (nd42 report) keeps its own
    (tmp_path / "runs" / "3").mkdir()
    (tmp_path / f".index.html.{dead}.tmp").write_text("half a landing page")
    (tmp_path / "index.html").write_text("the landing page")
    assert sorted(p.name for p in clean_stale(tmp_path)) == sorted(
        [f".index.html.{dead}.tmp", f".replaced-3-{dead}", f".staging-7-{dead}", ".staging-5"])
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == sorted([f".staging-8-{alive}", "3"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "runs"]


def test_the_landing_page_escapes_and_says_when_nothing_is_complete(tmp_path: Path) -> None:
    from nd42.nightly_out import write_landing

    path = write_landing(FakeStore([FakeRun(1, "incomplete")]), tmp_path, lang="en")
    text = path.read_text(encoding="utf-8")
    assert "No complete run yet." in text and 'lang="en"' in text and "runs/1/" not in text


# ---------------------------------------------------------------------------------------------- portals without a crawl
def test_a_portal_whose_crawl_broke_is_not_determinable() -> None:
    from nd42.nightly import not_crawled
    from rules.engine import evaluate

    snapshot = not_crawled(portal("a", agency="UBND tỉnh"), NOW, "crawl failed")
    statuses = {f.status.value for f in evaluate(snapshot, "nd42-2022", NOW)}
    assert "fail" not in statuses and "not_determinable" in statuses
    assert snapshot.portal["agency"] == "UBND tỉnh" and snapshot.crawl["finish_reason"] == "crawl_error"


def test_a_registry_built_in_code_has_its_digests(tmp_path: Path) -> None:
    from nd42.config import ConfigError
    from nd42.registry import load_registry, make_registry

    path = tmp_path / "r.toml"
    path.write_text('[[portal]]\nid = "a"\nurl = "https://a.gov.vn/"\n', encoding="utf-8")
    loaded = load_registry(path)
    built = make_registry([PortalConfig(id="a", url="https://a.gov.vn/")], Path("<demo>"))
    assert built.digest == loaded.digest and built.entry_digests == loaded.entry_digests
    with pytest.raises(ConfigError, match="duplicate ids"):
        make_registry([portal("a"), portal("a")], Path("<demo>"))
