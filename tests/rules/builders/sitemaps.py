"""Cases of robots.txt, sitemap.xml and feed rules (SM-xxx): the discovery fetches and their facts."""

from __future__ import annotations

from typing import Any

from nd42.records import PageFetch, PortalSnapshot
from tests.rules.builders._common import case
from tests.rules.builders.tls import HTTPS, home, html_page, site

Cases = dict[str, dict[str, Any]]
ROBOTS_URL = f"{HTTPS}robots.txt"
SITEMAP_URL = f"{HTTPS}sitemap.xml"
DOWN = site(down=True)


def robots(status: int | None = 200, *, sitemaps: tuple[str, ...] = (SITEMAP_URL,), ok: bool = True,
           parse_errors: Any = 0, disallow_all: bool = False, content_type: str = "text/plain",
           error_class: str | None = None, analysed: bool = True) -> PageFetch:
    facts: dict[str, Any] = {"sitemaps": list(sitemaps)}
    if analysed:
        facts.update(ok=ok, parse_errors=parse_errors, disallow_all=disallow_all, user_agents=["*"])
    return html_page(ROBOTS_URL, "robots", kind=None, status=status, error_class=error_class,
                     content_type=content_type, headers={"content-type": content_type}, size=120,
                     facts=facts if status == 200 else {})


def sitemap(url: str = SITEMAP_URL, status: int | None = 200, *, urls: int = 420, children: int = 0,
            lastmod: Any = 420, well_formed: bool = True, error: str | None = None,
            content_type: str = "application/xml", error_class: str | None = None) -> PageFetch:
    facts = {"urls": urls, "children": children, "error": error, "well_formed": well_formed, "lastmod": lastmod}
    return html_page(url, "sitemap_xml", kind=None, status=status, error_class=error_class,
                     content_type=content_type, headers={"content-type": content_type}, size=64000,
                     facts=facts if status == 200 else {})


def maps(*pages: PageFetch) -> PortalSnapshot:
    return site(pages=list(pages))


