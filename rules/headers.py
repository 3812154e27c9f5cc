"""HTTP security-header rules (SH-xxx): CSP, nosniff, framing, referrer policy, version disclosure.

They read the response headers the crawler kept for the home page (``PageFetch.headers``, lower-
case names; several headers of one name arrive joined by ", "); the version-disclosure rule reads
every fetched page, since error pages often name more software than the home page does.  No text
names these headers (Decree 224/2026 Art. 21.4 is a general security clause), so the bad statuses
default to ``warn``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register
from rules.tls import status_option

REFERRER_TOKENS = ("no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
                   "strict-origin", "strict-origin-when-cross-origin", "unsafe-url")
# Headers in which servers and platforms announce themselves.
DISCLOSING_HEADERS = ("server", "x-powered-by", "x-aspnet-version", "x-aspnetmvc-version",
                      "microsoftsharepointteamservices", "liferay-portal", "x-generator")
# "Microsoft-IIS/8.5", "PHP/5.6.40", "4.0.30319", "Liferay Portal Community Edition 6.2 CE GA5", "Apache/2".
VERSION = re.compile(r"\d+(?:\.\d+)+|/\d+\b")


def parse_csp(value: str) -> dict[str, list[str]]:
    """Directives of a Content-Security-Policy (several policies joined by ", " are merged: names kept once)."""
    out: dict[str, list[str]] = {}
    for policy in value.split(","):
        for part in policy.split(";"):
            words = part.strip().split()
            if words:
                out.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return out


class HeaderRule(ComplianceRule, abstract=True):
    """A rule on the home page's response headers: the shared unreachable / not-recorded paths."""

    def home_headers(self, snapshot: PortalSnapshot, ctx: RuleContext) -> tuple[PageFetch | None, Finding | None]:
        """(home page, None) when its headers can be judged, else (None, the finding to report)."""
        if not snapshot.reachable():
            return None, self.unreachable_portal(snapshot, ctx)
        home = facts.home_page(snapshot)
        assert home is not None
        if not home.headers:
            return None, self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Bản chụp không ghi lại tiêu đề phản hồi HTTP của trang chủ {home.final_url or home.url}.",
                f"The snapshot records no HTTP response headers of the home page {home.final_url or home.url}.",
                evidence=[Evidence(url=home.final_url or home.url, locator="home page headers", value="not recorded")],
                details={}, error_class="not_recorded")
        return home, None

    @staticmethod
    def url(page: PageFetch) -> str:
        return page.final_url or page.url

    @staticmethod
    def header_evidence(page: PageFetch, name: str, shown: str) -> Evidence:
        value = page.headers.get(name.lower())
        return Evidence(url=page.final_url or page.url, locator="home page response headers",
                        value=f"{shown}: {value[:300]}" if value else f"{shown}: (absent)")


