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
from rules.docs import DOCS_DIR, render_docs
from rules.presence import PRESENCE_RULE_IDS
from rules.registry_view import explain, list_rules, profile_outcome, profiles

KNOWN_IDS = Path(__file__).resolve().parent / "rules" / "known_ids.txt"


def test_generated_docs_are_up_to_date() -> None:
    pages = render_docs()
    on_disk = {p.name for p in DOCS_DIR.glob("*.md")}
    assert on_disk == set(pages), "docs/rules/ is stale: run `.venv/bin/python -m rules.docs`"
    for name, text in pages.items():
        assert (DOCS_DIR / name).read_text(encoding="utf-8") == text, (
            f"docs/rules/{name} is stale: run `.venv/bin/python -m rules.docs`")


def test_rule_ids_are_stable() -> None:
    """Ids are never reused or renamed: every rule ever released is in tests/rules/known_ids.txt.

    A new rule adds its line; a retired rule keeps its line, marked ``retired``.
    """
    known: dict[str, tuple[str, bool]] = {}
    for line in KNOWN_IDS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule_id, name, *flag = line.split()
        assert rule_id not in known, f"{rule_id} listed twice"
        known[rule_id] = (name, flag == ["retired"])
    rules = all_rules()
    for rule_id, rule in rules.items():
        assert rule_id in known, f"{rule_id} is new: add `{rule_id} {rule.name}` to {KNOWN_IDS.name}"
        assert known[rule_id] == (rule.name, False), f"{rule_id} changed name or is marked retired"
    for rule_id, (_name, retired) in known.items():
        assert rule_id in rules or retired, f"{rule_id} disappeared: mark it retired, never reuse its id"


def test_cli_list_explain_and_docs_agree() -> None:
    pages = render_docs()
    listing = list_rules("en")
    for rule_id, rule in all_rules().items():
        page = pages[f"{rule_id}.md"]
        assert f"| [{rule_id}]({rule_id}.md) | {rule.title_en}" in pages["index.md"].replace("\\|", "|")
        assert rule.title_vi in listing and rule.title_en in listing
        text = explain(rule_id, "en")
        for p in profiles():
            outcome = profile_outcome(rule, p)
            assert f"{p.id}: {outcome}" in listing and f"{p.id}: {outcome}" in text
            assert f"| `{p.id}` | {outcome.replace('|', chr(92) + '|')} |" in page
        for section in DOC_SECTIONS:
            assert f"## {section}" in page and f"{section}:" in text
        for ref in rule.legal_refs:
            assert ref.label() in text and ref.certainty.value in page


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
    assert {r.area for r in rules.values()} <= {"freshness", "content", "functions", "layout", "technical"}


def test_list_and_explain() -> None:
    import json

    table_en, table_vi = list_rules("en"), list_rules("vi")
    for rule_id in all_rules():
        assert rule_id in table_en and rule_id in table_vi
    data = json.loads(list_rules(as_json=True))
    assert [r["id"] for r in data] == list(all_rules())
    assert {"title_vi", "title_en", "severity", "legal_refs", "profiles", "doc"} <= set(data[0])
    text = explain("FR-001", "en")
    assert "What it checks" in text and "max_age_days" in text and "VERIFIED" in text and "> 30 d → fail" in text
    assert "Khắc phục" in explain("fr-002", "vi") and "UNVERIFIED" in explain("FR-002", "vi")
    with pytest.raises(ValueError, match="unknown rule"):
        explain("XX-000", "en")
