"""The bundled demo portals and their server: deterministic, truthful, served on 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import itertools
import json
import pathlib
import re
import socket
import ssl
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import Any
from xml.etree import ElementTree

import lxml.html
import pytest

from nd42.demo.expect import PRESENCE, status_for
from nd42.demo.portals import KINDS, NIGHTS, ORIGIN, PROFILES, RULE_IDS, build_portals
from nd42.demo.server import serve
from nd42.records import LEVELS
from nd42.textnorm import fold

TODAY = dt.date(2026, 11, 24)
FRESH_MAX = {"directive_documents": 20, "party_union": 20, "news": 3, "legal_documents": 20}
FRESH_DAYS = {"directive_documents": 30, "party_union": 30, "news": 7, "legal_documents": 30}
# Content tests read the HTTPS portals without judging their certificates (the TLS tests below do).
_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=_INSECURE))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(url: str, *, follow: bool = True, ua: str = "nd42-tests") -> tuple[int, dict[str, str], bytes]:
    opener = _OPENER if follow else urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=_INSECURE), _NoRedirect)
    req = urllib.request.Request(url, headers={"User-Agent": ua})
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def quoted(base: str, path: str) -> str:
    return base + urllib.parse.quote(path, safe="/?&=%:;,+-_.~")


def text_of(body: bytes) -> str:
    return " ".join(lxml.html.fromstring(body.decode("utf-8")).text_content().split())


def test_build_is_deterministic_and_relative_to_today() -> None:
    a, b = build_portals(TODAY), build_portals(TODAY)
    assert a.keys() == b.keys() and len(a) >= 5
    for pid in a:
        assert a[pid].files == b[pid].files and a[pid].truth == b[pid].truth, pid
    later = build_portals(TODAY + dt.timedelta(days=200))
    for pid, portal in a.items():
        assert later[pid].truth["verdicts"] == portal.truth["verdicts"], pid


def test_truth_shape_and_the_fresh_stale_gap() -> None:
    portals = build_portals(TODAY)
    seen: dict[str, set[bool | None]] = {k: set() for k in KINDS}
    for pid, portal in portals.items():
        truth = portal.truth
        assert {"id", "cms", "home", "landing", "sections", "content", "verdicts"} <= set(truth), pid
        assert truth["id"] == pid and portal.name and portal.cms == truth["cms"]
        for kind in KINDS:
            sec = truth["sections"][kind]
            verdict = truth["verdicts"][f"{kind}_fresh"]
            seen[kind].add(verdict)
            if not sec["present"]:
                assert verdict is None, (pid, kind)
                continue
            age = sec["age_days"]
            assert age <= FRESH_MAX[kind] or age >= 120, (pid, kind, age)
            assert verdict is (age <= FRESH_DAYS[kind]), (pid, kind)
            assert (TODAY - dt.date.fromisoformat(sec["newest_date"])).days == age, (pid, kind)
            assert {"label", "url", "reachable_via", "newest_url", "date_order", "dates_on_listing"} <= set(sec)
    for kind in KINDS:
        assert {True, False} <= seen[kind], kind  # fresh on some portals, stale on others
    assert None in seen["party_union"] and None in seen["legal_documents"]


def test_demo_server_binds_loopback_only(demo_server: Any) -> None:
    assert demo_server.today == TODAY
    assert set(demo_server.urls) == set(demo_server.truth)
    for base in demo_server.urls.values():
        assert re.fullmatch(r"https?://127\.0\.0\.1:\d+", base), base
    servers, urls = serve({pid: p for pid, p in build_portals(TODAY).items() if p.cms == "liferay"})
    try:
        for server in servers:
            assert server.server_address[0] == "127.0.0.1"
        assert all(u.startswith("http://127.0.0.1:") for u in urls.values())
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(params=NIGHTS, ids=[f"night{n}" for n in NIGHTS])
def live(request: pytest.FixtureRequest) -> Any:
    """The demo server on each night: the session's (night 1), and one switched to night 2 while it runs."""
    return request.getfixturevalue("demo_server" if request.param == 1 else "demo_server_night2")


def test_every_truth_url_is_served_with_its_title(live: Any) -> None:
    for pid, truth in live.truth.items():
        base = live.urls[pid]
        status, headers, body = fetch(base + truth["landing"])
        assert status == 200 and "charset=" in headers["Content-Type"], pid
        for kind, sec in truth["sections"].items():
            if not sec["present"]:
                continue
            status, _, body = fetch(quoted(base, sec["url"]))
            assert status == 200, (pid, kind, sec["url"])
            assert sec["label"].lower() in text_of(body).lower(), (pid, kind)
            newest = next(it for it in sec["items"] if it["url"] == sec["newest_url"])
            assert newest["date"] == sec["newest_date"] and not newest.get("pinned")
            status, _, body = fetch(quoted(base, sec["newest_url"]))
            assert status == 200, (pid, kind, sec["newest_url"])
            assert newest["title"] in text_of(body), (pid, kind)  # SharePoint DispForm pages have no <h1>
            for item in sec["items"]:
                assert fetch(quoted(base, item["url"]))[0] == 200, (pid, kind, item["url"])
        for kind, path in truth["content"].items():
            if path and path.startswith("/"):
                assert fetch(quoted(base, path))[0] == 200, (pid, kind, path)


def test_sharepoint_root_redirects_and_lists_month_first(demo_server: Any) -> None:
    pid = next(p for p, t in demo_server.truth.items() if t["cms"] == "sharepoint")
    base, truth = demo_server.urls[pid], demo_server.truth[pid]
    status, headers, _ = fetch(base + "/", follow=False)
    assert status == 302 and headers["Location"] == base + truth["landing"]
    sec = truth["sections"]["directive_documents"]
    assert sec["date_order"] == "MDY"
    newest = dt.date.fromisoformat(sec["newest_date"])
    assert newest.day <= 12
    _, _, body = fetch(quoted(base, sec["url"]))
    page = body.decode()
    assert "ms-listviewtable" in page and "12/31/9999" in page and "__VIEWSTATE" in page
    assert f"{newest.month}/{newest.day}/{newest.year}" in page
    assert any(int(m) > 12 for m in re.findall(r"\b\d{1,2}/(\d{1,2})/\d{4} \d", page))


def test_traps_are_in_place(demo_server: Any) -> None:
    by_cms = {t["cms"]: (demo_server.urls[p], t) for p, t in demo_server.truth.items()}
    base, truth = by_cms["liferay"]
    party = truth["sections"]["party_union"]
    assert party["url"].endswith("/hoat-ong-ang-oan-the") and party["items"][0]["pinned"]
    _, _, home = fetch(base + "/")
    assert f"{TODAY:%d/%m/%Y}" in text_of(home)  # the header clock
    assert len(party["pages"]) == 2 and fetch(quoted(base, party["pages"][1]))[0] == 200
    base, truth = by_cms["html5"]
    _, _, robots = fetch(base + "/robots.txt")
    assert f"Sitemap: {base}/sitemap.xml" in robots.decode()
    assert any(s["present"] and s["reachable_via"] == "sitemap_xml" for s in truth["sections"].values())
    assert any(s["present"] and not s["dates_on_listing"] for s in truth["sections"].values())
    assert fetch(base + "/no-such-page")[0] == 404
    base, truth = by_cms["static"]
    _, _, home = fetch(base + "/")
    assert truth["site"]["broken_menu_link"] in home.decode()
    assert fetch(base + truth["site"]["broken_menu_link"])[0] == 404
    assert truth["sections"]["directive_documents"]["reachable_via"] == "home"


def test_request_log(demo_server: Any) -> None:
    pid, base = sorted(demo_server.urls.items())[0]
    fetch(base + "/robots.txt?probe=1", ua="nd42-log-probe/1.0")
    status, headers, body = fetch(base + "/__nd42_log__")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    log = json.loads(body)
    hit = [r for r in log if r["user_agent"] == "nd42-log-probe/1.0"]
    assert hit and hit[-1]["method"] == "GET" and hit[-1]["path"] == "/robots.txt?probe=1"
    assert isinstance(hit[-1]["time"], float)
    servers, urls = serve({pid: build_portals(TODAY)[pid]})
    try:
        fetch(urls[pid] + "/", ua="in-process")
        assert [r["user_agent"] for r in servers[0].log] == ["in-process"]
    finally:
        servers[0].shutdown()
        servers[0].server_close()


# ---------------------------------------------------------------------------------------------- issue 3: expectations
def _status(expectation: Any, profile: str = "nd42-2022") -> str:
    return str(status_for(expectation, profile))


def test_expectations_cover_every_rule_under_every_profile() -> None:
    statuses = {"pass", "fail", "warn", "not_applicable", "not_determinable", "off"}
    for pid, portal in build_portals(TODAY).items():
        expect = portal.truth["expect"]
        assert list(expect) == list(RULE_IDS), pid
        for rule, value in expect.items():
            per = value if isinstance(value, dict) else dict.fromkeys(PROFILES, value)
            assert set(per) == set(PROFILES) and set(per.values()) <= statuses, (pid, rule, value)
            assert ("off" in per.values()) == (rule == "FR-004"), (pid, rule)
        assert _status(expect["FR-004"]) == _status(expect["FR-004"], "nd224-2026") == "off"
        assert set(portal.truth["expect_notes"]) <= set(RULE_IDS), pid


# The original yardstick gives every portal a directive and a news section (the freshness traps live
# there), so their presence rules can only pass on the demo.  Availability and response time pass on
# every portal too: a portal failing them would be down or slow, and the whole demo with it (and the
# tests with the demo).  Every other rule passes somewhere and fails or warns somewhere.
ALWAYS_PRESENT = {"SP-001", "SP-003", "PF-001", "PF-002"}


def test_every_rule_passes_somewhere_and_not_everywhere() -> None:
    portals = build_portals(TODAY)
    for rule in RULE_IDS:
        profile = "daknong-cchc" if rule == "FR-004" else "nd42-2022"
        seen = {_status(p.truth["expect"][rule], profile) for p in portals.values()}
        if rule in ALWAYS_PRESENT:
            assert seen == {"pass"}, rule
            continue
        assert "pass" in seen and seen & {"fail", "warn"}, (rule, seen)


