"""The portal registry: every portal the nightly run checks, in one TOML file.

::

    [defaults]                       # optional: what every entry has unless it says otherwise
    profile = "daknong-cchc"
    level = "department"
    parent = "https://daknong.gov.vn/"
    tags = ["so-nganh"]              # joined with each entry's own tags
    page_budget = 80                 # pages per portal (probes included)
    time_budget = 300                # seconds per portal (probes included)
    [defaults.rules."FR-001"]        # merged under each entry's own [portal.rules."FR-001"]
    max_age_days = 30

    [notify]                         # optional: the e-mail digests (docs/notifications.md)

    [[portal]]
    id = "sct"                       # unique; a slug: a-z, 0-9, '-' and '_'
    name = "Sở Công Thương tỉnh Đắk Nông"
    agency = "UBND tỉnh Đắk Nông"
    url = "https://sct.daknong.gov.vn/"
    tags = ["kinh-te"]
    [portal.sections.directive_documents]   # as in a portal file
    url = "https://sct.daknong.gov.vn/van-ban-chi-dao"
    [portal.rules."FR-001"]
    max_age_days = 45

An entry's ``endpoints`` (``{ http = "…", https = "…" }``) say where the network probes try plain
HTTP and HTTPS, as in a portal file.  Every error is one :class:`~nd42.config.ConfigError` naming
the file, the entry (its number, from 1, and its id) and the field, for example
``registry.toml: portal #3 (sct): url: không phải URL http(s) / not an http(s) URL: 'htp://…'``;
unknown keys are errors, so a typo never silently drops a setting.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from nd42.config import (
    ConfigError,
    PortalConfig,
    section_override,
    validate_endpoints,
    validate_level,
    validate_parent,
    validate_url,
)
from nd42.notify import parse_settings

TOP_KEYS = ("defaults", "notify", "portal")
DEFAULT_KEYS = ("profile", "level", "parent", "tags", "rules", "page_budget", "time_budget")
ENTRY_KEYS = ("id", "name", "agency", "level", "parent", "url", "tags", "profile", "sections", "rules",
              "page_budget", "time_budget", "endpoints")
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")
MAX_PAGE_BUDGET = 10_000
MAX_TIME_BUDGET = 24 * 3600


@dataclasses.dataclass(frozen=True)
class Registry:
    portals: list[PortalConfig]
    notify: dict[str, Any]  # the raw [notify] table; nd42/notify.py reads it
    source: Path
    # SHA-256 of the normalised entries (defaults applied, sorted by id): equal digests mean the
    # same portals configured the same way, whatever the file's layout, comments or order.
    digest: str
    # The same per portal id, so a changed registry can say which entries changed.
    entry_digests: dict[str, str] = dataclasses.field(default_factory=dict)


def load_registry(path: Path) -> Registry:
    """Read and validate a registry file; :class:`ConfigError` names the file, the entry and the field."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: không đọc được tệp / cannot read: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: không phải UTF-8 / not UTF-8 text: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML không hợp lệ / invalid TOML: {exc}") from exc
    return registry_from_dict(data, path)


