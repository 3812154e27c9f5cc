"""HTTPS and TLS rules (TL-xxx), on the endpoint model of pshtt.

They judge what the network probes recorded before the crawl (``probes["tls"]``,
``probes["http_redirect"]``; docs/facts.md, "Network probes") and, for mixed content, the pages
the crawl fetched over HTTPS (``facts["tech"]["insecure_resources"]``).  Nothing is connected to
here: a certificate's dates are compared with the run clock (``ctx.now``), its names with the
host, its chain's verdict is the probe's (verified against the scanner's trust store, time not
checked).

Honest verdicts.  A probe that could not run (``--no-network-probes``, an old snapshot) or failed
for a reason of the network (timeout, reset, DNS) gives ``not_determinable`` with its error class.
Only a refused HTTPS port is read as "no HTTPS", and only while the portal itself answered (a
server that is down refuses everything).  A TLS version the scanner's own OpenSSL cannot offer is
"untested", never "offered".  The probes are independent of the crawl, so a portal whose home page
could not be read is still judged on a probe that has data (details ``portal_reachable`` false).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from rules import citations as cite
from rules import facts
from rules.base import ComplianceRule, Option, RuleContext, register

LEGACY_VERSIONS = ("SSLv2", "SSLv3", "TLSv1", "TLSv1.1")
MODERN_VERSIONS = ("TLSv1.2", "TLSv1.3")
# Network reasons a probe can fail for: the scanner could not tell, so nothing is judged.
UNREACHABLE_PORTAL = "portal_unreachable"


def status_option(key: str, default: str, what_vi: str, what_en: str) -> dict[str, Option]:
    """An option holding the status a rule gives for one bad outcome (profiles may soften or harden it)."""
    return {key: Option(str, default, f"Kết quả khi {what_vi}: \"fail\" hoặc \"warn\".",
                        f"Status when {what_en}: \"fail\" or \"warn\".", choices=("fail", "warn"))}


def host_of(url: str | None) -> str:
    """The lower-case host name of a URL ("" when it has none)."""
    try:
        return (urlsplit(url or "").hostname or "").rstrip(".").lower()
    except ValueError:  # an unbalanced IPv6 bracket
        return ""


def scheme_of(url: str | None) -> str:
    return urlsplit(url or "").scheme.lower()


def www_twin(a: str, b: str) -> bool:
    """``a`` and ``b`` are the same host, or one is the other with a leading ``www.``."""
    return bool(a) and (a == b or a == "www." + b or b == "www." + a)


def parse_instant(value: Any) -> dt.datetime | None:
    """A certificate date: ISO 8601 (``Z`` accepted) or OpenSSL's ``Jun  1 12:00:00 2027 GMT``; naive → UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    moment: dt.datetime | None = None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for fmt in ("%b %d %H:%M:%S %Y %Z", "%b %d %H:%M:%S %Y"):
            try:
                moment = dt.datetime.strptime(" ".join(text.split()), fmt)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def vn_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%d/%m/%Y")


def issuer_name(cert: Mapping[str, Any]) -> str:
    """The issuing CA as people name it: "R11 (Let's Encrypt)" from ``CN=R11,O=Let's Encrypt,C=US``."""
    raw = str(cert.get("issuer") or "")
    parts = dict(p.split("=", 1) for p in raw.split(",") if "=" in p)
    cn = str(cert.get("issuer_cn") or parts.get("CN") or "").strip()
    org = parts.get("O", "").strip()
    if cn and org and org != cn:
        return f"{cn} ({org})"
    return cn or org or raw or "?"


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def https_works(snapshot: PortalSnapshot) -> bool:
    """HTTPS answered: the TLS probe got an HTTP answer, or the crawl fetched the home page over https."""
    tls = facts.probe(snapshot, "tls")
    if tls.get("status") == "probed" and as_dict(tls.get("https")).get("status") is not None:
        return True
    home = facts.home_page(snapshot)
    return home is not None and scheme_of(home.final_url or home.url) == "https"


# ---------------------------------------------------------------------------------------------- base
class ProbeRule(ComplianceRule, abstract=True):
    """A rule judging one network probe: the shared paths for a probe that did not run or failed."""

    probe_name: ClassVar[str]
    probe_vi: ClassVar[str]
    probe_en: ClassVar[str]

    def probe_data(self, snapshot: PortalSnapshot) -> dict[str, Any]:
        return facts.probe(snapshot, self.probe_name)

    def not_run(self, snapshot: PortalSnapshot, ctx: RuleContext, probe: Mapping[str, Any]) -> Finding | None:
        """The finding for a probe that was never recorded or was skipped; ``None`` when it ran."""
        if not probe:
            if not snapshot.reachable():
                return self.unreachable_portal(snapshot, ctx)
            return self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Bản chụp không có kết quả {self.probe_vi} (chạy với --no-network-probes hoặc bản chụp cũ); "
                "không đánh giá được.",
                f"The snapshot holds no {self.probe_en} result (run with --no-network-probes, or an older "
                "snapshot); nothing could be judged.",
                evidence=[Evidence(url=snapshot.url, locator=f"probes[\"{self.probe_name}\"]", value="not recorded")],
                details={"probe": self.probe_name, "probe_status": None}, error_class="not_recorded")
        if probe.get("status") == "skipped":
            why = str(probe.get("reason") or probe.get("error_class") or "")
            return self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không thực hiện {self.probe_vi}" + (f" ({why})" if why else "") + "; không đánh giá được.",
                f"The {self.probe_en} was skipped" + (f" ({why})" if why else "") + "; nothing could be judged.",
                evidence=[Evidence(url=snapshot.url, locator=f"probes[\"{self.probe_name}\"]", value="skipped")],
                details={"probe": self.probe_name, "probe_status": "skipped", "reason": why or None},
                error_class="skipped")
        return None

    def probe_failed(self, snapshot: PortalSnapshot, ctx: RuleContext, probe: Mapping[str, Any],
                     where: str) -> Finding:
        """Not determinable: the probe failed for a reason of the network (its error class)."""
        error_class = str(probe.get("error_class") or "unknown")
        return self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"{self.probe_vi[:1].upper()}{self.probe_vi[1:]} ({where}) không thành công ({error_class}); không đánh "
            "giá được.",
            f"The {self.probe_en} of {where} failed ({error_class}); nothing could be judged.",
            evidence=[Evidence(url=where if "://" in where else snapshot.url,
                               locator=f"probes[\"{self.probe_name}\"]" + ("" if "://" in where else f" for {where}"),
                               value=error_class,
                               snippet=str(probe.get("error") or probe.get("error_message") or "") or None)],
            details={"probe": self.probe_name, "probe_status": probe.get("status"), "error_class": error_class,
                     "portal_reachable": snapshot.reachable()},
            error_class=error_class)


class TlsRule(ProbeRule, abstract=True):
    """TL-002..TL-005: judge the certificate and versions the TLS probe recorded."""

    probe_name = "tls"
    probe_vi = "kiểm tra HTTPS/TLS"
    probe_en = "HTTPS/TLS probe"

    def endpoint(self, snapshot: PortalSnapshot, probe: Mapping[str, Any]) -> str:
        return str(probe.get("endpoint") or "https://" + (host_of(snapshot.url) or "?") + "/")

    def gate(self, snapshot: PortalSnapshot, ctx: RuleContext, probe: Mapping[str, Any]) -> Finding | None:
        """A finding when there is no handshake to judge; ``None`` when the probe reached the TLS server."""
        missing = self.not_run(snapshot, ctx, probe)
        if missing is not None:
            return missing
        if probe.get("status") == "probed":
            return None
        endpoint = self.endpoint(snapshot, probe)
        if probe.get("error_class") == "refused":
            if not snapshot.reachable():
                return self.unreachable_portal(snapshot, ctx)
            return self.finding(
                ctx, Status.NOT_APPLICABLE,
                f"Cổng không hỗ trợ HTTPS ({endpoint} từ chối kết nối); xem TL-001.",
                f"The portal offers no HTTPS ({endpoint} refused the connection); see TL-001.",
                evidence=[Evidence(url=endpoint, locator="probes[\"tls\"]", value="refused")],
                details={"https": False, "see": "TL-001"})
        return self.probe_failed(snapshot, ctx, probe, endpoint)

    def cert_evidence(self, endpoint: str, cert: Mapping[str, Any], value: str | None = None) -> Evidence:
        names = ", ".join(str(n) for n in (cert.get("san") or [])[:6]) if isinstance(cert.get("san"), list) else ""
        dates = [str(cert[k]) for k in ("not_before", "not_after") if cert.get(k)]
        return Evidence(url=endpoint, locator="TLS certificate presented by the server", value=value,
                        snippet=f"subject CN={cert.get('subject_cn') or '-'}; issuer {issuer_name(cert)}"
                                + (f"; SAN={names}" if names else ""), dates=dates)


