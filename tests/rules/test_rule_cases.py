"""Data-driven rule tests: every ``cases/<RULE-ID>/*.json`` file is one test (``pytest -k FR-001``).

A case is ``{"description", "now", "options"?, "snapshot", "expect": {"status", "error_class"?,
"details"?}}``; ``snapshot`` is ``nd42.records.to_jsonable(PortalSnapshot)``.  ``options`` are
applied as per-portal overrides on top of the ``nd42-2022`` profile, and the rule is switched on
even where that profile switches it off (FR-004 is a provincial criterion).  The files are written
by ``casebuilder.py``; a test below fails when they drift from it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from nd42.records import Finding, Status, snapshot_from_dict
from rules.base import all_rules
from rules.engine import evaluate
from tests.rules import casebuilder

CASES = Path(__file__).with_name("cases")
CASE_FILES = sorted(CASES.glob("*/*.json"))
PROFILE = "nd42-2022"


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _run(rule_id: str, case: dict[str, Any]) -> Finding:
    snapshot = snapshot_from_dict(case["snapshot"])
    now = dt.datetime.fromisoformat(case["now"])
    overrides = {rule_id: {"enabled": True, **case.get("options", {})}}
    findings = evaluate(snapshot, PROFILE, now, overrides=overrides, rules=[all_rules()[rule_id]])
    assert len(findings) == 1, findings
    return findings[0]


@pytest.mark.parametrize("path", CASE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in CASE_FILES])
def test_case(path: Path) -> None:
    case = _load(path)
    rule_id = path.parent.name
    finding = _run(rule_id, case)
    expect = case["expect"]
    assert finding.rule_id == rule_id
    assert finding.status.value == expect["status"], (case["description"], finding.message_en)
    if "error_class" in expect:
        assert finding.error_class == expect["error_class"]
    if finding.status is Status.NOT_DETERMINABLE:
        assert finding.error_class, "not_determinable must say why (error_class)"
    for key, value in expect.get("details", {}).items():
        assert finding.details.get(key) == value, key
    assert finding.message_vi and finding.message_en
    assert finding.legal_refs


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_has_a_good_and_a_bad_case(rule_id: str) -> None:
    folder = CASES / rule_id
    assert (folder / "good.json").is_file(), f"{rule_id}: missing cases/{rule_id}/good.json"
    assert (folder / "bad.json").is_file(), f"{rule_id}: missing cases/{rule_id}/bad.json"
    good, bad = _load(folder / "good.json"), _load(folder / "bad.json")
    assert _run(rule_id, good).status is Status.PASS, rule_id
    # A bad case is a finding against the portal: fail, or warn where the basis is weak.
    assert bad["expect"]["status"] in ("fail", "warn"), rule_id
    assert _run(rule_id, bad).status.value == bad["expect"]["status"], rule_id


def test_no_case_folder_without_a_rule() -> None:
    assert {p.name for p in CASES.iterdir() if p.is_dir()} <= set(all_rules())


def test_case_files_match_the_builder() -> None:
    built = casebuilder.build()
    on_disk = {(p.parent.name, p.stem) for p in CASE_FILES}
    assert on_disk == {(rule_id, name) for rule_id, cases in built.items() for name in cases}, (
        "run `.venv/bin/python tests/rules/casebuilder.py`")
    for rule_id, cases in built.items():
        for name, data in cases.items():
            assert _load(CASES / rule_id / f"{name}.json") == json.loads(json.dumps(data)), f"{rule_id}/{name}"
