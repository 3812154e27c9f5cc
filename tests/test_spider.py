"""The portal spider's politeness, bounds, facts and probes, against small sites served by the test on 127.0.0.1.

The crawl runs through the CLI in a subprocess (one Twisted reactor per process); the test's own
server logs every request, so what the crawler asked for is asserted from the server's side.  The
main site is reached under a public-looking host name mapped by ``--resolve`` (the server sees it
in the Host header); variants of it give the other outcomes of the search probe.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

HOST = "sotn.thunghiem.gov.vn"
HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Thử nghiệm</title></head><body>
<div id="header"><h1>SỞ THỬ NGHIỆM TỈNH HÒA LÂM</h1>{search}{english}</div>
<nav class="menu"><ul>
<li><a href="/chi-dao-dieu-hanh">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/dang-doan-the">Đảng - Đoàn thể</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="http://elsewhere.invalid/van-ban-qppl">Văn bản QPPL</a></li>
<li><a href="/lien-ket-ngoai">Giới thiệu</a></li>
{more}
</ul></nav>
<div id="content"><p>Chào mừng</p></div>
<div id="footer">Cơ quan chủ quản: Sở Thử nghiệm. Địa chỉ: Số 1 đường Lê Lợi. {sitemap}
<select><option value="https://chinhphu.vn/">Cổng TTĐT Chính phủ</option></select></div></body></html>"""
SEARCH_GET = """<form action="/tim-kiem" method="get"><input type="hidden" name="lang" value="vi">
<input type="text" name="q" placeholder="Tìm kiếm"><button type="submit">Tìm</button></form>"""
SEARCH_POST = """<form action="/tim-kiem" method="post"><input type="text" name="q" placeholder="Tìm kiếm"></form>"""
MORE_SECTIONS = """<li><a href="/lay-y-kien">Lấy ý kiến dự thảo</a></li>
<li><a href="/tiep-can-thong-tin">Tiếp cận thông tin</a></li>"""
CONSULTATION = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lấy ý kiến</title></head><body>
<div id="content"><h1>Lấy ý kiến dự thảo</h1><table><tr><th>Tên dự thảo</th><th>Ngày đăng</th><th>Hạn góp ý</th></tr>
{rows}</table></div></body></html>"""
DRAFT = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Dự thảo</title></head><body>
<div id="content"><h1>Dự thảo số {n}</h1><table class="thuoc-tinh"><tr><th>Số ký hiệu</th><td>{n}/DT-STN</td></tr>
<tr><th>Cơ quan soạn thảo</th><td>Sở Thử nghiệm</td></tr><tr><th>Ngày đăng</th><td>01/01/2020</td></tr></table>
<p>Người ký: Nguyễn Văn {n}</p><a href="/files/du-thao-{n}.docx">Tải dự thảo</a></div></body></html>"""

LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{label}</title></head><body>
<div id="content"><h1>{label}</h1><ul class="list">{items}</ul>{pager}</div></body></html>"""

ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title></head><body>
<div id="content"><h1>{title}</h1><p class="date">Ngày đăng: {date}</p><p>Nội dung.</p>
<a href="javascript:window.print()">In bài</a></div></body></html>"""
PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>
<div class="menu">{menu}</div><div id="content"><h1>{title}</h1>{body}</div></body></html>"""
DATED = ["10/11/2026", "09/11/2026", "08/11/2026", "07/11/2026"]


def _items(prefix: str, dates: list[str | None]) -> str:
    return "".join(f'<li><a href="/{prefix}/{n}">Tin số {n} của chuyên mục thử nghiệm</a>'
                   + (f' <span class="ngay">{d}</span>' if d else "") + "</li>" for n, d in enumerate(dates))


def site(variant: str = "main") -> dict[str, tuple[int, dict[str, str], str]]:
    """The main site, or a variant for another search outcome: ``post``, ``disallowed``, ``notfound``."""
    main = variant == "main"
    home = HOME.format(search=SEARCH_POST if variant == "post" else SEARCH_GET,
                       english='<a href="/en/" hreflang="en">English</a>' if main else "",
                       more=MORE_SECTIONS if main else "",
                       sitemap='<a href="/so-do-site">Sơ đồ site</a>' if main else "")
    robots = "User-agent: *\nDisallow: /dang-doan-the\n" + ("Disallow: /tim-kiem\n" if variant == "disallowed" else "")
    pages: dict[str, tuple[int, dict[str, str], str]] = {
        "/": (302, {"Location": "/Pages/default.aspx"}, ""),
        "/Pages/default.aspx": (200, {}, home),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, robots),
        # Dates only on page 2: the crawler must read the next page.
        "/chi-dao-dieu-hanh": (200, {}, LISTING.format(label="Văn bản chỉ đạo điều hành",
                                                       items=_items("cddh", [None, None]),
                                                       pager='<div class="pagination">'
                                                             '<a href="/chi-dao-dieu-hanh?p=2">2</a></div>')),
        "/chi-dao-dieu-hanh?p=2": (200, {}, LISTING.format(label="Văn bản chỉ đạo điều hành",
                                                           items=_items("cddh2", ["20/11/2026", "02/11/2026"]),
                                                           pager="")),
        # No dates on the listing at all: the crawler opens item pages (K = 2 in the test).
        "/tin-tuc": (200, {}, LISTING.format(label="Tin tức - Sự kiện", items=_items("tin", [None] * 4), pager="")),
        "/lien-ket-ngoai": (302, {"Location": "http://elsewhere.invalid/gioi-thieu"}, ""),
    }
    for n, date in enumerate(["23/11/2026", "21/11/2026", "01/01/2026", "02/01/2026"]):
        pages[f"/tin/{n}"] = (200, {}, ARTICLE.format(title=f"Tin số {n}", date=date))
    found = variant != "notfound"
    results = '<a href="/tin/0">Tin số 0 của chuyên mục thử nghiệm</a>' if found else "<p>Không có kết quả</p>"
    pages["/tim-kiem"] = (200, {}, PAGE.format(lang="vi", title="Kết quả tìm kiếm", menu="", body=results))
    if not main:
        return pages
    rows = "".join(f'<tr><td><a href="/du-thao/{n}">Dự thảo quy định số {n} về thử nghiệm</a></td><td>{d}</td>'
                   f"<td>{30 - n}/12/2026</td></tr>" for n, d in enumerate(DATED))
    pages["/lay-y-kien"] = (200, {}, CONSULTATION.format(rows=rows))
    for n in range(len(DATED)):
        pages[f"/du-thao/{n}"] = (200, {}, DRAFT.format(n=n))
    pages["/tiep-can-thong-tin"] = (200, {}, PAGE.format(
        lang="vi", title="Tiếp cận thông tin", menu="",
        body="<p>Danh mục thông tin phải công khai</p><table><tr><th>Thông tin</th><th>Hình thức</th></tr>"
             "<tr><td>Kế hoạch</td><td>Đăng tải</td></tr></table>"))
    pages["/so-do-site"] = (200, {}, PAGE.format(lang="vi", title="Sơ đồ site", menu="",
                                                 body='<a href="/tin-tuc">Tin tức - Sự kiện</a>'))
    pages["/sitemap.xml"] = (200, {"Content-Type": "application/xml"},
                             '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             "<url><loc>/tin-tuc</loc></url></urlset>")
    english_menu = '<a href="/en/about">About us</a> <a href="/en/contact">Contact us</a>'
    pages["/en/"] = (200, {}, PAGE.format(lang="en", title="Department of Testing", menu=english_menu, body=""))
    pages["/en/about"] = (200, {}, PAGE.format(lang="en", title="About us", menu="", body="<p>Functions</p>"))
    pages["/en/contact"] = (404, {}, "<html><body>404</body></html>")
    return pages


class Server:
    def __init__(self, variant: str = "main") -> None:
        self.log: list[dict[str, Any]] = []
        self.active = 0
        self.max_active = 0
        pages, owner = site(variant), self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with lock:
                    owner.active += 1
                    owner.max_active = max(owner.max_active, owner.active)
                    owner.log.append({"path": self.path, "ua": self.headers.get("User-Agent", ""),
                                      "host": self.headers.get("Host", "")})
                try:
                    # Hold each request a moment so that overlapping requests overlap here, measurably.
                    time.sleep(0.02)
                    # The search page answers any query; every other page is matched exactly.
                    path = self.path.split("?", 1)[0] if self.path.startswith("/tim-kiem") else self.path
                    status, headers, body = pages.get(path, (404, {}, "<html><body>404</body></html>"))
                    headers = dict(headers)
                    data = body.encode("utf-8")
                    self.send_response(status)
                    self.send_header("Content-Type", headers.pop("Content-Type", "text/html; charset=utf-8"))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                finally:
                    # Counted as done before the body goes out: the client may send its next request as
                    # soon as it has read this one, before this thread gets to run again.
                    with lock:
                        owner.active -= 1
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        # The same server under a public-looking name: only the resolver override can reach it.
        self.named_url = f"http://{HOST}:{self.port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def run_check(server: Server, tmp: Path, *args: str, url: str | None = None) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", url or server.url, "--now", "2026-11-24", "--delay", "0",
         "--quiet", "--out", str(tmp), "--json", str(tmp / "run.json"), "--db", str(tmp / "db.sqlite3"), *args],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr
    return json.loads((tmp / "run.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Any]]]:
    server = Server()
    tmp = tmp_path_factory.mktemp("spider")
    doc = run_check(server, tmp, "--item-pages", "2", "--resolve", f"{HOST}:127.0.0.1", "--level", "department",
                    "--parent", "https://hoalam.gov.vn/", "--name", "Sở Thử nghiệm tỉnh Hòa Lâm",
                    url=server.named_url)
    snapshot = _snapshot(tmp / "db.sqlite3")
    yield server, {**doc, "snapshot": snapshot}
    server.httpd.shutdown()


def _snapshot(db: Path) -> dict[str, Any]:
    """The stored snapshot itself (the JSON document summarises it): facts, probes, discovery, meta."""
    from nd42.records import to_jsonable
    from nd42.store import Store

    with Store(db) as store:
        run = store.latest_run()
        assert run is not None
        (portal_id,) = store.portal_ids(run.id)
        return to_jsonable(store.load_snapshot(run.id, portal_id))  # type: ignore[no-any-return]


def test_redirect_followed_and_identifying_user_agent(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    assert doc["portal"]["home_url"].endswith("/Pages/default.aspx")
    assert all(entry["ua"].startswith("nd42/") and "+http" in entry["ua"] for entry in server.log)


def test_robots_txt_is_obeyed_and_reported(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    assert "/dang-doan-the" not in [e["path"] for e in server.log]
    party = next(s for s in doc["sections"] if s["kind"] == "party_union")
    assert party["state"] == "unreachable" and party["error_class"] == "robots"
    fr002 = next(f for f in doc["findings"] if f["rule_id"] == "FR-002")
    assert fr002["status"] == "not_determinable" and fr002["error_class"] == "robots"


def test_nothing_off_the_portal_is_requested(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    # Every request went to 127.0.0.1 under the mapped name: the resolver override was used.
    assert {e["host"] for e in server.log} == {f"{HOST}:{server.port}"}
    assert not any("elsewhere" in p["url"] for p in doc["pages"] if p["status"] is not None)


def test_next_page_then_item_pages_when_listings_show_no_dates(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    sections = {s["kind"]: s for s in doc["sections"]}
    assert sections["directive_documents"]["newest"]["date"] == "2026-11-20"
    assert "/chi-dao-dieu-hanh?p=2" in [e["path"] for e in server.log]
    news = sections["news"]
    assert news["newest"]["date"] == "2026-11-23" and news["newest"]["date_url"].endswith("/tin/0")
    opened = [e["path"] for e in server.log if e["path"].startswith("/tin/")]
    assert sorted(opened) == ["/tin/0", "/tin/1"]  # K = 2


def test_page_budget_and_concurrency(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    assert doc["crawl"]["pages_fetched"] <= doc["crawl"]["page_budget"]
    assert server.max_active <= 2
    paths = [e["path"] for e in server.log if e["path"] != "/robots.txt"]
    assert len(paths) == len(set(paths)), "no page is fetched twice"


def test_budget_is_enforced(tmp_path: Path) -> None:
    server = Server()
    try:
        doc = run_check(server, tmp_path, "--budget", "3")
        assert doc["crawl"]["requests"] <= 3 and doc["crawl"]["budget_exhausted"] is True
        # robots.txt for Scrapy's own check, plus at most the 3 budgeted requests (redirect hops included once).
        assert len([e for e in server.log if e["path"] != "/robots.txt"]) <= 4
    finally:
        server.httpd.shutdown()


def test_unreachable_portal_is_not_determinable(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback refuses connections: the run completes and nothing fails.
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", "http://127.0.0.1:9/", "--now", "2026-11-24", "--delay", "0",
         "--quiet", "--timeout", "5", "--out", str(tmp_path), "--json", str(tmp_path / "r.json"),
         "--db", str(tmp_path / "db.sqlite3")],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    statuses = {f["status"] for f in doc["findings"]}
    assert "fail" not in statuses and "not_determinable" in statuses
    home = next(p for p in doc["pages"] if p["role"] == "home")
    assert home["error_class"] in ("refused", "timeout")
    assert (tmp_path / "127.0.0.1-9.html").is_file()


# ---------------------------------------------------------------------------------------------- facts and probes
def test_portal_info_and_discovery(crawled: tuple[Server, dict[str, Any]]) -> None:
    _server, doc = crawled
    snap = doc["snapshot"]
    assert snap["portal"] == {"name": "Sở Thử nghiệm tỉnh Hòa Lâm", "level": "department",
                              "parent": "https://hoalam.gov.vn/", "tags": [], "profile": None, "rules": {}}
    assert snap["discovery"] == {"menus": "read", "sitemap_page": "read", "sitemap_xml": "read"}


def test_page_facts_on_home_and_content_pages(crawled: tuple[Server, dict[str, Any]]) -> None:
    _server, doc = crawled
    pages = doc["snapshot"]["pages"]
    home = next(p for p in pages if p["role"] == "home")["facts"]
    assert "SỞ THỬ NGHIỆM TỈNH HÒA LÂM" in home["layout"]["header"]["text"]
    assert "Văn bản chỉ đạo điều hành" in [e["label"] for e in home["layout"]["menu"]["entries"]]
    assert "Cơ quan chủ quản" in home["layout"]["footer"]["text"]
    assert {"url": "https://chinhphu.vn/", "label": "Cổng TTĐT Chính phủ", "tag": "option"} in home["links"]["external"]
    assert home["forms"][0]["search_like"] and home["forms"][0]["method"] == "get"
    access = next(p for p in pages if p["kind"] == "access_to_information")["facts"]
    assert "Danh mục thông tin phải công khai" in access["text"]
    assert access["tables"] == [{"headers": ["Thông tin", "Hình thức"], "rows": 1}]
    sections = {s["kind"]: s for s in doc["sections"]}
    assert sections["access_to_information"]["state"] == "page"
    # Every HTML page carries its main-region facts; robots.txt and sitemap.xml do not.
    for page in pages:
        if page["status"] == 200 and page["role"] not in ("robots", "sitemap_xml"):
            assert "text" in page["facts"] and "links" in page["facts"], page["url"]


def test_document_detail_pages_complete_the_items_meta(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    consultation = doc["snapshot"]["sections"]["consultation"]
    opened = sorted(e["path"] for e in server.log if e["path"].startswith("/du-thao/"))
    assert opened == ["/du-thao/0", "/du-thao/1", "/du-thao/2"]  # doc_pages = 3, although the listing is dated
    first = consultation["items"][0]
    assert first["date"] == "2026-11-10" and first["meta"]["deadline"] == "2026-12-30"
    # The listing's posting date wins over the detail page's; the page adds number, issuer, signer, files.
    assert first["meta"]["posted"] == "2026-11-10" and first["meta"]["sources"]["posted"] == "listing"
    assert first["meta"]["number"] == "0/DT-STN" and first["meta"]["sources"]["number"] == "article"
    assert first["meta"]["issuer"] == "Sở Thử nghiệm" and first["meta"]["signer"] == "Nguyễn Văn 0"
    assert first["meta"]["files"][0].endswith("/files/du-thao-0.docx")
    assert "meta" not in consultation["items"][3] or "number" not in consultation["items"][3]["meta"]
    article = next(p for p in doc["snapshot"]["pages"] if p["url"].endswith("/du-thao/0"))
    assert article["role"] == "article" and article["kind"] == "consultation"
    assert article["facts"]["doc"]["dates"]["posted"] == "2020-01-01"


def test_print_search_and_english_probes(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, doc = crawled
    probes = doc["snapshot"]["probes"]
    assert probes["print"]["status"] == "probed" and probes["print"]["pages"]
    article = next(p for p in doc["snapshot"]["pages"] if p["url"].endswith("/tin/0"))
    assert article["facts"]["print"]["how"] == "window.print"
    search = probes["search"]
    assert search["status"] == "probed" and search["found"] is True and search["http_status"] == 200
    assert search["query"] == "Tin số 0 của chuyên" and search["param"] == "q"
    assert search["expected_url"].endswith("/tin/0")
    assert any(e["path"].startswith("/tim-kiem?lang=vi&q=Tin+s") for e in server.log)
    results = next(p for p in doc["snapshot"]["pages"] if p["role"] == "search")
    assert results["facts"]["search_result"] == {"found": True, "matched": "url", "result_links": 1}
    english = probes["english"]
    assert english["status"] == "probed" and english["link"]["label"] == "English"
    assert english["home"]["ok"] is True
    assert english["organisation"]["url"].endswith("/en/about") and english["organisation"]["ok"] is True
    assert english["contacts"]["url"].endswith("/en/contact") and english["contacts"]["ok"] is False
    kinds = {p["kind"] for p in doc["snapshot"]["pages"] if p["role"] == "english"}
    assert kinds == {"english_home", "english_organisation", "english_contacts"}


@pytest.mark.parametrize(("variant", "status", "found"), [
    ("post", "post_only", None), ("disallowed", "disallowed", None), ("notfound", "probed", False)])
def test_search_probe_outcomes(tmp_path: Path, variant: str, status: str, found: bool | None) -> None:
    server = Server(variant)
    try:
        run_check(server, tmp_path)
        snap = _snapshot(tmp_path / "db.sqlite3")
        assert snap["probes"]["search"]["status"] == status
        assert snap["probes"]["search"]["found"] is found
        assert snap["probes"]["english"]["status"] == "no_link"
        assert snap["discovery"] == {"menus": "read", "sitemap_page": "absent", "sitemap_xml": "absent"}
        if variant == "disallowed":
            assert not any(e["path"].startswith("/tim-kiem") for e in server.log)
    finally:
        server.httpd.shutdown()
