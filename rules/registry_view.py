"""Views of the rule registry: ``nd42 rules`` (list), ``nd42 rules ID`` (explain) and the data the
generated docs (``docs/rules/``) are written from, so that the CLI and the docs always agree."""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

from nd42.records import LegalRef
from rules.base import DOC_SECTIONS, ComplianceRule, all_rules
from rules.profiles import DEFAULT_PROFILE, Profile, list_profiles, load_profile

_HEADING = re.compile(r"^\*\*(.+)\*\*$")
SECTION_VI = {
    "What it checks": "Kiểm tra gì",
    "Why it matters": "Vì sao quan trọng",
    "Non-compliant": "Ví dụ không đạt",
    "Compliant": "Ví dụ đạt",
    "Remediation": "Khắc phục",
}


def profiles() -> list[Profile]:
    """The built-in profiles, the default first."""
    loaded = [load_profile(n) for n in list_profiles()]
    # National profiles before the provincial ones that extend them.
    return sorted(loaded, key=lambda p: (p.id != DEFAULT_PROFILE, p.extends is not None, p.id))


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def profile_outcome(rule: type[ComplianceRule], profile: Profile | str = DEFAULT_PROFILE) -> str:
    """What the rule reports under a profile, e.g. ``> 30 d → fail (high)`` or ``missing → warn (low)``."""
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    settings = profile.settings_for(rule)
    if not settings.enabled:
        return "off"
    opts = settings.options
    parts: list[str] = []
    if "max_age_days" in opts:
        parts.append(f"> {opts['max_age_days']} d → {opts['stale_status']}")
    for key, value in opts.items():
        if key in ("max_age_days", "stale_status"):
            continue
        if key.endswith("_status"):
            parts.append(f"{key.removesuffix('_status')} → {value}")
        else:
            parts.append(f"{key}={_value(value)}")
    gate = ""
    if rule.obligation_from is not None and any(str(v) == "fail" for k, v in opts.items() if k.endswith("_status")):
        gate = f"; warn before {rule.obligation_from.isoformat()}"
    return "; ".join(parts or ["on"]) + f" ({settings.severity.value}{gate})"


def ref_line(ref: LegalRef, lang: str) -> str:
    note = ref.note_vi if lang == "vi" else ref.note_en
    return f"{ref.label()} [{ref.certainty.value}; {ref.standing}] — {note}"


def doc_sections(rule: type[ComplianceRule]) -> dict[str, str]:
    """The docstring's fixed sections (What it checks … Remediation) as plain text."""
    lines = inspect.cleandoc(rule.__doc__ or "").splitlines()[1:]
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        match = _HEADING.match(line.strip())
        if match and match.group(1) in DOC_SECTIONS:
            current = sections.setdefault(match.group(1), [])
            continue
        if current is not None:
            current.append(line)
    return {name: "\n".join(body).strip() for name, body in sections.items()}


def rule_info(rule: type[ComplianceRule]) -> dict[str, Any]:
    """Everything the CLI and the docs show about one rule."""
    return {
        "id": rule.id,
        "name": rule.name,
        "title_vi": rule.title_vi,
        "title_en": rule.title_en,
        "summary": rule.summary(),
        "area": rule.area,
        "severity": rule.severity.value,
        "since": rule.since,
        "obligation_from": rule.obligation_from.isoformat() if rule.obligation_from else None,
        "options": {k: {"type": o.type.__name__, "default": o.default, "doc_vi": o.doc_vi, "doc_en": o.doc_en,
                        **({"choices": list(o.choices)} if o.choices else {})} for k, o in rule.options.items()},
        "legal_refs": [{"label": r.label(), "instrument": r.instrument, "article": r.article, "clause": r.clause,
                        "certainty": r.certainty.value, "standing": r.standing} for r in rule.legal_refs],
        "profiles": {p.id: {"outcome": profile_outcome(rule, p),
                            "citations": [r.label() for r in p.settings_for(rule).citations]}
                     for p in profiles()},
        "description_vi": rule.description_vi,
        "remediation_vi": rule.remediation_vi,
        "doc": doc_sections(rule),
    }


