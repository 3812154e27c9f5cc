"""Small portals for the nightly tests: one HTTP server on 127.0.0.1 serving several public-looking hosts
(told apart by the Host header, reached through ``--resolve``), each with its own response delay, and a
log of every request with its start and end, so concurrency is measured on the server's side.

Also the helpers the nightly tests share: a registry for these hosts and ``nd42 nightly`` in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOME = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{name}</title></head><body>
<div id="header"><h1>{name}</h1></div>
<nav class="menu"><ul>
<li><a href="/chi-dao-dieu-hanh">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/dang-doan-the">Đảng - Đoàn thể</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li>
</ul></nav><div id="content"><p>Chào mừng</p></div>
<div id="footer">Cơ quan chủ quản: {name}. Địa chỉ: Số 1 đường Lê Lợi.</div></body></html>"""
LISTING = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{label}</title></head><body>
<div id="content"><h1>{label}</h1><ul class="list">{items}</ul></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Bài {n}</title></head><body>
<div id="content"><h1>Bài số {n}</h1><p class="date">Ngày đăng: {date}</p><p>Nội dung.</p></div></body></html>"""
SECTIONS = {"/chi-dao-dieu-hanh": "Văn bản chỉ đạo điều hành", "/dang-doan-the": "Đảng - Đoàn thể",
            "/tin-tuc": "Tin tức - Sự kiện"}


def pages(name: str, dates: list[str]) -> dict[str, str]:
    """A portal of 3 sections; each listing links item pages (no dates on the listing: they are opened)."""
    out = {"/": HOME.format(name=name), "/robots.txt": "User-agent: *\nAllow: /\n"}
    for path, label in SECTIONS.items():
        items = "".join(f'<li><a href="{path}/{n}">Tin số {n} của mục {label}</a></li>' for n in range(len(dates)))
        out[path] = LISTING.format(label=label, items=items)
        for n, date in enumerate(dates):
            out[f"{path}/{n}"] = ARTICLE.format(n=n, date=date)
    return out


class Sites:
    """Hosts served by one threaded server; ``delay[host]`` seconds before each answer."""

    def __init__(self, hosts: dict[str, float], dates: list[str] | None = None) -> None:
        self.delay = dict(hosts)
        self.pages = {h: pages(f"Sở {h.split('.')[0].upper()} tỉnh Hòa Lâm", dates or ["20/11/2026", "18/11/2026"])
                      for h in hosts}
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.active: dict[str, int] = {}
        self.max_active: dict[str, int] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower()
                entry = {"host": host, "path": self.path, "start": time.monotonic(), "end": None,
                         "ua": self.headers.get("User-Agent", "")}
                with owner.lock:
                    owner.log.append(entry)
                    owner.active[host] = owner.active.get(host, 0) + 1
                    owner.max_active[host] = max(owner.max_active.get(host, 0), owner.active[host])
                try:
                    time.sleep(owner.delay.get(host, 0.0))
                    body = owner.pages.get(host, {}).get(self.path)
                    data = (body or "<html><body>404</body></html>").encode("utf-8")
                    kind = "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8"
                    self.send_response(200 if body is not None else 404)
                    self.send_header("Content-Type", kind)
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the crawler went away (a killed run): nothing to answer
                    pass
                finally:
                    with owner.lock:
                        owner.active[host] -= 1
                        entry["end"] = time.monotonic()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, host: str) -> str:
        return f"http://{host}:{self.port}/"

    def resolve_args(self) -> list[str]:
        return [a for h in sorted(self.delay) for a in ("--resolve", f"{h}:127.0.0.1")]

    def entries(self, host: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(e) for e in self.log if host is None or e["host"] == host]

    def first_requests(self) -> list[str]:
        """Hosts in the order their first request arrived."""
        seen: list[str] = []
        for entry in self.entries():
            if entry["host"] not in seen:
                seen.append(entry["host"])
        return seen

    def max_hosts_at_once(self) -> int:
        """Most hosts whose crawl (first request to last answer) overlapped at one moment."""
        spans = []
        for host in self.delay:
            mine = self.entries(host)
            if mine:
                spans.append((min(e["start"] for e in mine), max(e["end"] or time.monotonic() for e in mine)))
        moments = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans], key=lambda m: (m[0], m[1]))
        best = now = 0
        for _, step in moments:
            now += step
            best = max(best, now)
        return best

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def registry(sites: Sites, path: Path, *, extra: dict[str, str] | None = None, defaults: str = "") -> Path:
    """One entry per host (id = the host's first label), in the hosts' order; ``extra[id]`` adds lines."""
    lines = [defaults] if defaults else []
    for host in sites.delay:
        pid = host.split(".")[0]
        lines.append(f'[[portal]]\nid = "{pid}"\nname = "Sở {pid.upper()} tỉnh Hòa Lâm"\nurl = "{sites.url(host)}"\n'
                     f'level = "department"\nparent = "https://hoalam.gov.vn/"\nagency = "UBND tỉnh Hòa Lâm"\n'
                     + (extra or {}).get(pid, ""))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def nightly_args(sites: Sites, tmp: Path, reg: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "nd42.cli", "nightly", "--registry", str(reg), "--db", str(tmp / "db.sqlite3"),
            "--out", str(tmp / "out"), "--now", "2026-11-24", "--delay", "0", "--no-network-probes",
            "--timeout", "10", *sites.resolve_args(), *extra]


def run_nightly(sites: Sites, tmp: Path, reg: Path, *extra: str,
                timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(nightly_args(sites, tmp, reg, *extra), capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_the_sites_answer_by_host_name() -> None:
    import http.client

    sites = Sites({"sa.hoalam.gov.vn": 0.0, "sb.hoalam.gov.vn": 0.0})
    try:
        conn = http.client.HTTPConnection("127.0.0.1", sites.port, timeout=5)
        conn.request("GET", "/", headers={"Host": f"sb.hoalam.gov.vn:{sites.port}"})
        assert "SỞ SB" in conn.getresponse().read().decode("utf-8").upper()
        assert sites.first_requests() == ["sb.hoalam.gov.vn"] and sites.max_hosts_at_once() == 1
    finally:
        sites.close()