def test_profiles_differ_only_where_the_contract_says() -> None:
    may_differ = {"FR-002", "FR-004", "FN-005", "LY-001", "LY-002", "LY-003"}
    for pid, portal in build_portals(TODAY).items():
        for rule, value in portal.truth["expect"].items():
            if isinstance(value, dict):
                assert rule in may_differ, (pid, rule, value)
                if rule == "FN-005":
                    assert value == {"nd42-2022": "fail", "nd224-2026": "warn", "daknong-cchc": "warn"}
                if rule.startswith("LY-"):
                    assert value == {"nd42-2022": "warn", "nd224-2026": "warn", "daknong-cchc": "fail"}


def test_expectations_do_not_depend_on_the_day_but_on_the_obligation_start() -> None:
    base = {pid: p.truth["expect"] for pid, p in build_portals(TODAY).items()}
    for day in (dt.date(2027, 1, 4), dt.date(2027, 2, 26), dt.date(2027, 8, 2)):
        assert {pid: p.truth["expect"] for pid, p in build_portals(day).items()} == base, day
    before = build_portals(dt.date(2026, 5, 12))
    for pid, portal in before.items():
        for rule in ("SP-009", "CT-003"):
            assert _status(portal.truth["expect"][rule]) != "fail", (pid, rule)
        assert any(_status(base[pid][r]) == "fail" and _status(portal.truth["expect"][r]) == "warn"
                   for r in ("SP-009", "CT-003")) or all(_status(base[pid][r]) != "fail" for r in ("SP-009", "CT-003"))


def test_hostnames_levels_and_the_domain_rule() -> None:
    portals = build_portals(TODAY)
    hosts = [p.hostname for p in portals.values()]
    assert len(set(hosts)) == len(hosts) == len(portals)
    for pid, portal in portals.items():
        truth = portal.truth
        assert truth["hostname"] == portal.hostname and truth["level"] == portal.level in LEVELS, pid
        assert portal.parent == truth["parent"] == "https://hoalam.gov.vn/"
        compliant = portal.hostname.endswith(".hoalam.gov.vn") and portal.hostname.count(".") == 3
        assert _status(truth["expect"]["DM-001"]) == ("pass" if compliant else "fail"), pid
    assert sum(not h.endswith(".gov.vn") for h in hosts) == 1


def test_presence_expectations_are_honest() -> None:
    """A missing section fails only where every discovery source can be read; otherwise it warns."""
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        complete = all(v == "read" for v in truth["discovery"].values())
        assert complete == (truth["site"]["sitemap_page"] is not None and truth["site"]["sitemap_xml"] is not None)
        broken = set(truth["site"].get("broken_links", []))
        for kind, (rule, configured) in PRESENCE.items():
            sec = {**truth["sections"], **truth["listings"]}.get(kind)
            present = sec["present"] if sec else truth["content"][kind] is not None
            want = "pass" if present else configured if complete else "warn"
            if not present and broken and rule in ("SP-006", "SP-007"):
                want = configured
            assert _status(truth["expect"][rule]) == want, (pid, rule)


# ---------------------------------------------------------------------------------------------- issue 3: served content
def _tree(body: bytes, encoding: str = "utf-8") -> Any:
    return lxml.html.document_fromstring(body.decode(encoding))


def _region(tree: Any, xpath: str) -> str:
    found = tree.xpath(xpath)
    # Text nodes joined with spaces, as the crawler's element text does ("…Hòa Lâm</p><p>Cơ quan…").
    return " ".join(" ".join(" ".join(el.itertext()).split()) for el in found)


def _charset(portal: Any, path: str) -> str:
    return portal.content_types.get(path, "charset=utf-8").rsplit("charset=", 1)[-1]


def _page(portal: Any, path: str) -> Any:
    return _tree(portal.files[path], _charset(portal, path))


PHONE = re.compile(r"(?<![\d/])(?:\+?84[\s.\-]?|\(?0\d{2,3}\)?[\s.\-]?)\d{3,4}[\s.\-]?\d{3,4}")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def test_footers_hold_what_the_footer_expectation_needs() -> None:
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        footer = _region(_page(portal, truth["landing"]), truth["site"]["regions"]["footer"])
        folded = fold(footer)
        have = {"copyright": "©" in footer or bool(re.search(r"\b(ban quyen|copyright)\b", folded)),
                "owner": bool(re.search(r"\bco quan (chu quan|quan ly)\b", folded)),
                "responsible": bool(re.search(r"\b(chiu trach nhiem|truong ban bien tap)\b", folded)),
                "address": " dia chi " in f" {folded} ", "phone": bool(PHONE.search(footer)),
                "email": bool(EMAIL.search(footer))}
        for key, value in have.items():
            assert truth["site"]["footer"][key] is value, (pid, key)
        assert (_status(truth["expect"]["LY-003"]) == "pass") == all(have.values()), pid


def test_menus_and_headers_hold_what_the_layout_expectations_need() -> None:
    items = {"home": ("trang chu", "home"), "about": ("gioi thieu",), "services": ("dich vu cong", "dvc"),
             "sitemap": ("so do cong", "so do site", "so do trang", "so do website", "sitemap", "site map")}
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        home = _page(portal, truth["landing"])
        menu = fold(_region(home, truth["site"]["regions"]["menu"]))
        anywhere = fold(" ".join(" ".join(home.itertext()).split()))
        in_menu = {k: any(f" {p} " in f" {menu} " for p in v) for k, v in items.items()}
        elsewhere = {k: any(f" {p} " in f" {anywhere} " for p in v) for k, v in items.items()}
        want = "pass" if all(in_menu.values()) else "warn" if all(elsewhere.values()) else "missing"
        got = truth["expect"]["LY-002"]
        assert (got == "pass") if want == "pass" else (got == "warn") if want == "warn" else \
            (got == {"nd42-2022": "warn", "nd224-2026": "warn", "daknong-cchc": "fail"}), (pid, in_menu, elsewhere)
        header = home.xpath(truth["site"]["regions"]["header"])[0]
        images = header.xpath(".//img")
        named = fold(portal.name) in fold(" ".join([" ".join(header.itertext()), *(i.get("alt") or "" for i in images),
                                                    home.findtext(".//title") or ""]))
        assert images, pid
        assert (_status(truth["expect"]["LY-001"]) == "pass") == named, pid
        if not named:  # the banner case: an image without alt text
            assert any(not (i.get("alt") or "").strip() for i in images), pid


def _article_urls(truth: dict[str, Any]) -> list[str]:
    secs = [*truth["sections"].values(), *truth["listings"].values()]
    return [it["url"] for s in secs if s["present"] for it in s["items"]]


def test_print_functions_are_where_the_expectation_says() -> None:
    marker = re.compile(r"window\.print\(|>\s*(In bài|Bản in|In trang|In)\s*<|media=\"print\"|@media print", re.I)
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        pages = [portal.files[u].decode() for u in _article_urls(truth)]
        with_print = [bool(marker.search(p)) for p in pages]
        if _status(truth["expect"]["FN-004"]) == "pass":
            assert all(with_print), pid
        else:
            assert not any(with_print) and not any("print" in p.lower() for p in pages), pid


def test_state_links_on_the_home_page() -> None:
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        home = _page(portal, truth["landing"])
        targets = [*home.xpath("//a/@href"), *home.xpath("//option/@value")]
        hosts = {urllib.parse.urlsplit(t).hostname for t in targets if t.startswith("http")}
        both = "chinhphu.vn" in hosts and "hoalam.gov.vn" in hosts
        assert (_status(truth["expect"]["FN-003"]) == "pass") == both, (pid, hosts)
        dvc = {h for h in hosts if h and (h.endswith("dichvucong.gov.vn") or h.startswith("dichvucong."))}
        procedures_page = truth["content"]["procedures"]
        if procedures_page and procedures_page.startswith("/"):
            page_links = _page(portal, procedures_page).xpath("//a/@href")
            dvc |= {urllib.parse.urlsplit(t).hostname for t in page_links if "dichvucong" in t}
        elif procedures_page:
            dvc.add(urllib.parse.urlsplit(procedures_page).hostname)
        if _status(truth["expect"]["CT-009"]) == "pass":
            assert dvc, pid
        elif _status(truth["expect"]["CT-009"]) == "fail":
            assert not dvc, pid


def _plan_match(text: str, years: tuple[int, ...]) -> bool:
    f = f" {fold(text)} "
    return (" ke hoach " in f or " chuong trinh " in f) and any(f" {w} " in f for w in (
        "cong tac", "nhiem vu", "hoat dong")) and any(f" {y} " in f for y in years)


def _report_match(text: str, years: tuple[int, ...]) -> bool:
    f = f" {fold(text)} "
    return (" bao cao tai chinh " in f or (" quyet toan " in f and " nam " in f)) and any(f" {y} " in f for y in years)


@pytest.mark.parametrize("day", [TODAY, dt.date(2027, 1, 4), dt.date(2027, 2, 26), dt.date(2027, 6, 30)])
def test_work_plans_and_financial_reports_match_their_expectations(day: dt.date) -> None:
    """CT-010/CT-011 in the rules' own terms, on every day: titles of the read listings and the page texts."""
    for pid, portal in build_portals(day).items():
        truth = portal.truth
        secs = {**truth["sections"], **truth["listings"]}
        regions = truth["site"]["regions"]

        def titles(kinds: tuple[str, ...], secs: dict[str, Any] = secs) -> list[str]:
            return [it["title"] for k in kinds if secs.get(k, {}).get("present") for it in secs[k]["items"]]

        def main_text(path: str | None, portal: Any = portal, regions: dict[str, str] = regions) -> str:
            return _region(_page(portal, path), regions["main"]) if path else ""

        plan_texts = [*titles(("plans", "directive_documents", "legal_documents", "news")),
                      main_text(secs["plans"].get("url"))]
        plan = _status(truth["expect"]["CT-010"])
        if plan == "pass":
            assert any(_plan_match(t, (day.year,)) for t in plan_texts), pid
        else:  # no match even with the January–February grace year
            assert not any(_plan_match(t, (day.year, day.year - 1)) for t in plan_texts), pid
            assert plan == ("fail" if secs["plans"]["present"] else "warn"), pid
        report_texts = [*titles(("budget", "investment", "legal_documents", "directive_documents", "plans",
                                 "statistics")), main_text(secs["budget"].get("url")),
                        main_text(truth["content"]["access_to_information"])]
        report = _status(truth["expect"]["CT-011"])
        assert report in ("pass", "warn"), pid
        assert any(_report_match(t, (day.year, day.year - 1)) for t in report_texts) == (report == "pass"), pid
        if report == "warn":
            assert not any(" quyet toan " in f" {fold(t)} " or "bao cao tai chinh" in fold(t) for t in report_texts)