# ---------------------------------------------------------------------------------------------- TL-001
@register
class HttpsAvailable(ProbeRule):
    """The portal answers over HTTPS.

    **What it checks**
    The TLS probe connects to the portal's HTTPS endpoint (``https://`` + the portal's host on port
    443, or the endpoint configured for the portal): a completed TLS handshake followed by an HTTP
    answer (any status) passes.  A refused connection on the HTTPS port, while the portal answered
    over HTTP, means the portal offers no HTTPS: ``missing_status`` (``fail``).  An HTTPS answer
    that redirects back to ``http://`` is a warning (HTTPS exists but visitors are sent off it).
    A timeout, reset, DNS or handshake error leaves it undeterminable (the scanner could not tell).
    When the probe has no answer (not recorded, skipped, failed), a home page the crawl fetched
    over ``https://`` is enough to pass.

    **Why it matters**
    Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) requires HTTPS (stated for level-3/4
    online services; for every page UNVERIFIED), and Decree 224/2026 Art. 21.4 (VERIFIED, in force
    since 01/07/2026) requires the portal's cyber-security in general terms.  Without HTTPS,
    anything a citizen reads or submits can be read and altered on the way (public Wi-Fi,
    compromised routers), and browsers mark the portal "Not secure".

    **Non-compliant**
    ``https://sokhcn.hoalam.gov.vn/`` refuses the connection while ``http://`` serves the portal:
    ``fail``.

    **Compliant**
    ``https://sokhcn.hoalam.gov.vn/`` completes a TLS 1.3 handshake and answers 200: ``pass``.

    **Remediation**
    Obtain a certificate for the portal's name (from a public CA; free ones exist), enable TLS on
    port 443 of the web server or the load balancer in front of it, and serve the same site there.
    Then redirect HTTP to HTTPS (TL-006) and add HSTS (TL-007).
    """

    id = "TL-001"
    name = "technical.https-available"
    title_vi = "Cổng hỗ trợ truy cập bằng HTTPS"
    title_en = "The portal is available over HTTPS"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.TT32_20, cite.ND224_21_4)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "missing_status", "fail", "cổng thông tin không hỗ trợ HTTPS (cổng kết nối 443 từ chối kết nối)",
        "the portal offers no HTTPS (the HTTPS port refuses connections)")
    description_vi = ("Cổng trả lời qua HTTPS: bắt tay TLS thành công và máy chủ trả về một phản hồi HTTP. Cổng kết "
                      "nối HTTPS (443) từ chối kết nối trong khi cổng thông tin vẫn trả lời qua HTTP thì coi là không "
                      "hỗ trợ HTTPS; lỗi mạng (hết thời gian chờ, mất kết nối) thì không kết luận.")
    remediation_vi = ("Cấp chứng thư số SSL/TLS cho tên miền của cổng (từ tổ chức cấp chứng thư công cộng), bật TLS "
                      "trên cổng 443 của máy chủ web hoặc bộ cân bằng tải và phục vụ cùng nội dung; sau đó chuyển "
                      "hướng HTTP sang HTTPS (TL-006) và bật HSTS (TL-007).")

    probe_name = "tls"
    probe_vi = "kiểm tra HTTPS/TLS"
    probe_en = "HTTPS/TLS probe"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        home = facts.home_page(snapshot)
        ran = bool(probe) and probe.get("status") != "skipped"
        # The crawl itself fetching the home page over https is proof enough when the probe has no answer.
        if probe.get("status") != "probed" and home is not None and scheme_of(home.final_url or home.url) == "https":
            url = home.final_url or home.url
            why_vi = (f"kiểm tra TLS riêng không thành công ({probe.get('error_class')})" if ran else
                      "không có kết quả kiểm tra TLS riêng")
            why_en = (f"the separate TLS probe failed ({probe.get('error_class')})" if ran else
                      "no separate TLS probe was recorded")
            yield self.finding(
                ctx, Status.PASS,
                f"Trang chủ được tải qua HTTPS ({url}, HTTP {home.status}); {why_vi}.",
                f"The home page was fetched over HTTPS ({url}, HTTP {home.status}); {why_en}.",
                evidence=[Evidence(url=url, locator="home page fetched by the crawl", value=f"HTTP {home.status}")],
                details={"source": "crawl", "final_url": url, "http_status": home.status,
                         "probe_status": probe.get("status"), "probe_error_class": probe.get("error_class")})
            return
        missing = self.not_run(snapshot, ctx, probe)
        if missing is not None:
            yield missing
            return
        endpoint = str(probe.get("endpoint") or "https://" + (host_of(snapshot.url) or "?") + "/")
        https = as_dict(probe.get("https"))
        if probe.get("status") != "probed":
            error_class = str(probe.get("error_class") or "unknown")
            if error_class != "refused":
                yield self.probe_failed(snapshot, ctx, probe, endpoint)
                return
            if not snapshot.reachable():
                yield self.finding(
                    ctx, Status.NOT_DETERMINABLE,
                    f"{endpoint} từ chối kết nối, nhưng trang chủ cũng không truy cập được: máy chủ có thể đang "
                    "ngừng hoạt động; không kết luận được về HTTPS.",
                    f"{endpoint} refused the connection, but the home page could not be reached either: the "
                    "server may be down; HTTPS support cannot be judged.",
                    evidence=[Evidence(url=endpoint, locator="probes[\"tls\"]", value="refused")],
                    details={"https": None, "portal_reachable": False}, error_class=UNREACHABLE_PORTAL)
                return
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Cổng không hỗ trợ HTTPS: {endpoint} từ chối kết nối, trong khi trang chủ "
                f"{snapshot.home_url or snapshot.url} vẫn trả lời qua HTTP.",
                f"The portal offers no HTTPS: {endpoint} refused the connection, while the home page "
                f"{snapshot.home_url or snapshot.url} answers over HTTP.",
                evidence=[Evidence(url=endpoint, locator="TLS probe: TCP connection to the HTTPS port",
                                   value="connection refused"),
                          Evidence(url=snapshot.home_url or snapshot.url, locator="home page fetched by the crawl",
                                   value=f"HTTP {home.status}" if home else None)],
                details={"https": False, "endpoint": endpoint, "error_class": "refused"})
            return
        negotiated = _label(str(probe["negotiated"])) if probe.get("negotiated") else None
        status = https.get("status")
        final_url = str(https.get("final_url") or endpoint)
        details: dict[str, Any] = {"https": True, "endpoint": endpoint, "negotiated": probe.get("negotiated"),
                                   "http_status": status, "final_url": final_url,
                                   "portal_reachable": snapshot.reachable()}
        if status is None:
            error_class = str(https.get("error_class") or "no_http_answer")
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Bắt tay TLS với {endpoint} thành công ({negotiated or 'không rõ phiên bản'}) nhưng không nhận "
                f"được phản hồi HTTP ({error_class}); chưa kết luận được.",
                f"The TLS handshake with {endpoint} succeeded ({negotiated or 'version unknown'}) but no HTTP "
                f"answer came ({error_class}); not determinable.",
                evidence=[Evidence(url=endpoint, locator="TLS probe: HTTP request over TLS", value=error_class)],
                details=details, error_class=error_class)
            return
        # The probe does not follow an HTTPS answer back to http://: the last hop's Location says where
        # it points (the endpoint's own Location when no chain was recorded).
        hops = [h for h in https.get("chain") or [] if isinstance(h, dict)]
        last = hops[-1] if hops else {"status": https.get("final_status") if isinstance(
            https.get("final_status"), int) else status, "location": as_dict(https.get("headers")).get("location")}
        location = str(last.get("location") or "")
        answered = last.get("status")
        if isinstance(answered, int) and 300 <= answered < 400 and scheme_of(location) == "http":
            final_url = location
        evidence = [Evidence(url=endpoint, locator="TLS probe: handshake and HTTP request",
                             value=f"{negotiated or 'TLS'}; HTTP {status}",
                             snippet=f"final URL {final_url}" if final_url != endpoint else None)]
        if scheme_of(final_url) == "http":
            yield self.finding(
                ctx, Status.WARN,
                f"{endpoint} trả lời qua HTTPS ({negotiated or 'TLS'}) nhưng chuyển hướng người dùng về địa chỉ "
                f"không mã hóa {final_url}.",
                f"{endpoint} answers over HTTPS ({negotiated or 'TLS'}) but redirects visitors to the unencrypted "
                f"address {final_url}.",
                evidence=evidence, details={**details, "final_url": final_url, "downgrade": True})
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Cổng hỗ trợ HTTPS: {endpoint} bắt tay TLS thành công ({negotiated or 'TLS'}) và trả lời HTTP "
            f"{status}.",
            f"The portal is available over HTTPS: {endpoint} completed a TLS handshake ({negotiated or 'TLS'}) "
            f"and answered HTTP {status}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- TL-002
