"""Conditional requests between nights: a page fetched last night is asked for with its validators.

A night's 200 answers that carry an ``ETag`` or a ``Last-Modified`` are kept (status, headers and the
body as it came over the wire, still compressed) in a cache folder, by default ``<db>.httpcache/``
next to the database.  The next night asks for the same URL with ``If-None-Match`` /
``If-Modified-Since``; on ``304 Not Modified`` the stored answer stands in for the 304, its headers
refreshed by the 304's own (``Date``, ``ETag``, ``Cache-Control``... as RFC 9111 §4.3.4 says).

Every stored answer is revalidated: none is ever used without asking the server (a portal's pages
are checked as they are tonight, not as a cache thinks they probably are).

This is done in the download handler, below Scrapy's downloader middlewares and before the
``response_downloaded`` signal, so that everything after it (the home chain the probes read, the
wire facts, decompression, the spider's facts) sees the same response whether the page came by 200
or by 304: the snapshot is the same, computed from the same body.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

SETTING = "ND42_HTTPCACHE_DIR"
HANDLER = "crawler.httpcache.RevalidatingDownloadHandler"
FORMAT = 1
# A 304's headers describe the stored body's representation except these, which describe a transfer.
KEEP_STORED = {b"content-length", b"content-encoding", b"content-type", b"transfer-encoding", b"content-range"}


def cache_dir_for(db_path: Path) -> Path:
    """The default cache folder of a database: ``nd42.sqlite3`` → ``nd42.sqlite3.httpcache/``."""
    return db_path.with_name(db_path.name + ".httpcache")


def settings_for(cache_dir: Path | None) -> dict[str, Any]:
    """Scrapy settings that turn conditional requests on with ``cache_dir`` (none: no settings)."""
    if cache_dir is None:
        return {}
    return {SETTING: str(cache_dir), "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER}}


class ValidatorStore:
    """Last answers by URL: ``<dir>/<2 hex>/<sha1 of the URL>``, a JSON line then the raw body."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, url: str) -> Path:
        key = hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()
        return self.root / key[:2] / key

    def get(self, url: str) -> tuple[dict[str, Any], bytes] | None:
        try:
            data = self._path(url).read_bytes()
        except OSError:
            return None
        head, sep, body = data.partition(b"\n")
        if not sep:
            return None
        try:
            meta = json.loads(head)
        except ValueError:
            return None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("url") != url:
            return None
        return meta, body

    def put(self, url: str, status: int, headers: Headers, body: bytes) -> None:
        meta = {"format": FORMAT, "url": url, "status": status,
                "headers": [[k.decode("latin-1"), [v.decode("latin-1") for v in vs]] for k, vs in headers.items()]}
        path = self._path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n" + body)
            Path(tmp).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise


def validators(meta: dict[str, Any]) -> dict[str, str]:
    """The conditional headers for a stored answer (none if it had no validator)."""
    headers = {k.lower(): vs[-1] for k, vs in meta.get("headers", []) if vs}
    out = {}
    if headers.get("etag"):
        out["If-None-Match"] = headers["etag"]
    if headers.get("last-modified"):
        out["If-Modified-Since"] = headers["last-modified"]
    return out


def storable(request: Request, response: Response) -> bool:
    if request.method != "GET" or response.status != 200 or b"Range" in request.headers:
        return False
    if b"no-store" in (response.headers.get(b"Cache-Control") or b"").lower():
        return False
    return bool(response.headers.get(b"ETag") or response.headers.get(b"Last-Modified"))


class RevalidatingDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, asking conditionally for what the cache folder holds."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        folder = crawler.settings.get(SETTING)
        self.store = ValidatorStore(Path(folder)) if folder else None
        self.stats = crawler.stats

    async def download_request(self, request: Request) -> Response:
        store = self.store
        if store is None or request.method != "GET":
            return await super().download_request(request)
        stored = store.get(request.url)
        asked = validators(stored[0]) if stored is not None else {}
        for name, value in asked.items():
            if name not in request.headers:
                request.headers[name] = value
        response = await super().download_request(request)
        if response.status == 304 and stored is not None and asked:
            self._inc("nd42/httpcache/revalidated")
            return self._stored_response(request, response, *stored)
        if asked:
            self._inc("nd42/httpcache/changed")
        if storable(request, response):
            try:
                store.put(request.url, response.status, response.headers, response.body)
                self._inc("nd42/httpcache/stored")
            except OSError:  # a full disk costs tomorrow's 304s, never tonight's page
                self._inc("nd42/httpcache/store_failed")
        return response

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    @staticmethod
    def _stored_response(request: Request, fresh: Response, meta: dict[str, Any], body: bytes) -> Response:
        headers = Headers()
        for name, values in meta.get("headers", []):
            headers.setlist(name, values)
        for name, values in fresh.headers.items():
            if name.lower() not in KEEP_STORED:
                headers.setlist(name, values)
        url = meta.get("url") or request.url
        cls = responsetypes.from_args(headers=headers, url=url, body=body)
        return cls(url=url, status=int(meta.get("status", 200)), headers=headers, body=body, request=request,
                   certificate=fresh.certificate, ip_address=fresh.ip_address, protocol=fresh.protocol)
