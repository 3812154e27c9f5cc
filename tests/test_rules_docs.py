"""The rule catalogue: metadata validation, documentation, generated docs and the CLI views."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nd42.records import SECTION_KINDS, Severity
from rules import citations
from rules.base import (
    DOC_SECTIONS,
    REGISTRY,
    ComplianceRule,
    Option,
    RuleDefinitionError,
    RuleRegistry,
    all_rules,
)
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


def test_option_defaults_and_metadata_are_validated_at_definition() -> None:
    body = """x **What it checks** **Why it matters** **Non-compliant** **Compliant** **Remediation**"""
    base = {"__doc__": body, "name": "x.y", "title_vi": "x", "title_en": "x", "description_vi": "x",
            "remediation_vi": "x", "area": "content", "severity": Severity.LOW}
    cases = [
        ({"id": "ZZ-101", "options": {"max_age_days": Option(int, "30", "x", "x")}}, "bad default"),
        ({"id": "ZZ-102", "options": {"flag": Option(int, True, "x", "x")}}, "bad default"),
        ({"id": "ZZ-103", "options": {"mode": Option(str, "panic", "x", "x", choices=("fail", "warn"))}},
         "bad default"),
        ({"id": "ZZ-104", "options": {"enabled": Option(bool, True, "x", "x")}}, "reserved"),
        ({"id": "ZZ-105", "severity": "high"}, "severity must be"),
        ({"id": "ZZ-106", "area": "looks"}, "area"),
        ({"id": "ZZ-107", "name": "NoDots"}, "dotted slug"),
        ({"id": "ZZ-108", "since": "soon"}, "since"),
        ({"id": "ZZ-109", "legal_refs": [citations.ND42_4_1_A]}, "tuple of LegalRef"),
        ({"id": "ZZ-110", "title_en": ""}, "title_en"),
    ]
    for attrs, needle in cases:
        with pytest.raises(RuleDefinitionError, match=needle):
            type("Bad", (ComplianceRule,), {**base, **attrs})


def test_registry_rejects_duplicate_names_and_non_rules() -> None:
    registry = RuleRegistry()
    doc = """x **What it checks** **Why it matters** **Non-compliant** **Compliant** **Remediation**"""
    attrs = {"__doc__": doc, "title_vi": "x", "title_en": "x", "description_vi": "x", "remediation_vi": "x",
             "area": "content", "severity": Severity.LOW}
    first = type("First", (ComplianceRule,), {**attrs, "id": "ZZ-201", "name": "zz.same"})
    second = type("Second", (ComplianceRule,), {**attrs, "id": "ZZ-202", "name": "zz.same"})
    registry.register(first)
    assert registry.register(first) is first  # idempotent (a module imported twice)
    with pytest.raises(RuleDefinitionError, match=r"zz\.same"):
        registry.register(second)
    with pytest.raises(RuleDefinitionError, match="not a ComplianceRule"):
        registry.register(dict)  # type: ignore[type-var]
    assert registry.ids() == ["ZZ-201"] and "ZZ-201" in registry and len(registry) == 1


def test_builtin_registry_covers_all_rules_in_id_order() -> None:
    rules = all_rules()
    assert list(rules) == sorted(rules) == REGISTRY.ids()
    assert {r.area for r in rules.values()} <= {"freshness", "content", "technical"}


def test_list_and_explain() -> None:
    table_en, table_vi = list_rules("en"), list_rules("vi")
    for rule_id in all_rules():
        assert rule_id in table_en and rule_id in table_vi
    text = explain("FR-001", "en")
    assert "What it checks" in text and "max_age_days" in text and "VERIFIED" in text and "> 30 d → fail" in text
    assert "Khắc phục" in explain("fr-002", "vi") and "UNVERIFIED" in explain("FR-002", "vi")
    with pytest.raises(ValueError, match="unknown rule"):
        explain("XX-000", "en")
