"""Configuration: crawl options and per-portal settings.

A portal file (TOML) may override where a section lives and how its listing is read, and the
rules' options for that portal::

    [portal]
    id = "so-khcn"
    name = "Sở Khoa học và Công nghệ"
    agency = "UBND tỉnh …"                # optional: the managing agency
    url = "https://skhcn.example.gov.vn/"
    level = "department"                  # nd42.records.LEVELS
    parent = "https://example.gov.vn/"    # the province's portal
    tags = ["so", "khcn"]

    [sections.directive_documents]
    url = "https://skhcn.example.gov.vn/van-ban/chi-dao-dieu-hanh"
    item = "table.doc-list tbody tr"     # CSS: one element per item
    title = "a"                           # CSS inside the item: the title link
    date = "td.ngay-ban-hanh"             # CSS inside the item: where the date is
    order = "DMY"                         # or "MDY"

    [rules."FR-001"]
    max_age_days = 45

Errors name the file and the field, and are raised as :class:`ConfigError` (exit code 2).
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from nd42.records import LEVELS, SECTION_KINDS


class ConfigError(Exception):
    """Bad user input: a malformed URL, an unreadable or invalid configuration file."""


@dataclasses.dataclass
class SectionOverride:
    url: str | None = None
    item: str | None = None
    title: str | None = None
    date: str | None = None
    order: str | None = None


@dataclasses.dataclass
class PortalConfig:
    id: str
    url: str
    name: str | None = None
    profile: str | None = None
    sections: dict[str, SectionOverride] = dataclasses.field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)
    level: str | None = None  # one of nd42.records.LEVELS
    parent: str | None = None  # the parent portal's URL
    tags: list[str] = dataclasses.field(default_factory=list)
    # Where the network probes try plain HTTP and HTTPS ({"http": URL, "https": URL}); by default the
    # portal URL with its scheme swapped and the default port (crawler/probes/endpoints.py).
    endpoints: dict[str, str] = dataclasses.field(default_factory=dict)
    agency: str | None = None  # the managing agency, as a registry groups portals (dashboards filter on it)
    # Per-portal crawl bounds from a registry entry; None means the run's (CrawlOptions).
    page_budget: int | None = None
    time_budget: float | None = None  # seconds

    def info(self) -> dict[str, Any]:
        """The portal as configured, for ``PortalSnapshot.portal`` (docs/facts.md)."""
        out = {"name": self.name, "level": self.level, "parent": self.parent, "tags": list(self.tags),
               "profile": self.profile, "rules": {k: dict(v) for k, v in self.rules.items()}}
        # Only when set: snapshots of ad-hoc checks keep the shape they always had.
        if self.agency is not None:
            out["agency"] = self.agency
        return out


@dataclasses.dataclass
class CrawlOptions:
    """How much and how politely to crawl one portal."""

    page_budget: int = 80  # requests per portal, all roles together (19 section kinds, detail pages, probes)
    max_depth: int = 4  # home = 0, a listing linked from it = 1, its next page or an item = 2, ...
    item_pages: int = 3  # K: item pages opened when a listing shows no dates
    doc_pages: int = 3  # detail pages opened per documents listing (legal, directive, consultation)
    link_sample: int = 5  # internal links of the home page fetched for their status only (broken links)
    listing_pages: int = 2  # first listing page, plus the next when the first shows no datable items
    candidates_per_kind: int = 2  # next candidate tried when the best one fails or is empty
    delay: float = 0.5  # seconds between requests to one portal (AutoThrottle adapts it)
    concurrency: int = 2  # concurrent requests per portal: 1 or 2
    timeout: float = 30.0
    retries: int = 2
    obey_robots: bool = True
    autothrottle: bool = True
    user_agent: str | None = None  # default: crawler.settings.USER_AGENT
    # Host name → IP address, used instead of the DNS (demo portals and tests on 127.0.0.1).
    resolve: dict[str, str] = dataclasses.field(default_factory=dict)
    # Network probes (crawler/probes/): the DNS server they ask ("HOST:PORT", an IP address; default:
    # the system's), extra trust anchors for the certificate chain (a PEM file), and whether to run them.
    dns_server: str | None = None
    ca_file: str | None = None
    network_probes: bool = True
    # Seconds a portal may take, its network probes included; None: no limit.  The spider stops
    # asking at the budget; requests already on the wire finish or time out (``timeout``).
    time_budget: float | None = None

    def validate(self) -> None:
        if not 1 <= self.concurrency <= 2:
            raise ConfigError("concurrency per portal must be 1 or 2 (government servers are fragile)")
        if self.page_budget < 1 or self.item_pages < 0 or self.listing_pages < 1 or self.max_depth < 1:
            raise ConfigError("page budget, listing pages and depth must be positive; item pages ≥ 0")
        if self.delay < 0 or self.timeout <= 0:
            raise ConfigError("delay must be ≥ 0 and timeout > 0")
        if self.doc_pages < 0:
            raise ConfigError("document pages must be ≥ 0")
        if self.link_sample < 0:
            raise ConfigError("link sample must be ≥ 0")
        if self.time_budget is not None and not self.time_budget > 0:
            raise ConfigError("time budget must be > 0 seconds")
        for host, ip in self.resolve.items():
            validate_resolve(host, ip)
        if self.dns_server is not None:
            parse_dns_server(self.dns_server)
        if self.ca_file is not None and not Path(self.ca_file).is_file():
            raise ConfigError(f"--ca-file {self.ca_file}: không đọc được tệp / no such file")


_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_RESOLVE_HOST_RE = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*$", re.IGNORECASE)


def validate_resolve(host: str, ip: str) -> None:
    """A ``--resolve`` entry: a DNS host name and an IP address."""
    if not _RESOLVE_HOST_RE.match(host):
        raise ConfigError(f"--resolve {host}:{ip}: không phải tên máy chủ / not a host name: {host!r}")
    try:
        ipaddress.ip_address(ip)
    except ValueError as exc:
        raise ConfigError(f"--resolve {host}:{ip}: không phải địa chỉ IP / not an IP address: {ip!r}") from exc


def parse_resolve(values: list[str] | None) -> dict[str, str]:
    """``["host:ip", ...]`` (curl's ``--resolve`` without the port) → ``{host: ip}``."""
    out: dict[str, str] = {}
    for value in values or []:
        host, sep, ip = value.partition(":")
        if not sep:
            raise ConfigError(f"--resolve {value!r}: expected HOST:IP, e.g. skhcn.hoalam.gov.vn:127.0.0.1")
        host = host.strip().lower().rstrip(".")
        validate_resolve(host, ip.strip())
        out[host] = ip.strip()
    return out


def parse_dns_server(value: str) -> tuple[str, int]:
    """``--dns-server``: ``IP``, ``IP:PORT`` or ``[IPv6]:PORT``.  An address, not a name: looking the
    resolver itself up would need the DNS it replaces."""
    text = value.strip()
    host, port = text, "53"
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port = rest.removeprefix(":") or "53"
    elif text.count(":") == 1:
        host, port = text.split(":")
    try:
        ipaddress.ip_address(host)
        number = int(port)
    except ValueError as exc:
        raise ConfigError(f"--dns-server {value!r}: expected IP[:PORT], e.g. 127.0.0.1:5353") from exc
    if not 0 < number < 65536:
        raise ConfigError(f"--dns-server {value!r}: port out of range")
    return host, number


_HOST_RE = re.compile(r"^[a-z0-9.\-\[\]:]+$", re.IGNORECASE)


def validate_url(url: str) -> str:
    """A portal URL as given on the command line: http(s), a host, no credentials."""
    raw = url.strip()
    if "://" not in raw:
        raise ConfigError(f"không phải URL hợp lệ / not a valid URL: {url!r} (expected http:// or https://)")
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"không phải URL http(s) / not an http(s) URL: {url!r}")
    host = parts.hostname or ""
    if not host or not _HOST_RE.match(parts.netloc.split("@")[-1]) or "@" in parts.netloc:
        raise ConfigError(f"URL không có tên máy chủ hợp lệ / URL has no valid host: {url!r}")
    try:
        _ = parts.port
    except ValueError as exc:
        raise ConfigError(f"cổng không hợp lệ / invalid port in {url!r}") from exc
    path = parts.path or "/"
    return parts._replace(path=path, fragment="").geturl()


