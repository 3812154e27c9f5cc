"""The dashboard site: ranking, filters' data, heatmap, sparklines, changes, escaping, CSP, languages.

A synthetic store with three nightly runs (and no crawl) is rendered with ``render_site``; the
pages are read back with lxml.  The browser test (tests/browser/test_dashboard_browser.py)
opens the same site in Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from nd42.clock import VN_TZ
from nd42.records import Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.store import Store
from reports import assets, dashboard, svg
from reports.site import file_names, render_site
from rules.scoring import score

XSS = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
NIGHTS = [dt.datetime(2026, 11, d, 1, 30, tzinfo=VN_TZ) for d in (22, 23, 24)]
# (rule, area, severity): one or two per area, so each heatmap column has something to show.
RULES = (("FR-001", "freshness", Severity.HIGH), ("FR-002", "freshness", Severity.MEDIUM),
         ("CT-001", "content", Severity.HIGH), ("FN-001", "functions", Severity.MEDIUM),
         ("LY-001", "layout", Severity.LOW), ("TL-001", "technical", Severity.HIGH),
         ("SH-001", "technical", Severity.MEDIUM))
PORTALS = {
    "sgtvt": {"name": "Sở Giao thông vận tải", "agency": "Sở Giao thông vận tải", "level": "department",
              "tags": ["daknong", "so"]},
    "skhcn": {"name": "Sở Khoa học và Công nghệ", "agency": "Sở Khoa học và Công nghệ", "level": "department",
              "tags": ["daknong"]},
    "krongno": {"name": "UBND huyện Krông Nô", "agency": "UBND huyện Krông Nô", "level": "district",
                "tags": ["huyen"]},
    "hostile": {"name": f"Cổng {XSS}", "agency": f"Cơ quan {XSS}", "level": "commune", "tags": [XSS, "a b"]},
    "down": {"name": "Cổng không truy cập được", "agency": "UBND huyện Krông Nô", "level": "district",
             "tags": ["huyen"]},
    "daksong": {"name": "UBND huyện Đắk Song", "agency": "UBND huyện Đắk Song", "level": "district", "tags": []},
    "old": {"name": "Cổng đã ngừng", "agency": "Sở cũ", "level": "department", "tags": []},
}
# Failing rules per portal per night (everything else passes); "down" is unreachable every night.
FAILS = {
    "sgtvt": ({"FR-002"}, {"FR-001"}, {"FR-001", "TL-001"}),  # night 3: FR-001 new, FR-002 fixed, TL-001 pending
    "skhcn": ({"SH-001"}, {"SH-001"}, {"SH-001"}),  # persistent
    "krongno": ({"CT-001", "LY-001"}, {"CT-001", "LY-001"}, {"LY-001"}),  # CT-001 pending fix
    "hostile": ({"FR-001", "CT-001", "TL-001"}, {"FR-001", "CT-001", "TL-001"}, {"FR-001", "CT-001"}),
    "down": (set(), set(), set()),
    "daksong": (set(), set(), {"FR-001"}),  # first seen failing on night 3: not a new failure
    "old": ({"FR-001"}, {"FR-001"}, set()),
}
NIGHTS_OF = {"daksong": (2,), "old": (0, 1)}  # the others are checked every night
# Night 3: the registry changed (daksong added, old removed, skhcn's entry edited).
DIGESTS = ("reg-a", "reg-a", "reg-b")


def on(night: int) -> list[str]:
    return [p for p in PORTALS if night in NIGHTS_OF.get(p, (0, 1, 2))]


LAST = on(2)


def findings_for(portal_id: str, night: int) -> list[Finding]:
    out = []
    for rule_id, area, severity in RULES:
        if portal_id == "down" or (portal_id, rule_id, night) == ("hostile", "TL-001", 2):
            status = Status.NOT_DETERMINABLE  # hostile's TL-001 failed, then could not be checked: unknown
        else:
            status = Status.FAIL if rule_id in FAILS[portal_id][night] else Status.PASS
        title = f"Tiêu đề {rule_id} {XSS}" if portal_id == "hostile" else f"Tiêu đề {rule_id}"
        out.append(Finding(rule_id, status, severity, area, title, f"Title {rule_id}", f"Thông điệp {rule_id}",
                           f"Message {rule_id}"))
    return out


def snapshot_for(portal_id: str, night: int) -> PortalSnapshot:
    info = PORTALS[portal_id]
    url = f"https://{portal_id}.daknong.gov.vn/"
    snap = PortalSnapshot(portal_id, url, NIGHTS[night], finished_at=NIGHTS[night] + dt.timedelta(minutes=3),
                          home_url=url, name=str(info["name"]),
                          portal={"name": info["name"], "agency": info["agency"], "level": info["level"],
                                  "tags": list(info["tags"]), "profile": None, "rules": {}})
    if portal_id == "skhcn" and night == 2:
        snap.portal["parent"] = "https://daknong.gov.vn/"
    if portal_id == "down":
        snap.pages.append(PageFetch(url, "home", error_class="timeout"))
    else:
        snap.pages.append(PageFetch(url, "home", status=200))
    return snap


def build_store(path: Path, nights: int = 3) -> list[int]:
    """A store with ``nights`` complete nightly runs of the five portals; their run ids."""
    ids = []
    with Store(path) as store:
        for night in range(nights):
            run_id = store.begin_run("nightly", NIGHTS[night], "nd42-2022", {"registry_digest": DIGESTS[night]})
            for portal_id in on(night):
                found = findings_for(portal_id, night)
                store.save_portal(run_id, snapshot_for(portal_id, night), found, score(found)["score"])
            store.finish_run(run_id, "complete", finished_at=NIGHTS[night] + dt.timedelta(hours=1))
            ids.append(run_id)
    return ids


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("site")
    runs = build_store(base / "nd42.sqlite3")
    out = {}
    with Store(base / "nd42.sqlite3") as store:
        out["vi"] = render_site(store, runs[-1], base / "vi")
        out["en"] = render_site(store, runs[-1], base / "en", lang="en")
        out["k1"] = render_site(store, runs[-1], base / "k1", flap_k=1)
        out["first"] = render_site(store, runs[0], base / "first")
    return out


def tree(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def rows(page: lxml.html.HtmlElement, table: str) -> list[lxml.html.HtmlElement]:
    return list(page.xpath(f"//table[@id='{table}']/tbody/tr"))


def cells_text(row: lxml.html.HtmlElement) -> list[str]:
    return [" ".join(c.text_content().split()) for c in row.xpath("./th|./td")]


# ---------------------------------------------------------------------------------------------- ranking
def test_portals_are_ranked_by_score_and_link_to_their_reports(site: dict[str, Path]) -> None:
    page = tree(site["vi"])
    ranking = rows(page, "ranking")
    order = [r.get("data-portal") for r in ranking]
    expected = {pid: score(findings_for(pid, 2))["score"] for pid in LAST}
    scored = sorted((pid for pid in LAST if expected[pid] is not None), key=lambda p: (-(expected[p] or 0), p))
    assert order == [*scored, "down"]
    first = cells_text(ranking[0])
    assert first[0] == "1" and first[4].startswith(f"{expected[scored[0]]:.0f}")
    assert cells_text(ranking[-1])[0] == "—" and "Không truy cập được" in cells_text(ranking[-1])[4]
    names = file_names(LAST)
    for row in ranking:
        href = row.xpath(".//th/a/@href")[0]
        assert href == f"portals/{names[row.get('data-portal')]}"
        assert (site["vi"].parent / href).is_file()
    # Every link on the dashboard is relative and resolves; in-page anchors exist.
    for href in page.xpath("//a/@href"):
        parts = urlsplit(href)
        assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
        target = site["vi"].parent / parts.path if parts.path else site["vi"]
        assert target.is_file(), href
        if parts.fragment:
            assert tree(target).get_element_by_id(parts.fragment) is not None, href


def test_rank_ties_share_a_rank_and_unscored_portals_are_unranked() -> None:
    base = dashboard.portal_row(snapshot_for("sgtvt", 0), findings_for("sgtvt", 0), href="x")
    a, b, c = (dashboard.dataclasses.replace(base, portal_id=p, name=p, score=s)
               for p, s in (("a", 90.0), ("b", 90.0), ("c", 80.0)))
    none = dashboard.dataclasses.replace(base, portal_id="z", name="z", score=None)
    ranked = dashboard.rank([c, none, b, a])
    assert [(r.portal_id, r.rank) for r in ranked] == [("a", 1), ("b", 1), ("c", 3), ("z", None)]


# ---------------------------------------------------------------------------------------------- filters
def test_rows_carry_their_filter_keys_and_the_filters_list_every_value(site: dict[str, Path]) -> None:
    page = tree(site["vi"])
    for table in ("ranking", "heat"):
        for row in rows(page, table):
            info = PORTALS[row.get("data-portal")]
            assert row.get("data-agency") == info["agency"]
            assert row.get("data-level") == info["level"]
            assert json.loads(row.get("data-tags")) == sorted(info["tags"])
            assert row.get("hidden") is None  # without the script, everything shows
    form = page.get_element_by_id("filters")
    assert form.get("hidden") is not None  # the script reveals it; with JS off it would do nothing
    options = {name: [(o.get("value"), o.text_content()) for o in form.xpath(f".//select[@name='{name}']/option")]
               for name in ("agency", "level", "tag")}
    assert options["agency"][0] == ("", "Tất cả")
    assert ("UBND huyện Krông Nô", "UBND huyện Krông Nô (2)") in options["agency"]
    assert [v for v, _ in options["level"]] == ["", "department", "district", "commune"]
    assert ("district", "Huyện (3)") in options["level"]
    assert {v for v, _ in options["tag"]} == {"", "daknong", "so", "huyen", XSS, "a b"}
    for select in form.xpath(".//select"):
        assert page.xpath(f"//label[@for='{select.get('id')}']")
    counter = page.get_element_by_id("filter-count")
    assert counter.get("aria-live") == "polite" and "{shown}" in counter.get("data-template")


# ---------------------------------------------------------------------------------------------- heatmap
def test_heatmap_cells_show_each_areas_score_and_failures(site: dict[str, Path]) -> None:
    page = tree(site["vi"])
    header = [" ".join(th.text_content().split()) for th in page.xpath("//table[@id='heat']/thead//th")]
    assert header == ["Cổng", "Cập nhật thông tin", "Nội dung", "Chức năng hỗ trợ", "Giao diện, bố cục", "Kỹ thuật"]
    by_portal = {r.get("data-portal"): r for r in rows(page, "heat")}
    cells = {c.get("data-area"): c for c in by_portal["sgtvt"].xpath("./td")}
    # Night 3: FR-001 (high, 3) fails, FR-002 (medium, 2) passes → freshness 2/5 = 40; TL-001 fails of TL+SH → 40.
    assert "h-bad" in cells["freshness"].get("class")
    assert cells["freshness"].xpath("./span[@aria-hidden='true']")[0].text_content() == "40 ✗ 1"
    assert cells["freshness"].xpath("./span[@class='vh']")[0].text_content() == \
        "Cập nhật thông tin: điểm 40, 1 không đạt"
    assert "h-good" in cells["content"].get("class") and cells["content"].text_content().startswith("100")
    down = {c.get("data-area"): c for c in by_portal["down"].xpath("./td")}
    assert all("h-none" in c.get("class") and c.text_content().startswith("—") for c in down.values())
    # The legend names every bucket in words (colour is not the only cue).
    legend = [" ".join(li.text_content().split()) for li in page.xpath("//ul[@class='legend']/li")]
    assert len(legend) == len(svg.BUCKETS) and legend[0].startswith("95 tốt")


# ---------------------------------------------------------------------------------------------- sparklines
def test_sparklines_plot_every_run_on_a_fixed_scale_with_a_text_alternative(site: dict[str, Path]) -> None:
    page = tree(site["vi"])
    row = next(r for r in rows(page, "ranking") if r.get("data-portal") == "sgtvt")
    spark = row.xpath(".//*[local-name()='svg']")[0]
    scores = [score(findings_for("sgtvt", n))["score"] for n in range(3)]
    assert spark.get("role") == "img"
    assert spark.get("aria-label") == "Điểm qua 3 lượt: " + ", ".join(f"{s:.0f}" for s in scores)
    points = [tuple(float(v) for v in p.split(",")) for p in spark.xpath("./*[local-name()='polyline']/@points")[0]
              .split()]
    assert [y for _, y in points] == pytest.approx([3 + (100 - s) * 18 / 100 for s in scores], abs=0.06)
    assert [x for x, _ in points] == sorted(x for x, _ in points)
    delta = row.xpath(".//span[@class='delta']")[0].text_content()
    assert delta == f"{'▲' if scores[2] > scores[1] else '▼'}{abs(scores[2] - scores[1]):.0f}"
    # The unreachable portal has no score on any night: no line, and words say so.
    down = next(r for r in rows(page, "ranking") if r.get("data-portal") == "down")
    svg_down = down.xpath(".//*[local-name()='svg']")[0]
    assert not svg_down.xpath("./*[local-name()='polyline']") and svg_down.get("aria-label").endswith("—, —, —")


def test_heat_buckets_follow_the_number_shown() -> None:
    assert [svg.bucket(v) for v in (100.0, 90.0, 89.9, 60.0, 59.9, 0.0, None)] == \
        ["good", "good", "mid", "mid", "bad", "bad", "none"]
    # 19 of 20 weight met: 95, good.  87 of 97: 89.7, shown "90", so coloured good as it reads.
    found = [Finding("R", Status.PASS, Severity.HIGH, "content", "t", "t", "m", "m")] * 3 + \
        [Finding("S", Status.FAIL, Severity.LOW, "content", "t", "t", "m", "m")] + \
        [Finding("P", Status.PASS, Severity.CRITICAL, "content", "t", "t", "m", "m")] * 2
    cell = dashboard.portal_row(snapshot_for("sgtvt", 0), found, href="x").cell("content")
    assert cell is not None and cell.score == 95.0 and (cell.shown, cell.bucket) == ("95", "good")
    tight = [Finding("R", Status.PASS, Severity.HIGH, "content", "t", "t", "m", "m")] * 29 + \
        [Finding("S", Status.FAIL, Severity.CRITICAL, "content", "t", "t", "m", "m")] * 2
    cell = dashboard.portal_row(snapshot_for("sgtvt", 0), tight, href="x").cell("content")
    assert cell is not None and cell.score == 89.7 and (cell.shown, cell.bucket) == ("90", "good")


def test_sparkline_gaps_and_single_points() -> None:
    one = lxml.html.fromstring(str(svg.sparkline([50.0], label="x")))
    assert not one.xpath("//polyline") and len(one.xpath("//circle")) == 2
    gap = lxml.html.fromstring(str(svg.sparkline([10.0, 20.0, None, 30.0, 40.0], label="y")))
    assert len(gap.xpath("//polyline")) == 2
    hostile = str(svg.sparkline([], label=XSS))
    assert "<script" not in hostile and "&lt;script&gt;" in hostile


# ---------------------------------------------------------------------------------------------- changes
def changes_by_portal(page: lxml.html.HtmlElement) -> dict[str, list[str]]:
    return {r.get("data-portal"): cells_text(r)[1:] for r in rows(page, "changes-table")}


def test_changes_since_last_night_with_flap_suppression(site: dict[str, Path]) -> None:
    page = tree(site["vi"])
    changes = changes_by_portal(page)
    # skhcn only persists; down never had a verdict; daksong's failure is first seen (nothing to compare with).
    assert set(changes) == {"sgtvt", "krongno", "hostile"}
    new, fixed, pending, unknown = changes["sgtvt"]
    assert new == "FR-001 Tiêu đề FR-001" and fixed == "FR-002 Tiêu đề FR-002" and unknown == "—"
    assert pending == "TL-001 Tiêu đề TL-001 (có thể không đạt mới, 1/2 lượt)"
    assert changes["krongno"] == ["—", "—", "CT-001 Tiêu đề CT-001 (có thể đã khắc phục, 1/2 lượt)", "—"]
    assert changes["hostile"][:3] == ["—", "—", "—"]
    assert changes["hostile"][3] == f"TL-001 Tiêu đề TL-001 {XSS} (Không xác định được)"
    section = " ".join(page.get_element_by_id("changes").text_content().split())
    assert "So với lượt #2" in section and "2 lượt liên tiếp" in section
    links = page.xpath("//table[@id='changes-table']//ul//a/@href")
    assert f"portals/{file_names(PORTALS)['sgtvt']}#FR-001" in links
    # The registry digest differs between nights 2 and 3: the comparison carries a warning, and what changed.
    warning = " ".join(page.get_element_by_id("registry-changed").text_content().split())
    assert "Danh sách cổng (registry) đã thay đổi" in warning
    for words in ("Cổng mới thêm: daksong", "Cổng đã bỏ: old", "Cổng đổi cấu hình: skhcn"):
        assert words in warning, words
    overview = [" ".join(dd.text_content().split()) for dd in page.xpath("//dl[@class='summary']//dd")]
    scores = sorted(s for p in LAST if (s := score(findings_for(p, 2))["score"]) is not None)
    assert overview == ["6", "1", f"{scores[0]:.0f} / {statistics.median(scores):.0f} / {scores[-1]:.0f}",
                        "1", "1", "2", "1"]


def test_immediate_changes_with_k_1(site: dict[str, Path]) -> None:
    changes = changes_by_portal(tree(site["k1"]))
    assert changes["sgtvt"] == ["TL-001 Tiêu đề TL-001", "—", "—", "—"]  # FR-001 now persists, FR-002 held pass
    assert changes["krongno"] == ["—", "CT-001 Tiêu đề CT-001", "—", "—"]


def test_the_first_run_has_nothing_to_compare_with(site: dict[str, Path]) -> None:
    page = tree(site["first"])
    section = page.get_element_by_id("changes").text_content()
    assert "Chưa có lượt chạy hoàn tất nào trước lượt này" in section and not rows(page, "changes-table")
    assert not page.xpath("//*[@id='registry-changed']")
    # Its trend stops at run 1: later nights are not drawn into an older run's dashboard.
    row = next(r for r in rows(page, "ranking") if r.get("data-portal") == "sgtvt")
    spark = row.xpath(".//*[local-name()='svg']")[0]
    assert spark.get("aria-label") == f"Điểm của 1 lượt: {score(findings_for('sgtvt', 0))['score']:.0f}"


# ---------------------------------------------------------------------------------------------- safety
SCRIPT_HASH = re.compile(r"script-src ('sha256-[A-Za-z0-9+/=]+')")


def test_hostile_portal_text_is_escaped_everywhere(site: dict[str, Path]) -> None:
    for path in [site["vi"], *sorted((site["vi"].parent / "portals").glob("*.html"))]:
        html = path.read_text(encoding="utf-8")
        page = lxml.html.fromstring(html)
        scripts = page.xpath("//script")
        assert len(scripts) == (1 if path == site["vi"] else 0), path
        if scripts:
            assert scripts[0].text == assets.FILTER_SCRIPT and not scripts[0].attrib
        assert not page.xpath("//img|//iframe|//object|//embed|//link|//base|//form[@action]")
        assert not [a for el in page.iter() if isinstance(el.tag, str) for a in el.attrib
                    if a.startswith("on") or a == "style"], path
        assert "<script>alert" not in html
    page = tree(site["vi"])
    row = next(r for r in rows(page, "ranking") if r.get("data-portal") == "hostile")
    assert f"Cổng {XSS}" in row.text_content() and row.get("data-agency") == f"Cơ quan {XSS}"
    assert XSS in json.loads(row.get("data-tags"))
    report = tree(site["vi"].parent / "portals" / file_names(PORTALS)["hostile"])
    assert f"Tiêu đề FR-001 {XSS}" in report.text_content()


def test_the_csp_admits_exactly_our_script_and_style(site: dict[str, Path]) -> None:
    assert "</" not in assets.FILTER_SCRIPT and "</" not in assets.DASHBOARD_CSS
    page = tree(site["vi"])
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert directives["require-trusted-types-for"] == "'script'" and directives["trusted-types"] == "'none'"
    assert directives["script-src"] == assets.source_hash(page.xpath("//script")[0].text)
    assert directives["style-src"] == assets.source_hash(page.xpath("//style")[0].text)
    assert "unsafe" not in csp
    # The hash is the standard one: base64 of SHA-256 over the exact text between the tags.
    import base64
    import hashlib

    raw = site["vi"].read_text(encoding="utf-8")
    body = raw.split("<script>", 1)[1].split("</script>", 1)[0]
    assert directives["script-src"] == f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
    # The same script and CSP whatever the language: the script holds no text of its own.
    en = tree(site["en"])
    assert en.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0] == csp
    # The portal pages keep the report's own policy: no script at all, their sheet admitted by its hash.
    report = tree(site["vi"].parent / "portals" / file_names(PORTALS)["sgtvt"])
    policy = dict(d.strip().split(" ", 1)
                  for d in report.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0].split(";"))
    assert policy == {"default-src": "'none'", "style-src": assets.source_hash(report.xpath("//style")[0].text),
                      "base-uri": "'none'", "form-action": "'none'"}


# ---------------------------------------------------------------------------------------------- languages, pages
def test_english_version(site: dict[str, Path]) -> None:
    page = tree(site["en"])
    assert page.get("lang") == "en"
    assert page.xpath("//h1")[0].text_content() == "Portal compliance dashboard"
    text = " ".join(page.text_content().split())
    for words in ("Ranking by score", "New failures", "Fixed", "To be confirmed", "Compared with run #2",
                  "The portal registry changed", "Score over 3 runs", "possible new failure"):
        assert words in text or words in page.xpath("string(//@aria-label[contains(., 'Score over')])"), words
    assert [o.text_content() for o in page.xpath("//select[@name='level']/option")][:2] == ["All", "Department (2)"]
    report = tree(site["en"].parent / "portals" / file_names(PORTALS)["sgtvt"])
    assert report.get("lang") == "en" and "Back to the dashboard" in report.text_content()


def test_portal_pages_link_back_and_show_their_history(site: dict[str, Path]) -> None:
    folder = site["vi"].parent / "portals"
    assert sorted(p.name for p in folder.glob("*.html")) == sorted(file_names(LAST).values())
    page = tree(folder / file_names(PORTALS)["sgtvt"])
    assert page.xpath("//nav//a/@href") == ["../index.html"]
    history = [cells_text(r) for r in page.xpath("//table[@class='history']/tbody/tr")]
    assert [h[0] for h in history] == ["#1", "#2", "#3 (lượt này)"]
    assert [h[2] for h in history] == [f"{score(findings_for('sgtvt', n))['score']:.0f}" for n in range(3)]
    text = " ".join(page.text_content().split())
    assert "Không đạt mới: FR-001" in text and "Đã khắc phục: FR-002" in text
    # The rules that changed, each with its verdicts over the runs.
    table = page.xpath("//table[@class='history rules']")[0]
    assert [" ".join(th.text_content().split()) for th in table.xpath("./thead//th")] == ["Quy tắc", "#1", "#2", "#3"]
    assert [cells_text(r) for r in table.xpath("./tbody/tr")] == [
        ["FR-001 Tiêu đề FR-001", "Đạt", "Không đạt", "Không đạt"],
        ["FR-002 Tiêu đề FR-002", "Không đạt", "Đạt", "Đạt"],
        ["TL-001 Tiêu đề TL-001", "Đạt", "Đạt", "Không đạt"]]
    assert table.xpath("./tbody/tr[1]/th/a/@href") == ["#FR-001"]
    for href in page.xpath("//a/@href"):
        parts = urlsplit(href)
        assert parts.scheme in ("", "http", "https")
        if not parts.scheme:
            target = (folder / parts.path).resolve() if parts.path else folder / file_names(PORTALS)["sgtvt"]
            assert target.is_file(), href
            if parts.fragment:
                assert tree(target).get_element_by_id(parts.fragment) is not None, href


def test_filters_without_values_are_left_out(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite3") as store:
        run_id = store.begin_run("check", NIGHTS[0], "nd42-2022", {})
        for portal_id in ("sgtvt", "skhcn"):
            snap = snapshot_for(portal_id, 0)
            snap.portal = {"level": "department"} if portal_id == "sgtvt" else {}
            store.save_portal(run_id, snap, findings_for(portal_id, 0), None)
        store.finish_run(run_id)
        page = tree(render_site(store, run_id, tmp_path / "out"))
    assert [s.get("name") for s in page.xpath("//form[@id='filters']//select")] == ["level"]
    assert [r.get("data-agency") for r in rows(page, "ranking")] == ["", ""]
    assert cells_text(rows(page, "ranking")[0])[2] == "—"  # no agency recorded
    assert "Không có thay đổi nào" not in page.text_content()  # a first run: nothing was compared
    with Store(tmp_path / "db.sqlite3") as store:
        run_id = store.begin_run("check", NIGHTS[1], "nd42-2022", {})
        for portal_id in ("sgtvt", "skhcn"):
            snap = snapshot_for(portal_id, 0)
            snap.portal = {}
            store.save_portal(run_id, snap, findings_for(portal_id, 0), None)
        store.finish_run(run_id)
        page = tree(render_site(store, run_id, tmp_path / "out2"))
    assert not page.xpath("//form") and not page.xpath("//noscript")
    assert "Không có thay đổi nào" in page.text_content()


def test_file_names_are_unique_and_safe() -> None:
    names = file_names(["so-x", "sở x", "s-x", "A", "a", "../etc"])
    assert len(set(names.values())) == 6
    assert names["so-x"] == "so-x.html"
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) and not n.startswith(".") for n in names.values())
    # Windows device names cannot be opened from a share, whatever the extension; long ids are capped
    names = file_names(["nul", "CON", "com1.x", "lpt9", "console", "x" * 300, "x" * 299 + "y"])
    assert all(re.fullmatch(r"[a-f0-9]{8}", names[d][-13:-5]) for d in ("nul", "CON", "com1.x", "lpt9"))
    assert names["console"] == "console.html"
    long = [names["x" * 300], names["x" * 299 + "y"]]
    assert long[0] != long[1] and all(len(n) <= 120 for n in long)


def test_rendering_again_replaces_the_files(tmp_path: Path) -> None:
    runs = build_store(tmp_path / "db.sqlite3", nights=2)
    with Store(tmp_path / "db.sqlite3") as store:
        first = render_site(store, runs[-1], tmp_path / "out").read_text(encoding="utf-8")
        again = render_site(store, runs[-1], tmp_path / "out").read_text(encoding="utf-8")
    assert first == again
    assert not list((tmp_path / "out").rglob(".*.tmp"))


def test_rendering_in_worker_processes_writes_the_same_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``render_site(workers=2)`` (the nightly's ``--workers``): the portal pages are rendered by two spawned
    processes, a portal per task here; every file is byte-identical to one process's, in English too."""
    import reports.site as site_module

    runs = build_store(tmp_path / "db.sqlite3")
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(site_module, "CHUNK", 1)
    with Store(tmp_path / "db.sqlite3") as store:
        for lang in ("vi", "en"):
            render_site(store, runs[-1], tmp_path / f"one-{lang}", lang=lang)
            render_site(store, runs[-1], tmp_path / f"two-{lang}", lang=lang, workers=2)
    for lang in ("vi", "en"):
        one, two = tmp_path / f"one-{lang}", tmp_path / f"two-{lang}"
        files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
        assert len(files) == len(on(2)) + 1
        assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
        assert [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()] == []
