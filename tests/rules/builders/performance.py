"""Cases of the availability and performance rules (PF-xxx): statuses, timings, sizes, headers, link sample."""

from __future__ import annotations

from typing import Any

from nd42.records import PageFetch, PortalSnapshot, SectionCandidate
from tests.rules.builders._common import case
from tests.rules.builders.tls import HOME_HEADERS, HTTPS, home, html_page, site

Cases = dict[str, dict[str, Any]]
DOWN = site(down=True)


def listing(n: int, **kw: Any) -> PageFetch:
    return html_page(f"{HTTPS}tin-tuc?trang={n}", **kw)


def timing(ttfb: int | None, download: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"ttfb_ms": ttfb}
    if download is not None:
        out["download_ms"] = download
    return out


def timed(ttfb: int | None, total: int | None, n: int = 0, role: str = "listing") -> PageFetch:
    # elapsed_ms (from when the crawler queued the request) is deliberately far off: it is not judged.
    return html_page(f"{HTTPS}trang-{n}", role, elapsed_ms=25000, facts=timing(ttfb, total))


def timed_site(*pairs: tuple[int | None, int | None]) -> PortalSnapshot:
    first, *rest = pairs
    return site(home_page=home(elapsed_ms=900, facts=timing(*first)),
                pages=[timed(a, b, n) for n, (a, b) in enumerate(rest)])


# ---------------------------------------------------------------------------------------------- PF-001
def pf001() -> Cases:
    ok = [listing(n) for n in range(9)]
    five_hundreds = [listing(100 + n, status=500) for n in range(2)]
    timeouts = [listing(200 + n, status=None, error_class="timeout") for n in range(2)]
    return {
        "good": case("home 200, nine pages 200 and a 404 (PF-006's): pass",
                     site(pages=[*ok, listing(99, status=404)]), "pass", details={"failing": 0, "pages": 11}),
        "bad": case("the home page answers 503: the server is up and failing: fail",
                    site(home_page=home(status=503)), "fail", details={"home_status": 503}),
        "bad-warn-option": case("home 503 with home_error_status = warn: warn", site(home_page=home(status=503)),
                                "warn", options={"home_error_status": "warn"}),
        "error-share-high": case("4 of 14 pages answered 500 or timed out (29 %, above 10 %): warn",
                                 site(pages=[*ok, *five_hundreds, *timeouts]), "warn",
                                 details={"failing": 4, "by_class": {"http_500": 2, "timeout": 2}}),
        "error-share-at-limit": case("1 of 10 pages failed (10 %, the threshold): pass",
                                     site(pages=[*ok[:8], listing(100, status=502)]), "pass",
                                     details={"share": 0.1}),
        "error-share-option": case("1 of 10 failing with max_error_share = 0.05: warn",
                                   site(pages=[*ok[:8], listing(100, status=502)]), "warn",
                                   options={"max_error_share": 0.05}),
        "waf-not-counted": case("three pages blocked by a WAF challenge (503 waf) and robots exclusions: not "
                                "the portal's failures: pass",
                                site(pages=[*ok[:3], *[listing(300 + n, status=503, error_class="waf")
                                                       for n in range(3)],
                                            listing(400, status=None, error_class="robots")]), "pass",
                                details={"failing": 0, "not_counted": {"robots": 1, "waf": 3}}),
        "home-waf": case("the home page is a WAF challenge (503 waf): nd", site(home_page=home(
            status=503, error_class="waf")), "not_determinable", error_class="waf"),
        "portal-unreachable": case("the home page timed out: nd (the scanner's network may be at fault)", DOWN,
                                   "not_determinable", error_class="timeout"),
        "home-refused": case("the home page's connection was refused: nd",
                             site(home_page=home(status=None, error_class="refused")), "not_determinable",
                             error_class="refused"),
    }