def test_consultation_deadlines_and_information_lists() -> None:
    deadline = re.compile(r"(Thời hạn góp ý|Hạn góp ý)")
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        sec = truth["listings"]["consultation"]
        if not sec["present"]:
            assert truth["expect"]["CT-012"] == "not_applicable", pid
        else:
            listing = portal.files[sec["url"]].decode()
            have = [bool(deadline.search(portal.files[it["url"]].decode())) for it in sec["items"]]
            share = sum(have) / len(have)
            want = "pass" if share >= 0.8 else "warn" if share else "fail"
            assert truth["expect"]["CT-012"] == want, (pid, share)
            assert bool(deadline.search(listing)) == bool(share), pid
        ati = truth["content"]["access_to_information"]
        if not ati:
            assert truth["expect"]["CT-013"] == "not_applicable", pid
            continue
        main = _page(portal, ati).xpath(truth["site"]["regions"]["main"])[0]
        listed = "danh muc thong tin" in fold(" ".join(main.itertext()))
        headers = [fold(" ".join(th.itertext())) for th in main.xpath(".//th")]
        columns = sum(any(w in h for h in headers) for w in ("hinh thuc", "thoi diem", "thoi han", "duong dan"))
        want = "pass" if listed and columns >= 2 else "warn" if listed else "fail"
        assert truth["expect"]["CT-013"] == want, pid


def test_contacts_hold_what_the_contact_expectations_need() -> None:
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        regions = truth["site"]["regions"]
        home = _page(portal, truth["landing"])
        path = truth["content"]["contacts"]
        text = (_region(_page(portal, path), regions["main"]) if path else "") + " " + _region(home, regions["footer"])
        fax = bool(re.search(r"\bfax\b\W*\d", fold(text)))
        email = bool(EMAIL.search(text))
        want = "pass" if fax and email else "warn" if email else "fail"
        assert truth["expect"]["CT-004"] == want, (pid, fax, email)
        if path:
            mails = EMAIL.findall(_region(_page(portal, path), regions["main"]))
            gov = [m for m in mails if m.endswith("gov.vn")]
            officials = truth["expect"]["CT-005"]
            assert (officials == "warn") == bool(mails and not gov), pid
            assert (officials == "fail") == (not mails), pid


def test_english_pages_are_served_as_the_probe_expectation_says() -> None:
    for pid, portal in build_portals(TODAY).items():
        truth = portal.truth
        probe = truth["probes"]["english"]
        english = truth["site"].get("english")
        if probe["status"] == "no_link":
            assert english is None, pid
            assert not re.search(r'hreflang="en"|>\s*(English|EN)\s*<|languageId=en', portal.files[truth["landing"]]
                                 .decode()), pid
            continue
        assert english["home"] in portal.files, pid
        assert (english["contacts"] is not None) == probe["contacts"] == (_status(truth["expect"]["FN-005"]) == "pass")


# ---------------------------------------------------------------------------------------------- issue 3: served live
def test_every_new_truth_url_is_served(live: Any) -> None:
    for pid, truth in live.truth.items():
        base = live.urls[pid]
        for kind, sec in truth["listings"].items():
            if not sec["present"]:
                continue
            status, _, body = fetch(quoted(base, sec["url"]))
            if "status" in sec:  # night 2: a listing the CMS fails to render; its articles are still served
                assert status == sec["status"] >= 500, (pid, kind)
            else:
                assert status == 200 and sec["label"].lower() in text_of(body).lower(), (pid, kind)
            for item in sec["items"]:
                status, _, body = fetch(quoted(base, item["url"]))
                assert status == 200 and item["title"] in text_of(body), (pid, kind, item["url"])
        for link in truth["site"].get("broken_links", []):
            assert fetch(base + link)[0] == 404, (pid, link)
        for path in (truth["site"].get("english") or {}).values():
            if path:
                assert fetch(quoted(base, path))[0] == 200, (pid, path)


