"""The SQLite store: round trips, rows, history semantics, atomic saves, migrations, clear errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from nd42.clock import VN_TZ
from nd42.records import (
    Certainty,
    Evidence,
    Finding,
    LegalRef,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionCandidate,
    SectionSnapshot,
    Severity,
    Status,
    to_jsonable,
)
from nd42.store import MIGRATIONS, SCHEMA_VERSION, RunInfo, Store, StoreError, default_db_path, portal_config_digest

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)


# ---------------------------------------------------------------------------------------------- factory
def make_snapshot(portal_id: str = "so-a.gov.vn", *, reachable: bool = True, extra_pages: int = 0) -> PortalSnapshot:
    base = f"http://{portal_id}/"
    snap = PortalSnapshot(portal_id, base, NOW, finished_at=NOW + dt.timedelta(seconds=42), home_url=base,
                          name="Sở Khoa học và Công nghệ", cms="liferay",
                          crawl={"pages_fetched": 4 + extra_pages, "page_budget": 60, "finish_reason": "finished",
                                 "allowed_hosts": [portal_id]})
    snap.pages = [
        PageFetch(base, "home", final_url=base, status=200 if reachable else None, elapsed_ms=120, size=5123,
                  content_type="text/html; charset=utf-8", headers={"server": "nginx"},
                  error_class=None if reachable else "timeout",
                  error_message=None if reachable else "timed out after 30 s",
                  fetched_at="2026-11-24T12:00:01+07:00", facts={"title": "Trang chủ"}),
        PageFetch(base + "cddh", "listing", final_url=base + "cddh", status=200, kind="directive_documents"),
        PageFetch(base + "tin-tuc", "listing", status=404, kind="news", error_class="http_404"),
        PageFetch(base + "gioi-thieu", "content", status=200, kind="introduction"),
    ] + [PageFetch(f"{base}bai/{n}", "article", status=200, kind="news") for n in range(extra_pages)]
    # Deliberately not in SECTION_KINDS order: the crawl order must survive a reload.
    snap.sections["news"] = SectionSnapshot("news", "Tin tức", base + "tin-tuc", "menu", state="unreachable",
                                            error_class="http_404")
    snap.sections["directive_documents"] = SectionSnapshot(
        "directive_documents", "Văn bản chỉ đạo điều hành", base + "cddh", "menu", pages=[base + "cddh"],
        date_order="DMY", notes=["mở 1 trang bài viết / opened 1 item page"],
        items=[ListingItem("Công văn ghim đầu trang", base + "1", dt.date(2026, 1, 5), "05/01/2026", "listing"),
               ListingItem("Công văn 2", base + "2", dt.date(2026, 11, 20), "20/11/2026", "article", base + "2"),
               ListingItem("Thông báo không ngày", None)])
    snap.sections["introduction"] = SectionSnapshot("introduction", "Giới thiệu", base + "gioi-thieu", "footer",
                                                    state="page")
    snap.candidates = [SectionCandidate("news", "Tin tức", base + "tin-tuc", "menu", 0.9, "tin tức")]
    return snap


def make_findings(*statuses: Status) -> list[Finding]:
    statuses = statuses or (Status.PASS, Status.FAIL)
    return [
        Finding(f"FR-00{n + 1}", status, Severity.HIGH, "freshness", "Cập nhật văn bản chỉ đạo",
                "Directive documents are fresh", "Văn bản mới nhất ngày 20/11/2026", "Newest 2026-11-20",
                [Evidence(url="http://so-a.gov.vn/cddh", locator="li:nth-child(2)", value="20/11/2026",
                          snippet="Công văn 2 — 20/11/2026", dates=["2026-11-20"])],
                [LegalRef("Nghị định 42/2022/NĐ-CP", "Điều 4", "khoản 1", Certainty.VERIFIED, note_vi="ghi chú")],
                {"age_days": 4, "max_age_days": 30, "newest_date": "2026-11-20"},
                error_class=None)
        for n, status in enumerate(statuses)
    ]


def count(store: Store, sql: str, *args: object) -> int:
    return int(store.db.execute(sql, args).fetchone()[0])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nd42.sqlite3"


# ---------------------------------------------------------------------------------------------- round trips
def test_snapshot_and_findings_round_trip(db_path: Path) -> None:
    snap, found = make_snapshot(), make_findings()
    with Store(db_path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {"url": snap.url, "budget": 60})
        store.save_portal(run, snap, found, 55.0)
        store.finish_run(run, "complete", NOW + dt.timedelta(minutes=1))
    with Store(db_path) as store:  # a fresh connection reads what was committed
        loaded = store.load_snapshot(run, snap.portal_id)
        assert to_jsonable(loaded) == to_jsonable(snap)
        assert list(loaded.sections) == ["news", "directive_documents", "introduction"]
        assert loaded.reachable() and loaded.sections["directive_documents"].items[1].date == dt.date(2026, 11, 20)
        assert to_jsonable(store.load_findings(run, snap.portal_id)) == to_jsonable(found)
        assert store.portal_ids(run) == [snap.portal_id]


def test_findings_keep_their_order(db_path: Path) -> None:
    found = make_findings(Status.WARN, Status.PASS, Status.ERROR, Status.NOT_APPLICABLE, Status.FAIL)
    found.reverse()
    with Store(db_path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot(), found, None)
        assert [f.rule_id for f in store.load_findings(run, "so-a.gov.vn")] == [f.rule_id for f in found]


def test_normalised_rows(db_path: Path) -> None:
    snap = make_snapshot()
    with Store(db_path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, snap, make_findings(), 55.0)
        db = store.db
        assert db.execute("SELECT run_id, portal_id, url, name, cms, reachable, pages_fetched, score, profile, "
                          "started_at, finished_at FROM portal_runs").fetchone() == (
            run, "so-a.gov.vn", "http://so-a.gov.vn/", "Sở Khoa học và Công nghệ", "liferay", 1, 4, 55.0,
            "nd42-2022", "2026-11-24T12:00:00+07:00", "2026-11-24T12:00:42+07:00")
        assert db.execute("SELECT url, role, kind, status, error_class FROM pages ORDER BY id").fetchall() == [
            ("http://so-a.gov.vn/", "home", None, 200, None),
            ("http://so-a.gov.vn/cddh", "listing", "directive_documents", 200, None),
            ("http://so-a.gov.vn/tin-tuc", "listing", "news", 404, "http_404"),
            ("http://so-a.gov.vn/gioi-thieu", "content", "introduction", 200, None),
        ]
        rows = db.execute("SELECT kind, state, item_count, dated_count, newest_date, newest_url, date_order "
                          "FROM sections ORDER BY id").fetchall()
        assert rows == [
            ("news", "unreachable", 0, 0, None, None, None),
            # the newest is the maximum date, not the first (pinned) row
            ("directive_documents", "found", 3, 2, "2026-11-20", "http://so-a.gov.vn/2", "DMY"),
            ("introduction", "page", 0, 0, None, None, None),
        ]
        assert db.execute("SELECT i.title, i.date, i.date_text, i.date_source FROM items i "
                          "JOIN sections s ON s.id = i.section_id ORDER BY i.id").fetchall() == [
            ("Công văn ghim đầu trang", "2026-01-05", "05/01/2026", "listing"),
            ("Công văn 2", "2026-11-20", "20/11/2026", "article"),
            ("Thông báo không ngày", None, None, None),
        ]
        rule, status, severity, refs, details = db.execute(
            "SELECT rule_id, status, severity, legal_refs_json, details_json FROM findings ORDER BY id").fetchone()
        assert (rule, status, severity) == ("FR-001", "pass", "high")
        assert json.loads(refs)[0]["certainty"] == "VERIFIED"
        assert "Nghị định" in refs  # stored as UTF-8, not \u-escaped
        assert json.loads(details)["age_days"] == 4
        # the snapshot blob is zlib-compressed JSON of to_jsonable(snapshot)
        blob = db.execute("SELECT snapshot FROM portal_runs").fetchone()[0]
        assert json.loads(zlib.decompress(blob)) == to_jsonable(snap)


def test_unreachable_portal(db_path: Path) -> None:
    with Store(db_path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot(reachable=False), [], None)
        assert store.db.execute("SELECT reachable, score FROM portal_runs").fetchone() == (0, None)
        assert store.db.execute("SELECT error_class, error_message FROM pages WHERE role = 'home'").fetchone() == (
            "timeout", "timed out after 30 s")
        assert store.load_findings(run, "so-a.gov.vn") == []


# ---------------------------------------------------------------------------------------------- runs
def test_schema_version_is_stored(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION == len(MIGRATIONS)
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (str(SCHEMA_VERSION),)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        raw.close()


def test_runs_and_latest_run_semantics(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.latest_run() is None and store.runs() == []
        first = store.begin_run("nightly", NOW, "nd42-2022", {"portals": 300})
        store.finish_run(first, "complete", NOW + dt.timedelta(hours=2))
        check = store.begin_run("check", NOW, "nd42-2022", {})
        store.finish_run(check, "complete", NOW)
        killed = store.begin_run("nightly", NOW + dt.timedelta(days=1), "nd42-2022", {})
        store.finish_run(killed, "incomplete", NOW + dt.timedelta(days=1))
        running = store.begin_run("nightly", NOW + dt.timedelta(days=2), "nd42-2022", {})

        def latest(kind: str | None = None, complete_only: bool = True) -> int | None:
            info = store.latest_run(kind, complete_only=complete_only)
            return None if info is None else info.id

        assert latest() == check  # incomplete and running runs are skipped
        assert latest("nightly") == first
        assert latest(kind="check") == check
        assert latest(complete_only=False) == running
        assert latest("nightly", complete_only=False) == running
        assert [r.id for r in store.runs()] == [running, killed, check, first]  # newest first
        assert [r.id for r in store.runs(limit=2)] == [running, killed]
        info = store.get_run(first)
        assert info == RunInfo(first, "nightly", NOW, NOW + dt.timedelta(hours=2), "complete", "nd42-2022",
                               info.tool_version, {"portals": 300})
        assert store.get_run(running).status == "running" and store.get_run(running).finished_at is None
        with pytest.raises(StoreError, match="does not exist"):
            store.get_run(999)
        with pytest.raises(StoreError, match="does not exist"):
            store.finish_run(999)
        with pytest.raises(ValueError):
            store.begin_run("weekly", NOW, "nd42-2022", {})
        with pytest.raises(ValueError):
            store.finish_run(running, "running")


def test_instants_are_stored_in_vietnam_time(db_path: Path) -> None:
    utc = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)
    with Store(db_path) as store:
        run = store.begin_run("check", utc, "nd42-2022", {"out": Path("/tmp/x")})
        assert store.db.execute("SELECT started_at FROM runs").fetchone() == ("2026-11-24T12:00:00+07:00",)
        info = store.get_run(run)
        assert info.started_at == utc and info.options == {"out": "/tmp/x"}
        store.finish_run(run)  # default: now
        finished = store.get_run(run).finished_at
        assert finished is not None and finished.utcoffset() == dt.timedelta(hours=7)


# ---------------------------------------------------------------------------------------------- re-saves
def test_resave_replaces_the_portal(db_path: Path) -> None:
    with Store(db_path) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot(), make_findings(), 100.0)
        store.save_portal(run, make_snapshot("so-b.gov.vn"), make_findings(), 80.0)
        store.save_portal(run, make_snapshot(extra_pages=2), make_findings(Status.FAIL), 10.0)
        assert store.portal_ids(run) == ["so-a.gov.vn", "so-b.gov.vn"]
        assert count(store, "SELECT count(*) FROM portal_runs") == 2
        assert store.db.execute("SELECT score, pages_fetched FROM portal_runs WHERE portal_id = 'so-a.gov.vn'"
                                ).fetchone() == (10.0, 6)
        # the old rows went with the old portal row (no orphans, no duplicates)
        assert count(store, "SELECT count(*) FROM pages") == 6 + 4
        assert count(store, "SELECT count(*) FROM sections") == 3 + 3
        assert count(store, "SELECT count(*) FROM items") == 3 + 3
        assert count(store, "SELECT count(*) FROM findings") == 1 + 2
        assert [f.status for f in store.load_findings(run, "so-a.gov.vn")] == [Status.FAIL]
        assert len(store.load_snapshot(run, "so-a.gov.vn").pages) == 6
        assert store.integrity_ok()


def test_the_same_portal_in_two_runs_is_history(db_path: Path) -> None:
    with Store(db_path) as store:
        runs = []
        for day, status in enumerate((Status.PASS, Status.FAIL, Status.PASS)):
            run = store.begin_run("nightly", NOW + dt.timedelta(days=day), "nd42-2022", {})
            store.save_portal(run, make_snapshot(), make_findings(status), 100.0 if status == Status.PASS else 0.0)
            store.finish_run(run)
            runs.append(run)
        # the history query the nightly diff will make: one rule of one portal over the runs
        history = store.db.execute(
            "SELECT p.run_id, f.status FROM findings f JOIN portal_runs p ON p.id = f.portal_run_id "
            "WHERE p.portal_id = ? AND f.rule_id = ? ORDER BY p.run_id", ("so-a.gov.vn", "FR-001")).fetchall()
        assert history == [(runs[0], "pass"), (runs[1], "fail"), (runs[2], "pass")]


def test_replace_findings_keeps_the_snapshot(db_path: Path) -> None:
    with Store(db_path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot(), make_findings(), 100.0)
        store.db.execute("UPDATE portal_runs SET evaluated_at = 'before'")
        new = make_findings(Status.FAIL, Status.FAIL, Status.WARN)
        store.replace_findings(run, "so-a.gov.vn", new, 0.0, profile="nd224-2026")
        assert to_jsonable(store.load_findings(run, "so-a.gov.vn")) == to_jsonable(new)
        assert to_jsonable(store.load_snapshot(run, "so-a.gov.vn")) == to_jsonable(make_snapshot())
        score, profile, evaluated = store.db.execute("SELECT score, profile, evaluated_at FROM portal_runs").fetchone()
        assert (score, profile) == (0.0, "nd224-2026") and evaluated != "before"
        store.replace_findings(run, "so-a.gov.vn", [], None)  # the profile stays when not given
        assert store.db.execute("SELECT score, profile FROM portal_runs").fetchone() == (None, "nd224-2026")
        assert count(store, "SELECT count(*) FROM findings") == 0
        with pytest.raises(StoreError, match="has no portal"):
            store.replace_findings(run, "nowhere.gov.vn", [], None)


def test_unknown_run_or_portal_is_a_store_error(db_path: Path) -> None:
    with Store(db_path) as store:
        with pytest.raises(StoreError, match="has no portal"):
            store.load_snapshot(1, "x")
        with pytest.raises(StoreError, match="has no portal"):
            store.load_findings(1, "x")
        with pytest.raises(StoreError, match="does not exist"):
            store.save_portal(7, make_snapshot(), [], None)
        assert count(store, "SELECT count(*) FROM portal_runs") == 0


# ---------------------------------------------------------------------------------------------- crashes
def _boom(*_args: object) -> None:
    raise RuntimeError("killed in the middle of a save")


def test_a_crash_mid_save_leaves_no_partial_rows(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot("so-a.gov.vn"), make_findings(), 100.0)
        before = {t: count(store, f"SELECT count(*) FROM {t}") for t in ("portal_runs", "pages", "sections", "items",
                                                                          "findings")}
        # pages, sections and items of so-b are inserted, then the process "dies" before the findings
        monkeypatch.setattr(Store, "_insert_findings", staticmethod(_boom))
        with pytest.raises(RuntimeError):
            store.save_portal(run, make_snapshot("so-b.gov.vn"), make_findings(), 50.0)
        assert store.portal_ids(run) == ["so-a.gov.vn"]
        after = {t: count(store, f"SELECT count(*) FROM {t}") for t in before}
        assert after == before
        assert not store.db.in_transaction
        assert store.integrity_ok()
        monkeypatch.undo()
        store.save_portal(run, make_snapshot("so-b.gov.vn"), make_findings(), 50.0)  # the store is still usable
        assert store.portal_ids(run) == ["so-a.gov.vn", "so-b.gov.vn"]


def test_a_crash_mid_resave_keeps_the_previous_save(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db_path) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(run, make_snapshot(), make_findings(), 100.0)
        monkeypatch.setattr(Store, "_insert_snapshot_rows", staticmethod(_boom))
        with pytest.raises(RuntimeError):
            store.save_portal(run, make_snapshot(extra_pages=3), make_findings(Status.FAIL), 0.0)
        monkeypatch.setattr(Store, "_insert_findings", staticmethod(_boom))
        with pytest.raises(RuntimeError):
            store.replace_findings(run, "so-a.gov.vn", [], None)
    with Store(db_path) as store:
        assert len(store.load_snapshot(run, "so-a.gov.vn").pages) == 4
        assert to_jsonable(store.load_findings(run, "so-a.gov.vn")) == to_jsonable(make_findings())
        assert store.db.execute("SELECT score FROM portal_runs").fetchone() == (100.0,)
        assert store.integrity_ok()


def test_keyboard_interrupt_mid_save_rolls_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    with Store(db_path) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        monkeypatch.setattr(Store, "_insert_findings", staticmethod(interrupt))
        with pytest.raises(KeyboardInterrupt):
            store.save_portal(run, make_snapshot(), make_findings(), 100.0)
        assert count(store, "SELECT count(*) FROM portal_runs") == 0
        assert count(store, "SELECT count(*) FROM pages") == 0


CHILD = textwrap.dedent("""
    import sys
    from tests.test_store import NOW, make_findings, make_snapshot
    from nd42.store import Store

    with Store(sys.argv[1]) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        print(run, flush=True)
        for n in range(100000):
            store.save_portal(run, make_snapshot(f"p{n:05d}.gov.vn", extra_pages=400), make_findings(), 50.0)
            print(n, flush=True)
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_mid_run_leaves_whole_portals_and_earlier_runs(db_path: Path) -> None:
    with Store(db_path) as store:
        earlier = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(earlier, make_snapshot(), make_findings(), 100.0)
        store.finish_run(earlier)
    root = Path(__file__).resolve().parents[1]
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path)], cwd=root, stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert child.stdout is not None
    killed_run = int(child.stdout.readline())
    for _ in range(5):  # a few whole portals, then kill -9 while the next one is being written
        assert child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    with Store(db_path) as store:
        assert store.integrity_ok()
        assert store.latest_run() == store.get_run(earlier)
        assert store.get_run(killed_run).status == "running"
        assert to_jsonable(store.load_snapshot(earlier, "so-a.gov.vn")) == to_jsonable(make_snapshot())
        saved = store.portal_ids(killed_run)
        assert len(saved) >= 5
        for portal_id in saved:  # every stored portal is whole
            prid, pages_fetched = store.db.execute(
                "SELECT id, pages_fetched FROM portal_runs WHERE run_id = ? AND portal_id = ?",
                (killed_run, portal_id)).fetchone()
            assert count(store, "SELECT count(*) FROM pages WHERE portal_run_id = ?", prid) == pages_fetched == 404
            assert count(store, "SELECT count(*) FROM sections WHERE portal_run_id = ?", prid) == 3
            assert count(store, "SELECT count(*) FROM findings WHERE portal_run_id = ?", prid) == 2
            assert len(store.load_snapshot(killed_run, portal_id).pages) == 404


