"""Scoring: only fail counts against; weights by severity; None when nothing is determinable."""

from __future__ import annotations

import pytest

from nd42.records import Finding, Severity, Status
from rules.scoring import score


def f(status: str, severity: str = "medium", area: str = "content") -> Finding:
    return Finding(rule_id="SP-001", status=Status(status), severity=Severity(severity), area=area,
                   title_vi="", title_en="", message_vi="", message_en="")


def test_empty_and_undeterminable_give_none() -> None:
    assert score([])["score"] is None
    result = score([f("not_determinable"), f("not_applicable"), f("error")])
    assert result["score"] is None
    assert result["counts"] == {"pass": 0, "fail": 0, "warn": 0, "not_determinable": 1, "not_applicable": 1,
                                "error": 1}


@pytest.mark.parametrize(("findings", "expected"), [
    ([f("pass"), f("warn")], 100.0),
    ([f("fail")], 0.0),
    ([f("pass", "high"), f("fail", "low")], 75.0),  # 3 / (3 + 1)
    ([f("fail", "critical"), f("pass", "critical"), f("not_determinable", "critical")], 50.0),
    ([f("fail", "info"), f("pass", "low")], 100.0),  # info weighs nothing
    ([f("fail", "info")], 100.0),  # determinable, but nothing weighs: nothing counts against
    ([f("pass", "high"), f("fail", "medium"), f("fail", "medium")], 42.9),  # 3 / 7
])
def test_weights(findings: list[Finding], expected: float) -> None:
    assert score(findings)["score"] == expected


def test_by_area_counts() -> None:
    result = score([f("pass", area="freshness"), f("fail", area="freshness"), f("warn", area="content")])
    assert result["by_area"]["freshness"]["pass"] == 1 and result["by_area"]["freshness"]["fail"] == 1
    assert result["by_area"]["content"]["warn"] == 1
    assert result["counts"]["pass"] == 1 and result["counts"]["warn"] == 1 and result["counts"]["fail"] == 1
