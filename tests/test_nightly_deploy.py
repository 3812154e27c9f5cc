"""The scheduling files in deploy/: the command they run is one `nd42 nightly` accepts, at 01:30 Vietnam time,
as a dedicated user, without a flock wrapper (nd42 locks itself), the lock's exit code not taken for a failure,
and the systemd service sandboxed.  `systemd-analyze verify` checks the units where it is installed."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from nd42.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read_string((DEPLOY / "systemd" / name).read_text(encoding="utf-8"))
    return parser


def accepted(command: str) -> None:
    """The CLI parses the command's arguments (the program itself is /opt/nd42/.venv/bin/nd42)."""
    words = shlex.split(command)
    assert words[0].endswith("/bin/nd42") and words[1] == "nightly", command
    args = build_parser().parse_args(words[1:])
    assert args.command == "nightly" and args.func.__name__ == "cmd_nightly"


def test_the_timer_fires_at_01_30_vietnam_time_and_catches_up() -> None:
    timer = unit("nd42-nightly.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 01:30:00 Asia/Ho_Chi_Minh"
    assert timer["Timer"]["Persistent"] == "true" and timer["Timer"]["Unit"] == "nd42-nightly.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def test_the_service_runs_nightly_as_its_own_user_in_a_sandbox() -> None:
    service = unit("nd42-nightly.service")["Service"]
    accepted(service["ExecStart"])
    assert service["Type"] == "oneshot" and service["User"] == "nd42"
    assert service["SuccessExitStatus"] == "3"  # the previous night still running is not a failure
    assert service["StateDirectory"] == "nd42" and "/var/lib/nd42/" in service["ExecStart"]
    for key, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes",
                       "PrivateTmp": "yes", "CapabilityBoundingSet": "", "SystemCallFilter": "@system-service"}.items():
        assert service[key] == value, key
    assert "AF_INET6" in service["RestrictAddressFamilies"]
    sysusers = (DEPLOY / "systemd" / "nd42.sysusers.conf").read_text(encoding="utf-8")
    assert any(line.startswith("u nd42 ") for line in sysusers.splitlines())


def test_the_cron_line() -> None:
    lines = [line for line in (DEPLOY / "cron" / "nd42-nightly").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    env = dict(line.split("=", 1) for line in lines if "=" in line.split()[0])
    assert env["CRON_TZ"] == "Asia/Ho_Chi_Minh" and env["ND42_REGISTRY"].endswith(".toml")
    (job,) = [line for line in lines if "=" not in line.split()[0]]
    minute, hour, dom, month, dow, user, command = job.split(None, 6)
    assert (minute, hour, dom, month, dow, user) == ("30", "1", "*", "*", "*", "nd42")
    assert "flock" not in command
    accepted(command.split(">>")[0])


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    # verify also checks that ExecStart exists: point it at a program this machine has.
    text = (DEPLOY / "systemd" / "nd42-nightly.service").read_text(encoding="utf-8")
    (tmp_path / "nd42-nightly.service").write_text(text.replace("/opt/nd42/.venv/bin/nd42", "/bin/true"))
    shutil.copy(DEPLOY / "systemd" / "nd42-nightly.timer", tmp_path)
    out = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "nd42-nightly.service"),
                          str(tmp_path / "nd42-nightly.timer")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    calendar = subprocess.run(["systemd-analyze", "calendar", "*-*-* 01:30:00 Asia/Ho_Chi_Minh"],
                              capture_output=True, text=True, timeout=60)
    assert calendar.returncode == 0, calendar.stderr