# ---------------------------------------------------------------------------------------------- opening
def test_missing_directory_is_a_user_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "db.sqlite3"
    with pytest.raises(StoreError, match="does not exist") as info:
        Store(missing)
    assert str(missing.parent) in str(info.value)
    assert not missing.parent.exists()  # not created behind the user's back


def test_unusable_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("không phải SQLite " * 100, encoding="utf-8")
    with pytest.raises(StoreError):
        Store(text)
    other = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE t (x)")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="not an nd42 database"):
        Store(other)


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    with Store(db_path) as store:
        store.db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match="newer"):
        Store(db_path)


def test_reopening_keeps_data_and_two_connections_share_the_file(db_path: Path) -> None:
    with Store(db_path) as one, Store(db_path) as two:
        run = one.begin_run("nightly", NOW, "nd42-2022", {})
        one.save_portal(run, make_snapshot("so-a.gov.vn"), make_findings(), 1.0)
        two.save_portal(run, make_snapshot("so-b.gov.vn"), make_findings(), 2.0)
        assert one.portal_ids(run) == two.portal_ids(run) == ["so-a.gov.vn", "so-b.gov.vn"]
    with Store(db_path) as store:
        assert store.portal_ids(run) == ["so-a.gov.vn", "so-b.gov.vn"]
        assert store.integrity_ok()