# ---------------------------------------------------------------------------------------------- SM-001
def sm001() -> Cases:
    return {
        "good": case("robots.txt 200 text/plain, parses, names the sitemap: pass", maps(robots()), "pass",
                     details={"sitemaps": [SITEMAP_URL], "disallow_all": False}),
        "bad": case("robots.txt answers 404: warn (optional file)", maps(robots(404)), "warn",
                    details={"present": False}),
        "bad-fail-option": case("404 with missing_status = fail: fail", maps(robots(404)), "fail",
                                options={"missing_status": "fail"}),
        "disallow-all": case("User-agent: * / Disallow: / (left from staging): warn",
                             maps(robots(disallow_all=True)), "warn", details={"problem": "disallow_all"}),
        "disallow-all-fail-option": case("disallow-all with disallow_all_status = fail: fail",
                                         maps(robots(disallow_all=True)), "fail",
                                         options={"disallow_all_status": "fail"}),
        "parse-errors": case("robots.txt with lines that do not parse: warn",
                             maps(robots(ok=False, parse_errors=["Disalow: /admin", "Crawl delay 10"])), "warn",
                             details={"parse_errors": 2, "problem": "parse_errors"}),
        "html-soft-404": case("/robots.txt answers 200 with the portal's HTML \"page not found\": warn",
                              maps(robots(content_type="text/html; charset=utf-8")), "warn",
                              details={"problem": "html"}),
        "server-error": case("robots.txt answers 500: warn", maps(robots(500)), "warn",
                             details={"problem": "http_500"}),
        "no-sitemap-line": case("valid robots.txt without Sitemap: line: pass (SM-002 judges the declaration)",
                                maps(robots(sitemaps=())), "pass", details={"sitemaps": []}),
        "timeout": case("robots.txt timed out: nd", maps(robots(None, error_class="timeout")), "not_determinable",
                        error_class="timeout"),
        "not-analysed": case("an older snapshot: 200 but no analysis of the content: nd", maps(robots(analysed=False)),
                             "not_determinable", error_class="not_recorded"),
        "not-fetched": case("robots.txt was never requested (budget): nd", maps(), "not_determinable",
                            error_class="not_fetched"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- SM-002
def sm002() -> Cases:
    declared = robots()
    undeclared = robots(sitemaps=())
    return {
        "good": case("well-formed, 420 URLs all with lastmod, declared in robots.txt: pass",
                     maps(declared, sitemap()), "pass",
                     details={"urls": 420, "with_lastmod": 420, "declared_in_robots": True}),
        "bad": case("/sitemap.xml cut off in the middle (not XML): fail",
                    maps(declared, sitemap(urls=0, lastmod=0, well_formed=False, error="not_xml")), "fail",
                    details={"problem": "invalid"}),
        "bad-warn-option": case("invalid with invalid_status = warn: warn",
                                maps(declared, sitemap(urls=0, lastmod=0, well_formed=False, error="not_xml")),
                                "warn", options={"invalid_status": "warn"}),
        "recovered": case("broken XML from which the crawler's lenient parser recovered 300 URLs: still invalid: "
                          "fail",
                          maps(declared, sitemap(urls=300, lastmod=300, well_formed=False)), "fail",
                          details={"problem": "invalid"}),
        "undeclared": case("valid but robots.txt has no Sitemap: line: warn", maps(undeclared, sitemap()), "warn",
                           details={"declared_in_robots": False}),
        "no-robots": case("valid sitemap.xml, robots.txt 404 (nothing declares it): warn",
                          maps(robots(404), sitemap()), "warn", details={"declared_in_robots": False}),
        "declared-elsewhere": case("robots.txt declares /sitemap_index.xml, which 404s; /sitemap.xml is valid: warn",
                                   maps(robots(sitemaps=(f"{HTTPS}sitemap_index.xml",)), sitemap(),
                                        sitemap(f"{HTTPS}sitemap_index.xml", 404)), "warn",
                                   details={"declared_in_robots": False}),
        "no-lastmod": case("valid and declared but no entry has lastmod: warn", maps(declared, sitemap(lastmod=0)),
                           "warn", details={"with_lastmod": 0}),
        "some-lastmod": case("lastmod on 100 of 420 entries: warn", maps(declared, sitemap(lastmod=100)), "warn",
                             details={"with_lastmod": 100}),
        "lastmod-as-object": case("lastmod recorded as {count, newest}: pass with the newest date",
                                  maps(declared, sitemap(urls=3, lastmod={"count": 3, "newest": "2026-09-14"})),
                                  "pass", details={"newest_lastmod": "2026-09-14"}),
        "index": case("a sitemap index (declared) and its two child maps, all entries dated: pass",
                      maps(declared, sitemap(urls=0, children=2, lastmod=0),
                           sitemap(f"{HTTPS}sitemap-news.xml", urls=300, lastmod=300),
                           sitemap(f"{HTTPS}sitemap-pages.xml", urls=40, lastmod=40)), "pass",
                      details={"urls": 340}),
        "index-children-unread": case("a sitemap index whose children were not fetched: warn (lists no page)",
                                      maps(declared, sitemap(urls=0, children=2, lastmod=0)), "warn",
                                      details={"problem": "empty"}),
        "empty": case("a well-formed but empty <urlset/>: warn", maps(declared, sitemap(urls=0, lastmod=0)), "warn",
                      details={"problem": "empty"}),
        "wrong-root": case("an RSS feed served as /sitemap.xml (root <rss>): fail",
                           maps(declared, sitemap(urls=0, lastmod=0, error="unexpected_root:rss")), "fail"),
        "missing": case("/sitemap.xml answers 404 and robots.txt names none: warn (missing_status)",
                        maps(undeclared, sitemap(status=404)), "warn", details={"problem": "missing"}),
        "missing-fail-option": case("missing with missing_status = fail: fail", maps(undeclared, sitemap(status=404)),
                                    "fail", options={"missing_status": "fail"}),
        "html-soft-404": case("/sitemap.xml answers 200 with an HTML error page (not declared): missing: warn",
                              maps(undeclared, sitemap(urls=0, lastmod=0, well_formed=False, error="not_xml",
                                                       content_type="text/html")), "warn",
                              details={"problem": "missing"}),
        "html-declared": case("robots.txt declares /sitemap.xml, which is an HTML page: invalid: fail",
                              maps(declared, sitemap(urls=0, lastmod=0, well_formed=False, error="not_xml",
                                                     content_type="text/html")), "fail"),
        "entities": case("a sitemap with DOCTYPE entities, refused by the parser: warn",
                         maps(declared, sitemap(urls=0, lastmod=0, error="entities_refused")), "warn",
                         details={"problem": "entities"}),
        "server-error": case("/sitemap.xml answers 503: nd", maps(declared, sitemap(status=503)), "not_determinable",
                             error_class="http_503"),
        "timeout": case("/sitemap.xml timed out: nd", maps(declared, sitemap(status=None, error_class="timeout")),
                        "not_determinable", error_class="timeout"),
        "not-fetched": case("no sitemap was requested (budget): nd", maps(declared), "not_determinable",
                            error_class="not_fetched"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- SM-003
FEED_URL = f"{HTTPS}rss/tin-tuc.xml"


def feed_probe(status: str = "probed", *, url: str | None = FEED_URL, via: str | None = "link",
               page: str | None = None, error_class: str | None = None) -> dict[str, Any]:
    """``probes["feed"]`` as crawler/spiders/probing.py writes it."""
    return {"status": status, "url": url, "via": via, "page": page, "error_class": error_class}


def feed_site(*, feeds: list[dict[str, Any]] | None = None, page: PageFetch | None = None, tech: bool = True,
              probe: dict[str, Any] | None = None, pages: list[PageFetch] | None = None) -> PortalSnapshot:
    advertised = [{"url": FEED_URL, "type": "rss", "title": "Tin tức - Sự kiện", "via": "link"}] \
        if feeds is None else feeds
    facts = {"tech": {"feeds": advertised, "insecure_resources": [], "feed_pages": []}} if tech else {}
    if probe is None and tech:
        probe = feed_probe() if advertised else feed_probe("no_feed", url=None, via=None)
    snap = site(home_page=home(facts=facts), pages=([page] if page else []) + (pages or []))
    if probe:
        snap.probes["feed"] = probe
    return snap


def feed(status: int | None = 200, *, ok: bool = True, kind: str | None = "rss", items: int = 20, dated: Any = 20,
         newest: str | None = "2026-09-14", error: str | None = None, error_class: str | None = None,
         content_type: str = "application/rss+xml", analysed: bool = True, url: str = FEED_URL,
         page_kind: str | None = None) -> PageFetch:
    fact = {"ok": ok, "kind": kind, "items": items, "dated": dated, "newest": newest, "error": error}
    if status != 200:  # the crawler records a failed feed fetch as a feed that is not ok
        fact = {"ok": False, "kind": None, "items": 0, "dated": 0, "newest": None,
                "error": error_class or f"http_{status}"}
    return html_page(url, "feed", kind=page_kind, status=status, error_class=error_class, content_type=content_type,
                     headers={"content-type": content_type}, size=24000, facts={"feed": fact} if analysed else {})


def sm003() -> Cases:
    return {
        "good": case("RSS 2.0, 20 items all dated (newest yesterday): pass", feed_site(page=feed()), "pass",
                     details={"items": 20, "dated": 20, "newest_age_days": 1}),
        "bad": case("the advertised feed is not XML (an HTML page): fail",
                    feed_site(page=feed(ok=False, kind=None, items=0, dated=0, newest=None, error="not_xml",
                                        content_type="text/html")), "fail", details={"problem": "malformed"}),
        "bad-warn-option": case("malformed with malformed_status = warn: warn",
                                feed_site(page=feed(ok=False, kind=None, items=0, dated=0, error="not_xml")), "warn",
                                options={"malformed_status": "warn"}),
        "undated": case("well-formed but 15 of 20 items without pubDate: warn",
                        feed_site(page=feed(dated=5)), "warn", details={"problem": "undated"}),
        "undated-bool": case("dated recorded as false (no item dated): warn", feed_site(page=feed(dated=False)),
                             "warn", details={"dated": 0}),
        "atom": case("an Atom feed, all entries with <updated>: pass", feed_site(page=feed(kind="atom")), "pass",
                     details={"kind": "atom"}),
        "empty": case("a well-formed feed with no items: warn", feed_site(page=feed(items=0, dated=0, newest=None)),
                      "warn", details={"problem": "empty"}),
        "none-advertised": case("the home page advertises no feed: warn (missing_status)", feed_site(feeds=[]),
                                "warn", details={"advertised": []}),
        "none-advertised-fail-option": case("no feed with missing_status = fail: fail", feed_site(feeds=[]), "fail",
                                            options={"missing_status": "fail"}),
        "advertised-404": case("the advertised feed answers 404: warn (a broken feed link)",
                               feed_site(page=feed(404), probe=feed_probe("failed", error_class="http_404")), "warn",
                               details={"problem": "http_404"}),
        "feed-timeout": case("the feed timed out: nd",
                             feed_site(page=feed(None, error_class="timeout"),
                                       probe=feed_probe("failed", error_class="timeout")),
                             "not_determinable", error_class="timeout"),
        "feed-5xx": case("the feed answered 500: nd", feed_site(page=feed(500), probe=feed_probe(
            "failed", error_class="http_500")), "not_determinable", error_class="http_500"),
        "budget": case("a feed is advertised but the page budget was spent first: nd",
                       feed_site(probe=feed_probe("budget")), "not_determinable", error_class="budget"),
        "offsite": case("the advertised feed is on another host (feeds.feedburner.com): not fetched: nd",
                        feed_site(feeds=[{"url": "https://feeds.feedburner.com/skhcn", "type": "rss", "title": None,
                                          "via": "link"}],
                                  probe=feed_probe("failed", url="https://feeds.feedburner.com/skhcn",
                                                   error_class="offsite")),
                        "not_determinable", error_class="offsite"),
        "via-feed-page": case("no feed advertised; the home links SharePoint's RSS page, which names a list feed "
                              "that is well-formed and dated: pass",
                              feed_site(feeds=[], page=feed(url=f"{HTTPS}_layouts/15/listfeed.aspx?List=tin-tuc",
                                                            page_kind="feed_listed"),
                                        pages=[html_page(f"{HTTPS}Pages/RSS.aspx", "feed", kind="feed_page")],
                                        probe=feed_probe(url=f"{HTTPS}_layouts/15/listfeed.aspx?List=tin-tuc",
                                                         via="feed_page", page=f"{HTTPS}Pages/RSS.aspx")),
                              "pass", details={"feed_page": f"{HTTPS}Pages/RSS.aspx"}),
        "feed-page-names-none": case("the home's RSS page names no readable feed: warn (missing_status)",
                                     feed_site(feeds=[], pages=[html_page(f"{HTTPS}Pages/RSS.aspx", "feed",
                                                                          kind="feed_page")],
                                               probe=feed_probe("not_found", url=None, via="feed_page",
                                                                page=f"{HTTPS}Pages/RSS.aspx")),
                                     "warn", details={"probe_status": "not_found"}),
        "not-fetched": case("a feed is advertised, the probe says probed, but no feed page is in the snapshot: nd",
                            feed_site(), "not_determinable", error_class="not_fetched"),
        "older-snapshot": case("technical facts recorded but no feed probe (an older crawler), feed advertised and "
                               "fetched: judged from the page: pass",
                               feed_site(page=feed(), probe={}), "pass"),
        "not-analysed": case("the feed was fetched but no analysis recorded: nd", feed_site(page=feed(analysed=False)),
                             "not_determinable", error_class="not_recorded"),
        "no-tech-facts": case("an older snapshot without technical facts or feed probe: nd",
                              feed_site(tech=False), "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"SM-001": sm001(), "SM-002": sm002(), "SM-003": sm003()}
