"""`nd42 report` and `nd42 recheck` work from the store alone, without crawling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nd42.cli import main
from nd42.clock import VN_TZ
from nd42.records import ListingItem, PageFetch, PortalSnapshot, SectionSnapshot
from nd42.store import Store
from rules.engine import evaluate
from rules.scoring import score

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)


def test_report_and_recheck_from_the_store(tmp_path: Path) -> None:
    snap = PortalSnapshot("so-a", "http://a.test/", NOW, home_url="http://a.test/")
    snap.pages.append(PageFetch("http://a.test/", "home", status=200))
    snap.sections["directive_documents"] = SectionSnapshot(
        "directive_documents", "Chỉ đạo điều hành", "http://a.test/cddh", "menu",
        items=[ListingItem("Công văn", "http://a.test/1", dt.date(2026, 6, 1), "01/06/2026")])
    db = tmp_path / "db.sqlite3"
    with Store(db) as store:
        run = store.begin_run("check", NOW, "nd42-2022", {})
        findings = evaluate(snap, "nd42-2022", NOW)
        store.save_portal(run, snap, findings, score(findings)["score"])
        store.finish_run(run, "complete", NOW)
    assert main(["report", str(run), "--db", str(db), "--out", str(tmp_path / "out")]) == 0
    assert "01/06/2026" in (tmp_path / "out" / "so-a.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "index.html").is_file()
    assert main(["recheck", str(run), "--db", str(db)]) == 0
    with Store(db) as store:
        fr001 = next(f for f in store.load_findings(run, "so-a") if f.rule_id == "FR-001")
    assert fr001.status.value == "fail"  # the stored crawl clock, not today's, decides the age
    assert main(["report", "99", "--db", str(db), "--out", str(tmp_path / "out")]) == 2
