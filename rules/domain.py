"""Technical rules on the portal's address (DM-xxx): is its domain the ``.gov.vn`` name its level calls for?

The host is read from the stored URLs only (``snapshot.home_url``, i.e. after redirects, else the
configured URL); nothing is resolved.  The helpers here (:func:`parse_host`, :func:`parent_host`)
are shared with the link rule FN-003.
"""

from __future__ import annotations

import dataclasses
import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from nd42.records import LEVELS, Evidence, Finding, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules.base import ComplianceRule, Option, RuleContext, register

GOV_SUFFIX = "gov.vn"
TOP_LEVELS = ("ministry", "province")
SUB_LEVELS = ("department", "commune", "unit")
# Legacy: 43/2011 Art. 6 gave districts tenquanhuyen.tentinhthanh.gov.vn; 224/2026 has no district level.
LEGACY_LEVELS = ("district",)

# The name pattern each level must follow (224/2026 Art. 11.4; districts: 43/2011 Art. 6).
PATTERNS: dict[str | None, str] = {
    "ministry": "tenbonganh.gov.vn",
    "province": "tentinhthanh.gov.vn",
    "department": "tencoquan.tentinhthanh.gov.vn",
    "unit": "tendonvi.tenbonganh.gov.vn | tencoquan.tentinhthanh.gov.vn",
    "commune": "tenphuongxa.tentinhthanh.gov.vn",
    "district": "tenquanhuyen.tentinhthanh.gov.vn",
    None: "ten.gov.vn | ten.tentinhthanh.gov.vn",
}
LEVEL_LABELS: dict[str | None, tuple[str, str]] = {
    "ministry": ("bộ, cơ quan ngang bộ", "ministry or central agency"),
    "province": ("tỉnh, thành phố", "province or city"),
    "department": ("sở, cơ quan thuộc tỉnh", "provincial department"),
    "unit": ("đơn vị trực thuộc", "subordinate unit"),
    "commune": ("xã, phường, đặc khu", "commune or ward"),
    "district": ("huyện (cấp cũ)", "district (former level)"),
    None: ("chưa cấu hình", "portal of unconfigured level"),
}


@dataclasses.dataclass(frozen=True)
class Host:
    """A URL's host as the domain rules compare it."""

    name: str  # lower case, port, trailing dot and a leading "www." removed; IDN labels in punycode
    display: str  # the same with IDN labels in Unicode, for messages
    ip: bool = False
    idn: bool = False
    www: bool = False  # a leading "www." was removed

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))

    def is_gov_vn(self) -> bool:
        return not self.ip and self.name.endswith("." + GOV_SUFFIX)

    def under(self, parent: Host) -> bool:
        """This host is ``parent`` or one of its subdomains."""
        return self.name == parent.name or self.name.endswith("." + parent.name)


def _label_to_ascii(label: str) -> tuple[str, bool]:
    """A DNS label in its ASCII form, and whether it is an internationalised (IDN) label."""
    if label.startswith("xn--"):
        return label, True
    if label.isascii():
        return label, False
    try:
        return label.encode("idna").decode("ascii"), True
    except UnicodeError:
        # Not encodable (e.g. a label over 63 characters): keep it; the pattern check still sees it.
        return label, True