def test_links_follow_the_host_the_client_used(demo_server: Any) -> None:
    sp = next(p for p, t in demo_server.truth.items() if t["cms"] == "sharepoint")
    base, port = demo_server.urls[sp], demo_server.port(sp)
    public = demo_server.public_url(sp)
    assert public == f"http://{demo_server.hosts[sp]}:{port}"
    for host, origin in ((f"{demo_server.hosts[sp]}:{port}", public), (f"127.0.0.1:{port}", base),
                         (f"elsewhere.example:{port}", base)):
        req = urllib.request.Request(base + "/", headers={"Host": host, "User-Agent": "nd42-tests"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
        try:
            opener.open(req, timeout=10)
            raise AssertionError("expected a redirect")
        except urllib.error.HTTPError as err:
            assert err.code == 302 and err.headers["Location"] == origin + "/Pages/default.aspx", host
    lr = next(p for p, t in demo_server.truth.items() if t["cms"] == "liferay")
    req = urllib.request.Request(demo_server.urls[lr] + "/robots.txt",
                                 headers={"Host": f"{demo_server.hosts[lr]}:{demo_server.port(lr)}"})
    with _OPENER.open(req, timeout=10) as resp:
        assert f"Sitemap: {demo_server.public_url(lr)}/sitemap.xml" in resp.read().decode()
    assert demo_server.resolve_args()[:2] == ["--resolve", f"{sorted(set(demo_server.hosts.values()))[0]}:127.0.0.1"]


def _home_forms(body: bytes) -> list[Any]:
    return list(_tree(body).xpath("//form"))


def test_site_searches_behave_as_the_probe_expectation_says(demo_server: Any) -> None:
    portals = build_portals(TODAY)
    for pid, truth in demo_server.truth.items():
        base, portal = demo_server.urls[pid], portals[pid]
        probe = truth["probes"]["search"]
        forms = _home_forms(portal.files[truth["landing"]])
        get_forms = [f for f in forms if (f.get("method") or "get").lower() == "get"
                     and f.xpath(".//input[@type='text' or @type='search']")]
        if probe["status"] == "no_form":
            assert not forms, pid
            assert _status(truth["expect"]["FN-002"]) == "fail"
            continue
        if probe["status"] == "post_only":
            assert forms and not get_forms, pid
            assert _status(truth["expect"]["FN-002"]) == "not_determinable"
            continue
        form = get_forms[0]
        action = urllib.parse.urlsplit(form.get("action")).path
        pairs = [(i.get("name"), i.get("value") or "") for i in form.xpath(".//input[@type='hidden']")]
        news = truth["sections"]["news"]
        newest = next(it for it in news["items"] if it["url"] == news["newest_url"])
        query = " ".join(newest["title"].split()[:5])
        url = base + action + "?" + urllib.parse.urlencode([*pairs, (probe["param"], query)])
        status, _, body = fetch(url)
        assert status == 200, (pid, url)
        page = body.decode()
        if probe["status"] == "disallowed":
            robots = fetch(base + "/robots.txt")[2].decode()
            assert f"Disallow: {action}" in robots.splitlines(), pid
            assert _status(truth["expect"]["FN-002"]) == "not_determinable"
            continue
        found = _e_attr(newest["url"]) in page or newest["title"] in text_of(body)
        assert found is probe["found"], (pid, query)
        assert _status(truth["expect"]["FN-002"]) == ("pass" if found else "fail"), pid
        # Diacritic-insensitive: the same words without accents find the same item on a working search.
        if found:
            plain = fold(query)
            url = base + action + "?" + urllib.parse.urlencode([*pairs, (probe["param"], plain)])
            assert _e_attr(newest["url"]) in fetch(url)[2].decode(), pid


def _e_attr(url: str) -> str:
    return url.replace("&", "&amp;")

# The end-to-end yardstick (every rule, every portal, every profile) is tests/test_e2e_check.py.


# ---------------------------------------------------------------------------------------------- issue 4: technical
# The technical expectations read in the served content, with the contract's semantics (tech-spec.md)
# written out small here: a page-level reading for the Unicode, mobile, accessibility and outdated-
# technology rules, the files and headers for site maps, feeds, performance and security headers, and
# the live endpoints (TLS, redirect, DNS, IPv6) below.  A "fail"/"warn" must show on a page the crawler
# surely fetches; a "pass" must hold on every page it might fetch.
TECH_PREFIXES = ("TL-", "NW-", "SH-", "PF-", "SM-", "UC-", "MB-", "AC-", "OT-")
_ORDER = {"fail": 0, "warn": 1, "pass": 2}


@functools.cache
def _portals(night: int = 1) -> dict[str, Any]:
    return build_portals(TODAY, night=night)


def _expect(portal: Any, rule: str) -> str:
    return _status(portal.truth["expect"][rule])


def _disallowed(portal: Any) -> list[str]:
    robots = portal.files.get("/robots.txt", b"").decode()
    return [line.split(":", 1)[1].strip() for line in robots.splitlines() if line.lower().startswith("disallow:")]


def _html_pages(portal: Any) -> dict[str, bytes]:
    """Every HTML page a crawler may fetch: the files (robots-allowed) and a results page of each search."""
    blocked = [p for p in _disallowed(portal) if p]
    # An error page (night 2's 500) is fetched but never read: the crawler records facts of 2xx pages only.
    pages = {path: body for path, body in portal.files.items()
             if portal.content_types.get(path, "").startswith("text/html") and path not in portal.statuses
             and not any(urllib.parse.unquote(path).startswith(b) for b in blocked)}
    for n, endpoint in enumerate(portal.searches):
        if not any(endpoint.path.startswith(b) for b in blocked):
            rows = endpoint.row.replace("@@URL@@", "/").replace("@@TITLE@@", "Kết quả")
            pages[f"search:{n}"] = endpoint.shell.replace("@@QUERY@@", "x").replace(
                "@@RESULTS@@", endpoint.wrap[0] + rows + endpoint.wrap[1]).encode()
    return pages


def _sure_pages(portal: Any) -> set[str]:
    """Pages every crawl fetches: home, section and content pages, English pages, the first three directive
    documents (document pages) and the first news item (the print probe)."""
    truth = portal.truth
    secs = [*truth["sections"].values(), *truth["listings"].values()]
    sure = {truth["landing"], *(p for s in secs if s["present"] and "status" not in s for p in s["pages"])}
    sure |= {p for p in truth["content"].values() if p and p.startswith("/")}
    sure |= {p for p in (truth["site"].get("english") or {}).values() if p}
    sure |= {it["url"] for it in truth["sections"]["directive_documents"]["items"][:3]}
    news = truth["sections"]["news"]
    if news["present"]:
        sure.add(news["items"][0]["url"])
    return sure


def _decode(portal: Any, path: str, body: bytes) -> str:
    ctype = portal.content_types.get(path, "charset=utf-8") if ":" not in path else "charset=utf-8"
    return body.decode(ctype.rsplit("charset=", 1)[-1])


_VI_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
_VAGUE = {"xem them", "xem tiep", "chi tiet", "xem chi tiet", "tai day", "click vao day", "bam vao day",
          "nhan vao day", "doc tiep", "doc them", "click here", "here", "more", "read more", ""}


def _vietnamese(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text)
    if len(words) < 15:
        return False
    marked = sum(1 for w in words if "đ" in w.lower() or any(c in _VI_MARKS for c in unicodedata.normalize("NFD", w)))
    return marked / len(words) >= 0.35


def _named(el: Any) -> bool:
    return any((el.get(a) or "").strip() for a in ("aria-label", "aria-labelledby", "title"))


def _a11y(root: Any) -> dict[str, Any]:
    """The page's accessibility reading (axe's rules as far as static HTML goes): counts and problems."""
    labels = {lab.get("for"): " ".join(lab.itertext()).strip() for lab in root.xpath("//label[@for]")}

    def labelled(el: Any) -> bool:
        wrapped = any(" ".join(a.itertext()).strip() for a in el.iterancestors("label"))
        return wrapped or bool(labels.get(el.get("id"))) or _named(el) or (
            el.tag != "select" and bool((el.get("placeholder") or "").strip()))

    def data_table(t: Any) -> bool:
        rows = t.xpath(".//tr")
        return (t.get("role") not in ("presentation", "none") and not t.xpath(".//table") and len(rows) >= 2
                and max(len(r.xpath("./td|./th")) for r in rows) >= 2)

    def link_name(a: Any) -> str:
        return " ".join([" ".join(a.itertext()), *(i.get("alt") or "" for i in a.xpath(".//img"))]).strip()

    images = root.xpath("//img")
    controls = [el for el in root.xpath("//input|//textarea|//select")
                if (el.get("type") or "").lower() not in ("hidden", "image", "button", "submit", "reset")]
    tables = [t for t in root.xpath("//table") if data_table(t)]
    links = root.xpath("//a[@href]")
    frames = root.xpath("//iframe|//frame")
    body_text = " ".join(" ".join(b.itertext()) for b in root.xpath("//body"))
    return {
        "lang": root.get("lang"), "vietnamese": _vietnamese(body_text),
        "title": (root.findtext(".//title") or "").strip() or None,
        "images": len(images), "images_no_alt": sum(
            1 for i in images if not (i.get("alt") is not None and (i.get("alt") == "" or i.get("alt").strip()))
            and not _named(i) and i.get("role") not in ("presentation", "none")),
        "controls": len(controls), "unlabelled": sum(1 for c in controls if not labelled(c)),
        "headings": [int(el.tag[1]) for el in root.iter()
                     if isinstance(el.tag, str) and re.fullmatch(r"h[1-6]", el.tag)],
        "tables": len(tables), "tables_no_th": sum(1 for t in tables if not t.xpath(".//th")),
        "links": len(links), "nameless": sum(1 for a in links if not link_name(a) and not _named(a)),
        "vague": sum(1 for a in links if link_name(a) and fold(link_name(a)) in _VAGUE),
        "frames": len(frames), "untitled": sum(1 for f in frames if not (f.get("title") or "").strip()),
        "marquee": len(root.xpath("//marquee|//blink")),
    }


def _a11y_verdict(rule: str, a: dict[str, Any]) -> tuple[str, bool]:
    """(page verdict, the page holds an element the rule looks at)."""
    levels = a["headings"]
    skipped = any(b - x > 1 for x, b in itertools.pairwise(levels))
    lang = (a["lang"] or "").strip().lower()
    return {
        "AC-001": ("fail" if not lang or (a["vietnamese"] and lang.split("-")[0] != "vi") else "pass", True),
        "AC-002": ("fail" if a["title"] is None else "pass", True),
        "AC-003": ("fail" if a["images_no_alt"] else "pass", a["images"] > 0),
        "AC-004": ("fail" if a["unlabelled"] else "pass", a["controls"] > 0),
        "AC-005": ("warn" if not levels or skipped else "pass", True),
        "AC-006": ("warn" if a["tables_no_th"] else "pass", a["tables"] > 0),
        "AC-007": ("fail" if a["nameless"] else "warn" if a["vague"] else "pass", a["links"] > 0),
        "AC-008": ("fail" if a["marquee"] else "pass", True),
        "AC-009": ("fail" if a["untitled"] else "pass", a["frames"] > 0),
    }[rule]


def _judge(portal: Any, verdicts: dict[str, tuple[str, bool]], rule: str) -> None:
    """The portal's verdict from its pages' (worst page; not_applicable when no page has the element)."""
    want = _expect(portal, rule)
    sure = _sure_pages(portal)
    seen = {path for path, (_, has) in verdicts.items() if has}
    if want == "not_applicable":
        assert not seen, (portal.id, rule, sorted(seen)[:3])
        return
    worst = min((v for v, has in verdicts.values() if has), key=_ORDER.__getitem__)
    assert worst == want, (portal.id, rule, worst, [p for p, (v, _) in verdicts.items() if v == worst][:3])
    if want == "pass":
        assert seen & sure, (portal.id, rule, "no page the crawl surely reads has the element")
    else:
        assert any(verdicts[p][0] == want for p in sure if p in verdicts), (portal.id, rule, "not on a sure page")


@pytest.mark.parametrize("night", NIGHTS)
@pytest.mark.parametrize("rule", [f"AC-{n:03d}" for n in range(1, 10)])
def test_accessibility_expectations_hold_on_the_served_pages(rule: str, night: int) -> None:
    for portal in _portals(night).values():
        pages = _html_pages(portal)
        verdicts = {path: _a11y_verdict(rule, _a11y_reading(_decode(portal, path, body)))
                    for path, body in pages.items()}
        _judge(portal, verdicts, rule)


@functools.cache
def _a11y_reading(html: str) -> dict[str, Any]:
    # Nine rules and two nights read the same pages: parse each distinct page once.
    return _a11y(lxml.html.document_fromstring(html))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
_LEGACY_FONT = re.compile(rb"\.Vn[A-Z][A-Za-z]*|VNI-[A-Z][a-z]+|VPS [A-Z]")
# A word with a TCVN3 byte shown as its windows-1252 sign next to a letter ("c¸c", "H¹nh", "§iÒu").
_TCVN3_WORD = re.compile(r"\w*(?:[^\W\d_][\u00a1-\u00be]|[\u00a1-\u00be][^\W\d_])\w*")


def _unicode_verdicts(portal: Any, path: str, body: bytes) -> dict[str, str]:
    header = portal.content_types.get(path, "charset=utf-8").rsplit("charset=", 1)[-1].lower() \
        if ":" not in path else "utf-8"
    meta = _META_CHARSET.search(body[:4096])
    declared = {header, *([meta.group(1).decode().lower()] if meta else [])}
    try:
        body.decode("utf-8")
        decodes = True
    except UnicodeDecodeError:
        decodes = False
    text = " ".join(lxml.html.document_fromstring(_decode(portal, path, body)).itertext())
    mojibake = len(_TCVN3_WORD.findall(text))
    return {
        "UC-001": "pass" if declared <= {"utf-8"} and decodes else "fail",
        "UC-002": "fail" if _LEGACY_FONT.search(body) or "windows-1258" in declared or mojibake >= 3 else "pass",
        "UC-003": "pass" if unicodedata.is_normalized("NFC", text) else "warn",
    }


@pytest.mark.parametrize("night", NIGHTS)
def test_unicode_expectations_hold_on_the_served_pages(night: int) -> None:
    for portal in _portals(night).values():
        pages = {path: _unicode_verdicts(portal, path, body) for path, body in _html_pages(portal).items()}
        for rule in ("UC-001", "UC-002", "UC-003"):
            _judge(portal, {p: (v[rule], True) for p, v in pages.items()}, rule)
    tech = {p.id: p.truth["tech"] for p in _portals(night).values()}
    assert sum("windows_1258" in t for t in tech.values()) == 1 and sum("legacy_fonts" in t for t in tech.values()) == 1


_WRAPPER = re.compile(r"wrap|container|page|main|site|layout|khung|bao|outer", re.I)


@pytest.mark.parametrize("night", NIGHTS)
def test_mobile_expectations_hold_on_the_home_pages(night: int) -> None:
    for portal in _portals(night).values():
        home = portal.files[portal.truth["landing"]].decode()
        tree = lxml.html.document_fromstring(home)
        metas = tree.xpath("//meta[@name='viewport']/@content")
        viewport = "fail" if not metas else "pass" if "device-width" in metas[0] else "warn"
        assert _expect(portal, "MB-001") == viewport, portal.id
        widths = [int(w) for w in tree.xpath("//table/@width") if w.isdigit()]
        for el in tree.xpath("//*[@style]"):
            if el.tag in ("html", "body") or _WRAPPER.search(f"{el.get('id', '')} {el.get('class', '')}"):
                widths += [int(w) for w in re.findall(r"(?:min-)?width\s*:\s*(\d+)px", el.get("style"))]
        for css in tree.xpath("//style/text()"):
            for selector, rules in re.findall(r"([^{}]+)\{([^}]*)\}", css):
                if re.search(r"\b(html|body)\b", selector) or _WRAPPER.search(selector):
                    widths += [int(w) for w in re.findall(r"(?:min-)?width\s*:\s*(\d+)px", rules)]
        assert _expect(portal, "MB-002") == ("warn" if any(w > 360 for w in widths) else "pass"), (portal.id, widths)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in text.split("."))


_LIBRARY = re.compile(r"(jquery-ui|jquery|bootstrap)[-/@]?(\d+\.\d+\.\d+)", re.I)


def _vulnerable(name: str, version: tuple[int, ...]) -> bool:
    # The advisories of rules/data/vulnerable_libraries.toml that the demo versions fall in (or out of).
    limits = {"jquery": (3, 5, 0), "jquery-ui": (1, 13, 2), "bootstrap": (3, 4, 1)}
    return version < limits[name] or (name == "bootstrap" and (4, 0, 0) <= version < (4, 3, 1))


@pytest.mark.parametrize("night", NIGHTS)
def test_outdated_technology_expectations_hold_on_the_served_pages(night: int) -> None:
    eol = re.compile(r"Liferay Portal Community Edition 6\.|^14\.|Microsoft-IIS/(7\.5|8\.5)|PHP/5\.")
    for portal in _portals(night).values():
        pages = _html_pages(portal)
        found: set[tuple[str, tuple[int, ...]]] = set()
        plugins = frameset = ie = internal = False
        for path, body in pages.items():
            tree = lxml.html.document_fromstring(_decode(portal, path, body))
            sources = [*tree.xpath("//script/@src"),
                       *tree.xpath("//link[@rel='stylesheet' or @rel='StyleSheet']/@href")]
            for src in sources:
                if re.search(r"jquery|bootstrap", src, re.I):
                    match = _LIBRARY.search(src.replace("-ui-", "-ui/").replace("jquery-ui/", "jquery-ui-"))
                    assert match, (portal.id, src, "a library without a version: OT-001 would only warn")
                    found.add((match.group(1).lower(), _version(match.group(2))))
            plugins |= bool(tree.xpath("//object[contains(@type,'shockwave-flash') or contains(@data,'.swf')]"
                                       "|//embed[contains(@src,'.swf')]|//applet"))
            frameset |= bool(tree.xpath("//frameset"))
            ie |= any(re.search(r"IE=(\d|Emulate)", c) for c in tree.xpath(
                "//meta[translate(@http-equiv,'x-ua-compatible','X-UA-COMPATIBLE')='X-UA-COMPATIBLE']/@content"))
            hosts = re.findall(rb"https?://([A-Za-z0-9.-]+)", body)
            internal |= any(b"." not in h or h.startswith((b"10.", b"192.168.", b"127.")) or h == b"localhost"
                            for h in hosts if h.decode() != portal.hostname)
        ie |= bool(re.search(r"IE=\d", portal.headers.get("X-UA-Compatible", "")))
        assert _expect(portal, "OT-001") == ("fail" if any(_vulnerable(*lib) for lib in found) else "pass"), portal.id
        assert set(portal.truth["tech"].get("libraries", {}).items()) == {
            (n, ".".join(map(str, v))) for n, v in found}, portal.id
        assert _expect(portal, "OT-002") == ("fail" if plugins else "pass"), portal.id
        assert _expect(portal, "OT-003") == ("fail" if frameset else "pass"), portal.id
        assert _expect(portal, "OT-004") == ("fail" if ie else "pass"), portal.id
        assert _expect(portal, "OT-006") == ("fail" if internal else "pass"), portal.id
        disclosed = [portal.server, *portal.headers.values()]
        assert _expect(portal, "OT-005") == ("fail" if any(eol.search(v) for v in disclosed) else "pass"), portal.id
    frameset_pages = [p.truth["tech"]["frameset"] for p in _portals(night).values() if "frameset" in p.truth["tech"]]
    assert len(frameset_pages) == 1 and frameset_pages[0] in _sure_pages(_portals(night)["hoalam-skhcn"])


@pytest.mark.parametrize("night", NIGHTS)
def test_security_header_expectations_match_the_headers(night: int) -> None:
    versioned = ("Server", "X-Powered-By", "X-AspNet-Version", "MicrosoftSharePointTeamServices", "Liferay-Portal")
    for portal in _portals(night).values():
        headers = {k.lower(): v for k, v in {**portal.headers, "Server": portal.server}.items()}
        csp = headers.get("content-security-policy", "")
        assert _expect(portal, "SH-001") == ("pass" if csp else "warn"), portal.id
        assert _expect(portal, "SH-002") == ("pass" if headers.get("x-content-type-options") == "nosniff" else "warn")
        framed = "frame-ancestors" in csp or headers.get("x-frame-options", "").upper() in ("DENY", "SAMEORIGIN")
        assert _expect(portal, "SH-003") == ("pass" if framed else "warn"), portal.id
        assert _expect(portal, "SH-004") == ("pass" if "referrer-policy" in headers else "warn"), portal.id
        disclosing = [h for h in versioned if re.search(r"\d", headers.get(h.lower(), ""))]
        assert _expect(portal, "SH-005") == ("warn" if disclosing else "pass"), (portal.id, disclosing)


def _internal_links(portal: Any, path: str) -> list[str]:
    tree = lxml.html.document_fromstring(_decode(portal, path, portal.files[path]))
    out = []
    for href in tree.xpath("//a/@href"):
        parts = urllib.parse.urlsplit(href.replace(ORIGIN, ""))
        if parts.scheme in ("", "http", "https") and not parts.netloc and parts.path:
            out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _served(portal: Any, path: str) -> bool:
    bare = path.split("?", 1)[0]
    candidates = {path, urllib.parse.unquote(path), bare, urllib.parse.unquote(bare)}
    searches = {e.path.split("?", 1)[0] for e in portal.searches}
    return bool(candidates & (set(portal.files) | set(portal.redirects) | searches))


@pytest.mark.parametrize("night", NIGHTS)
def test_performance_and_site_map_expectations_hold_on_the_files(night: int) -> None:
    for portal in _portals(night).values():
        truth, net = portal.truth, portal.net
        home = portal.files[truth["landing"]]
        assert _expect(portal, "PF-003") == ("warn" if len(home) > 500 * 1024 else "pass"), (portal.id, len(home))
        assert _expect(portal, "PF-004") == ("pass" if net.gzip else "warn"), portal.id
        assert _expect(portal, "PF-005") == ("pass" if net.validators and net.cache_control else "warn"), portal.id
        broken = [p for p in _internal_links(portal, truth["landing"]) if not _served(portal, p)]
        assert _expect(portal, "PF-006") == ("fail" if broken else "pass"), (portal.id, broken)
        assert set(broken) == set(truth["site"].get("broken_links", [])), portal.id
        robots = portal.files.get("/robots.txt")
        assert _expect(portal, "SM-001") == ("pass" if robots else "warn"), portal.id
        declared = [line.split(":", 1)[1].strip().replace(ORIGIN, "") for line in (robots or b"").decode().splitlines()
                    if line.startswith("Sitemap:")]
        sitemap = declared[0] if declared else "/sitemap.xml" if "/sitemap.xml" in portal.files else None
        if sitemap is None:
            want = "warn"
        else:
            try:
                root = ElementTree.fromstring(portal.files[sitemap].replace(ORIGIN.encode(), b"https://x"))
            except ElementTree.ParseError:
                want = "fail"
            else:
                urls = root.findall("{*}url")
                want = "pass" if urls and declared and all(u.find("{*}lastmod") is not None for u in urls) else "warn"
        assert _expect(portal, "SM-002") == want, (portal.id, sitemap)
        feeds = lxml.html.document_fromstring(home.decode()).xpath(
            "//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href")
        if not feeds:
            want = "warn"
        else:
            assert feeds[0] == truth["tech"]["feed"], portal.id
            try:
                root = ElementTree.fromstring(portal.files[feeds[0]].replace(ORIGIN.encode(), b"https://x"))
            except ElementTree.ParseError:
                want = "fail"
            else:
                items = root.findall(".//item") + root.findall("{*}entry")
                dated = [i for i in items if i.find("pubDate") is not None or i.find("{*}updated") is not None]
                want = "pass" if items and len(dated) == len(items) else "warn"
        assert _expect(portal, "SM-003") == want, portal.id


@pytest.mark.parametrize("night", NIGHTS)
def test_mixed_content_is_where_the_expectation_says(night: int) -> None:
    for portal in _portals(night).values():
        if portal.net.crawl == "http":
            assert _expect(portal, "TL-008") == "not_applicable", portal.id
            continue
        active = passive = False
        for path, body in _html_pages(portal).items():
            tree = lxml.html.document_fromstring(_decode(portal, path, body))
            active |= bool(tree.xpath("//script[starts-with(@src,'http:')]|//iframe[starts-with(@src,'http:')]"
                                      "|//link[@rel='stylesheet'][starts-with(@href,'http:')]"
                                      "|//object[starts-with(@data,'http:')]|//embed[starts-with(@src,'http:')]"))
            passive |= bool(tree.xpath("//img[starts-with(@src,'http:')]"))
        assert _expect(portal, "TL-008") == ("fail" if active else "warn" if passive else "pass"), portal.id


@pytest.mark.parametrize("night", NIGHTS)
def test_network_expectations_follow_the_network_description(night: int) -> None:
    """TL/NW verdicts are those of the portal's Net (the live tests check the Net is what is served)."""
    kinds = set()
    for portal in _portals(night).values():
        net, env = portal.net, portal.truth["env"]
        kinds.add(net.certificate)
        https = net.certificate is not None
        want = {
            "TL-001": "pass" if https else "fail",
            "TL-002": "not_applicable" if not https else "fail" if net.certificate == "self_signed" else "pass",
            "TL-003": "not_applicable" if not https else "fail" if net.certificate == "wrong_host" else "pass",
            "TL-004": {None: "not_applicable", "expired": "fail", "expiring": "warn"}.get(net.certificate, "pass"),
            "TL-005": "not_applicable" if not https else "fail" if net.legacy_tls and env["legacy_tls"] else "pass",
            "TL-006": "not_applicable" if not https else "pass" if net.http == "redirect" else "fail",
            "TL-007": "not_applicable" if not https else "pass" if net.hsts and "31536000" in net.hsts else "warn",
            "NW-001": "pass" if net.aaaa else "fail",
            "NW-002": "not_applicable" if not net.aaaa else "not_determinable" if not env["ipv6"] else {
                "site": "pass", "default": "warn", "refused": "fail"}[net.ipv6],
            "NW-003": "pass" if net.dnssec else "warn",
        }
        for rule, status in want.items():
            assert _expect(portal, rule) == status, (portal.id, rule)
    # Night 1 shows every kind of certificate; night 2 trades the valid one for a second expired one.
    assert kinds == ({None, "valid", "expiring", "expired", "wrong_host", "self_signed"} - ({"valid"} if night == 2
                                                                                            else set()))
    nets = [p.net for p in _portals(night).values()]
    assert sum(n.legacy_tls for n in nets) == sum(n.dnssec for n in nets) == 1
    assert {n.ipv6 for n in nets} == {None, "site", "default", "refused"}


def test_technical_truth_adapts_to_the_machine() -> None:
    base = _portals()
    bare = build_portals(TODAY, {"ipv6": False, "legacy_tls": False})
    for pid, portal in bare.items():
        for rule in RULE_IDS:
            before, after = base[pid].truth["expect"][rule], portal.truth["expect"][rule]
            if rule == "NW-002" and portal.net.aaaa:
                assert after == "not_determinable" and "no_ipv6_route" in portal.truth["expect_notes"][rule], pid
            elif rule == "TL-005" and portal.net.legacy_tls:
                assert (before, after) == ("fail" if base[pid].truth["env"]["legacy_tls"] else "pass", "pass"), pid
            else:
                assert after == before, (pid, rule)
        assert portal.truth["env"] == {"ipv6": False, "legacy_tls": False}
        assert portal.files == base[pid].files  # the machine changes verdicts, never content


# ---------------------------------------------------------------------------------------------- issue 4: served live
NO_CHECK_TIME = 0x200000  # X509_V_FLAG_NO_CHECK_TIME, as the probes verify (dates are the rules' business)
NOON = dt.datetime.combine(TODAY, dt.time(12, 0), dt.timezone(dt.timedelta(hours=7)))


def _port(url: str) -> int:
    return int(urllib.parse.urlsplit(url).port or 0)


def _handshake(demo_server: Any, pid: str, *, version: ssl.TLSVersion | None = None) -> tuple[str, bytes | None]:
    """("ok" | "verify: …" | "refused" | "ssl: …", the certificate) of the portal's HTTPS endpoint."""
    ctx = ssl.create_default_context(cafile=demo_server.ca_file)
    ctx.check_hostname = False
    ctx.verify_flags |= NO_CHECK_TIME
    if version is not None:
        ctx.verify_mode = ssl.CERT_NONE
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ctx.maximum_version = version
    port = _port(demo_server.loopback[pid]["https"])
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    except ConnectionRefusedError:
        return "refused", None
    try:
        with ctx.wrap_socket(sock, server_hostname=demo_server.hosts[pid]) as tls:
            return "ok", tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError as exc:
        return f"verify: {exc.verify_message}", None
    except (ssl.SSLError, ConnectionResetError) as exc:
        return f"ssl: {exc}", None


def test_https_endpoints_present_the_expected_certificates(live: Any) -> None:
    from cryptography import x509

    for pid, truth in live.truth.items():
        net, expect = truth["network"], truth["expect"]
        outcome, der = _handshake(live, pid)
        if net["certificate"] is None:
            assert outcome == "refused" and expect["TL-001"] == "fail", pid
            continue
        if net["certificate"] == "self_signed":
            assert "self-signed" in outcome and expect["TL-002"] == "fail", (pid, outcome)
            insecure = ssl.create_default_context()
            insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE
            raw = socket.create_connection(("127.0.0.1", _port(live.loopback[pid]["https"])), timeout=10)
            with insecure.wrap_socket(raw, server_hostname=live.hosts[pid]) as tls:
                der = tls.getpeercert(binary_form=True)
        else:
            assert outcome == "ok" and expect["TL-002"] == "pass", (pid, outcome)
        assert der is not None
        cert = x509.load_der_x509_certificate(der)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(
            x509.DNSName)
        assert (live.hosts[pid] in names) == (expect["TL-003"] == "pass"), (pid, names)
        left = (cert.not_valid_after_utc - NOON).days
        assert expect["TL-004"] == ("fail" if left < 0 else "warn" if left < 30 else "pass"), (pid, left)
        legacy, _ = _handshake(live, pid, version=ssl.TLSVersion.TLSv1)
        if live.env["legacy_tls"]:
            assert (legacy == "ok") == net["legacy_tls"] == (expect["TL-005"] == "fail"), (pid, legacy)
        modern, _ = _handshake(live, pid, version=ssl.TLSVersion.TLSv1_2)
        assert modern == "ok", pid


def test_http_endpoints_redirect_or_serve_and_hsts(live: Any) -> None:
    for pid, truth in live.truth.items():
        net, expect, ends = truth["network"], truth["expect"], live.loopback[pid]
        status, headers, _ = fetch(ends["http"] + "robots.txt?x=1", follow=False)
        if net["http"] == "redirect":
            assert status == 301 and headers["Location"] == ends["https"] + "robots.txt?x=1", pid
            assert expect["TL-006"] == "pass"
        else:
            assert status in (200, 404) and expect["TL-006"] in ("fail", "not_applicable"), pid
        if net["certificate"] is not None:
            status, headers, _ = fetch(ends["https"] + "robots.txt")
            assert headers.get("Strict-Transport-Security") == net["hsts"], pid
            req = urllib.request.Request(ends["http"] + "robots.txt", headers={"User-Agent": "nd42-tests"})
            with _OPENER.open(req, timeout=10) as resp:
                assert "Strict-Transport-Security" not in resp.headers or net["http"] == "redirect"


def test_compression_and_cache_headers_are_served(live: Any) -> None:
    portals = _portals(live.night)
    for pid, truth in live.truth.items():
        net, path = truth["network"], truth["landing"]
        req = urllib.request.Request(live.urls[pid] + path,
                                     headers={"Accept-Encoding": "gzip, deflate", "User-Agent": "nd42-tests"})
        with _OPENER.open(req, timeout=10) as resp:
            headers, raw = resp.headers, resp.read()
        body = gzip.decompress(raw) if headers.get("Content-Encoding") == "gzip" else raw
        assert (headers.get("Content-Encoding") == "gzip") == net["gzip"], pid
        assert body == portals[pid].files[path].replace(ORIGIN.encode(), live.urls[pid].encode()), pid
        assert bool(headers.get("ETag") and headers.get("Last-Modified")) == net["validators"], pid
        assert headers.get("Cache-Control") == net["cache_control"], pid
        with _OPENER.open(req, timeout=10) as again:
            assert again.read() == raw, pid  # same day, same bytes (gzip without a timestamp)
        for key in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"):
            assert headers.get(key) == portals[pid].headers.get(key), (pid, key)


def test_dns_zone_answers_as_the_truth_says(live: Any) -> None:
    import dns.flags
    import dns.message
    import dns.query
    import dns.rcode

    host, port = live.dns_server.rsplit(":", 1)
    for pid, truth in live.truth.items():
        name = live.hosts[pid]
        answers = {}
        for rtype in ("A", "AAAA"):
            reply = dns.query.udp(dns.message.make_query(name, rtype, want_dnssec=True), host, port=int(port),
                                  timeout=5)
            assert reply.rcode() == dns.rcode.NOERROR, (pid, rtype)
            answers[rtype] = reply
        a = [r.to_text() for rrset in answers["A"].answer if rrset.rdtype.name == "A" for r in rrset]
        aaaa = [r.to_text() for rrset in answers["AAAA"].answer if rrset.rdtype.name == "AAAA" for r in rrset]
        signed = any(rrset.rdtype.name == "RRSIG" for rrset in answers["A"].answer) and bool(
            answers["A"].flags & dns.flags.AD)
        assert a == truth["network"]["dns"]["a"] == ["127.0.0.1"], pid
        assert aaaa == truth["network"]["dns"]["aaaa"], pid
        assert (truth["expect"]["NW-001"] == "pass") == bool(aaaa), pid
        assert signed == truth["network"]["dnssec"] == (truth["expect"]["NW-003"] == "pass"), pid
    reply = dns.query.udp(dns.message.make_query("hoalam.gov.vn", "A"), host, port=int(port), timeout=5)
    assert reply.rcode() == dns.rcode.NXDOMAIN  # only the portals' names: the parent is not served


def test_ipv6_twins_answer_as_the_truth_says(live: Any) -> None:
    if not live.env["ipv6"]:
        assert all(not ports for ports in live.ipv6_ports.values())
        pytest.skip("no IPv6 loopback on this machine: the truth expects not_determinable (checked above)")
    for pid, truth in live.truth.items():
        net, ports = truth["network"], live.ipv6_ports[pid]
        if not net["aaaa"]:
            assert not ports and truth["expect"]["NW-002"] == "not_applicable", pid
            continue
        scheme = live.scheme(pid)
        assert ports[scheme] == live.port(pid), pid  # the same port as over IPv4
        url = f"{scheme}://[::1]:{ports[scheme]}/"
        if net["ipv6"] == "refused":
            with pytest.raises(urllib.error.URLError):
                _OPENER.open(urllib.request.Request(url, headers={"User-Agent": "nd42-tests"}), timeout=10)
            assert truth["expect"]["NW-002"] == "fail", pid
            continue
        status, _, body = fetch(url)
        v4 = fetch(live.urls[pid] + "/")[2]
        same = lxml.html.fromstring(body).findtext(".//title") == lxml.html.fromstring(v4).findtext(".//title")
        assert status == 200 and same == (net["ipv6"] == "site"), pid
        assert truth["expect"]["NW-002"] == ("pass" if same else "warn"), pid


def test_network_in_process_falls_back_without_ipv6() -> None:
    from nd42.demo.server import start

    portals = {pid: p for pid, p in build_portals(TODAY, {"ipv6": False, "legacy_tls": True}).items()
               if pid in ("hoalam-skhcn", "hoalam-xakhelam")}
    with start(portals, now=NOON, ipv6=False) as network:
        info = network.info()
        assert info["env"]["ipv6"] is False and all(not p for p in info["ipv6_ports"].values())
        assert network.url("hoalam-skhcn").startswith("https://skhcn.hoalam.gov.vn:")
        assert network.endpoints("hoalam-xakhelam")["https"].startswith("https://xakhelam.hoalam.gov.vn:")
        assert network.resolve == {"skhcn.hoalam.gov.vn": "127.0.0.1", "xakhelam.hoalam.gov.vn": "127.0.0.1"}
        status, _, robots = fetch(network.base_url("hoalam-skhcn") + "/robots.txt")
        assert status == 200 and "Sitemap: https://127.0.0.1:" in robots.decode()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", _port(info["loopback"]["hoalam-xakhelam"]["https"])), timeout=5)
        assert pathlib.Path(network.ca_file).is_file()
        ca_file = network.ca_file
    assert not pathlib.Path(ca_file).exists()


# ---------------------------------------------------------------------------------------------- issue 5: night 2
# Night 1 is the end-to-end yardstick: these are its bytes and truth as they were before night 2 existed
# (commit 4a15f44), on a machine with and without IPv6 loopback and TLS 1.0.  A change here changes the
# yardstick: update the digests only on purpose, and say so.
NIGHT1_DIGESTS = {
    (True, True): {
        "hoalam-bqlkcn": "7747f1fcd7c7889732cf3944fba71e4a86beb61815db86c33e595d710abf60c5",
        "hoalam-sgddt": "45d52d2756f6f979f889e8b424e722c19acf71299cafda71816c51ee22de4cec",
        "hoalam-skhcn": "fbf6c970897719e68fa57a057a864927548f7a070a26f711aa733c542e5f8964",
        "hoalam-snnmt": "81a48927ccee1bc7caa210195ffa06a659aa80abd4737a91c5e715d6a9e089f8",
        "hoalam-sxd": "0007ea05645393d973c599810f6ffc0fc3a52816acb39f5365c90cc197846da6",
        "hoalam-xakhelam": "a39bf57c6377a2ea2c7d155f65e834a305044a86bc9ca4b7715d5427c6a16f93",
    },
    (False, False): {
        "hoalam-bqlkcn": "afea5d0484fc1a130d3681f900ce222c7afa040ae8b60638a75e3e37d3da4266",
        "hoalam-sgddt": "65fc0c1a7b8b23ae3373e2e23890ec63f041049f200209ae9efd68a553759d86",
        "hoalam-skhcn": "459fd001f15497aeda0a9323825bd632512e2c53883ffa7a4af5eb7cba6616d6",
        "hoalam-snnmt": "9728631e6a1c0facede7fe2b6af650e68b45e32a7b2e2349174807e00e7c28f7",
        "hoalam-sxd": "dd2cb23b87be584dd9f55e98c6fe75ece2df34a50ad4b9d69338bed35237937e",
        "hoalam-xakhelam": "083e927619537694f196fdebd402184faa2d28bd7a2020e61e9e0b3935563292",
    },
}
# The DemoPortal fields of night 1, in their order; fields added for night 2 are empty on night 1.
_NIGHT1_FIELDS = ("id", "name", "cms", "content_types", "redirects", "truth", "headers", "server", "redirect_status",
                  "hostname", "level", "parent", "searches", "net")


def _digest(portal: Any) -> str:
    import dataclasses
    import hashlib

    h = hashlib.sha256()

    def put(label: str, value: Any) -> None:
        data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, ensure_ascii=False,
                                                                 default=repr).encode()
        h.update(label.encode() + b"\0" + data + b"\0")

    for path in sorted(portal.files):
        put("file " + path, portal.files[path])
    for name in _NIGHT1_FIELDS:
        value = getattr(portal, name)
        put(name, [dataclasses.asdict(s) for s in value] if name == "searches" else
            dataclasses.asdict(value) if name == "net" else value)
    return h.hexdigest()