@register
class CertificateChain(TlsRule):
    """The HTTPS certificate chains to a trusted certification authority.

    **What it checks**
    The TLS probe verifies the chain the server presents against the scanner's trust store (the
    system store, plus ``--ca-file``), with the validity dates *not* checked (TL-004 judges them
    against the run clock).  A chain that verifies passes; a self-signed certificate, an unknown
    issuer or a missing intermediate certificate fails, with OpenSSL's verify error in the
    details.  No HTTPS: not applicable (TL-001); a probe that did not reach the TLS server:
    not determinable.

    **Why it matters**
    Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) requires HTTPS and Decree 224/2026 Art.
    21.4 (VERIFIED, in force since 01/07/2026) the portal's cyber-security.  A certificate that
    browsers cannot trust gives visitors a full-page warning; teaching citizens to click through
    such warnings on a state portal is exactly what an attacker impersonating it needs.

    **Non-compliant**
    A self-signed certificate, or one issued by a private CA that browsers do not know, or a
    server that sends its certificate without the intermediate certificate: ``fail``.

    **Compliant**
    A certificate from a CA in the browsers' trust stores, sent with its intermediates: ``pass``.

    **Remediation**
    Install a certificate from a publicly trusted CA and configure the server to send the full
    chain (the certificate followed by the intermediate certificates: ``fullchain.pem`` /
    the CA's bundle file; in IIS, import the intermediates into the "Intermediate Certification
    Authorities" store).
    """

    id = "TL-002"
    name = "technical.certificate-chain"
    title_vi = "Chứng thư số HTTPS được cấp bởi tổ chức tin cậy"
    title_en = "The HTTPS certificate chains to a trusted authority"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.TT32_20, cite.ND224_21_4)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "invalid_status", "fail", "chuỗi chứng thư số không xác thực được",
        "the certificate chain does not verify")
    description_vi = ("Chuỗi chứng thư số mà máy chủ HTTPS gửi được xác thực tới một tổ chức cấp chứng thư tin cậy "
                      "(kho tin cậy của hệ thống); chứng thư tự ký, tổ chức cấp không xác định hoặc thiếu chứng thư "
                      "trung gian là không đạt. Thời hạn hiệu lực được kiểm tra riêng (TL-004).")
    remediation_vi = ("Dùng chứng thư số do tổ chức cấp chứng thư công cộng được trình duyệt tin cậy cấp, và cấu hình "
                      "máy chủ gửi đầy đủ chuỗi (chứng thư của cổng kèm các chứng thư trung gian, ví dụ tệp "
                      "fullchain.pem; trên IIS nhập chứng thư trung gian vào kho Intermediate Certification "
                      "Authorities).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        if gated is not None:
            yield gated
            return
        endpoint = self.endpoint(snapshot, probe)
        cert, chain = as_dict(probe.get("cert")), as_dict(probe.get("chain"))
        valid, error = chain.get("valid"), chain.get("error")
        self_signed = bool(cert.get("self_signed"))
        details = {"endpoint": endpoint, "valid": valid, "verify_error": error, "self_signed": self_signed,
                   "issuer": cert.get("issuer"), "subject_cn": cert.get("subject_cn"),
                   "portal_reachable": snapshot.reachable()}
        evidence = [self.cert_evidence(endpoint, cert, str(error) if error else ("valid" if valid else None))]
        if valid is True:
            yield self.finding(
                ctx, Status.PASS,
                f"Chuỗi chứng thư số của {endpoint} được xác thực (tổ chức cấp: {issuer_name(cert)}).",
                f"The certificate chain of {endpoint} verifies (issuer: {issuer_name(cert)}).",
                evidence=evidence, details=details)
            return
        if valid is None and not self_signed:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Kết quả kiểm tra TLS không có kết quả xác thực chuỗi chứng thư của {endpoint}.",
                f"The TLS probe recorded no chain verification result for {endpoint}.",
                evidence=evidence, details=details, error_class="not_recorded")
            return
        why_vi, why_en = _chain_problem(str(error or ""), self_signed)
        yield self.finding(
            ctx, Status(ctx.options["invalid_status"]),
            f"Chứng thư số của {endpoint} (tổ chức cấp: {issuer_name(cert)}) không được tin cậy: {why_vi}"
            + (f" (lỗi xác thực: {error})" if error else "") + ".",
            f"The certificate of {endpoint} (issuer: {issuer_name(cert)}) is not trusted: {why_en}"
            + (f" (verify error: {error})" if error else "") + ".",
            evidence=evidence, details={**details, "problem": why_en})


def _chain_problem(error: str, self_signed: bool) -> tuple[str, str]:
    text = error.lower()
    if self_signed or "self-signed" in text or "self signed" in text:
        return "chứng thư tự ký, không do tổ chức cấp chứng thư tin cậy cấp", "it is self-signed, not issued by a " \
            "trusted certification authority"
    if "local issuer" in text or "issuer certificate" in text:
        return ("không xác định được tổ chức cấp: tổ chức cấp không có trong kho tin cậy hoặc máy chủ không gửi "
                "chứng thư trung gian", "its issuer is unknown: the CA is not in the trust store, or the server does "
                "not send the intermediate certificate")
    if "revoked" in text:
        return "chứng thư đã bị thu hồi", "it has been revoked"
    return "chuỗi chứng thư không xác thực được", "the chain does not verify"


# ---------------------------------------------------------------------------------------------- TL-003
def _ascii_host(name: str) -> str:
    name = name.strip().rstrip(".").lower()
    if name.isascii():
        return name
    try:
        return ".".join(label.encode("idna").decode("ascii") if not label.isascii() else label
                        for label in name.split("."))
    except UnicodeError:
        return name


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip("[]"))
    except ValueError:
        return None


def cert_names(cert: Mapping[str, Any]) -> tuple[list[str], list[str], str]:
    """(DNS names, IP addresses, source) the certificate is valid for: its SAN, else its subject CN."""
    dns_names: list[str] = []
    ips: list[str] = []
    raw = cert.get("san") or []
    for entry in raw if isinstance(raw, list) else []:
        kind, value = "", ""
        if isinstance(entry, str):
            head, sep, rest = entry.partition(":")
            if sep and head.strip().upper() in ("DNS", "IP", "IP ADDRESS"):
                kind, value = head.strip().upper(), rest.strip()
            else:
                kind, value = "", entry.strip()
        elif isinstance(entry, list | tuple) and len(entry) == 2:
            kind, value = str(entry[0]).upper(), str(entry[1])
        elif isinstance(entry, dict):
            kind, value = str(entry.get("type") or "").upper(), str(entry.get("value") or "")
        if not value:
            continue
        if kind.startswith("IP") or (kind == "" and _ip(value) is not None):
            ips.append(value)
        elif kind in ("", "DNS"):
            dns_names.append(value)
    if dns_names or ips:
        return dns_names, ips, "san"
    cn = cert.get("subject_cn")
    if isinstance(cn, str) and cn.strip():
        return ([cn.strip()], [], "cn") if _ip(cn) is None else ([], [cn.strip()], "cn")
    return [], [], "none"


def name_matches(pattern: str, host: str) -> bool:
    """RFC 6125 matching: exact, or a ``*`` that is the whole left-most label and stands for one label."""
    pattern, host = _ascii_host(pattern), _ascii_host(host)
    if not pattern.startswith("*."):
        return "*" not in pattern and pattern == host
    suffix = pattern[2:]
    head, sep, rest = host.partition(".")
    # "*.vn" or "*.gov.vn" would cover whole registries: browsers refuse such wildcards.
    return bool(sep and head and suffix.count(".") >= 1 and "*" not in suffix and rest == suffix)


