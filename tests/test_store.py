"""The SQLite store: round trips, history semantics, atomic saves, clear errors."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from nd42.clock import VN_TZ
from nd42.jsonout import SCHEMA_ID, portal_document, write_json
from nd42.records import (
    Evidence,
    Finding,
    LegalRef,
    ListingItem,
    PageFetch,
    PortalSnapshot,
    SectionSnapshot,
    Severity,
    Status,
    to_jsonable,
)
from nd42.store import SCHEMA_VERSION, Store, StoreError

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)


def snapshot(portal_id: str = "so-a") -> PortalSnapshot:
    snap = PortalSnapshot(portal_id, "http://a.test/", NOW, home_url="http://a.test/", name="Sở Khoa học")
    snap.pages.append(PageFetch("http://a.test/", "home", final_url="http://a.test/", status=200, size=100))
    snap.sections["directive_documents"] = SectionSnapshot(
        "directive_documents", "Văn bản chỉ đạo điều hành", "http://a.test/cddh", "menu",
        items=[ListingItem("Công văn 1", "http://a.test/1", dt.date(2026, 11, 20), "20/11/2026", "listing"),
               ListingItem("Công văn 2", "http://a.test/2")])
    return snap


def findings() -> list[Finding]:
    return [Finding("FR-001", Status.PASS, Severity.HIGH, "freshness", "Cập nhật", "Fresh", "Đạt", "Pass",
                    [Evidence(url="http://a.test/cddh", snippet="20/11/2026", dates=["2026-11-20"])],
                    [LegalRef("Nghị định 42/2022/NĐ-CP", "Điều 4")], {"age_days": 4})]


def test_round_trip_and_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        assert store.schema_version == SCHEMA_VERSION
        run = store.begin_run("check", NOW, "nd42-2022", {"url": "http://a.test/"})
        store.save_portal(run, snapshot(), findings(), 100.0)
        store.finish_run(run, "complete", NOW)
        assert to_jsonable(store.load_snapshot(run, "so-a")) == to_jsonable(snapshot())
        assert to_jsonable(store.load_findings(run, "so-a")) == to_jsonable(findings())
        assert store.portal_ids(run) == ["so-a"]
        row = store.db.execute("SELECT kind, item_count, dated_count, newest_date FROM sections").fetchone()
        assert row == ("directive_documents", 2, 1, "2026-11-20")
        assert store.db.execute("SELECT count(*) FROM items").fetchone()[0] == 2
        assert store.integrity_ok()


def test_resave_replaces_and_latest_skips_incomplete(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        first = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(first, snapshot(), findings(), 100.0)
        store.save_portal(first, snapshot(), findings(), 90.0)
        store.finish_run(first, "complete", NOW)
        assert store.db.execute("SELECT count(*), max(score) FROM portal_runs").fetchone() == (1, 90.0)
        assert store.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 1
        second = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.finish_run(second, "incomplete", NOW)
        latest = store.latest_run()
        assert latest is not None and latest.id == first
        any_run = store.latest_run(complete_only=False)
        assert any_run is not None and any_run.id == second


def test_replace_findings_keeps_the_snapshot(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, snapshot(), findings(), 100.0)
        new = findings()
        new[0].status = Status.FAIL
        store.replace_findings(run, "so-a", new, 0.0)
        assert [f.status for f in store.load_findings(run, "so-a")] == [Status.FAIL]
        assert store.load_snapshot(run, "so-a").name == "Sở Khoa học"


def test_a_crash_mid_save_leaves_nothing_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        run = store.begin_run("nightly", NOW, "nd42-2022", {})
        store.save_portal(run, snapshot("so-a"), findings(), 100.0)

        def boom(*_args: object) -> None:
            raise RuntimeError("killed")

        monkeypatch.setattr(Store, "_insert_findings", staticmethod(boom))
        with pytest.raises(RuntimeError):
            store.save_portal(run, snapshot("so-b"), findings(), 50.0)
        assert store.portal_ids(run) == ["so-a"]
        assert store.db.execute("SELECT count(*) FROM sections").fetchone()[0] == 1
        assert store.integrity_ok()


def test_missing_directory_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "db.sqlite3")


def test_unknown_portal_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store, pytest.raises(StoreError):
        store.load_snapshot(1, "x")


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    with Store(path) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run, snapshot(), findings(), 100.0)
    with Store(path) as store:
        assert store.portal_ids(run) == ["so-a"]
    assert sqlite3.connect(path).execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)


def test_json_document(tmp_path: Path) -> None:
    run = {"id": 1, "kind": "check", "started_at": NOW, "finished_at": None, "status": "complete"}
    doc = portal_document(run, snapshot(), findings(), {"score": 100.0}, {"id": "nd42-2022"})
    assert doc["schema"] == SCHEMA_ID
    assert doc["sections"][0]["newest"] == {"date": "2026-11-20", "title": "Công văn 1", "url": "http://a.test/1",
                                            "date_text": "20/11/2026", "date_url": None}
    assert doc["run"]["started_at"] == "2026-11-24T12:00:00+07:00"
    write_json(tmp_path / "a.json", doc)
    text = (tmp_path / "a.json").read_text(encoding="utf-8")
    assert "Văn bản chỉ đạo điều hành" in text  # not \\u-escaped
    assert portal_document(run, snapshot(), findings(), {"score": 100.0}, {"id": "nd42-2022"}) == doc