def list_rules(lang: str = "vi", *, as_json: bool = False) -> str:
    """Every rule: id, severity, area, the outcome under each profile, both titles, the legal basis."""
    rules = all_rules()
    if as_json:
        return json.dumps([rule_info(r) for r in rules.values()], ensure_ascii=False, indent=1)
    vi = lang == "vi"
    known = profiles()
    out = [("Quy tắc của nd42" if vi else "nd42 rules") + f" ({len(rules)}); "
           + ("hồ sơ" if vi else "profiles") + ": " + ", ".join(p.id for p in known), ""]
    for rule in rules.values():
        out.append(f"{rule.id}  {rule.severity.value:<8} {rule.area:<10} {rule.title_vi}")
        out.append(f"{'':8} {'':8} {'':10} {rule.title_en}")
        out.append(f"{'':28}" + " · ".join(f"{p.id}: {profile_outcome(rule, p)}" for p in known))
        refs = "; ".join(f"{r.label()} [{r.certainty.value}]" for r in rule.legal_refs)
        out.append(f"{'':28}" + ("Căn cứ: " if vi else "Basis: ") + refs)
    out += ["", "nd42 rules ID — " + ("giải thích một quy tắc" if vi else "explain one rule")]
    return "\n".join(out)


def explain(rule_id: str, lang: str = "vi") -> str:
    """One rule in full: what it checks, why, examples, remediation, options, legal basis, profiles."""
    rules = all_rules()
    key = (rule_id or "").strip().upper()
    if key not in rules:
        raise ValueError(f"unknown rule {rule_id!r} (known: {', '.join(rules)})")
    rule = rules[key]
    vi = lang == "vi"
    info = rule_info(rule)
    out = [f"{rule.id} — {rule.title_vi}", f"{' ' * len(rule.id)}   {rule.title_en}", ""]
    out.append(("Lĩnh vực" if vi else "Area") + f": {rule.area}    " + ("Mức độ" if vi else "Severity")
               + f": {rule.severity.value}    " + ("Từ phiên bản" if vi else "Since") + f": {rule.since}"
               + f"    ({rule.name})")
    out += ["", rule.summary(), ""]
    if vi:
        out += ["Mô tả:", "  " + rule.description_vi, ""]
    for name, body in info["doc"].items():
        out.append(f"{SECTION_VI[name]} / {name}:" if vi else f"{name}:")
        out += ["  " + line if line else "" for line in body.splitlines()]
        if name == "Remediation" and vi:
            out.append("  " + rule.remediation_vi)
        out.append("")
    out.append("Tùy chọn / Options:" if vi else "Options:")
    for name, opt in rule.options.items():
        doc = opt.doc_vi if vi else opt.doc_en
        choices = f", {'một trong' if vi else 'one of'} {'/'.join(map(str, opt.choices))}" if opt.choices else ""
        out.append(f"  {name} ({opt.type.__name__}, {'mặc định' if vi else 'default'} {_value(opt.default)}"
                   f"{choices}): {doc}")
    if not rule.options:
        out.append("  —")
    out += ["", "Căn cứ pháp lý / Legal basis:" if vi else "Legal basis:"]
    out += [f"  - {ref_line(ref, lang)}" for ref in rule.legal_refs] or ["  —"]
    if rule.obligation_from is not None:
        out += ["", (f"Nghĩa vụ có hiệu lực từ {rule.obligation_from:%d/%m/%Y}: trước ngày đó, \"không đạt\" được báo "
                     "là \"cảnh báo\"." if vi else
                     f"The obligation applies from {rule.obligation_from:%d/%m/%Y}: before that day a fail is "
                     "reported as a warning.")]
    out += ["", "Theo hồ sơ / Under each profile:" if vi else "Under each profile:"]
    for profile_id, view in info["profiles"].items():
        out.append(f"  {profile_id}: {view['outcome']}")
        out.append(f"  {'':{len(profile_id)}}  " + ("trích dẫn: " if vi else "cites: ") + "; ".join(view["citations"]))
    return "\n".join(out)
