"""Bundled synthetic demo portals: six fictional agencies of the fictional province of Hòa Lâm.

Each portal imitates one CMS family seen on real Vietnamese government portals (see
``../shared/reference/portal-structures.md``) and sets the date traps real portals set.  Everything
is written here; agencies, people, numbers and texts are invented.

* ``hoalam-skhcn``   skhcn.hoalam.gov.vn, Liferay 6.2-like: the most complete portal (every Art. 19 section,
  documents with full metadata posted on time, working GET search, print, English pages); header clock,
  pinned old Party item, Party list over two pages, mangled slug ``/hoat-ong-ang-oan-the``.
* ``hoalam-snnmt``   snnmt.hoalam.gov.vn, SharePoint 2010-like: ``/`` answers 302, WebForms, ``lang="en-us"``,
  month-first list views; a search box only on the home page and POST-only, documents posted late and
  without issuer, consultations without deadlines, no print, no English, no province link.
* ``hoalam-sxd``     sxd.hoalam.gov.vn, NukeViet-like: weekday dates, a title-sorted directive list, Party
  section only on the HTML site map; no legal-documents section, procedures on site without any
  public-service link, a search that never finds anything, gmail contact points, partial English.
* ``hoalam-bqlkcn``  bqlkcn.hoalam.gov.vn, modern HTML5: undated news listing, UTC ``<time>``, Party section
  only in sitemap.xml; search disallowed by robots.txt, leaders as a hub page, an access-to-information
  page without the list, late postings.
* ``hoalam-xakhelam`` xakhelam.hoalam.gov.vn, static commune site: four-entry menu (one entry 404s), directive
  section only in a home box, a banner without alt text, a footer without owner, responsible person or
  e-mail, no search, no print, no state links.
* ``hoalam-sgddt``   sgddt.hoalam.edu.vn (not a .gov.vn name), DotNetNuke-like: sections only in the left
  pane, a broken header clock, ``/SiteMap.aspx`` named in robots.txt (so every discovery source is read
  and missing sections are plain failures).

Issue 4 (the technical standards, ``truth["network"]`` and ``truth["tech"]``; served by
:mod:`nd42.demo.server` with :mod:`nd42.demo.tls` certificates and a :mod:`nd42.demo.dnsserver` zone):

* ``hoalam-skhcn``: HTTPS only (http → 301), a certificate 12 days from expiry, HSTS of one day, AAAA with
  the same portal on [::1], the one DNSSEC-signed name, gzip and cache validators; a responsive viewport
  over a fixed 980 px wrapper, a marquee, an http:// banner image, an RSS feed, an English "Contact us"
  frameset, Liferay 6.2 disclosed.
* ``hoalam-snnmt``: plain HTTP (HTTPS with an expired certificate, no redirect), no AAAA; a 540 KB view
  state, ``lang="en-us"``, jQuery 1.4.4, IE=8, an untitled Page Viewer iframe, ``egov2k10:81``.
* ``hoalam-sxd``: HTTPS only with a certificate for another name that also accepts TLS 1.0, AAAA but
  nothing on [::1]; an http:// counter script, jQuery 1.11.3 and Bootstrap 3.3.7, a ``.VnTime`` notice in
  TCVN3, a PHP error for sitemap.xml, an RSS feed without dates, an unlabelled contact form.
* ``hoalam-bqlkcn``: the compliant one: HTTPS only, valid certificate, a year of HSTS, security headers,
  no version disclosed, AAAA served, gzip and validators, signed Atom feed, a titled map iframe,
  jQuery 3.7.1, viewport and no fixed width, headings in order.
* ``hoalam-xakhelam``: HTTP only (the HTTPS port refuses), AAAA whose [::1] answers a default server page,
  no robots.txt, a windows-1258 contacts page, untitled document pages, a Flash film, two menu links
  answering 404.
* ``hoalam-sgddt``: plain HTTP with a self-signed certificate on HTTPS, a ``width=980`` viewport, jQuery
  1.9.1 and jQuery UI 1.10.3, an ill-formed RSS feed, a hotline banner link without alt text.

Two technical verdicts depend on the machine (no IPv6 loopback, an OpenSSL without TLS 1.0):
:func:`build_portals` asks :mod:`nd42.demo.network` and the truth follows.

Issue 5, the demo's second night (``build_portals(today, night=2)``; night 1 is byte for byte the demo
above, the end-to-end yardstick).  The nightly job looks again and finds, on the same day's clock:

* ``hoalam-sgddt`` (fixed): a new directive document, two days old: FR-001 fail → pass.
* ``hoalam-xakhelam`` (fixed): ``/gioi-thieu.html``, linked from the menu all along, is published with the
  commune's functions, duties and units: SP-007 fail → pass (CT-001 and CT-002 not_determinable → pass).
* ``hoalam-bqlkcn`` (regression): its certificate expired 20 days ago: TL-004 pass → fail.
* ``hoalam-skhcn`` (regression): a theme update lost the contacts page (still linked: 404) and breaks the
  statistics listing (500): SP-010 and PF-006 pass → fail, CT-005 pass → warn, SP-016 pass →
  not_determinable (a server error is no verdict: neither a new failure nor fixed).
* ``hoalam-snnmt`` and ``hoalam-sxd``: unchanged, byte for byte.

Every night-2 truth carries ``night`` (2) and ``changes`` (:func:`nd42.demo.nights.compare`: the
summary in Vietnamese and English, ``new_failures`` and ``fixed`` as rule → profiles, ``by_profile``, the
``expect`` of every rule that differs on both nights, the changed/added/removed ``pages`` and the
``network`` fields that changed), checked against both builds whenever the portals are built.  A running
:class:`nd42.demo.server.DemoNetwork` moves to the other night with ``switch(portals)`` on the same
ports, DNS zone and CA.

Every date is ``today`` minus a fixed age, so the verdicts do not depend on the day; the one exception is
the SharePoint directive list, whose newest age (0–20 days, always fresh) is chosen so that its date reads
both ways (day ≤ 12).  Same ``today``, same bytes.  ``truth["expect"]`` gives every rule's expected
status per legal profile (see :mod:`nd42.demo.expect`).  Building the portals needs the standard library
only; serving them needs the project's dnspython, trustme and cryptography.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from nd42.demo import commune, dnn, html5, liferay, nukeviet, sharepoint
from nd42.demo.common import CONTENT_KINDS, KINDS, NEW_LISTING_KINDS, ORIGIN, DemoPortal, Net, SearchEndpoint
from nd42.demo.expect import PROFILES, RULE_IDS, TECH_RULE_IDS, adjust
from nd42.demo.network import environment
from nd42.demo.nights import NIGHTS, compare

__all__ = ["CONTENT_KINDS", "KINDS", "NEW_LISTING_KINDS", "NIGHTS", "ORIGIN", "PROFILES", "RULE_IDS",
           "TECH_RULE_IDS", "DemoPortal", "Net", "SearchEndpoint", "build_portals", "changes_for"]

_BUILDERS = (liferay.build, sharepoint.build, nukeviet.build, html5.build, commune.build, dnn.build)


def _build(today: dt.date, env: Mapping[str, bool], night: int) -> dict[str, DemoPortal]:
    portals = [build(today, night=night) for build in _BUILDERS]
    for portal in portals:
        adjust(portal.truth, env)
    return {p.id: p for p in portals}


def build_portals(today: dt.date, env: Mapping[str, bool] | None = None, *, night: int = 1
                  ) -> dict[str, DemoPortal]:
    """The demo portals for a given Vietnam-local day, keyed by id (deterministic: same day, same bytes).

    ``env`` (``{"ipv6": bool, "legacy_tls": bool}``, default: this machine's) decides the two technical
    verdicts that depend on the scanning machine rather than on the portal.  ``night`` (1 or 2) is which
    of the demo's two nightly runs the portals are for: night 1 is the demo as it always was; night 2 the
    same portals with the changes listed in the module docstring, and in every truth ``truth["night"] = 2``
    and ``truth["changes"]`` (what changed since night 1 of the same ``today``: see
    :func:`nd42.demo.nights.compare`).
    """
    if night not in NIGHTS:
        raise ValueError(f"night must be one of {', '.join(map(str, NIGHTS))}, not {night!r}")
    env = dict(env) if env is not None else environment()
    first = _build(today, env, 1)
    if night == 1:
        return first
    second = _build(today, env, night)
    for pid, portal in second.items():
        portal.truth["changes"] = compare(first[pid], portal)
        portal.truth["night"] = night
    return second


def changes_for(portals: Mapping[str, DemoPortal], profile: str = PROFILES[0]) -> dict[str, dict[str, list[str]]]:
    """Night-2 portals → ``{portal id: {"new_failures": [rule…], "fixed": [rule…]}}`` under ``profile``.

    What a nightly history comparing the two demo nights under ``profile`` should report (with changes
    confirmed at once, i.e. a flap window of one run).
    """
    return {pid: p.truth["changes"]["by_profile"][profile] for pid, p in sorted(portals.items())}
