"""Conditional requests (crawler/httpcache.py): a second `nd42 nightly` asks for last night's pages with
If-None-Match / If-Modified-Since, the server's 304s stand for the stored answers, and the snapshot is the
same as it would be from 200s; a changed page is fetched again and its new body is what is judged.

Functional, not timed: the server counts the conditional requests and the 304s it answered.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.httpcache import ValidatorStore, cache_dir_for, validators
from tests.test_nightly_sites import pages

pytestmark = pytest.mark.e2e
HOSTS = ("sa.hoalam.gov.vn", "sb.hoalam.gov.vn")
LAST_MODIFIED = formatdate(1_790_000_000, usegmt=True)


class Validating:
    """Hosts by Host header; ETag (sa also Last-Modified, sb gzip-encoded); every request logged."""

    def __init__(self) -> None:
        self.pages = {h: pages(f"Sở {h[:2].upper()} tỉnh Hòa Lâm", ["20/11/2026", "18/11/2026"]) for h in HOSTS}
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
                body = owner.pages.get(host, {}).get(self.path)
                inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
                entry = {"host": host, "path": self.path, "inm": inm, "ims": ims, "status": 404}
                with owner.lock:
                    owner.log.append(entry)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = body.encode("utf-8")
                etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
                if inm == etag:
                    entry["status"] = 304
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                zipped = host.startswith("sb") and "gzip" in self.headers.get("Accept-Encoding", "")
                if zipped:
                    data = gzip.compress(data, mtime=0)
                entry["status"] = 200
                self.send_response(200)
                self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt"
                                 else "text/html; charset=utf-8")
                self.send_header("ETag", etag)
                if host.startswith("sa"):
                    self.send_header("Last-Modified", LAST_MODIFIED)
                if zipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.delay = dict.fromkeys(HOSTS, 0.0)  # what tests.test_nightly_sites' helpers read
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, host: str) -> str:
        return f"http://{host}:{self.port}/"

    def resolve_args(self) -> list[str]:
        return [a for h in HOSTS for a in ("--resolve", f"{h}:127.0.0.1")]

    def take_log(self) -> list[dict[str, Any]]:
        with self.lock:
            out, self.log = self.log, []
        return out


@pytest.fixture
def server() -> Iterator[Validating]:
    srv = Validating()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


TIMING = {"elapsed_ms", "fetched_at", "ttfb_ms", "download_ms"}


def _pages(db: Path, run_id: int) -> dict[str, dict[str, Any]]:
    from nd42.records import to_jsonable
    from nd42.store import Store

    out = {}
    with Store(db) as store:
        for pid in store.portal_ids(run_id):
            snap = to_jsonable(store.load_snapshot(run_id, pid))
            for page in snap["pages"]:
                page = {k: v for k, v in page.items() if k not in TIMING}
                page["facts"] = {k: v for k, v in page.get("facts", {}).items() if k not in TIMING}
                page.get("headers", {}).pop("date", None)
                out[page["url"]] = page
    return out


def _run(server: Validating, tmp: Path, *extra: str) -> None:
    from tests.test_nightly_sites import registry, run_nightly

    reg = registry(server, tmp / "registry.toml")  # type: ignore[arg-type]
    out = run_nightly(server, tmp, reg, "--concurrency", "2", *extra)  # type: ignore[arg-type]
    assert out.returncode == 0, out.stderr[-3000:]


def test_the_second_night_revalidates_and_judges_the_same_pages(server: Validating, tmp_path: Path) -> None:
    _run(server, tmp_path)
    first = server.take_log()
    fetched = {(e["host"], e["path"]) for e in first if e["status"] == 200}
    assert len(fetched) >= 10
    seen: set[tuple[str, str]] = set()
    for e in first:  # within a night only a URL fetched already (robots.txt: Scrapy's and the spider's)
        assert bool(e["inm"]) == ((e["host"], e["path"]) in seen), e
        if e["status"] == 200:
            seen.add((e["host"], e["path"]))
    cache = cache_dir_for(tmp_path / "db.sqlite3")
    assert cache == tmp_path / "db.sqlite3.httpcache" and cache.is_dir()

    changed = "/tin-tuc/0"
    for host in HOSTS:
        server.pages[host][changed] = server.pages[host][changed].replace("20/11/2026", "23/11/2026")
    _run(server, tmp_path)
    second = server.take_log()
    again = {(e["host"], e["path"]): e for e in second}
    # Every page that came by 200 last night is asked for with its validators tonight ...
    for key in fetched:
        assert key in again, key
        entry = again[key]
        assert entry["inm"], entry
        assert (entry["ims"] == LAST_MODIFIED) == key[0].startswith("sa"), entry
    # ... and only the changed ones come again by 200.
    full = sorted((e["host"], e["path"]) for e in second if e["status"] == 200)
    assert full == sorted((h, changed) for h in HOSTS)
    assert all(e["status"] == 304 for e in second if (e["host"], e["path"]) in fetched and e["path"] != changed)

    one, two = _pages(tmp_path / "db.sqlite3", 1), _pages(tmp_path / "db.sqlite3", 2)
    assert one.keys() == two.keys()
    for url, page in one.items():
        if url.endswith(changed):
            assert page != two[url]
            assert "23/11/2026" not in str(page) and two[url]["status"] == 200
        else:
            assert page == two[url], url  # a 304's stored body gives the very same page facts
    # The gzip portal's wire facts are those of the stored answer, not of the empty 304.
    home = next(p for u, p in two.items() if u.startswith("http://sb.") and p["role"] == "home")
    assert home["facts"]["content_encoding"] == "gzip" and home["facts"]["transfer_size"] > 0


def test_no_http_cache_asks_afresh(server: Validating, tmp_path: Path) -> None:
    for _ in range(2):
        _run(server, tmp_path, "--no-http-cache")
        assert not any(e["inm"] or e["ims"] for e in server.take_log())
    assert not cache_dir_for(tmp_path / "db.sqlite3").exists()


def test_the_store_keeps_validators_by_url(tmp_path: Path) -> None:
    from scrapy.http import Headers

    store = ValidatorStore(tmp_path)
    store.put("https://a.gov.vn/x", 200, Headers({"ETag": '"1"', "Last-Modified": LAST_MODIFIED}), b"\nbody\n")
    meta, body = store.get("https://a.gov.vn/x") or ({}, b"")
    assert body == b"\nbody\n" and validators(meta) == {"If-None-Match": '"1"', "If-Modified-Since": LAST_MODIFIED}
    assert store.get("https://a.gov.vn/y") is None