# ---------------------------------------------------------------------------------------------- SH-001
@register
class ContentSecurityPolicy(HeaderRule):
    """The home page sends a Content-Security-Policy that restricts scripts.

    **What it checks**
    The ``Content-Security-Policy`` response header of the home page.  Present with a
    ``script-src`` or ``default-src`` directive passes (``'unsafe-inline'`` in it is noted); a
    policy that restricts no scripts (only ``upgrade-insecure-requests`` or ``frame-ancestors``,
    say) warns; a ``Content-Security-Policy-Report-Only`` header alone warns (it enforces
    nothing); absent gives ``missing_status`` (``warn``).  A policy in a ``<meta http-equiv>`` tag is
    not read.

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires the portal to prevent
    attacks, in general terms; no text names CSP, so a missing policy is a warning.  A policy that
    limits where scripts may come from turns most cross-site-scripting flaws (common in old CMS
    plugins) from a defacement or session theft into a blocked request.

    **Non-compliant**
    No ``Content-Security-Policy`` header: ``warn``.

    **Compliant**
    ``Content-Security-Policy: default-src 'self'; img-src 'self' data:; frame-ancestors 'self'``:
    ``pass``.

    **Remediation**
    Start with ``Content-Security-Policy-Report-Only: default-src 'self'`` plus the third-party
    hosts the portal really uses (maps, video, statistics), watch the reports, then send it as
    ``Content-Security-Policy`` from the web server or the CMS (nginx ``add_header``, IIS
    ``<customHeaders>``, Apache ``Header always set``).
    """

    id = "SH-001"
    name = "technical.csp"
    title_vi = "Có chính sách bảo mật nội dung (Content-Security-Policy)"
    title_en = "A Content-Security-Policy is set"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "trang chủ không có tiêu đề Content-Security-Policy",
        "the home page sends no Content-Security-Policy")
    description_vi = ("Trang chủ gửi tiêu đề Content-Security-Policy có chỉ thị script-src hoặc default-src, giới hạn "
                      "nguồn mã lệnh được chạy; không có (hoặc chính sách không giới hạn mã lệnh, hoặc chỉ ở chế độ "
                      "Report-Only) thì cảnh báo.")
    remediation_vi = ("Bắt đầu với Content-Security-Policy-Report-Only: default-src 'self' cộng các máy chủ bên ngoài "
                      "thực sự dùng (bản đồ, video, thống kê), theo dõi báo cáo, rồi gửi chính thức tiêu đề "
                      "Content-Security-Policy từ máy chủ web hoặc CMS.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        home, gated = self.home_headers(snapshot, ctx)
        if home is None:
            assert gated is not None
            yield gated
            return
        url = self.url(home)
        value = home.headers.get("content-security-policy")
        report_only = home.headers.get("content-security-policy-report-only")
        evidence = [self.header_evidence(home, "content-security-policy", "Content-Security-Policy")]
        if not value:
            if report_only:
                yield self.finding(
                    ctx, Status.WARN,
                    f"Trang chủ {url} chỉ có Content-Security-Policy-Report-Only (chỉ báo cáo, không ngăn chặn).",
                    f"The home page {url} sends only Content-Security-Policy-Report-Only (reports, enforces nothing).",
                    evidence=[self.header_evidence(home, "content-security-policy-report-only",
                                                   "Content-Security-Policy-Report-Only")],
                    details={"url": url, "present": False, "report_only": report_only[:300]})
                return
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Trang chủ {url} không có tiêu đề Content-Security-Policy.",
                f"The home page {url} sends no Content-Security-Policy header.",
                evidence=evidence, details={"url": url, "present": False})
            return
        directives = parse_csp(value)
        scripts = directives.get("script-src", directives.get("default-src"))
        details: dict[str, Any] = {"url": url, "present": True, "header": value[:500],
                                   "directives": sorted(directives)}
        if scripts is None:
            yield self.finding(
                ctx, Status.WARN,
                f"Content-Security-Policy của {url} không giới hạn mã lệnh (không có script-src hay default-src; "
                f"chỉ có {', '.join(sorted(directives)) or 'chỉ thị trống'}).",
                f"The Content-Security-Policy of {url} restricts no scripts (no script-src or default-src; only "
                f"{', '.join(sorted(directives)) or 'empty directives'}).",
                evidence=evidence, details={**details, "restricts_scripts": False})
            return
        unsafe = [w for w in scripts if w in ("'unsafe-inline'", "'unsafe-eval'", "*")]
        note_vi = f" (lưu ý: cho phép {', '.join(unsafe)})" if unsafe else ""
        note_en = f" (note: it allows {', '.join(unsafe)})" if unsafe else ""
        yield self.finding(
            ctx, Status.PASS,
            f"Trang chủ {url} có Content-Security-Policy giới hạn nguồn mã lệnh{note_vi}.",
            f"The home page {url} sends a Content-Security-Policy that restricts script sources{note_en}.",
            evidence=evidence, details={**details, "restricts_scripts": True, "unsafe": unsafe})


