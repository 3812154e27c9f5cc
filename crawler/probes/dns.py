"""The DNS probe: A, AAAA and CNAME of the portal's host, and DNSSEC signs, with dnspython.

Queries go to the configured resolver (``--dns-server HOST:PORT``) or to the system's name servers
(``/etc/resolv.conf``), with the DO bit (so a signed zone's RRSIGs come back) and the AD bit set
(RFC 6840 §5.7: a validating resolver then says whether it validated the answer).  A host that
``--resolve`` maps is never looked up unless a resolver was configured: ``--resolve`` is how the
demo and the tests keep every name off the public DNS.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.query
import dns.rcode
import dns.rdatatype
import dns.resolver

from crawler.probes.net import Deadline, ProbeError, classify, is_ip, special_use
from nd42.config import parse_dns_server

if TYPE_CHECKING:
    from crawler.probes.session import Session

QUERY_TIMEOUT = 5.0  # per query and server; the probe's deadline bounds the whole
MAX_CNAMES = 8


@dataclasses.dataclass
class Answer:
    name: str
    rtype: str
    rcode: str | None = None
    addresses: list[str] = dataclasses.field(default_factory=list)
    cnames: list[str] = dataclasses.field(default_factory=list)
    ad: bool = False
    rrsig: bool = False
    error_class: str | None = None
    queries: list[dict[str, Any]] = dataclasses.field(default_factory=list)


class Resolver:
    """A stub resolver asking given name servers, in order, one UDP query each (TCP when truncated)."""

    def __init__(self, servers: list[tuple[str, int]], label: str, timeout: float) -> None:
        self.servers = servers
        self.label = label
        self.timeout = min(timeout, QUERY_TIMEOUT)

    @classmethod
    def at(cls, spec: str, timeout: float) -> Resolver:
        host, port = parse_dns_server(spec)
        return cls([(host, port)], spec, timeout)

    @classmethod
    def system(cls, timeout: float) -> Resolver:
        try:
            conf = dns.resolver.Resolver(configure=True)
            servers = [(str(ns), int(conf.port)) for ns in conf.nameservers]
        except (dns.exception.DNSException, OSError):
            servers = []
        return cls(servers, "system (" + ", ".join(f"{h}:{p}" for h, p in servers) + ")", timeout)

    def _ask(self, name: dns.name.Name, rtype: str, deadline: Deadline, answer: Answer) -> dns.message.Message:
        query = dns.message.make_query(name, rtype, want_dnssec=True)
        query.flags |= dns.flags.AD
        failure = "dns"
        for host, port in self.servers:
            start = time.monotonic()
            entry: dict[str, Any] = {"name": name.to_text(omit_final_dot=True), "type": rtype,
                                     "server": f"{host}:{port}", "rcode": None, "ms": None}
            answer.queries.append(entry)
            try:
                wait = min(self.timeout, deadline.remaining())
                response = dns.query.udp(query, host, port=port, timeout=wait, ignore_unexpected=True)
                if response.flags & dns.flags.TC:
                    response = dns.query.tcp(query, host, port=port, timeout=min(self.timeout, deadline.remaining()))
            except dns.exception.Timeout:
                failure = entry["rcode"] = "timeout"
                continue
            except ProbeError as exc:
                failure = entry["rcode"] = exc.error_class
                break
            except OSError as exc:
                failure = entry["rcode"] = classify(exc)
                continue
            except dns.exception.DNSException:
                failure = entry["rcode"] = "dns"
                continue
            finally:
                entry["ms"] = int((time.monotonic() - start) * 1000)
            entry["rcode"] = dns.rcode.to_text(response.rcode())
            return response
        raise ProbeError(failure, f"{name} {rtype}: {failure}")

    def query(self, host: str, rtype: str, deadline: Deadline) -> Answer:
        """Addresses of ``host`` (A or AAAA), following CNAMEs the server did not resolve itself."""
        answer = Answer(host, rtype)
        if not self.servers:
            answer.error_class = "dns"
            return answer
        wanted = dns.rdatatype.from_text(rtype)
        current = dns.name.from_text(host)
        for _ in range(MAX_CNAMES):
            try:
                response = self._ask(current, rtype, deadline, answer)
            except ProbeError as exc:
                answer.error_class = exc.error_class
                return answer
            answer.rcode = dns.rcode.to_text(response.rcode())
            answer.ad = answer.ad or bool(response.flags & dns.flags.AD)
            if response.rcode() != dns.rcode.NOERROR:
                answer.error_class = "nxdomain" if response.rcode() == dns.rcode.NXDOMAIN else "dns"
                return answer
            target = _walk(response, current, wanted, answer)
            if answer.addresses or target == current:
                return answer
            current = target  # the chain stops at a name the server gave no address for: ask for it
        return answer


def _walk(response: dns.message.Message, name: dns.name.Name, wanted: dns.rdatatype.RdataType,
          answer: Answer) -> dns.name.Name:
    """Follow ``name`` through the answer section's CNAMEs; collect the addresses and RRSIGs on the way."""
    covered = (wanted, dns.rdatatype.CNAME)
    answer.rrsig = answer.rrsig or any(r.rdtype == dns.rdatatype.RRSIG and r.covers in covered for r in response.answer)
    for _ in range(MAX_CNAMES):
        step = None
        for rrset in response.answer:
            if rrset.name != name:
                continue
            if rrset.rdtype == wanted:
                answer.addresses += [rdata.to_text() for rdata in rrset]
            elif rrset.rdtype == dns.rdatatype.CNAME:
                step = rrset[0].target
        if step is None or answer.addresses:
            return name
        answer.cnames.append(step.to_text(omit_final_dot=True))
        name = step
    return name


def skeleton(status: str, error_class: str | None, resolver: str | None = None) -> dict[str, Any]:
    return {"status": status, "resolver": resolver, "a": [], "aaaa": [], "cname": [], "rcode": None,
            "dnssec": {"rrsig": None, "ad": None}, "error_class": error_class, "queries": []}


def probe_dns(host: str, session: Session) -> dict[str, Any]:
    if is_ip(host):
        return skeleton("skipped", "ip_literal")
    if special_use(host):
        return skeleton("skipped", "special_use")
    if session.mapped(host) is not None and session.resolver is None:
        return skeleton("skipped", "resolve_override")
    resolver = session.resolver or Resolver.system(session.options.timeout)
    result = skeleton("probed", None, resolver.label)
    deadline = session.deadline()
    answers = [resolver.query(host, "A", deadline)]
    if answers[0].error_class is None:
        answers.append(resolver.query(host, "AAAA", deadline))
    a = answers[0]
    aaaa = answers[1] if len(answers) > 1 else Answer(host, "AAAA")
    failed = next((x for x in answers if x.error_class is not None), None)
    result.update({
        "a": a.addresses, "aaaa": aaaa.addresses, "cname": list(dict.fromkeys(a.cnames + aaaa.cnames)),
        "rcode": (failed or a).rcode,
        "dnssec": {"rrsig": any(x.rrsig for x in answers), "ad": any(x.ad for x in answers)},
        "queries": [q for x in answers for q in x.queries],
    })
    if failed is not None:
        result.update({"status": "failed", "error_class": failed.error_class})
        if failed is a:
            result["dnssec"] = {"rrsig": None, "ad": None}
        else:
            result["failed_query"] = "AAAA"
    if session.resolver is not None:
        session.remember(host, a.addresses + aaaa.addresses, a.error_class)
    return result