def _answer(portal: Any, path: str) -> tuple[Any, ...]:
    if path in portal.redirects:
        return ("redirect", portal.redirects[path], portal.redirect_status.get(path, 302))
    return ("file", portal.files[path], portal.content_types.get(path), portal.statuses.get(path, 200))


def _turns(before: Any, after: Any) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(new failures, fixed) as (rule, profile) pairs, read from the two nights' expectations."""
    new, fixed = set(), set()
    for rule in RULE_IDS:
        for profile in PROFILES:
            was = _status(before.truth["expect"][rule], profile)
            now = _status(after.truth["expect"][rule], profile)
            if now == "fail" and was != "fail":
                new.add((rule, profile))
            if was == "fail" and now != "fail":
                fixed.add((rule, profile))
    return new, fixed


def test_night_1_is_byte_for_byte_the_yardstick() -> None:
    for (ipv6, legacy), digests in NIGHT1_DIGESTS.items():
        portals = build_portals(TODAY, {"ipv6": ipv6, "legacy_tls": legacy})
        assert {pid: _digest(p) for pid, p in portals.items()} == digests, (ipv6, legacy)
        for portal in portals.values():
            assert not portal.statuses and "night" not in portal.truth and "changes" not in portal.truth
    same = build_portals(TODAY, night=1)
    assert {p: _digest(x) for p, x in same.items()} == {p: _digest(x) for p, x in build_portals(TODAY).items()}
    with pytest.raises(ValueError, match="night"):
        build_portals(TODAY, night=3)


