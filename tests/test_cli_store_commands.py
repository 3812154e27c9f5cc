"""`nd42 report` and `nd42 recheck` work from the store alone, without crawling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html

from nd42.cli import main
from nd42.clock import VN_TZ
from nd42.records import ListingItem, PageFetch, PortalSnapshot, SectionSnapshot
from nd42.store import Store
from rules.engine import evaluate
from rules.scoring import score

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)


def _stored_run(db: Path, *, rules: dict[str, dict[str, object]] | None = None) -> int:
    snap = PortalSnapshot("so-a", "http://a.test/", NOW, home_url="http://a.test/", portal={"rules": rules or {}})
    snap.pages.append(PageFetch("http://a.test/", "home", status=200))
    snap.sections["directive_documents"] = SectionSnapshot(
        "directive_documents", "Chỉ đạo điều hành", "http://a.test/cddh", "menu",
        items=[ListingItem("Công văn", "http://a.test/1", dt.date(2026, 6, 1), "01/06/2026")])
    snap.sections["party_union"] = SectionSnapshot(
        "party_union", "Đảng – Đoàn thể", "http://a.test/ddt", "menu",
        items=[ListingItem("Chi bộ sinh hoạt", "http://a.test/2", dt.date(2026, 8, 1), "01/08/2026")])
    with Store(db) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        findings = evaluate(snap, "nd42-2022", NOW, overrides=rules)
        store.save_portal(run, snap, findings, score(findings)["score"])
        store.finish_run(run, "complete", NOW)
    return run


def test_report_renders_from_the_store(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    run = _stored_run(db)
    assert main(["report", str(run), "--db", str(db), "--out", str(tmp_path / "out")]) == 0
    site = tmp_path / "out" / "runs" / str(run)
    assert "01/06/2026" in (site / "portals" / "so-a.html").read_text(encoding="utf-8")
    assert (site / "index.html").is_file() and (tmp_path / "out" / "index.html").is_file()
    assert main(["report", "99", "--db", str(db), "--out", str(tmp_path / "out")]) == 2


def test_recheck_is_a_new_run_under_another_profile_with_its_own_reports(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    run = _stored_run(db)
    out = tmp_path / "recheck"
    assert main(["recheck", str(run), "--db", str(db), "--profile", "daknong-cchc", "--out", str(out)]) == 0
    with Store(db) as store:
        new = store.latest_run()
        assert new is not None and new.id != run and new.kind == "recheck" and new.profile == "daknong-cchc"
        assert new.options["source_run"] == run and new.started_at == NOW
        before = {f.rule_id: f.status.value for f in store.load_findings(run, "so-a")}
        after = {f.rule_id: f.status.value for f in store.load_findings(new.id, "so-a")}
        assert store.load_snapshot(new.id, "so-a").sections.keys() == store.load_snapshot(run, "so-a").sections.keys()
    # The source run is untouched; the stored crawl clock, not today's, decides the ages.
    assert before["FR-001"] == "fail" and before["FR-002"] == "warn" and "FR-004" not in before
    assert after["FR-002"] == "fail" and "FR-004" in after  # the provincial profile's own criteria
    html = (out / "runs" / str(new.id) / "portals" / "so-a.html").read_text(encoding="utf-8")
    assert "daknong-cchc" in html and "đánh giá lại dữ liệu đã lưu" in html and f"#{run}" in html
    assert lxml.html.fromstring(html).get("lang") == "vi" and (out / "runs" / str(new.id) / "index.html").is_file()


def test_recheck_applies_the_portals_stored_overrides(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    run = _stored_run(db, rules={"FR-001": {"max_age_days": 365}})
    assert main(["recheck", str(run), "--db", str(db), "--out", str(tmp_path / "o")]) == 0
    with Store(db) as store:
        new = store.latest_run()
        assert new is not None
        status = {f.rule_id: f.status.value for f in store.load_findings(new.id, "so-a")}
    assert status["FR-001"] == "pass"


def test_recheck_of_an_unknown_run_or_profile_is_a_usage_error(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    run = _stored_run(db)
    assert main(["recheck", "99", "--db", str(db), "--out", str(tmp_path / "o")]) == 2
    assert main(["recheck", str(run), "--db", str(db), "--profile", "nope", "--out", str(tmp_path / "o")]) == 2
    with Store(db) as store:
        assert [r.kind for r in store.runs()] == ["check"]  # nothing was begun
