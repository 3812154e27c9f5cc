"""Data-driven rule tests: every ``cases/<RULE-ID>/*.json`` file is one test (``pytest -k FR-001``)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from nd42.records import snapshot_from_dict
from rules.base import all_rules
from rules.engine import evaluate

CASES = Path(__file__).with_name("cases")
CASE_FILES = sorted(CASES.glob("*/*.json"))


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CASE_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in CASE_FILES])
def test_case(path: Path) -> None:
    case = _load(path)
    rule_id = path.parent.name
    rule = all_rules()[rule_id]
    snapshot = snapshot_from_dict(case["snapshot"])
    now = dt.datetime.fromisoformat(case["now"])
    overrides = {rule_id: case["options"]} if case.get("options") else None
    findings = evaluate(snapshot, "nd42-2022", now, overrides=overrides, rules=[rule])
    assert len(findings) == 1, findings
    finding = findings[0]
    expect = case["expect"]
    assert finding.rule_id == rule_id
    assert finding.status.value == expect["status"], (case["description"], finding.message_en)
    if "error_class" in expect:
        assert finding.error_class == expect["error_class"]
    for key, value in expect.get("details", {}).items():
        assert finding.details.get(key) == value, key
    assert finding.message_vi and finding.message_en
    assert finding.legal_refs


def test_every_rule_has_good_and_bad_cases() -> None:
    for rule_id in all_rules():
        folder = CASES / rule_id
        assert (folder / "good.json").is_file(), f"{rule_id}: missing cases/{rule_id}/good.json"
        assert (folder / "bad.json").is_file(), f"{rule_id}: missing cases/{rule_id}/bad.json"
        assert _load(folder / "good.json")["expect"]["status"] == "pass", rule_id
        assert _load(folder / "bad.json")["expect"]["status"] in ("fail", "warn"), rule_id


def test_no_case_folder_without_a_rule() -> None:
    assert {p.name for p in CASES.iterdir() if p.is_dir()} <= set(all_rules())
