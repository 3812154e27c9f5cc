"""E-mail digests of confirmed regressions, per agency, over SMTP (optional, off by default).

The registry's ``[notify]`` table says where to send (:func:`parse_settings`,
docs/notifications.md); ``nd42 nightly --notify`` calls :func:`send_digests` with the run's
:class:`~nd42.history.RunChanges`.  Only **new failures** (confirmed over K runs) make an e-mail;
an agency with none gets nothing, and nothing is sent when no agency has any.  A digest also
lists the agency's confirmed fixes.  Each message is Vietnamese first, then English, as plain text
with a simple HTML alternative in which all portal text is escaped and only http(s) URLs are
links.  A failed delivery is reported (:class:`Delivery`), never raised: it must not cost the
night its results.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from nd42.config import ConfigError
from nd42.history import PortalChanges, RuleChange, RunChanges

KEYS = ("enabled", "smtp_host", "smtp_port", "starttls", "ssl", "user", "password_env", "from", "to",
        "subject_prefix", "timeout", "ca_file", "dashboard_url")
ALL_AGENCIES = "*"  # a `to` key: these addresses get one overview of every agency's regressions
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Characters that would end or break a header line (str.splitlines() splits on all of these, and so
# does the e-mail policy that refuses them), and other C0/C1 controls (NUL, ESC).
_HEADER_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# Most mail clients ignore a page's policy, but a digest saved and opened in a browser (or a webmail that
# frames it) gets one as strict as the reports': the HTML part has no style, script or image at all.
DIGEST_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'"
_SEVERITY_VI = {"critical": "nghiêm trọng", "high": "cao", "medium": "trung bình", "low": "thấp", "info": "thông tin"}


@dataclasses.dataclass(frozen=True)
class NotifySettings:
    smtp_host: str
    sender: str  # the `from` key
    to: dict[str, tuple[str, ...]]  # agency (as in the registry) → addresses; ALL_AGENCIES → the overview
    smtp_port: int = 587
    starttls: bool = True
    ssl: bool = False  # implicit TLS (port 465) instead of STARTTLS
    user: str | None = None
    password_env: str | None = None  # the name of the environment variable holding the password
    subject_prefix: str = "[nd42]"
    timeout: float = 30.0
    ca_file: str | None = None  # extra trust anchors for the server's certificate (an internal CA)
    dashboard_url: str | None = None  # where OUT is published: digests link to <url>/runs/<id>/
    enabled: bool = True


@dataclasses.dataclass(frozen=True)
class Delivery:
    """One digest: to whom, and whether the SMTP server accepted it."""

    agency: str  # ALL_AGENCIES for the overview
    to: tuple[str, ...]
    subject: str
    ok: bool
    error: str | None = None


@dataclasses.dataclass(frozen=True)
class Digest:
    agency: str
    to: tuple[str, ...]
    subject: str
    text: str
    html: str


# ---------------------------------------------------------------------------------------------- settings
def _address(value: Any, where: str) -> str:
    if not isinstance(value, str) or "\n" in value or "\r" in value:
        raise ConfigError(f"{where}: không phải địa chỉ e-mail / not an e-mail address: {value!r}")
    _name, addr = parseaddr(value)
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", addr):
        raise ConfigError(f"{where}: không phải địa chỉ e-mail / not an e-mail address: {value!r}")
    return value


def _bool(data: Mapping[str, Any], key: str, default: bool, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: {key}: phải là true/false / must be true or false: {value!r}")
    return value


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or "\n" in value or "\r" in value:
        problem = "thiếu / missing" if value is None else f"không hợp lệ / invalid: {value!r}"
        raise ConfigError(f"{where}: {key}: {problem}")
    return value.strip()


def parse_settings(data: Mapping[str, Any] | None, where: str = "notify") -> NotifySettings | None:
    """The ``[notify]`` table as settings; None when it is absent or empty.

    ``where`` prefixes every error (e.g. ``config/registry/daknong.toml: notify``), which names the
    field: ``…: notify: smtp_port: …``.  Call it when the registry is loaded, so a typo stops the
    run before the crawl rather than after it.
    """
    if not data:
        return None
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: phải là một bảng / must be a table")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: {unknown[0]}: khoá không biết / unknown key (known: {', '.join(KEYS)})")
    enabled = _bool(data, "enabled", True, where)
    use_ssl = _bool(data, "ssl", False, where)
    starttls = _bool(data, "starttls", not use_ssl, where)
    if use_ssl and starttls:
        raise ConfigError(f"{where}: ssl: không dùng cùng starttls / ssl (implicit TLS) and starttls exclude "
                          "each other")
    host = _text(data, "smtp_host", where, required=True)
    port = data.get("smtp_port", 465 if use_ssl else 587)
    if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
        raise ConfigError(f"{where}: smtp_port: không phải cổng 1–65535 / not a port 1–65535: {port!r}")
    user = _text(data, "user", where)
    password_env = _text(data, "password_env", where)
    if password_env is not None and not _ENV_NAME.match(password_env):
        raise ConfigError(f"{where}: password_env: không phải tên biến môi trường / not an environment variable "
                          f"name: {password_env!r}")
    if user is not None and password_env is None:
        raise ConfigError(f"{where}: password_env: cần khi có user / needed with user (the password is never "
                          "written in the registry)")
    if user is not None and not (starttls or use_ssl):
        raise ConfigError(f"{where}: user: không gửi mật khẩu không mã hoá / a password is never sent in clear: "
                          "set starttls or ssl")
    sender = _address(data.get("from"), f"{where}: from")
    raw_to = data.get("to")
    if not isinstance(raw_to, Mapping) or not raw_to:
        raise ConfigError(f"{where}: to: cần bảng cơ quan → địa chỉ / needs a table agency → addresses, e.g. "
                          '[notify.to] "Sở Công Thương" = ["vanthu@sct.example.gov.vn"]')
    to: dict[str, tuple[str, ...]] = {}
    for agency, value in raw_to.items():
        addresses = [value] if isinstance(value, str) else value
        if not isinstance(addresses, list) or not addresses:
            raise ConfigError(f"{where}: to.{agency}: cần một hoặc nhiều địa chỉ / needs one address or a list")
        to[str(agency)] = tuple(_address(a, f"{where}: to.{agency}") for a in addresses)
    prefix = data.get("subject_prefix", "[nd42]")
    if not isinstance(prefix, str) or "\n" in prefix or "\r" in prefix:
        raise ConfigError(f"{where}: subject_prefix: không hợp lệ / invalid: {prefix!r}")
    timeout = data.get("timeout", 30.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 600:
        raise ConfigError(f"{where}: timeout: phải trong (0, 600] giây / must be in (0, 600] seconds: {timeout!r}")
    ca_file = _text(data, "ca_file", where)
    if ca_file is not None and not Path(ca_file).is_file():
        raise ConfigError(f"{where}: ca_file: không đọc được tệp / no such file: {ca_file}")
    dashboard = _text(data, "dashboard_url", where)
    if dashboard is not None and not dashboard.startswith(("http://", "https://", "file://")):
        raise ConfigError(f"{where}: dashboard_url: cần http(s):// hoặc file:// / needs http(s):// or file://")
    assert host is not None
    return NotifySettings(host, sender, to, port, starttls, use_ssl, user, password_env, prefix, float(timeout),
                          ca_file, dashboard.rstrip("/") if dashboard else None, enabled)


# ---------------------------------------------------------------------------------------------- digests
@dataclasses.dataclass
class _Group:
    agency: str
    portals: list[tuple[PortalChanges, str, list[RuleChange], list[RuleChange]]]  # portal, its name, new, fixed


def _agency_of(portal: PortalChanges, registry: Any) -> tuple[str, str]:
    """The portal's agency and name: the registry's entry first (current), else what the run stored."""
    entry = next((p for p in getattr(registry, "portals", None) or [] if getattr(p, "id", None) == portal.portal_id),
                 None)
    name = (getattr(entry, "name", None) if entry else None) or portal.name or portal.portal_id
    agency = (getattr(entry, "agency", None) if entry else None) or portal.agency or name
    return str(agency), str(name)


def _groups(changes: RunChanges, registry: Any) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for pid in sorted(changes.portals):
        portal = changes.portals[pid]
        if not portal.new_failures:
            continue
        agency, name = _agency_of(portal, registry)
        groups.setdefault(agency, _Group(agency, [])).portals.append(
            (portal, name, portal.bucket("new_failures"), portal.bucket("fixed")))
    return [groups[a] for a in sorted(groups)]


def _one_line(text: str) -> str:
    """Portal text for a header: an agency or portal name (a page's title) with a line break or a NUL
    would make the e-mail unbuildable, and every digest after it undelivered."""
    return " ".join(_HEADER_BREAKING.sub(" ", text).split())


def _link(url: str | None) -> str:
    if not url:
        return ""
    safe = html.escape(url, quote=True)
    return f'<a href="{safe}">{safe}</a>' if url.startswith(("http://", "https://")) else safe


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _when(changes: RunChanges, started: str) -> str:
    return f"lượt chạy / run {changes.run_id} ({changes.kind}), {started}"


def _render(groups: list[_Group], changes: RunChanges, settings: NotifySettings, started: str) -> tuple[str, str]:
    k = changes.flap_k
    link = f"{settings.dashboard_url}/runs/{changes.run_id}/" if settings.dashboard_url else None
    intro_vi = (f"Vi phạm mới được xác nhận (giữ nguyên qua {k} lượt chạy liên tiếp) so với lượt chạy trước "
                f"{changes.previous_run_id}.")
    intro_en = f"New failures confirmed (held for {k} consecutive runs) since run {changes.previous_run_id}."
    text = ["nd42 — Bản tin vi phạm mới / Digest of new failures", _when(changes, started), "", intro_vi, intro_en]
    parts = [f"<h1>nd42 — Bản tin vi phạm mới <span lang=\"en\">/ Digest of new failures</span></h1>"
             f"<p>{html.escape(_when(changes, started))}</p><p>{html.escape(intro_vi)}<br>"
             f"<span lang=\"en\">{html.escape(intro_en)}</span></p>"]
    if changes.registry_changed:
        warn_vi = "Lưu ý: danh sách cổng đã thay đổi giữa hai lượt chạy; một số thay đổi có thể do đó."
        warn_en = "Note: the portal registry changed between the two runs; some changes may come from that."
        text += ["", warn_vi, warn_en]
        parts.append(f"<p><strong>{html.escape(warn_vi)}</strong><br>"
                     f"<span lang=\"en\">{html.escape(warn_en)}</span></p>")
    for group in groups:
        text += ["", f"== Cơ quan / Agency: {group.agency} =="]
        parts.append(f"<h2>Cơ quan / Agency: {html.escape(group.agency)}</h2>")
        for portal, name, new, fixed in group.portals:
            score = f"điểm/score {_score(portal.score)} (trước/before {_score(portal.previous_score)})"
            text += ["", f"Cổng / Portal: {name} ({portal.portal_id}) — {score}",
                     f"  Vi phạm mới / New failures: {len(new)}"]
            parts.append(f"<h3>{html.escape(name)} ({html.escape(portal.portal_id)})</h3><p>{html.escape(score)}</p>"
                         f"<p>Vi phạm mới / New failures: {len(new)}</p><ul>")
            for c in new:
                severity = f"{_SEVERITY_VI.get(c.severity, c.severity)}/{c.severity}" if c.severity else ""
                text += [f"  - {c.rule_id} [{severity}] {c.title_vi} / {c.title_en}",
                         f"    {c.message_vi}", f"    {c.message_en}"]
                if c.evidence_url:
                    text.append(f"    Bằng chứng / Evidence: {c.evidence_url}")
                parts.append(f"<li><strong>{html.escape(c.rule_id)}</strong> [{html.escape(severity)}] "
                             f"{html.escape(c.title_vi)} / <span lang=\"en\">{html.escape(c.title_en)}</span><br>"
                             f"{html.escape(c.message_vi)}<br><span lang=\"en\">{html.escape(c.message_en)}</span>"
                             + (f"<br>Bằng chứng / Evidence: {_link(c.evidence_url)}" if c.evidence_url else "")
                             + "</li>")
            parts.append("</ul>")
            if fixed:
                ids = ", ".join(c.rule_id for c in fixed)
                text.append(f"  Đã khắc phục / Fixed: {ids}")
                parts.append(f"<p>Đã khắc phục / Fixed: {html.escape(ids)}</p>")
    footer_vi = "Thư tự động từ nd42 (kiểm tra theo Nghị định 42/2022/NĐ-CP)."
    footer_en = "Automatic message from nd42 (checks against Decree 42/2022/NĐ-CP)."
    text += [""] + ([f"Bảng tổng hợp / Dashboard: {link}"] if link else []) + [footer_vi, footer_en]
    if link:
        parts.append(f"<p>Bảng tổng hợp / Dashboard: {_link(link)}</p>")
    parts.append(f"<p><small>{html.escape(footer_vi)}<br><span lang=\"en\">{html.escape(footer_en)}</span>"
                 "</small></p>")
    page = ('<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{DIGEST_CSP}">'
            '<meta name="referrer" content="no-referrer"><title>nd42</title></head>'
            f"<body>{''.join(parts)}</body></html>\n")
    return "\n".join(text) + "\n", page


def build_digests(changes: RunChanges, registry: Any, settings: NotifySettings) -> list[Digest]:
    """The e-mails to send: one per addressed agency with new failures, and one overview for ``"*"``."""
    groups = _groups(changes, registry)
    if not groups:
        return []
    run_start = day = ""
    if changes.started_at is not None:
        run_start, day = changes.started_at.isoformat(timespec="minutes"), changes.started_at.date().isoformat()
    out = []
    for agency in sorted(settings.to):
        chosen = groups if agency == ALL_AGENCIES else [g for g in groups if g.agency == agency]
        if not chosen:
            continue
        count = sum(len(new) for g in chosen for _p, _n, new, _f in g.portals)
        who = (f"{len(chosen)} cơ quan / agencies" if agency == ALL_AGENCIES else _one_line(agency))
        subject = " ".join(p for p in (settings.subject_prefix, f"{who}: {count} vi phạm mới / new failures",
                                       f"({day})" if day else "") if p)
        text, page = _render(chosen, changes, settings, run_start)
        out.append(Digest(agency, settings.to[agency], subject, text, page))
    return out


def _message(digest: Digest, settings: NotifySettings) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = settings.sender
    msg["To"] = ", ".join(digest.to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=parseaddr(settings.sender)[1].rpartition("@")[2] or None)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    # Quoted-printable, not 8bit: an old government relay without 8BITMIME still carries it intact.
    msg.set_content(digest.text, charset="utf-8", cte="quoted-printable")
    msg.add_alternative(digest.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def _connect(settings: NotifySettings) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=settings.ca_file) if (settings.ssl or settings.starttls) else None
    smtp: smtplib.SMTP
    if settings.ssl:
        smtp = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=settings.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout)
    try:
        smtp.ehlo()
        if settings.starttls:
            smtp.starttls(context=context)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def _settings_of(settings: NotifySettings | Mapping[str, Any] | None, registry: Any) -> NotifySettings | None:
    if isinstance(settings, NotifySettings):
        return settings
    if settings is None:
        settings = getattr(registry, "notify", None)
        if isinstance(settings, NotifySettings):
            return settings
    source = getattr(registry, "source", None)
    return parse_settings(settings, f"{source}: notify" if source else "notify")


def send_digests(changes: RunChanges, registry: Any, settings: NotifySettings | Mapping[str, Any] | None = None,
                 ) -> list[Delivery]:
    """Send each agency's digest of confirmed new failures; the deliveries attempted (empty: nothing sent).

    ``registry``: anything with ``portals`` (entries with ``id``, ``name``, ``agency``) and
    ``notify`` (the raw ``[notify]`` table, or settings), e.g. :class:`nd42.registry.Registry`;
    None is allowed.  ``settings``: parsed settings or a raw table; default ``registry.notify``.
    Nothing is sent, and no connection is made, when there are no settings, ``enabled = false``,
    or no addressed agency has a new failure.  Invalid settings raise ConfigError.
    """
    parsed = _settings_of(settings, registry)
    if parsed is None or not parsed.enabled:
        return []
    digests = build_digests(changes, registry, parsed)
    if not digests:
        return []
    password = None
    if parsed.password_env:
        password = os.environ.get(parsed.password_env)
        if not password:
            unset = (f"biến môi trường {parsed.password_env} chưa đặt / environment variable "
                     f"{parsed.password_env} is not set")
            return [Delivery(d.agency, d.to, d.subject, False, unset) for d in digests]
        if not password.isascii():  # smtplib's AUTH encodes ASCII only: say so instead of a traceback
            ascii_only = (f"mật khẩu trong {parsed.password_env} phải là ASCII / the password in "
                          f"{parsed.password_env} must be ASCII")
            return [Delivery(d.agency, d.to, d.subject, False, ascii_only) for d in digests]
    sent: list[Delivery] = []
    try:
        with _connect(parsed) as smtp:
            if parsed.user:
                smtp.login(parsed.user, password or "")
            for digest in digests:
                try:
                    refused = smtp.send_message(_message(digest, parsed), to_addrs=_envelope(digest.to))
                except smtplib.SMTPException as exc:
                    sent.append(Delivery(digest.agency, digest.to, digest.subject, False, _reason(exc)))
                    continue
                error = f"refused: {', '.join(sorted(refused))}" if refused else None
                sent.append(Delivery(digest.agency, digest.to, digest.subject, not refused, error))
    except (OSError, smtplib.SMTPException, ValueError) as exc:  # ssl.SSLError is an OSError
        done = len(sent)
        sent += [Delivery(d.agency, d.to, d.subject, False, _reason(exc)) for d in digests[done:]]
    return sent


def _envelope(addresses: Sequence[str]) -> list[str]:
    return [parseaddr(a)[1] for a in addresses]


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