@register
class CertificateHostname(TlsRule):
    """The HTTPS certificate is issued for the portal's host name.

    **What it checks**
    The names in the certificate's Subject Alternative Name extension (or, only when it has none,
    its subject Common Name) against the host of the HTTPS endpoint: an exact match, or a wildcard
    ``*.hoalam.gov.vn`` that covers exactly one label (``skhcn.hoalam.gov.vn``, not
    ``hoalam.gov.vn`` and not ``a.skhcn.hoalam.gov.vn``), as browsers match them.  International
    names are compared in their ASCII (punycode) form; an IP address must be an IP entry.  No match
    fails.  No HTTPS: not applicable (TL-001).

    **Why it matters**
    Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) and Decree 224/2026 Art. 21.4 (VERIFIED, in
    force since 01/07/2026).  A certificate for another name proves nothing about this portal:
    browsers show a warning, and the visitor cannot tell the real portal from an impostor.

    **Non-compliant**
    ``https://www.sokhcn.hoalam.gov.vn/`` presents a certificate for ``sokhcn.hoalam.gov.vn`` only,
    or the hosting company's default certificate for ``*.hosting.vn``: ``fail``.

    **Compliant**
    A certificate whose SAN lists ``sokhcn.hoalam.gov.vn`` and ``www.sokhcn.hoalam.gov.vn``, or a
    wildcard ``*.hoalam.gov.vn``: ``pass``.

    **Remediation**
    Request a certificate that lists every name the portal answers on (with and without ``www.``)
    in its SAN, and install it on the virtual host of that name (with several sites on one IP, the
    server must pick the certificate by SNI).
    """

    id = "TL-003"
    name = "technical.certificate-hostname"
    title_vi = "Chứng thư số HTTPS đúng tên miền của cổng"
    title_en = "The HTTPS certificate matches the portal's host name"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.TT32_20, cite.ND224_21_4)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "mismatch_status", "fail", "chứng thư số không có tên miền của cổng",
        "the certificate does not name the portal's host")
    description_vi = ("Tên miền của cổng có trong danh sách tên (SAN) của chứng thư số, hoặc trong tên chung (CN) khi "
                      "chứng thư không có SAN; tên đại diện *.tenmien chỉ thay cho đúng một nhãn. Chứng thư cấp cho "
                      "tên khác là không đạt.")
    remediation_vi = ("Xin cấp chứng thư số ghi đủ mọi tên miền cổng sử dụng (có và không có www.) trong trường SAN, "
                      "cài đặt cho đúng máy chủ ảo của tên miền đó (nhiều trang trên cùng địa chỉ IP thì máy chủ phải "
                      "chọn chứng thư theo SNI).")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        if gated is not None:
            yield gated
            return
        endpoint = self.endpoint(snapshot, probe)
        host = host_of(endpoint)
        cert = as_dict(probe.get("cert"))
        dns_names, ips, source = cert_names(cert)
        if not cert or source == "none":
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Kết quả kiểm tra TLS không ghi lại tên nào của chứng thư số của {endpoint}.",
                f"The TLS probe recorded no name of the certificate of {endpoint}.",
                evidence=[self.cert_evidence(endpoint, cert)], details={"endpoint": endpoint, "host": host},
                error_class="not_recorded")
            return
        host_ip = _ip(host)
        if host_ip is not None:
            matched = [ip for ip in ips if _ip(ip) == host_ip]
        else:
            matched = [name for name in dns_names if name_matches(name, host)]
        names = dns_names + ips
        details: dict[str, Any] = {"endpoint": endpoint, "host": host, "names": names[:30], "source": source,
                                   "matched": matched[:5], "probe_hostname_match": probe.get("hostname_match"),
                                   "portal_reachable": snapshot.reachable()}
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        where_vi = "trường SAN" if source == "san" else "tên chung (CN; chứng thư không có SAN)"
        where_en = "SAN" if source == "san" else "subject CN (the certificate has no SAN)"
        evidence = [self.cert_evidence(endpoint, cert, host)]
        if matched:
            yield self.finding(
                ctx, Status.PASS,
                f"Chứng thư số của {endpoint} cấp cho {host} (khớp với \"{matched[0]}\" trong {where_vi}).",
                f"The certificate of {endpoint} is issued for {host} (matches \"{matched[0]}\" in its {where_en}).",
                evidence=evidence, details=details)
            return
        yield self.finding(
            ctx, Status(ctx.options["mismatch_status"]),
            f"Chứng thư số của {endpoint} không cấp cho {host}: {where_vi} chỉ có {shown}.",
            f"The certificate of {endpoint} is not issued for {host}: its {where_en} lists only {shown}.",
            evidence=evidence, details=details)


# ---------------------------------------------------------------------------------------------- TL-004
@register
class CertificateExpiry(TlsRule):
    """The HTTPS certificate is within its validity period, and not about to expire.

    **What it checks**
    The certificate's ``notBefore`` and ``notAfter`` dates, as the TLS probe recorded them, against
    the run clock: expired, or not yet valid, fails; fewer than ``warn_days`` (30) days left warns
    (renewal is due); otherwise it passes.  The dates are judged here, not by the probe, so a
    stored snapshot re-checked later is judged against the original run's day.

    **Why it matters**
    Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) and Decree 224/2026 Art. 21.4 (VERIFIED, in
    force since 01/07/2026).  An expired certificate blocks every visitor behind a browser warning;
    it is the most common, and most avoidable, HTTPS outage of state portals.

    **Non-compliant**
    ``notAfter`` 26/08/2026 on a run of 15/09/2026 (expired 20 days ago): ``fail``; 12 days left:
    ``warn``.

    **Compliant**
    ``notAfter`` 11/07/2027 (299 days left): ``pass``.

    **Remediation**
    Renew the certificate before it expires and install the new one; better, automate renewal
    (ACME clients such as certbot or win-acme renew 90-day certificates unattended) and monitor the
    expiry date.
    """

    id = "TL-004"
    name = "technical.certificate-expiry"
    title_vi = "Chứng thư số HTTPS còn hạn"
    title_en = "The HTTPS certificate is valid and not about to expire"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.TT32_20, cite.ND224_21_4)
    options: ClassVar[Mapping[str, Option]] = {
        "warn_days": Option(int, 30, "Cảnh báo khi chứng thư số còn ít hơn số ngày này.",
                            "Warn when fewer than this many days of validity are left.", minimum=0),
        **status_option("expired_status", "fail", "chứng thư số đã hết hạn hoặc chưa đến ngày hiệu lực",
                        "the certificate has expired or is not yet valid"),
    }
    description_vi = ("Ngày hiệu lực của chứng thư số được so với ngày kiểm tra: đã hết hạn hoặc chưa đến ngày hiệu "
                      "lực là không đạt; còn ít hơn 30 ngày (tùy chọn warn_days) thì cảnh báo cần gia hạn.")
    remediation_vi = ("Gia hạn và cài đặt chứng thư số mới trước ngày hết hạn; nên tự động hóa việc gia hạn (ACME: "
                      "certbot, win-acme) và theo dõi ngày hết hạn.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        if gated is not None:
            yield gated
            return
        endpoint = self.endpoint(snapshot, probe)
        cert = as_dict(probe.get("cert"))
        not_before, not_after = parse_instant(cert.get("not_before")), parse_instant(cert.get("not_after"))
        if not_after is None:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không đọc được ngày hết hạn của chứng thư số của {endpoint} "
                f"(giá trị ghi lại: {cert.get('not_after')!r}).",
                f"The expiry date of the certificate of {endpoint} could not be read "
                f"(recorded value: {cert.get('not_after')!r}).",
                evidence=[self.cert_evidence(endpoint, cert)], details={"endpoint": endpoint},
                error_class="not_recorded" if not cert.get("not_after") else "bad_date")
            return
        now = ctx.now if ctx.now.tzinfo is not None else ctx.now.replace(tzinfo=dt.UTC)
        days_left = math.floor((not_after - now).total_seconds() / 86400)
        warn_days = int(ctx.options["warn_days"])
        details: dict[str, Any] = {"endpoint": endpoint, "not_before": cert.get("not_before"),
                                   "not_after": cert.get("not_after"), "days_left": days_left, "warn_days": warn_days,
                                   "issuer": cert.get("issuer"), "portal_reachable": snapshot.reachable()}
        evidence = [self.cert_evidence(endpoint, cert, f"notAfter {vn_date(not_after)}")]
        bad = Status(ctx.options["expired_status"])
        if not_after <= now:
            ago = math.floor((now - not_after).total_seconds() / 86400)
            ago_vi = f"{ago} ngày trước ngày kiểm tra" if ago else "ngay trong ngày kiểm tra"
            ago_en = f"{ago} day{'s' if ago != 1 else ''} before the run" if ago else "on the day of the run"
            yield self.finding(
                ctx, bad,
                f"Chứng thư số của {endpoint} đã hết hạn ngày {vn_date(not_after)} ({ago_vi}).",
                f"The certificate of {endpoint} expired on {vn_date(not_after)} ({ago_en}).",
                evidence=evidence, details={**details, "state": "expired"})
            return
        if not_before is not None and not_before > now:
            yield self.finding(
                ctx, bad,
                f"Chứng thư số của {endpoint} chưa đến ngày hiệu lực (từ {vn_date(not_before)}).",
                f"The certificate of {endpoint} is not valid yet (valid from {vn_date(not_before)}).",
                evidence=evidence, details={**details, "state": "not_yet_valid"})
            return
        if days_left < warn_days:
            yield self.finding(
                ctx, Status.WARN,
                f"Chứng thư số của {endpoint} sắp hết hạn: còn {days_left} ngày (đến {vn_date(not_after)}), dưới "
                f"ngưỡng {warn_days} ngày; cần gia hạn.",
                f"The certificate of {endpoint} expires soon: {days_text(days_left)} left (until "
                f"{vn_date(not_after)}), under the {warn_days}-day threshold; renew it.",
                evidence=evidence, details={**details, "state": "expiring"})
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Chứng thư số của {endpoint} còn hạn đến {vn_date(not_after)} ({days_left} ngày).",
            f"The certificate of {endpoint} is valid until {vn_date(not_after)} ({days_text(days_left)} left).",
            evidence=evidence, details={**details, "state": "valid"})