def test_a_version_1_database_is_migrated(db_path: Path) -> None:
    """A database written by schema v1 (rows inserted with v1's layout) opens, migrates and keeps its data."""
    raw = sqlite3.connect(db_path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        raw.execute(statement)
    raw.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    raw.execute("INSERT INTO runs (id, kind, started_at, status, profile, tool_version) "
                "VALUES (1, 'check', '2026-11-24T12:00:00+07:00', 'complete', 'nd42-2022', '0.1.0')")
    snap = make_snapshot()
    blob = zlib.compress(json.dumps(to_jsonable(snap), sort_keys=True).encode())
    raw.execute("INSERT INTO portal_runs (id, run_id, portal_id, url, started_at, reachable, pages_fetched, score, "
                "snapshot) VALUES (5, 1, 'so-a.gov.vn', 'http://so-a.gov.vn/', '2026-11-24T12:00:00+07:00', 1, 1, "
                "50.0, ?)", (blob,))
    raw.execute("INSERT INTO pages (portal_run_id, url, role, status) VALUES (5, 'http://so-a.gov.vn/', 'home', 200)")
    raw.execute("INSERT INTO sections (id, portal_run_id, kind, state, item_count, dated_count) "
                "VALUES (3, 5, 'news', 'found', 2, 0)")
    raw.executemany("INSERT INTO items (section_id, title) VALUES (3, ?)", [("một",), ("hai",)])
    old = make_findings(Status.FAIL, Status.PASS, Status.WARN)
    for f in old:
        raw.execute("INSERT INTO findings (portal_run_id, rule_id, status, severity, area, title_vi, title_en, "
                    "message_vi, message_en, error_class, evidence_json, legal_refs_json, details_json) "
                    "VALUES (5, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (f.rule_id, f.status.value, f.severity.value, f.area, f.title_vi, f.title_en, f.message_vi,
                     f.message_en, f.error_class, json.dumps(to_jsonable(f.evidence)),
                     json.dumps(to_jsonable(f.legal_refs)), json.dumps(f.details)))
    raw.close()

    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.integrity_ok()
        assert to_jsonable(store.load_findings(1, "so-a.gov.vn")) == to_jsonable(old)
        assert to_jsonable(store.load_snapshot(1, "so-a.gov.vn")) == to_jsonable(snap)
        assert store.db.execute("SELECT id, title FROM items ORDER BY id").fetchall() == [(1, "một"), (2, "hai")]
        assert store.db.execute("SELECT profile FROM portal_runs").fetchone() == ("nd42-2022",)
        assert store.db.execute("SELECT error_message FROM pages").fetchone() == (None,)
        # the migrated database takes new saves, and a re-save cascades through the rebuilt tables
        store.save_portal(1, make_snapshot(), make_findings(), 70.0)
        assert count(store, "SELECT count(*) FROM pages") == 4
        assert count(store, "SELECT count(*) FROM items") == 3
        assert count(store, "SELECT count(*) FROM findings") == 2
    with Store(db_path) as store:  # opening again is a no-op
        assert store.schema_version == SCHEMA_VERSION