def portal_id_from_url(url: str) -> str:
    """A stable id for an ad-hoc portal: its host without www., with the port when not default."""
    parts = urlsplit(url)
    host = (parts.hostname or "portal").lower()
    host = host.removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}-{parts.port}"
    return re.sub(r"[^a-z0-9.\-]+", "-", host)


def portal_host(url: str) -> str:
    """The host a portal's crawl holds, its ``www.`` twin folded in: the nightly never crawls one twice at once
    (crawler/runner.py) and ``--workers`` never gives one to two processes (nd42/nightly_workers.py)."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def allowed_hosts(url: str) -> set[str]:
    """The portal's host and its www/non-www twin (netlocs, with the port)."""
    parts = urlsplit(url)
    netloc = parts.netloc.lower().split("@")[-1]
    twin = netloc[4:] if netloc.startswith("www.") else f"www.{netloc}"
    return {netloc, twin}


def section_override(source: str, kind: str, data: Any) -> SectionOverride:
    """One ``[sections.<kind>]`` table (portal files and registry entries); errors name ``source``."""
    return _section_override(source, kind, data)


# Second-level labels under which Vietnamese (and most country-code) registrations sit: a portal
# sgtvt.daknong.gov.vn belongs to daknong.gov.vn, not to gov.vn.
_SECOND_LEVEL = ("gov", "com", "edu", "org", "net", "ac", "int", "info", "biz", "name", "pro", "health")