# ---------------------------------------------------------------------------------------------- TL-005
@register
class TlsVersions(TlsRule):
    """The HTTPS server offers TLS 1.2 or 1.3, and not the obsolete TLS 1.0 or 1.1.

    **What it checks**
    The TLS probe tries a handshake with each protocol version separately (``protocols``:
    offered, refused, or untested when the scanner's own OpenSSL cannot offer that version).  TLS
    1.0, TLS 1.1 (or SSL 3) offered fails; neither TLS 1.2 nor TLS 1.3 offered fails; otherwise it
    passes.  Untested versions are named in the message and the details, and the verdict is only
    not determinable when no version could be tested at all.  The version negotiated by the main
    handshake counts as offered.

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires the portal's
    cyber-security and Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) HTTPS.  TLS 1.0 and 1.1
    were deprecated in 2021 (RFC 8996) for known weaknesses and are refused by current browsers;
    a server that still accepts them allows downgrade attacks and usually runs outdated software.

    **Non-compliant**
    A server that accepts TLS 1.0 and 1.1 beside TLS 1.2 (an old IIS or Apache default):
    ``fail``.

    **Compliant**
    TLS 1.2 and 1.3 offered, TLS 1.0 and 1.1 refused: ``pass``.

    **Remediation**
    Disable TLS 1.0 and 1.1 (and SSL 3) on the server or the load balancer: nginx
    ``ssl_protocols TLSv1.2 TLSv1.3;``, Apache ``SSLProtocol -all +TLSv1.2 +TLSv1.3``, IIS through
    the SCHANNEL registry keys (or a tool such as IIS Crypto); enable TLS 1.3 where the platform
    supports it.
    """

    id = "TL-005"
    name = "technical.tls-versions"
    title_vi = "Máy chủ HTTPS dùng phiên bản TLS an toàn"
    title_en = "The HTTPS server offers only current TLS versions"
    area = "technical"
    severity = Severity.HIGH
    legal_refs = (cite.ND224_21_4, cite.TT32_20)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "legacy_status", "fail", "máy chủ còn chấp nhận TLS 1.0/1.1 hoặc không hỗ trợ TLS 1.2/1.3",
        "TLS 1.0/1.1 are offered, or neither TLS 1.2 nor 1.3 is")
    description_vi = ("Máy chủ HTTPS không còn chấp nhận các phiên bản lỗi thời TLS 1.0, TLS 1.1 (và SSL 3) và có hỗ "
                      "trợ TLS 1.2 hoặc TLS 1.3. Phiên bản mà máy quét không thử được thì ghi là chưa kiểm tra, không "
                      "coi là được hỗ trợ.")
    remediation_vi = ("Tắt TLS 1.0, TLS 1.1 (và SSL 3) trên máy chủ web hoặc bộ cân bằng tải (nginx: ssl_protocols "
                      "TLSv1.2 TLSv1.3; Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3; IIS: khóa SCHANNEL trong "
                      "registry), bật TLS 1.3 nếu nền tảng hỗ trợ.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        gated = self.gate(snapshot, ctx, probe)
        # A TLS 1.0-only server fails the main handshake yet the per-version tries may show it.
        protocols = as_dict(probe.get("protocols"))
        if gated is not None and not (probe.get("status") == "failed" and any(protocols.values())):
            yield gated
            return
        endpoint = self.endpoint(snapshot, probe)
        negotiated = probe.get("negotiated")
        state: dict[str, bool | None] = {}
        for version in (*LEGACY_VERSIONS, *MODERN_VERSIONS):
            if version in protocols:
                value = protocols[version]
                state[version] = value if isinstance(value, bool) else None
        if isinstance(negotiated, str) and negotiated in MODERN_VERSIONS + LEGACY_VERSIONS:
            state[negotiated] = True
        offered = [v for v, s in state.items() if s is True]
        refused = [v for v, s in state.items() if s is False]
        untested = [v for v, s in state.items() if s is None]
        untested += [v for v in ("TLSv1", "TLSv1.1", *MODERN_VERSIONS) if v not in state]
        details: dict[str, Any] = {"endpoint": endpoint, "offered": offered, "refused": refused,
                                   "untested": untested, "negotiated": negotiated,
                                   "portal_reachable": snapshot.reachable()}
        listing = "; ".join(f"{v}: {'offered' if s else 'refused' if s is False else 'untested'}"
                            for v, s in state.items())
        evidence = [Evidence(url=endpoint, locator="TLS probe: one handshake per protocol version",
                             value=listing or None, snippet=f"negotiated {negotiated}" if negotiated else None)]
        note_vi = f" Chưa kiểm tra được: {', '.join(_label(v) for v in untested)}." if untested else ""
        note_en = f" Not tested by the scanner: {', '.join(_label(v) for v in untested)}." if untested else ""
        legacy = [v for v in LEGACY_VERSIONS if state.get(v) is True]
        modern = [v for v in MODERN_VERSIONS if state.get(v) is True]
        bad = Status(ctx.options["legacy_status"])
        if legacy:
            yield self.finding(
                ctx, bad,
                f"Máy chủ {endpoint} còn chấp nhận phiên bản lỗi thời {', '.join(_label(v) for v in legacy)}"
                + (f" (bên cạnh {', '.join(_label(v) for v in modern)})" if modern else "") + f".{note_vi}",
                f"The server {endpoint} still accepts the obsolete {', '.join(_label(v) for v in legacy)}"
                + (f" (besides {', '.join(_label(v) for v in modern)})" if modern else "") + f".{note_en}",
                evidence=evidence, details={**details, "problem": "legacy_offered"})
            return
        if modern:
            yield self.finding(
                ctx, Status.PASS,
                f"Máy chủ {endpoint} hỗ trợ {', '.join(_label(v) for v in modern)} và không chấp nhận TLS 1.0/1.1 "
                f"trong các phiên bản đã thử.{note_vi}",
                f"The server {endpoint} offers {', '.join(_label(v) for v in modern)} and accepts no TLS 1.0/1.1 "
                f"among the versions tried.{note_en}",
                evidence=evidence, details=details)
            return
        if all(state.get(v) is False for v in MODERN_VERSIONS):
            yield self.finding(
                ctx, bad,
                f"Máy chủ {endpoint} không hỗ trợ TLS 1.2 và TLS 1.3.{note_vi}",
                f"The server {endpoint} offers neither TLS 1.2 nor TLS 1.3.{note_en}",
                evidence=evidence, details={**details, "problem": "no_modern_version"})
            return
        yield self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Không xác định được các phiên bản TLS của {endpoint}: máy quét không thử được "
            f"{', '.join(_label(v) for v in untested) or 'phiên bản nào'}.",
            f"The TLS versions of {endpoint} could not be established: the scanner could not test "
            f"{', '.join(_label(v) for v in untested) or 'any version'}.",
            evidence=evidence, details=details, error_class="untested")