def _label_to_unicode(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def parse_host(url: str | None) -> Host | None:
    """The host of ``url`` (also a bare host such as ``"hoalam.gov.vn"``), or ``None`` when it has none."""
    if not url or not url.strip():
        return None
    url = url.strip()
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        hostname = parts.hostname
    except ValueError:  # e.g. "http://[::1" (unbalanced bracket)
        return None
    if not hostname:
        return None
    hostname = hostname.rstrip(".")
    try:
        ipaddress.ip_address(hostname.split("%", 1)[0])
    except ValueError:
        pass
    else:
        return Host(name=hostname, display=hostname, ip=True)
    www = hostname.startswith("www.") and hostname.count(".") >= 2
    if www:
        hostname = hostname[4:]
    converted = [_label_to_ascii(label) for label in hostname.split(".")]
    name = ".".join(label for label, _ in converted)
    idn = any(is_idn for _, is_idn in converted)
    display = ".".join(_label_to_unicode(label) for label in name.split(".")) if idn else name
    return Host(name=name, display=display, idn=idn, www=www)


def parent_host(snapshot: PortalSnapshot, host: Host | None) -> tuple[Host | None, str]:
    """The parent portal's host and where it came from.

    ``configured`` (``portal["parent"]``), ``derived`` (the last three labels of a 4+-label
    ``.gov.vn`` host: ``skhcn.hoalam.gov.vn`` → ``hoalam.gov.vn``), ``top_level`` (a ministry or
    province, or a 3-label ``.gov.vn`` host: no parent but the Government portal), or ``unknown``.
    """
    configured = parse_host(str(snapshot.portal.get("parent") or ""))
    if configured is not None:
        return configured, "configured"
    level = snapshot.portal.get("level")
    if level in TOP_LEVELS:
        return None, "top_level"
    if host is not None and host.is_gov_vn():
        labels = host.labels
        if len(labels) >= 4:
            return parse_host(".".join(labels[-3:])), "derived"
        if len(labels) == 3 and level is None:
            return None, "top_level"
    return None, "unknown"


def portal_host(snapshot: PortalSnapshot) -> tuple[Host | None, str]:
    """The host the portal answers on (after redirects when the home page was fetched) and its source URL."""
    url = snapshot.home_url or snapshot.url
    return parse_host(url), url


# ---------------------------------------------------------------------------------------------- DM-001
_PROBLEM_TEXT: dict[str, tuple[str, str]] = {
    "ip_literal": ("cổng được truy cập bằng địa chỉ IP, không có tên miền",
                   "the portal is addressed by an IP literal, not a domain name"),
    "not_vn": ("tên miền không thuộc tên miền quốc gia \".vn\"", "the domain is not under the national \".vn\" domain"),
    "not_gov_vn": ("tên miền không thuộc \".gov.vn\"", "the domain is not under \".gov.vn\""),
    "label_count": ("số cấp tên miền không đúng mẫu của cấp cơ quan", "the number of labels does not fit the level"),
    "not_under_parent": ("tên miền không nằm dưới tên miền của cổng cấp trên",
                         "the domain is not under the parent portal's domain"),
}


def _expected_labels(level: str | None) -> tuple[int, ...]:
    if level in TOP_LEVELS:
        return (3,)
    if level in SUB_LEVELS or level in LEGACY_LEVELS:
        return (4,)
    return (3, 4)


@register
class DomainPattern(ComplianceRule):
    """The portal's domain follows the ``.gov.vn`` naming pattern of the agency's level.

    **What it checks**
    The host of the portal's home page (after redirects; else the configured URL), in lower case,
    with the port and a leading ``www.`` removed, and internationalised labels converted to
    punycode.  It must be a domain name (not an IP address), under ``.vn`` and under ``.gov.vn``,
    with the number of labels the agency's configured level calls for (``portal.level``):
    ministries and provinces three (``tenbonganh.gov.vn``, ``tentinhthanh.gov.vn``); departments,
    subordinate units and communes four (``tencoquan.tentinhthanh.gov.vn``,
    ``tenphuongxa.tentinhthanh.gov.vn``) and, when the parent portal is configured, under the
    parent's domain; districts four (the legacy 43/2011 pattern: 224/2026 has no district level,
    so this passes with a note).  Without a configured level, three or four labels under
    ``.gov.vn`` pass with the note "level not configured".  Labels with diacritics (IDN,
    ``xn--``) are a warning: the patterns are names written without diacritics.

    **Why it matters**
    Decree 224/2026 Art. 11.4 (VERIFIED, in force since 01/07/2026) requires the national ``.vn``
    domain in a set pattern per level; Decree 43/2011 Art. 6 (VERIFIED, repealed) set the same
    ``.gov.vn`` pattern, and Decree 42/2022's article on domains is UNVERIFIED.  A citizen can
    only trust that a site speaks for a state agency when it sits under ``.gov.vn``: a portal on
    ``.com.vn``, ``.edu.vn`` or a bare IP address can be imitated by anyone.

    **Non-compliant**
    ``sgddt-hoalam.edu.vn`` or ``http://203.0.113.25/`` (``fail``); a department on
    ``skhcnhoalam.gov.vn`` (three labels) or on ``skhcn.hoalam.com.vn``; a department of Hòa Lâm
    on ``skhcn.binhlam.gov.vn`` when the parent is ``hoalam.gov.vn`` (``fail``).

    **Compliant**
    The department of science and technology on ``https://www.skhcn.hoalam.gov.vn:8443/`` (the
    ``www.`` and the port are ignored; parent ``hoalam.gov.vn``); the province on
    ``hoalam.gov.vn`` (``pass``).

    **Remediation**
    Register the portal under ``.gov.vn`` with the name pattern of the agency's level (through the
    province's or ministry's IT unit and VNNIC), redirect the old address to it, and set the
    portal's level and parent in the registry so that the check is exact.
    """

    id = "DM-001"
    name = "technical.domain-pattern"
    title_vi = "Tên miền theo mẫu .gov.vn của cấp cơ quan"
    title_en = "Domain follows the .gov.vn pattern of the agency's level"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_11_4, cite.ND43_6, cite.ND42_6_DOMAIN)
    options: ClassVar[Mapping[str, Option]] = {
        "mismatch_status": Option(
            str, "fail",
            "Kết quả khi tên miền không đúng mẫu: \"fail\" hoặc \"warn\".",
            "Status when the domain does not follow the pattern: \"fail\" or \"warn\".",
            choices=("fail", "warn"),
        ),
    }
    description_vi = ("Tên miền của cổng (bỏ cổng kết nối và tiền tố www.) là tên miền .gov.vn theo mẫu của cấp cơ "
                      "quan: "
                      "bộ tenbonganh.gov.vn, tỉnh tentinhthanh.gov.vn, sở và đơn vị tencoquan.tentinhthanh.gov.vn, xã "
                      "phường tenphuongxa.tentinhthanh.gov.vn (Nghị định 224/2026 Điều 11 khoản 4); không dùng địa chỉ "
                      "IP, không dùng tên miền ngoài .gov.vn.")
    remediation_vi = ("Đăng ký tên miền .gov.vn theo mẫu của cấp cơ quan (qua đơn vị CNTT của tỉnh, bộ và VNNIC), "
                      "chuyển "
                      "hướng địa chỉ cũ sang tên miền mới, và khai báo cấp cơ quan, cổng cấp trên trong danh mục cổng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        host, url = portal_host(snapshot)
        if host is None:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không đọc được tên miền từ địa chỉ \"{url}\".",
                f"No host could be read from the address \"{url}\".",
                evidence=[Evidence(url=url, locator="home page URL")], details={"url": url}, error_class="no_host")
            return
        raw_level = snapshot.portal.get("level")
        level = raw_level if raw_level in LEVELS else None
        parent_cfg = parse_host(str(snapshot.portal.get("parent") or ""))
        configured = parse_host(snapshot.url)
        # With the parent known, the pattern is spelled out: "tenphuongxa.hoalam.gov.vn".
        expected = PATTERNS[level]
        if level in SUB_LEVELS + LEGACY_LEVELS and parent_cfg is not None:
            expected = expected.split(".", 1)[0] + "." + parent_cfg.name
        problems = self._problems(host, level, parent_cfg)
        notes_vi: list[str] = []
        notes_en: list[str] = []
        if level is None:
            notes_vi.append("chưa cấu hình cấp cơ quan nên chỉ kiểm tra 3–4 cấp tên miền dưới .gov.vn"
                            + (f" (giá trị \"{raw_level}\" không hợp lệ)" if raw_level else ""))
            notes_en.append("level not configured, so only 3–4 labels under .gov.vn were checked"
                            + (f" (the value \"{raw_level}\" is not a level)" if raw_level else ""))
        if level in LEGACY_LEVELS:
            notes_vi.append("mẫu tên miền cấp huyện theo Nghị định 43/2011; Nghị định 224/2026 không còn cấp huyện")
            notes_en.append("district pattern of Decree 43/2011; Decree 224/2026 has no district level")
        if level in SUB_LEVELS and parent_cfg is None and not problems:
            notes_vi.append("chưa cấu hình cổng cấp trên nên không kiểm tra tên miền cấp trên")
            notes_en.append("parent portal not configured, so the parent suffix was not checked")
        if host.www:
            notes_vi.append("đã bỏ nhãn \"www\" ở đầu")
            notes_en.append("the leading \"www\" label was ignored")
        redirected = configured is not None and configured.name != host.name
        if redirected and configured is not None:
            notes_vi.append(f"địa chỉ cấu hình {configured.display} chuyển hướng tới {host.display}")
            notes_en.append(f"the configured address {configured.display} redirects to {host.display}")
        details: dict[str, Any] = {
            "host": host.name,
            "host_display": host.display,
            "labels": len(host.labels) if not host.ip else None,
            "level": level,
            "level_configured": level is not None,
            "parent_host": parent_cfg.name if parent_cfg else None,
            "expected_pattern": expected,
            "problems": problems,
            "idn": host.idn,
            "configured_host": configured.name if configured else None,
            "redirected": redirected,
            "notes": notes_en,
        }
        evidence = [Evidence(url=url, locator="home page URL (after redirects)" if snapshot.home_url else
                             "configured URL", value=host.display, snippet=f"expected: {expected}")]
        level_vi, level_en = LEVEL_LABELS[level]
        for_vi = f"cho cấp {level_vi}" if level else "khi chưa cấu hình cấp cơ quan"
        for_en = f"for a {level_en}" if level else "when no level is configured"
        note_vi = f" Ghi chú: {'; '.join(notes_vi)}." if notes_vi else ""
        note_en = f" Note: {'; '.join(notes_en)}." if notes_en else ""
        if problems:
            why_vi = "; ".join(_PROBLEM_TEXT[p][0] for p in problems)
            why_en = "; ".join(_PROBLEM_TEXT[p][1] for p in problems)
            yield self.finding(
                ctx, Status(ctx.options["mismatch_status"]),
                f"Tên miền \"{host.display}\" không đúng mẫu ({why_vi}); mẫu {for_vi}: {expected}.{note_vi}",
                f"The domain \"{host.display}\" does not follow the pattern ({why_en}); the pattern {for_en} is "
                f"{expected}.{note_en}",
                evidence=evidence, details=details)
            return
        if host.idn:
            yield self.finding(
                ctx, Status.WARN,
                f"Tên miền \"{host.display}\" ({host.name}) có nhãn tiếng Việt có dấu (IDN); mẫu {expected} dùng tên "
                f"không dấu.{note_vi}",
                f"The domain \"{host.display}\" ({host.name}) has labels with diacritics (IDN); the pattern {expected} "
                f"uses names without diacritics.{note_en}",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Tên miền \"{host.display}\" đúng mẫu .gov.vn {for_vi} ({expected}).{note_vi}",
            f"The domain \"{host.display}\" follows the .gov.vn pattern {for_en} ({expected}).{note_en}",
            evidence=evidence, details=details)

    @staticmethod
    def _problems(host: Host, level: str | None, parent: Host | None) -> list[str]:
        if host.ip:
            return ["ip_literal"]
        if not (host.name == "vn" or host.name.endswith(".vn")):
            return ["not_vn"]
        if not host.is_gov_vn():
            return ["not_gov_vn"]
        problems = []
        if len(host.labels) not in _expected_labels(level):
            problems.append("label_count")
        needs_parent = level in SUB_LEVELS + LEGACY_LEVELS or (level is None and len(host.labels) == 4)
        if parent is not None and needs_parent and not host.name.endswith("." + parent.name):
            problems.append("not_under_parent")
        return problems
