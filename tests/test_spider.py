"""The portal spider's politeness and bounds, against a small site served by the test on 127.0.0.1.

The crawl runs through the CLI in a subprocess (one Twisted reactor per process); the test's own
server logs every request, so what the crawler asked for is asserted from the server's side.
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

HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Thử nghiệm</title></head><body>
<nav class="menu"><ul>
<li><a href="/chi-dao-dieu-hanh">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/dang-doan-the">Đảng - Đoàn thể</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
<li><a href="http://elsewhere.invalid/van-ban-qppl">Văn bản QPPL</a></li>
<li><a href="/lien-ket-ngoai">Giới thiệu</a></li>
</ul></nav></body></html>"""

LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{label}</title></head><body>
<div id="content"><h1>{label}</h1><ul class="list">{items}</ul>{pager}</div></body></html>"""

ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài</title></head><body>
<div id="content"><h1>{title}</h1><p class="date">Ngày đăng: {date}</p><p>Nội dung.</p></div></body></html>"""


def _items(prefix: str, dates: list[str | None]) -> str:
    return "".join(f'<li><a href="/{prefix}/{n}">Tin số {n} của chuyên mục thử nghiệm</a>'
                   + (f' <span class="ngay">{d}</span>' if d else "") + "</li>" for n, d in enumerate(dates))


def site() -> dict[str, tuple[int, dict[str, str], str]]:
    pages: dict[str, tuple[int, dict[str, str], str]] = {
        "/": (302, {"Location": "/Pages/default.aspx"}, ""),
        "/Pages/default.aspx": (200, {}, HOME),
        "/robots.txt": (200, {"Content-Type": "text/plain"}, "User-agent: *\nDisallow: /dang-doan-the\n"),
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
    return pages


class Server:
    def __init__(self) -> None:
        self.log: list[dict[str, Any]] = []
        self.active = 0
        self.max_active = 0
        pages, owner = site(), self
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
                    status, headers, body = pages.get(self.path, (404, {}, "<html><body>404</body></html>"))
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
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, Any]]]:
    server = Server()
    tmp = tmp_path_factory.mktemp("spider")
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", server.url, "--now", "2026-11-24", "--delay", "0", "--quiet",
         "--item-pages", "2", "--out", str(tmp), "--json", str(tmp / "run.json"), "--db", str(tmp / "db.sqlite3")],
        capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr
    yield server, json.loads((tmp / "run.json").read_text(encoding="utf-8"))
    server.httpd.shutdown()


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
    assert {e["host"] for e in server.log} == {server.url.split("/")[2]}
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
        out = subprocess.run(
            [sys.executable, "-m", "nd42.cli", "check", server.url, "--now", "2026-11-24", "--delay", "0", "--quiet",
             "--budget", "3", "--out", str(tmp_path), "--json", str(tmp_path / "r.json"),
             "--db", str(tmp_path / "db.sqlite3")],
            capture_output=True, text=True, timeout=180,
        )
        assert out.returncode == 0, out.stderr
        doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
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
