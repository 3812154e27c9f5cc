"""IPv6 and DNS rules (NW-xxx): AAAA records, reachability over IPv6, DNSSEC.

They judge the DNS and IPv6 probes recorded before the crawl (``probes["dns"]``,
``probes["ipv6"]``; docs/facts.md, "Network probes").  DNS answers do not depend on the web
server, so a portal whose home page could not be read is still judged on them.

Honest verdicts.  A DNS timeout or error, a probe skipped (a host mapped with ``--resolve`` is
never looked up unless ``--dns-server`` is given) and, above all, a scanning host without an IPv6
route give ``not_determinable``: only the portal's own answers can make it fail (no AAAA record
in a NOERROR answer; a refused or reset IPv6 connection to the address the portal publishes).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

from nd42.records import Evidence, Finding, PortalSnapshot, Severity, Status
from nd42.textnorm import fold
from rules import citations as cite
from rules.base import Option, RuleContext, register
from rules.tls import ProbeRule, as_dict, host_of, status_option

# IPv6 connection errors that are the portal's doing; anything else (timeouts, no route) may be
# the scanner's network.
V6_SERVER_ERRORS = ("refused", "reset")
NO_ROUTE = ("no_ipv6_route", "no_route", "network_unreachable", "unreachable")


def _ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class DnsRule(ProbeRule, abstract=True):
    probe_name = "dns"
    probe_vi = "truy vấn DNS"
    probe_en = "DNS probe"

    def queried(self, snapshot: PortalSnapshot, probe: Mapping[str, Any]) -> str:
        return str(probe.get("host") or probe.get("name") or host_of(snapshot.url) or snapshot.url)

    def gate(self, snapshot: PortalSnapshot, ctx: RuleContext, probe: Mapping[str, Any]) -> Finding | None:
        host = host_of(snapshot.url)
        if _ip_literal(host):
            return self.finding(
                ctx, Status.NOT_APPLICABLE,
                f"Cổng được truy cập bằng địa chỉ IP {host}, không có tên miền để tra cứu DNS; xem DM-001.",
                f"The portal is addressed by the IP address {host}: there is no name to look up; see DM-001.",
                evidence=[Evidence(url=snapshot.url, locator="configured URL", value=host)],
                details={"host": host, "see": "DM-001"})
        missing = self.not_run(snapshot, ctx, probe)
        if missing is not None:
            return missing
        if probe.get("status") != "probed":
            return self.probe_failed(snapshot, ctx, probe, self.queried(snapshot, probe))
        return None

    def resolver(self, probe: Mapping[str, Any]) -> str:
        return str(probe.get("resolver") or "system resolver")


def _addresses(probe: Mapping[str, Any], key: str) -> list[str]:
    value = probe.get(key) or []
    return [str(v) for v in value] if isinstance(value, list) else []


# ---------------------------------------------------------------------------------------------- NW-001
@register
class Ipv6Aaaa(DnsRule):
    """The portal's name has an IPv6 address (AAAA record).

    **What it checks**
    The DNS probe's answer for the portal's host name (following CNAMEs), from the configured
    resolver (``--dns-server``, else the system resolver): one or more AAAA records pass; a NOERROR
    answer without AAAA records gives ``missing_status`` (``fail``).  NXDOMAIN, SERVFAIL, a DNS
    timeout, or a probe that was skipped (a ``--resolve`` mapping without ``--dns-server``) leaves
    it not determinable.  An IP-address portal has no name: not applicable (DM-001).

    **Why it matters**
    Decree 224/2026 Art. 11.4 (VERIFIED, in force since 01/07/2026) requires portals to use IPv6,
    and Circular 32/2017 Art. 15.4 (VERIFIED, legacy guidance) required IPv6 support of portals and
    level-3/4 online services.  Without an AAAA record, clients on IPv6-only networks (mobile
    carriers increasingly) reach the portal only through translation gateways, if at all.

    **Non-compliant**
    ``sokhcn.hoalam.gov.vn`` has an A record ``203.0.113.25`` and no AAAA record: ``fail``.

    **Compliant**
    ``sokhcn.hoalam.gov.vn AAAA 2001:db8:42::25``: ``pass``.

    **Remediation**
    Give the web server (or its load balancer / reverse proxy) an IPv6 address from the agency's or
    data centre's allocation, make it listen on that address, then publish the AAAA record in the
    zone (for the ``www`` name too).  Check NW-002 afterwards: the AAAA record must lead to the
    same portal.
    """

    id = "NW-001"
    name = "technical.ipv6-aaaa"
    title_vi = "Tên miền của cổng có địa chỉ IPv6 (bản ghi AAAA)"
    title_en = "The portal's name has an IPv6 address (AAAA record)"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_11_4, cite.TT32_15_4)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "fail", "tên miền không có bản ghi AAAA", "the name has no AAAA record")
    description_vi = ("Tên miền của cổng có bản ghi AAAA (địa chỉ IPv6) trong câu trả lời DNS. Câu trả lời hợp lệ "
                      "(NOERROR) nhưng không có AAAA là không đạt; lỗi DNS hoặc hết thời gian chờ thì không kết luận.")
    remediation_vi = ("Cấp địa chỉ IPv6 cho máy chủ web (hoặc bộ cân bằng tải, máy chủ proxy), cấu hình lắng nghe "
                      "trên địa chỉ đó, rồi khai báo bản ghi AAAA cho tên miền (cả tên có www.); sau đó kiểm tra "
                      "NW-002 để bảo đảm địa chỉ IPv6 dẫn tới đúng cổng.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        if gated is not None:
            yield gated
            return
        host = self.queried(snapshot, probe)
        a, aaaa, cname = _addresses(probe, "a"), _addresses(probe, "aaaa"), _addresses(probe, "cname")
        rcode = str(probe.get("rcode") or "NOERROR").upper()
        details: dict[str, Any] = {"host": host, "resolver": self.resolver(probe), "rcode": rcode, "a": a[:10],
                                   "aaaa": aaaa[:10], "cname": cname[:5], "portal_reachable": snapshot.reachable()}
        answer = (f"A {', '.join(a) or '-'}; AAAA {', '.join(aaaa) or '-'}"
                  + (f"; CNAME {', '.join(cname)}" if cname else ""))
        evidence = [Evidence(url=snapshot.url, locator=f"DNS answer for {host} from {self.resolver(probe)}",
                             value=answer, snippet=f"rcode {rcode}")]
        if aaaa:
            yield self.finding(
                ctx, Status.PASS,
                f"{host} có bản ghi AAAA: {', '.join(aaaa[:4])}.",
                f"{host} has AAAA record(s): {', '.join(aaaa[:4])}.",
                evidence=evidence, details=details)
            return
        if rcode != "NOERROR":
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Truy vấn DNS {host} trả về {rcode} từ {self.resolver(probe)}; không kết luận được về bản ghi AAAA.",
                f"The DNS query for {host} returned {rcode} from {self.resolver(probe)}; the AAAA record cannot be "
                "judged.",
                evidence=evidence, details=details, error_class=rcode.lower())
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"{host} không có bản ghi AAAA (IPv6); câu trả lời DNS từ {self.resolver(probe)}: {answer}.",
            f"{host} has no AAAA (IPv6) record; the DNS answer from {self.resolver(probe)}: {answer}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- NW-002
@register
class Ipv6Reachable(ProbeRule):
    """The portal answers over IPv6, with the same page as over IPv4.

    **What it checks**
    The IPv6 probe connects to the portal's AAAA address and requests the home page, then compares
    it with the IPv4 answer (``probes["ipv6"]``): same status and same page title passes; a
    different page (another status, title, or a default server page) warns; a refused or reset
    IPv6 connection fails (the portal publishes an address it does not serve).  A timeout is not
    determinable, and a scanning host without an IPv6 route is always not determinable
    (``no_ipv6_route``): the scanner's network must never fail a portal.  No AAAA record: not
    applicable (NW-001).

    **Why it matters**
    Decree 224/2026 Art. 11.4 (VERIFIED, in force since 01/07/2026) and Circular 32/2017 Art. 15.4
    (VERIFIED, legacy guidance).  An AAAA record that leads nowhere is worse than none: clients
    that prefer IPv6 wait for a timeout before falling back, or reach a stale default site.

    **Non-compliant**
    The AAAA address refuses connections on port 443 while IPv4 serves the portal: ``fail``; it
    answers with the web server's default "IIS Windows Server" page: ``warn``.

    **Compliant**
    Over IPv6, ``GET /`` answers 200 with the title "Sở Khoa học và Công nghệ tỉnh Hòa Lâm", as
    over IPv4: ``pass``.

    **Remediation**
    Bind the portal's virtual host (not only the default site) to the IPv6 address too (nginx
    ``listen [::]:443 ssl;``, IIS site bindings on "All Unassigned" or the IPv6 address), open the
    firewall for IPv6, and check the load balancer forwards IPv6 to the same backend.
    """

    id = "NW-002"
    name = "technical.ipv6-reachable"
    title_vi = "Cổng truy cập được qua IPv6, cùng nội dung như qua IPv4"
    title_en = "The portal answers over IPv6 with the same page as over IPv4"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_11_4, cite.TT32_15_4)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("unreachable_status", "fail",
                        "địa chỉ IPv6 của cổng từ chối hoặc ngắt kết nối",
                        "the portal's IPv6 address refuses or resets connections"),
        **status_option("different_status", "warn", "qua IPv6 trả về trang khác với qua IPv4",
                        "IPv6 answers a different page than IPv4"),
    }
    description_vi = ("Kết nối tới địa chỉ IPv6 (bản ghi AAAA) của cổng và tải trang chủ: cùng mã trạng thái và cùng "
                      "tiêu đề trang như qua IPv4 là đạt; trang khác thì cảnh báo; địa chỉ IPv6 từ chối kết nối là "
                      "không đạt. Máy quét không có kết nối IPv6 thì không kết luận, không bao giờ tính là không đạt.")
    remediation_vi = ("Gắn máy chủ ảo của cổng (không chỉ trang mặc định) với cả địa chỉ IPv6 (nginx: listen [::]:443 "
                      "ssl; IIS: binding của site), mở tường lửa cho IPv6, kiểm tra bộ cân bằng tải chuyển IPv6 tới "
                      "cùng máy chủ nội dung.")

    probe_name = "ipv6"
    probe_vi = "kiểm tra truy cập IPv6"
    probe_en = "IPv6 probe"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        missing = self.not_run(snapshot, ctx, probe)
        if missing is not None:
            yield missing
            return
        status = str(probe.get("status") or "")
        address = str(probe.get("address") or "")
        v6, v4 = as_dict(probe.get("v6")), as_dict(probe.get("v4"))
        v6_error = str(v6.get("error_class") or probe.get("error_class") or "")
        where = f"[{address}]" if address else host_of(snapshot.url)
        details: dict[str, Any] = {"address": address or None, "probe_status": status, "v6": _side(v6),
                                   "v4": _side(v4), "portal_reachable": snapshot.reachable()}
        if status == "no_aaaa":
            yield self.finding(
                ctx, Status.NOT_APPLICABLE,
                "Tên miền không có bản ghi AAAA nên không kiểm tra truy cập IPv6; xem NW-001.",
                "The name has no AAAA record, so IPv6 reachability does not apply; see NW-001.",
                evidence=[Evidence(url=snapshot.url, locator="probes[\"ipv6\"]", value="no AAAA")],
                details={**details, "see": "NW-001"})
            return
        if status == "no_ipv6_route":
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Máy quét không có kết nối IPv6 nên không thử được địa chỉ {address or 'IPv6'} của cổng; đây là giới "
                "hạn của máy quét, không phải lỗi của cổng.",
                f"The scanning host has no IPv6 route, so the portal's address {address or '(IPv6)'} could not be "
                "tried; this is the scanner's limit, not the portal's fault.",
                evidence=[Evidence(url=snapshot.url, locator="probes[\"ipv6\"]", value=address or None,
                                   snippet="no IPv6 route from the scanner")],
                details=details, error_class="no_ipv6_route")
            return
        v6_status = v6.get("status")
        if status != "probed" or not isinstance(v6_status, int):
            error_class = v6_error or "unknown"
            v4_up = isinstance(v4.get("status"), int) or snapshot.reachable()
            if error_class in V6_SERVER_ERRORS and not v4_up:
                yield self.finding(
                    ctx, Status.NOT_DETERMINABLE,
                    f"Địa chỉ IPv6 {address or '(AAAA)'} {'từ chối' if error_class == 'refused' else 'ngắt'} kết nối, "
                    "nhưng cổng cũng không trả lời qua IPv4: máy chủ có thể đang ngừng hoạt động; không kết luận được.",
                    f"The IPv6 address {address or '(AAAA)'} {'refused' if error_class == 'refused' else 'reset'} the "
                    "connection, but the portal does not answer over IPv4 either: the server may be down; nothing "
                    "is concluded.",
                    evidence=[Evidence(url=snapshot.url, locator=f"IPv6 probe: connection to {where}",
                                       value=error_class)],
                    details=details, error_class="portal_unreachable")
                return
            if error_class in V6_SERVER_ERRORS:
                yield self.finding(
                    ctx, Status(ctx.options["unreachable_status"]),
                    f"Cổng công bố địa chỉ IPv6 {address or '(AAAA)'} nhưng kết nối tới địa chỉ này bị "
                    f"{'từ chối' if error_class == 'refused' else 'ngắt giữa chừng'}"
                    + (f", trong khi qua IPv4 trang chủ trả lời HTTP {v4.get('status')}" if v4.get("status") else "")
                    + ".",
                    f"The portal publishes the IPv6 address {address or '(AAAA)'} but connections to it are "
                    f"{'refused' if error_class == 'refused' else 'reset'}"
                    + (f", while over IPv4 the home page answers HTTP {v4.get('status')}" if v4.get("status") else "")
                    + ".",
                    evidence=[Evidence(url=snapshot.url, locator=f"IPv6 probe: connection to {where}",
                                       value=error_class)],
                    details={**details, "problem": error_class})
                return
            whose_vi = "mạng của máy quét hoặc của cổng" if error_class in NO_ROUTE else "mạng của máy quét"
            whose_en = "the scanner's network or the portal's" if error_class in NO_ROUTE else "the scanner's network"
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không kết nối được tới địa chỉ IPv6 {address or '(AAAA)'} ({error_class}); có thể do {whose_vi}, "
                "không kết luận được.",
                f"The IPv6 address {address or '(AAAA)'} could not be reached ({error_class}); this may be "
                f"{whose_en}, so nothing is concluded.",
                evidence=[Evidence(url=snapshot.url, locator=f"IPv6 probe: connection to {where}", value=error_class)],
                details=details, error_class=error_class)
            return
        v4_status = v4.get("status")
        same = probe.get("same_page")
        if not isinstance(same, bool) and isinstance(v4_status, int):
            same = v6_status == v4_status and fold(str(v6.get("title") or "")) == fold(str(v4.get("title") or ""))
        evidence = [Evidence(url=snapshot.url, locator=f"IPv6 probe: GET / over {where}",
                             value=f"HTTP {v6_status}; title \"{v6.get('title') or ''}\"",
                             snippet=f"over IPv4: HTTP {v4_status}; title \"{v4.get('title') or ''}\""
                             if isinstance(v4_status, int) else None)]
        details["same_page"] = same
        if same is None or not isinstance(v4_status, int):
            yield self.finding(
                ctx, Status.PASS,
                f"Cổng trả lời qua IPv6 ({address or 'AAAA'}: HTTP {v6_status}); không so sánh được với IPv4 "
                "(không có kết quả qua IPv4).",
                f"The portal answers over IPv6 ({address or 'AAAA'}: HTTP {v6_status}); it could not be compared "
                "with IPv4 (no IPv4 answer recorded).",
                evidence=evidence, details=details)
            return
        if same:
            yield self.finding(
                ctx, Status.PASS,
                f"Cổng trả lời qua IPv6 ({address or 'AAAA'}) với cùng trang như qua IPv4 (HTTP {v6_status}, tiêu đề "
                f"\"{v6.get('title') or ''}\").",
                f"The portal answers over IPv6 ({address or 'AAAA'}) with the same page as over IPv4 (HTTP "
                f"{v6_status}, title \"{v6.get('title') or ''}\").",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["different_status"]),
            f"Qua IPv6 ({address or 'AAAA'}) cổng trả về trang khác với qua IPv4: IPv6 HTTP {v6_status} \""
            f"{v6.get('title') or ''}\", IPv4 HTTP {v4_status} \"{v4.get('title') or ''}\".",
            f"Over IPv6 ({address or 'AAAA'}) the portal answers a different page than over IPv4: IPv6 HTTP "
            f"{v6_status} \"{v6.get('title') or ''}\", IPv4 HTTP {v4_status} \"{v4.get('title') or ''}\".",
            evidence=evidence, details={**details, "problem": "different_page"})


def _side(side: Mapping[str, Any]) -> dict[str, Any]:
    return {k: side.get(k) for k in ("status", "title", "length", "error_class") if k in side}


# ---------------------------------------------------------------------------------------------- NW-003
@register
class Dnssec(DnsRule):
    """The portal's DNS zone is signed (DNSSEC).

    **What it checks**
    The DNS probe's answer for the portal's host name, asked with the DNSSEC-OK bit: RRSIG records
    in the answer (the zone is signed) or the AD flag from the configured resolver (a validating
    resolver checked the signatures) pass; neither gives ``missing_status`` (``warn``).  Which of
    the two was seen is in the details: signatures without AD mean the resolver does not validate.
    DNS errors and a skipped probe: not determinable.

    **Why it matters**
    Circular 32/2017 Art. 15.4 (VERIFIED, legacy guidance whose force today is not established)
    asks portals to support DNSSEC; hence a warning, not a failure.  DNSSEC lets resolvers reject
    forged answers, so that visitors cannot be sent to a fake portal by cache poisoning.

    **Non-compliant**
    The answer for ``sokhcn.hoalam.gov.vn`` carries no RRSIG and the AD flag is not set: ``warn``.

    **Compliant**
    The answer carries ``RRSIG A 13 4 …`` records, or a validating resolver sets AD: ``pass``.

    **Remediation**
    Ask the DNS operator of the zone (the province's data centre, or the registrar) to sign it
    (algorithm 13, ECDSA P-256, with automatic key rollover) and to publish the DS record in the
    parent zone ``gov.vn`` through VNNIC.
    """

    id = "NW-003"
    name = "technical.dnssec"
    title_vi = "Vùng tên miền của cổng được ký số (DNSSEC)"
    title_en = "The portal's DNS zone is signed (DNSSEC)"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.TT32_15_4,)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "warn", "câu trả lời DNS không có chữ ký (RRSIG) và không được xác thực (AD)",
        "the DNS answer has no signature (RRSIG) and is not validated (AD)")
    description_vi = ("Câu trả lời DNS cho tên miền của cổng có chữ ký số (bản ghi RRSIG) hoặc được máy chủ phân giải "
                      "xác thực (cờ AD); không có thì cảnh báo (hướng dẫn cũ của Thông tư 32/2017).")
    remediation_vi = ("Đề nghị đơn vị quản lý máy chủ DNS của vùng (trung tâm dữ liệu của tỉnh hoặc nhà đăng ký) ký "
                      "số vùng tên miền (thuật toán 13, ECDSA P-256, tự động thay khóa) và đăng ký bản ghi DS tại vùng "
                      "gov.vn qua VNNIC.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        if gated is not None:
            yield gated
            return
        host = self.queried(snapshot, probe)
        dnssec = probe.get("dnssec")
        if not isinstance(dnssec, dict) or ("rrsig" not in dnssec and "ad" not in dnssec):
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Kết quả truy vấn DNS {host} không ghi lại thông tin DNSSEC.",
                f"The DNS probe of {host} recorded no DNSSEC information.",
                evidence=[Evidence(url=snapshot.url, locator="probes[\"dns\"].dnssec", value="not recorded")],
                details={"host": host}, error_class="not_recorded")
            return
        rrsig, ad = bool(dnssec.get("rrsig")), bool(dnssec.get("ad"))
        resolver = self.resolver(probe)
        details = {"host": host, "resolver": resolver, "rrsig": rrsig, "ad": ad,
                   "portal_reachable": snapshot.reachable()}
        seen = ", ".join(x for x, on in (("RRSIG", rrsig), ("AD", ad)) if on) or "none"
        evidence = [Evidence(url=snapshot.url, locator=f"DNS answer for {host} from {resolver} (DO bit set)",
                             value=f"RRSIG {'yes' if rrsig else 'no'}; AD {'yes' if ad else 'no'}")]
        if rrsig or ad:
            how_vi = ("có chữ ký RRSIG và được xác thực (AD)" if rrsig and ad else
                      "có chữ ký RRSIG (máy chủ phân giải không xác thực: không có cờ AD)" if rrsig else
                      f"được máy chủ phân giải {resolver} xác thực (cờ AD)")
            how_en = ("carries RRSIG signatures and is validated (AD)" if rrsig and ad else
                      "carries RRSIG signatures (the resolver does not validate: no AD flag)" if rrsig else
                      f"is validated by the resolver {resolver} (AD flag)")
            yield self.finding(
                ctx, Status.PASS,
                f"Câu trả lời DNS cho {host} {how_vi}.",
                f"The DNS answer for {host} {how_en}.",
                evidence=evidence, details={**details, "seen": seen})
            return
        yield self.finding(
            ctx, Status(ctx.options["missing_status"]),
            f"Vùng tên miền của {host} chưa ký số DNSSEC: câu trả lời từ {resolver} không có RRSIG và không có cờ AD.",
            f"The zone of {host} is not DNSSEC-signed: the answer from {resolver} has no RRSIG and no AD flag.",
            evidence=evidence, details={**details, "seen": seen})