def registry_from_dict(data: dict[str, Any], path: Path) -> Registry:
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"{path}: {key}: khóa không hợp lệ / unknown key (known: {', '.join(TOP_KEYS)})")
    defaults = _table(data.get("defaults", {}), f"{path}: defaults")
    notify = _table(data.get("notify", {}), f"{path}: notify")
    # Checked now, with the rest: a typo in [notify] must stop the run before the crawl, not after it.
    parse_settings(notify, f"{path}: notify")
    _known(defaults, DEFAULT_KEYS, f"{path}: defaults")
    entries = data.get("portal", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{path}: portal: phải là các mục [[portal]] / must be [[portal]] entries")
    if not entries:
        raise ConfigError(f"{path}: portal: không có cổng nào / no [[portal]] entry")
    _check_defaults(defaults, f"{path}: defaults")
    portals: list[PortalConfig] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        raw_id = entry.get("id")
        where = f"{path}: portal #{number}" + (f" ({raw_id})" if isinstance(raw_id, str) and raw_id else "")
        portal = _entry(entry, defaults, where)
        portal.profile = _profile_path(portal.profile, path.parent)
        if portal.id in seen:
            raise ConfigError(f"{where}: id: trùng với cổng #{seen[portal.id]} / duplicate of portal "
                              f"#{seen[portal.id]}: {portal.id!r}")
        seen[portal.id] = number
        portals.append(portal)
    return make_registry(portals, path, notify)


def make_registry(portals: list[PortalConfig], source: Path, notify: dict[str, Any] | None = None) -> Registry:
    """A registry of portals built in code (the demo's, a test's), with its digests; ids must be unique."""
    ids = [p.id for p in portals]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{source}: id: trùng / duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    digests = {p.id: _digest(normalised(p)) for p in portals}
    total = _digest([normalised(p) for p in sorted(portals, key=lambda p: p.id)])
    return Registry(list(portals), dict(notify or {}), source, total, digests)


def _profile_path(value: str | None, base: Path) -> str | None:
    """A profile given as a file is read relative to the registry, not to wherever cron starts nd42."""
    if value is None or not (value.endswith(".toml") or "/" in value) or Path(value).is_absolute():
        return value
    return str(base / value)


def normalised(portal: PortalConfig) -> dict[str, Any]:
    """What a portal's digest covers: everything that changes what is crawled or how it is judged."""
    data = dataclasses.asdict(portal)
    data["tags"] = sorted(data["tags"])
    return data


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------- fields
def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: phải là một bảng / must be a table")
    return value


def _known(table: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in keys:
            raise ConfigError(f"{where}: {key}: khóa không hợp lệ / unknown key (known: {', '.join(keys)})")


def _string(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"{where}: {key}: phải là chuỗi không rỗng / must be a non-empty string")
    return value.strip() if isinstance(value, str) else None


def _tags(table: dict[str, Any], where: str) -> list[str]:
    value = table.get("tags", [])
    if not isinstance(value, list) or not all(isinstance(t, str) and t.strip() for t in value):
        raise ConfigError(f"{where}: tags: phải là danh sách chuỗi / must be a list of strings")
    return [t.strip() for t in value]


def _rules(table: dict[str, Any], where: str) -> dict[str, dict[str, Any]]:
    value = table.get("rules", {})
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{where}: rules: phải là bảng các bảng / must be a table of tables, "
                          'e.g. [portal.rules."FR-001"]')
    return {str(k): dict(v) for k, v in value.items()}


def _budget(table: dict[str, Any], key: str, where: str, *, integer: bool, limit: float) -> Any:
    value = table.get(key)
    if value is None:
        return None
    ok = isinstance(value, int) if integer else isinstance(value, int | float)
    if not ok or isinstance(value, bool) or not 0 < value <= limit:
        kind = "số nguyên dương / a positive integer" if integer else "số giây dương / positive seconds"
        raise ConfigError(f"{where}: {key}: phải là {kind} (≤ {limit:g}): {value!r}")
    return value if integer else float(value)


def _check_defaults(defaults: dict[str, Any], where: str) -> None:
    for key in ("profile", "level", "parent"):
        _string(defaults, key, where)
    validate_level(defaults.get("level"), f"{where}: level")
    validate_parent(defaults.get("parent"), f"{where}: parent")
    _tags(defaults, where)
    _rules(defaults, where)
    _budget(defaults, "page_budget", where, integer=True, limit=MAX_PAGE_BUDGET)
    _budget(defaults, "time_budget", where, integer=False, limit=MAX_TIME_BUDGET)


def _entry(entry: dict[str, Any], defaults: dict[str, Any], where: str) -> PortalConfig:
    _known(entry, ENTRY_KEYS, where)
    pid = entry.get("id")
    if pid is None:
        raise ConfigError(f"{where}: id: thiếu / missing (a short slug, e.g. \"sct\")")
    if not isinstance(pid, str) or not _SLUG.match(pid):
        raise ConfigError(f"{where}: id: phải là chữ thường, số, '-' hoặc '_' / must be a slug "
                          f"(a-z, 0-9, '-', '_'): {pid!r}")
    if "url" not in entry:
        raise ConfigError(f"{where}: url: thiếu / missing")
    if not isinstance(entry["url"], str):
        raise ConfigError(f"{where}: url: phải là chuỗi / must be a string")
    try:
        url = validate_url(entry["url"])
    except ConfigError as exc:
        raise ConfigError(f"{where}: url: {exc}") from exc
    merged = {**defaults, **{k: v for k, v in entry.items() if k not in ("tags", "rules")}}
    strings = {key: _string(merged, key, where) for key in ("name", "agency", "profile", "level", "parent")}
    level = validate_level(strings["level"], f"{where}: level")
    parent = validate_parent(strings["parent"], f"{where}: parent")
    tags = list(dict.fromkeys([*_tags(defaults, where), *_tags(entry, where)]))
    rules = {rid: dict(opts) for rid, opts in _rules(defaults, where).items()}
    for rid, opts in _rules(entry, where).items():
        rules[rid] = {**rules.get(rid, {}), **opts}
    sections_raw = _table(entry.get("sections", {}), f"{where}: sections")
    sections = {kind: section_override(where, kind, value) for kind, value in sections_raw.items()}
    endpoints = validate_endpoints(entry.get("endpoints", {}), f"{where}: endpoints")
    return PortalConfig(
        id=pid, url=url, name=strings["name"], agency=strings["agency"], profile=strings["profile"],
        level=level, parent=parent, tags=tags, rules=rules, sections=sections, endpoints=endpoints,
        page_budget=_budget(merged, "page_budget", where, integer=True, limit=MAX_PAGE_BUDGET),
        time_budget=_budget(merged, "time_budget", where, integer=False, limit=MAX_TIME_BUDGET),
    )


def check_profiles(registry: Registry, default_profile: str | None) -> None:
    """Every entry's profile loads and its rule overrides are valid for it: bad input is found before
    a night's crawl, not at its end.  (Separate from loading: it needs the rules package.)"""
    from rules.profiles import ProfileError, load_profile, validate_overrides

    loaded: dict[str, Any] = {}
    for number, portal in enumerate(registry.portals, start=1):
        where = f"{registry.source}: portal #{number} ({portal.id})"
        name = portal.profile or default_profile or "nd42-2022"
        if name not in loaded:
            try:
                loaded[name] = load_profile(name)
            except ProfileError as exc:
                field = "profile" if portal.profile else "--profile"
                raise ConfigError(f"{where}: {field}: {exc}") from exc
        try:
            validate_overrides(portal.rules, where)
        except ProfileError as exc:
            raise ConfigError(str(exc)) from exc
