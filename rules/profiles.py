"""Legal profiles: which rules run, at what severity, with which option values.

A profile is a TOML file (built-ins in ``rules/profiles/``)::

    id = "nd42-2022"
    title_vi = "..."
    title_en = "..."
    notes_vi = ["..."]
    notes_en = ["..."]

    [rules."FR-001"]
    enabled = true
    severity = "high"
    max_age_days = 30
    stale_status = "fail"

Precedence of a rule's settings: the rule's defaults < the profile < per-portal overrides
(``{rule_id: {option: value}}``, from the portal's ``[rules."ID"]`` tables).  Unknown rule ids,
unknown options and bad values raise :class:`ProfileError`, naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nd42.records import Severity
from rules.base import ComplianceRule, all_rules

PROFILE_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = "nd42-2022"
_TOP_KEYS = {"id", "title_vi", "title_en", "notes_vi", "notes_en", "rules"}


class ProfileError(Exception):
    """An invalid or unknown profile, or invalid per-portal rule overrides."""


@dataclasses.dataclass(frozen=True)
class RuleSettings:
    """What a profile (or a portal) says about one rule; ``None`` means "not set here"."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Effective:
    """A rule's resolved settings for one evaluation."""

    enabled: bool
    severity: Severity
    options: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Profile:
    id: str
    title_vi: str
    title_en: str
    notes_vi: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()
    rules: Mapping[str, RuleSettings] = dataclasses.field(default_factory=dict)
    source: str = "<built-in>"

    def settings_for(self, rule: type[ComplianceRule], overrides: Mapping[str, Any] | None = None) -> Effective:
        """Defaults < profile < ``overrides`` (already validated settings for this rule)."""
        enabled, severity, options = True, rule.severity, rule.default_options()
        layers = [self.rules.get(rule.id)]
        if overrides is not None:
            layers.append(parse_rule_settings(rule.id, overrides, "portal overrides"))
        for layer in layers:
            if layer is None:
                continue
            if layer.enabled is not None:
                enabled = layer.enabled
            if layer.severity is not None:
                severity = layer.severity
            options.update(layer.options)
        return Effective(enabled, severity, options)


def parse_rule_settings(rule_id: str, table: Mapping[str, Any], source: str) -> RuleSettings:
    """Validate one ``[rules."ID"]`` table against the rule's declared options."""
    where = f'{source}: rules."{rule_id}"'
    rules = all_rules()
    if rule_id not in rules:
        raise ProfileError(f"{where}: unknown rule id (known: {', '.join(rules)})")
    rule = rules[rule_id]
    if not isinstance(table, Mapping):
        raise ProfileError(f"{where}: must be a table of settings")
    enabled: bool | None = None
    severity: Severity | None = None
    options: dict[str, Any] = {}
    for key, value in table.items():
        if key == "enabled":
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
            known = ", ".join(["enabled", "severity", *rule.options])
            raise ProfileError(f"{where}: unknown key {key!r} (known: {known})")
    return RuleSettings(enabled, severity, options)


def validate_overrides(overrides: Mapping[str, Any] | None, source: str = "portal overrides") -> None:
    """Raise :class:`ProfileError` if per-portal overrides name unknown rules or options."""
    for rule_id, table in (overrides or {}).items():
        parse_rule_settings(rule_id, table, source)


def _strings(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{source}: {key}: expected a list of strings")
    return tuple(value)


def parse_profile(data: Mapping[str, Any], source: str) -> Profile:
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
    return Profile(
        id=data["id"], title_vi=data["title_vi"], title_en=data["title_en"],
        notes_vi=_strings(data, "notes_vi", source), notes_en=_strings(data, "notes_en", source),
        rules=rules, source=source,
    )


def list_profiles() -> list[str]:
    """Names of the built-in profiles."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """A built-in profile by name (``nd42-2022``) or a profile TOML file by path."""
    text = str(name_or_path)
    path = Path(text)
    if not (path.suffix == ".toml" or path.exists() or "/" in text):
        path = PROFILE_DIR / f"{text}.toml"
        if not path.is_file():
            raise ProfileError(f"unknown profile {text!r} (built-in: {', '.join(list_profiles())}; or a .toml path)")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: invalid TOML ({exc})") from None
    return parse_profile(data, str(path))
