"""Politeness guarantees (issue 6), measured on the server's side.

* Concurrent requests per domain (``www.`` twin included, network probes included) never exceed
  ``--concurrency``, counted by the test server while a nightly run crawls three portals, two of
  them on one domain, with every answer held long enough for requests to overlap.
* robots.txt is honoured by default; ``--ignore-robots`` is an explicit choice that the report states.
* Every request, probes included, carries the identifying User-Agent with a contact URL.
* Retries back off: 1 s, then 2 s (with jitter upwards only); a 503's ``Retry-After`` is waited for;
  a ``Retry-After`` beyond the cap is not retried at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.middlewares import backoff, retry_after
from crawler.settings import CONTACT_URL

pytestmark = pytest.mark.e2e
LATENCY = 0.12  # seconds each answer is held: long enough for a second request to overlap it
UA = re.compile(r"^nd42/\d+\.\d+\S* \(\+(https?://[^\s;]+);")
Reply = tuple[int, dict[str, str], str]
Route = Reply | Callable[[int], Reply]

HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Lịch sự</title></head><body>
<div id="header"><h1>SỞ LỊCH SỰ TỈNH HÒA LÂM</h1></div><nav class="menu"><ul>
<li><a href="/chi-dao-dieu-hanh">Văn bản chỉ đạo điều hành</a></li><li><a href="/dang-doan-the">Đảng - Đoàn thể</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li></ul></nav><div id="content"><p>Chào mừng</p></div>
<div id="footer">Cơ quan chủ quản: Sở Lịch sự. Địa chỉ: Số 1 đường Lê Lợi.</div></body></html>"""
LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{label}</title></head><body>
<div id="content"><h1>{label}</h1><ul class="list">{items}</ul></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài {n}</title></head><body>
<div id="content"><h1>Bài số {n}</h1><p class="date">Ngày đăng: 2{n}/11/2026</p><p>Nội dung.</p></div></body></html>"""
SECTIONS = {"/chi-dao-dieu-hanh": "Văn bản chỉ đạo điều hành", "/dang-doan-the": "Đảng - Đoàn thể",
            "/tin-tuc": "Tin tức - Sự kiện"}
ROBOTS = "User-agent: *\nDisallow: /dang-doan-the\n"


def site(items: int = 3) -> dict[str, Route]:
    """Three sections whose listings show no dates, so their item pages are opened too."""
    routes: dict[str, Route] = {"/": (200, {}, HOME), "/robots.txt": (200, {"Content-Type": "text/plain"}, ROBOTS)}
    for path, label in SECTIONS.items():
        links = "".join(f'<li><a href="{path}/{n}">Tin số {n} của mục {label}</a></li>' for n in range(items))
        routes[path] = (200, {}, LISTING.format(label=label, items=links))
        for n in range(items):
            routes[f"{path}/{n}"] = (200, {}, ARTICLE.format(n=n))
    return routes


def domain(host_header: str) -> str:
    return host_header.rsplit(":", 1)[0].lower().removeprefix("www.")


class Server:
    """One threaded server for every host; it counts the requests in progress per domain itself."""

    def __init__(self, routes: dict[str, Route], latency: float = LATENCY) -> None:
        self.routes, self.latency = routes, latency
        self.lock = threading.Lock()
        self.log: list[dict[str, Any]] = []
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        self.hits: dict[tuple[str, str], int] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.answer(self)

            do_HEAD = do_GET

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        dom = domain(handler.headers.get("Host") or "")
        entry: dict[str, Any] = {"domain": dom, "path": handler.path, "ua": handler.headers.get("User-Agent", ""),
                                 "start": time.monotonic(), "end": None, "status": None}
        with self.lock:
            self.log.append(entry)
            self.active[dom] = self.active.get(dom, 0) + 1
            self.max_active[dom] = max(self.max_active.get(dom, 0), self.active[dom])
            count = self.hits[(dom, handler.path)] = self.hits.get((dom, handler.path), 0) + 1
        try:
            time.sleep(self.latency)
            route = self.routes.get(handler.path, (404, {}, "<html><body>404</body></html>"))
            status, headers, body = route(count) if callable(route) else route
            data = body.encode("utf-8")
            handler.send_response(status)
            handler.send_header("Content-Type", headers.get("Content-Type", "text/html; charset=utf-8"))
            for key, value in headers.items():
                if key != "Content-Type":
                    handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(data)))
            handler.end_headers()
            entry["status"] = status
        finally:
            # Done before the body goes out: the client may send its next request as soon as it has
            # read this one, before this thread runs again.
            with self.lock:
                self.active[dom] -= 1
                entry["end"] = time.monotonic()
        if handler.command != "HEAD":
            with contextlib.suppress(OSError):
                handler.wfile.write(data)

    def url(self, host: str, path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"

    def requests(self, dom: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(e) for e in self.log if (dom is None or e["domain"] == dom)
                    and (path is None or e["path"] == path)]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def resolve(*hosts: str) -> list[str]:
    return [a for h in hosts for a in ("--resolve", f"{h}:127.0.0.1")]


# --------------------------------------------------------------------------- concurrency, robots, UA
PORTALS = {"a": "a.lichsu.gov.vn", "aw": "www.a.lichsu.gov.vn", "b": "b.lichsu.gov.vn"}


def night(concurrency: int, tmp: Path) -> tuple[Server, subprocess.CompletedProcess[str]]:
    server = Server(site())
    lines = [f'[[portal]]\nid = "{pid}"\nname = "Sở Lịch sự {pid}"\nurl = "{server.url(host)}"\n'
             f'level = "department"\nparent = "https://hoalam.gov.vn/"\n' for pid, host in PORTALS.items()]
    (tmp / "registry.toml").write_text("\n".join(lines), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "nightly", "--registry", str(tmp / "registry.toml"),
         "--db", str(tmp / "db.sqlite3"), "--out", str(tmp / "out"), "--now", "2026-11-24", "--delay", "0",
         "--timeout", "5", "--concurrency", str(concurrency), "--max-portals-at-once", "3",
         *resolve(*PORTALS.values())],
        capture_output=True, text=True, timeout=240)
    return server, out


@pytest.fixture(scope="module", params=[1, 2], ids=["concurrency-1", "concurrency-2"])
def polite_night(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Server, Path]]:
    tmp = tmp_path_factory.mktemp(f"polite{request.param}")
    server, out = night(request.param, tmp)
    try:
        assert out.returncode == 0, out.stderr[-3000:]
        yield request.param, server, tmp
    finally:
        server.close()


def test_concurrent_requests_per_domain_never_exceed_the_setting(polite_night: tuple[int, Server, Path]) -> None:
    concurrency, server, _tmp = polite_night
    crawled = {e["domain"] for e in server.requests() if e["path"] not in ("/", "/robots.txt")}
    assert crawled == {"a.lichsu.gov.vn", "b.lichsu.gov.vn"}, crawled  # both domains' sections were crawled
    assert len(server.requests()) >= 20
    assert max(server.max_active.values()) <= concurrency, server.max_active
    if concurrency == 2:
        # The count is real: with two allowed, two did overlap somewhere.
        assert max(server.max_active.values()) == 2, server.max_active


def test_robots_txt_is_honoured_by_default_and_the_report_says_so(polite_night: tuple[int, Server, Path]) -> None:
    _c, server, tmp = polite_night
    assert not [e for e in server.requests() if e["path"].startswith("/dang-doan-the")]
    assert server.requests(path="/robots.txt")
    (report,) = (tmp / "out" / "runs" / "1" / "portals").glob("a.html")
    text = report.read_text(encoding="utf-8")
    assert "Tuân thủ robots.txt" in text and "KHÔNG tuân thủ" not in text


def test_every_request_names_nd42_with_a_contact_url(polite_night: tuple[int, Server, Path]) -> None:
    _c, server, _tmp = polite_night
    agents = {e["ua"] for e in server.requests()}
    assert agents and all(UA.match(a) for a in agents), agents
    assert {UA.match(a).group(1) for a in agents} == {CONTACT_URL}  # type: ignore[union-attr]


def test_ignoring_robots_is_explicit_and_reported(tmp_path: Path) -> None:
    server = Server(site(items=1), latency=0.0)
    host = PORTALS["a"]
    try:
        out = subprocess.run(
            [sys.executable, "-m", "nd42.cli", "check", server.url(host), "--ignore-robots", "--now", "2026-11-24",
             "--delay", "0", "--quiet", "--no-network-probes", "--out", str(tmp_path / "out"),
             "--json", str(tmp_path / "run.json"), "--db", str(tmp_path / "db.sqlite3"), *resolve(host)],
            capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, out.stderr
        assert server.requests(path="/dang-doan-the")
        doc = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
        assert doc["crawl"]["robots_obeyed"] is False
        reports = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html")]
        assert any("KHÔNG tuân thủ robots.txt (theo lựa chọn của người kiểm tra)" in r for r in reports)
    finally:
        server.close()


# --------------------------------------------------------------------------- retries
def failing_then_ok(failures: int, status: int, headers: dict[str, str]) -> Callable[[int], Reply]:
    def reply(count: int) -> Reply:
        if count <= failures:
            return status, headers, "<html><body>Máy chủ bận / busy</body></html>"
        return 200, {}, LISTING.format(label="Tin tức - Sự kiện", items="")
    return reply


def gaps(entries: list[dict[str, Any]]) -> list[float]:
    """Seconds from each answer's end to the next request's start."""
    return [b["start"] - a["end"] for a, b in itertools.pairwise(entries)]


@pytest.fixture(scope="module")
def retried(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    routes = site(items=0)
    routes["/chi-dao-dieu-hanh"] = failing_then_ok(99, 500, {})
    routes["/tin-tuc"] = failing_then_ok(2, 503, {"Retry-After": "3"})
    routes["/dang-doan-the"] = failing_then_ok(99, 503, {"Retry-After": "3600"})
    routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, "User-agent: *\nAllow: /\n")
    server = Server(routes, latency=0.0)
    tmp = tmp_path_factory.mktemp("retries")
    host = "r.lichsu.gov.vn"
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", server.url(host), "--now", "2026-11-24", "--delay", "0",
         "--concurrency", "2", "--quiet", "--no-network-probes", "--timeout", "10", "--out", str(tmp / "out"),
         "--json", str(tmp / "run.json"), "--db", str(tmp / "db.sqlite3"), *resolve(host)],
        capture_output=True, text=True, timeout=180)
    try:
        assert out.returncode == 0, out.stderr
        yield server
    finally:
        server.close()


def test_a_failing_page_is_retried_twice_each_wait_longer(retried: Server) -> None:
    tries = retried.requests(path="/chi-dao-dieu-hanh")
    assert [e["status"] for e in tries] == [500, 500, 500]  # RETRY_TIMES = 2
    first, second = gaps(tries)
    # 1 s, then 2 s (jitter only adds; the 503 elsewhere on this server may hold a retry longer).
    assert first >= 0.95 and second >= 1.95, (first, second)


def test_retry_after_is_honoured_and_the_server_rests_meanwhile(retried: Server) -> None:
    tries = retried.requests(path="/tin-tuc")
    assert [e["status"] for e in tries] == [503, 503, 200]
    assert all(g >= 2.95 for g in gaps(tries)), gaps(tries)
    # 503 speaks for the whole server: requests handed to the downloader after it wait as well (one that
    # was already queued behind the concurrency limit may still go out).
    for busy in tries[:2]:
        during = [e for e in retried.requests() if busy["end"] < e["start"] < busy["end"] + 2.9]
        assert len(during) <= 1, during


def test_a_retry_after_beyond_the_cap_is_not_retried(retried: Server) -> None:
    assert [e["status"] for e in retried.requests(path="/dang-doan-the")] == [503]


def test_backoff_doubles_is_capped_and_jitters_upwards() -> None:
    assert [backoff(n, 1.0, 30.0) for n in (1, 2, 3, 4, 5, 6, 7)] == [1, 2, 4, 8, 16, 30, 30]
    rng = random.Random(1)
    jittered = [backoff(3, 1.0, 30.0, 0.2, rng) for _ in range(200)]
    assert all(4.0 <= w <= 4.8 for w in jittered) and len(set(jittered)) > 100


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)
    assert retry_after(b"120") == 120.0
    assert retry_after(" 7 ") == 7.0
    assert retry_after("Tue, 24 Nov 2026 12:01:30 GMT", now) == 90.0
    assert retry_after("Tue, 24 Nov 2026 11:00:00 GMT", now) == 0.0  # a date in the past: now
    assert retry_after("soon") is None and retry_after(None) is None and retry_after("-5") is None
