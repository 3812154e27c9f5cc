"""Certificates and TLS server contexts for the demo portals and the tests (a local CA, never a real one).

:class:`DemoPki` makes a private CA with ``trustme`` and issues the certificates the demo and the
tests need: valid, expired, expiring soon, for the wrong host name, and self-signed.  Validity is
relative to a given clock (the crawl clock), so verdicts do not depend on the day the tests run:
the probes check the chain without checking time and the rules compare the dates with the run's
clock.  ``server_context(kind, …, legacy=True)`` also accepts TLS 1.0/1.1 (to show the rule that
flags them).
"""

from __future__ import annotations

import datetime as dt
import ssl
import tempfile
from pathlib import Path

import trustme
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

KINDS = ("valid", "expired", "expiring", "wrong_host", "self_signed")
EXPIRING_DAYS = 12  # under the 30-day warning


class DemoPki:
    """A local CA and its certificates; files live in a temporary directory until :meth:`close`."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now.astimezone(dt.UTC)
        self.ca = trustme.CA(organization_name="nd42 demo CA")
        self._dir = tempfile.TemporaryDirectory(prefix="nd42-pki-")
        self.folder = Path(self._dir.name)
        self.ca_file = self.folder / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))

    def close(self) -> None:
        self._dir.cleanup()

    def _files(self, name: str, cert_pem: bytes, key_pem: bytes) -> tuple[Path, Path]:
        cert, key = self.folder / f"{name}.crt", self.folder / f"{name}.key"
        cert.write_bytes(cert_pem)
        key.write_bytes(key_pem)
        return cert, key

    def issue(self, kind: str, hostname: str) -> tuple[Path, Path]:
        """(certificate chain file, key file) of a certificate of ``kind`` for ``hostname``."""
        if kind not in KINDS:
            raise ValueError(f"unknown certificate kind {kind!r} (known: {', '.join(KINDS)})")
        day = dt.timedelta(days=1)
        if kind == "self_signed":
            return self._files(f"{hostname}-{kind}", *_self_signed(hostname, self.now - 200 * day,
                                                                    self.now + 200 * day))
        names = {"valid": (hostname,), "expired": (hostname,), "expiring": (hostname,),
                 "wrong_host": (f"other.{hostname.split('.', 1)[-1]}",)}[kind]
        not_before = self.now - 400 * day
        not_after = {"valid": self.now + 300 * day, "expired": self.now - 20 * day,
                     "expiring": self.now + EXPIRING_DAYS * day, "wrong_host": self.now + 300 * day}[kind]
        leaf = self.ca.issue_cert(*names, not_before=not_before, not_after=not_after)
        chain = b"".join(blob.bytes() for blob in leaf.cert_chain_pems)
        return self._files(f"{hostname}-{kind}", chain, leaf.private_key_pem.bytes())

    def server_context(self, kind: str, hostname: str, *, legacy: bool = False) -> ssl.SSLContext:
        """A server-side context presenting a certificate of ``kind``; ``legacy`` also offers TLS 1.0 and 1.1."""
        cert, key = self.issue(kind, hostname)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        if legacy:
            # OpenSSL 3 refuses TLS 1.0/1.1 at its default security level.
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            ctx.minimum_version = ssl.TLSVersion.TLSv1
        else:
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(str(cert), str(key))
        return ctx


def _self_signed(hostname: str, not_before: dt.datetime, not_after: dt.datetime) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
            .sign(key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem
