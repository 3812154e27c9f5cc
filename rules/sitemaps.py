"""Machine-readable maps and feeds (SM-xxx): robots.txt, sitemap.xml, RSS/Atom.

They read the discovery fetches of the crawl: the ``robots`` page (facts ``ok``, ``parse_errors``,
``disallow_all``, ``user_agents``, ``sitemaps``), the ``sitemap_xml`` pages (``well_formed``,
``urls``, ``children``, ``lastmod``, ``error``), the feeds the home page advertises
(``facts["tech"]["feeds"]``) and the first one fetched (role ``feed``, fact ``feed``); docs/facts.md.

None of these files is required by a verified text except the XML site map of Circular 32/2017
(legacy guidance), so their absence is a warning; a file that is there but broken (an XML site
map that does not parse, a feed that is not a feed) fails, since it misleads search engines and
readers.  A fetch that timed out or was never made (page budget) leaves the rule undeterminable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.clock import vn_today
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.performance import outcome
from rules.tls import days_text, status_option, tech

MISSING = (404, 410)
INVALID_ERRORS = ("not_xml", "bad_gzip")


def _html(page: PageFetch) -> bool:
    return "html" in (page.content_type or page.headers.get("content-type") or "").lower()


def _count(value: Any, total: int) -> int | None:
    """A count recorded as an int, a bool (all / none), a list or ``{"count": n}``; ``None`` when unknown."""
    if isinstance(value, bool):
        return total if value else 0
    if isinstance(value, int):
        return value
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        for key in ("count", "with", "entries", "dated"):
            inner = value.get(key)
            if isinstance(inner, int) and not isinstance(inner, bool):
                return inner
        return len(value) if value and all(isinstance(k, str) and "://" in k for k in value) else None
    return None


def _xml_error(error: str) -> tuple[str, str]:
    """A parser error code in words."""
    if error.startswith("unexpected_root:"):
        root = error.split(":", 1)[1] or "?"
        return (f"phần tử gốc <{root}> thay vì <urlset> hoặc <sitemapindex>",
                f"root element <{root}> instead of <urlset> or <sitemapindex>")
    return {"not_xml": ("không phải XML hợp lệ", "not well-formed XML"),
            "bad_gzip": ("tệp nén gzip bị hỏng", "a corrupt gzip file")}.get(error, (error, error))


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def robots_page(snapshot: PortalSnapshot) -> PageFetch | None:
    return next((p for p in snapshot.pages if p.role == "robots"), None)


def declared_sitemaps(snapshot: PortalSnapshot) -> list[str]:
    """The ``Sitemap:`` lines of robots.txt."""
    robots = robots_page(snapshot)
    value = robots.facts.get("sitemaps", []) if robots is not None and robots.ok else []
    return [str(v) for v in value] if isinstance(value, list) else []


def not_fetched(rule: ComplianceRule, snapshot: PortalSnapshot, ctx: RuleContext, what_vi: str,
                what_en: str, url: str) -> Finding:
    return rule.finding(
        ctx, Status.NOT_DETERMINABLE,
        f"{what_vi} không được tải trong lần quét này (hết ngân sách trang hoặc bản chụp cũ); không đánh giá được.",
        f"{what_en} was not fetched in this crawl (page budget spent, or an older snapshot); nothing could be judged.",
        evidence=[Evidence(url=url, locator="crawl", value="not fetched")],
        details={"budget_hit": bool(snapshot.crawl.get("budget_hit"))}, error_class="not_fetched")


# ---------------------------------------------------------------------------------------------- SM-001
@register
class RobotsTxt(ComplianceRule):
    """The portal serves a valid robots.txt that does not shut out search engines.

    **What it checks**
    ``/robots.txt`` of the portal's host, as the crawl fetched it (without obeying it): a 200
    answer in plain text that parses passes, with its ``Sitemap:`` lines and user agents in the
    details.  A 404 gives ``missing_status`` (``warn``: the file is optional); a server error, an
    HTML page served in its place (a "soft 404" or a redirect to the home page), or lines that do
    not parse warn; ``Disallow: /`` for every user agent gives ``disallow_all_status`` (``warn``).
    A fetch that timed out, or no fetch at all, is not determinable.

    **Why it matters**
    Circular 32/2017 Art. 16.4.b (VERIFIED, legacy guidance) asks for a site map file for search
    engines; robots.txt is where crawlers find it and learn what they may index.  A robots.txt that
    forbids everything removes the portal's documents from search results, where most citizens
    look for them.

    **Non-compliant**
    ``User-agent: *`` / ``Disallow: /`` (left over from the staging site): ``warn``; ``/robots.txt``
    answers 404: ``warn``.

    **Compliant**
    ``User-agent: *``, ``Disallow: /admin/``, ``Sitemap: https://sokhcn.hoalam.gov.vn/sitemap.xml``:
    ``pass``.

    **Remediation**
    Serve a plain-text ``/robots.txt`` (``Content-Type: text/plain``) that excludes only the
    administrative paths, and names the XML site map with a ``Sitemap:`` line.
    """

    id = "SM-001"
    name = "technical.robots-txt"
    title_vi = "Có tệp robots.txt hợp lệ"
    title_en = "A valid robots.txt is served"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_4_B,)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("missing_status", "warn", "không có robots.txt (404)", "robots.txt is missing (404)"),
        **status_option("disallow_all_status", "warn", "robots.txt chặn mọi máy tìm kiếm",
                        "robots.txt disallows everything for every user agent"),
    }
    description_vi = ("Tệp /robots.txt trả về 200, dạng văn bản thuần, đọc được và không chặn toàn bộ cổng với mọi máy "
                      "tìm kiếm; không có (404), lỗi máy chủ, trả về trang HTML hoặc chặn toàn bộ thì cảnh báo.")
    remediation_vi = ("Phục vụ tệp /robots.txt dạng text/plain, chỉ chặn các đường dẫn quản trị, và khai báo sơ đồ "
                      "trang XML bằng dòng Sitemap:.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        page = robots_page(snapshot)
        origin = (snapshot.home_url or snapshot.url).split("/", 3)
        guess = "/".join(origin[:3]) + "/robots.txt"
        if page is None:
            yield not_fetched(self, snapshot, ctx, "Tệp robots.txt", "robots.txt", guess)
            return
        url = page.url
        evidence = [Evidence(url=url, locator="robots.txt fetched by the crawl", value=outcome(page),
                             snippet=page.content_type)]
        base: dict[str, Any] = {"url": url, "http_status": page.status, "content_type": page.content_type}
        if page.status in MISSING:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Cổng không có tệp robots.txt ({url} trả về HTTP {page.status}).",
                f"The portal has no robots.txt ({url} answers HTTP {page.status}).",
                evidence=evidence, details={**base, "present": False})
            return
        if page.status is None:
            error_class = page.error_class or "unknown"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được {url} ({error_class}); không đánh giá được.",
                f"{url} could not be fetched ({error_class}); nothing could be judged.",
                evidence=evidence, details=base, error_class=error_class)
            return
        if not page.ok:
            yield self.finding(
                ctx, Status.WARN,
                f"{url} trả về HTTP {page.status} thay vì tệp robots.txt; máy tìm kiếm không đọc được.",
                f"{url} answers HTTP {page.status} instead of a robots.txt; search engines cannot read it.",
                evidence=evidence, details={**base, "present": None, "problem": f"http_{page.status}"})
            return
        if _html(page) or page.facts.get("html"):
            yield self.finding(
                ctx, Status.WARN,
                f"{url} trả về một trang HTML ({page.content_type}) thay vì tệp văn bản robots.txt (trang lỗi hoặc "
                "chuyển hướng về trang chủ).",
                f"{url} answers an HTML page ({page.content_type}) instead of a plain-text robots.txt (an error page "
                "or a redirect to the home page).",
                evidence=evidence, details={**base, "present": False, "problem": "html"})
            return
        info = page.facts
        if "ok" not in info and "disallow_all" not in info:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"{url} trả về HTTP {page.status} nhưng bản chụp không ghi lại nội dung đã phân tích (bản chụp cũ).",
                f"{url} answers HTTP {page.status} but the snapshot holds no analysis of its content (an older "
                "snapshot).",
                evidence=evidence, details=base, error_class="not_recorded")
            return
        errors = info.get("parse_errors")
        n_errors = len(errors) if isinstance(errors, list) else int(errors) if isinstance(errors, int) else 0
        lines = info.get("error_lines")
        if isinstance(lines, list):
            errors = lines
        sitemaps = declared_sitemaps(snapshot)
        agents = info.get("user_agents") if isinstance(info.get("user_agents"), list) else []
        details = {**base, "present": True, "parse_errors": n_errors, "disallow_all": bool(info.get("disallow_all")),
                   "user_agents": (agents or [])[:20], "sitemaps": sitemaps[:10]}
        if info.get("ok") is False or n_errors:
            samples = [str(e) for e in errors[:3]] if isinstance(errors, list) else []
            yield self.finding(
                ctx, Status.WARN,
                f"Tệp robots.txt {url} có {n_errors or 'một số'} dòng không hợp lệ"
                + (f" (ví dụ \"{samples[0]}\")" if samples else "") + "; máy tìm kiếm có thể hiểu sai.",
                f"The robots.txt {url} has {n_errors or 'some'} invalid line(s)"
                + (f" (e.g. \"{samples[0]}\")" if samples else "") + "; search engines may misread it.",
                evidence=evidence + [Evidence(url=url, locator="robots.txt line", snippet=s) for s in samples],
                details={**details, "problem": "parse_errors"})
            return
        if info.get("disallow_all"):
            yield self.finding(
                ctx, Status(ctx.options["disallow_all_status"]),
                f"Tệp robots.txt {url} chặn toàn bộ cổng với mọi máy tìm kiếm (User-agent: * / Disallow: /): văn bản, "
                "tin bài của cổng không xuất hiện trong kết quả tìm kiếm.",
                f"The robots.txt {url} disallows the whole portal for every user agent (User-agent: * / Disallow: /): "
                "the portal's documents and news drop out of search results.",
                evidence=[Evidence(url=url, locator="robots.txt rules", value="User-agent: * / Disallow: /")],
                details={**details, "problem": "disallow_all"})
            return
        note_vi = f"; khai báo sơ đồ trang: {', '.join(sitemaps[:3])}" if sitemaps else "; không có dòng Sitemap:"
        note_en = f"; site maps declared: {', '.join(sitemaps[:3])}" if sitemaps else "; no Sitemap: line"
        yield self.finding(
            ctx, Status.PASS,
            f"Tệp robots.txt {url} hợp lệ và không chặn toàn bộ cổng{note_vi}.",
            f"The robots.txt {url} is valid and does not shut out the portal{note_en}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- SM-002
def _sitemap_state(page: PageFetch, declared: set[str]) -> str:
    """read | index | empty | invalid | unreadable | html | absent | failed."""
    if page.status in MISSING:
        return "absent"
    if not page.ok:
        return "failed"
    info = page.facts
    error = str(info.get("error") or "")
    urls, children = int(info.get("urls") or 0), int(info.get("children") or 0)
    if _html(page) and not urls and not children:
        # An HTML page at /sitemap.xml is the server's "not found" page unless robots.txt points at it.
        return "invalid" if page.url in declared else "html"
    if error == "entities_refused":
        return "unreadable"
    # The crawler's parser recovers from broken XML; search engines do not, so recovered URLs do not
    # make a broken file valid.
    if info.get("well_formed") is False or error in INVALID_ERRORS or error.startswith("unexpected_root"):
        return "invalid"
    if urls:
        return "read"
    if children:
        return "index"
    return "empty"


@register
class SitemapXml(ComplianceRule):
    """The portal has a well-formed XML site map, declared in robots.txt, with modification dates.

    **What it checks**
    The XML site maps the crawl fetched (``/sitemap.xml`` and those named by robots.txt's
    ``Sitemap:`` lines, children of a site-map index included).  A well-formed map with at least
    one URL, declared in robots.txt, whose entries carry ``<lastmod>`` passes.  Present but not
    declared, or without ``<lastmod>`` on its entries (or only on some), or empty: ``warn``.  No
    site map (404, or an HTML "not found" page served at ``/sitemap.xml``): ``missing_status``
    (``warn``).  A file that does not parse as XML (or has another root than ``urlset`` /
    ``sitemapindex``): ``invalid_status`` (``fail``).  A server error or timeout is not
    determinable.

    **Why it matters**
    Circular 32/2017 Art. 16.4.b (VERIFIED, legacy guidance) requires the site map as an XML file
    for search engines, and Decree 224/2026 Art. 11.5 (VERIFIED, in force since 01/07/2026) metadata
    that supports search.  ``lastmod`` tells search engines which documents changed, so new
    documents are indexed in days instead of weeks; an invalid file is ignored entirely.

    **Non-compliant**
    ``/sitemap.xml`` cut off in the middle of a ``<url>`` element: ``fail``; a valid map that
    robots.txt does not name, or whose entries have no ``<lastmod>``: ``warn``.

    **Compliant**
    ``/sitemap.xml`` with 420 ``<url>`` entries each with ``<lastmod>``, and ``Sitemap:
    https://sokhcn.hoalam.gov.vn/sitemap.xml`` in robots.txt: ``pass``.

    **Remediation**
    Have the CMS generate the site map (most have a module or plugin) with every public page and
    its modification date, regenerate it when content changes, keep it under 50,000 URLs per file
    (an index for more), and add its address to robots.txt.
    """

    id = "SM-002"
    name = "technical.sitemap-xml"
    title_vi = "Có sơ đồ trang XML (sitemap.xml) hợp lệ"
    title_en = "A valid XML site map (sitemap.xml) is published"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.TT32_16_4_B, cite.ND224_11_5)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("missing_status", "warn", "không có sơ đồ trang XML", "there is no XML site map"),
        **status_option("invalid_status", "fail", "sơ đồ trang XML không đúng định dạng",
                        "the XML site map is not well-formed"),
    }
    description_vi = ("Cổng có sơ đồ trang XML (sitemap.xml) đúng định dạng, có ít nhất một địa chỉ, được khai báo "
                      "trong robots.txt và các mục có ngày cập nhật (lastmod); không khai báo hoặc thiếu lastmod thì "
                      "cảnh báo, không có thì cảnh báo, sai định dạng XML là không đạt.")
    remediation_vi = ("Dùng chức năng của CMS để tạo sơ đồ trang XML gồm mọi trang công khai kèm ngày cập nhật, tạo "
                      "lại khi nội dung thay đổi, và khai báo địa chỉ của nó trong robots.txt (dòng Sitemap:).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = [p for p in snapshot.pages if p.role == "sitemap_xml"]
        home = snapshot.home_url or snapshot.url
        origin = "/".join(home.split("/", 3)[:3])
        if not pages:
            yield not_fetched(self, snapshot, ctx, "Sơ đồ trang XML", "The XML site map", origin + "/sitemap.xml")
            return
        declared = set(declared_sitemaps(snapshot))
        states = [(p, _sitemap_state(p, declared)) for p in pages]
        by_state: dict[str, list[PageFetch]] = {}
        for p, state in states:
            by_state.setdefault(state, []).append(p)
        rows = [[p.url, outcome(p), state, int(p.facts.get("urls") or 0)] for p, state in states]
        details: dict[str, Any] = {
            "sitemaps": [{"url": p.url, "state": s, "urls": int(p.facts.get("urls") or 0),
                          "children": int(p.facts.get("children") or 0), "error": p.facts.get("error")}
                         for p, s in states][:10],
            "declared": sorted(declared)[:10],
            "table": {"columns": ["Sơ đồ / Site map", "Kết quả / Outcome", "Trạng thái / State", "URL"],
                      "rows": rows[:20]},
        }
        evidence = [Evidence(url=p.url, locator="XML site map fetched by the crawl",
                             value=f"{outcome(p)}; {s}", snippet=str(p.facts.get("error") or "") or None)
                    for p, s in states[:5]]
        read = by_state.get("read", [])
        if read:
            yield self._judge_read(ctx, read, by_state, declared, details, evidence)
            return
        if by_state.get("invalid"):
            bad = by_state["invalid"][0]
            error = str(bad.facts.get("error") or "not_xml")
            recovered = int(bad.facts.get("urls") or 0) + int(bad.facts.get("children") or 0)
            if _html(bad):
                why_vi, why_en = f"một trang HTML ({bad.content_type})", f"an HTML page ({bad.content_type})"
            elif recovered and not bad.facts.get("error"):
                why_vi = f"XML lỗi cú pháp (trình đọc dễ dãi chỉ khôi phục được {recovered} địa chỉ)"
                why_en = f"malformed XML (a lenient parser recovered {recovered} entries)"
            else:
                why_vi, why_en = _xml_error(error)
            yield self.finding(
                ctx, Status(ctx.options["invalid_status"]),
                f"Sơ đồ trang XML {bad.url} không đúng định dạng: {why_vi}; máy tìm kiếm bỏ qua tệp này.",
                f"The XML site map {bad.url} is not valid: {why_en}; search engines ignore it.",
                evidence=evidence, details={**details, "problem": "invalid"})
            return
        if by_state.get("index") or by_state.get("empty"):
            p = (by_state.get("index") or by_state["empty"])[0]
            yield self.finding(
                ctx, Status.WARN,
                f"Sơ đồ trang XML {p.url} đọc được nhưng không có địa chỉ trang nào"
                + (" (chỉ mục sơ đồ con không đọc được)" if by_state.get("index") else "") + ".",
                f"The XML site map {p.url} parses but lists no page"
                + (" (its child site maps could not be read)" if by_state.get("index") else "") + ".",
                evidence=evidence, details={**details, "problem": "empty"})
            return
        if by_state.get("unreadable"):
            p = by_state["unreadable"][0]
            yield self.finding(
                ctx, Status.WARN,
                f"Sơ đồ trang XML {p.url} khai báo thực thể DOCTYPE nên không được đọc (phòng tấn công XML); máy tìm "
                "kiếm cũng có thể từ chối.",
                f"The XML site map {p.url} declares DOCTYPE entities and was not read (XML-bomb protection); search "
                "engines may refuse it too.",
                evidence=evidence, details={**details, "problem": "entities"})
            return
        if by_state.get("failed"):
            p = by_state["failed"][0]
            error_class = p.error_class or (f"http_{p.status}" if p.status else "unknown")
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được sơ đồ trang XML {p.url} ({error_class}); không đánh giá được.",
                f"The XML site map {p.url} could not be fetched ({error_class}); nothing could be judged.",
                evidence=evidence, details=details, error_class=error_class)
            return
        soft = by_state.get("html", [])
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            "Cổng không có sơ đồ trang XML: " + "; ".join(
                f"{p.url} " + ("trả về trang HTML (trang báo lỗi)" if p in soft else f"trả về HTTP {p.status}")
                for p in pages[:3]) + ".",
            "The portal has no XML site map: " + "; ".join(
                f"{p.url} " + ("answers an HTML page (an error page)" if p in soft else f"answers HTTP {p.status}")
                for p in pages[:3]) + ".",
            evidence=evidence, details={**details, "problem": "missing"})

    def _judge_read(self, ctx: RuleContext, read: list[PageFetch], by_state: dict[str, list[PageFetch]],
                    declared: set[str], details: dict[str, Any], evidence: list[Evidence]) -> Finding:
        urls = sum(int(p.facts.get("urls") or 0) for p in read)
        counts = [_count(p.facts.get("lastmod"), int(p.facts.get("urls") or 0)) for p in read]
        with_lastmod = sum(c for c in counts if c is not None) if any(c is not None for c in counts) else None
        newest = max((d for p in read if isinstance(p.facts.get("lastmod"), dict)
                      for d in [_day(p.facts["lastmod"].get("newest"))] if d), default=None)
        usable = read + by_state.get("index", [])
        is_declared = any(p.url in declared or (p.final_url or "") in declared for p in usable)
        # A site-map index stands for its children: name it, not the largest child.
        main = (by_state.get("index") or [max(read, key=lambda p: int(p.facts.get("urls") or 0))])[0]
        details = {**details, "urls": urls, "with_lastmod": with_lastmod, "declared_in_robots": is_declared,
                   "newest_lastmod": newest.isoformat() if newest else None}
        problems_vi, problems_en = [], []
        if not is_declared:
            if declared:
                problems_vi.append(f"robots.txt khai báo {', '.join(sorted(declared)[:2])} chứ không phải sơ đồ này")
                problems_en.append(f"robots.txt declares {', '.join(sorted(declared)[:2])}, not this site map")
            else:
                problems_vi.append("không được khai báo trong robots.txt (dòng Sitemap:)")
                problems_en.append("it is not declared in robots.txt (no Sitemap: line)")
        if with_lastmod is None:
            problems_vi.append("không rõ các mục có lastmod hay không (bản chụp cũ)")
            problems_en.append("whether its entries carry lastmod is not recorded (an older snapshot)")
        elif with_lastmod < urls:
            problems_vi.append(f"chỉ {with_lastmod}/{urls} mục có ngày cập nhật (lastmod)" if with_lastmod else
                               "các mục không có ngày cập nhật (lastmod)")
            problems_en.append(f"only {with_lastmod} of {urls} entries carry lastmod" if with_lastmod else
                               "its entries carry no lastmod")
        invalid = by_state.get("invalid", [])
        if invalid:
            details["also_invalid"] = [p.url for p in invalid]
        size_vi = f"{urls} địa chỉ" + (f" trong {len(read)} tệp" if len(read) > 1 else "")
        size_en = f"{urls} URL(s)" + (f" in {len(read)} files" if len(read) > 1 else "")
        if problems_vi:
            details["problems"] = problems_en
            return self.finding(
                ctx, Status.WARN,
                f"Sơ đồ trang XML {main.url} đọc được ({size_vi}) nhưng {'; '.join(problems_vi)}.",
                f"The XML site map {main.url} parses ({size_en}) but {'; '.join(problems_en)}.",
                evidence=evidence, details=details)
        return self.finding(
            ctx, Status.PASS,
            f"Sơ đồ trang XML {main.url} hợp lệ ({size_vi}, đều có lastmod), được khai báo trong robots.txt.",
            f"The XML site map {main.url} is valid ({size_en}, all with lastmod) and declared in robots.txt.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- SM-003
@register
class Feeds(ComplianceRule):
    """The home page advertises an RSS/Atom feed that is well-formed and dated.

    **What it checks**
    The feeds the home page advertises (``<link rel="alternate" type="application/rss+xml">`` or
    Atom, and RSS links; ``facts["tech"]["feeds"]``) and the first of them, fetched by the crawl: a
    well-formed RSS or Atom document whose items all carry a date passes (the newest item's date
    is in the details).  Undated items (``undated_status``) or an empty feed: ``warn``.  A feed
    that does not parse, or is no feed at all (an HTML page): ``malformed_status`` (``fail``).  No
    feed advertised, or an advertised feed that answers 404: ``missing_status`` (``warn``: no
    verified text requires a feed).  Not fetched, timed out, 5xx: not determinable.

    **Why it matters**
    Decree 224/2026 Art. 11.5 (VERIFIED, in force since 01/07/2026) asks for metadata that supports
    search and sharing, and Circular 22/2023 (VERIFIED-2nd) for sharing information as web
    services; a feed is the simplest such service: press, aggregators and the provincial portal
    pick up new documents and news from it, with their dates.

    **Non-compliant**
    The "RSS" link leads to a page that is not XML: ``fail``; items without ``<pubDate>``:
    ``warn``.

    **Compliant**
    ``/rss/tin-tuc.xml``: RSS 2.0, 20 items each with ``<pubDate>``: ``pass``.

    **Remediation**
    Enable the CMS's RSS/Atom module for the news and documents sections, give every item its
    publication date (``pubDate`` / ``updated``), and advertise it in the page head with
    ``<link rel="alternate" type="application/rss+xml" href="…">``.
    """

    id = "SM-003"
    name = "technical.feeds"
    title_vi = "Có kênh tin RSS/Atom hợp lệ, có ngày đăng"
    title_en = "A well-formed, dated RSS/Atom feed is advertised"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_11_5, cite.TT22_GENERAL)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("missing_status", "warn", "trang chủ không giới thiệu kênh tin RSS/Atom",
                        "the home page advertises no RSS/Atom feed"),
        **status_option("malformed_status", "fail", "kênh tin không đúng định dạng RSS/Atom",
                        "the feed is not well-formed RSS/Atom"),
        **status_option("undated_status", "warn", "các mục của kênh tin không có ngày",
                        "the feed's items are undated"),
    }
    description_vi = ("Trang chủ giới thiệu kênh tin RSS/Atom; kênh tin đầu tiên đúng định dạng và mọi mục có ngày "
                      "đăng. Sai định dạng là không đạt; mục không có ngày hoặc không có kênh tin thì cảnh báo.")
    remediation_vi = ("Bật chức năng RSS/Atom của CMS cho chuyên mục tin tức, văn bản; mỗi mục có ngày đăng (pubDate, "
                      "updated); khai báo trong phần đầu trang bằng <link rel=\"alternate\" "
                      "type=\"application/rss+xml\">.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        home = facts.home_page(snapshot)
        assert home is not None
        home_url = home.final_url or home.url
        info = tech(home)
        probe = facts.probe(snapshot, "feed")
        if (info is None or not isinstance(info.get("feeds"), list)) and not probe:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại các kênh tin RSS/Atom của trang chủ (bản chụp cũ).",
                "The snapshot does not record the home page's RSS/Atom feeds (an older snapshot).",
                evidence=[Evidence(url=home_url, locator="facts[\"tech\"][\"feeds\"]", value="not recorded")],
                details={}, error_class="not_recorded")
            return
        advertised = [f for f in (info or {}).get("feeds") or [] if isinstance(f, dict) and f.get("url")]
        listed = [{"url": f.get("url"), "type": f.get("type"), "title": f.get("title"), "via": f.get("via")}
                  for f in advertised[:5]]
        status = str(probe.get("status") or ("no_feed" if not advertised else "probed"))
        feed_page = str(probe.get("page") or "")
        base: dict[str, Any] = {"advertised": listed, "probe_status": status, "feed_page": feed_page or None}
        if status in ("no_feed", "not_found"):
            if status == "no_feed":
                text_vi = f"Trang chủ {home_url} không giới thiệu kênh tin RSS/Atom nào."
                text_en = f"The home page {home_url} advertises no RSS/Atom feed."
            else:
                text_vi = (f"Trang chủ {home_url} không giới thiệu kênh tin RSS/Atom; trang RSS {feed_page} được liên "
                           "kết nhưng không nêu kênh tin nào đọc được.")
                text_en = (f"The home page {home_url} advertises no RSS/Atom feed; its RSS page {feed_page} names no "
                           "readable feed.")
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]), text_vi, text_en,
                evidence=[Evidence(url=feed_page or home_url, locator="home page <head> and links"
                                   if not feed_page else "RSS page linked from the home page", value="no feed")],
                details=base)
            return
        target = str(probe.get("url") or (advertised[0]["url"] if advertised else ""))
        page = next((p for p in snapshot.pages if p.role == "feed" and target in (p.url, p.final_url)
                     and (p.kind != "feed_page" or "feed" in p.facts)), None)
        if page is None:
            if status == "probed" or not probe:
                yield not_fetched(self, snapshot, ctx, f"Kênh tin {target}", f"The feed {target}", target or home_url)
                return
            error_class = str(probe.get("error_class") or status)
            if error_class == "offsite":
                text_vi = (f"Kênh tin {target} nằm trên tên miền khác; máy quét không tải trang ngoài cổng nên không "
                           "đánh giá được.")
                text_en = f"The feed {target} is on another host; the scanner fetches nothing off the portal."
            else:
                text_vi = f"Không tải được kênh tin {target} ({error_class}); không đánh giá được."
                text_en = f"The feed {target} could not be fetched ({error_class}); nothing could be judged."
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE, text_vi, text_en,
                evidence=[Evidence(url=target or home_url, locator="probes[\"feed\"]", value=error_class)],
                details=base, error_class=error_class)
            return
        entry = next((f for f in advertised if f.get("url") == page.url), {})
        label = str(entry.get("title") or "")
        details: dict[str, Any] = {**base, "url": page.url, "http_status": page.status}
        where = "feed advertised on the home page" if not feed_page else f"feed named on the RSS page {feed_page}"
        evidence = [Evidence(url=page.url, locator=where + (f" (\"{label}\")" if label else ""), value=outcome(page),
                             snippet=page.content_type)]
        if page.status in MISSING:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Kênh tin được giới thiệu trên trang chủ {page.url} trả về HTTP {page.status}: liên kết hỏng.",
                f"The feed advertised on the home page {page.url} answers HTTP {page.status}: the link is broken.",
                evidence=evidence, details={**details, "problem": f"http_{page.status}"})
            return
        if not page.ok:
            error_class = page.error_class or (f"http_{page.status}" if page.status else "unknown")
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không tải được kênh tin {page.url} ({error_class}); không đánh giá được.",
                f"The feed {page.url} could not be fetched ({error_class}); nothing could be judged.",
                evidence=evidence, details=details, error_class=error_class)
            return
        feed = page.facts.get("feed")
        if not isinstance(feed, dict):
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Kênh tin {page.url} đã tải nhưng bản chụp không ghi lại kết quả phân tích.",
                f"The feed {page.url} was fetched but the snapshot holds no analysis of it.",
                evidence=evidence, details=details, error_class="not_recorded")
            return
        items = int(feed.get("items") or 0)
        dated = _count(feed.get("dated"), items)
        newest = _day(feed.get("newest"))
        age = (vn_today(ctx.now) - newest).days if newest else None
        details.update({"kind": feed.get("kind"), "items": items, "dated": dated, "ok": feed.get("ok"),
                        "error": feed.get("error"), "newest": newest.isoformat() if newest else None,
                        "newest_age_days": age})
        if not feed.get("ok"):
            error = str(feed.get("error") or "not RSS/Atom")
            yield self.finding(
                ctx, Status(ctx.options["malformed_status"]),
                f"Kênh tin {page.url} không phải RSS/Atom hợp lệ ({error}).",
                f"The feed {page.url} is not well-formed RSS/Atom ({error}).",
                evidence=evidence, details={**details, "problem": "malformed"})
            return
        kind = {"atom": "Atom", "rss": "RSS", "rdf": "RSS 1.0"}.get(str(feed.get("kind")), "RSS/Atom")
        if items == 0:
            yield self.finding(
                ctx, Status.WARN,
                f"Kênh tin {kind} {page.url} đúng định dạng nhưng không có mục nào.",
                f"The {kind} feed {page.url} is well-formed but has no items.",
                evidence=evidence, details={**details, "problem": "empty"})
            return
        newest_vi = f"; mục mới nhất ngày {newest.strftime('%d/%m/%Y')} ({age} ngày trước)" if newest else ""
        newest_en = f"; newest item {newest.isoformat()} ({days_text(age or 0)} before the run)" if newest else ""
        if dated is None or dated < items:
            what_vi = "không rõ các mục có ngày hay không" if dated is None else (
                f"{items - dated}/{items} mục không có ngày đăng")
            what_en = "whether its items are dated is not recorded" if dated is None else (
                f"{items - dated} of {items} items are undated")
            yield self.finding(
                ctx, Status(ctx.options["undated_status"]) if dated is not None else Status.WARN,
                f"Kênh tin {kind} {page.url} đúng định dạng nhưng {what_vi}{newest_vi}.",
                f"The {kind} feed {page.url} is well-formed but {what_en}{newest_en}.",
                evidence=evidence, details={**details, "problem": "undated"})
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Kênh tin {kind} {page.url} đúng định dạng, {items} mục đều có ngày đăng{newest_vi}.",
            f"The {kind} feed {page.url} is well-formed, with {items} items all dated{newest_en}.",
            evidence=evidence, details=details)