def days_text(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _label(version: str) -> str:
    return {"TLSv1": "TLS 1.0", "TLSv1.1": "TLS 1.1", "TLSv1.2": "TLS 1.2", "TLSv1.3": "TLS 1.3",
            "SSLv3": "SSL 3.0", "SSLv2": "SSL 2.0"}.get(version, version)


# ---------------------------------------------------------------------------------------------- TL-006
@register
class HttpRedirect(ProbeRule):
    """Plain HTTP requests are redirected to HTTPS on the same host.

    **What it checks**
    The redirect probe requests ``http://`` + the portal's host and follows the redirects
    (``probes["http_redirect"]``).  A chain that ends on ``https://`` of the same host or of its
    ``www`` twin passes (intermediate ``http://`` hops are noted); one that ends on HTTPS of another
    host (or to another host over plain HTTP) warns; an answer 200 served over plain HTTP fails,
    and one that only moves visitors on with ``<meta http-equiv=refresh>`` warns; another HTTP
    answer without a redirect (403, 404, 5xx) warns.  When the HTTP port refuses connections while
    HTTPS works, plain HTTP is simply not offered: ``pass``.  No HTTPS at all: not applicable
    (TL-001).  Timeouts, resets, redirect loops and endless chains leave it not determinable.

    **Why it matters**
    Circular 32/2017 Art. 20 (VERIFIED, legacy guidance) requires HTTPS and Decree 224/2026 Art.
    21.4 (VERIFIED, in force since 01/07/2026) the portal's cyber-security.  Visitors type the bare
    name and follow old ``http://`` links; unless the server redirects them, they stay on the
    unencrypted site even when HTTPS exists.

    **Non-compliant**
    ``http://sokhcn.hoalam.gov.vn/`` answers 200 with the portal's home page: ``fail``.

    **Compliant**
    ``http://sokhcn.hoalam.gov.vn/`` answers ``301 Location: https://sokhcn.hoalam.gov.vn/``:
    ``pass``.

    **Remediation**
    Make the HTTP virtual host answer every path with a permanent redirect (301 or 308) to the same
    path on ``https://`` of the same host: nginx ``return 301 https://$host$request_uri;``, Apache
    ``Redirect permanent / https://host/``, IIS the URL Rewrite module's "HTTP to HTTPS" rule.
    """

    id = "TL-006"
    name = "technical.http-redirect"
    title_vi = "HTTP được chuyển hướng sang HTTPS"
    title_en = "HTTP is redirected to HTTPS"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.TT32_20, cite.ND224_21_4)
    options: ClassVar[Mapping[str, Option]] = status_option(
        "no_redirect_status", "fail", "địa chỉ http:// phục vụ nội dung mà không chuyển hướng sang HTTPS",
        "http:// serves content without redirecting to HTTPS")
    description_vi = ("Truy cập http:// tên miền của cổng được chuyển hướng tới https:// của cùng tên miền (hoặc tên "
                      "miền có/không có www.). Trang được phục vụ qua HTTP không mã hóa mà không chuyển hướng là không "
                      "đạt; chuyển sang tên miền khác thì cảnh báo.")
    remediation_vi = ("Cấu hình máy chủ ảo HTTP trả về chuyển hướng vĩnh viễn (301 hoặc 308) tới cùng đường dẫn trên "
                      "https:// của cùng tên miền (nginx: return 301 https://$host$request_uri; Apache: Redirect "
                      "permanent; IIS: quy tắc URL Rewrite \"HTTP to HTTPS\").")

    probe_name = "http_redirect"
    probe_vi = "kiểm tra chuyển hướng HTTP"
    probe_en = "HTTP redirect probe"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        missing = self.not_run(snapshot, ctx, probe)
        if missing is not None:
            yield missing
            return
        chain = [h for h in probe.get("chain") or [] if isinstance(h, dict)]
        start = str(probe.get("endpoint") or (chain[0].get("url") if chain else "") or
                    "http://" + (host_of(snapshot.url) or "?") + "/")
        host = host_of(start)
        tls = facts.probe(snapshot, "tls")
        no_https = tls.get("status") == "failed" and tls.get("error_class") == "refused" and \
            not https_works(snapshot)
        if no_https and snapshot.reachable():
            yield self.finding(
                ctx, Status.NOT_APPLICABLE,
                "Cổng không hỗ trợ HTTPS nên không thể chuyển hướng HTTP sang HTTPS; xem TL-001.",
                "The portal offers no HTTPS, so HTTP cannot be redirected to it; see TL-001.",
                evidence=[Evidence(url=start, locator="probes[\"http_redirect\"]")],
                details={"https": False, "see": "TL-001"})
            return
        if probe.get("status") != "probed":
            error_class = str(probe.get("error_class") or "unknown")
            if error_class == "refused" and https_works(snapshot):
                yield self.finding(
                    ctx, Status.PASS,
                    f"Cổng không phục vụ HTTP ({start} từ chối kết nối) và chỉ trả lời qua HTTPS.",
                    f"The portal does not offer plain HTTP ({start} refuses connections) and answers over HTTPS "
                    "only.",
                    evidence=[Evidence(url=start, locator="redirect probe: TCP connection to the HTTP port",
                                       value="connection refused")],
                    details={"http_offered": False, "start": start})
                return
            yield self.probe_failed(snapshot, ctx, probe, start)
            return
        last = chain[-1] if chain else {}
        final_status = last.get("status")
        # A last hop that still redirects (a Location not requested: another host, a loop, the crawl's
        # offsite filter) points where the chain goes.
        pointing = str(last.get("location") or "") if isinstance(final_status, int) and \
            300 <= final_status < 400 else ""
        final_url = pointing or str(probe.get("final_url") or last.get("url") or "")
        unfollowed = bool(pointing) and not www_twin(host_of(pointing), host)
        hops = [f"{h.get('status') or h.get('error_class') or '?'} {h.get('url')}"
                + (f" → {h.get('location')}" if h.get("location") else "") for h in chain]
        details: dict[str, Any] = {"start": start, "final_url": final_url, "final_status": final_status,
                                   "hops": len(chain), "chain": hops[:10], "portal_reachable": snapshot.reachable()}
        evidence = [Evidence(url=start, locator="redirect probe: request to http:// and its redirects",
                             value=f"{final_status or last.get('error_class') or '?'} {final_url}",
                             snippet=" | ".join(hops[:6]) or None)]
        final_host = host_of(final_url)
        if last.get("loop"):
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Chuyển hướng từ {start} lặp vòng (quay lại {final_url}); không xác định được trang đích.",
                f"The redirects from {start} loop (back to {final_url}); no final page could be reached.",
                evidence=evidence, details={**details, "problem": "loop"}, error_class="redirect_loop")
            return
        if pointing and not unfollowed and scheme_of(pointing) != "https":
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"{start} chuyển hướng quá nhiều lần ({len(chain)} bước, dừng ở {final_url}).",
                f"{start} redirects too many times ({len(chain)} hops, stopped at {final_url}).",
                evidence=evidence, details={**details, "problem": "too_many_redirects"},
                error_class="too_many_redirects")
            return
        if scheme_of(final_url) == "https":
            via_http = [str(h.get("url")) for h in chain[1:] if scheme_of(str(h.get("url"))) == "http"]
            details["via_http"] = via_http
            if www_twin(final_host, host):
                note_vi = (f" (qua {len(via_http)} bước trung gian vẫn là http://)" if via_http else "")
                note_en = (f" (through {len(via_http)} intermediate http:// hop(s))" if via_http else "")
                yield self.finding(
                    ctx, Status.PASS,
                    f"{start} chuyển hướng tới {final_url}{note_vi}.",
                    f"{start} redirects to {final_url}{note_en}.",
                    evidence=evidence, details={**details, "same_host": True})
                return
            yield self.finding(
                ctx, Status.WARN,
                f"{start} chuyển hướng sang HTTPS nhưng tới tên miền khác ({final_url}); người dùng không được "
                f"đưa về https://{host}/.",
                f"{start} redirects to HTTPS but on another host ({final_url}); visitors are not sent to "
                f"https://{host}/.",
                evidence=evidence, details={**details, "same_host": False})
            return
        if unfollowed:
            yield self.finding(
                ctx, Status.WARN,
                f"{start} chuyển hướng sang tên miền khác qua HTTP không mã hóa ({final_url}), không sang "
                f"https://{host}/.",
                f"{start} redirects to another host over unencrypted HTTP ({final_url}), not to https://{host}/.",
                evidence=evidence, details={**details, "same_host": False, "redirects_to_https": False})
            return
        refresh = str(last.get("meta_refresh") or "")
        if isinstance(final_status, int) and 200 <= final_status < 300 and scheme_of(refresh) == "https":
            yield self.finding(
                ctx, Status.WARN,
                f"{final_url or start} phục vụ trang qua HTTP (HTTP {final_status}) và chỉ chuyển người dùng sang "
                f"{refresh} bằng thẻ <meta http-equiv=refresh>, không phải chuyển hướng HTTP 301/308.",
                f"{final_url or start} serves a page over HTTP (HTTP {final_status}) and moves visitors to {refresh} "
                "only with a <meta http-equiv=refresh> tag, not an HTTP 301/308 redirect.",
                evidence=evidence, details={**details, "meta_refresh": refresh, "redirects_to_https": False})
            return
        if isinstance(final_status, int) and 200 <= final_status < 300:
            yield self.finding(
                ctx, Status(ctx.options["no_redirect_status"]),
                f"{final_url or start} phục vụ trang qua HTTP không mã hóa (HTTP {final_status}) mà không chuyển "
                "hướng sang HTTPS.",
                f"{final_url or start} serves the page over unencrypted HTTP (HTTP {final_status}) without "
                "redirecting to HTTPS.",
                evidence=evidence, details={**details, "redirects_to_https": False})
            return
        if isinstance(final_status, int):
            yield self.finding(
                ctx, Status.WARN,
                f"{final_url or start} trả lời HTTP {final_status} qua HTTP mà không chuyển hướng sang HTTPS.",
                f"{final_url or start} answers HTTP {final_status} over plain HTTP without redirecting to HTTPS.",
                evidence=evidence, details={**details, "redirects_to_https": False})
            return
        error_class = str(last.get("error_class") or "no_final_answer")
        yield self.finding(
            ctx, Status.NOT_DETERMINABLE,
            f"Chuyển hướng từ {start} dẫn tới {final_url}, nhưng địa chỉ này không trả lời ({error_class}).",
            f"The redirects from {start} lead to {final_url}, which did not answer ({error_class}).",
            evidence=evidence, details=details, error_class=error_class)


# ---------------------------------------------------------------------------------------------- TL-007
def parse_hsts(value: str) -> tuple[int | None, bool, bool, bool]:
    """(max-age, includeSubDomains, preload, valid) of the first Strict-Transport-Security header."""
    # Several headers arrive joined by ", "; browsers honour only the first.
    first = value.split(",", 1)[0]
    max_age: int | None = None
    subdomains = preload = False
    valid = True
    for part in first.split(";"):
        name, _, raw = part.strip().partition("=")
        name = name.strip().lower()
        if name == "max-age":
            try:
                max_age = int(raw.strip().strip("\""))
            except ValueError:
                valid = False
        elif name == "includesubdomains":
            subdomains = True
        elif name == "preload":
            preload = True
    return max_age, subdomains, preload, valid and max_age is not None