def test_night_2_is_deterministic_and_its_changes_do_not_depend_on_the_day() -> None:
    a, b = build_portals(TODAY, night=2), build_portals(TODAY, night=2)
    assert {p: _digest(x) for p, x in a.items()} == {p: _digest(x) for p, x in b.items()}
    assert all(p.truth["night"] == 2 and p.statuses == b[pid].statuses for pid, p in a.items())
    # Before Decree 224 is in force, across a new year, on its last day before a new half-year: same story.
    for day in (dt.date(2026, 3, 2), dt.date(2027, 1, 4), dt.date(2027, 6, 30)):
        other = build_portals(day, night=2)
        for pid, portal in other.items():
            mine, theirs = portal.truth["changes"], a[pid].truth["changes"]
            assert mine["by_profile"] == theirs["by_profile"], (day, pid)
            assert {k: len(v) for k, v in mine["pages"].items()} == {k: len(v) for k, v in theirs["pages"].items()}
            assert mine["network"] == theirs["network"], (day, pid)


def test_night_2_changes_the_declared_pages_and_nothing_else() -> None:
    one, two = _portals(1), _portals(2)
    unchanged = []
    for pid, after in two.items():
        before, changes = one[pid], after.truth["changes"]
        old = set(before.files) | set(before.redirects)
        new = set(after.files) | set(after.redirects)
        diff = {"changed": sorted(p for p in old & new if _answer(before, p) != _answer(after, p)),
                "added": sorted(new - old), "removed": sorted(old - new)}
        assert diff == changes["pages"], pid
        for name in ("id", "name", "cms", "hostname", "level", "parent", "headers", "server", "searches"):
            assert getattr(before, name) == getattr(after, name), (pid, name)
        if not any(diff.values()) and before.net == after.net:
            unchanged.append(pid)
            rest = {k: v for k, v in after.truth.items() if k not in ("night", "changes")}
            assert rest == before.truth and not changes["expect"], pid
    assert sorted(unchanged) == ["hoalam-snnmt", "hoalam-sxd"]  # the rest stays as it was

    # What an inspector will find.  hoalam-sgddt: a new directive document, the freshest on the list.
    after, before = two["hoalam-sgddt"], one["hoalam-sgddt"]
    sec = after.truth["sections"]["directive_documents"]
    (added,) = after.truth["changes"]["pages"]["added"]
    assert sec["newest_url"] == added and sec["age_days"] == 2 < before.truth["sections"]["directive_documents"][
        "age_days"]
    listing = text_of(after.files[sec["url"]])
    assert sec["items"][0]["title"] in listing and sec["items"][0]["title"] in text_of(after.files[added])
    assert sec["items"][0]["title"] not in text_of(before.files[sec["url"]])
    # hoalam-xakhelam: the introduction the menu always linked now exists and states functions and duties.
    after, before = two["hoalam-xakhelam"], one["hoalam-xakhelam"]
    assert after.truth["changes"]["pages"]["added"] == ["/gioi-thieu.html"] == [
        p for p in _internal_links(after, "/") if p not in before.files and p in after.files]
    intro = fold(text_of(after.files["/gioi-thieu.html"]))
    assert "chuc nang" in intro and "nhiem vu" in intro
    assert after.truth["site"]["broken_links"] == ["/hoi-dap.html"]
    # hoalam-skhcn: the contacts page is gone but still linked; the statistics listing answers 500.
    after = two["hoalam-skhcn"]
    contacts = one["hoalam-skhcn"].truth["content"]["contacts"]
    assert contacts not in after.files and contacts in _internal_links(after, "/")
    assert contacts in after.files["/sitemap.xml"].decode() and after.truth["content"]["contacts"] is None
    stats = after.truth["listings"]["statistics"]
    assert after.statuses == {stats["url"]: 500} == {stats["url"]: stats["status"]}
    assert all(item["url"] in after.files for item in stats["items"])
    # hoalam-bqlkcn: the same portal behind an expired certificate.
    assert two["hoalam-bqlkcn"].truth["changes"]["network"] == {"certificate": {"night1": "valid",
                                                                                "night2": "expired"}}


