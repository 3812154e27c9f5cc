"""E-mail digests against a local SMTP server (aiosmtpd on 127.0.0.1) that each test starts."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from nd42.clock import VN_TZ
from nd42.config import ConfigError, PortalConfig
from nd42.history import RunChanges, run_changes
from nd42.notify import build_digests, parse_settings, send_digests
from nd42.records import Evidence, Finding, PageFetch, PortalSnapshot, Severity, Status
from nd42.store import Store

NOW = dt.datetime(2026, 11, 24, 1, 30, tzinfo=VN_TZ)
SCT, SGTVT, SKHCN = "Sở Công Thương", "Sở Giao thông vận tải", "Sở Khoa học và Công nghệ"
HOSTILE = "Cổng <script>alert(1)</script> & \"SCT\""


class Sink:
    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"

    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(e.content, policy=email.policy.default)  # type: ignore[misc]
                for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Sink, int]]:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def finding(rule_id: str, status: Status, evidence: str = "https://sct.daknong.gov.vn/van-ban") -> Finding:
    return Finding(rule_id, status, Severity.HIGH, "freshness", "Cập nhật văn bản chỉ đạo điều hành",
                   "Directive documents updated", "Văn bản mới nhất ngày 20/10/2026 <b>35 ngày</b>",
                   "Newest 2026-10-20, 35 days", [Evidence(url=evidence)])


def changes_of(tmp_path: Path) -> RunChanges:
    """Two nights: SCT and SGTVT regress (SCT also fixes one rule), SKHCN does not change."""
    plan = {
        "sct.daknong.gov.vn": (SCT, HOSTILE, [("FR-001", "PF"), ("FR-002", "FP"), ("FR-003", "PF")]),
        "sgtvt.daknong.gov.vn": (SGTVT, "Sở GTVT", [("FR-001", "PF")]),
        "skhcn.daknong.gov.vn": (SKHCN, "Sở KH&CN", [("FR-001", "PP"), ("FR-002", "FF")]),
    }
    letters = {"P": Status.PASS, "F": Status.FAIL}
    with Store(tmp_path / "n.sqlite3") as store:
        for night in range(2):
            run = store.begin_run("nightly", NOW + dt.timedelta(days=night), "daknong-cchc", {},
                                  registry_digest="r1")
            for pid, (agency, name, rules) in plan.items():
                snap = PortalSnapshot(pid, f"https://{pid}/", NOW, name=name,
                                      portal={"name": name, "agency": agency, "tags": [], "rules": {}})
                snap.pages = [PageFetch(snap.url, "home", status=200)]
                evidence = "javascript:alert(1)" if pid.startswith("sgtvt") else "https://sct.daknong.gov.vn/van-ban"
                store.save_portal(run, snap, [finding(r, letters[seq[night]], evidence) for r, seq in rules],
                                  50.0 + 10 * night)
            store.finish_run(run)
        return run_changes(store, run, flap_k=1)


def registry(port: int, **notify: Any) -> SimpleNamespace:
    table = {"smtp_host": "127.0.0.1", "smtp_port": port, "starttls": False, "from": "nd42 <nd42@daknong.gov.vn>",
             "subject_prefix": "[nd42 Đắk Nông]",
             "to": {SCT: ["vanthu@sct.daknong.gov.vn"], SGTVT: "vanthu@sgtvt.daknong.gov.vn",
                    SKHCN: ["vanthu@skhcn.daknong.gov.vn"], "*": ["cntt@daknong.gov.vn", "stttt@daknong.gov.vn"]},
             "dashboard_url": "https://nd42.daknong.gov.vn/"}
    table.update(notify)
    portals = [PortalConfig(id="sct.daknong.gov.vn", url="https://sct.daknong.gov.vn/", name=HOSTILE)]
    return SimpleNamespace(portals=portals, notify=table, source=Path("config/registry/daknong.toml"))


def bodies(msg: EmailMessage) -> tuple[str, str]:
    plain, rich = msg.get_body(preferencelist=("plain",)), msg.get_body(preferencelist=("html",))
    assert plain is not None and rich is not None
    return plain.get_content(), rich.get_content()


# ---------------------------------------------------------------------------------------------- sending
def test_a_digest_per_agency_and_an_overview(tmp_path: Path, smtp: tuple[Sink, int]) -> None:
    sink, port = smtp
    sent = send_digests(changes_of(tmp_path), registry(port))
    assert [(d.agency, d.ok) for d in sent] == [("*", True), (SCT, True), (SGTVT, True)]  # SKHCN: nothing new
    assert all(d.error is None for d in sent)
    messages = {m["To"]: m for m in sink.messages()}
    assert sorted(messages) == ["cntt@daknong.gov.vn, stttt@daknong.gov.vn", "vanthu@sct.daknong.gov.vn",
                                "vanthu@sgtvt.daknong.gov.vn"]
    assert sorted(sink.envelopes[0].rcpt_tos) == ["cntt@daknong.gov.vn", "stttt@daknong.gov.vn"]
    sct = messages["vanthu@sct.daknong.gov.vn"]
    assert sct["Subject"] == f"[nd42 Đắk Nông] {SCT}: 2 vi phạm mới / new failures (2026-11-25)"
    assert sct["From"] == "nd42 <nd42@daknong.gov.vn>" and sct["Auto-Submitted"] == "auto-generated"
    assert sct.get_content_type() == "multipart/alternative"
    text, page = bodies(sct)
    assert text.index("Vi phạm mới") < text.index("New failures")  # Vietnamese first
    assert "FR-001" in text and "FR-003" in text and "Đã khắc phục / Fixed: FR-002" in text
    assert HOSTILE in text  # plain text carries the name as is
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;SCT&quot;" in page
    assert "&lt;b&gt;35 ngày&lt;/b&gt;" in page  # messages carry portal text too
    assert '<a href="https://sct.daknong.gov.vn/van-ban">' in page
    assert '<a href="https://nd42.daknong.gov.vn/runs/2/">' in page
    assert SGTVT not in text and SKHCN not in text  # each agency sees its own portals only
    overview_text, _ = bodies(messages["cntt@daknong.gov.vn, stttt@daknong.gov.vn"])
    assert SCT in overview_text and SGTVT in overview_text and SKHCN not in overview_text
    _, sgtvt_page = bodies(messages["vanthu@sgtvt.daknong.gov.vn"])
    assert "javascript:alert(1)" in sgtvt_page and 'href="javascript' not in sgtvt_page  # not a link


def test_nothing_is_sent_when_off_or_nothing_to_say(tmp_path: Path, smtp: tuple[Sink, int]) -> None:
    sink, port = smtp
    changes = changes_of(tmp_path)
    assert send_digests(changes, registry(port, enabled=False)) == []
    assert send_digests(changes, SimpleNamespace(portals=[], notify={})) == []  # no [notify] table
    assert send_digests(changes, None) == []
    only_skhcn = registry(port, to={SKHCN: ["vanthu@skhcn.daknong.gov.vn"]})
    assert send_digests(changes, only_skhcn) == []  # that agency has no new failure
    quiet = RunChanges(changes.run_id, changes.previous_run_id, 1,
                       {pid: p for pid, p in changes.portals.items() if not p.new_failures}, [], [], False)
    assert send_digests(quiet, registry(port)) == []
    assert sink.envelopes == []


def test_failures_are_reported_not_raised(tmp_path: Path, smtp: tuple[Sink, int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    sink, port = smtp
    changes = changes_of(tmp_path)
    sink.refuse = {"vanthu@sct.daknong.gov.vn", "stttt@daknong.gov.vn"}
    sent = {d.agency: d for d in send_digests(changes, registry(port))}
    assert not sent[SCT].ok and "SMTPRecipientsRefused" in (sent[SCT].error or "")
    assert not sent["*"].ok and "stttt@daknong.gov.vn" in (sent["*"].error or "")  # one of two refused
    assert sent[SGTVT].ok
    closed = free_port()
    down = send_digests(changes, registry(closed))
    assert len(down) == 3 and not any(d.ok for d in down)
    assert all("ConnectionRefusedError" in (d.error or "") for d in down)
    monkeypatch.delenv("ND42_TEST_SMTP_PASSWORD", raising=False)
    unset = send_digests(changes, registry(port, starttls=True, user="nd42", password_env="ND42_TEST_SMTP_PASSWORD"))
    assert unset and all("ND42_TEST_SMTP_PASSWORD" in (d.error or "") for d in unset)


def test_starttls_and_login_with_a_password_from_the_environment(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.login == b"nd42" and data.password == b"s3cret-pw")

    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, tls_context=server_context,
                            require_starttls=True, auth_required=True, authenticator=authenticator)
    controller.start()
    try:
        monkeypatch.setenv("ND42_TEST_SMTP_PASSWORD", "mật-khẩu")  # smtplib cannot send it: said clearly
        settings = registry(port, starttls=True, user="nd42", password_env="ND42_TEST_SMTP_PASSWORD",
                            ca_file=str(ca_file))
        changes = changes_of(tmp_path)
        refused = send_digests(changes, settings)
        assert refused and all("must be ASCII" in (d.error or "") for d in refused) and not logins
        monkeypatch.setenv("ND42_TEST_SMTP_PASSWORD", "s3cret-pw")
        settings = registry(port, starttls=True, user="nd42", password_env="ND42_TEST_SMTP_PASSWORD",
                            ca_file=str(ca_file))
        sent = send_digests(changes, settings)
        assert [d.ok for d in sent] == [True, True, True], sent
        assert logins == [(b"nd42", b"s3cret-pw")] and len(sink.envelopes) == 3
        # a certificate the client does not trust: nothing is sent, the error says why
        untrusted = registry(port, starttls=True, user="nd42", password_env="ND42_TEST_SMTP_PASSWORD")
        failed = send_digests(changes, untrusted)
        assert failed and not any(d.ok for d in failed)
        assert all("CERTIFICATE_VERIFY_FAILED" in (d.error or "") for d in failed)
        assert len(sink.envelopes) == 3
    finally:
        controller.stop()


# ---------------------------------------------------------------------------------------------- settings
def test_settings_parse_with_defaults() -> None:
    settings = parse_settings({"smtp_host": "smtp.daknong.gov.vn", "from": "nd42@daknong.gov.vn",
                               "to": {SCT: "a@sct.daknong.gov.vn"}})
    assert settings is not None
    assert (settings.smtp_port, settings.starttls, settings.ssl, settings.enabled, settings.subject_prefix) == (
        587, True, False, True, "[nd42]")
    assert settings.to == {SCT: ("a@sct.daknong.gov.vn",)}
    implicit = parse_settings({"smtp_host": "h", "ssl": True, "from": "a@b.vn", "to": {"*": ["c@d.vn"]}})
    assert implicit is not None and (implicit.smtp_port, implicit.starttls) == (465, False)
    assert parse_settings(None) is None and parse_settings({}) is None


@pytest.mark.parametrize(("table", "message"), [
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "smtp_prot": 25},
     "notify: smtp_prot: khoá không biết / unknown key"),
    ({"from": "a@b.vn", "to": {"x": "c@d.vn"}}, "notify: smtp_host: thiếu / missing"),
    ({"smtp_host": "h", "smtp_port": "25", "from": "a@b.vn", "to": {"x": "c@d.vn"}}, "notify: smtp_port: "),
    ({"smtp_host": "h", "smtp_port": 70000, "from": "a@b.vn", "to": {"x": "c@d.vn"}}, "not a port"),
    ({"smtp_host": "h", "from": "không phải", "to": {"x": "c@d.vn"}}, "notify: from: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": ["c@d.vn", "sai"]}}, "notify: to.x: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn\r\nBcc: e@f.vn"}}, "notify: to.x: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {}}, "notify: to: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": []}}, "notify: to.x: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "user": "u"}, "notify: password_env: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "user": "u", "password_env": "1BAD"},
     "not an environment variable name"),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "user": "u", "password_env": "P",
      "starttls": False}, "never sent in clear"),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "ssl": True, "starttls": True}, "notify: ssl: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "enabled": "yes"}, "notify: enabled: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "timeout": 0}, "notify: timeout: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "ca_file": "/nowhere.pem"}, "notify: ca_file: "),
    ({"smtp_host": "h", "from": "a@b.vn", "to": {"x": "c@d.vn"}, "dashboard_url": "javascript:x"},
     "notify: dashboard_url: "),
])
def test_settings_errors_name_the_field(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=r"^config/r\.toml: notify: ") as info:
        parse_settings(table, "config/r.toml: notify")
    assert message in str(info.value)


def test_send_digests_validates_raw_settings_with_the_registry_file(tmp_path: Path) -> None:
    bad = SimpleNamespace(portals=[], notify={"smtp_host": "h"}, source=Path("config/registry/daknong.toml"))
    with pytest.raises(ConfigError, match=r"^config/registry/daknong\.toml: notify: from: "):
        send_digests(changes_of(tmp_path), bad)


def test_build_digests_without_sending(tmp_path: Path) -> None:
    settings = parse_settings(registry(25).notify)
    assert settings is not None
    digests = build_digests(changes_of(tmp_path), None, settings)  # no registry: the stored agency and name
    assert [d.agency for d in digests] == ["*", SCT, SGTVT]
    assert "Cổng &lt;script&gt;" in digests[1].html and digests[1].text.endswith("\n")
