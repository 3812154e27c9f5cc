"""Which front-end libraries a page loads, and which versions: jQuery, jQuery UI, Bootstrap.

Read from the script and style URLs (file names, CDN paths, ``?ver=`` queries) and from the banner
comment at the head of inline scripts and styles; nothing is downloaded.  A plugin named after its
library (``jquery.fancybox-1.3.4.js``, ``bootstrap-datepicker.js``) is not the library: the name must
be followed directly by a version or by nothing but ``.min``/``.slim``/``.custom`` and the extension.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

_VERSION = r"v?(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)"
_SUFFIX = r"(?:[.-](?:min|slim|pack|custom|full|bundle|packed))*"
_NAMES = (("jquery-ui", r"jquery[-.]?ui|jqueryui"), ("jquery", r"jquery"), ("bootstrap", r"(?:twitter-)?bootstrap"))
# A file or directory named with its version: jquery-1.4.4.min.js, jquery.ui-1.8.2, bootstrap-3.3.7/,
# jquery-ui-1.8.2.custom.min.js.
_NAMED = [(name, re.compile(rf"^(?:{pat})[-_.]?{_VERSION}{_SUFFIX}(?:\.(?:js|css))?$", re.IGNORECASE))
          for name, pat in _NAMES]
# The library's own file without a version: jquery.min.js, jquery-ui.js, bootstrap.min.css.
_BARE = [(name, re.compile(rf"^(?:{pat}){_SUFFIX}\.(?:js|css)$", re.IGNORECASE)) for name, pat in _NAMES]
# npm CDNs: /npm/bootstrap@3.3.7/dist/..., unpkg.com/jquery@1.12.4
_AT = [(name, re.compile(rf"^(?:{pat})@{_VERSION}$", re.IGNORECASE)) for name, pat in _NAMES]
_DIR = [(name, re.compile(rf"^(?:{pat})$", re.IGNORECASE)) for name, pat in _NAMES]
# jQuery UI 1.7-1.8 shipped one file per widget without a version: jquery.ui.core.min.js, jquery-ui.dialog.js
_UI_PART = re.compile(r"^jquery[.-]ui[.-](?:core|widget|mouse|position|draggable|droppable|resizable|selectable"
                      r"|sortable|accordion|autocomplete|button|datepicker|dialog|menu|progressbar|slider|spinner|tabs|tooltip"
                      r"|effects?(?:[.-]\w+)?)(?:[.-]min)?\.js$", re.IGNORECASE)
_BARE_VERSION = re.compile(rf"^{_VERSION}$")
_QUERY_VERSION = re.compile(r"^v?(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)(?:[-+][\w.]*)?$")
# Banner comments: "/*! jQuery v1.11.3 |", " * jQuery JavaScript Library v1.4.4", "/*! jQuery UI - v1.10.4",
# " * Bootstrap v3.3.7 (http://getbootstrap.com)".
_BANNER = re.compile(r"\b(jQuery UI|jQuery(?: JavaScript Library)?|Bootstrap)\s*(?:-\s*)?"
                     r"v(\d{1,2}\.\d{1,2}(?:\.\d{1,3})?)")
BANNER_CHARS = 400


def from_url(url: str) -> tuple[str, str | None] | None:
    """``(name, version or None)`` of the library a script or style URL loads, or None."""
    lowered = url.lower()
    if "jquery" not in lowered and "bootstrap" not in lowered:
        return None
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if not segments:
        return None
    # The file name first (the most specific), then directories from the deepest up.
    for index in range(len(segments) - 1, -1, -1):
        segment = segments[index]
        for name, pattern in _NAMED:
            match = pattern.match(segment)
            if match:
                return name, match.group(1)
        for name, pattern in _AT:
            match = pattern.match(segment)
            if match:
                return name, match.group(1)
        # CDN layout: /ajax/libs/jquery/1.4.2/jquery.min.js, /bootstrap/3.3.7/js/bootstrap.min.js
        if index < len(segments) - 1:
            directory = next((n for n, p in _DIR if p.match(segment)), None)
            following = _BARE_VERSION.match(segments[index + 1])
            if directory and following and _loads(segments[-1], directory):
                return directory, following.group(1)
    last = segments[-1]
    for name, pattern in _BARE:
        if pattern.match(last):
            return name, _query_version(parts.query)
    if _UI_PART.match(last):
        return "jquery-ui", _query_version(parts.query)
    # WordPress ships jQuery UI as /wp-includes/js/jquery/ui/core.min.js?ver=1.13.2
    if len(segments) >= 3 and segments[-3].lower() == "jquery" and segments[-2].lower() == "ui":
        return "jquery-ui", _query_version(parts.query)
    return None


def _loads(file_name: str, name: str) -> bool:
    """A versioned CDN directory counts when the file under it is that library's own (not another package's)."""
    lowered = file_name.lower()
    is_ui = lowered.startswith(("jquery-ui", "jquery.ui"))
    if name == "jquery":
        return lowered.startswith("jquery") and not is_ui
    if name == "jquery-ui":
        return is_ui
    return lowered.startswith("bootstrap")


def _query_version(query: str) -> str | None:
    for key, value in parse_qsl(query):
        if key.lower() in ("ver", "v", "version"):
            match = _QUERY_VERSION.match(value.strip())
            if match:
                return match.group(1)
    return None


def from_banner(text: str) -> list[tuple[str, str]]:
    """``(name, version)`` from the banner comments at the head of an inline script or style."""
    out: list[tuple[str, str]] = []
    for match in _BANNER.finditer(text[:BANNER_CHARS]):
        label = match.group(1)
        name = "jquery-ui" if label == "jQuery UI" else "bootstrap" if label == "Bootstrap" else "jquery"
        out.append((name, match.group(2)))
    return out