# ---------------------------------------------------------------------------------------------- SH-002
@register
class NoSniff(HeaderRule):
    """The home page sends X-Content-Type-Options: nosniff.

    **What it checks**
    The ``X-Content-Type-Options`` response header of the home page: ``nosniff`` passes; another
    value (ignored by browsers) warns; absent gives ``missing_status`` (``warn``).

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026), a general security clause; no
    text names the header, so a warning.  Without ``nosniff`` a browser may run an uploaded file
    (an attachment posted as a "document") as a script or a page because its content looks like
    one.

    **Non-compliant**
    No ``X-Content-Type-Options`` header: ``warn``.

    **Compliant**
    ``X-Content-Type-Options: nosniff``: ``pass``.

    **Remediation**
    Send ``X-Content-Type-Options: nosniff`` on every response (nginx
    ``add_header X-Content-Type-Options nosniff always;``, IIS ``<customHeaders>``, Apache
    ``Header always set``), and serve files with their correct Content-Type.
    """

    id = "SH-002"
    name = "technical.nosniff"
    title_vi = "Có tiêu đề X-Content-Type-Options: nosniff"
    title_en = "X-Content-Type-Options: nosniff is set"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "không có X-Content-Type-Options: nosniff",
        "X-Content-Type-Options: nosniff is absent")
    description_vi = ("Trang chủ gửi tiêu đề X-Content-Type-Options: nosniff để trình duyệt không đoán kiểu nội dung "
                      "(không chạy tệp tải lên như mã lệnh); không có thì cảnh báo.")
    remediation_vi = ("Gửi tiêu đề X-Content-Type-Options: nosniff trong mọi phản hồi (cấu hình máy chủ web) và khai "
                      "báo đúng Content-Type cho các tệp.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        home, gated = self.home_headers(snapshot, ctx)
        if home is None:
            assert gated is not None
            yield gated
            return
        url = self.url(home)
        value = home.headers.get("x-content-type-options")
        evidence = [self.header_evidence(home, "x-content-type-options", "X-Content-Type-Options")]
        if not value:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Trang chủ {url} không có tiêu đề X-Content-Type-Options: nosniff.",
                f"The home page {url} sends no X-Content-Type-Options: nosniff header.",
                evidence=evidence, details={"url": url, "present": False})
            return
        tokens = [t.strip().lower() for t in value.split(",") if t.strip()]
        if tokens and all(t == "nosniff" for t in tokens):
            yield self.finding(
                ctx, Status.PASS,
                f"Trang chủ {url} có X-Content-Type-Options: nosniff.",
                f"The home page {url} sends X-Content-Type-Options: nosniff.",
                evidence=evidence, details={"url": url, "present": True, "value": value})
            return
        yield self.finding(
            ctx, Status.WARN,
            f"X-Content-Type-Options của {url} có giá trị \"{value[:80]}\" thay vì \"nosniff\"; trình duyệt bỏ qua.",
            f"The X-Content-Type-Options of {url} is \"{value[:80]}\" instead of \"nosniff\"; browsers ignore it.",
            evidence=evidence, details={"url": url, "present": True, "value": value[:200], "problem": "invalid"})