def test_declared_changes_agree_with_both_nights_expectations() -> None:
    from nd42.demo.portals import changes_for

    one, two = _portals(1), _portals(2)
    regressions, fixes = set(), set()
    for pid, after in two.items():
        before, changes = one[pid], after.truth["changes"]
        assert changes["since_night"] == 1 and changes["summary_vi"] and changes["summary_en"], pid
        new, fixed = _turns(before, after)
        # Every declared turn holds under every profile it names, and every turn is declared.
        assert {(r, p) for r, ps in changes["new_failures"].items() for p in ps} == new, pid
        assert {(r, p) for r, ps in changes["fixed"].items() for p in ps} == fixed, pid
        for rule, profiles in changes["new_failures"].items():
            for profile in profiles:
                assert _status(before.truth["expect"][rule], profile) != "fail", (pid, rule, profile)
                assert _status(after.truth["expect"][rule], profile) == "fail", (pid, rule, profile)
        for rule, profiles in changes["fixed"].items():
            for profile in profiles:
                assert _status(before.truth["expect"][rule], profile) == "fail", (pid, rule, profile)
                assert _status(after.truth["expect"][rule], profile) != "fail", (pid, rule, profile)
        # The night-2 expectation of every rule that differs, with its night-1 one.
        assert changes["expect"] == {r: {"night1": before.truth["expect"][r], "night2": after.truth["expect"][r]}
                                     for r in RULE_IDS if before.truth["expect"][r] != after.truth["expect"][r]}
        for rule, change in changes["expect"].items():
            for profile in PROFILES:
                pair = {_status(change["night1"], profile), _status(change["night2"], profile)}
                # nd42.history's buckets: fail ↔ no verdict is "unknown"/"first seen", never new or fixed.
                assert not ("fail" in pair and pair & {"not_determinable", "error", "not_applicable", "off"}), (
                    pid, rule, profile)
        for profile in PROFILES:
            assert changes["by_profile"][profile] == {"new_failures": sorted({r for r, p in new if p == profile}),
                                                      "fixed": sorted({r for r, p in fixed if p == profile})}
        regressions |= {(pid, r) for r, _ in new}
        fixes |= {(pid, r) for r, _ in fixed}
    assert fixes == {("hoalam-sgddt", "FR-001"), ("hoalam-xakhelam", "SP-007")}
    assert regressions == {("hoalam-bqlkcn", "TL-004"), ("hoalam-skhcn", "SP-010"), ("hoalam-skhcn", "PF-006")}
    # A server error is no verdict: the statistics section becomes undeterminable, neither failed nor fixed.
    assert two["hoalam-skhcn"].truth["changes"]["expect"]["SP-016"] == {"night1": "pass", "night2": "not_determinable"}
    assert changes_for(two, "daknong-cchc") == {pid: p.truth["changes"]["by_profile"]["daknong-cchc"]
                                                for pid, p in sorted(two.items())}


