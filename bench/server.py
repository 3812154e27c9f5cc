"""The fleet server (issue 7): every portal of a :class:`bench.fleet.Fleet` from one process and one port.

Portals are virtual hosts told apart by the ``Host`` header (``soNNNN.bench-hoalam.gov.vn``), all
reached at 127.0.0.1 (``nd42 nightly --resolve``; the crawler's resolver maps them).  HTTP/1.1 with
keep-alive on asyncio; each response waits ``--latency`` seconds first (the network and the server's
own slowness); ``ETag`` and ``Last-Modified`` on every page, with ``304 Not Modified`` for a matching
``If-None-Match`` (else ``If-Modified-Since``); ``gzip`` when asked (``--gzip``, as most portals do).

The night and the counters are driven over HTTP on the same port with the host ``bench.control``:
``GET /night/N`` serves night N (pages whose hash falls under ``--change-share`` change at each night),
``GET /stats`` returns the counters as JSON (requests, by status, conditional requests, bytes sent
including headers), ``GET /reset`` zeroes them.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import resource
import signal
import time
from collections import Counter, OrderedDict
from email.utils import parsedate_to_datetime
from typing import Any

from bench.fleet import Fleet

CONTROL = "bench.control"


class FleetServer:
    def __init__(self, fleet: Fleet, latency: float = 0.1, night: int = 1, use_gzip: bool = False,
                 cache_pages: int = 2048) -> None:
        self.fleet = fleet
        self.latency = latency
        self.night = night
        self.gzip = use_gzip
        self.cache: OrderedDict[tuple[int, str, int, bool], tuple[bytes, str, str, str]] = OrderedDict()
        self.cache_pages = cache_pages
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.bytes = 0
        self.status: Counter[int] = Counter()
        self.conditional = 0
        self.hosts: set[str] = set()
        self.started = time.monotonic()

    def stats(self) -> dict[str, Any]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {"requests": self.requests, "bytes": self.bytes, "status": {str(k): v for k, v in self.status.items()},
                "conditional": self.conditional, "hosts": len(self.hosts), "night": self.night,
                "cpu_s": usage.ru_utime + usage.ru_stime, "seconds": time.monotonic() - self.started}

    def _page(self, index: int, path: str) -> tuple[bytes, str, str, str] | None:
        version = self.fleet.version(index, path, self.night)
        key = (index, path, version, self.gzip)
        hit = self.cache.get(key)
        if hit is not None:
            self.cache.move_to_end(key)
            return hit
        page = self.fleet.page(index, path, self.night)
        if page is None:
            return None
        body = gzip.compress(page.body, compresslevel=6, mtime=0) if self.gzip else page.body
        entry = (body, page.content_type, page.etag, page.last_modified)
        self.cache[key] = entry
        if len(self.cache) > self.cache_pages:
            self.cache.popitem(last=False)
        return entry

    def _control(self, path: str) -> tuple[int, bytes]:
        if path.startswith("/night/"):
            self.night = int(path.rsplit("/", 1)[1])
            self.cache.clear()
        elif path == "/reset":
            self.reset()
        elif path != "/stats":
            return 404, b"{}"
        return 200, json.dumps(self.stats()).encode()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                lines = head.decode("latin-1").split("\r\n")
                parts = lines[0].split(" ")
                if len(parts) != 3:
                    return
                method, target, _version = parts
                headers = {}
                for line in lines[1:]:
                    name, sep, value = line.partition(":")
                    if sep:
                        headers[name.strip().lower()] = value.strip()
                path = target.split("?", 1)[0].split("#", 1)[0]
                hostname = headers.get("host", "").rsplit(":", 1)[0].lower()
                if hostname == CONTROL:
                    status, body = self._control(path)
                    extra = "Content-Type: application/json\r\n"
                else:
                    await asyncio.sleep(self.latency)
                    status, body, extra = self._answer(hostname, path, headers)
                if method == "HEAD":
                    body = b""
                reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}.get(status, "OK")
                close = headers.get("connection", "").lower() == "close"
                out = (f"HTTP/1.1 {status} {reason}\r\nServer: nginx\r\nDate: {_now()}\r\n{extra}"
                       + ("" if status == 304 else f"Content-Length: {len(body)}\r\n")
                       + ("Connection: close\r\n" if close else "") + "\r\n").encode("latin-1")
                writer.write(out + body)
                if hostname != CONTROL:
                    self.requests += 1
                    self.bytes += len(out) + len(body)
                    self.status[status] += 1
                    self.hosts.add(hostname)
                await writer.drain()
                if close:
                    return
        except ConnectionError:
            return
        finally:
            writer.close()

    def _answer(self, hostname: str, path: str, headers: dict[str, str]) -> tuple[int, bytes, str]:
        index = self.fleet.index_of(hostname)
        page = self._page(index, path) if index is not None else None
        if page is None:
            return 404, b"<html><body><h1>404</h1></body></html>", "Content-Type: text/html; charset=utf-8\r\n"
        body, kind, etag, modified = page
        validators = f"ETag: {etag}\r\nLast-Modified: {modified}\r\nCache-Control: no-cache\r\n"
        inm, ims = headers.get("if-none-match"), headers.get("if-modified-since")
        if inm or ims:
            self.conditional += 1
        if (inm is not None and etag in [t.strip() for t in inm.split(",")]) or (
                inm is None and ims is not None and _not_after(modified, ims)):
            return 304, b"", validators
        encoding = "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n" if self.gzip else ""
        return 200, body, f"Content-Type: {kind}\r\n{validators}{encoding}"


def _now() -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())


def _not_after(modified: str, since: str) -> bool:
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


async def serve(server: FleetServer, port: int, ready: Any = None) -> None:
    srv = await asyncio.start_server(server.handle, "127.0.0.1", port, backlog=1024, limit=1 << 16)
    if ready is not None:
        ready(srv.sockets[0].getsockname()[1])
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with srv:
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--portals", type=int, default=200)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--port", type=int, default=8442)
    ap.add_argument("--latency", type=float, default=0.1, help="seconds before each answer (default 0.1)")
    ap.add_argument("--night", type=int, default=1)
    ap.add_argument("--change-share", type=float, default=0.0,
                    help="share of listing and article pages that change at each night (default 0)")
    ap.add_argument("--gzip", action="store_true", help="gzip-encode every page (sent to every client)")
    args = ap.parse_args(argv)
    fleet = Fleet(args.portals, args.seed, change_share=args.change_share)
    server = FleetServer(fleet, args.latency, args.night, args.gzip)
    asyncio.run(serve(server, args.port, lambda port: print(f"listening on 127.0.0.1:{port}", flush=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