# ---------------------------------------------------------------------------------------------- SH-003
@register
class FrameProtection(HeaderRule):
    """The home page may not be framed by other sites (frame-ancestors or X-Frame-Options).

    **What it checks**
    The home page's ``Content-Security-Policy`` ``frame-ancestors`` directive, which takes
    precedence when present, else its ``X-Frame-Options`` header.  ``frame-ancestors`` limited to
    named sources (``'none'``, ``'self'``, hosts) passes, ``*`` or a bare scheme (``https:``) warns
    (any site may frame the page); ``X-Frame-Options: DENY`` or ``SAMEORIGIN`` passes, ``ALLOW-FROM``
    (no longer supported by browsers) or another value warns; neither header gives
    ``missing_status`` (``warn``).

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026), a general security clause; no
    text names the header, so a warning.  A page that any site can show in a frame can be overlaid
    by a fake one ("clickjacking"): visitors think they use the portal while they click the
    attacker's buttons.

    **Non-compliant**
    Neither ``frame-ancestors`` nor ``X-Frame-Options``: ``warn``.

    **Compliant**
    ``X-Frame-Options: SAMEORIGIN`` or ``Content-Security-Policy: frame-ancestors 'self'``:
    ``pass``.

    **Remediation**
    Send ``Content-Security-Policy: frame-ancestors 'self'`` (add the hosts of the provincial
    portal if it embeds the page) and, for old browsers, ``X-Frame-Options: SAMEORIGIN``.
    """

    id = "SH-003"
    name = "technical.frame-protection"
    title_vi = "Chống nhúng trang trái phép (frame-ancestors / X-Frame-Options)"
    title_en = "Framing by other sites is restricted (frame-ancestors / X-Frame-Options)"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "không có frame-ancestors hay X-Frame-Options",
        "neither frame-ancestors nor X-Frame-Options is set")
    description_vi = ("Trang chủ giới hạn việc bị nhúng vào trang khác bằng chỉ thị frame-ancestors của "
                      "Content-Security-Policy hoặc tiêu đề X-Frame-Options DENY/SAMEORIGIN; không có thì cảnh báo.")
    remediation_vi = ("Gửi Content-Security-Policy: frame-ancestors 'self' (thêm tên miền cổng cấp trên nếu có nhúng "
                      "trang) và X-Frame-Options: SAMEORIGIN cho trình duyệt cũ.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        home, gated = self.home_headers(snapshot, ctx)
        if home is None:
            assert gated is not None
            yield gated
            return
        url = self.url(home)
        csp = home.headers.get("content-security-policy") or ""
        ancestors = parse_csp(csp).get("frame-ancestors") if csp else None
        xfo = (home.headers.get("x-frame-options") or "").strip()
        details: dict[str, Any] = {"url": url, "frame_ancestors": ancestors, "x_frame_options": xfo or None}
        if ancestors is not None:
            evidence = [self.header_evidence(home, "content-security-policy", "Content-Security-Policy")]
            sources = " ".join(ancestors) or "(empty)"
            if any(s == "*" or re.fullmatch(r"[a-z][a-z0-9+.-]*:", s) for s in ancestors):
                yield self.finding(
                    ctx, Status.WARN,
                    f"Chỉ thị frame-ancestors của {url} là \"{sources}\": mọi trang web khác đều có thể nhúng trang "
                    "chủ.",
                    f"The frame-ancestors of {url} is \"{sources}\": any site may frame the home page.",
                    evidence=evidence, details={**details, "source": "csp", "problem": "any_site"})
                return
            yield self.finding(
                ctx, Status.PASS,
                f"Trang chủ {url} giới hạn việc nhúng trang bằng frame-ancestors {sources}.",
                f"The home page {url} restricts framing with frame-ancestors {sources}.",
                evidence=evidence, details={**details, "source": "csp"})
            return
        evidence = [self.header_evidence(home, "x-frame-options", "X-Frame-Options")]
        if not xfo:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Trang chủ {url} không có frame-ancestors (Content-Security-Policy) hay X-Frame-Options: trang khác "
                "có thể nhúng cổng để lừa người dùng.",
                f"The home page {url} sends neither frame-ancestors (Content-Security-Policy) nor X-Frame-Options: "
                "other sites may frame the portal to trick its visitors.",
                evidence=evidence, details={**details, "source": None})
            return
        tokens = {t.strip().upper() for t in xfo.split(",") if t.strip()}
        if tokens and tokens <= {"DENY", "SAMEORIGIN"}:
            yield self.finding(
                ctx, Status.PASS,
                f"Trang chủ {url} có X-Frame-Options: {xfo}.",
                f"The home page {url} sends X-Frame-Options: {xfo}.",
                evidence=evidence, details={**details, "source": "x-frame-options"})
            return
        obsolete = any(t.startswith("ALLOW-FROM") for t in tokens)
        yield self.finding(
            ctx, Status.WARN,
            f"X-Frame-Options của {url} là \"{xfo[:80]}\": "
            + ("ALLOW-FROM không còn được trình duyệt hỗ trợ (dùng frame-ancestors)." if obsolete else
               "giá trị không hợp lệ, trình duyệt bỏ qua."),
            f"The X-Frame-Options of {url} is \"{xfo[:80]}\": "
            + ("browsers no longer support ALLOW-FROM (use frame-ancestors)." if obsolete else
               "not a valid value; browsers ignore it."),
            evidence=evidence, details={**details, "source": "x-frame-options",
                                        "problem": "allow_from" if obsolete else "invalid"})


