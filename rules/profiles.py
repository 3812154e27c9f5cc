"""Legal profiles: which rules run, at what severity, with which options and which citations.

A profile is a TOML file (the built-ins live in ``config/profiles/``)::

    id = "nd42-2022"
    title_vi = "..."
    title_en = "..."
    notes_vi = ["..."]
    notes_en = ["..."]
    extends = "nd224-2026"          # optional: start from another profile's settings

    [successor]                     # optional: the instrument was replaced
    profile = "nd224-2026"
    replaced_on = 2026-07-01
    note_vi = "..."
    note_en = "..."

    [rules."FR-001"]
    enabled = true
    severity = "high"
    max_age_days = 30
    stale_status = "fail"
    citations = ["ND224_9_3", "LAW104_18_4"]   # keys of rules.citations.BY_KEY; default: the rule's own

Precedence of a rule's settings: the rule's defaults < the extended profile < the profile <
per-portal overrides (``{rule_id: {option: value}}``, from the portal's ``[rules."ID"]`` tables).
Unknown rule ids, keys, citations and bad values raise :class:`ProfileError`, naming the file and
the key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nd42.records import LegalRef, Severity
from rules.base import ComplianceRule, all_rules
from rules.citations import BY_KEY

DEFAULT_PROFILE = "nd42-2022"
_TOP_KEYS = {"id", "title_vi", "title_en", "notes_vi", "notes_en", "rules", "extends", "successor"}
_SUCCESSOR_KEYS = {"profile", "replaced_on", "note_vi", "note_en"}
MAX_EXTENDS_DEPTH = 5


def profile_dirs() -> list[Path]:
    """Where built-in profiles are looked up, first match wins.

    ``$ND42_CONFIG_DIR/profiles``, then the checkout's ``config/profiles`` (the usual editable
    install), then ``<prefix>/share/nd42/config/profiles`` (a wheel install's data files).
    """
    dirs = []
    if os.environ.get("ND42_CONFIG_DIR"):
        dirs.append(Path(os.environ["ND42_CONFIG_DIR"]) / "profiles")
    dirs.append(Path(__file__).resolve().parents[1] / "config" / "profiles")
    dirs.append(Path(sys.prefix) / "share" / "nd42" / "config" / "profiles")
    return dirs


class ProfileError(Exception):
    """An invalid or unknown profile, or invalid per-portal rule overrides."""


@dataclasses.dataclass(frozen=True)
class RuleSettings:
    """What a profile (or a portal) says about one rule; ``None`` means "not set here"."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    citations: tuple[LegalRef, ...] | None = None


@dataclasses.dataclass(frozen=True)
class Effective:
    """A rule's resolved settings for one evaluation."""

    enabled: bool
    severity: Severity
    options: dict[str, Any]
    citations: tuple[LegalRef, ...]  # the citations its findings show


@dataclasses.dataclass(frozen=True)
class Successor:
    """The profile that replaces this one, and from when (Decree 42/2022 → 224/2026)."""

    profile: str
    replaced_on: dt.date
    note_vi: str = ""
    note_en: str = ""


@dataclasses.dataclass(frozen=True)
class Profile:
    id: str
    title_vi: str
    title_en: str
    notes_vi: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    rules: Mapping[str, RuleSettings] = dataclasses.field(default_factory=dict)
    source: str = "<built-in>"
    extends: str | None = None
    successor: Successor | None = None

    def settings_for(self, rule: type[ComplianceRule], overrides: Mapping[str, Any] | None = None) -> Effective:
        """Defaults < profile (its ``extends`` chain already merged) < ``overrides``."""
        enabled, severity, options = True, rule.severity, rule.default_options()
        citations: tuple[LegalRef, ...] = rule.legal_refs
        layers = [self.rules.get(rule.id)]
        if overrides is not None:
            layers.append(parse_rule_settings(rule.id, overrides, "portal overrides", allow_citations=False))
        for layer in layers:
            if layer is None:
                continue
            if layer.enabled is not None:
                enabled = layer.enabled
            if layer.severity is not None:
                severity = layer.severity
            if layer.citations is not None:
                citations = layer.citations
            options.update(layer.options)
        return Effective(enabled, severity, options, citations)

    def enabled_rules(self) -> list[str]:
        """Ids of the rules this profile runs, in id order."""
        return [rule_id for rule_id, rule in all_rules().items() if self.settings_for(rule).enabled]


def parse_rule_settings(rule_id: str, table: Mapping[str, Any], source: str, *,
                        allow_citations: bool = True) -> RuleSettings:
    """Validate one ``[rules."ID"]`` table against the rule's declared options.

    ``citations`` (keys of :data:`rules.citations.BY_KEY`) belong to profiles; a portal's own
    overrides may tune thresholds but not change what the law is said to be.
    """
    where = f'{source}: rules."{rule_id}"'
    rules = all_rules()
    if rule_id not in rules:
        raise ProfileError(f"{where}: unknown rule id (known: {', '.join(rules)})")
    rule = rules[rule_id]
    if not isinstance(table, Mapping):
        raise ProfileError(f"{where}: must be a table of settings")
    enabled: bool | None = None
    severity: Severity | None = None
    citations: tuple[LegalRef, ...] | None = None
    options: dict[str, Any] = {}
    for key, value in table.items():
        if key == "citations" and allow_citations:
            citations = _citations(value, f"{where}.citations")
        elif key == "enabled":
            if not isinstance(value, bool):
                raise ProfileError(f"{where}.enabled: expected true or false, got {value!r}")
            enabled = value
        elif key == "severity":
            try:
                severity = Severity(value)
            except ValueError:
                raise ProfileError(
                    f"{where}.severity: {value!r} is not one of {', '.join(s.value for s in Severity)}"
                ) from None
        elif key in rule.options:
            try:
                options[key] = rule.options[key].validate(value)
            except ValueError as exc:
                raise ProfileError(f"{where}.{key}: {exc}") from None
        else:
            known = ", ".join(["enabled", "severity", *(["citations"] if allow_citations else []), *rule.options])
            raise ProfileError(f"{where}: unknown key {key!r} (known: {known})")
    return RuleSettings(enabled, severity, options, citations)


def _citations(value: Any, where: str) -> tuple[LegalRef, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where}: expected a non-empty list of citation keys, e.g. [\"ND224_9_3\"]")
    unknown = [v for v in value if v not in BY_KEY]
    if unknown:
        raise ProfileError(f"{where}: unknown citation {unknown[0]!r} (known: {', '.join(BY_KEY)})")
    return tuple(BY_KEY[v] for v in value)


def validate_overrides(overrides: Mapping[str, Any] | None, source: str = "portal overrides") -> None:
    """Raise :class:`ProfileError` if per-portal overrides name unknown rules or options."""
    for rule_id, table in (overrides or {}).items():
        parse_rule_settings(rule_id, table, source, allow_citations=False)


def _strings(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{source}: {key}: expected a list of strings")
    return tuple(value)


def _successor(value: Any, source: str) -> Successor | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ProfileError(f"{source}: successor: must be a table")
    unknown = sorted(set(value) - _SUCCESSOR_KEYS)
    if unknown:
        known = ", ".join(sorted(_SUCCESSOR_KEYS))
        raise ProfileError(f"{source}: successor.{unknown[0]}: unknown key (known: {known})")
    if not isinstance(value.get("profile"), str) or not value["profile"]:
        raise ProfileError(f"{source}: successor.profile: required, a profile name")
    day = value.get("replaced_on")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            raise ProfileError(f"{source}: successor.replaced_on: not a date (YYYY-MM-DD): {day!r}") from None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ProfileError(f"{source}: successor.replaced_on: required, a date such as 2026-07-01")
    for key in ("note_vi", "note_en"):
        if not isinstance(value.get(key, ""), str):
            raise ProfileError(f"{source}: successor.{key}: must be a string")
    return Successor(value["profile"], day, value.get("note_vi", ""), value.get("note_en", ""))


def parse_profile(data: Mapping[str, Any], source: str, *, _depth: int = 0) -> Profile:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ProfileError(f"{source}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})")
    for key in ("id", "title_vi", "title_en"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ProfileError(f"{source}: {key}: required, a non-empty string")
    rules_table = data.get("rules", {})
    if not isinstance(rules_table, dict):
        raise ProfileError(f'{source}: rules: must be tables, e.g. [rules."FR-001"]')
    rules = {str(rule_id): parse_rule_settings(str(rule_id), table, source) for rule_id, table in rules_table.items()}
    extends = data.get("extends")
    if extends is not None:
        if not isinstance(extends, str) or not extends:
            raise ProfileError(f"{source}: extends: must be a profile name")
        if _depth >= MAX_EXTENDS_DEPTH:
            raise ProfileError(f"{source}: extends: chain longer than {MAX_EXTENDS_DEPTH} (a cycle?)")
        try:
            base = load_profile(extends, _depth=_depth + 1)
        except ProfileError as exc:
            raise ProfileError(f"{source}: extends: {exc}") from None
        rules = {rule_id: _merge(base.rules.get(rule_id), rules.get(rule_id)) for rule_id in {*base.rules, *rules}}
    return Profile(
        id=data["id"], title_vi=data["title_vi"], title_en=data["title_en"],
        notes_vi=_strings(data, "notes_vi", source), notes_en=_strings(data, "notes_en", source),
        rules=rules, source=source, extends=extends, successor=_successor(data.get("successor"), source),
    )


def _merge(base: RuleSettings | None, top: RuleSettings | None) -> RuleSettings:
    if base is None or top is None:
        return top or base or RuleSettings()
    return RuleSettings(
        enabled=top.enabled if top.enabled is not None else base.enabled,
        severity=top.severity or base.severity,
        options={**base.options, **top.options},
        citations=top.citations if top.citations is not None else base.citations,
    )


def list_profiles() -> list[str]:
    """Names of the built-in profiles."""
    names: set[str] = set()
    for folder in profile_dirs():
        names |= {p.stem for p in folder.glob("*.toml")}
    return sorted(names)


def _builtin(name: str) -> Path | None:
    return next((d / f"{name}.toml" for d in profile_dirs() if (d / f"{name}.toml").is_file()), None)


def load_profile(name_or_path: str | Path, *, _depth: int = 0) -> Profile:
    """A built-in profile by name (``nd42-2022``) or a profile TOML file by path."""
    text = str(name_or_path)
    path = Path(text)
    if not (path.suffix == ".toml" or path.exists() or "/" in text):
        found = _builtin(text)
        if found is None:
            raise ProfileError(f"unknown profile {text!r} (built-in: {', '.join(list_profiles())}; or a .toml path)")
        path = found
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: invalid TOML ({exc})") from None
    return parse_profile(data, str(path), _depth=_depth)


@dataclasses.dataclass(frozen=True)
class CarryOver:
    """How the rules of a replaced profile fare under its successor."""

    same: list[str]  # run by the successor with the same settings (severity, options)
    changed: list[str]  # run by the successor, with other settings (e.g. a fail became a warning)
    dropped: list[str]  # not run by the successor

    @property
    def carried(self) -> list[str]:
        return sorted(self.same + self.changed)


def carry_over(profile: Profile) -> CarryOver | None:
    """The rules of ``profile`` its successor still runs, as they are or changed, and those it drops."""
    if profile.successor is None:
        return None
    successor = load_profile(profile.successor.profile)
    same, changed, dropped = [], [], []
    for rule_id, rule in all_rules().items():
        mine = profile.settings_for(rule)
        if not mine.enabled:
            continue
        theirs = successor.settings_for(rule)
        if not theirs.enabled:
            dropped.append(rule_id)
        elif (mine.severity, mine.options) == (theirs.severity, theirs.options):
            same.append(rule_id)
        else:
            changed.append(rule_id)
    return CarryOver(same, changed, dropped)


def profile_info(profile: Profile) -> dict[str, Any]:
    """What reports and JSON show of a profile: its names, notes, parent and successor (JSON-ready)."""
    info: dict[str, Any] = {"id": profile.id, "title_vi": profile.title_vi, "title_en": profile.title_en,
                            "notes_vi": list(profile.notes_vi), "notes_en": list(profile.notes_en),
                            "extends": profile.extends}
    if profile.successor is not None:
        carried = carry_over(profile) or CarryOver([], [], [])
        info["successor"] = {"profile": profile.successor.profile,
                             "replaced_on": profile.successor.replaced_on.isoformat(),
                             "note_vi": profile.successor.note_vi, "note_en": profile.successor.note_en,
                             "carried": carried.carried, "same": carried.same, "changed": carried.changed,
                             "dropped": carried.dropped}
    return info
