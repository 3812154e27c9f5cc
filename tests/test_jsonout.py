"""The nd42.check/1 JSON document: keys, version, determinism, UTF-8 text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from nd42 import __version__
from nd42.clock import VN_TZ
from nd42.jsonout import SCHEMA_ID, dumps, portal_document, write_json
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
)
from nd42.store import Store

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
PROFILE = {"id": "nd42-2022", "title_vi": "Nghị định 42/2022/NĐ-CP", "title_en": "Decree 42/2022",
           "notes_vi": ["ghi chú"], "notes_en": ["a note"]}
SCORE = {"score": 62.5, "counts": {"pass": 1, "fail": 1}, "by_area": {"freshness": {"pass": 1, "fail": 1}}}


# ---------------------------------------------------------------------------------------------- factory
def make_snapshot() -> PortalSnapshot:
    base = "http://so-a.gov.vn/"
    snap = PortalSnapshot("so-a.gov.vn", base, NOW, finished_at=NOW + dt.timedelta(seconds=30), home_url=base,
                          name="Sở Tư pháp", cms="dnn",
                          crawl={"user_agent": "nd42/0.1", "robots_obeyed": True, "page_budget": 60,
                                 "allowed_hosts": ["so-a.gov.vn"], "delay": 0.5})
    snap.pages = [
        PageFetch(base, "home", final_url=base, status=200, elapsed_ms=80, size=1000, content_type="text/html",
                  headers={"server": "IIS"}, fetched_at="2026-11-24T12:00:01+07:00"),
        PageFetch(base + "tt", "listing", status=None, kind="news", error_class="timeout", error_message="30 s"),
    ]
    # crawl order: news before directive_documents; the document uses the canonical order
    snap.sections["news"] = SectionSnapshot("news", "Tin tức", base + "tt", "menu", state="unreachable",
                                            error_class="timeout")
    snap.sections["directive_documents"] = SectionSnapshot(
        "directive_documents", "Văn bản chỉ đạo điều hành", base + "cddh", "dropdown", pages=[base + "cddh"],
        date_order="DMY",
        items=[ListingItem("Công văn ghim", base + "1", dt.date(2026, 1, 2), "02/01/2026", "listing"),
               ListingItem("Công văn mới", base + "2", dt.date(2026, 11, 20), "Ngày 20/11/2026", "article",
                           base + "2"),
               ListingItem("Không ngày", None)])
    return snap


def make_findings() -> list[Finding]:
    return [
        Finding("FR-001", Status.PASS, Severity.HIGH, "freshness", "Văn bản chỉ đạo điều hành được cập nhật",
                "Directive documents updated", "Mới nhất: 20/11/2026 (4 ngày)", "Newest: 2026-11-20 (4 days)",
                [Evidence(url="http://so-a.gov.vn/cddh", value="Ngày 20/11/2026", dates=["2026-11-20"])],
                [LegalRef("Nghị định 42/2022/NĐ-CP", "Điều 4", "khoản 1")],
                {"newest_date": "2026-11-20", "age_days": 4, "max_age_days": 30}),
        Finding("FR-003", Status.FAIL, Severity.MEDIUM, "freshness", "Tin tức", "News", "Không truy cập được",
                "Unreachable", error_class="timeout"),
    ]


def run_dict() -> dict[str, Any]:
    return {"id": 7, "kind": "check", "started_at": NOW, "finished_at": NOW + dt.timedelta(seconds=30),
            "status": "complete", "profile": "nd42-2022", "tool_version": __version__}


def document() -> dict[str, Any]:
    return portal_document(run_dict(), make_snapshot(), make_findings(), SCORE, PROFILE)


# ---------------------------------------------------------------------------------------------- tests
def test_top_level_keys_and_version() -> None:
    doc = document()
    assert SCHEMA_ID == "nd42.check/1"
    assert list(doc) == ["schema", "tool", "run", "portal", "crawl", "pages", "sections", "findings", "summary"]
    assert doc["schema"] == SCHEMA_ID
    assert doc["tool"] == {"name": "nd42", "version": __version__}
    assert doc["run"] == {
        "id": 7, "kind": "check", "started_at": "2026-11-24T12:00:00+07:00",
        "finished_at": "2026-11-24T12:00:30+07:00", "status": "complete", "tool_version": __version__,
        "profile": {"id": "nd42-2022", "title_vi": "Nghị định 42/2022/NĐ-CP", "title_en": "Decree 42/2022",
                    "notes_vi": ["ghi chú"], "notes_en": ["a note"], "extends": None, "successor": None},
    }
    assert doc["portal"] == {"id": "so-a.gov.vn", "url": "http://so-a.gov.vn/", "home_url": "http://so-a.gov.vn/",
                             "name": "Sở Tư pháp", "cms": "dnn", "reachable": True,
                             "started_at": "2026-11-24T12:00:00+07:00", "finished_at": "2026-11-24T12:00:30+07:00"}
    assert doc["summary"] == SCORE


def test_pages_sections_and_findings() -> None:
    doc = document()
    assert list(doc["crawl"]) == sorted(doc["crawl"])
    assert doc["pages"][1] == {"url": "http://so-a.gov.vn/tt", "final_url": None, "role": "listing", "kind": "news",
                               "status": None, "elapsed_ms": None, "size": None, "content_type": None,
                               "error_class": "timeout", "error_message": "30 s", "fetched_at": None}
    assert "headers" not in doc["pages"][0]
    assert [s["kind"] for s in doc["sections"]] == ["directive_documents", "news"]
    cddh = doc["sections"][0]
    assert list(cddh) == ["kind", "label", "url", "via", "state", "error_class", "date_order", "item_count",
                          "dated_count", "pages", "notes", "newest", "items"]
    # the newest is the maximum date, not the first (pinned) row
    assert cddh["newest"] == {"date": "2026-11-20", "title": "Công văn mới", "url": "http://so-a.gov.vn/2",
                              "date_text": "Ngày 20/11/2026", "date_url": "http://so-a.gov.vn/2"}
    assert (cddh["item_count"], cddh["dated_count"]) == (3, 2)
    assert cddh["items"][2] == {"title": "Không ngày", "url": None, "date": None, "date_text": None,
                                "date_source": None, "date_url": None}
    assert doc["sections"][1]["newest"] is None and doc["sections"][1]["error_class"] == "timeout"
    fr1, fr3 = doc["findings"]
    assert list(fr1) == ["rule_id", "status", "severity", "area", "title_vi", "title_en", "message_vi", "message_en",
                         "error_class", "evidence", "legal_refs", "details"]
    assert (fr1["status"], fr1["severity"], fr3["status"], fr3["error_class"]) == ("pass", "high", "fail", "timeout")
    assert fr1["legal_refs"] == [{"instrument": "Nghị định 42/2022/NĐ-CP", "article": "Điều 4", "clause": "khoản 1",
                                  "label": "Điều 4, khoản 1, Nghị định 42/2022/NĐ-CP", "certainty": "UNVERIFIED",
                                  "standing": "in_force", "note_vi": "", "note_en": ""}]
    assert fr1["evidence"][0] == {"url": "http://so-a.gov.vn/cddh", "locator": None, "value": "Ngày 20/11/2026",
                                  "snippet": None, "dates": ["2026-11-20"]}
    assert list(fr1["details"]) == ["age_days", "max_age_days", "newest_date"]
    json.dumps(doc, allow_nan=False)  # plain JSON types only


def test_output_is_deterministic(tmp_path: Path) -> None:
    write_json(tmp_path / "a.json", document())
    write_json(tmp_path / "b.json", document())
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # the same portal after a round trip through the store gives the same document, byte for byte
    snap = make_snapshot()
    snap.crawl = dict(reversed(list(snap.crawl.items())))
    with Store(tmp_path / "nd42.sqlite3") as store:
        run_id = store.begin_run("check", NOW, "nd42-2022", {})
        store.save_portal(run_id, snap, make_findings(), 62.5)
        store.finish_run(run_id, "complete", NOW + dt.timedelta(seconds=30))
        info = store.get_run(run_id)
        stored = portal_document(info, store.load_snapshot(run_id, "so-a.gov.vn"),
                                 store.load_findings(run_id, "so-a.gov.vn"), SCORE, PROFILE)
    fresh = portal_document({**run_dict(), "id": run_id, "tool_version": info.tool_version}, make_snapshot(),
                            make_findings(), SCORE, PROFILE)
    assert dumps(stored) == dumps(fresh)


def test_vietnamese_text_is_not_escaped(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    write_json(path, document())
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    assert "Văn bản chỉ đạo điều hành" in text and "Nghị định 42/2022/NĐ-CP" in text
    assert "\\u" not in text
    assert text.endswith("}\n") and text.startswith('{\n  "schema": "nd42.check/1"')
    assert json.loads(text) == json.loads(json.dumps(document()))
    assert not list(tmp_path.glob(".*.tmp"))  # the atomic write left no temporary file


def test_run_info_and_sparse_inputs() -> None:
    snap = PortalSnapshot("x.gov.vn", "http://x.gov.vn/", NOW)
    doc = portal_document({"id": 1, "kind": "check", "started_at": NOW, "status": "incomplete",
                           "profile": "nd42-2022"}, snap, [], {"score": None}, {})
    assert doc["run"]["profile"] == {"id": "nd42-2022", "title_vi": None, "title_en": None, "notes_vi": [],
                                     "notes_en": [], "extends": None, "successor": None}
    assert doc["run"]["finished_at"] is None
    assert doc["portal"]["reachable"] is False
    assert doc["pages"] == doc["sections"] == doc["findings"] == []
    assert doc["summary"] == {"score": None}
