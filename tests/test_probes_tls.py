"""The TLS probe against local HTTPS servers: each certificate kind, legacy protocols, the HTTPS answer,
and the ways a handshake fails (refused, timeout, reset, not TLS at all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crawler.probes import certs, contexts, tls
from crawler.probes.session import Session
from nd42.clock import VN_TZ
from nd42.config import CrawlOptions
from nd42.demo.tls import EXPIRING_DAYS, DemoPki
from tests.test_probes_servers import PAGE, Site, garbage_server, refused_port, reset_server, silent_server

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=VN_TZ)
HOST = "skhcn.hoalam.gov.vn"


@pytest.fixture(scope="module")
def pki() -> Iterator[DemoPki]:
    pki = DemoPki(NOW)
    yield pki
    pki.close()


def session(pki: DemoPki | None, timeout: float = 2.0, delay: float = 0) -> Session:
    options = CrawlOptions(resolve={HOST: "127.0.0.1"}, ca_file=str(pki.ca_file) if pki else None, timeout=timeout,
                           delay=delay)
    return Session(options, NOW)


def probe(pki: DemoPki, kind: str, *, legacy: bool = False, routes: Any = None, trusted: bool = True) -> dict[str, Any]:
    with Site(routes, context=pki.server_context(kind, HOST, legacy=legacy)) as site:
        return tls.probe_tls(site.url("/", HOST), session(pki if trusted else None))


def days_left(result: dict[str, Any]) -> int:
    return (dt.datetime.fromisoformat(result["cert"]["not_after"]) - NOW).days


def test_valid_certificate(pki: DemoPki) -> None:
    result = probe(pki, "valid", routes={"/": (200, {"Strict-Transport-Security": "max-age=31536000; preload",
                                                     "X-Powered-By": "ASP.NET"}, PAGE)})
    assert result["status"] == "probed" and result["error_class"] is None
    assert result["chain"] == {"valid": True, "error": None}
    assert result["hostname_match"] is True
    assert result["cert"]["san"] == [HOST] and not result["cert"]["self_signed"]
    assert "nd42 demo CA" in result["cert"]["issuer"] and days_left(result) > 200
    assert result["https"]["status"] == 200 and result["https"]["final_url"] == result["endpoint"]
    assert result["https"]["hsts"].startswith("max-age=31536000") and result["https"]["hsts_max_age"] == 31536000
    assert result["https"]["headers"]["x-powered-by"] == "ASP.NET"
    assert result["negotiated"] == "TLSv1.3" and result["protocols"]["TLSv1.3"] is True
    assert result["protocols"]["TLSv1.2"] is True
    assert result["protocols"]["TLSv1"] is False and result["protocols"]["TLSv1.1"] is False


def test_expired_and_expiring_chains_verify_their_dates_are_data(pki: DemoPki) -> None:
    expired = probe(pki, "expired")
    assert expired["chain"]["valid"] is True  # X509_V_FLAG_NO_CHECK_TIME: the rules judge the dates
    assert days_left(expired) < 0
    expiring = probe(pki, "expiring")
    assert expiring["chain"]["valid"] is True and days_left(expiring) == EXPIRING_DAYS


def test_wrong_host_is_a_name_mismatch_not_a_chain_error(pki: DemoPki) -> None:
    result = probe(pki, "wrong_host")
    assert result["chain"]["valid"] is True and result["hostname_match"] is False
    assert result["cert"]["san"] == ["other.hoalam.gov.vn"]


def test_self_signed_certificate_is_read_anyway(pki: DemoPki) -> None:
    result = probe(pki, "self_signed")
    assert result["status"] == "probed"
    assert result["chain"]["valid"] is False and "self-signed" in result["chain"]["error"]
    assert result["cert"]["self_signed"] is True and result["hostname_match"] is True
    assert result["https"]["status"] == 200  # the page was fetched over the unverified connection


def test_unknown_issuer_without_the_ca_file(pki: DemoPki) -> None:
    result = probe(pki, "valid", trusted=False)
    assert result["chain"]["valid"] is False and "issuer" in result["chain"]["error"]
    assert result["hostname_match"] is True


def test_legacy_server_offers_tls_1_0_and_1_1(pki: DemoPki) -> None:
    result = probe(pki, "valid", legacy=True)
    expected = {name: (True if contexts.version_context(name) else None) for name in ("TLSv1", "TLSv1.1")}
    assert {k: result["protocols"][k] for k in expected} == expected
    assert result["protocols"]["TLSv1.2"] is True and result["chain"]["valid"] is True


def test_a_version_the_local_openssl_cannot_offer_is_null(pki: DemoPki, monkeypatch: pytest.MonkeyPatch) -> None:
    real = contexts.version_context
    monkeypatch.setattr(tls, "version_context", lambda name: None if name == "TLSv1" else real(name))
    result = probe(pki, "valid", legacy=True)
    assert result["protocols"]["TLSv1"] is None and result["protocol_errors"]["TLSv1"].startswith("untested")


def test_https_redirect_on_the_same_host_is_followed(pki: DemoPki) -> None:
    routes = {"/": (302, {"Location": "/portal/home"}, b""),
              "/portal/home": (200, {"Strict-Transport-Security": "max-age=600"}, PAGE)}
    result = probe(pki, "valid", routes=routes)
    https = result["https"]
    assert https["status"] == 302 and https["final_status"] == 200
    assert https["final_url"].endswith("/portal/home") and https["hsts_max_age"] == 600
    assert [h["status"] for h in https["chain"]] == [302, 200]


def test_handshake_then_no_http_answer(pki: DemoPki) -> None:
    result = probe(pki, "valid", routes={})
    assert result["https"]["status"] == 404  # an answer all the same: HTTPS works


@pytest.mark.parametrize(("server", "error_class"), [("refused", "refused"), ("silent", "timeout"),
                                                      ("reset", "reset"), ("garbage", "tls_handshake")])
def test_failures_are_classified(server: str, error_class: str) -> None:
    if server == "refused":
        result = tls.probe_tls(f"https://{HOST}:{refused_port()}/", session(None, 0.5))
    else:
        acceptor = {"silent": silent_server, "reset": reset_server, "garbage": garbage_server}[server]
        with acceptor() as port:
            result = tls.probe_tls(f"https://{HOST}:{port}/", session(None, 0.5))
    assert result["status"] == "failed" and result["error_class"] == error_class
    assert result["cert"] is None and result["protocols"] == dict.fromkeys(contexts.VERSIONS)


def test_connections_are_sequential_and_logged(pki: DemoPki) -> None:
    with Site(context=pki.server_context("valid", HOST, legacy=True)) as site:
        s = session(pki, delay=0.02)
        tls.probe_tls(site.url("/", HOST), s)
        assert site.max_active == 1
    # verify + GET, then one handshake per version not negotiated
    assert [e["what"].split(" + ")[0] for e in s.log] == ["TLS handshake (verify)", "TLS handshake (TLSv1)",
                                                          "TLS handshake (TLSv1.1)", "TLS handshake (TLSv1.2)"]
    assert s.http_requests == 1 and s.connections == 4 and site.seen[0]["host"] == site.url("", HOST).split("/")[2]


# ---------------------------------------------------------------------------------------------- host names
def _der(cert_pem: bytes) -> bytes:
    return x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)


def test_hostname_rules() -> None:
    ca = trustme.CA()
    wild = _der(ca.issue_cert("*.hoalam.gov.vn").cert_chain_pems[0].bytes())
    assert certs.hostname_match(wild, "skhcn.hoalam.gov.vn")
    assert not certs.hostname_match(wild, "hoalam.gov.vn") and not certs.hostname_match(wild, "a.b.hoalam.gov.vn")
    ip = _der(ca.issue_cert("127.0.0.1").cert_chain_pems[0].bytes())
    assert certs.hostname_match(ip, "127.0.0.1") and not certs.hostname_match(ip, "localhost")
    assert certs.hostname_match(_der(ca.issue_cert("SKHCN.hoalam.gov.vn").cert_chain_pems[0].bytes()),
                                "skhcn.hoalam.gov.vn.")


def test_common_name_counts_only_without_san() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    when = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(7).not_valid_before(when).not_valid_after(when + dt.timedelta(days=90)))
    cn_only = builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    assert certs.hostname_match(cn_only, HOST)
    other_san = (builder.add_extension(x509.SubjectAlternativeName([x509.DNSName("other.gov.vn")]), critical=False)
                 .sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER))
    assert not certs.hostname_match(other_san, HOST)
    described = certs.describe(cn_only)
    assert described["subject_cn"] == HOST and described["self_signed"] and described["serial"] == "7"
    assert described["not_before"] == "2026-01-01T00:00:00+00:00"
