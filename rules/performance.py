"""Availability and performance rules (PF-xxx): errors, response time, weight, compression, caching, links.

They read the pages of the crawl (``PageFetch``: status, error class, ``elapsed_ms``, ``size``,
kept headers) and the per-page facts ``ttfb_ms`` and ``content_encoding`` (the encoding the
server used: Scrapy decompresses bodies and drops the header), plus the ``linkcheck`` pages, a
sample of the home page's internal links fetched for their status only (docs/facts.md).

Honest verdicts.  Time is measured from the scanner, over its network, so a slow response is a
warning, never a failure.  A timeout is not proof that a link is broken, and a WAF challenge or a
robots.txt exclusion is no answer of the portal: neither counts against it.  Only the portal's own
answers (5xx while the server is up, 404/410 of a link it publishes) are failures.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.tls import html_pages, status_option

# Failures that are the server's (it stopped answering or cut the connection).
FAILING_ERRORS = ("timeout", "reset", "refused")
BROKEN_STATUSES = (404, 410)
# Candidate sources that are links on a page (a guessed slug or a sitemap.xml entry is not a link).
LINK_VIAS = ("menu", "dropdown", "home", "body", "footer", "sidebar", "sitemap_page")
COMPRESSED = ("gzip", "x-gzip", "br", "deflate", "zstd", "compress")
MIN_COMPRESS_BYTES = 2048


def page_url(page: PageFetch) -> str:
    return page.final_url or page.url


def outcome(page: PageFetch) -> str:
    """How the fetch ended: ``HTTP 200`` or the error class."""
    if page.status is not None:
        return f"HTTP {page.status}" + (f" ({page.error_class})" if page.error_class and page.error_class !=
                                        f"http_{page.status}" else "")
    return page.error_class or "unknown"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p90 of 5 values is the largest)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def rounded(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 1)


# ---------------------------------------------------------------------------------------------- PF-001
TABLE_FAILING = ["Trang / Page", "Vai trò / Role", "Kết quả / Outcome"]


@register
class Availability(ComplianceRule):
    """The portal answers, and few of its pages fail with server errors or time out.

    **What it checks**
    The home page answered (else the portal is unreachable), and among the pages the crawl fetched
    the share that answered 5xx or failed (timeout, connection reset or refused) is at most
    ``max_error_share`` (10 %): ``pass``; above: ``warn``.  A home page answering 5xx fails: the
    server is up and failing (``home_error_status``).  A home page that timed out is not
    determinable (the scanner's network may be at fault).  WAF challenges, robots.txt exclusions and
    DNS or TLS errors of single pages are not counted; 4xx answers of linked pages are PF-006's.

    **Why it matters**
    Decree 224/2026 Art. 21.2.a (VERIFIED, in force since 01/07/2026) requires reliable, continuous
    operation; Decree 43/2011 Art. 27.1 (VERIFIED, repealed) 24-hour operation every day, and
    Circular 32/2017 Art. 19.4 (VERIFIED, legacy guidance) information available at any time.
    Pages that fail with server errors deny citizens the documents and procedures behind them.

    **Non-compliant**
    The home page answers ``503 Service Unavailable``: ``fail``; 6 of 40 fetched pages answer 500
    or time out: ``warn``.

    **Compliant**
    Every fetched page answered, 2 of 40 with 404 (judged by PF-006): ``pass``.

    **Remediation**
    Read the server's error log for the failing addresses (database timeouts, application pool
    recycling, memory limits), fix them, and monitor the portal from outside (a probe every few
    minutes with an alert to the IT unit).
    """

    id = "PF-001"
    name = "technical.availability"
    title_vi = "Cổng hoạt động ổn định, ít lỗi máy chủ"
    title_en = "The portal is available, with few server errors"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.ND224_21_2_A, cite.ND43_27_1, cite.TT32_19_4)
    options: ClassVar[Mapping[str, Option]] = {
        "max_error_share": Option(float, 0.1, "Tỷ lệ tối đa trang lỗi máy chủ (5xx) hoặc không phản hồi (0..1).",
                                  "The largest share of pages answering 5xx or failing (0..1) that passes."),
        **status_option("home_error_status", "fail", "trang chủ trả về lỗi máy chủ 5xx",
                        "the home page answers a 5xx server error"),
        **status_option("error_share_status", "warn", "tỷ lệ trang lỗi vượt ngưỡng",
                        "the share of failing pages is above the threshold"),
    }
    description_vi = ("Trang chủ truy cập được và tỷ lệ trang đã tải bị lỗi máy chủ (5xx) hoặc không phản hồi (hết "
                      "thời gian chờ, ngắt kết nối) không quá 10%; trang chủ trả về lỗi 5xx là không đạt. Lỗi do giới "
                      "hạn của máy quét (tường lửa ứng dụng, robots.txt) không được tính.")
    remediation_vi = ("Xem nhật ký lỗi của máy chủ cho các địa chỉ bị lỗi (quá thời gian truy vấn cơ sở dữ liệu, "
                      "application pool khởi động lại, thiếu bộ nhớ), khắc phục, và giám sát cổng từ bên ngoài (kiểm "
                      "tra vài phút một lần, cảnh báo cho đơn vị CNTT).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        home = snapshot.home()
        if home is not None and home.status is not None and home.status >= 500 and home.error_class != "waf":
            yield self.finding(
                ctx, Status(ctx.options["home_error_status"]),
                f"Trang chủ {page_url(home)} trả về lỗi máy chủ HTTP {home.status}: máy chủ hoạt động nhưng không "
                "phục vụ được cổng.",
                f"The home page {page_url(home)} answers the server error HTTP {home.status}: the server is up but "
                "fails to serve the portal.",
                evidence=[Evidence(url=page_url(home), locator="home page fetched by the crawl",
                                   value=f"HTTP {home.status}", dates=[home.fetched_at] if home.fetched_at else [])],
                details={"home_status": home.status, "portal_reachable": False})
            return
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        # A WAF challenge answers for the firewall, not for the portal: neither an answer nor a failure.
        counted = [p for p in snapshot.pages
                   if (p.status is not None and p.error_class != "waf") or p.error_class in FAILING_ERRORS]
        skipped = [p for p in snapshot.pages if p not in counted]
        failing = [p for p in counted if (p.status is not None and p.status >= 500)
                   or (p.status is None and p.error_class in FAILING_ERRORS)]
        limit = float(ctx.options["max_error_share"])
        share = len(failing) / len(counted) if counted else 0.0
        by_class: dict[str, int] = {}
        for p in failing:
            key = f"http_{p.status}" if p.status is not None else str(p.error_class)
            by_class[key] = by_class.get(key, 0) + 1
        details: dict[str, Any] = {
            "pages": len(counted), "failing": len(failing), "share": round(share, 3), "max_error_share": limit,
            "by_class": by_class,
            "not_counted": {c: sum(1 for p in skipped if (p.error_class or "unknown") == c)
                            for c in sorted({p.error_class or "unknown" for p in skipped})},
        }
        if failing:
            details["table"] = {"columns": TABLE_FAILING,
                                "rows": [[page_url(p), p.role, outcome(p)] for p in failing[:30]]}
        percent = f"{share:.0%}"
        classes = ", ".join(f"{k} × {v}" for k, v in sorted(by_class.items()))
        evidence = [Evidence(url=page_url(p), locator=f"{p.role} page fetched by the crawl", value=outcome(p),
                             dates=[p.fetched_at] if p.fetched_at else []) for p in failing[:8]]
        if share > limit:
            yield self.finding(
                ctx, Status(ctx.options["error_share_status"]),
                f"{len(failing)}/{len(counted)} trang đã tải bị lỗi máy chủ hoặc không phản hồi ({percent}, vượt "
                f"ngưỡng {limit:.0%}): {classes}.",
                f"{len(failing)} of {len(counted)} fetched pages answered a server error or failed ({percent}, above "
                f"the {limit:.0%} threshold): {classes}.",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Cổng hoạt động: trang chủ trả lời HTTP {home.status if home else '?'}; {len(failing)}/{len(counted)} "
            f"trang đã tải bị lỗi máy chủ hoặc không phản hồi ({percent}, ngưỡng {limit:.0%})"
            + (f": {classes}" if classes else "") + ".",
            f"The portal is up: the home page answered HTTP {home.status if home else '?'}; {len(failing)} of "
            f"{len(counted)} fetched pages answered a server error or failed ({percent}, threshold {limit:.0%})"
            + (f": {classes}" if classes else "") + ".",
            evidence=evidence or [Evidence(url=snapshot.home_url or snapshot.url, locator="home page",
                                           value=f"HTTP {home.status if home else '?'}")],
            details=details)


# ---------------------------------------------------------------------------------------------- PF-002
TABLE_SLOW = ["Trang / Page", "Vai trò / Role", "TTFB (ms)", "Tải / Download (ms)"]


@register
class ResponseTime(ComplianceRule):
    """HTML pages answer quickly (time to first byte and download time).

    **What it checks**
    Over the HTML pages the crawl fetched: the median time to first byte (``ttfb_ms``, the
    downloader's latency, connection set-up included) at most ``ttfb_ms`` (800 ms) and the median
    download time (``download_ms``, when the crawler records it) at most ``total_ms`` (3000 ms)
    pass; either above warns.  The crawl's ``elapsed_ms`` is not judged: it runs from the moment
    the crawler queued the request, so it includes the crawler's own politeness delay.  The
    details give the medians, the 90th percentiles and the five slowest pages.  Times are measured
    from the scanner over its own network, so this is never a failure; a page without a recorded
    time is left out, and with none at all the rule is not determinable.

    **Why it matters**
    Decree 224/2026 Art. 12 (VERIFIED, in force since 01/07/2026) calls for continuous measurement
    of portals, including their technical performance indicators.  Slow answers make citizens
    give up (most visitors leave a page that takes over three seconds), and are often the first
    sign of an overloaded or failing server.

    **Non-compliant**
    Median time to first byte 2400 ms, median total 5100 ms: ``warn``.

    **Compliant**
    Median time to first byte 180 ms, median total 420 ms: ``pass``.

    **Remediation**
    Find what the slow pages wait for (database queries without indexes, unbounded listings,
    remote calls while rendering), cache rendered pages and listings in the CMS or a reverse proxy,
    and size the server for the load.
    """

    id = "PF-002"
    name = "technical.response-time"
    title_vi = "Thời gian phản hồi của trang nhanh"
    title_en = "Pages answer quickly"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_12,)
    options: ClassVar[Mapping[str, Option]] = {
        "ttfb_ms": Option(int, 800, "Trung vị tối đa của thời gian tới byte đầu tiên (ms).",
                          "The largest median time to first byte (ms) that passes.", minimum=1),
        "total_ms": Option(int, 3000, "Trung vị tối đa của thời gian tải trọn trang (ms).",
                           "The largest median download time (ms) that passes.", minimum=1),
    }
    description_vi = ("Trung vị thời gian tới byte đầu tiên của các trang HTML không quá 800 ms và trung vị thời gian "
                      "tải trọn trang không quá 3000 ms; chậm hơn thì cảnh báo (đo từ máy quét, phụ thuộc cả mạng của "
                      "máy quét, nên không bao giờ kết luận không đạt).")
    remediation_vi = ("Tìm nguyên nhân trang chậm (truy vấn cơ sở dữ liệu thiếu chỉ mục, danh sách không phân trang, "
                      "gọi dịch vụ bên ngoài khi dựng trang), dùng bộ nhớ đệm trang trong CMS hoặc máy chủ proxy, và "
                      "bố trí tài nguyên máy chủ đủ tải.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        # elapsed_ms runs from when the request was queued (the crawl's own delay included): not judged.
        timed = [(p, number(p.facts.get("ttfb_ms")), number(p.facts.get("download_ms"))) for p in pages]
        timed = [t for t in timed if t[1] is not None or t[2] is not None]
        elapsed = [v for v in (number(p.elapsed_ms) for p in pages) if v is not None]
        if not timed:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại thời gian tới byte đầu tiên hay thời gian tải của trang HTML nào"
                + (" (chỉ có thời gian tính từ lúc máy quét xếp hàng yêu cầu, gồm cả thời gian chờ giữa các yêu cầu, "
                   "nên không dùng để đánh giá)" if elapsed else "") + ".",
                "The snapshot records no time to first byte or download time of any HTML page"
                + (" (only the time since the crawler queued each request, which includes its own delay between "
                   "requests and is not judged)" if elapsed else "") + ".",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="page timings",
                                   value="not recorded")],
                details={"elapsed_median_ms": rounded(statistics.median(elapsed)) if elapsed else None},
                error_class="no_timings")
            return
        ttfbs = [t for _, t, _ in timed if t is not None]
        totals = [t for _, _, t in timed if t is not None]
        limit_ttfb, limit_total = int(ctx.options["ttfb_ms"]), int(ctx.options["total_ms"])
        med_ttfb = statistics.median(ttfbs) if ttfbs else None
        med_total = statistics.median(totals) if totals else None
        slowest = sorted(timed, key=lambda t: -(t[2] if t[2] is not None else t[1] or 0))[:5]
        details: dict[str, Any] = {
            "pages": len(timed), "ttfb_measured": len(ttfbs), "total_measured": len(totals),
            "median_ttfb_ms": rounded(med_ttfb) if med_ttfb is not None else None,
            "p90_ttfb_ms": rounded(percentile(ttfbs, 0.9)) if ttfbs else None,
            "median_total_ms": rounded(med_total) if med_total is not None else None,
            "p90_total_ms": rounded(percentile(totals, 0.9)) if totals else None,
            "ttfb_limit_ms": limit_ttfb, "total_limit_ms": limit_total,
            "elapsed_median_ms": rounded(statistics.median(elapsed)) if elapsed else None,
            "slowest": [{"url": page_url(p), "ttfb_ms": rounded(a) if a is not None else None,
                         "total_ms": rounded(b) if b is not None else None} for p, a, b in slowest],
            "table": {"columns": TABLE_SLOW,
                      "rows": [[page_url(p), p.role, rounded(a) if a is not None else "",
                                rounded(b) if b is not None else ""] for p, a, b in slowest]},
            "measured_from": "scanner",
        }
        parts_vi, parts_en, over = [], [], []
        if med_ttfb is not None:
            parts_vi.append(f"trung vị thời gian tới byte đầu tiên {rounded(med_ttfb)} ms (ngưỡng {limit_ttfb} ms, "
                            f"p90 {details['p90_ttfb_ms']} ms)")
            parts_en.append(f"median time to first byte {rounded(med_ttfb)} ms (limit {limit_ttfb} ms, p90 "
                            f"{details['p90_ttfb_ms']} ms)")
            if med_ttfb > limit_ttfb:
                over.append("ttfb")
        if med_total is not None:
            parts_vi.append(f"trung vị thời gian tải {rounded(med_total)} ms (ngưỡng {limit_total} ms, p90 "
                            f"{details['p90_total_ms']} ms)")
            parts_en.append(f"median download time {rounded(med_total)} ms (limit {limit_total} ms, p90 "
                            f"{details['p90_total_ms']} ms)")
            if med_total > limit_total:
                over.append("total")
        details["over"] = over
        evidence = [Evidence(url=page_url(p), locator=f"{p.role} page, timed from the scanner",
                             value=f"TTFB {rounded(a) if a is not None else '-'} ms; download "
                                   f"{rounded(b) if b is not None else '-'} ms") for p, a, b in slowest[:3]]
        measured_vi = f"{len(timed)} trang HTML, đo từ máy quét"
        measured_en = f"{len(timed)} HTML page(s), timed from the scanner"
        if over:
            yield self.finding(
                ctx, Status.WARN,
                f"Trang phản hồi chậm ({measured_vi}): {'; '.join(parts_vi)}. Thời gian đo phụ thuộc cả mạng của máy "
                "quét.",
                f"Pages answer slowly ({measured_en}): {'; '.join(parts_en)}. The times also depend on the scanner's "
                "network.",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Trang phản hồi nhanh ({measured_vi}): {'; '.join(parts_vi)}.",
            f"Pages answer quickly ({measured_en}): {'; '.join(parts_en)}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- PF-003
TABLE_HEAVY = ["Trang / Page", "Vai trò / Role", "HTML (KB)"]


@register
class PageWeight(ComplianceRule):
    """The HTML of the home page and of a typical page is not oversized.

    **What it checks**
    The size of the HTML documents the crawl fetched (decompressed, without images, scripts or
    styles, which are not downloaded): the home page at most ``max_kb`` (500 KB) and the median
    page at most ``max_kb`` pass; either above gives ``heavy_status`` (``warn``).  The largest pages
    are listed.

    **Why it matters**
    Decree 224/2026 Art. 12 (VERIFIED, in force since 01/07/2026) calls for measuring technical
    performance.  Oversized HTML (inline images in base64, whole news archives on the home page,
    ASP.NET view state of hundreds of kilobytes) is slow on mobile connections and costs visitors
    data.

    **Non-compliant**
    A home page of 1.8 MB of HTML (a 1.2 MB ``__VIEWSTATE``): ``warn``.

    **Compliant**
    Home page 96 KB, median page 64 KB: ``pass``.

    **Remediation**
    Move inline images and scripts to separate, cacheable files; paginate long listings; disable
    or shrink view state where it is not needed (``EnableViewState="false"``).
    """

    id = "PF-003"
    name = "technical.page-weight"
    title_vi = "Dung lượng HTML của trang hợp lý"
    title_en = "HTML pages are not oversized"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_12,)
    options: ClassVar[Mapping[str, Option]] = {
        "max_kb": Option(int, 500, "Dung lượng HTML tối đa (KB) của trang chủ và của trang trung vị.",
                         "The largest HTML size (KB) of the home page and of the median page that passes.", minimum=1),
        **status_option("heavy_status", "warn", "trang HTML quá nặng", "the HTML is oversized"),
    }
    description_vi = ("Dung lượng HTML (đã giải nén, không kể hình ảnh, mã lệnh, CSS) của trang chủ và trung vị các "
                      "trang đã tải không quá 500 KB; lớn hơn thì cảnh báo.")
    remediation_vi = ("Tách hình ảnh, mã lệnh nhúng trong trang ra tệp riêng có thể lưu đệm; phân trang các danh sách "
                      "dài; tắt hoặc giảm ViewState khi không cần.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        sized = [(p, p.size) for p in html_pages(snapshot) if isinstance(p.size, int)]
        if not sized:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại dung lượng của trang HTML nào.",
                "The snapshot records the size of no HTML page.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="page sizes", value="not recorded")],
                details={}, error_class="not_recorded")
            return
        limit = int(ctx.options["max_kb"])
        home = facts.home_page(snapshot)
        home_kb = round(home.size / 1024, 1) if home is not None and isinstance(home.size, int) else None
        median_kb = round(statistics.median(s for _, s in sized) / 1024, 1)
        largest = sorted(sized, key=lambda t: -t[1])[:5]
        transfer = home.facts.get("transfer_size") if home is not None else None
        details: dict[str, Any] = {
            "pages": len(sized), "home_kb": home_kb, "median_kb": median_kb, "max_kb": limit,
            "home_transfer_kb": round(transfer / 1024, 1) if isinstance(transfer, int) else None,
            "largest": [{"url": page_url(p), "kb": round(s / 1024, 1)} for p, s in largest],
            "table": {"columns": TABLE_HEAVY, "rows": [[page_url(p), p.role, round(s / 1024, 1)] for p, s in largest]},
        }
        over = [name for name, kb in (("home", home_kb), ("median", median_kb)) if kb is not None and kb > limit]
        details["over"] = over
        evidence = [Evidence(url=page_url(p), locator=f"{p.role} page HTML (decompressed)",
                             value=f"{round(s / 1024, 1)} KB") for p, s in largest[:3]]
        stats_vi = (f"trang chủ {home_kb if home_kb is not None else '?'} KB, trung vị {median_kb} KB trên "
                    f"{len(sized)} trang, ngưỡng {limit} KB")
        stats_en = (f"home page {home_kb if home_kb is not None else '?'} KB, median {median_kb} KB over "
                    f"{len(sized)} page(s), limit {limit} KB")
        if over:
            yield self.finding(
                ctx, Status(ctx.options["heavy_status"]),
                f"HTML quá nặng: {stats_vi}; lớn nhất {page_url(largest[0][0])} ({round(largest[0][1] / 1024, 1)} KB).",
                f"The HTML is oversized: {stats_en}; the largest is {page_url(largest[0][0])} "
                f"({round(largest[0][1] / 1024, 1)} KB).",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Dung lượng HTML hợp lý: {stats_vi}.",
            f"The HTML size is reasonable: {stats_en}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- PF-004
TABLE_UNCOMPRESSED = ["Trang / Page", "Vai trò / Role", "HTML (KB)", "Content-Encoding"]


def content_encoding(page: PageFetch) -> tuple[bool, str | None]:
    """(recorded, encoding): the encoding the server used; ``None`` for an uncompressed answer."""
    if "content_encoding" in page.facts:
        value = page.facts.get("content_encoding")
        text = str(value).strip().lower() if value else ""
        return True, (text if text and text != "identity" else None)
    if "ttfb_ms" in page.facts:  # the newer crawler records the encoding only when there is one
        return True, None
    header = page.headers.get("content-encoding")
    if header:
        return True, header.strip().lower()
    return False, None


@register
class Compression(ComplianceRule):
    """HTML pages are served compressed (gzip, Brotli).

    **What it checks**
    The ``Content-Encoding`` the server used for each HTML page over 2 KB (recorded before the
    crawler decompressed it): gzip, br, deflate or zstd on every such page passes; some pages
    uncompressed, or none compressed, gives ``uncompressed_status`` (``warn``), with the pages
    listed.

    **Why it matters**
    Decree 224/2026 Art. 12 (VERIFIED, in force since 01/07/2026) calls for measuring technical
    performance.  HTML compresses to a fifth or less: serving it uncompressed makes every page
    several times slower on mobile networks, for a one-line server setting.

    **Non-compliant**
    No page is compressed (the server ignores ``Accept-Encoding: gzip``): ``warn``.

    **Compliant**
    Every page is served with ``Content-Encoding: gzip`` or ``br``: ``pass``.

    **Remediation**
    Enable compression of text responses: IIS "Dynamic Content Compression" (a role feature to
    install, then ``<urlCompression doDynamicCompression="true"/>``), nginx ``gzip on;
    gzip_types text/html text/css application/javascript;``, Apache ``mod_deflate``; check a proxy
    in front does not strip it.
    """

    id = "PF-004"
    name = "technical.compression"
    title_vi = "Trang HTML được nén khi truyền (gzip, Brotli)"
    title_en = "HTML pages are served compressed"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_12,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "uncompressed_status", "warn", "trang HTML không được nén", "HTML pages are served uncompressed")
    description_vi = ("Các trang HTML lớn hơn 2 KB được máy chủ nén khi truyền (Content-Encoding gzip, br, deflate); "
                      "trang không nén thì cảnh báo.")
    remediation_vi = ("Bật nén nội dung văn bản trên máy chủ web (IIS: Dynamic Content Compression; nginx: gzip on và "
                      "gzip_types; Apache: mod_deflate) và kiểm tra máy chủ proxy phía trước không bỏ nén.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = html_pages(snapshot)
        known = [(p, enc) for p in pages for recorded, enc in [content_encoding(p)] if recorded]
        if not known:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại cách nén (Content-Encoding) của trang HTML nào.",
                "The snapshot records the Content-Encoding of no HTML page.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="facts[\"content_encoding\"]",
                                   value="not recorded")],
                details={"pages": len(pages)}, error_class="not_recorded")
            return
        eligible = [(p, enc) for p, enc in known if not isinstance(p.size, int) or p.size > MIN_COMPRESS_BYTES]
        compressed = [(p, enc) for p, enc in eligible if enc is not None and enc.split(",")[0].strip() in COMPRESSED]
        plain = [(p, enc) for p, enc in eligible if (p, enc) not in compressed]
        encodings = sorted({str(enc) for _, enc in compressed})
        details: dict[str, Any] = {"pages": len(eligible), "compressed": len(compressed), "uncompressed": len(plain),
                                   "encodings": encodings, "small_pages": len(known) - len(eligible)}
        if not eligible:
            yield self.finding(
                ctx, Status.PASS,
                f"Mọi trang HTML đã tải đều nhỏ hơn {MIN_COMPRESS_BYTES // 1024} KB; không cần nén.",
                f"Every HTML page fetched is under {MIN_COMPRESS_BYTES // 1024} KB; compression does not matter.",
                evidence=[Evidence(url=page_url(known[0][0]), locator="HTML page size",
                                   value=f"{known[0][0].size} bytes")],
                details=details)
            return
        if not plain:
            yield self.finding(
                ctx, Status.PASS,
                f"{len(compressed)} trang HTML đều được nén ({', '.join(encodings)}).",
                f"All {len(compressed)} HTML page(s) are served compressed ({', '.join(encodings)}).",
                evidence=[Evidence(url=page_url(p), locator="Content-Encoding used by the server", value=enc)
                          for p, enc in compressed[:3]],
                details=details)
            return
        details["table"] = {"columns": TABLE_UNCOMPRESSED,
                            "rows": [[page_url(p), p.role, round(p.size / 1024, 1) if isinstance(p.size, int) else "",
                                      enc or "(none)"] for p, enc in plain[:30]]}
        evidence = [Evidence(url=page_url(p), locator="Content-Encoding used by the server", value=enc or "(none)",
                             snippet=f"{round(p.size / 1024, 1)} KB" if isinstance(p.size, int) else None)
                    for p, enc in plain[:5]]
        if compressed:
            text_vi = (f"{len(plain)}/{len(eligible)} trang HTML không được nén (các trang khác dùng "
                       f"{', '.join(encodings)}), ví dụ {page_url(plain[0][0])}.")
            text_en = (f"{len(plain)} of {len(eligible)} HTML pages are served uncompressed (the others use "
                       f"{', '.join(encodings)}), e.g. {page_url(plain[0][0])}.")
        else:
            text_vi = (f"Không trang HTML nào trong {len(eligible)} trang được nén khi truyền (không có "
                       "Content-Encoding).")
            text_en = f"None of the {len(eligible)} HTML pages is served compressed (no Content-Encoding)."
        yield self.finding(ctx, Status(ctx.options["uncompressed_status"]), text_vi, text_en, evidence=evidence,
                           details=details)


# ---------------------------------------------------------------------------------------------- PF-005
TABLE_CACHE = ["Trang / Page", "Last-Modified", "ETag", "Cache-Control", "Expires"]
CACHE_HEADERS = ("last-modified", "etag", "cache-control", "expires")


@register
class Caching(ComplianceRule):
    """HTML answers carry cache validators and a caching policy.

    **What it checks**
    The headers of each HTML page the crawl fetched: a validator (``Last-Modified`` or ``ETag``)
    and a caching policy (``Cache-Control`` or ``Expires``) on every page pass; pages lacking one
    give ``missing_status`` (``warn``), with the count of pages carrying each header and the pages
    lacking them.  Any explicit policy counts, ``no-cache`` included: it is a deliberate choice.

    **Why it matters**
    Decree 224/2026 Art. 12 (VERIFIED, in force since 01/07/2026) calls for measuring technical
    performance.  Validators let browsers and proxies revalidate a page with a tiny ``304 Not
    Modified`` instead of downloading it again; without a policy, each cache guesses.

    **Non-compliant**
    Pages with neither ``Last-Modified``/``ETag`` nor ``Cache-Control``/``Expires``: ``warn``.

    **Compliant**
    ``Cache-Control: public, max-age=300`` and ``ETag: "5f2a…"`` on every page: ``pass``.

    **Remediation**
    Have the CMS or the reverse proxy send ``Cache-Control`` (a short ``max-age`` for pages,
    long for versioned static files) and an ``ETag`` or ``Last-Modified`` (the article's
    modification time), and answer conditional requests with 304.
    """

    id = "PF-005"
    name = "technical.caching"
    title_vi = "Trang có tiêu đề điều khiển bộ nhớ đệm"
    title_en = "Pages carry caching headers"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_12,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "trang thiếu tiêu đề bộ nhớ đệm", "pages lack caching headers")
    description_vi = ("Mỗi trang HTML có tiêu đề kiểm tra phiên bản (Last-Modified hoặc ETag) và chính sách lưu đệm "
                      "(Cache-Control hoặc Expires); thiếu thì cảnh báo.")
    remediation_vi = ("Cấu hình CMS hoặc máy chủ proxy gửi Cache-Control (max-age ngắn cho trang, dài cho tệp tĩnh có "
                      "phiên bản) và ETag hoặc Last-Modified, trả lời 304 cho yêu cầu có điều kiện.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = [p for p in html_pages(snapshot) if p.headers]
        if not pages:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại tiêu đề phản hồi của trang HTML nào.",
                "The snapshot records the response headers of no HTML page.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="page headers",
                                   value="not recorded")],
                details={}, error_class="not_recorded")
            return
        counts = {h: sum(1 for p in pages if p.headers.get(h)) for h in CACHE_HEADERS}
        lacking = [p for p in pages if not ((p.headers.get("last-modified") or p.headers.get("etag")) and
                                            (p.headers.get("cache-control") or p.headers.get("expires")))]
        details: dict[str, Any] = {"pages": len(pages), "with_header": counts, "lacking": len(lacking)}
        shown = ", ".join(f"{h} {counts[h]}/{len(pages)}" for h in CACHE_HEADERS)
        if not lacking:
            home = pages[0]
            yield self.finding(
                ctx, Status.PASS,
                f"{len(pages)} trang HTML đều có tiêu đề kiểm tra phiên bản và chính sách lưu đệm ({shown}).",
                f"All {len(pages)} HTML page(s) carry a validator and a caching policy ({shown}).",
                evidence=[Evidence(url=page_url(home), locator="response headers",
                                   value="; ".join(f"{h}: {home.headers[h]}" for h in CACHE_HEADERS
                                                   if home.headers.get(h)))],
                details=details)
            return
        details["table"] = {"columns": TABLE_CACHE,
                            "rows": [[page_url(p), *[p.headers.get(h) or "-" for h in CACHE_HEADERS]]
                                     for p in lacking[:30]]}
        none = all(counts[h] == 0 for h in CACHE_HEADERS)
        evidence = [Evidence(url=page_url(p), locator="response headers",
                             value="; ".join(f"{h}: {p.headers.get(h) or '(absent)'}" for h in CACHE_HEADERS))
                    for p in lacking[:5]]
        if none:
            text_vi = f"Không trang HTML nào trong {len(pages)} trang có tiêu đề bộ nhớ đệm (Last-Modified, ETag, " \
                      "Cache-Control, Expires)."
            text_en = f"None of the {len(pages)} HTML pages carries caching headers (Last-Modified, ETag, " \
                      "Cache-Control, Expires)."
        else:
            text_vi = (f"{len(lacking)}/{len(pages)} trang HTML thiếu tiêu đề kiểm tra phiên bản hoặc chính sách lưu "
                       f"đệm ({shown}).")
            text_en = (f"{len(lacking)} of {len(pages)} HTML pages lack a validator or a caching policy ({shown}).")
        yield self.finding(ctx, Status(ctx.options["missing_status"]), text_vi, text_en, evidence=evidence,
                           details=details)


# ---------------------------------------------------------------------------------------------- PF-006
TABLE_LINKS = ["Liên kết / Link", "Nơi đặt / Linked from", "Nhãn / Label", "Kết quả / Outcome"]


def _link_sources(snapshot: PortalSnapshot) -> dict[str, tuple[str, str]]:
    """URL → (where it is linked, its label), for the links the crawl found on pages."""
    out: dict[str, tuple[str, str]] = {}
    for cand in snapshot.candidates:
        if cand.via in LINK_VIAS:
            out.setdefault(cand.url, (cand.via, cand.label))
    for entry in facts.layout(snapshot, "menu").get("entries", []) or []:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            out.setdefault(entry["url"], ("menu", str(entry.get("label") or "")))
    return out


@register
class BrokenLinks(ComplianceRule):
    """Links on the home page and in its menus lead to existing pages.

    **What it checks**
    A sample of the home page's internal links fetched for their status (role ``linkcheck``,
    spread over the menu, the main region and the footer) and the section pages the crawl opened
    from the menus and the home page: an answer 404 or 410 is a broken link, and one or more give
    ``broken_status`` (``fail``), with the address and where it is linked.  Timeouts, 403 and 5xx
    are not counted as broken (listed in the details; 5xx are PF-001's).  Addresses the crawler
    only guessed (``/lien-he``) are not links and are left out.  No link fetched: not determinable.

    **Why it matters**
    Decree 42/2022 Art. 7.1 (VERIFIED-2nd, repealed 01/07/2026) listed the portal's functions
    (search, links to other state portals, print and save), and Decree 224/2026 Art. 12 (VERIFIED,
    in force since 01/07/2026) calls for measuring accessibility and navigation; no text sets a
    broken-link threshold.  A menu entry that leads to "404 Not Found" hides a whole section from
    citizens.

    **Non-compliant**
    The menu entry "Thủ tục hành chính" links to ``/thu-tuc-hanh-chinh.html``, which answers
    404: ``fail``.

    **Compliant**
    Every sampled link answers 200 (or redirects to a page that does): ``pass``.

    **Remediation**
    Fix or remove the broken entries in the menu and the home page's blocks; when pages move,
    redirect the old address (301) to the new one instead of deleting it.
    """

    id = "PF-006"
    name = "technical.broken-links"
    title_vi = "Liên kết trên trang chủ và trình đơn không bị hỏng"
    title_en = "Links on the home page and in the menus work"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND42_7_1, cite.ND224_12)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "broken_status", "fail", "có liên kết trả về 404/410", "links answer 404/410")
    description_vi = ("Các liên kết nội bộ lấy mẫu trên trang chủ (trình đơn, nội dung chính, chân trang) và các trang "
                      "chuyên mục mở từ trình đơn không trả về lỗi 404/410; hết thời gian chờ hoặc lỗi khác không tính "
                      "là liên kết hỏng.")
    remediation_vi = ("Sửa hoặc gỡ các liên kết hỏng trên trình đơn và các khối của trang chủ; khi chuyển trang, đặt "
                      "chuyển hướng 301 từ địa chỉ cũ sang địa chỉ mới thay vì xóa.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        sources = _link_sources(snapshot)
        sample: dict[str, tuple[PageFetch, str, str]] = {}
        for p in snapshot.pages:
            if p.url in sample:
                continue
            if p.role == "linkcheck":
                via, label = sources.get(p.url, ("", ""))
                raw = p.facts.get("linkcheck")
                placed: dict[str, Any] = raw if isinstance(raw, dict) else {}
                where = str(placed.get("region") or via or "home")
                sample[p.url] = (p, where, str(placed.get("label") or label))
            elif p.role in ("listing", "content", "sitemap_page") and p.url in sources:
                via, label = sources[p.url]
                sample[p.url] = (p, via, label)
        probe = facts.probe(snapshot, "linkcheck")
        if not sample:
            why_vi = {"no_links": "trang chủ không có liên kết nội bộ nào chưa được tải",
                      "budget": "đã hết ngân sách trang"}.get(str(probe.get("status")),
                                                              "bản chụp không có mẫu liên kết")
            why_en = {"no_links": "the home page has no internal link that was not fetched otherwise",
                      "budget": "the page budget was spent"}.get(str(probe.get("status")),
                                                                  "the snapshot holds no link sample")
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không có liên kết nào của trang chủ được kiểm tra ({why_vi}).",
                f"No link of the home page was checked ({why_en}).",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="link sample", value="none")],
                details={"sampled": 0, "probe_status": probe.get("status")}, error_class="no_sample")
            return
        broken = [(p, w, lab) for p, w, lab in sample.values() if p.status in BROKEN_STATUSES]
        uncounted = [(p, w, lab) for p, w, lab in sample.values()
                     if p.status not in BROKEN_STATUSES and not p.ok]
        working = len(sample) - len(broken) - len(uncounted)
        details: dict[str, Any] = {
            "sampled": len(sample), "broken": len(broken), "working": working,
            "not_counted": [{"url": p.url, "outcome": outcome(p), "where": w} for p, w, _ in uncounted[:20]],
            "linkcheck": sum(1 for p, _, _ in sample.values() if p.role == "linkcheck"),
        }
        rows = [[p.url, _where(w), lab, outcome(p)] for p, w, lab in broken + uncounted]
        if rows:
            details["table"] = {"columns": TABLE_LINKS, "rows": rows[:40]}
        note_vi = (f"; {len(uncounted)} liên kết lỗi khác (hết thời gian chờ, 403, 5xx) không được tính"
                   if uncounted else "")
        note_en = (f"; {len(uncounted)} other failure(s) (timeouts, 403, 5xx) not counted" if uncounted else "")
        if broken:
            first, where, label = broken[0]
            yield self.finding(
                ctx, Status(ctx.options["broken_status"]),
                f"{len(broken)}/{len(sample)} liên kết đã kiểm tra bị hỏng (404/410), ví dụ \"{label or first.url}\" "
                f"({_where(where, 'vi')}) → {first.url} trả về HTTP {first.status}{note_vi}.",
                f"Broken links: {len(broken)} of {len(sample)} checked answer 404/410, e.g. \"{label or first.url}\" "
                f"({_where(where)}) → {first.url} answers HTTP {first.status}{note_en}.",
                evidence=[Evidence(url=p.url, locator=f"link in the home page's {_where(w)}", value=outcome(p),
                                   snippet=lab or None) for p, w, lab in broken[:8]],
                details=details)
            return
        yield self.finding(
            ctx, Status.PASS,
            f"{working}/{len(sample)} liên kết đã kiểm tra hoạt động, không liên kết nào trả về 404/410{note_vi}.",
            f"{working} of {len(sample)} checked links work; none answers 404/410{note_en}.",
            evidence=[Evidence(url=p.url, locator=f"link in the home page's {_where(w)}", value=outcome(p),
                               snippet=lab or None) for p, w, lab in list(sample.values())[:3]],
            details=details)


_WHERE = {"menu": ("trình đơn", "menu"), "dropdown": ("trình đơn thả xuống", "menu (dropdown)"),
          "home": ("trang chủ", "home page"), "body": ("nội dung trang chủ", "home page body"),
          "footer": ("chân trang", "footer"), "sidebar": ("cột bên", "sidebar"),
          "sitemap_page": ("trang sơ đồ cổng", "HTML site map"), "main": ("nội dung chính", "main region"),
          "header": ("đầu trang", "header")}


def _where(via: str, lang: str = "en") -> str:
    vi, en = _WHERE.get(via, (via or "trang chủ", via or "home page"))
    return vi if lang == "vi" else en
