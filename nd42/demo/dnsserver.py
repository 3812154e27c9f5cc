"""A tiny authoritative DNS server on loopback, for the demo and the tests (never the internet).

It answers A, AAAA and CNAME questions for the names of a :class:`Zone` over UDP (and TCP, for
clients that retry on TCP), from a thread.  A name marked ``signed`` gets an RRSIG beside its
answers and the AD (authenticated data) flag, as a validating resolver would return for a
DNSSEC-signed zone; the signatures are placeholders, so only presence is meaningful.  Names the
zone does not hold get NXDOMAIN; ``timeout`` names are never answered (to exercise timeouts).

    zone = Zone({"skhcn.hoalam.gov.vn": Record(a=["127.0.0.1"], aaaa=["::1"], signed=True)})
    with DnsServer(zone) as server:
        server.address  # ("127.0.0.1", port)
"""

from __future__ import annotations

import dataclasses
import socket
import socketserver
import struct
import threading
from types import TracebackType

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rrset

TTL = 300


@dataclasses.dataclass(frozen=True)
class Record:
    a: tuple[str, ...] | list[str] = ()
    aaaa: tuple[str, ...] | list[str] = ()
    cname: str | None = None
    signed: bool = False  # answer with an RRSIG and the AD flag
    timeout: bool = False  # never answer


@dataclasses.dataclass
class Zone:
    records: dict[str, Record]
    queries: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (name, type) as asked

    def lookup(self, name: str) -> Record | None:
        return self.records.get(name.lower().rstrip("."))


def _rrsig(name: dns.name.Name, covered: str) -> dns.rrset.RRset:
    # A well-formed placeholder signature: algorithm 13 (ECDSA P-256), signer = the name's parent.
    signer = name.parent() if len(name) > 1 else name
    text = (f"{covered} 13 {len(name) - 1} {TTL} 20300101000000 20200101000000 12345 {signer} "
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    rdata = dns.rdata.from_text(dns.rdataclass.IN, dns.rdatatype.RRSIG, text)
    rrset = dns.rrset.RRset(name, dns.rdataclass.IN, dns.rdatatype.RRSIG)
    rrset.add(rdata, TTL)
    return rrset


def answer(zone: Zone, wire: bytes) -> bytes | None:
    """The response to one query in wire format, or None to stay silent."""
    try:
        query = dns.message.from_wire(wire)
    except Exception:  # a malformed packet gets no answer, as from a real server
        return None
    if not query.question:
        return None
    question = query.question[0]
    qname, qtype = question.name, dns.rdatatype.to_text(question.rdtype)
    zone.queries.append((qname.to_text(omit_final_dot=True), qtype))
    record = zone.lookup(qname.to_text())
    if record is not None and record.timeout:
        return None
    response = dns.message.make_response(query)
    response.flags |= dns.flags.AA
    if record is None:
        response.set_rcode(dns.rcode.NXDOMAIN)
        return response.to_wire()
    values: list[str] = []
    rtype = qtype
    if record.cname and qtype in ("A", "AAAA", "CNAME"):
        values, rtype = [record.cname.rstrip(".") + "."], "CNAME"
    elif qtype == "A":
        values = list(record.a)
    elif qtype == "AAAA":
        values = list(record.aaaa)
    if values:
        rrset = dns.rrset.from_text_list(qname, TTL, dns.rdataclass.IN, rtype, values)
        response.answer.append(rrset)
        if record.signed and query.ednsflags & dns.flags.DO:
            response.answer.append(_rrsig(qname, rtype))
    if record.signed:
        response.flags |= dns.flags.AD
    return response.to_wire()


class _Udp(socketserver.BaseRequestHandler):
    server: _UdpServer

    def handle(self) -> None:
        data, sock = self.request
        reply = answer(self.server.zone, data)
        if reply is not None:
            sock.sendto(reply, self.client_address)


class _Tcp(socketserver.BaseRequestHandler):
    server: _TcpServer

    def handle(self) -> None:
        head = self.request.recv(2)
        if len(head) < 2:
            return
        (size,) = struct.unpack("!H", head)
        reply = answer(self.server.zone, self.request.recv(size))
        if reply is not None:
            self.request.sendall(struct.pack("!H", len(reply)) + reply)


class _UdpServer(socketserver.ThreadingUDPServer):
    daemon_threads = True
    zone: Zone


class _TcpServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    zone: Zone


class DnsServer:
    """UDP and TCP on the same loopback port; ``address`` is ``(host, port)``."""

    def __init__(self, zone: Zone, host: str = "127.0.0.1") -> None:
        self.zone = zone
        self.udp = _UdpServer((host, 0), _Udp)
        port = self.udp.server_address[1]
        self.udp.zone = zone
        try:
            self.tcp: _TcpServer | None = _TcpServer((host, port), _Tcp)
            self.tcp.zone = zone
        except OSError:  # the port is taken for TCP: UDP alone still serves every test client
            self.tcp = None
        self.address: tuple[str, int] = (host, int(port))
        self._threads: list[threading.Thread] = []

    @property
    def spec(self) -> str:
        """``HOST:PORT``, as ``--dns-server`` takes it."""
        return f"{self.address[0]}:{self.address[1]}"

    def start(self) -> DnsServer:
        for server in (self.udp, self.tcp):
            if server is not None:
                thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True,
                                          name="nd42-dns")
                thread.start()
                self._threads.append(thread)
        return self

    def stop(self) -> None:
        for server in (self.udp, self.tcp):
            if server is not None:
                server.shutdown()
                server.server_close()

    def __enter__(self) -> DnsServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def ipv6_loopback_available() -> bool:
    """Whether this machine can bind ``::1`` (some CI containers have no IPv6 at all)."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False
