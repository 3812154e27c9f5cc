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

Every date is ``today`` minus a fixed age, so the verdicts do not depend on the day; the one exception is
the SharePoint directive list, whose newest age (0–20 days, always fresh) is chosen so that its date reads
both ways (day ≤ 12).  Same ``today``, same bytes.  ``truth["expect"]`` gives every rule's expected
status per legal profile (see :mod:`nd42.demo.expect`).  Standard library only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from nd42.demo import commune, dnn, html5, liferay, nukeviet, sharepoint
from nd42.demo.common import CONTENT_KINDS, KINDS, NEW_LISTING_KINDS, ORIGIN, DemoPortal, Net, SearchEndpoint
from nd42.demo.expect import PROFILES, RULE_IDS, TECH_RULE_IDS, adjust
from nd42.demo.network import environment

__all__ = ["CONTENT_KINDS", "KINDS", "NEW_LISTING_KINDS", "ORIGIN", "PROFILES", "RULE_IDS", "TECH_RULE_IDS",
           "DemoPortal", "Net", "SearchEndpoint", "build_portals"]

_BUILDERS = (liferay.build, sharepoint.build, nukeviet.build, html5.build, commune.build, dnn.build)


def build_portals(today: dt.date, env: Mapping[str, bool] | None = None) -> dict[str, DemoPortal]:
    """The demo portals for a given Vietnam-local day, keyed by id (deterministic: same day, same bytes).

    ``env`` (``{"ipv6": bool, "legacy_tls": bool}``, default: this machine's) decides the two technical
    verdicts that depend on the scanning machine rather than on the portal.
    """
    env = dict(env) if env is not None else environment()
    portals = [build(today) for build in _BUILDERS]
    for portal in portals:
        adjust(portal.truth, env)
    return {p.id: p for p in portals}