# ---------------------------------------------------------------------------------------------- default path
def test_default_db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ND42_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert default_db_path(create_dir=False) == tmp_path / "home" / ".local" / "share" / "nd42" / "nd42.sqlite3"
    assert not (tmp_path / "home").exists()
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_db_path(create_dir=False).parent == tmp_path / "home" / ".local" / "share" / "nd42"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = default_db_path()
    assert path == tmp_path / "xdg" / "nd42" / "nd42.sqlite3"
    assert path.parent.is_dir()  # nd42's own default directory is created
    with Store(path) as store:
        assert store.integrity_ok()
    monkeypatch.setenv("ND42_DB", str(tmp_path / "explicit" / "x.sqlite3"))
    assert default_db_path() == tmp_path / "explicit" / "x.sqlite3"
    assert not (tmp_path / "explicit").exists()  # an explicit path is the user's: not created


def _v2_database(db_path: Path, snapshots: list[dict[str, object]], options: dict[str, object]) -> None:
    """A database as schema v2 wrote it: v1 + v2 statements, rows in v2's layout."""
    raw = sqlite3.connect(db_path, isolation_level=None)
    for step in MIGRATIONS[:2]:
        for statement in step:
            assert isinstance(statement, str)
            raw.execute(statement)
    raw.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    raw.execute("INSERT INTO runs (id, kind, started_at, finished_at, status, profile, tool_version, options_json) "
                "VALUES (1, 'nightly', '2026-11-24T01:30:00+07:00', '2026-11-24T03:00:00+07:00', 'complete', "
                "'nd42-2022', '0.1.0', ?)", (json.dumps(options),))
    for n, data in enumerate(snapshots, start=1):
        blob = zlib.compress(json.dumps(data).encode())
        raw.execute("INSERT INTO portal_runs (id, run_id, portal_id, url, name, started_at, finished_at, reachable, "
                    "pages_fetched, score, snapshot, profile, evaluated_at) VALUES (?, 1, ?, ?, ?, ?, ?, 1, 1, 80.0, "
                    "?, 'nd42-2022', '2026-11-24T01:31:00+07:00')",
                    (n, data["portal_id"], data["url"], data.get("name"), data["started_at"], data.get("finished_at"),
                     blob))
        raw.execute("INSERT INTO findings (portal_run_id, rule_id, status, severity, area, evidence_json, "
                    "legal_refs_json, details_json) VALUES (?, 'FR-001', 'fail', 'high', 'freshness', '[]', '[]', "
                    "'{}')", (n,))
    raw.close()