def site_domain(url_or_host: str) -> str:
    """The parent domain a portal shares with its siblings: ``sgtvt.daknong.gov.vn`` → ``daknong.gov.vn``,
    ``a.example.com`` → ``example.com``; an IP address is its own.  A heuristic, not the public suffix list:
    it only decides which portals are kept apart in a night's order."""
    host = (urlsplit(url_or_host).hostname if "://" in url_or_host else url_or_host) or ""
    host = host.lower().rstrip(".")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _section_override(source: str, kind: str, data: Any) -> SectionOverride:
    if kind not in SECTION_KINDS:
        raise ConfigError(f"{source}: sections.{kind}: unknown section kind (known: {', '.join(SECTION_KINDS)})")
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: sections.{kind}: must be a table")
    known = {f.name for f in dataclasses.fields(SectionOverride)}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{source}: sections.{kind}.{key}: unknown key (known: {', '.join(sorted(known))})")
        if not isinstance(value, str):
            raise ConfigError(f"{source}: sections.{kind}.{key}: must be a string")
    if data.get("order") not in (None, "DMY", "MDY"):
        raise ConfigError(f"{source}: sections.{kind}.order: must be \"DMY\" or \"MDY\"")
    if data.get("url"):
        validate_url(data["url"])
    return SectionOverride(**data)


def portal_from_dict(data: dict[str, Any], source: str) -> PortalConfig:
    """Validate one portal's table (from a portal file or, later, a registry entry)."""
    known_top = {"portal", "sections", "rules"}
    for key in data:
        if key not in known_top:
            raise ConfigError(f"{source}: {key}: unknown table (known: {', '.join(sorted(known_top))})")
    head = data.get("portal", {})
    if not isinstance(head, dict):
        raise ConfigError(f"{source}: portal: must be a table")
    for key in head:
        if key not in ("id", "name", "agency", "url", "profile", "level", "parent", "tags", "endpoints"):
            raise ConfigError(f"{source}: portal.{key}: unknown key")
    if "url" not in head:
        raise ConfigError(f"{source}: portal.url: missing")
    try:
        url = validate_url(str(head["url"]))
    except ConfigError as exc:
        raise ConfigError(f"{source}: portal.url: {exc}") from exc
    sections = {k: _section_override(source, k, v) for k, v in data.get("sections", {}).items()}
    rules = data.get("rules", {})
    if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
        raise ConfigError(f"{source}: rules: must be a table of tables, e.g. [rules.\"FR-001\"]")
    level, parent, tags = _portal_info(head, source)
    endpoints = validate_endpoints(head.get("endpoints", {}), f"{source}: portal.endpoints")
    agency = head.get("agency")
    if agency is not None and not isinstance(agency, str):
        raise ConfigError(f"{source}: portal.agency: must be a string")
    return PortalConfig(
        id=str(head.get("id") or portal_id_from_url(url)),
        url=url,
        name=head.get("name"),
        profile=head.get("profile"),
        sections=sections,
        rules={str(k): dict(v) for k, v in rules.items()},
        level=level,
        parent=parent,
        tags=tags,
        endpoints=endpoints,
        agency=agency,
    )


def validate_endpoints(data: Any, where: str) -> dict[str, str]:
    """``{"http": URL, "https": URL}``, each URL of its own scheme (``[portal.endpoints]``)."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a table, e.g. {{ https = \"https://host:8443/\" }}")
    out: dict[str, str] = {}
    for scheme, url in data.items():
        if scheme not in ("http", "https") or not isinstance(url, str):
            raise ConfigError(f"{where}.{scheme}: expected http or https = \"URL\"")
        valid = validate_url(url)
        if urlsplit(valid).scheme != scheme:
            raise ConfigError(f"{where}.{scheme}: {url!r} is not an {scheme}:// URL")
        out[scheme] = valid
    return out


def validate_level(level: str | None, where: str) -> str | None:
    if level is None:
        return None
    if level not in LEVELS:
        raise ConfigError(f"{where}: unknown level {level!r} (known: {', '.join(LEVELS)})")
    return level


def validate_parent(parent: str | None, where: str) -> str | None:
    if parent is None:
        return None
    try:
        return validate_url(parent)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _portal_info(head: dict[str, Any], source: str) -> tuple[str | None, str | None, list[str]]:
    level, parent, tags = head.get("level"), head.get("parent"), head.get("tags", [])
    if level is not None and not isinstance(level, str):
        raise ConfigError(f"{source}: portal.level: must be a string")
    if parent is not None and not isinstance(parent, str):
        raise ConfigError(f"{source}: portal.parent: must be a string (the parent portal's URL)")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError(f"{source}: portal.tags: must be a list of strings")
    return (validate_level(level, f"{source}: portal.level"), validate_parent(parent, f"{source}: portal.parent"),
            list(tags))


def load_portal_file(path: Path) -> PortalConfig:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
    return portal_from_dict(data, str(path))
