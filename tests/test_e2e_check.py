"""`nd42 check URL` end to end against the bundled demo portals served on 127.0.0.1.

Each portal is checked once by its public host name (``--resolve HOST:127.0.0.1``, with its level,
parent and name), through the real CLI in a subprocess (a Twisted reactor starts once per process);
the tests read what a user would: the exit code, the printed table, the SQLite rows, the JSON and the
HTML report.  The same stored runs are then re-evaluated with ``nd42 recheck`` under the other
profiles, so every rule is compared with the portals' known verdicts under every profile.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest

FRESHNESS = {"directive_documents": "FR-001", "party_union": "FR-002", "news": "FR-003"}


def run_check(url: str, tmp: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    out = subprocess.run(
        [sys.executable, "-m", "nd42.cli", "check", url, "--now", "2026-11-24", "--delay", "0", "--quiet",
         "--out", str(tmp / "out"), "--json", str(tmp / "run.json"), "--db", str(tmp / "nd42.sqlite3"), *extra],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return out, json.loads((tmp / "run.json").read_text(encoding="utf-8"))


PROFILES = ("nd42-2022", "nd224-2026", "daknong-cchc")


def public_args(demo_server: Any, portal_id: str) -> list[str]:
    """The portal by its public name: a portal file (URL, name, level, parent, probe endpoints), the
    --resolve map to loopback, the demo zone's DNS server and the demo CA."""
    return [demo_server.public_url(portal_id) + "/", "--portal-config", str(demo_server.portal_file(portal_id)),
            *demo_server.resolve_args(), *demo_server.network_args()]