# ---------------------------------------------------------------------------------------------- SH-004
@register
class ReferrerPolicy(HeaderRule):
    """The home page sends a Referrer-Policy.

    **What it checks**
    The ``Referrer-Policy`` response header of the home page (the last token browsers recognise
    counts): a recognised policy passes, except ``unsafe-url``, which sends the full address even
    to plain-HTTP sites, and warns; only unrecognised tokens warn; absent gives
    ``missing_status`` (``warn``; browsers then use ``strict-origin-when-cross-origin``).

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires protecting personal
    data, in general terms; no text names the header, so a warning.  Addresses of the portal's
    pages can carry personal data (a file number in a service-tracking URL, a search query); the
    policy decides whether other sites receive them.

    **Non-compliant**
    No ``Referrer-Policy`` header, or ``Referrer-Policy: unsafe-url``: ``warn``.

    **Compliant**
    ``Referrer-Policy: strict-origin-when-cross-origin``: ``pass``.

    **Remediation**
    Send ``Referrer-Policy: strict-origin-when-cross-origin`` (or ``same-origin``, ``no-referrer``)
    from the web server on every response.
    """

    id = "SH-004"
    name = "technical.referrer-policy"
    title_vi = "Có chính sách gửi địa chỉ giới thiệu (Referrer-Policy)"
    title_en = "A Referrer-Policy is set"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "không có tiêu đề Referrer-Policy", "the Referrer-Policy header is absent")
    description_vi = ("Trang chủ gửi tiêu đề Referrer-Policy hợp lệ (ví dụ strict-origin-when-cross-origin), quyết "
                      "định địa chỉ trang có được gửi cho trang web khác hay không; không có, không hợp lệ hoặc "
                      "unsafe-url thì cảnh báo.")
    remediation_vi = ("Gửi tiêu đề Referrer-Policy: strict-origin-when-cross-origin (hoặc same-origin, no-referrer) "
                      "trong mọi phản hồi của máy chủ web.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        home, gated = self.home_headers(snapshot, ctx)
        if home is None:
            assert gated is not None
            yield gated
            return
        url = self.url(home)
        value = (home.headers.get("referrer-policy") or "").strip()
        evidence = [self.header_evidence(home, "referrer-policy", "Referrer-Policy")]
        if not value:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Trang chủ {url} không có tiêu đề Referrer-Policy.",
                f"The home page {url} sends no Referrer-Policy header.",
                evidence=evidence, details={"url": url, "present": False})
            return
        known = [t for t in (t.strip().lower() for t in value.split(",")) if t in REFERRER_TOKENS]
        details: dict[str, Any] = {"url": url, "present": True, "value": value[:200],
                                   "effective": known[-1] if known else None}
        if not known:
            yield self.finding(
                ctx, Status.WARN,
                f"Referrer-Policy của {url} (\"{value[:80]}\") không phải chính sách trình duyệt nhận biết; bị bỏ qua.",
                f"The Referrer-Policy of {url} (\"{value[:80]}\") is not a policy browsers recognise; it is ignored.",
                evidence=evidence, details={**details, "problem": "invalid"})
            return
        if known[-1] == "unsafe-url":
            yield self.finding(
                ctx, Status.WARN,
                f"Referrer-Policy của {url} là unsafe-url: địa chỉ đầy đủ của trang được gửi cho mọi trang web, kể cả "
                "qua HTTP không mã hóa.",
                f"The Referrer-Policy of {url} is unsafe-url: the page's full address is sent to every site, even "
                "over unencrypted HTTP.",
                evidence=evidence, details={**details, "problem": "unsafe_url"})
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Trang chủ {url} có Referrer-Policy: {known[-1]}.",
            f"The home page {url} sends Referrer-Policy: {known[-1]}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- SH-005
TABLE_DISCLOSURE = ["Tiêu đề / Header", "Giá trị / Value", "Trang / Page", "Số trang / Pages"]
HEADER_NAMES = {"server": "Server", "x-powered-by": "X-Powered-By", "x-aspnet-version": "X-AspNet-Version",
                "x-aspnetmvc-version": "X-AspNetMvc-Version",
                "microsoftsharepointteamservices": "MicrosoftSharePointTeamServices",
                "liferay-portal": "Liferay-Portal", "x-generator": "X-Generator"}


