"""The spider's last phase: active probes of functions the rules cannot see by reading pages.

* **print** — the first news item is opened as an article page (unless a news article was opened
  already; without news, any listing's first item unless any article was) and read for a print
  function; its ``print`` fact holds the result.
* **search** — the home page's first GET search form is submitted with the first words of the
  newest news title, and the results page is searched for that item.
* **english** — the home page's first English link is followed, and from the English home its
  organisation and contacts pages.

Then, with what the budget leaves (the spider's last phase, ``checks``):

* **feed** — the home page's first advertised RSS/Atom feed (``tech.feeds``), read for its items and
  their dates; without one, the feed page the home links (SharePoint's ``RSS.aspx``) and the first
  feed named there.
* **linkcheck** — up to ``link_sample`` internal links of the home page that nothing else fetched,
  taken in turn from the menu, the main region, the footer, sidebars and header: status only.

Results go to ``snapshot.probes`` (docs/facts.md, "probes").  Every request goes through the
spider's ``_request``, so the budget, the depth cap and the allowed hosts hold here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Request, Response

from crawler.extract.elements import file_ext
from crawler.extract.feeds import feed_fact
from crawler.extract.page import ParsedPage
from crawler.extract.probes import (
    CONTACT_LABELS,
    ORGANISATION_LABELS,
    best_link,
    page_links,
    search_forms,
    search_query,
    search_result,
    search_url,
)
from crawler.extract.scan import Scan
from nd42.config import CrawlOptions
from nd42.records import LISTING_KINDS, ListingItem, PageFetch, PortalSnapshot

ENGLISH_PARTS = {"english_organisation": "organisation", "english_contacts": "contacts"}
# The order links are sampled in: one from each region in turn, the main menu first.
LINK_REGIONS = ("menu", "main", "footer", "sidebar", "header", "related")
POOL_PER_REGION = 50
# On a feed page, links to the feeds themselves: by URL (SharePoint's listfeed.aspx) or label.
_FEED_HINT = ("rss", "atom", "feed", "listfeed.aspx", "xml")


class ProbeMixin:
    """Probe requests and callbacks; mixed into :class:`crawler.spiders.portal.PortalSpider`."""

    snapshot: PortalSnapshot
    options: CrawlOptions
    allowed: set[str]
    refused: str | None
    home_page: PageFetch | None = None
    seen: set[str]
    link_pool: dict[str, list[dict[str, str]]]
    _request: Callable[..., Request | None]
    _record_scan: Callable[[Response], tuple[PageFetch, Any, Scan | None]]
    parse_article: Callable[[Response], Iterator[Request]]

    # ------------------------------------------------------------------ scheduling
    def _probe_requests(self) -> Iterator[Request]:
        if self.home_page is None:
            return
        yield from self._print_probe()
        yield from self._search_probe()
        yield from self._english_probe()

    def _newest_item(self) -> ListingItem | None:
        """The item to search for: the newest dated news item, else of any listing, else any titled item."""
        sections = [self.snapshot.sections[k] for k in LISTING_KINDS if k in self.snapshot.sections]
        news = self.snapshot.sections.get("news")
        for section in ([news] if news is not None else []) + sections:
            newest = section.newest()
            if newest is not None and newest.url and newest.title:
                return newest
        return next((i for s in sections for i in s.items if i.url and i.title), None)

    def _print_probe(self) -> Iterator[Request]:
        articles = [p for p in self.snapshot.pages if p.role == "article"]
        news = self.snapshot.sections.get("news")
        if news is not None and news.items:
            # Documents' detail pages seldom offer printing where news articles do: read one news article.
            if any(p.kind == "news" for p in articles):
                return
            sections = [news]
        elif articles:
            return
        else:
            sections = [self.snapshot.sections[k] for k in LISTING_KINDS if k in self.snapshot.sections]
        for section in sections:
            for item in section.items[:3]:
                if not item.url:
                    continue
                req = self._request(item.url, "article", self.parse_article, kind=section.kind, depth=2,
                                    priority=5, extra={"item_url": item.url})
                if req is not None:
                    yield req
                    return
                if self.refused == "budget":
                    return

    def _search_probe(self) -> Iterator[Request]:
        assert self.home_page is not None
        probe: dict[str, Any] = {"status": "no_form", "form_url": self.home_page.final_url or self.home_page.url,
                                 "action": None, "param": None, "query": None, "expected_title": None,
                                 "expected_url": None, "result_url": None, "http_status": None, "found": None,
                                 "error_class": None}
        self.snapshot.probes["search"] = probe
        form, any_search = search_forms(self.home_page.facts.get("forms", []))
        if form is None:
            probe["status"] = "post_only" if any_search else "no_form"
            return
        item = self._newest_item()
        probe["action"] = form["action"]
        if item is None or not item.url:
            probe["status"] = "no_known_title"
            return
        query = search_query(item.title)
        url, param = search_url(form, query)
        probe.update({"param": param, "query": query, "expected_title": item.title, "expected_url": item.url,
                      "result_url": url})
        req = self._request(url, "search", self.parse_search, depth=1, priority=3)
        if req is None:
            self._refusal(probe)
            return
        probe["status"] = "probed"
        yield req

    def _refusal(self, probe: dict[str, Any]) -> None:
        if self.refused == "budget":
            probe["status"] = "budget"
        else:
            probe["status"], probe["error_class"] = "failed", self.refused

    def _english_probe(self) -> Iterator[Request]:
        assert self.home_page is not None
        probe: dict[str, Any] = {"status": "no_link", "link": None, "home": None, "organisation": None,
                                 "contacts": None, "error_class": None}
        self.snapshot.probes["english"] = probe
        links = self.home_page.facts.get("language_links", [])
        if not links:
            return
        link = links[0]
        probe["link"] = {"url": link["url"], "label": link.get("label", "")}
        self._allow_subdomain(link["url"])
        req = self._request(link["url"], "english", self.parse_english_home, kind="english_home", depth=1, priority=3)
        if req is None:
            self._refusal(probe)
            return
        probe["status"] = "probed"
        yield req

    def _allow_subdomain(self, url: str) -> None:
        """English editions often live on a subdomain (en.portal.gov.vn): that host is the portal's too."""
        host = urlsplit(url).netloc.lower()
        own = {h.removeprefix("www.") for h in self.allowed}
        if any(host.endswith("." + h) for h in own):
            self.allowed.add(host)

    # ------------------------------------------------------------------ callbacks
    def parse_search(self, response: Response) -> Iterator[Request]:
        page, _parsed, found = self._record_scan(response)
        probe = self.snapshot.probes["search"]
        probe["http_status"] = page.status
        probe["result_url"] = page.final_url or page.url
        if found is None:
            probe.update({"status": "failed", "error_class": page.error_class or "not_html"})
            return iter(())
        result = search_result(found, page.facts.get("links", []), probe["expected_url"], probe["expected_title"])
        page.facts["search_result"] = result
        probe["found"] = result["found"]
        return iter(())

    def parse_english_home(self, response: Response) -> Iterator[Request]:
        page, _parsed, found = self._record_scan(response)
        probe = self.snapshot.probes["english"]
        probe["home"] = {"url": page.final_url or page.url, "status": page.status, "ok": found is not None}
        if found is None:
            probe.update({"status": "failed", "error_class": page.error_class or "not_html"})
            return
        links = page_links(found, self.allowed)
        for kind, phrases in (("english_organisation", ORGANISATION_LABELS), ("english_contacts", CONTACT_LABELS)):
            link = best_link(links, phrases)
            if link is None:
                continue
            part = ENGLISH_PARTS[kind]
            probe[part] = {"url": link["url"], "label": link["label"], "ok": False}
            req = self._request(link["url"], "english", self.parse_english_page, kind=kind, depth=2, priority=3)
            if req is not None:
                yield req
            else:
                # Already fetched (the same page for both, or the English home itself): reuse its outcome.
                seen = next((p for p in self.snapshot.pages if link["url"] in (p.url, p.final_url)), None)
                probe[part]["ok"] = bool(seen is not None and seen.ok)
                if self.refused == "budget":
                    probe[part]["error_class"] = "budget"

    def parse_english_page(self, response: Response) -> Iterator[Request]:
        page, _parsed, found = self._record_scan(response)
        part = ENGLISH_PARTS[response.meta["kind"]]
        entry = self.snapshot.probes["english"].get(part) or {}
        entry["ok"] = found is not None
        if page.error_class:
            entry["error_class"] = page.error_class
        return iter(())

    # ------------------------------------------------------------------ checks: feed and link sample
    def _link_pool(self, found: Scan) -> None:
        """The home page's internal links by region, for the link sample (read once, when the home is parsed)."""
        page = found.page
        home = page.url.split("#", 1)[0]
        pool: dict[str, list[dict[str, str]]] = {}
        known: set[str] = {home}
        for placed in found.anchors:
            url = page.absolute(placed.el.get("href") or "")
            if url is None or url in known or urlsplit(url).netloc.lower() not in self.allowed or file_ext(url):
                continue
            known.add(url)
            region = placed.region if placed.region in LINK_REGIONS else "main"
            bucket = pool.setdefault(region, [])
            if len(bucket) < POOL_PER_REGION:
                label = " ".join("".join(str(t) for t in placed.el.itertext()).split())[:200]
                bucket.append({"url": url, "region": region, "label": label})
        self.link_pool = pool

    def _check_requests(self) -> Iterator[Request]:
        if self.home_page is None:
            return
        yield from self._feed_probe()
        yield from self._link_sample()

    def _feed_probe(self) -> Iterator[Request]:
        assert self.home_page is not None
        tech = self.home_page.facts.get("tech", {})
        probe: dict[str, Any] = {"status": "no_feed", "url": None, "via": None, "page": None, "error_class": None}
        self.snapshot.probes["feed"] = probe
        feeds = tech.get("feeds") or []
        pages = tech.get("feed_pages") or []
        if feeds:
            feed = feeds[0]
            probe.update({"url": feed["url"], "via": feed.get("via", "link")})
            req = self._request(feed["url"], "feed", self.parse_feed, depth=1, priority=-5)
        elif pages:
            probe.update({"via": "feed_page", "page": pages[0]["url"]})
            req = self._request(pages[0]["url"], "feed", self.parse_feed_page, kind="feed_page", depth=1,
                                priority=-5)
        else:
            return
        if req is None:
            self._refusal(probe)
            return
        probe["status"] = "probed"
        yield req

    def _link_sample(self) -> Iterator[Request]:
        pool = getattr(self, "link_pool", {})
        fetched = {u.split("#", 1)[0] for p in self.snapshot.pages for u in (p.url, p.final_url) if u}
        queues = [[e for e in pool.get(r, []) if e["url"] not in self.seen and e["url"] not in fetched]
                  for r in LINK_REGIONS]
        probe: dict[str, Any] = {"status": "no_links", "sampled": 0, "pool": sum(len(q) for q in queues)}
        self.snapshot.probes["linkcheck"] = probe
        assert self.home_page is not None
        origin = self.home_page.final_url or self.home_page.url
        while probe["sampled"] < self.options.link_sample and any(queues):
            for queue in queues:
                if not queue or probe["sampled"] >= self.options.link_sample:
                    continue
                entry = queue.pop(0)
                req = self._request(entry["url"], "linkcheck", self.parse_linkcheck, depth=1, priority=-10,
                                    extra={"linkcheck": {"from": origin, "region": entry["region"],
                                                         "label": entry["label"]}})
                if req is None:
                    if self.refused == "budget":
                        probe["status"] = "budget" if not probe["sampled"] else "probed"
                        return
                    continue
                probe["sampled"] += 1
                probe["status"] = "probed"
                yield req

    def parse_feed(self, response: Response) -> Iterator[Request]:
        page, _parsed, _found = self._record_scan(response)
        probe = self.snapshot.probes.get("feed", {})
        fact = feed_fact(response.body) if page.ok else {
            "ok": False, "kind": None, "items": 0, "dated": 0, "newest": None, "error": page.error_class}
        if response.meta.get("kind") == "feed_listed" and fact["error"] == "html":
            # A link we picked from a feed page, not one the portal advertises as a feed: no verdict on it.
            probe.update({"status": "not_found", "error_class": "html"})
            return iter(())
        page.facts["feed"] = fact
        if not page.ok:
            probe.update({"status": "failed", "error_class": page.error_class})
        return iter(())

    def parse_feed_page(self, response: Response) -> Iterator[Request]:
        page, parsed, _found = self._record_scan(response)
        probe = self.snapshot.probes.get("feed", {})
        if not page.ok:
            probe.update({"status": "failed", "error_class": page.error_class})
            return
        fact = feed_fact(response.body)
        if fact["kind"] is not None:
            # The "feed page" is a feed itself (an RSS link without a feed-like URL): read it as one.
            page.facts["feed"] = fact
            probe["url"] = page.final_url or page.url
            return
        url = _listed_feed(parsed) if parsed is not None else None
        if url is None:
            probe["status"] = "not_found"
            return
        probe["url"] = url
        req = self._request(url, "feed", self.parse_feed, kind="feed_listed", depth=2, priority=-5)
        if req is None:
            self._refusal(probe)
            return
        yield req

    def parse_linkcheck(self, response: Response) -> Iterator[Request]:
        page, _parsed, _found = self._record_scan(response)
        page.facts["linkcheck"] = response.meta.get("linkcheck", {})
        return iter(())

    def _probe_failed(self, page: PageFetch, meta: dict[str, Any]) -> Iterator[Request]:
        """A probe request that failed in the downloader (robots.txt, timeout, refused...)."""
        role, kind = meta.get("role"), meta.get("kind")
        if role == "search" and "search" in self.snapshot.probes:
            probe = self.snapshot.probes["search"]
            probe["status"] = "disallowed" if page.error_class == "robots" else "failed"
            probe["error_class"] = page.error_class
        elif role == "english" and kind == "english_home" and "english" in self.snapshot.probes:
            probe = self.snapshot.probes["english"]
            probe["home"] = {"url": page.url, "status": None, "ok": False}
            probe.update({"status": "failed", "error_class": page.error_class})
        elif role == "english" and kind in ENGLISH_PARTS:
            entry = self.snapshot.probes.get("english", {}).get(ENGLISH_PARTS[kind]) or {}
            entry.update({"ok": False, "error_class": page.error_class})
        elif role == "feed":
            self.snapshot.probes.get("feed", {}).update({"status": "failed", "error_class": page.error_class})
            if kind != "feed_page":
                page.facts["feed"] = {"ok": False, "kind": None, "items": 0, "dated": 0, "newest": None,
                                      "error": page.error_class}
        elif role == "linkcheck":
            page.facts["linkcheck"] = meta.get("linkcheck", {})
        return iter(())

    def _finish_probes(self) -> None:
        articles = [p.url for p in self.snapshot.pages if p.role == "article" and p.ok]
        self.snapshot.probes["print"] = {"status": "probed" if articles else "no_article", "pages": articles[:10]}


def _listed_feed(parsed: ParsedPage) -> str | None:
    """The first feed a feed page advertises (``<link rel=alternate>``) or links (URL or label naming a feed)."""
    for link in parsed.tree.iterfind(".//link[@href]"):
        kind = (link.get("type") or "").lower()
        if "alternate" in (link.get("rel") or "").lower() and ("rss" in kind or "atom" in kind):
            url = parsed.absolute(link.get("href") or "")
            if url is not None:
                return url
    for a in parsed.tree.iterfind(".//a[@href]"):
        url = parsed.absolute(a.get("href") or "")
        if url is None or url.split("#", 1)[0] == parsed.url.split("#", 1)[0]:
            continue
        target = url.lower().rsplit("/", 1)[-1]
        label = "".join(str(t) for t in a.itertext()).lower()
        if any(h in target for h in _FEED_HINT) or "rss" in label:
            return url
    return None
