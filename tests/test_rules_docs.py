"""The rule catalogue: metadata validation, documentation, generated docs and the CLI views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nd42.records import SECTION_KINDS, Severity
from rules import citations
from rules.base import DOC_SECTIONS, ComplianceRule, RuleDefinitionError, all_rules
from rules.docs import render_markdown
from rules.presence import PRESENCE_RULE_IDS
from rules.registry_view import explain, list_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_generated_docs_are_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/rules.md is stale: run `.venv/bin/python -m rules.docs > docs/rules.md`")


def test_every_rule_is_documented_and_well_formed() -> None:
    rules = all_rules()
    assert len({r.name for r in rules.values()}) == len(rules)
    for rule_id, rule in rules.items():
        assert re.fullmatch(r"[A-Z]{2,3}-\d{3}", rule_id)
        doc = rule.__doc__ or ""
        positions = [doc.index(f"**{s}**") for s in DOC_SECTIONS]
        assert positions == sorted(positions), rule_id
        assert rule.description_vi and rule.remediation_vi and rule.title_vi and rule.title_en
        assert rule.legal_refs, rule_id
        assert all(ref in citations.ALL_REFS for ref in rule.legal_refs), rule_id


def test_one_presence_rule_per_section_kind() -> None:
    rules = all_rules()
    assert set(PRESENCE_RULE_IDS) == set(SECTION_KINDS)
    for kind, rule_id in PRESENCE_RULE_IDS.items():
        assert getattr(rules[rule_id], "kind", None) == kind


def test_malformed_rules_fail_at_definition() -> None:
    with pytest.raises(RuleDefinitionError, match="does not match"):
        class BadId(ComplianceRule):
            """x **What it checks** **Why it matters** **Non-compliant** **Compliant** **Remediation**"""

            id = "fr-1"
            name = "x.y"
            title_vi = title_en = description_vi = remediation_vi = "x"
            area = "content"
            severity = Severity.LOW

    with pytest.raises(RuleDefinitionError, match="Remediation"):
        class NoSections(ComplianceRule):
            """Only a summary. **What it checks** **Why it matters** **Non-compliant** **Compliant**"""

            id = "ZZ-001"
            name = "x.y"
            title_vi = title_en = description_vi = remediation_vi = "x"
            area = "content"
            severity = Severity.LOW

    with pytest.raises(RuleDefinitionError, match="already used"):
        class Duplicate(ComplianceRule):
            """x **What it checks** **Why it matters** **Non-compliant** **Compliant** **Remediation**"""

            id = "FR-001"
            name = "x.y"
            title_vi = title_en = description_vi = remediation_vi = "x"
            area = "content"
            severity = Severity.LOW


def test_list_and_explain() -> None:
    table_en, table_vi = list_rules("en"), list_rules("vi")
    for rule_id in all_rules():
        assert rule_id in table_en and rule_id in table_vi
    text = explain("FR-001", "en")
    assert "What it checks" in text and "max_age_days" in text and "VERIFIED" in text and "> 30 d → fail" in text
    assert "Khắc phục" in explain("fr-002", "vi") and "UNVERIFIED" in explain("FR-002", "vi")
    with pytest.raises(ValueError, match="unknown rule"):
        explain("XX-000", "en")
