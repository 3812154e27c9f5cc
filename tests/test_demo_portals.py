"""The bundled demo portals and their server: deterministic, truthful, served on 127.0.0.1 only."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import lxml.html

from nd42.demo.portals import KINDS, build_portals
from nd42.demo.server import serve

TODAY = dt.date(2026, 11, 24)
FRESH_MAX = {"directive_documents": 20, "party_union": 20, "news": 3, "legal_documents": 20}
FRESH_DAYS = {"directive_documents": 30, "party_union": 30, "news": 7, "legal_documents": 30}
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(url: str, *, follow: bool = True, ua: str = "nd42-tests") -> tuple[int, dict[str, str], bytes]:
    opener = _OPENER if follow else urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect)
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
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base), base
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