@pytest.fixture(scope="module")
def checked(demo_server: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    results = {}
    for portal_id in sorted(demo_server.urls):
        tmp = tmp_path_factory.mktemp(portal_id)
        url, *extra = public_args(demo_server, portal_id)
        _, doc = run_check(url, tmp, *extra)
        results[portal_id] = (tmp, doc)
    return results


def expected(value: Any, profile: str) -> str:
    return value if isinstance(value, str) else value.get(profile, "off")


@pytest.mark.e2e
@pytest.mark.parametrize("profile", PROFILES)
def test_every_rule_gives_the_known_verdict_under_each_profile(demo_server: Any, checked: Any, profile: str,
                                                               tmp_path: Path) -> None:
    """The yardstick: each demo portal, each rule, each profile; the crawl is the one stored by `nd42 check`."""
    import shutil

    from nd42.store import Store

    wrong, seen = [], set()
    for portal_id, (tmp, doc) in checked.items():
        truth = demo_server.truth[portal_id]
        if profile == "nd42-2022":
            got = {f["rule_id"]: f["status"] for f in doc["findings"]}
        else:
            db = tmp_path / f"{portal_id}.sqlite3"
            shutil.copy(tmp / "nd42.sqlite3", db)
            out = subprocess.run([sys.executable, "-m", "nd42.cli", "recheck", "--db", str(db), "--profile", profile,
                                  "--out", str(tmp_path / portal_id)], capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            with Store(db) as store:
                run = store.latest_run()
                assert run is not None and run.kind == "recheck" and run.profile == profile
                got = {f.rule_id: f.status.value for f in store.load_findings(run.id, doc["portal"]["id"])}
        for rule_id, value in truth["expect"].items():
            want = expected(value, profile)
            seen.add(rule_id)
            if got.get(rule_id, "off") != want:
                note = truth.get("expect_notes", {}).get(rule_id, "")
                wrong.append(f"{portal_id} {rule_id}: want {want}, got {got.get(rule_id, 'off')} {note}")
        assert set(got) <= set(truth["expect"]), (portal_id, set(got) - set(truth["expect"]))
    from rules.base import all_rules

    assert seen == set(all_rules())  # every rule has a known verdict on every portal
    assert not wrong, "\n".join(wrong)


@pytest.mark.e2e
def test_freshness_verdicts_and_newest_dates_match_the_truth(demo_server: Any, checked: Any) -> None:
    for portal_id, (_tmp, doc) in checked.items():
        truth = demo_server.truth[portal_id]
        status = {f["rule_id"]: f["status"] for f in doc["findings"]}
        sections = {s["kind"]: s for s in doc["sections"]}
        for kind, expected in truth["sections"].items():
            if not expected["present"]:
                assert kind not in sections or sections[kind]["state"] == "unreachable", (portal_id, kind)
                continue
            assert kind in sections, (portal_id, kind)
            newest = sections[kind]["newest"]
            assert newest is not None and newest["date"] == expected["newest_date"], (portal_id, kind, newest)
            assert newest["date_text"], (portal_id, kind)
            fresh = truth["verdicts"].get(f"{kind}_fresh")
            if kind in FRESHNESS and fresh is not None:
                want = {"pass"} if fresh else {"fail", "warn"}
                assert status[FRESHNESS[kind]] in want, (portal_id, kind, status[FRESHNESS[kind]])


@pytest.mark.e2e
def test_json_document_is_versioned_and_complete(checked: Any) -> None:
    _tmp, doc = next(iter(checked.values()))
    assert doc["schema"] == "nd42.check/1"
    assert {"tool", "run", "portal", "crawl", "pages", "sections", "findings", "summary"} <= set(doc)
    assert doc["run"]["started_at"].startswith("2026-11-24T12:00:00+07:00")
    assert doc["crawl"]["robots_obeyed"] is True and "nd42/" in doc["crawl"]["user_agent"]
    assert doc["crawl"]["pages_fetched"] <= doc["crawl"]["page_budget"]
    finding = next(f for f in doc["findings"] if f["rule_id"] == "FR-001")
    assert finding["legal_refs"] and finding["evidence"]


@pytest.mark.e2e
def test_sqlite_rows_and_html_report(checked: Any) -> None:
    for portal_id, (tmp, doc) in checked.items():
        db = sqlite3.connect(tmp / "nd42.sqlite3")
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            (status,) = db.execute("SELECT status FROM runs").fetchone()
            assert status == "complete"
            stored = {r[0]: r[1] for r in db.execute(
                "SELECT f.rule_id, f.status FROM findings f JOIN portal_runs p ON f.portal_run_id = p.id")}
            assert stored == {f["rule_id"]: f["status"] for f in doc["findings"]}
            kinds = {r[0] for r in db.execute("SELECT kind FROM sections")}
            assert kinds == {s["kind"] for s in doc["sections"]}
        finally:
            db.close()
        reports = list((tmp / "out").glob("*.html"))
        assert len(reports) == 1
        html = reports[0].read_text(encoding="utf-8")
        tree = lxml.html.fromstring(html)
        assert tree.get("lang") == "vi"
        assert not tree.xpath("//script") and not tree.xpath("//link[@rel='stylesheet']")
        for section in doc["sections"]:
            if section["newest"]:
                assert section["newest"]["date_text"] in tree.text_content(), (portal_id, section["kind"])


@pytest.mark.e2e
def test_summary_table_and_english_report(demo_server: Any, tmp_path: Path) -> None:
    portal_id = sorted(demo_server.urls)[0]
    url, *extra = public_args(demo_server, portal_id)
    out, _doc = run_check(url, tmp_path, "--lang", "en", *extra)
    assert "FR-001" in out.stdout and "Report:" in out.stdout
    html = next((tmp_path / "out").glob("*.html")).read_text(encoding="utf-8")
    assert lxml.html.fromstring(html).get("lang") == "en"


@pytest.mark.e2e
def test_the_demo_runs_two_nights_and_shows_the_diff(tmp_path: Path) -> None:
    """The README's main job: `nd42 demo` (two nightly runs with a change in between), from a fresh folder."""
    out = subprocess.run([sys.executable, "-m", "nd42.cli", "demo", "--out", str(tmp_path / "demo"), "--quiet",
                          "--now", "2026-11-24", "--delay", "0"], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1080/1080" in out.stdout and "thay đổi khớp: ✓" in out.stdout, out.stdout
    assert "hoalam-skhcn: lỗi mới PF-006, SP-010" in out.stdout
    site = tmp_path / "demo"
    landing = lxml.html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert "runs/2/index.html" in landing.xpath("//a/@href")
    dashboard = (site / "runs" / "2" / "index.html").read_text(encoding="utf-8")
    assert "TL-004" in dashboard and "FR-001" in dashboard  # the new failure and the fix, since night 1
    assert len(list((site / "runs" / "2" / "portals").glob("*.html"))) == 6
    assert list((site / "runs" / "2" / "exports").glob("*.csv"))
