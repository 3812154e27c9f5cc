"""The crawler's technical facts end to end: timing, compression, charset, robots.txt, sitemap.xml, the feed
and the link sample, against a small site served by the test on 127.0.0.1 under a --resolve'd name.

The server compresses what the client accepts, holds the home page's headers back a little (time to
first byte), serves one page in windows-1258, and logs every request, so that what the crawler asked
for, and how often, is asserted from the server's side.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.test_spider import _snapshot, run_check

HOST = "sokt.thunghiem.gov.vn"
HOME_DELAY = 0.15
HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Kỹ thuật</title>
<meta http-equiv="X-UA-Compatible" content="IE=8">{feed_link}
<script src="/js/jquery-1.4.4.min.js"></script></head><body>
<div id="header"><h1>SỞ KỸ THUẬT TỈNH HÒA LÂM</h1></div>
<nav class="menu"><ul>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/ban-do">Bản đồ hành chính</a></li>
<li><a href="/trang-cu">Trang cũ</a></li>
<li><a href="/thu-vien-anh">Thư viện ảnh</a></li>
</ul></nav>
<div id="content"><h2>Nổi bật</h2><a href="/bai/hoi-nghi">Hội nghị tổng kết năm 2026</a>
<a href="/bai/khong-con">Bài đã gỡ</a><a href="/files/bao-cao.pdf">Báo cáo (PDF)</a>
<img src="/anh.png"></div>
<div id="footer">Cơ quan chủ quản: Sở Kỹ thuật. <a href="/dieu-khoan">Điều khoản sử dụng</a>
<a href="/quang-cao">Quảng cáo</a>{feed_page_link}</div></body></html>"""
LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức</title></head><body>
<div id="content"><h1>Tin tức - Sự kiện</h1><ul class="list">
<li><a href="/tin/1">Tin số một của chuyên mục thử nghiệm</a> <span class="ngay">20/11/2026</span></li>
<li><a href="/tin/2">Tin số hai của chuyên mục thử nghiệm</a> <span class="ngay">18/11/2026</span></li>
</ul></div></body></html>"""
PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>{title}</title></head><body>
<div id="content"><h1>{title}</h1><p>{text}</p></div></body></html>"""
INTRO_TEXT = "Sở Kỹ thuật là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu về kỹ thuật và công nghệ."
RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin mới</title>
<item><title>Tin số một</title><link>http://{host}/tin/1</link><pubDate>Fri, 20 Nov 2026 08:00:00 +0700</pubDate></item>
<item><title>Tin không ngày</title><link>http://{host}/tin/2</link></item></channel></rss>"""
FEED_PAGE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>RSS</title></head><body>
<div id="content"><h1>Kênh RSS</h1><a href="/_layouts/listfeed.aspx?List=tin-tuc">Tin tức - Sự kiện</a></div>
</body></html>"""
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese in windows-1258: hats, breves and horns precomposed, tones as combining marks after them."""
    import unicodedata

    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def site(variant: str, host: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """``main`` advertises its feed in <head>; ``feed_page`` only links a page listing the feeds (SharePoint)."""
    main = variant == "main"
    home = HOME.format(
        feed_link='<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss">'
        if main else "",
        feed_page_link="" if main else '<a href="/Pages/RSS.aspx"><img src="/rss.png" alt="RSS"></a>')
    robots = f"User-agent: *\nDisallow: /private\nSitemap: http://{host}/sitemap.xml\nday khong phai dong hop le\n"
    # Not well-formed (never closed), readable by a recovering parser; one entry of two has a lastmod.
    sitemap = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f"<url><loc>http://{host}/tin-tuc</loc><lastmod>2026-11-01</lastmod></url>"
               f"<url><loc>http://{host}/gioi-thieu</loc></url>")
    html = {"Content-Type": "text/html; charset=utf-8"}
    pages: dict[str, tuple[int, dict[str, str], bytes]] = {
        "/": (200, {**html, "X-UA-Compatible": "IE=8", "X-AspNet-Version": "4.0.30319", "Vary": "Accept-Encoding",
                    "Expires": "Thu, 01 Jan 2026 00:00:00 GMT"}, home.encode()),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, robots.encode()),
        "/sitemap.xml": (200, {"Content-Type": "application/xml"}, sitemap.encode()),
        "/tin-tuc": (200, html, LISTING.encode()),
        "/gioi-thieu": (200, {"Content-Type": "text/html; charset=windows-1258"},
                        cp1258(PAGE.format(charset="windows-1258", title="Giới thiệu", text=INTRO_TEXT))),
        "/rss/tin-moi.rss": (200, {"Content-Type": "application/rss+xml"}, RSS.format(host=host).encode()),
        "/Pages/RSS.aspx": (200, html, FEED_PAGE.encode()),
        "/_layouts/listfeed.aspx?List=tin-tuc": (200, {"Content-Type": "text/xml"}, RSS.format(host=host).encode()),
    }
    for path, title in (("/ban-do", "Bản đồ hành chính"), ("/thu-vien-anh", "Thư viện ảnh"),
                        ("/bai/hoi-nghi", "Hội nghị tổng kết"), ("/quang-cao", "Quảng cáo"),
                        ("/tin/1", "Tin số một"), ("/tin/2", "Tin số hai")):
        pages[path] = (200, html, PAGE.format(charset="utf-8", title=title, text=title).encode())
    return pages


