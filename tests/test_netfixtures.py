"""The loopback DNS server and the local CA the probes are tested (and the demo is served) with."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading

import dns.flags
import dns.message
import dns.query
import dns.rcode
import pytest

from nd42.clock import VN_TZ
from nd42.demo.dnsserver import DnsServer, Record, Zone
from nd42.demo.tls import EXPIRING_DAYS, DemoPki

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
NO_CHECK_TIME = 0x200000  # X509_V_FLAG_NO_CHECK_TIME: validity is judged against the run clock instead


def ask(server: DnsServer, name: str, rtype: str, *, dnssec: bool = False, timeout: float = 2) -> dns.message.Message:
    query = dns.message.make_query(name, rtype, want_dnssec=dnssec)
    return dns.query.udp(query, server.address[0], port=server.address[1], timeout=timeout)


def test_dns_server_answers_the_zone_only() -> None:
    zone = Zone({"a.hoalam.gov.vn": Record(a=["127.0.0.1"], aaaa=["::1"], signed=True),
                 "b.hoalam.gov.vn": Record(a=["127.0.0.1"]), "slow.hoalam.gov.vn": Record(timeout=True),
                 "www.a.hoalam.gov.vn": Record(cname="a.hoalam.gov.vn")})
    with DnsServer(zone) as server:
        signed = ask(server, "a.hoalam.gov.vn", "AAAA", dnssec=True)
        assert [r.rdtype.name for r in signed.answer] == ["AAAA", "RRSIG"] and signed.flags & dns.flags.AD
        plain = ask(server, "b.hoalam.gov.vn", "AAAA", dnssec=True)
        assert plain.answer == [] and not plain.flags & dns.flags.AD and plain.rcode() == dns.rcode.NOERROR
        assert ask(server, "B.hoalam.gov.vn.", "A").answer[0][0].to_text() == "127.0.0.1"
        assert ask(server, "www.a.hoalam.gov.vn", "A").answer[0].rdtype.name == "CNAME"
        assert ask(server, "nope.gov.vn", "A").rcode() == dns.rcode.NXDOMAIN
        with pytest.raises(dns.exception.Timeout):
            ask(server, "slow.hoalam.gov.vn", "A", timeout=0.3)
    assert ("a.hoalam.gov.vn", "AAAA") in zone.queries
    assert server.address[0] == "127.0.0.1"


def _handshake(pki: DemoPki, kind: str, *, legacy: bool = False, version: ssl.TLSVersion | None = None) -> str:
    server_ctx = pki.server_context(kind, "skhcn.hoalam.gov.vn", legacy=legacy)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        try:
            server_ctx.wrap_socket(conn, server_side=True).close()
        except (ssl.SSLError, OSError):
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    client = ssl.create_default_context(cafile=str(pki.ca_file))
    client.verify_flags |= NO_CHECK_TIME
    if version is not None:
        client.set_ciphers("DEFAULT:@SECLEVEL=0")
        client.minimum_version = client.maximum_version = version
    try:
        with client.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=5),
                                server_hostname="skhcn.hoalam.gov.vn") as tls:
            return str(tls.version())
    except ssl.SSLCertVerificationError as exc:
        return f"verify: {exc.verify_message}"
    except ssl.SSLError as exc:
        return f"ssl: {exc.reason}"
    finally:
        listener.close()


def test_local_ca_issues_each_kind_relative_to_the_clock() -> None:
    from cryptography import x509

    pki = DemoPki(NOW)
    try:
        assert _handshake(pki, "valid") == "TLSv1.3"
        assert _handshake(pki, "expired") == "TLSv1.3"  # the chain is fine; dates are the rule's business
        assert "self-signed" in _handshake(pki, "self_signed")
        assert "mismatch" in _handshake(pki, "wrong_host") or "match" in _handshake(pki, "wrong_host")
        assert _handshake(pki, "valid", legacy=True, version=ssl.TLSVersion.TLSv1) == "TLSv1"
        assert _handshake(pki, "valid", version=ssl.TLSVersion.TLSv1).startswith("ssl:")  # modern servers refuse
        cert = x509.load_pem_x509_certificate(pki.issue("expiring", "skhcn.hoalam.gov.vn")[0].read_bytes())
        assert (cert.not_valid_after_utc - NOW).days == EXPIRING_DAYS
        expired = x509.load_pem_x509_certificate(pki.issue("expired", "x.gov.vn")[0].read_bytes())
        assert expired.not_valid_after_utc < NOW
    finally:
        pki.close()
