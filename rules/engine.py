"""The rule engine: run every enabled rule of a profile on one stored snapshot.

Each rule runs wrapped: an exception becomes an ``error`` finding for that rule, never a crash of
the run.  The clock is an argument (the crawl start, or the original crawl's clock on re-checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from nd42.records import Evidence, Finding, PortalSnapshot, Status
from rules.base import ComplianceRule, RuleContext, all_rules
from rules.citations import refs_as_of
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
        ctx = RuleContext(now=now, options=settings.options, profile_id=profile.id, severity=settings.severity)
        findings.extend(run_rule(rule_cls, snapshot, ctx))
    return findings


def run_rule(rule_cls: type[ComplianceRule], snapshot: PortalSnapshot, ctx: RuleContext) -> list[Finding]:
    """One rule's findings; an exception (or no finding at all) becomes an ``error`` finding."""
    try:
        found = list(rule_cls().check(snapshot, ctx))
    except Exception as exc:  # a broken rule must not break the run; the finding records why
        return [_error(rule_cls, ctx, "rule_exception", f"{type(exc).__name__}: {exc}")]
    if not found:
        return [_error(rule_cls, ctx, "no_finding", "the rule produced no finding")]
    return found


def _error(rule_cls: type[ComplianceRule], ctx: RuleContext, error_class: str, text: str) -> Finding:
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
        legal_refs=refs_as_of(rule_cls.legal_refs, ctx.now),
        details={"exception": text},
        error_class=error_class,
    )