@register
class Hsts(ProbeRule):
    """The HTTPS answer tells browsers to use HTTPS only (Strict-Transport-Security).

    **What it checks**
    The ``Strict-Transport-Security`` header of the HTTPS answer (the TLS probe's, else the home
    page's when the crawl fetched it over HTTPS; a header sent over plain HTTP is ignored by
    browsers and not counted).  Present with ``max-age`` at least ``min_max_age`` (15552000 s,
    180 days) passes; present with a shorter ``max-age`` (``max-age=0`` switches HSTS off) or
    without a readable one warns; absent gives ``missing_status`` (``warn``).  No HTTPS: not
    applicable (TL-001).

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires the portal's
    cyber-security in general terms; no text names HSTS, so a missing header is a warning.  Without
    HSTS the first request of every visit may go over plain HTTP, where an attacker on the network
    can keep the visitor off HTTPS ("SSL stripping") despite the redirect.

    **Non-compliant**
    No ``Strict-Transport-Security`` header, or ``max-age=300``: ``warn``.

    **Compliant**
    ``Strict-Transport-Security: max-age=31536000; includeSubDomains``: ``pass``.

    **Remediation**
    Once the whole site works over HTTPS, add ``Strict-Transport-Security: max-age=31536000`` to
    every HTTPS answer (nginx ``add_header Strict-Transport-Security "max-age=31536000" always;``,
    Apache ``Header always set``, IIS the HSTS setting of the site, version 10.0 1709+, or a custom
    header); start with a short max-age while testing, then raise it.
    """

    id = "TL-007"
    name = "technical.hsts"
    title_vi = "Có HSTS (Strict-Transport-Security)"
    title_en = "HSTS (Strict-Transport-Security) is set"
    area = "technical"
    severity = Severity.LOW
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = {
        "min_max_age": Option(int, 15552000, "max-age tối thiểu (giây) để đạt; mặc định 180 ngày.",
                              "The minimum max-age (seconds) that passes; 180 days by default.", minimum=0),
        **status_option("missing_status", "warn", "không có tiêu đề Strict-Transport-Security",
                        "the Strict-Transport-Security header is absent"),
    }
    description_vi = ("Phản hồi HTTPS của cổng có tiêu đề Strict-Transport-Security với max-age tối thiểu 180 ngày "
                      "(15552000 giây), để trình duyệt luôn dùng HTTPS; max-age ngắn hơn thì cảnh báo, không có thì "
                      "cảnh báo (biện pháp khuyến nghị, văn bản không nêu tên).")
    remediation_vi = ("Khi toàn bộ cổng đã chạy qua HTTPS, thêm tiêu đề Strict-Transport-Security: max-age=31536000 "
                      "vào mọi phản hồi HTTPS (nginx add_header ... always; Apache Header always set; IIS cấu hình "
                      "HSTS của site); thử với max-age ngắn trước rồi tăng dần.")

    probe_name = "tls"
    probe_vi = "kiểm tra HTTPS/TLS"
    probe_en = "HTTPS/TLS probe"

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        probe = self.probe_data(snapshot)
        source, url, value = self._header(snapshot, probe)
        if source is None:
            if probe and probe.get("status") == "failed" and probe.get("error_class") == "refused":
                if not snapshot.reachable():
                    yield self.unreachable_portal(snapshot, ctx)
                    return
                yield self.finding(
                    ctx, Status.NOT_APPLICABLE,
                    "Cổng không hỗ trợ HTTPS nên không áp dụng HSTS; xem TL-001.",
                    "The portal offers no HTTPS, so HSTS does not apply; see TL-001.",
                    evidence=[Evidence(url=str(probe.get("endpoint") or snapshot.url), locator="probes[\"tls\"]",
                                       value="refused")],
                    details={"https": False, "see": "TL-001"})
                return
            missing = self.not_run(snapshot, ctx, probe)
            if missing is not None:
                yield missing
                return
            endpoint = str(probe.get("endpoint") or snapshot.url)
            if probe.get("status") != "probed":
                yield self.probe_failed(snapshot, ctx, probe, endpoint)
                return
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"Không có phản hồi HTTP qua HTTPS từ {endpoint} để đọc tiêu đề.",
                f"No HTTP answer over HTTPS from {endpoint} to read the header from.",
                evidence=[Evidence(url=endpoint, locator="probes[\"tls\"].https")], details={"endpoint": endpoint},
                error_class="no_http_answer")
            return
        minimum = int(ctx.options["min_max_age"])
        locator = ("TLS probe: HTTPS answer headers" if source == "probe" else
                   "home page headers (fetched over HTTPS)")
        if not value:
            yield self.finding(
                ctx, Status(ctx.options["missing_status"]),
                f"Phản hồi HTTPS của {url} không có tiêu đề Strict-Transport-Security (HSTS).",
                f"The HTTPS answer of {url} carries no Strict-Transport-Security (HSTS) header.",
                evidence=[Evidence(url=url, locator=locator, value="Strict-Transport-Security: (absent)")],
                details={"url": url, "source": source, "present": False, "min_max_age": minimum})
            return
        max_age, subdomains, preload, valid = parse_hsts(value)
        details: dict[str, Any] = {"url": url, "source": source, "present": True, "header": value[:300],
                                   "max_age": max_age, "include_subdomains": subdomains, "preload": preload,
                                   "min_max_age": minimum}
        evidence = [Evidence(url=url, locator=locator, value=f"Strict-Transport-Security: {value[:200]}")]
        if not valid or max_age is None:
            yield self.finding(
                ctx, Status.WARN,
                f"Tiêu đề Strict-Transport-Security của {url} không hợp lệ (\"{value[:120]}\": thiếu hoặc sai "
                "max-age); trình duyệt bỏ qua.",
                f"The Strict-Transport-Security header of {url} is invalid (\"{value[:120]}\": max-age missing or "
                "malformed); browsers ignore it.",
                evidence=evidence, details={**details, "problem": "invalid"})
            return
        if max_age < minimum:
            what_vi = "tắt HSTS" if max_age == 0 else f"chỉ {_duration_vi(max_age)}"
            what_en = "switches HSTS off" if max_age == 0 else f"only {_duration_en(max_age)}"
            yield self.finding(
                ctx, Status.WARN,
                f"HSTS của {url} có max-age={max_age} ({what_vi}), ngắn hơn mức tối thiểu {minimum} giây "
                f"({_duration_vi(minimum)}).",
                f"The HSTS of {url} has max-age={max_age} ({what_en}), shorter than the minimum {minimum} s "
                f"({_duration_en(minimum)}).",
                evidence=evidence, details={**details, "problem": "short_max_age"})
            return
        yield self.finding(
            ctx, Status.PASS,
            f"Phản hồi HTTPS của {url} có HSTS max-age={max_age} ({_duration_vi(max_age)})"
            + ("; includeSubDomains" if subdomains else "") + ".",
            f"The HTTPS answer of {url} sets HSTS max-age={max_age} ({_duration_en(max_age)})"
            + ("; includeSubDomains" if subdomains else "") + ".",
            evidence=evidence, details=details)

    @staticmethod
    def _header(snapshot: PortalSnapshot, probe: Mapping[str, Any]) -> tuple[str | None, str, str | None]:
        """(source, URL, header value or None) of the HTTPS answer to read; source None when there is none."""
        https = as_dict(probe.get("https"))
        if probe.get("status") == "probed" and https.get("status") is not None:
            url = str(https.get("final_url") or probe.get("endpoint") or snapshot.url)
            hsts = https.get("hsts")
            headers = {str(k).lower(): str(v) for k, v in as_dict(https.get("headers")).items()}
            if isinstance(hsts, dict):
                hsts = hsts.get("raw") or hsts.get("value") or hsts.get("header")
            value = hsts if isinstance(hsts, str) and hsts.strip() else headers.get("strict-transport-security")
            return "probe", url, value.strip() if value else None
        home = facts.home_page(snapshot)
        if home is not None and scheme_of(home.final_url or home.url) == "https" and home.headers:
            value = home.headers.get("strict-transport-security")
            return "home", home.final_url or home.url, value.strip() if value else None
        return None, snapshot.url, None


def _duration_vi(seconds: int) -> str:
    days = seconds / 86400
    return f"{days:g} ngày" if days >= 1 else f"{seconds} giây"


def _duration_en(seconds: int) -> str:
    days = seconds / 86400
    return f"{days:g} days" if days >= 1 else f"{seconds} seconds"


# ---------------------------------------------------------------------------------------------- TL-008
TABLE_MIXED = ["Trang / Page", "Thẻ / Tag", "Tài nguyên http:// / Resource", "Loại / Kind"]


