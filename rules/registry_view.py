"""Text views of the rule registry for the CLI: ``nd42 rules list`` and ``nd42 rules explain ID``."""

from __future__ import annotations

import inspect
from typing import Any

from nd42.records import LegalRef
from rules.base import ComplianceRule, all_rules
from rules.profiles import DEFAULT_PROFILE, load_profile


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def profile_outcome(rule: type[ComplianceRule], profile_id: str = DEFAULT_PROFILE) -> str:
    """A short description of what the rule reports under a profile, e.g. ``> 30 d → fail``."""
    settings = load_profile(profile_id).settings_for(rule)
    if not settings.enabled:
        return "off"
    opts = settings.options
    if "max_age_days" in opts:
        return f"> {opts['max_age_days']} d → {opts['stale_status']} ({settings.severity.value})"
    if "missing_status" in opts:
        gate = ""
        if opts["missing_status"] == "fail" and rule.obligation_from is not None:
            gate = f"; warn before {rule.obligation_from.isoformat()}"
        return f"missing → {opts['missing_status']} ({settings.severity.value}{gate})"
    return f"on ({settings.severity.value})"


def ref_line(ref: LegalRef, lang: str) -> str:
    note = ref.note_vi if lang == "vi" else ref.note_en
    return f"{ref.label()} [{ref.certainty.value}; {ref.standing}] — {note}"


def list_rules(lang: str = "vi") -> str:
    """A plain-text table of every rule."""
    vi = lang == "vi"
    header = ("Mã", "Lĩnh vực", "Mức độ", f"Theo {DEFAULT_PROFILE}", "Nội dung") if vi else \
        ("ID", "Area", "Severity", f"Under {DEFAULT_PROFILE}", "Title")
    rows = [header]
    for rule in all_rules().values():
        rows.append((rule.id, rule.area, rule.severity.value, profile_outcome(rule),
                     rule.title_vi if vi else rule.title_en))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row[:-1], widths, strict=True)) + "  " + row[-1])
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(row[-1]))
    return "\n".join(lines)


def explain(rule_id: str, lang: str = "vi") -> str:
    """The full description of one rule: documentation, options, citations, profile setting."""
    rules = all_rules()
    key = (rule_id or "").strip().upper()
    if key not in rules:
        raise ValueError(f"unknown rule {rule_id!r} (known: {', '.join(rules)})")
    rule = rules[key]
    vi = lang == "vi"
    out = [f"{rule.id} — {rule.title_vi if vi else rule.title_en}", ""]
    out.append(("Lĩnh vực: " if vi else "Area: ") + rule.area + "    " + ("Mức độ: " if vi else "Severity: ")
               + rule.severity.value + "    " + ("Từ phiên bản: " if vi else "Since: ") + rule.since
               + f"    ({rule.name})")
    out.append("")
    if vi:
        out += ["Kiểm tra:", "  " + rule.description_vi, "", "Khắc phục:", "  " + rule.remediation_vi]
    else:
        out.append(inspect.cleandoc(rule.__doc__ or ""))
    out += ["", "Tùy chọn:" if vi else "Options:"]
    for name, opt in rule.options.items():
        doc = opt.doc_vi if vi else opt.doc_en
        out.append(f"  {name} ({opt.type.__name__}, {'mặc định' if vi else 'default'} {_value(opt.default)}): {doc}")
    if not rule.options:
        out.append("  —")
    out += ["", "Căn cứ pháp lý:" if vi else "Legal basis:"]
    out += [f"  - {ref_line(ref, lang)}" for ref in rule.legal_refs] or ["  —"]
    out += ["", (f"Theo hồ sơ {DEFAULT_PROFILE}: " if vi else f"Under profile {DEFAULT_PROFILE}: ")
            + profile_outcome(rule)]
    return "\n".join(out)