# ---------------------------------------------------------------------------------------------- PF-002
def pf002() -> Cases:
    fast = [(180, 420), (150, 380), (210, 520), (190, 450), (170, 400)]
    slow = [(2400, 5100), (2100, 4800), (2600, 5600), (1900, 4300), (2500, 5200)]
    return {
        "good": case("median TTFB 180 ms, total 420 ms: pass", timed_site(*fast), "pass",
                     details={"median_ttfb_ms": 180, "median_total_ms": 420, "over": []}),
        "bad": case("median TTFB 2400 ms, total 5100 ms: warn (never fail: timed from the scanner)",
                    timed_site(*slow), "warn", details={"median_ttfb_ms": 2400, "over": ["ttfb", "total"]}),
        "one-slow-page": case("one page takes 9 s, the median stays low: pass (the page is listed as slowest)",
                              timed_site(*fast[:4], (8000, 9000)), "pass",
                              details={"slowest": [{"url": f"{HTTPS}trang-3", "ttfb_ms": 8000, "total_ms": 9000},
                                                   {"url": f"{HTTPS}trang-1", "ttfb_ms": 210, "total_ms": 520},
                                                   {"url": f"{HTTPS}trang-2", "ttfb_ms": 190, "total_ms": 450},
                                                   {"url": HTTPS, "ttfb_ms": 180, "total_ms": 420},
                                                   {"url": f"{HTTPS}trang-0", "ttfb_ms": 150, "total_ms": 380}]}),
        "slow-total-only": case("fast first byte (300 ms) but 3.5 s in total (huge pages): warn",
                                timed_site(*[(300, 3500)] * 3), "warn", details={"over": ["total"]}),
        "threshold-option": case("median TTFB 700 ms with ttfb_ms = 500: warn",
                                 timed_site(*[(700, 900)] * 3), "warn", options={"ttfb_ms": 500}),
        "ttfb-only": case("time to first byte recorded (180 ms), no download time: judged on TTFB alone: pass",
                          timed_site(*[(180, None)] * 3), "pass",
                          details={"total_measured": 0, "median_total_ms": None}),
        "queued-elapsed-not-judged": case("fast TTFB; the crawl's elapsed times are 25 s because the requests waited "
                                          "in the crawler's queue: not judged: pass",
                                          timed_site(*[(200, None)] * 4), "pass",
                                          details={"elapsed_median_ms": 25000}),
        "robots-not-counted": case("a slow robots.txt (not an HTML page) does not count: pass",
                                   site(home_page=home(facts={"ttfb_ms": 150}),
                                        pages=[html_page(f"{HTTPS}robots.txt", "robots", kind=None,
                                                         content_type="text/plain",
                                                         facts={"ttfb_ms": 20000})]), "pass",
                                   details={"pages": 1}),
        "elapsed-only": case("an older snapshot with only the crawl's elapsed times: nd (they include the "
                             "crawler's queueing)", site(), "not_determinable", error_class="no_timings",
                             details={"elapsed_median_ms": 350}),
        "no-timings": case("no page has any recorded time: nd",
                           site(home_page=home(elapsed_ms=None)), "not_determinable", error_class="no_timings"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- PF-003
def pf003() -> Cases:
    kb = 1024
    return {
        "good": case("home 96 KB, pages around 64 KB: pass",
                     site(home_page=home(size=96 * kb), pages=[listing(n, size=64 * kb) for n in range(4)]), "pass",
                     details={"home_kb": 96.0, "median_kb": 64.0, "over": []}),
        "bad": case("a 1.8 MB home page (a 1.2 MB __VIEWSTATE): warn",
                    site(home_page=home(size=1843 * kb), pages=[listing(n, size=80 * kb) for n in range(4)]), "warn",
                    details={"over": ["home"], "home_kb": 1843.0}),
        "bad-fail-option": case("the same with heavy_status = fail: fail",
                                site(home_page=home(size=1843 * kb), pages=[listing(0, size=80 * kb)]), "fail",
                                options={"heavy_status": "fail"}),
        "median-heavy": case("home 300 KB but most pages over 600 KB: warn",
                             site(home_page=home(size=300 * kb), pages=[listing(n, size=640 * kb) for n in range(4)]),
                             "warn", details={"over": ["median"]}),
        "max-kb-option": case("home 300 KB with max_kb = 200: warn", site(home_page=home(size=300 * kb)), "warn",
                              options={"max_kb": 200}),
        "not-recorded": case("no sizes recorded: nd", site(home_page=home(size=None)), "not_determinable",
                             error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- PF-004
def pf004() -> Cases:
    def enc_page(n: int, encoding: str | None, size: int = 48000) -> PageFetch:
        return listing(n, size=size, facts={"ttfb_ms": 120, "content_encoding": encoding})

    def enc_site(home_enc: str | None, *others: str | None) -> PortalSnapshot:
        return site(home_page=home(facts={"ttfb_ms": 120, "content_encoding": home_enc}),
                    pages=[enc_page(n, e) for n, e in enumerate(others)])

    return {
        "good": case("every page served with gzip: pass", enc_site("gzip", "gzip", "gzip"), "pass",
                     details={"encodings": ["gzip"], "uncompressed": 0}),
        "bad": case("no page compressed (the server ignores Accept-Encoding): warn", enc_site(None, None, None),
                    "warn", details={"compressed": 0, "uncompressed": 3}),
        "bad-fail-option": case("none compressed with uncompressed_status = fail: fail", enc_site(None, None), "fail",
                                options={"uncompressed_status": "fail"}),
        "brotli": case("Brotli and gzip: pass", enc_site("br", "gzip"), "pass", details={"encodings": ["br", "gzip"]}),
        "mixed": case("the home page is compressed, two listing pages are not: warn", enc_site("gzip", None, None),
                      "warn", details={"compressed": 1, "uncompressed": 2}),
        "small-pages": case("an uncompressed 1 KB page does not count; the others are gzip: pass",
                            site(home_page=home(facts={"ttfb_ms": 90, "content_encoding": "gzip"}),
                                 pages=[enc_page(1, None, size=1000)]), "pass", details={"small_pages": 1}),
        "identity": case("Content-Encoding: identity is no compression: warn", enc_site("identity", "identity"),
                         "warn"),
        "key-absent-new-crawler": case("the crawler records the encoding only when there is one (ttfb_ms recorded, "
                                       "content_encoding absent): uncompressed: warn",
                                       site(home_page=home(facts={"ttfb_ms": 120}),
                                            pages=[listing(1, facts={"ttfb_ms": 100})]), "warn"),
        "not-recorded": case("an older snapshot: neither the encoding nor ttfb recorded: nd", site(),
                             "not_determinable", error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- PF-005
def pf005() -> Cases:
    plain = {"content-type": "text/html; charset=utf-8", "server": "nginx"}
    full = {**plain, "cache-control": "public, max-age=300", "etag": "\"5f2a-1c9\""}

    def cache_site(*headers: dict[str, str]) -> PortalSnapshot:
        first, *rest = headers
        return site(home_page=home(headers=first), pages=[listing(n, headers=h) for n, h in enumerate(rest)])

    return {
        "good": case("Cache-Control and ETag on every page: pass", cache_site(full, full, full), "pass",
                     details={"lacking": 0}),
        "bad": case("no caching header on any page: warn", cache_site(plain, plain, plain), "warn",
                    details={"lacking": 3, "with_header": {"last-modified": 0, "etag": 0, "cache-control": 0,
                                                           "expires": 0}}),
        "bad-fail-option": case("none with missing_status = fail: fail", cache_site(plain, plain), "fail",
                                options={"missing_status": "fail"}),
        "some": case("the home page has them, listing pages only Cache-Control (no validator): warn",
                     cache_site(full, {**plain, "cache-control": "private"}, {**plain, "cache-control": "private"}),
                     "warn", details={"lacking": 2}),
        "no-cache-counts": case("Cache-Control: no-cache, no-store with Last-Modified: a deliberate policy: pass",
                                cache_site({**plain, "cache-control": "no-cache, no-store",
                                            "last-modified": "Tue, 15 Sep 2026 01:10:00 GMT"}), "pass"),
        "expires-and-etag": case("Expires and ETag (no Cache-Control): pass",
                                 cache_site({**plain, "expires": "Tue, 15 Sep 2026 03:00:00 GMT", "etag": "W/\"42\""}),
                                 "pass"),
        "default-headers": case("the builder's default: Cache-Control and Last-Modified: pass",
                                site(pages=[listing(0, headers=dict(HOME_HEADERS))]), "pass"),
        "not-recorded": case("no headers recorded: nd", site(home_page=home(headers={})), "not_determinable",
                             error_class="not_recorded"),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


# ---------------------------------------------------------------------------------------------- PF-006
MENU = [{"label": "Trang chủ", "url": HTTPS, "level": 1},
        {"label": "Giới thiệu", "url": f"{HTTPS}gioi-thieu", "level": 1},
        {"label": "Thủ tục hành chính", "url": f"{HTTPS}thu-tuc-hanh-chinh.html", "level": 1},
        {"label": "Tin tức", "url": f"{HTTPS}tin-tuc", "level": 1},
        {"label": "Liên hệ", "url": f"{HTTPS}lien-he", "level": 1}]


def link_site(*checked: PageFetch, pages: list[PageFetch] | None = None,
              candidates: list[SectionCandidate] | None = None) -> PortalSnapshot:
    snap = site(home_page=home(facts={"layout": {"menu": {"found": True, "entries": MENU}}}),
                pages=[*checked, *(pages or [])])
    snap.candidates = candidates or []
    return snap


def check(path: str, status: int | None = 200, error_class: str | None = None, *, region: str | None = None,
          label: str = "") -> PageFetch:
    """A sampled link as the crawler records it (status only; ``facts.linkcheck`` says where it is linked)."""
    url = f"{HTTPS}{path}"
    entry = next((e for e in MENU if e["url"] == url), None)
    placed = {"from": HTTPS, "region": region or ("menu" if entry else "main"),
              "label": label or (str(entry["label"]) if entry else path)}
    return html_page(url, "linkcheck", kind=None, status=status, error_class=error_class,
                     facts={"ttfb_ms": 90, "content_encoding": None, "linkcheck": placed})


def with_probe(snap: PortalSnapshot, probe: dict[str, Any]) -> PortalSnapshot:
    snap.probes["linkcheck"] = probe
    return snap


def pf006() -> Cases:
    working = [check("gioi-thieu"), check("tin-tuc"), check("lien-he")]
    return {
        "good": case("the five sampled links answer 200: pass",
                     link_site(*working, check("van-ban", region="main"), check("so-do-site", region="footer")),
                     "pass", details={"sampled": 5, "broken": 0}),
        "bad": case("the menu entry \"Thủ tục hành chính\" answers 404: fail",
                    link_site(*working, check("thu-tuc-hanh-chinh.html", 404)), "fail",
                    details={"broken": 1, "sampled": 4}),
        "bad-warn-option": case("a broken link with broken_status = warn: warn",
                                link_site(*working, check("thu-tuc-hanh-chinh.html", 404)), "warn",
                                options={"broken_status": "warn"}),
        "gone-410": case("a footer link answers 410 Gone: fail",
                         link_site(*working, check("cong-khai-ngan-sach", 410, region="footer",
                                                   label="Công khai ngân sách")), "fail"),
        "timeout-not-counted": case("one sampled link timed out, the others work: pass (the timeout is listed, not "
                                    "counted)",
                                    link_site(*working, check("tra-cuu", None, "timeout")), "pass",
                                    details={"broken": 0, "not_counted": [
                                        {"url": f"{HTTPS}tra-cuu", "outcome": "timeout", "where": "main"}]}),
        "server-error-not-counted": case("a link answering 500 is PF-001's, not a broken link: pass",
                                         link_site(*working, check("hoi-dap", 500)), "pass", details={"broken": 0}),
        "menu-section-404": case("the crawl opened the menu's \"Tin tức\" section and it answered 404: fail",
                                 link_site(pages=[html_page(f"{HTTPS}tin-tuc", status=404)],
                                           candidates=[SectionCandidate("news", "Tin tức", f"{HTTPS}tin-tuc", "menu",
                                                                        5.0, "tin tuc")]), "fail",
                                 details={"broken": 1}),
        "guessed-slug-not-a-link": case("a guessed address (/lien-he, via slug) that 404s is not a link; the sampled "
                                        "links work: pass",
                                        link_site(check("gioi-thieu"),
                                                  pages=[html_page(f"{HTTPS}lien-he-gopy", "content", kind="contacts",
                                                                   status=404)],
                                                  candidates=[SectionCandidate("contacts", "", f"{HTTPS}lien-he-gopy",
                                                                               "slug", 1.0)]), "pass",
                                        details={"sampled": 1}),
        "no-sample": case("no link sample and no section opened from the menu: nd", link_site(), "not_determinable",
                          error_class="no_sample"),
        "no-sample-budget": case("the page budget was spent before the link sample: nd",
                                 with_probe(link_site(), {"status": "budget", "sampled": 0, "pool": 12}),
                                 "not_determinable", error_class="no_sample", details={"probe_status": "budget"}),
        "portal-unreachable": case("home page down: nd", DOWN, "not_determinable", error_class="timeout"),
    }


def build() -> dict[str, Cases]:
    return {"PF-001": pf001(), "PF-002": pf002(), "PF-003": pf003(), "PF-004": pf004(), "PF-005": pf005(),
            "PF-006": pf006()}
