"""The HTML report: complete, bilingual, and safe against hostile portal text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html

from nd42.clock import VN_TZ
from nd42.records import (
    Certainty,
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
from reports.index import write_index
from reports.render import render_portal_report, write_portal_report

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
XSS = "<script>alert(1)</script>"
RUN = {"id": 1, "kind": "check", "started_at": NOW, "finished_at": NOW, "tool_version": "0.1.0"}
PROFILE = {"id": "nd42-2022", "title_vi": "Nghị định 42/2022", "title_en": "Decree 42/2022",
           "notes_vi": ["Đã được thay thế ngày 01/07/2026"], "notes_en": ["Replaced on 01/07/2026"]}


def portal() -> tuple[PortalSnapshot, list[Finding]]:
    snap = PortalSnapshot("so-x", "http://x.test/", NOW, home_url="http://x.test/", name=f"Sở {XSS}")
    snap.pages.append(PageFetch("http://x.test/", "home", status=200))
    snap.sections["party_union"] = SectionSnapshot(
        "party_union", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "menu",
        items=[ListingItem(XSS, "javascript:alert(2)", dt.date(2026, 11, 2), "Ngày đăng 02/11/2026 | 04:30 PM")])
    finding = Finding("FR-002", Status.WARN, Severity.MEDIUM, "freshness", "Đảng – Đoàn thể", "Party–union",
                      f"Cũ {XSS}", f"Stale {XSS}",
                      [Evidence(url="javascript:alert(3)", snippet=XSS, dates=["2026-11-02"]),
                       Evidence(url="http://x.test/dang", snippet="02/11/2026")],
                      [LegalRef("Tiêu chí của tỉnh", "—", certainty=Certainty.UNVERIFIED, standing="provincial")])
    return snap, [finding]


def test_hostile_text_is_escaped_and_no_script_can_run() -> None:
    snap, findings = portal()
    for lang in ("vi", "en"):
        html = render_portal_report(snap, findings, score={"score": 100.0, "counts": {"warn": 1}}, run=RUN,
                                    profile=PROFILE, lang=lang)
        tree = lxml.html.fromstring(html)
        assert tree.get("lang") == lang
        assert not tree.xpath("//script") and not tree.xpath("//img")
        assert not [a for el in tree.iter() for a in el.attrib if a.startswith("on")]
        # Only http(s) links and the report's own anchors (#FR-002).
        assert not [h for h in tree.xpath("//a/@href") if not h.startswith(("http://", "https://", "#"))]
        assert all(tree.get_element_by_id(h[1:]) is not None for h in tree.xpath("//a/@href") if h.startswith("#"))
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        assert csp and "default-src 'none'" in csp[0]
        assert not tree.xpath("//link") and "src=" not in html.replace("src=x", "")
        assert XSS in tree.text_content()  # shown as text, not run


def test_evidence_dates_and_citations_are_shown() -> None:
    snap, findings = portal()
    html = render_portal_report(snap, findings, score={"score": None, "counts": {}}, run=RUN, profile=PROFILE)
    text = lxml.html.fromstring(html).text_content()
    for expected in ("Ngày đăng 02/11/2026 | 04:30 PM", "http://x.test/dang", "Tiêu chí của tỉnh", "UNVERIFIED",
                     "chưa được kiểm chứng", "Nghị định 42/2022", "Đã được thay thế ngày 01/07/2026", "24/11/2026"):
        assert expected in text, expected


def test_unreachable_portal_and_index(tmp_path: Path) -> None:
    snap = PortalSnapshot("down", "http://down.test/", NOW)
    snap.pages.append(PageFetch("http://down.test/", "home", error_class="timeout"))
    path = write_portal_report(tmp_path, snap, [], score={"score": None, "counts": {}}, run=RUN, profile=PROFILE)
    assert "Không truy cập được" in path.read_text(encoding="utf-8")
    index = write_index(tmp_path, [{"portal": "down", "name": None, "score": None, "report": path.name,
                                    "findings": []}], title="nd42")
    assert lxml.html.fromstring(index.read_text(encoding="utf-8")).xpath("//a/@href") == ["down.html"]


def test_profile_successor_carry_over_and_detail_tables() -> None:
    from rules.profiles import load_profile, profile_info

    snap, findings = portal()
    findings[0].details["table"] = {"columns": ["Văn bản", "Ngày làm việc"], "rows": [[XSS, 7], ["QĐ 12", 1]]}
    findings[0].details["distribution"] = {"0": 3, "6-10": 1}
    info = profile_info(load_profile("nd42-2022"))
    for lang, words in (("vi", ("Văn bản đã được thay thế", "01/07/2026", "nd224-2026", "FR-001")),
                        ("en", ("Instrument replaced", "01/07/2026", "nd224-2026", "FR-001"))):
        html = render_portal_report(snap, findings, score={"score": 90.0, "counts": {"warn": 1}}, run=RUN,
                                    profile=info, lang=lang)
        tree = lxml.html.fromstring(html)
        text = tree.text_content()
        for word in words:
            assert word in text, (lang, word)
        cells = [td.text_content() for td in tree.xpath("//table[contains(@class,'details')]//td")]
        assert cells == [XSS, "7", "QĐ 12", "1"] and not tree.xpath("//script")
        assert "6-10: 1" in " ".join(text.split())
        summary = tree.xpath("//table[contains(@class,'summary')]//a/@href")
        assert summary == ["#FR-002"]


def test_a_profile_without_successor_shows_no_replacement_notice() -> None:
    from rules.profiles import load_profile, profile_info

    snap, findings = portal()
    html = render_portal_report(snap, findings, score={"score": 90.0, "counts": {}}, run=RUN,
                                profile=profile_info(load_profile("daknong-cchc")))
    text = lxml.html.fromstring(html).text_content()
    assert "Văn bản đã được thay thế" not in text and "Kế thừa hồ sơ" in text and "nd224-2026" in text


def test_technical_findings_are_grouped_by_topic() -> None:
    snap, _ = portal()
    ref = [LegalRef("Nghị định 224/2026/NĐ-CP", "Điều 21", "khoản 4", Certainty.VERIFIED)]
    findings = [Finding(rule_id, Status.FAIL, Severity.HIGH, "technical", rule_id, rule_id, "m", "m",
                        [Evidence(url="https://x.test/")], ref) for rule_id in ("AC-003", "TL-004", "TL-001", "ZZ-001")]
    html = render_portal_report(snap, findings, score={"score": 0.0, "counts": {}}, run=RUN, profile=PROFILE)
    tree = lxml.html.fromstring(html)
    assert [h.text_content() for h in tree.xpath("//h4")] == ["HTTPS và chứng thư số", "Hỗ trợ người khuyết tật",
                                                               "ZZ"]
    ids = [d.get("id") for d in tree.xpath("//div[contains(@class,'f ')]")]
    assert ids == ["TL-001", "TL-004", "AC-003", "ZZ-001"]