def test_a_version_2_database_is_migrated_and_backfilled(db_path: Path) -> None:
    """v3 adds the columns history and exports filter on, filled from each stored snapshot."""
    with_portal = to_jsonable(make_snapshot())
    with_portal["portal"] = {"name": "Sở Công Thương", "agency": "Sở Công Thương tỉnh Đắk Nông", "level": "department",
                             "tags": ["sở", "cchc"], "profile": None, "rules": {}}
    with_portal["crawl"]["duration_s"] = 61.25
    old = to_jsonable(make_snapshot("so-b.gov.vn"))  # a snapshot-1 era portal: no `portal`, no duration
    del old["portal"]
    old["crawl"].pop("duration_s", None)
    _v2_database(db_path, [with_portal, old], {"registry": "x.toml", "registry_digest": "abc123"})

    with Store(db_path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
        assert store.integrity_ok()
        assert store.get_run(1).registry_digest == "abc123"
        rows = {r.portal_id: r for r in store.portal_rows(1)}
        a, b = rows["so-a.gov.vn"], rows["so-b.gov.vn"]
        assert (a.agency, a.level, a.tags, a.duration_s) == ("Sở Công Thương tỉnh Đắk Nông", "department",
                                                             ("sở", "cchc"), 61.25)
        assert a.config_digest == portal_config_digest(a.url, with_portal["portal"])
        assert (b.agency, b.level, b.tags) == (None, None, ())
        assert b.duration_s == 42.0  # finished − started, when the crawl did not record its duration
        assert b.config_digest == portal_config_digest(b.url, {})
        assert (a.score, a.reachable, a.profile) == (80.0, True, "nd42-2022")
        assert store.db.execute("SELECT tags_json FROM portal_runs WHERE portal_id = 'so-a.gov.vn'"
                                ).fetchone() == ('["sở","cchc"]',)
        # the snapshot and findings read as before, and the database takes v3 saves
        assert to_jsonable(store.load_snapshot(1, "so-a.gov.vn")) == with_portal
        assert [f.rule_id for f in store.load_findings(1, "so-b.gov.vn")] == ["FR-001"]
        store.save_portal(1, make_snapshot("so-b.gov.vn"), make_findings(), 50.0)
        assert store.integrity_ok()
    with Store(db_path) as store:  # opening again is a no-op
        assert store.schema_version == SCHEMA_VERSION


def test_a_version_2_database_with_an_unreadable_snapshot_still_opens(db_path: Path) -> None:
    _v2_database(db_path, [to_jsonable(make_snapshot())], {})
    raw = sqlite3.connect(db_path, isolation_level=None)
    raw.execute("UPDATE portal_runs SET snapshot = X'00ff'")
    raw.close()
    with Store(db_path) as store:
        row = store.portal_rows(1)[0]
        assert (row.agency, row.tags, row.config_digest) == (None, (), None)
        assert store.get_run(1).registry_digest is None
        with pytest.raises(StoreError, match="unreadable"):
            store.load_snapshot(1, "so-a.gov.vn")


# ---------------------------------------------------------------------------------------------- v3 columns
def test_v3_columns_are_written_on_save(db_path: Path) -> None:
    snap = make_snapshot()
    snap.portal = {"name": "Sở A", "agency": "UBND tỉnh", "level": "province", "tags": ["tỉnh"], "rules": {}}
    snap.crawl["duration_s"] = 12.5
    with Store(db_path) as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {"registry": "r.toml"}, registry_digest="d1")
        store.save_portal(run, snap, make_findings(), 55.0, profile="daknong-cchc")
        row = store.portal_rows(run)[0]
        assert row == dataclasses.replace(row, run_id=run, portal_id="so-a.gov.vn", agency="UBND tỉnh",
                                          level="province", tags=("tỉnh",), profile="daknong-cchc", duration_s=12.5,
                                          reachable=True, pages_fetched=4, score=55.0)
        assert row.config_digest == portal_config_digest(snap.url, snap.portal)
        assert store.get_run(run).registry_digest == "d1" and store.get_run(run).options == {"registry": "r.toml"}
        snap.portal["name"] = "Sở B"
        assert portal_config_digest(snap.url, snap.portal) != row.config_digest
        assert store.portal_history("so-a.gov.vn", [run, 99]) == {run: row}
        assert store.portal_history("so-a.gov.vn", []) == {}


