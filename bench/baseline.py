"""Bare-Scrapy baselines (issue 7) over exactly the URLs an ``nd42 nightly`` run fetched.

``fetch``: the callback does nothing with the response.  ``parse``: each page is parsed once with lxml
through Scrapy's selector, and its links and text are extracted (what any crawler that looks at a page
has to do).  The politeness settings are nd42's (crawler/settings.py with the run's options laid over:
concurrency per portal, download delay with its randomisation and AutoThrottle, robots.txt obeyed),
and as many portals are crawled at once as ``--max-portals-at-once`` lets nd42 crawl: the next portal's
URLs are handed to Scrapy when one of the N portals being crawled is done, in the order nd42 stored them.

Prints one JSON line: pages answered, bytes received, and what it extracted (links, text characters).

    python -m bench.baseline --db DB --run 1 --mode parse --resolve-all 127.0.0.1 --delay 0.25
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse
from scrapy.settings import Settings


def fetched_urls(db: Path, run_id: int) -> list[str]:
    """Every URL the run asked for, in the order it stored them (pages of every portal)."""
    from nd42.store import Store

    urls: list[str] = []
    with Store(db) as store:
        for pid in store.portal_ids(run_id):
            snapshot = store.load_snapshot(run_id, pid)
            urls += [page.url for page in snapshot.pages if page.status is not None]
    return urls


class Baseline(scrapy.Spider):
    name = "baseline"

    def __init__(self, urls: list[str], mode: str, at_once: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mode = mode
        self.at_once = at_once
        self.pages = 0
        self.bytes = 0
        self.links = 0
        self.chars = 0
        # Portals in nd42's order, at most ``at_once`` of them being crawled at a time, as nd42 does.
        self.todo: dict[str, list[str]] = {}
        for url in urls:
            self.todo.setdefault(urlsplit(url).netloc, []).append(url)
        self.left: dict[str, int] = {}

    def _next_portal(self) -> Iterator[scrapy.Request]:
        if not self.todo:
            return
        portal = next(iter(self.todo))
        urls = self.todo.pop(portal)
        self.left[portal] = len(urls)
        for url in urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                                 meta={"handle_httpstatus_all": True, "portal": portal})

    def _done(self, portal: str) -> Iterator[scrapy.Request]:
        self.left[portal] -= 1
        if self.left[portal] == 0:
            del self.left[portal]
            yield from self._next_portal()

    async def start(self) -> Any:
        for _ in range(self.at_once):
            for request in self._next_portal():
                yield request

    def failed(self, failure: Any) -> Iterator[scrapy.Request]:
        yield from self._done(failure.request.meta["portal"])

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        self.pages += 1
        self.bytes += len(response.body)
        if self.mode == "parse" and isinstance(response, TextResponse):
            sel = response.selector  # one lxml parse, shared by both queries
            self.links += len([response.urljoin(h) for h in sel.xpath("//a/@href").getall()])
            self.chars += len(" ".join(t.strip() for t in sel.xpath("//body//text()").getall()))
        yield from self._done(response.meta["portal"])


def settings(args: argparse.Namespace, hosts: set[str]) -> Settings:
    s = Settings()
    s.setmodule("crawler.settings", priority="project")
    throttle = args.delay > 0
    s.setdict({
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
        "CONCURRENT_REQUESTS": args.concurrency * args.max_portals_at_once,
        "DOWNLOAD_DELAY": args.delay,
        "RANDOMIZE_DOWNLOAD_DELAY": args.delay > 0,
        "AUTOTHROTTLE_ENABLED": throttle,
        "AUTOTHROTTLE_START_DELAY": max(args.delay, 0.1),
        "DOWNLOAD_TIMEOUT": args.timeout,
        "ROBOTSTXT_OBEY": True,
        "LOG_LEVEL": "ERROR",
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        # The fleet's names are served on 127.0.0.1, as nd42's --resolve maps them.
        "TWISTED_DNS_RESOLVER": "crawler.resolver.OverrideResolver",
        "ND42_RESOLVE": dict.fromkeys(hosts, args.resolve_all),
        "HTTPPROXY_ENABLED": False,
    }, priority="cmdline")
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--db", type=Path, required=True, help="nd42's database")
    ap.add_argument("--run", type=int, default=1, help="the nightly run whose URLs are fetched")
    ap.add_argument("--urls", type=Path, help="a file of URLs instead (one a line)")
    ap.add_argument("--mode", choices=("fetch", "parse"), required=True)
    ap.add_argument("--resolve-all", default="127.0.0.1", metavar="IP")
    ap.add_argument("--delay", type=float, default=0.5)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--max-portals-at-once", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=30)
    args = ap.parse_args(argv)
    urls = args.urls.read_text().split() if args.urls else fetched_urls(args.db, args.run)
    hosts = {urlsplit(u).hostname or "" for u in urls}
    process = CrawlerProcess(settings(args, hosts))
    crawler = process.create_crawler(Baseline)
    process.crawl(crawler, urls=urls, mode=args.mode, at_once=args.max_portals_at_once)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, Baseline)
    print(json.dumps({"mode": args.mode, "urls": len(urls), "pages": spider.pages, "bytes": spider.bytes,
                      "links": spider.links, "chars": spider.chars}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

