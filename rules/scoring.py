"""Scoring: one 0–100 number per portal from its findings.

Only ``fail`` counts against a portal.  Each determinable finding weighs by its severity
(critical 5, high 3, medium 2, low 1, info 0); ``pass`` and ``warn`` are "met", ``fail`` is not,
and ``not_determinable`` / ``not_applicable`` / ``error`` are left out.  The score is the met
weight over the determinable weight, times 100; ``None`` when nothing was determinable.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nd42.records import Finding, Severity, Status

WEIGHTS: dict[Severity, int] = {
    Severity.CRITICAL: 5,
    Severity.HIGH: 3,
    Severity.MEDIUM: 2,
    Severity.LOW: 1,
    Severity.INFO: 0,
}
MET = (Status.PASS, Status.WARN)
DETERMINABLE = (Status.PASS, Status.WARN, Status.FAIL)


def _zero() -> dict[str, int]:
    return {s.value: 0 for s in Status}


def score(findings: Iterable[Finding]) -> dict[str, Any]:
    """``{"score", "counts", "by_area", "met_weight", "total_weight"}``.

    ``score`` is a float rounded to one decimal, or ``None`` when no finding was determinable;
    ``counts`` maps every status to its number of findings, ``by_area`` does the same per area.
    """
    counts = _zero()
    by_area: dict[str, dict[str, int]] = {}
    met = total = 0
    determinable = False
    for f in findings:
        status = Status(f.status)
        counts[status.value] += 1
        by_area.setdefault(f.area, _zero())[status.value] += 1
        if status in DETERMINABLE:
            determinable = True
            weight = WEIGHTS[Severity(f.severity)]
            total += weight
            if status in MET:
                met += weight
    value: float | None
    if not determinable:
        value = None
    elif total == 0:
        value = 100.0  # only info-weight findings were determinable: nothing counts against
    else:
        value = round(100.0 * met / total, 1)
    return {"score": value, "counts": counts, "by_area": dict(sorted(by_area.items())),
            "met_weight": met, "total_weight": total}