class Server:
    def __init__(self, variant: str = "main") -> None:
        self.log: list[dict[str, Any]] = []
        owner = self
        lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host = self.headers.get("Host", "")
                accept = self.headers.get("Accept-Encoding", "")
                with lock:
                    owner.log.append({"path": self.path, "accept_encoding": accept})
                status, headers, body = site(variant, host).get(self.path, (404, {}, b"<html><body>404</body></html>"))
                headers = dict(headers)
                if self.path == "/":
                    time.sleep(HOME_DELAY)  # before any byte of the answer: the time to first byte grows
                if variant == "main" and "gzip" in accept and status == 200 and self.path != "/robots.txt":
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                self.send_response(status)
                self.send_header("Content-Type", headers.pop("Content-Type", "text/html; charset=utf-8"))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def paths(self) -> list[str]:
        return [e["path"] for e in self.log]


def crawl(variant: str, tmp: Path) -> tuple[Server, dict[str, Any]]:
    server = Server(variant)
    run_check(server, tmp, "--resolve", f"{HOST}:127.0.0.1", "--no-network-probes", url=server.url)
    return server, _snapshot(tmp / "db.sqlite3")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Any]]]:
    server, snapshot = crawl("main", tmp_path_factory.mktemp("spider_tech"))
    yield server, snapshot
    server.httpd.shutdown()


def _page(snapshot: dict[str, Any], path: str) -> dict[str, Any]:
    return next(p for p in snapshot["pages"] if p["url"].endswith(path) or (p["final_url"] or "").endswith(path))


def test_time_to_first_byte_compression_and_kept_headers(crawled: tuple[Server, dict[str, Any]]) -> None:
    _server, snap = crawled
    home = _page(snap, f"{HOST}:{_server.port}/")
    assert home["role"] == "home"
    assert home["facts"]["ttfb_ms"] >= HOME_DELAY * 1000 * 0.9
    assert home["facts"]["download_ms"] >= home["facts"]["ttfb_ms"]
    # The server sent gzip; Scrapy decompressed the body and dropped the header, the fact keeps it.
    assert home["facts"]["content_encoding"] == "gzip"
    assert home["facts"]["transfer_size"] < home["size"]
    assert "content-encoding" not in home["headers"]
    assert home["headers"]["x-ua-compatible"] == "IE=8" and home["headers"]["x-aspnet-version"] == "4.0.30319"
    assert home["headers"]["vary"] == "Accept-Encoding" and home["headers"]["expires"].startswith("Thu, 01 Jan 2026")
    robots = next(p for p in snap["pages"] if p["role"] == "robots")
    assert robots["facts"]["content_encoding"] is None and robots["facts"]["transfer_size"] == robots["size"]
    for page in snap["pages"]:
        if page["status"] is not None:
            assert isinstance(page["facts"]["ttfb_ms"], int), page["url"]
            assert isinstance(page["facts"]["download_ms"], int), page["url"]
            assert page["facts"]["download_ms"] <= page["elapsed_ms"] + 5, page["url"]


def test_tech_facts_on_every_html_page_only(crawled: tuple[Server, dict[str, Any]]) -> None:
    _server, snap = crawled
    for page in snap["pages"]:
        html = page["status"] == 200 and page["role"] not in ("robots", "sitemap_xml", "feed", "linkcheck")
        assert ("tech" in page["facts"]) is html, (page["url"], page["role"])
    home = next(p for p in snap["pages"] if p["role"] == "home")["facts"]["tech"]
    assert home["x_ua_compatible"] == "IE=8" and home["viewport"] is None
    assert home["libraries"] == [{"name": "jquery", "version": "1.4.4",
                                  "source": f"http://{HOST}:{_server.port}/js/jquery-1.4.4.min.js"}]
    assert home["a11y"]["images_no_alt"] == 1 and home["charset"]["decodes_utf8"] is True
    intro = _page(snap, "/gioi-thieu")["facts"]["tech"]["charset"]
    assert intro["header"] == "windows-1258" and intro["meta"] == "windows-1258"
    assert intro["decodes_utf8"] is False and intro["detected"] == "windows-1258" and intro["nfc"] is False
    # The page was decoded as declared: its text is right, only decomposed.
    assert "Ủy ban nhân dân tỉnh" in _page(snap, "/gioi-thieu")["facts"]["text"]