def tech(page: PageFetch) -> dict[str, Any] | None:
    """A page's technical facts (``facts["tech"]``), ``None`` when the crawler recorded none."""
    value = page.facts.get("tech")
    return value if isinstance(value, dict) else None


def html_pages(snapshot: PortalSnapshot) -> list[PageFetch]:
    """Successfully fetched HTML pages of the portal (robots.txt, sitemaps and feeds left out)."""
    out = []
    for p in snapshot.pages:
        if not p.ok or p.role in ("robots", "sitemap_xml", "feed", "linkcheck"):
            continue
        ctype = (p.content_type or p.headers.get("content-type") or "").lower()
        if ctype and "html" not in ctype:
            continue
        out.append(p)
    return out


@register
class MixedContent(ComplianceRule):
    """Pages served over HTTPS load no scripts, styles or frames over plain HTTP.

    **What it checks**
    Every page the crawl fetched over ``https://``: the ``http://`` resources its markup loads
    (``facts["tech"]["insecure_resources"]``).  Active content (scripts, stylesheets, iframes,
    objects) fails: browsers block it, and the page breaks or an attacker can replace it.  Only
    passive content (images, audio, video) warns: browsers load or upgrade it with a warning.
    When the page's Content-Security-Policy has ``upgrade-insecure-requests``, browsers fetch those
    resources over HTTPS instead: at most a warning.  No page fetched over HTTPS: not applicable.

    **Why it matters**
    Decree 224/2026 Art. 21.4 (VERIFIED, in force since 01/07/2026) requires the portal's
    cyber-security.  One script loaded over HTTP gives whoever sits on the network control of the
    whole HTTPS page; browsers block such scripts, so the page also stops working (menus,
    document search, video players).

    **Non-compliant**
    ``https://sokhcn.hoalam.gov.vn/`` loads
    ``<script src="http://sokhcn.hoalam.gov.vn/js/jquery.js">``: ``fail``; only
    ``<img src="http://…/banner.jpg">``: ``warn``.

    **Compliant**
    Every resource referenced by ``https://`` or by a relative URL: ``pass``.

    **Remediation**
    Reference the portal's own resources by relative (``/js/app.js``) or ``https://`` URLs in the
    templates and in the articles' HTML (search the database for ``src="http://``); replace third
    parties that do not offer HTTPS; as a safety net add
    ``Content-Security-Policy: upgrade-insecure-requests``.
    """

    id = "TL-008"
    name = "technical.mixed-content"
    title_vi = "Trang HTTPS không tải tài nguyên qua HTTP (nội dung hỗn hợp)"
    title_en = "HTTPS pages load no resources over HTTP (mixed content)"
    area = "technical"
    severity = Severity.MEDIUM
    legal_refs = (cite.ND224_21_4,)
    options: ClassVar[Mapping[str, Option]] = {
        **status_option("active_status", "fail", "trang HTTPS tải mã lệnh, định dạng hoặc khung nhúng qua http://",
                        "HTTPS pages load scripts, stylesheets or frames over http://"),
        **status_option("passive_status", "warn", "trang HTTPS chỉ tải hình ảnh, âm thanh, video qua http://",
                        "HTTPS pages load only images, audio or video over http://"),
    }
    description_vi = ("Các trang được tải qua HTTPS không nhúng tài nguyên qua http:// không mã hóa: mã lệnh (script), "
                      "tệp định dạng (CSS), khung nhúng (iframe) qua http:// là không đạt; chỉ hình ảnh, âm thanh, "
                      "video qua http:// thì cảnh báo.")
    remediation_vi = ("Dùng đường dẫn tương đối hoặc https:// cho mọi tài nguyên trong giao diện và trong nội dung bài "
                      "viết (tìm src=\"http:// trong cơ sở dữ liệu), thay dịch vụ bên ngoài không có HTTPS, và bổ sung "
                      "Content-Security-Policy: upgrade-insecure-requests.")

    def check(self, snapshot: PortalSnapshot, ctx: RuleContext) -> Iterator[Finding]:
        if not snapshot.reachable():
            yield self.unreachable_portal(snapshot, ctx)
            return
        https_pages = [p for p in html_pages(snapshot) if scheme_of(p.final_url or p.url) == "https"]
        if not https_pages:
            yield self.finding(
                ctx, Status.NOT_APPLICABLE,
                "Không có trang nào được tải qua HTTPS (xem TL-001, TL-006); không kiểm tra nội dung hỗn hợp.",
                "No page was fetched over HTTPS (see TL-001, TL-006); mixed content does not apply.",
                evidence=[Evidence(url=snapshot.home_url or snapshot.url, locator="home page URL")],
                details={"https_pages": 0, "see": ["TL-001", "TL-006"]})
            return
        read = [p for p in https_pages if tech(p) is not None]
        if not read:
            yield self.finding(
                ctx, Status.NOT_DETERMINABLE,
                f"{len(https_pages)} trang HTTPS đã tải nhưng bản chụp không ghi lại tài nguyên của trang (bản chụp "
                "cũ); không đánh giá được.",
                f"{len(https_pages)} HTTPS page(s) were fetched but the snapshot records none of their resources "
                "(an older snapshot); nothing could be judged.",
                evidence=[Evidence(url=https_pages[0].final_url or https_pages[0].url, locator="facts[\"tech\"]",
                                   value="not recorded")],
                details={"https_pages": len(https_pages)}, error_class="not_recorded")
            return
        rows: list[list[Any]] = []
        active_pages: list[str] = []
        passive_pages: list[str] = []
        upgraded: list[str] = []
        for p in read:
            url = p.final_url or p.url
            found = [r for r in (tech(p) or {}).get("insecure_resources") or [] if isinstance(r, dict) and r.get("url")]
            if not found:
                continue
            csp = (p.headers.get("content-security-policy") or "").lower()
            if "upgrade-insecure-requests" in csp:
                upgraded.append(url)
            (active_pages if any(r.get("active") for r in found) else passive_pages).append(url)
            rows += [[url, str(r.get("tag") or ""), str(r.get("url")), "active" if r.get("active") else "passive"]
                     for r in found]
        # Active resources first: they are what the verdict rests on.
        rows.sort(key=lambda r: r[3] != "active")
        evidence = [Evidence(url=r[0], locator=f"<{r[1] or '?'}> on an HTTPS page", value=r[2], snippet=r[3])
                    for r in rows[:8]]
        active = sum(1 for r in rows if r[3] == "active")
        passive = len(rows) - active
        details: dict[str, Any] = {"https_pages": len(https_pages), "pages_read": len(read),
                                   "pages_with_active": len(active_pages),
                                   "pages_with_passive_only": len(passive_pages),
                                   "active": active, "passive": passive, "upgrade_insecure_requests": upgraded}
        if rows:
            details["table"] = {"columns": TABLE_MIXED, "rows": rows[:50]}
        if not rows:
            yield self.finding(
                ctx, Status.PASS,
                f"{len(read)} trang HTTPS đã đọc không tải tài nguyên nào qua http://.",
                f"The {len(read)} HTTPS page(s) read load no resource over http://.",
                evidence=[Evidence(url=p.final_url or p.url, locator="HTTPS page read") for p in read[:3]],
                details=details)
            return
        first = rows[0]
        if active:
            status = Status(ctx.options["active_status"])
            pages_all_upgraded = all(u in upgraded for u in active_pages)
            note_vi = note_en = ""
            if pages_all_upgraded:
                status = Status.WARN
                note_vi = (" Các trang này có Content-Security-Policy upgrade-insecure-requests nên trình duyệt tự "
                           "chuyển sang https://; cần sửa đường dẫn trong mã nguồn.")
                note_en = (" These pages send Content-Security-Policy upgrade-insecure-requests, so browsers fetch "
                           "them over https:// instead; fix the URLs in the markup.")
            shown = next(r for r in rows if r[3] == "active")
            yield self.finding(
                ctx, status,
                f"{len(active_pages)} trang HTTPS tải {active} tài nguyên chủ động (mã lệnh, CSS, khung nhúng) qua "
                f"http://, ví dụ <{shown[1]}> {shown[2]} trên {shown[0]}.{note_vi}",
                f"{len(active_pages)} HTTPS page(s) load {active} active resource(s) (scripts, stylesheets, frames) "
                f"over http://, e.g. <{shown[1]}> {shown[2]} on {shown[0]}.{note_en}",
                evidence=evidence, details={**details, "severity_of_mix": "active"})
            return
        yield self.finding(
            ctx, Status(ctx.options["passive_status"]),
            f"{len(passive_pages)} trang HTTPS tải {passive} hình ảnh hoặc tệp đa phương tiện qua http://, ví dụ "
            f"<{first[1]}> {first[2]} trên {first[0]}.",
            f"{len(passive_pages)} HTTPS page(s) load {passive} image(s) or media file(s) over http://, e.g. "
            f"<{first[1]}> {first[2]} on {first[0]}.",
            evidence=evidence, details={**details, "severity_of_mix": "passive"})