def test_abandon_running_marks_dead_runs_incomplete(db_path: Path) -> None:
    with Store(db_path) as store:
        done = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.finish_run(done)
        killed = store.begin_run("nightly", NOW + dt.timedelta(days=1), "nd42-2022", {})
        snap = make_snapshot()
        snap.finished_at = NOW + dt.timedelta(days=1, minutes=7)
        store.save_portal(killed, snap, [], None)
        empty = store.begin_run("nightly", NOW + dt.timedelta(days=2), "nd42-2022", {})
        live_check = store.begin_run("check", NOW, "nd42-2022", {})  # another shell's check may be alive
        assert store.abandon_running() == [killed, empty]
        assert store.get_run(killed).status == "incomplete"
        assert store.get_run(killed).finished_at == NOW + dt.timedelta(days=1, minutes=7)
        assert store.get_run(empty).finished_at == NOW + dt.timedelta(days=2)
        assert store.get_run(live_check).status == "running" and store.get_run(done).status == "complete"
        assert store.portal_ids(killed) == ["so-a.gov.vn"]  # its whole portals stay
        assert store.abandon_running() == []
        assert store.abandon_running(kind=None) == [live_check]


def test_run_queries(db_path: Path) -> None:
    with Store(db_path) as store:
        ids = []
        for n, status in enumerate(("complete", "incomplete", "complete", None)):
            run = store.begin_run("nightly", NOW + dt.timedelta(days=n), "nd42-2022", {})
            store.save_portal(run, make_snapshot(), make_findings(Status.PASS, Status.FAIL, Status.FAIL), 40.0)
            if status:
                store.finish_run(run, status)
            ids.append(run)
        check = store.begin_run("check", NOW, "nd42-2022", {})
        store.finish_run(check)
        assert [r.id for r in store.runs_of_kind("nightly")] == [ids[2], ids[0]]
        assert [r.id for r in store.runs_of_kind("nightly", status=None, limit=2)] == [ids[3], ids[2]]
        assert [r.id for r in store.runs_of_kind("nightly", before=ids[2])] == [ids[0]]
        assert store.previous_complete_run(ids[3]) == store.get_run(ids[2])
        assert store.previous_complete_run(ids[0]) is None and store.previous_complete_run(check) is None
        assert [r.id for r in store.runs_with_portal("so-a.gov.vn")] == [ids[2], ids[0]]
        assert [r.id for r in store.runs_with_portal("so-a.gov.vn", until=ids[3])] == [ids[3], ids[2], ids[0]]
        assert store.rule_statuses("so-a.gov.vn", [ids[0], check]) == {ids[0]: {"FR-001": "pass", "FR-002": "fail",
                                                                                 "FR-003": "fail"}}
        counts = store.status_counts("so-a.gov.vn", [ids[0]])[ids[0]]
        assert counts == {"pass": 1, "fail": 2, "warn": 0, "not_determinable": 0, "not_applicable": 0, "error": 0}