def test_robots_and_sitemap_facts(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, snap = crawled
    robots = next(p for p in snap["pages"] if p["role"] == "robots")["facts"]
    assert robots["sitemaps"] == [f"http://{HOST}:{server.port}/sitemap.xml"]
    assert robots["ok"] is False and robots["parse_errors"] == 1 and robots["error_lines"] == [
        "day khong phai dong hop le"]
    assert robots["disallow_all"] is False and robots["user_agents"] == ["*"] and robots["html"] is False
    sitemap = next(p for p in snap["pages"] if p["role"] == "sitemap_xml")["facts"]
    assert sitemap["well_formed"] is False and sitemap["urls"] == 2 and sitemap["lastmod"] == 1
    assert snap["discovery"]["sitemap_xml"] == "read"
    assert server.paths().count("/sitemap.xml") == 1


def test_feed_advertised_on_the_home_page_is_read(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, snap = crawled
    feeds = [p for p in snap["pages"] if p["role"] == "feed"]
    assert len(feeds) == 1 and feeds[0]["url"].endswith("/rss/tin-moi.rss")
    assert feeds[0]["facts"]["feed"] == {"ok": True, "kind": "rss", "items": 2, "dated": 1,
                                         "newest": "2026-11-20T08:00:00+07:00", "error": None}
    assert feeds[0]["facts"]["content_encoding"] == "gzip"
    assert snap["probes"]["feed"] == {"status": "probed", "url": feeds[0]["url"], "via": "link", "page": None,
                                      "error_class": None}
    assert server.paths().count("/rss/tin-moi.rss") == 1


def test_link_sample_spread_over_regions_status_only(crawled: tuple[Server, dict[str, Any]]) -> None:
    server, snap = crawled
    checked = [p for p in snap["pages"] if p["role"] == "linkcheck"]
    assert len(checked) == 5  # CrawlOptions.link_sample
    regions = [p["facts"]["linkcheck"]["region"] for p in checked]
    # Taken in turn: menu, main, footer, then menu and main again (the page has no sidebar or header links).
    assert sorted(regions) == ["footer", "main", "main", "menu", "menu"]
    assert all(p["facts"]["linkcheck"]["from"].endswith(f"{HOST}:{server.port}/") for p in checked)
    assert "/trang-cu" in [p["url"].split(str(server.port), 1)[1] for p in checked]
    broken = [p for p in checked if p["status"] == 404]
    assert broken and all(p["error_class"] == "http_404" for p in broken)
    assert all("tech" not in p["facts"] and "text" not in p["facts"] for p in checked)
    # Nothing fetched twice, files and pages fetched by other steps never sampled.
    other = {p["url"] for p in snap["pages"] if p["role"] != "linkcheck"}
    assert not other & {p["url"] for p in checked}
    assert "/files/bao-cao.pdf" not in server.paths()
    paths = [p for p in server.paths() if p != "/robots.txt"]
    assert len(paths) == len(set(paths))
    assert snap["probes"]["linkcheck"]["status"] == "probed" and snap["probes"]["linkcheck"]["sampled"] == 5
    assert snap["probes"]["linkcheck"]["pool"] >= 5


def test_feed_found_through_a_feed_page(tmp_path: Path) -> None:
    server, snap = crawl("feed_page", tmp_path)
    try:
        home = next(p for p in snap["pages"] if p["role"] == "home")
        assert home["facts"]["tech"]["feeds"] == []
        assert home["facts"]["tech"]["feed_pages"][0]["url"].endswith("/Pages/RSS.aspx")
        feed_page = _page(snap, "/Pages/RSS.aspx")
        assert feed_page["role"] == "feed" and feed_page["kind"] == "feed_page" and "feed" not in feed_page["facts"]
        listed = _page(snap, "/_layouts/listfeed.aspx?List=tin-tuc")
        assert listed["role"] == "feed" and listed["kind"] == "feed_listed"
        assert listed["facts"]["feed"]["ok"] is True and listed["facts"]["feed"]["items"] == 2
        assert listed["facts"]["content_encoding"] is None
        probe = snap["probes"]["feed"]
        assert probe["status"] == "probed" and probe["via"] == "feed_page"
        assert probe["page"].endswith("/Pages/RSS.aspx") and probe["url"] == listed["url"]
    finally:
        server.httpd.shutdown()
