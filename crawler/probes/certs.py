"""What a server certificate says (read with ``cryptography``), and whether it names the host.

The host-name match is done here rather than by OpenSSL so that a wrong name and a bad chain are
two separate findings (TL-002, TL-003): RFC 6125 rules — subjectAltName DNS names, the CN only
when the certificate has no SAN at all, a wildcard only as the whole left-most label and one
label deep, IP addresses against IP SANs only.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID


def _san(cert: x509.Certificate) -> tuple[list[str], list[str]] | None:
    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    return ([str(n) for n in ext.get_values_for_type(x509.DNSName)],
            [str(ip) for ip in ext.get_values_for_type(x509.IPAddress)])


def _cn(name: x509.Name) -> str | None:
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else None


def _self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def describe(der: bytes) -> dict[str, Any]:
    """The leaf certificate's facts for ``probes["tls"]["cert"]``."""
    cert = x509.load_der_x509_certificate(der)
    san = _san(cert)
    return {
        "subject_cn": _cn(cert.subject),
        "san": (san[0] + san[1]) if san else [],
        "issuer": cert.issuer.rfc4514_string(),
        "issuer_cn": _cn(cert.issuer),
        "not_before": cert.not_valid_before_utc.isoformat(),
        "not_after": cert.not_valid_after_utc.isoformat(),
        "self_signed": _self_signed(cert),
        "serial": format(cert.serial_number, "x"),
        "sha256": cert.fingerprint(hashes.SHA256()).hex(),
    }


def _label_match(pattern: str, host: str) -> bool:
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if not pattern.startswith("*."):
        return pattern == host
    first, _, rest = host.partition(".")
    # "*.gov.vn"-style patterns match exactly one label, never the bare parent.
    return bool(first) and rest == pattern[2:]


def hostname_match(der: bytes, host: str) -> bool:
    cert = x509.load_der_x509_certificate(der)
    san = _san(cert)
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        return san is not None and any(ipaddress.ip_address(x) == ip for x in san[1])
    name = host.encode("idna").decode("ascii") if not host.isascii() else host
    if san is not None:
        return any(_label_match(p, name) for p in san[0])
    cn = _cn(cert.subject)
    return cn is not None and _label_match(cn, name)
