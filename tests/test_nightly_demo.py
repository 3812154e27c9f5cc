"""`nd42 nightly` over the bundled demo portals, with their network probes (TLS, redirects, DNS, IPv6), on two
nights: night 1 gives the verdicts `nd42 check` gives (the yardstick's truth); the server then switches to
night 2 (same ports) and the second run's changes are exactly the ones the demo declares: new failures and
fixes per portal (K = 1), held as "to be confirmed" with K = 2; with the dashboard, portal pages and exports
of both runs, and the landing page pointing at the second."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, _first_line

pytestmark = pytest.mark.e2e
PROFILE = "nd42-2022"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """A demo server of our own: it is switched to night 2 in the middle of the test."""
    proc = subprocess.Popen([sys.executable, "-m", "nd42.demo.server", "--today", TODAY.isoformat(),
                             "--seconds", "600"], stdout=subprocess.PIPE, text=True)
    try:
        line = _first_line(proc, 60)
        assert line, f"demo server did not start (exit code {proc.poll()})"
        yield proc, json.loads(line)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def registry(info: dict[str, Any], truth: dict[str, Any], path: Path) -> Path:
    lines = []
    for pid in sorted(info["urls"]):
        ends = info["endpoints"][pid]
        lines.append(f'[[portal]]\nid = "{pid}"\nname = "{truth[pid]["name"]}"\nurl = "{info["public"][pid]}/"\n'
                     f'level = "{truth[pid]["level"]}"\nagency = "UBND tỉnh Hòa Lâm"\n'
                     + (f'parent = "{truth[pid]["parent"]}"\n' if truth[pid].get("parent") else "")
                     + f'endpoints = {{ http = "{ends["http"]}", https = "{ends["https"]}" }}\n')
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def nightly(info: dict[str, Any], tmp: Path, reg: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    resolve = [a for h in sorted(set(info["hosts"].values())) for a in ("--resolve", f"{h}:127.0.0.1")]
    return subprocess.run(
        [sys.executable, "-m", "nd42.cli", "nightly", "--registry", str(reg), "--db", str(tmp / "db.sqlite3"),
         "--out", str(tmp / "out"), "--now", TODAY.isoformat(), "--delay", "0", "--quiet", "--profile", PROFILE,
         "--dns-server", info["dns_server"], "--ca-file", info["ca_file"], *resolve, *extra],
        capture_output=True, text=True, timeout=300)


def declared(truth: dict[str, Any], bucket: str) -> dict[str, list[str]]:
    """The demo's own statement of night 2's changes under PROFILE: portal → rule ids."""
    out = {}
    for pid, t in truth.items():
        rules = sorted(r for r, profiles in (t.get("changes") or {}).get(bucket, {}).items() if PROFILE in profiles)
        if rules:
            out[pid] = rules
    return out


def test_two_nights_give_the_known_verdicts_and_the_declared_diff(server: Any, tmp_path: Path) -> None:
    from nd42.commands import demo_agreement
    from nd42.demo.portals import build_portals
    from nd42.history import run_changes
    from nd42.store import Store

    proc, info = server
    nights = {n: {pid: p.truth for pid, p in build_portals(TODAY, info["env"], night=n).items()} for n in (1, 2)}
    reg = registry(info, nights[1], tmp_path / "registry.toml")
    first = nightly(info, tmp_path, reg, "--max-portals-at-once", "2")
    assert first.returncode == 0, first.stderr
    proc.send_signal(signal.SIGUSR1)
    assert json.loads(_first_line(proc, 60))["night"] == 2
    second = nightly(info, tmp_path, reg, "--flap-k", "1")
    assert second.returncode == 0, second.stderr

    with Store(tmp_path / "db.sqlite3") as store:
        assert store.integrity_ok()
        for run_id, night in ((1, 1), (2, 2)):
            assert store.portal_ids(run_id) == sorted(info["urls"])
            wrong = {pid: bad for pid in store.portal_ids(run_id)
                     if (bad := demo_agreement(store.load_findings(run_id, pid),
                                               nights[night][pid].get("expect", {}), PROFILE))}
            assert not wrong, f"night {night}: {json.dumps(wrong, indent=1)}"
            assert all(store.load_snapshot(run_id, pid).probes["network"]["status"] == "probed"
                       for pid in store.portal_ids(run_id))
        now = run_changes(store, 2, flap_k=1)
        got_new = {pid: c.new_failures for pid, c in now.portals.items() if c.new_failures}
        got_fixed = {pid: c.fixed for pid, c in now.portals.items() if c.fixed}
        assert got_new == declared(nights[2], "new_failures") and got_new
        assert got_fixed == declared(nights[2], "fixed") and got_fixed
        held = run_changes(store, 2, flap_k=2)  # one night is not enough to confirm with K = 2
        assert not held.counts()["new_failures"] and not held.counts()["fixed"]
        pending = {pid: set(c.pending) for pid, c in held.portals.items() if c.pending}
        expected: dict[str, set[str]] = {}
        for bucket in (got_new, got_fixed):
            for pid, rules in bucket.items():
                expected.setdefault(pid, set()).update(rules)
        assert pending == expected

    counts = now.counts()
    assert (f"lỗi mới / new failures {counts['new_failures']} · đã khắc phục / fixed {counts['fixed']}"
            in second.stdout), second.stdout
    assert "tối đa cùng lúc / at most at once: 2" in first.stdout
    out = tmp_path / "out"
    for run_id in (1, 2):
        run = out / "runs" / str(run_id)
        assert (run / "index.html").is_file() and len(list((run / "portals").glob("*.html"))) == len(info["urls"])
        assert (run / "exports" / "findings.csv").is_file() and (run / "exports" / "findings.json").is_file()
    assert 'href="runs/2/index.html"' in (out / "index.html").read_text(encoding="utf-8")
