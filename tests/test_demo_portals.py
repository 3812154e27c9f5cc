"""The bundled demo portals and their server: deterministic, truthful, served on 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import json
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import lxml.html
import pytest

from nd42.demo.expect import PRESENCE, status_for
from nd42.demo.portals import KINDS, PROFILES, RULE_IDS, build_portals
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


def test_every_truth_url_is_served_with_its_title(demo_server: Any) -> None:
    for pid, truth in demo_server.truth.items():
        base = demo_server.urls[pid]
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
def test_every_new_truth_url_is_served(demo_server: Any) -> None:
    for pid, truth in demo_server.truth.items():
        base = demo_server.urls[pid]
        for kind, sec in truth["listings"].items():
            if not sec["present"]:
                continue
            status, _, body = fetch(quoted(base, sec["url"]))
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
