"""The rule engine: run every enabled rule of a profile on one stored snapshot.

Each rule runs wrapped: an exception becomes an ``error`` finding for that rule, never a crash of
the run.  The clock is an argument (the crawl start, or the original crawl's clock on re-checks).
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from nd42.records import Evidence, Finding, PortalSnapshot, Status
from rules.base import ComplianceRule, RuleContext, all_rules
from rules.profiles import DEFAULT_PROFILE, Profile, load_profile, validate_overrides


def evaluate(
    snapshot: PortalSnapshot,
    profile: Profile | str | None,
    now: dt.datetime,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    rules: Iterable[type[ComplianceRule]] | None = None,
) -> list[Finding]:
    """Findings of the enabled rules, in rule-id order.

    ``profile`` is a :class:`Profile`, a profile name/path, or ``None`` for the default profile.
    ``overrides`` are per-portal settings ``{rule_id: {option|enabled|severity: value}}``; invalid
    ones raise :class:`~rules.profiles.ProfileError` before any rule runs.  ``rules`` replaces the
    registry (tests).
    """
    if not isinstance(profile, Profile):
        profile = load_profile(profile or DEFAULT_PROFILE)
    overrides = overrides or {}
    validate_overrides(overrides)
    selected = sorted(rules if rules is not None else all_rules().values(), key=lambda r: r.id)
    findings: list[Finding] = []
    for rule_cls in selected:
        settings = profile.settings_for(rule_cls, overrides.get(rule_cls.id))
        if not settings.enabled:
            continue
        ctx = RuleContext(now=now, options=settings.options, profile_id=profile.id, severity=settings.severity,
                          citations=settings.citations)
        findings.extend(run_rule(rule_cls, snapshot, ctx))
    return findings


def run_rule(rule_cls: type[ComplianceRule], snapshot: PortalSnapshot, ctx: RuleContext) -> list[Finding]:
    """One rule's findings; an exception, no finding or a malformed one becomes an ``error`` finding."""
    try:
        found = list(rule_cls().check(snapshot, ctx))
    except Exception as exc:  # a broken rule must not break the run; the finding records why
        return [_error(rule_cls, ctx, "rule_exception", f"{type(exc).__name__}: {exc}", _exception_details(exc))]
    if not found:
        return [_error(rule_cls, ctx, "no_finding", "the rule produced no finding", {})]
    for item in found:
        # Reports and the store trust these fields; a rule that gets them wrong is a bug to surface.
        if not isinstance(item, Finding) or item.rule_id != rule_cls.id or not isinstance(item.status, Status):
            text = f"the rule produced a malformed finding: {item!r:.200}"
            return [_error(rule_cls, ctx, "bad_finding", text, {})]
    return found


def _exception_details(exc: BaseException) -> dict[str, Any]:
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    return {
        "exception_class": type(exc).__name__,
        "exception_message": str(exc),
        # Where it was raised, relative to the package (no absolute paths in stored findings).
        "raised_at": f"{Path(last.filename).name}:{last.lineno} in {last.name}" if last else None,
    }


def _error(rule_cls: type[ComplianceRule], ctx: RuleContext, error_class: str, text: str,
           extra: Mapping[str, Any]) -> Finding:
    return Finding(
        rule_id=rule_cls.id,
        status=Status.ERROR,
        severity=ctx.severity or rule_cls.severity,
        area=rule_cls.area,
        title_vi=rule_cls.title_vi,
        title_en=rule_cls.title_en,
        message_vi=f"Lỗi khi chạy quy tắc ({text}); kết quả không được tính điểm.",
        message_en=f"The rule failed to run ({text}); it is not scored.",
        evidence=[Evidence(value=text)],
        legal_refs=ctx.refs(rule_cls),
        details={"exception": text, **extra},
        error_class=error_class,
    )