def test_a_night_cannot_drift_from_its_statement() -> None:
    import copy
    import dataclasses

    from nd42.demo.nights import compare

    one, two = _portals(1), _portals(2)
    for pid in two:
        assert compare(one[pid], two[pid]) == two[pid].truth["changes"], pid  # the record restates itself

    def tampered(pid: str, **fields: Any) -> Any:
        portal = two[pid]
        truth = copy.deepcopy(portal.truth)
        for key, value in fields.pop("changes", {}).items():
            truth["changes"][key] = value
        return dataclasses.replace(portal, truth=truth, **fields)

    skhcn, bqlkcn = "hoalam-skhcn", "hoalam-bqlkcn"
    with pytest.raises(ValueError, match="new failures"):
        compare(one[skhcn], tampered(skhcn, changes={"new_failures": {"SP-010": list(PROFILES)}}))
    with pytest.raises(ValueError, match="pages"):
        compare(one[skhcn], tampered(skhcn, files={**two[skhcn].files, "/extra.html": b"x"}))
    with pytest.raises(ValueError, match="network"):
        compare(one[bqlkcn], tampered(bqlkcn, net=one[bqlkcn].net))
    with pytest.raises(ValueError, match="server"):
        compare(one[bqlkcn], tampered(bqlkcn, server="nginx/1.24.0"))
    # A fix must end on a verdict: "fail → not_applicable" is no fix in the nightly history.
    vanished = tampered("hoalam-sgddt")
    vanished.truth["expect"]["FR-001"] = "not_applicable"
    with pytest.raises(ValueError, match="no verdict"):
        compare(one["hoalam-sgddt"], vanished)
    unchanged = tampered("hoalam-sxd")
    unchanged.truth.pop("changes")
    assert compare(one["hoalam-sxd"], unchanged)["summary_en"] == "Unchanged since night 1."


def _peer_certificate(port: int, hostname: str) -> Any:
    from cryptography import x509

    ctx = ssl.create_default_context()
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            ctx.wrap_socket(raw, server_hostname=hostname) as tls:
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    return x509.load_der_x509_certificate(der)


def _without_date(reply: tuple[int, dict[str, str], bytes]) -> tuple[int, dict[str, str], bytes]:
    """The Date header follows the wall clock, so a second apart it differs."""
    status, headers, body = reply
    return status, {k: v for k, v in headers.items() if k.lower() != "date"}, body


def test_switching_a_running_network_serves_night_2_on_the_same_ports() -> None:
    import dataclasses

    from nd42.demo.server import start

    first, second = _portals(1), _portals(2)
    skhcn, bqlkcn = first["hoalam-skhcn"], first["hoalam-bqlkcn"]
    contacts = skhcn.truth["content"]["contacts"]
    stats = skhcn.truth["listings"]["statistics"]["url"]
    new_doc = second["hoalam-sgddt"].truth["changes"]["pages"]["added"][0]
    with start(first, now=NOON) as network:
        before = network.info()
        base = {pid: network.base_url(pid) for pid in first}
        bq_port, sk_port = _port(network.endpoints(bqlkcn.id)["https"]), _port(network.endpoints(skhcn.id)["https"])
        assert before["night"] == 1 and network.night == 1
        assert fetch(quoted(base[skhcn.id], contacts))[0] == fetch(quoted(base[skhcn.id], stats))[0] == 200
        assert fetch(base["hoalam-xakhelam"] + "/gioi-thieu.html")[0] == 404
        assert fetch(quoted(base["hoalam-sgddt"], new_doc))[0] == 404
        assert _peer_certificate(bq_port, bqlkcn.hostname).not_valid_after_utc > NOON
        skhcn_cert = _peer_certificate(sk_port, skhcn.hostname)
        snnmt_home = fetch(base["hoalam-snnmt"] + "/Trang/Default.aspx")

        network.switch(second)
        after = network.info()
        assert after["night"] == network.night == 2
        assert {k: v for k, v in after.items() if k != "night"} == {k: v for k, v in before.items() if k != "night"}
        assert fetch(quoted(base[skhcn.id], contacts))[0] == 404
        status, _, body = fetch(quoted(base[skhcn.id], stats))
        assert status == 500 and "Lỗi hệ thống" in text_of(body)
        assert fetch(base["hoalam-xakhelam"] + "/gioi-thieu.html")[0] == 200
        assert fetch(quoted(base["hoalam-sgddt"], new_doc))[0] == 200
        expired = _peer_certificate(bq_port, bqlkcn.hostname)
        assert expired.not_valid_after_utc < NOON and expired.issuer == skhcn_cert.issuer  # the same demo CA
        assert _peer_certificate(sk_port, skhcn.hostname).serial_number == skhcn_cert.serial_number
        assert _without_date(fetch(base["hoalam-snnmt"] + "/Trang/Default.aspx")) == _without_date(snnmt_home)

        # What a switch cannot do is refused before anything moves.
        with pytest.raises(ValueError, match="same portals"):
            network.switch({pid: p for pid, p in second.items() if pid != skhcn.id})
        moved = {**first, bqlkcn.id: dataclasses.replace(bqlkcn, net=dataclasses.replace(bqlkcn.net, http="site"))}
        with pytest.raises(ValueError, match="hoalam-bqlkcn"):
            network.switch(moved)
        assert network.night == 2 and fetch(quoted(base[skhcn.id], contacts))[0] == 404

        # And back, on the next day's clock: every certificate is issued again relative to it.
        network.switch(first, now=NOON + dt.timedelta(days=1))
        assert network.night == 1 and fetch(quoted(base[skhcn.id], contacts))[0] == 200
        again = _peer_certificate(sk_port, skhcn.hostname)
        assert again.not_valid_after_utc - skhcn_cert.not_valid_after_utc == dt.timedelta(days=1)


def test_the_running_server_switched_nights_without_moving(demo_server_night2: Any) -> None:
    live = demo_server_night2
    assert live.night == 2 and live.urls == live.first_urls
    contacts = _portals(1)["hoalam-skhcn"].truth["content"]["contacts"]
    assert fetch(quoted(live.urls["hoalam-skhcn"], contacts))[0] == 404
    assert all(t["night"] == 2 for t in live.truth.values())


@pytest.mark.e2e
def test_night_2_gives_the_known_verdicts_under_each_profile(demo_server_night2: Any,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    """The night-2 yardstick: `nd42 check` of every portal on the switched server, `recheck` under the other
    profiles; every rule's status is night 2's truth, so the declared changes are what a nightly run sees.

    The portals are checked side by side, as the nightly job crawls them (one subprocess each)."""
    import shutil
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from nd42.store import Store

    live, one = demo_server_night2, _portals(1)

    def verdicts(pid: str) -> dict[str, dict[str, str]]:
        tmp = tmp_path_factory.mktemp(f"night2-{pid}")
        out = subprocess.run(
            [sys.executable, "-m", "nd42.cli", "check", live.public_url(pid) + "/", "--now", TODAY.isoformat(),
             "--delay", "0", "--quiet", "--out", str(tmp / "out"), "--json", str(tmp / "run.json"),
             "--db", str(tmp / "nd42.sqlite3"), "--portal-config", str(live.portal_file(pid)), *live.resolve_args(),
             *live.network_args()], capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        got = {"nd42-2022": {f["rule_id"]: f["status"]
                             for f in json.loads((tmp / "run.json").read_text(encoding="utf-8"))["findings"]}}
        for profile in PROFILES[1:]:
            db = tmp / f"{profile}.sqlite3"
            shutil.copy(tmp / "nd42.sqlite3", db)
            out = subprocess.run([sys.executable, "-m", "nd42.cli", "recheck", "--db", str(db), "--profile", profile,
                                  "--out", str(tmp / profile)], capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            with Store(db) as store:
                run = store.latest_run()
                assert run is not None and run.profile == profile
                got[profile] = {f.rule_id: f.status.value for f in store.load_findings(run.id, pid)}
        return got

    for pid in live.urls:
        live.portal_file(pid)  # written here, not from the worker threads
    with ThreadPoolExecutor(max_workers=len(live.urls)) as pool:
        results = dict(zip(sorted(live.urls), pool.map(verdicts, sorted(live.urls)), strict=True))
    wrong = []
    for pid, got in results.items():
        truth = live.truth[pid]
        for profile, statuses in got.items():
            for rule, value in truth["expect"].items():
                if statuses.get(rule, "off") != _status(value, profile):
                    wrong.append(f"{pid} {profile} {rule}: want {_status(value, profile)}, got "
                                 f"{statuses.get(rule, 'off')} {truth['expect_notes'].get(rule, '')}")
            for rule in truth["changes"]["by_profile"][profile]["new_failures"]:
                assert statuses[rule] == "fail" != _status(one[pid].truth["expect"][rule], profile), (pid, rule)
            for rule in truth["changes"]["by_profile"][profile]["fixed"]:
                assert statuses[rule] != "fail" == _status(one[pid].truth["expect"][rule], profile), (pid, rule)
    assert not wrong, "\n".join(wrong)


def test_the_server_command_starts_on_the_night_asked(capsys: pytest.CaptureFixture[str]) -> None:
    import signal

    from nd42.demo.server import main

    before = signal.getsignal(signal.SIGUSR1) if hasattr(signal, "SIGUSR1") else None
    assert main(["--today", TODAY.isoformat(), "--seconds", "0", "--night", "2"]) == 0
    info = json.loads(capsys.readouterr().out.splitlines()[0])
    assert info["night"] == 2 and set(info["urls"]) == set(_portals(2))
    if hasattr(signal, "SIGUSR1"):
        assert signal.getsignal(signal.SIGUSR1) == before  # the process's own handler is back
    with pytest.raises(SystemExit):
        main(["--night", "3"])
