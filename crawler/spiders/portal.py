"""The portal spider: a targeted, bounded crawl of one portal.

Phases (the spider's idle signal moves from discovery to sections):

1. **home** — the start URL; redirects and meta refreshes (SharePoint's ``/Pages/default.aspx``)
   are followed by Scrapy's middlewares.  Menu links (dropdowns included) become candidates.
2. **discovery** — the HTML site-map page, ``sitemap.xml`` (and those named in robots.txt).
3. **sections** — the first listing page of each listing kind's best candidate, and the page of
   each other kind.  A listing without datable items leads to its next page and then to up to K
   item pages; a failed or empty candidate leads to the next candidate.  Documents listings
   (legal, directive, consultation) also lead to their first detail pages, for the documents'
   labelled fields.
4. **probes** — a print function on an article page, the home page's search box tried with a
   title the portal lists, and the English pages (:mod:`crawler.spiders.probing`).
5. **checks** — with what the budget leaves: the home page's RSS/Atom feed and a sample of its
   internal links, fetched for their status (:mod:`crawler.spiders.probing`).

Every HTML page gets its facts (docs/facts.md) when it is recorded, its technical facts
(``tech``: :mod:`crawler.extract.tech`) included; every response its time to first byte and the
content encoding it came with.

Every request goes through :meth:`PortalSpider._request`, which enforces the page budget, the
depth cap and the allowed hosts, so nothing outside the portal is ever fetched.  A time budget
(``CrawlOptions.time_budget``) closes the spider when it runs out: no request is asked for after
it, requests on the wire are not retried, and ``crawl.time_budget_exhausted`` says so.  The spider only
records what it saw; it judges nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro

from crawler.errors import classify_failure, http_error_class, looks_like_challenge
from crawler.extract.article import extract_article_date
from crawler.extract.dates import DateBounds
from crawler.extract.documents import doc_fact, merge_meta
from crawler.extract.elements import file_ext
from crawler.extract.facts import page_facts_scan
from crawler.extract.listing import ListingOverrides, extract_listing
from crawler.extract.page import MAX_PARSE_BYTES, MAX_URL_CHARS, ParsedPage
from crawler.extract.scan import Scan
from crawler.extract.sections import best_by_kind, discover, discover_urls
from crawler.extract.sitemap import parse_robots_sitemaps, parse_sitemap, robots_facts
from crawler.extract.tech import tech_facts
from crawler.middlewares import REFRESH_REFUSED
from crawler.spiders.probing import ProbeMixin
from crawler.urls import netloc
from nd42.clock import in_vietnam
from nd42.config import CrawlOptions, PortalConfig, allowed_hosts
from nd42.records import (
    LISTING_KINDS,
    PAGE_KINDS,
    PageFetch,
    PortalSnapshot,
    SectionCandidate,
    SectionSnapshot,
)

# Non-2xx answers come to the callbacks (not the errback) so that their status and body are
# recorded; 3xx stay with the redirect middleware.
HANDLED_STATUSES = [*range(400, 600)]
KEPT_HEADERS = ("server", "content-type", "content-length", "last-modified", "etag", "cache-control", "x-powered-by",
                "strict-transport-security", "content-security-policy", "x-frame-options", "x-content-type-options",
                "referrer-policy", "location", "content-encoding", "microsoftsharepointteamservices",
                "liferay-portal", "expires", "age", "vary", "x-aspnet-version", "x-aspnetmvc-version",
                "permissions-policy", "x-ua-compatible", "x-generator")
CMS_MARKERS = (
    ("sharepoint", ("microsoft sharepoint", "_spPageContextInfo", "__REQUESTDIGEST", "/_layouts/")),
    ("liferay", ("var Liferay", "themeDisplay", "/web/guest", "p_p_id=", "liferay-portal")),
    ("dnn", ("DotNetNuke", "DNN Platform", "/Portals/0/", "DesktopModules/")),
    ("nukeviet", ("NukeViet", "nv_base_siteurl")),
    ("wordpress", ("wp-content", "wp-includes")),
    ("joomla", ("Joomla!", "/media/jui/")),
    ("drupal", ("drupal-settings-json", "sites/default/files")),
    ("websphere", ("/wps/portal", "wpsPortletBody")),
)
ProgressFn = Callable[[str, dict[str, Any]], None]
MAX_KEPT_SITEMAPS = 50  # robots.txt Sitemap: lines kept in the snapshot
MAX_KEPT_ITEMS = 200  # items of one listing page kept in the snapshot
MAX_KEPT_URL = 2048  # characters of a URL kept where a page's own text is stored
# Documents whose detail pages are opened for their labelled fields (number, issuer, dates...).
DOC_KINDS = ("legal_documents", "directive_documents", "consultation")
# Roles whose pages are not HTML documents of the portal: no page facts.
NO_FACTS_ROLES = ("robots", "sitemap_xml", "feed", "linkcheck")
# Link-check pages are fetched for their status only, feeds are read as XML: neither is parsed as HTML.
UNPARSED_ROLES = ("linkcheck", "feed")


def guess_cms(body: bytes, headers: dict[str, str]) -> str | None:
    head = body[:200000].decode("utf-8", "replace")
    joined = head + " " + " ".join(f"{k}: {v}" for k, v in headers.items())
    for name, markers in CMS_MARKERS:
        if any(m.lower() in joined.lower() for m in markers):
            return name
    return None


class PortalSpider(ProbeMixin, scrapy.Spider):
    name = "portal"

    def __init__(self, portal: PortalConfig | None = None, options: CrawlOptions | None = None,
                 clock: dt.datetime | None = None, on_done: Callable[[PortalSnapshot], None] | None = None,
                 progress: ProgressFn | None = None, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if portal is None:
            # `scrapy crawl portal -a url=...` from the project directory.
            from nd42.clock import crawl_start
            from nd42.config import portal_id_from_url, validate_url

            assert url, "pass -a url=https://portal.example.gov.vn/"
            valid = validate_url(url)
            portal = PortalConfig(id=portal_id_from_url(valid), url=valid)
            clock = clock or crawl_start()
        self.portal = portal
        self.options = options or CrawlOptions()
        self.clock = in_vietnam(clock) if clock else in_vietnam(dt.datetime.now(dt.UTC))
        self.on_done = on_done
        self.progress = progress
        self.bounds = DateBounds(now=self.clock)
        self.allowed = allowed_hosts(portal.url)
        # Scrapy's offsite middleware also drops redirects that leave the portal.
        self.allowed_domains = sorted({h.rsplit(":", 1)[0] if h.count(":") == 1 else h for h in self.allowed})
        self.snapshot = PortalSnapshot(portal_id=portal.id, url=portal.url, started_at=self.clock, name=portal.name,
                                       portal=portal.info())
        self.issued = 0
        self.refused: str | None = None  # why the last _request returned None: too_long|offsite|seen|depth|budget
        self.opened_items: set[str] = set()
        self.sitemap_xml_states: list[str] = []
        self.seen: set[str] = set()
        self.phase = "home"
        self.candidates: list[SectionCandidate] = []
        self.tried: dict[str, list[str]] = {}
        self.listing_pages: dict[str, int] = {}
        self.pending: dict[str, SectionCandidate] = {}  # kind → the candidate requested, not yet recorded
        self.budget_hit = False
        self.time_up = False
        self.deadline: float | None = None  # monotonic time the time budget ends
        self._time_call: Any = None
        self._t0 = time.monotonic()

    # ------------------------------------------------------------------ plumbing
    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._on_headers, signal=signals.headers_received)
        crawler.signals.connect(spider._on_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(spider._on_opened, signal=signals.spider_opened)
        return spider

    def _on_opened(self, spider: scrapy.Spider) -> None:
        if spider is self and self.options.time_budget is not None:
            # The retry middleware reads it: no retry is scheduled past the budget.
            self.deadline = time.monotonic() + self.options.time_budget
            self._time_call = call_later(self.options.time_budget, self._time_spent)

    def _time_spent(self) -> None:
        """The time budget ran out: ask for nothing more and close, keeping what was seen."""
        self._time_call = None
        self.time_up = True
        engine = self.crawler.engine
        # A retry would be a new request after the budget; the answers on the wire are still recorded.
        for request in list(engine.downloader.active):
            request.meta["dont_retry"] = True
        deferred_from_coro(engine.close_spider_async(reason="time_budget"))

    def _on_headers(self, request: Request, spider: scrapy.Spider) -> None:
        if spider is self:
            request.meta["headers_at"] = time.monotonic()

    def _on_downloaded(self, response: Response, request: Request, spider: scrapy.Spider) -> None:
        """Note what came over the wire before HttpCompressionMiddleware decompresses the body and, since
        Scrapy 2.13, deletes its Content-Encoding header (PF-004 asks which encoding the server used)."""
        if spider is not self:
            return
        encoding = b", ".join(response.headers.getlist(b"Content-Encoding")).decode("latin-1").strip().lower()
        # The download's own duration: from its start (the headers' arrival less Scrapy's latency, which runs
        # from the start) to the last byte.  elapsed_ms runs from when the request was queued, delays included.
        latency, headers_at = request.meta.get("download_latency"), request.meta.pop("headers_at", None)
        download_ms = int((time.monotonic() - headers_at + latency) * 1000) \
            if isinstance(latency, float | int) and isinstance(headers_at, float) else None
        # Set on every hop: a redirect's request meta is copied to the next request, which must not inherit it.
        request.meta["wire"] = {"content_encoding": encoding or None, "transfer_size": len(response.body),
                                "download_ms": download_ms}

    def _elapsed_clock(self) -> str:
        return (self.clock + dt.timedelta(seconds=time.monotonic() - self._t0)).isoformat(timespec="seconds")

    def _request(self, url: str, role: str, callback: Callable[..., Any], *, kind: str | None = None, depth: int = 0,
                 priority: int = 0, extra: dict[str, Any] | None = None, robots: bool = True) -> Request | None:
        if len(url) > MAX_URL_CHARS:
            self.refused = "too_long"  # no server takes such a request line: not asked, not stored
            return None
        if netloc(url) not in self.allowed:
            self.refused = "offsite"
            return None
        key = url.split("#", 1)[0]
        if key in self.seen:
            self.refused = "seen"
            return None
        if depth > self.options.max_depth:
            self.refused = "depth"
            return None
        if self.time_up:
            # The probes' states read "budget" for either bound; crawl.time_budget_exhausted tells which.
            self.refused = "budget"
            return None
        if self.issued >= self.options.page_budget:
            self.budget_hit = True
            self.refused = "budget"
            return None
        self.refused = None
        self.seen.add(key)
        self.issued += 1
        meta: dict[str, Any] = {"role": role, "kind": kind, "depth": depth, "t0": time.monotonic(),
                                "handle_httpstatus_list": HANDLED_STATUSES, **(extra or {})}
        if not robots:
            meta["dont_obey_robotstxt"] = True
        return Request(key, callback=callback, errback=self._failed, meta=meta, priority=priority, dont_filter=True)

    def _record(self, response: Response) -> tuple[PageFetch, ParsedPage | None]:
        page, parsed, _found = self._record_scan(response)
        return page, parsed

    def _record_scan(self, response: Response) -> tuple[PageFetch, ParsedPage | None, Scan | None]:
        meta = response.meta
        original = (meta.get("redirect_urls") or [response.request.url if response.request else response.url])[0]
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1")
                   for k, v in response.headers.items() if k.decode("latin-1").lower() in KEPT_HEADERS}
        page = PageFetch(
            url=original, role=meta["role"], kind=meta.get("kind"), final_url=response.url, status=response.status,
            elapsed_ms=int((time.monotonic() - meta.get("t0", time.monotonic())) * 1000), size=len(response.body),
            content_type=headers.get("content-type"), headers=headers, fetched_at=self._elapsed_clock(),
        )
        if response.status >= 400:
            page.error_class = http_error_class(response.status, response.body)
        elif looks_like_challenge(response.body):
            page.error_class = "waf"
        if response.meta.get("redirect_urls"):
            page.facts["redirects"] = [*response.meta["redirect_urls"][1:], response.url]
        if response.meta.get(REFRESH_REFUSED):
            # Its meta refresh leads off the portal, to another scheme or back along the chain: not followed.
            page.facts["meta_refresh_refused"] = response.meta[REFRESH_REFUSED]
        latency = meta.get("download_latency")
        wire = meta.get("wire") or {}
        page.facts.update({"ttfb_ms": int(latency * 1000) if isinstance(latency, float | int) else None,
                           "download_ms": wire.get("download_ms"),
                           "content_encoding": wire.get("content_encoding"),
                           "transfer_size": wire.get("transfer_size")})
        self.snapshot.pages.append(page)
        self._progress("page", {"url": response.url, "status": response.status})
        parsed = None
        found = None
        if page.ok and _parses(page) and isinstance(response, scrapy.http.TextResponse) \
                and _is_html(page.content_type, response.body):
            parsed = ParsedPage(response.url, response.body, page.content_type)
            if parsed.truncated:
                page.facts["parsed_bytes"] = MAX_PARSE_BYTES  # the rest of the page was not read
            if parsed.too_deep:
                page.facts["parse_too_deep"] = True  # elements nested deeper than 256 levels were not read
            if page.role not in NO_FACTS_ROLES:
                facts, found = page_facts_scan(parsed, page.role, self.allowed)
                page.facts.update(facts)
                page.facts["tech"] = tech_facts(parsed, response.body, page.content_type, found=found,
                                                home=page.role == "home", hosts=self.allowed)
        return page, parsed, found

    def _failed(self, failure: Any) -> Iterator[Request]:
        request = failure.request
        meta = request.meta
        error_class, message = classify_failure(failure)
        page = PageFetch(url=request.url, role=meta.get("role", "unknown"), kind=meta.get("kind"),
                         error_class=error_class, error_message=message[:500], fetched_at=self._elapsed_clock(),
                         elapsed_ms=int((time.monotonic() - meta.get("t0", time.monotonic())) * 1000))
        self.snapshot.pages.append(page)
        self._progress("page", {"url": request.url, "error": error_class})
        yield from self._after_failure(page, meta)

    def _progress(self, event: str, data: dict[str, Any]) -> None:
        if self.progress is None:
            return
        found = sorted(k for k, s in self.snapshot.sections.items() if s.state != "unreachable")
        self.progress(event, {**data, "portal": self.portal.id, "pages": len(self.snapshot.pages), "sections": found})

    # ------------------------------------------------------------------ phase 1: home
    async def start(self) -> AsyncIterator[Request]:
        request = self._request(self.portal.url, "home", self.parse_home)
        if request is not None:
            yield request

    def parse_home(self, response: Response) -> Iterator[Request]:
        page, parsed, found = self._record_scan(response)
        self.snapshot.home_url = response.url
        self.seen.add(response.url.split("#", 1)[0])
        # A redirect to the www twin (or away from it) widens the allowed hosts to that pair only.
        self.allowed |= allowed_hosts(response.url) if urlsplit(response.url).netloc.lower().removeprefix("www.") == \
            urlsplit(self.portal.url).netloc.lower().removeprefix("www.") else set()
        self.snapshot.cms = guess_cms(response.body, page.headers)
        self.snapshot.discovery.update({"menus": "read" if parsed is not None else "failed",
                                        "sitemap_page": "absent", "sitemap_xml": "absent"})
        if parsed is None:
            self.phase = "done"
            return
        self.home_page = page
        if found is not None:
            self._link_pool(found)
        self.snapshot.name = self.snapshot.name or parsed.title or None
        self._add_candidates(discover(parsed, "home", self.allowed))
        self.phase = "discovery"
        origin = f"{urlsplit(response.url).scheme}://{urlsplit(response.url).netloc}"
        for req in (
            self._request(origin + "/robots.txt", "robots", self.parse_robots, depth=1, robots=False),
            self._request(origin + "/sitemap.xml", "sitemap_xml", self.parse_sitemap_xml, depth=1),
        ):
            if req is not None:
                yield req
        sitemap_pages = best_by_kind(self.candidates).get("sitemap", [])
        if sitemap_pages:
            req = self._request(sitemap_pages[0].url, "sitemap_page", self.parse_sitemap_page, kind="sitemap", depth=1)
            if req is not None:
                self.snapshot.discovery["sitemap_page"] = "failed"  # until its page is read
                yield req

    # ------------------------------------------------------------------ phase 2: discovery
    def parse_robots(self, response: Response) -> Iterator[Request]:
        page, _ = self._record(response)
        if not page.ok:
            return
        text = response.body[:200000].decode("utf-8", "replace")
        sitemaps = parse_robots_sitemaps(text)
        # A robots.txt may list thousands: the first ones are kept (3 are fetched), and how many there were.
        page.facts["sitemaps"] = [url[:MAX_KEPT_URL] for url in sitemaps[:MAX_KEPT_SITEMAPS]]
        page.facts["sitemaps_declared"] = len(sitemaps)
        page.facts.update(robots_facts(response.body))
        for url in sitemaps[:3]:
            req = self._request(url, "sitemap_xml", self.parse_sitemap_xml, depth=1)
            if req is not None:
                yield req

    def parse_sitemap_xml(self, response: Response) -> Iterator[Request]:
        page, _ = self._record(response)
        if page.status is None or page.status >= 400:
            self._sitemap_xml_state("absent" if page.status in (404, 410) else "failed")
            return
        result = parse_sitemap(response.body)
        page.facts.update({"urls": len(result.urls), "children": len(result.children), "error": result.error,
                           "well_formed": result.well_formed, "lastmod": result.dated})
        if result.error and not result.urls and not result.children:
            self._sitemap_xml_state("invalid")
        else:
            self._sitemap_xml_state("read" if result.urls or result.children else "absent")
        self._add_candidates(discover_urls(result.urls, "sitemap_xml", self.allowed))
        depth = response.meta.get("depth", 1)
        for child in result.children[:3]:
            req = self._request(child, "sitemap_xml", self.parse_sitemap_xml, depth=depth + 1)
            if req is not None:
                yield req

    def _sitemap_xml_state(self, state: str) -> None:
        """Several sitemaps may be fetched (robots.txt names some): the best outcome stands."""
        self.sitemap_xml_states.append(state)
        for best in ("read", "invalid", "failed", "absent"):
            if best in self.sitemap_xml_states:
                self.snapshot.discovery["sitemap_xml"] = best
                return

    def parse_sitemap_page(self, response: Response) -> Iterator[Request]:
        page, parsed = self._record(response)
        if parsed is not None:
            self.snapshot.discovery["sitemap_page"] = "read"
            self._add_candidates(discover(parsed, "sitemap_page", self.allowed))
            self._set_section(SectionSnapshot("sitemap", _label_of(self.candidates, "sitemap", page.url), page.url,
                                              "menu", state="page", pages=[page.url]))
        return iter(())

    def _add_candidates(self, found: list[SectionCandidate]) -> None:
        self.candidates.extend(found)
        self.snapshot.candidates.extend(found)

    def _on_idle(self, spider: scrapy.Spider) -> None:
        if spider is not self or self.phase not in ("discovery", "sections", "probes"):
            return
        requests: list[Request] = []
        if self.phase == "discovery":
            self.phase = "sections"
            requests = list(self._section_requests())
        if not requests and self.phase == "sections":
            self.phase = "probes"
            requests = list(self._probe_requests())
        # The feed and the link sample come last: what the budget leaves after every other probe.
        if not requests and self.phase == "probes":
            self.phase = "checks"
            requests = list(self._check_requests())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    # ------------------------------------------------------------------ phase 3: sections
    def _ranked(self) -> dict[str, list[SectionCandidate]]:
        ranked = best_by_kind(self.candidates)
        for kind, override in self.portal.sections.items():
            if override.url:
                ranked[kind] = [SectionCandidate(kind, "", override.url, "override", 100.0), *ranked.get(kind, [])]
        return ranked

    def _section_requests(self) -> Iterator[Request]:
        ranked = self._ranked()
        for kind in LISTING_KINDS:
            if ranked.get(kind):
                yield from self._try_listing(kind)
        for kind in PAGE_KINDS:
            if kind == "sitemap" and "sitemap" in self.snapshot.sections:
                continue
            for cand in ranked.get(kind, [])[:1]:
                if urlsplit(cand.url).netloc.lower() not in self.allowed:
                    # Off-site on purpose (online public services on dichvucong.gov.vn): seen, not fetched.
                    self._set_section(SectionSnapshot(kind, cand.label, cand.url, cand.via, state="page",
                                                      notes=["off-site link, not fetched"]))
                    continue
                req = self._request(cand.url, "content", self.parse_content, kind=kind, depth=1,
                                    extra={"candidate": cand})
                if req is not None:
                    self.pending[kind] = cand
                    yield req

    def _try_listing(self, kind: str) -> Iterator[Request]:
        """Request the next untried candidate of a listing kind."""
        tried = self.tried.setdefault(kind, [])
        for cand in self._ranked().get(kind, []):
            if cand.url in tried:
                continue
            if len(tried) >= self.options.candidates_per_kind:
                return
            tried.append(cand.url)
            self.listing_pages[kind] = 1
            req = self._request(cand.url, "listing", self.parse_listing, kind=kind, depth=1, priority=10,
                                extra={"candidate": cand})
            if req is not None:
                self.pending[kind] = cand
                yield req
                return

    def _set_section(self, section: SectionSnapshot) -> None:
        self.pending.pop(section.kind, None)
        old = self.snapshot.sections.get(section.kind)
        # A usable section is never replaced by a failed fallback.
        if old is not None and old.state in ("found", "page") and old.items and section.state != "found":
            return
        self.snapshot.sections[section.kind] = section
        self._progress("section", {"kind": section.kind, "state": section.state})

    def parse_content(self, response: Response) -> Iterator[Request]:
        page, _parsed = self._record(response)
        cand: SectionCandidate = response.meta["candidate"]
        state = "page" if page.ok else "unreachable"
        self._set_section(SectionSnapshot(cand.kind, cand.label, page.url, cand.via, state=state, pages=[page.url],
                                          error_class=page.error_class))
        return iter(())

    def parse_listing(self, response: Response) -> Iterator[Request]:
        page, parsed = self._record(response)
        kind: str = response.meta["kind"]
        cand: SectionCandidate = response.meta["candidate"]
        section = self.snapshot.sections.get(kind)
        continuing = response.meta.get("continuation", False) and section is not None
        if parsed is None:
            if continuing:
                assert section is not None
                section.notes.append(f"next page failed: {page.error_class}")
                yield from self._open_items(kind, response.meta.get("depth", 1))
                return
            self._set_section(SectionSnapshot(kind, cand.label, page.url, cand.via, state="unreachable",
                                              pages=[page.url], error_class=page.error_class or "not_html"))
            yield from self._try_listing(kind)
            return
        override = self.portal.sections.get(kind)
        lo = ListingOverrides(override.item, override.title, override.date, override.order) if override else None
        result = extract_listing(parsed, self.bounds, label=cand.label, overrides=lo)
        if len(result.items) > MAX_KEPT_ITEMS:
            # A listing page of thousands of items: the first ones, in the page's order, are kept.
            result.notes.append(f"{len(result.items)} items on the page: the first {MAX_KEPT_ITEMS} kept")
            del result.items[MAX_KEPT_ITEMS:]
        if continuing:
            assert section is not None
            section.pages.append(page.url)
            known = {i.url for i in section.items}
            section.items.extend(i for i in result.items if i.url not in known)
            section.notes.extend(result.notes)
        else:
            section = SectionSnapshot(kind, cand.label or parsed.title, page.url, cand.via,
                                      state="found" if result.items else "empty", pages=[page.url],
                                      items=result.items, date_order=result.date_order, notes=result.notes)
            if not result.items:
                old = self.snapshot.sections.get(kind)
                if old is None or not old.items:
                    self._set_section(section)
                yield from self._try_listing(kind)
                return
            self._set_section(section)
        depth = response.meta.get("depth", 1)
        if kind in DOC_KINDS and not continuing:
            yield from self._open_doc_pages(section, depth)
        if result.ascending and result.next_page and self.listing_pages.get(kind, 1) < self.options.listing_pages + 1:
            # Oldest first: the newest items are further on, so the next page is worth its request.
            self.listing_pages[kind] = self.listing_pages.get(kind, 1) + 1
            section.notes.append("listing sorted oldest first: next page read")
            req = self._request(result.next_page, "listing", self.parse_listing, kind=kind, depth=depth + 1,
                                priority=10, extra={"candidate": cand, "continuation": True})
            if req is not None:
                yield req
                return
        if section.dated_items():
            return
        if result.next_page and self.listing_pages.get(kind, 1) < self.options.listing_pages:
            self.listing_pages[kind] = self.listing_pages.get(kind, 1) + 1
            req = self._request(result.next_page, "listing", self.parse_listing, kind=kind, depth=depth + 1,
                                priority=10, extra={"candidate": cand, "continuation": True})
            if req is not None:
                yield req
                return
        yield from self._open_items(kind, depth)

    def _open_doc_pages(self, section: SectionSnapshot, depth: int) -> Iterator[Request]:
        """The first documents' detail pages, dated or not: their labelled fields complete the items' meta."""
        opened = 0
        for item in section.items:
            if opened >= self.options.doc_pages:
                break
            if not item.url:
                continue
            if file_ext(item.url):
                # The title links the file itself: that is the document's file, and there is no detail page.
                item.meta = merge_meta(item.meta, {"files": [item.url]})
                continue
            req = self._request(item.url, "article", self.parse_article, kind=section.kind, depth=depth + 1,
                                priority=5, extra={"item_url": item.url})
            if req is None:
                if self.refused == "budget":
                    break
                continue
            opened += 1
            self.opened_items.add(item.url)
            yield req
        if opened:
            section.notes.append(f"opened {opened} document detail page(s)")

    def _open_items(self, kind: str, depth: int) -> Iterator[Request]:
        section = self.snapshot.sections.get(kind)
        if section is None:
            return
        opened = 0
        for item in section.items:
            if opened >= self.options.item_pages or not item.url:
                break
            if item.url in self.opened_items:
                # Already opened as a document detail page: its date is read there.
                opened += 1
                continue
            req = self._request(item.url, "article", self.parse_article, kind=kind, depth=depth + 1, priority=5,
                                extra={"item_url": item.url})
            if req is not None:
                opened += 1
                self.opened_items.add(item.url)
                yield req
        if opened:
            section.notes.append(f"listing shows no dates: opened {opened} item page(s)")

    def parse_article(self, response: Response) -> Iterator[Request]:
        page, parsed, scanned = self._record_scan(response)
        kind = response.meta["kind"]
        section = self.snapshot.sections.get(kind)
        if parsed is None or section is None:
            return iter(())
        order = section.date_order or "DMY"
        item = next((i for i in section.items if i.url == response.meta["item_url"]), None)
        if item is not None and item.date is None:
            found = extract_article_date(parsed, self.bounds, order)
            if found is not None:
                item.date, item.date_text, item.date_source = found.date, found.text, "article"
                item.date_url = response.url
                page.facts["date_stage"] = found.stage
        if kind in DOC_KINDS and scanned is not None:
            doc = doc_fact(scanned, self.bounds, order, files=page.facts.get("files", []))
            page.facts["doc"] = doc
            if item is not None:
                item.meta = merge_meta(item.meta, doc)
        return iter(())

    def _after_failure(self, page: PageFetch, meta: dict[str, Any]) -> Iterator[Request]:
        role, kind = meta.get("role"), meta.get("kind")
        if role == "listing" and kind:
            section = self.snapshot.sections.get(kind)
            if meta.get("continuation") and section is not None:
                section.notes.append(f"next page failed: {page.error_class}")
                yield from self._open_items(kind, meta.get("depth", 1))
                return
            cand: SectionCandidate = meta["candidate"]
            self._set_section(SectionSnapshot(kind, cand.label, page.url, cand.via, state="unreachable",
                                              pages=[page.url], error_class=page.error_class))
            yield from self._try_listing(kind)
        elif role == "content" and kind:
            cand = meta["candidate"]
            self._set_section(SectionSnapshot(kind, cand.label, page.url, cand.via, state="unreachable",
                                              pages=[page.url], error_class=page.error_class))
        elif role == "home":
            self.phase = "done"
            self.snapshot.discovery["menus"] = "failed"
        elif role == "sitemap_xml":
            self._sitemap_xml_state("failed")
        else:
            yield from self._probe_failed(page, meta)

    # ------------------------------------------------------------------ end
    def closed(self, reason: str) -> None:
        if self._time_call is not None:
            self._time_call.cancel()
            self._time_call = None
        snap = self.snapshot
        if not any(p.role == "home" for p in snap.pages):
            # The home request never came back (the time budget closed the crawl during its retries): say so.
            snap.pages.append(PageFetch(
                url=self.portal.url, role="home", error_class="time_budget" if self.time_up else "not_fetched",
                error_message="no answer to the home page before the crawl ended", fetched_at=self._elapsed_clock()))
            snap.discovery["menus"] = "failed"
        for kind, cand in list(self.pending.items()):
            # Asked for, never answered (the time budget closed the crawl first): the link was found, so the
            # section is not missing, only unread; the rules say not_determinable, not absent.
            self._set_section(SectionSnapshot(
                kind, cand.label, cand.url, cand.via, state="unreachable", pages=[cand.url],
                error_class="time_budget" if self.time_up else "not_fetched",
                notes=["requested, no answer before the crawl ended"]))
        self._finish_probes()
        snap.finished_at = self.clock + dt.timedelta(seconds=time.monotonic() - self._t0)
        snap.crawl.update({
            "finish_reason": reason,
            "requests": self.issued,
            "pages_fetched": len(snap.pages),
            "page_budget": self.options.page_budget,
            "budget_exhausted": self.budget_hit,
            "time_budget": self.options.time_budget,
            "time_budget_exhausted": self.time_up,
            "max_depth": self.options.max_depth,
            "item_pages": self.options.item_pages,
            "doc_pages": self.options.doc_pages,
            "resolved_hosts": sorted(self.options.resolve),
            "robots_obeyed": self.options.obey_robots,
            "user_agent": self.settings.get("USER_AGENT"),
            "concurrency_per_domain": self.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
            "delay": self.settings.getfloat("DOWNLOAD_DELAY"),
            "duration_s": round(time.monotonic() - self._t0, 2),
            "allowed_hosts": sorted(self.allowed),
        })
        if self.on_done is not None:
            self.on_done(snap)


def _parses(page: PageFetch) -> bool:
    """Whether a page's body is parsed as HTML (a feed page, listing the feeds, is; feeds and link checks not)."""
    return page.role not in UNPARSED_ROLES or page.kind == "feed_page"


def _is_html(content_type: str | None, body: bytes) -> bool:
    if content_type and ("html" in content_type.lower() or "xml" in content_type.lower()):
        return True
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def _label_of(candidates: list[SectionCandidate], kind: str, url: str) -> str:
    for cand in candidates:
        if cand.kind == kind and urljoin(cand.url, "") == url:
            return cand.label
    return ""