@register
class VersionDisclosure(ComplianceRule):
    """Response headers do not announce software versions.

    **What it checks**
    The ``Server``, ``X-Powered-By``, ``X-AspNet-Version``, ``X-AspNetMvc-Version``,
    ``MicrosoftSharePointTeamServices``, ``Liferay-Portal`` and ``X-Generator`` headers of every
    page the crawl fetched (error pages included: they often say more than the home page).  A
    value carrying a version number (``Microsoft-IIS/8.5``, ``PHP/5.6.40``, ``4.0.30319``,
    ``Liferay Portal Community Edition 6.2 CE GA5``) gives ``disclosure_status`` (``warn``), with
    every header, value and page in the details; product names without a version (``nginx``,
    ``ASP.NET``) pass.

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires preventing attacks, in
    general terms; no text names these headers, so a warning.  An exact version tells an attacker
    which published vulnerabilities to try, and often shows that the platform is years out of
    date (see also OT-005).

    **Non-compliant**
    ``Server: Microsoft-IIS/8.5``, ``X-AspNet-Version: 4.0.30319``,
    ``MicrosoftSharePointTeamServices: 15.0.0.4709``: ``warn``.

    **Compliant**
    ``Server: nginx`` and no ``X-Powered-By``: ``pass``.

    **Remediation**
    Hide the versions: nginx ``server_tokens off;``, Apache ``ServerTokens Prod`` and
    ``ServerSignature Off``, PHP ``expose_php = Off``, IIS ``<httpRuntime enableVersionHeader="false">``
    and removal of ``X-Powered-By`` in ``<customHeaders>`` (and ``removeServerHeader`` on IIS 10),
    Liferay ``http.header.version.verbosity=partial``.  Above all, update the software.
    """

    id = "SH-005"
    name = "technical.version-disclosure"
    title_vi = "Tiêu đề phản hồi không để lộ phiên bản phần mềm"
    title_en = "Response headers do not disclose software versions"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "disclosure_status", "warn", "tiêu đề phản hồi để lộ số phiên bản phần mềm",
        "response headers disclose software version numbers")
    description_vi = ("Các tiêu đề Server, X-Powered-By, X-AspNet-Version, MicrosoftSharePointTeamServices, "
                      "Liferay-Portal… của các trang đã tải không ghi số phiên bản phần mềm (ví dụ Microsoft-IIS/8.5, "
                      "PHP/5.6.40); có thì cảnh báo.")
    remediation_vi = ("Ẩn số phiên bản (nginx server_tokens off; Apache ServerTokens Prod, ServerSignature Off; PHP "
                      "expose_php = Off; IIS tắt enableVersionHeader, xóa X-Powered-By; Liferay "
                      "http.header.version.verbosity=partial) và quan trọng hơn là cập nhật phần mềm.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        pages = [p for p in snapshot.pages if p.headers]
        if not pages:
            home = snapshot.home()
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                "Bản chụp không ghi lại tiêu đề phản hồi HTTP của trang nào.",
                "The snapshot records no HTTP response headers of any page.",
                evidence=[Evidence(url=home.url if home else snapshot.url, locator="page headers",
                                   value="not recorded")],
                details={}, error_class="not_recorded")
            return
        found: dict[tuple[str, str], list[str]] = {}
        names_only: dict[str, str] = {}
        for p in pages:
            for key in DISCLOSING_HEADERS:
                value = (p.headers.get(key) or "").strip()
                if not value:
                    continue
                if VERSION.search(value):
                    found.setdefault((key, value), []).append(p.final_url or p.url)
                else:
                    names_only.setdefault(key, value)
        details: dict[str, Any] = {"pages": len(pages),
                                   "without_version": {HEADER_NAMES[k]: v for k, v in names_only.items()}}
        if not found:
            shown = "; ".join(f"{HEADER_NAMES[k]}: {v}" for k, v in names_only.items())
            yield self.finding(
                ctx, Status.PASS,
                f"Không tiêu đề nào của {len(pages)} trang đã tải ghi số phiên bản phần mềm"
                + (f" ({shown})" if shown else "") + ".",
                f"No header of the {len(pages)} fetched page(s) carries a software version number"
                + (f" ({shown})" if shown else "") + ".",
                evidence=[Evidence(url=pages[0].final_url or pages[0].url, locator="response headers",
                                   value=shown or None)],
                details={**details, "disclosed": []})
            return
        rows: list[list[Any]] = [[HEADER_NAMES[k], v, urls[0], len(urls)] for (k, v), urls in found.items()]
        disclosed = [{"header": HEADER_NAMES[k], "value": v, "url": urls[0], "pages": len(urls)}
                     for (k, v), urls in found.items()]
        home_url = snapshot.home_url or snapshot.url
        shown_vi = "; ".join(f"{r[0]}: {r[1]}" + (f" (trên {r[2]})" if r[2] != home_url else "") for r in rows[:5])
        shown_en = "; ".join(f"{r[0]}: {r[1]}" + (f" (on {r[2]})" if r[2] != home_url else "") for r in rows[:5])
        yield self.finding(
            ctx, Status(ctx.options["disclosure_status"]),
            f"Tiêu đề phản hồi để lộ phiên bản phần mềm: {shown_vi}.",
            f"Response headers disclose software versions: {shown_en}.",
            evidence=[Evidence(url=str(r[2]), locator=f"{r[0]} response header", value=f"{r[0]}: {r[1]}",
                               snippet=f"on {r[3]} page(s)") for r in rows[:8]],
            details={**details, "disclosed": disclosed[:20], "table": {"columns": TABLE_DISCLOSURE, "rows": rows[:30]}})
