"""Inline SVG charts and the heatmap's scale, for pages that load nothing from anywhere.

Everything returned here is built from numbers and from text passed through ``escape``: no
portal text reaches an SVG unescaped, and no ``style`` attribute is written (the dashboard's CSP
admits only its own hashed ``<style>``; presentation attributes such as ``fill`` are not subject
to it).  Each chart carries its own text alternative, and colour is never the only cue: the
sparkline is a line with its last value written next to it, and heat cells always show their
number.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

# Heat buckets by area score: the thresholds read naturally to an inspector (90 = nearly all met).
GOOD, MID = 90.0, 60.0
BUCKETS = ("good", "mid", "bad", "none")


def bucket(score: float | None) -> str:
    if score is None:
        return "none"
    if score >= GOOD:
        return "good"
    return "mid" if score >= MID else "bad"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def sparkline(scores: Sequence[float | None], *, label: str, width: int = 96, height: int = 24) -> Markup:
    """A score line over runs (oldest first) on a fixed 0–100 scale, so portals compare at a glance.

    ``label`` is the text alternative (the values in words); a run without a score (nothing
    determinable) is a gap in the line, not a zero.
    """
    pad = 3.0
    n = len(scores)
    step = (width - 2 * pad) / (n - 1) if n > 1 else 0.0

    def point(i: int, value: float) -> tuple[float, float]:
        x = pad + i * step if n > 1 else width / 2
        y = pad + (100.0 - max(0.0, min(100.0, value))) * (height - 2 * pad) / 100.0
        return x, y

    runs: list[list[tuple[float, float]]] = [[]]
    for i, value in enumerate(scores):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point(i, value))
    parts = [f'<svg class="spark" role="img" aria-label="{escape(label)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(label)}</title>",
             f'<line x1="0" y1="{_num(pad)}" x2="{width}" y2="{_num(pad)}" stroke="#d0d0d0" stroke-width="1" '
             f'stroke-dasharray="2 2"/>',
             f'<line x1="0" y1="{_num(height - pad)}" x2="{width}" y2="{_num(height - pad)}" stroke="#d0d0d0" '
             f'stroke-width="1"/>']
    for segment in runs:
        if len(segment) > 1:
            coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in segment)
            parts.append(f'<polyline points="{coords}" fill="none" stroke="#1f4e9c" stroke-width="1.5" '
                         f'stroke-linejoin="round"/>')
        elif segment:
            x, y = segment[0]
            parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="1.6" fill="#1f4e9c"/>')
    last = next(((i, v) for i, v in reversed(list(enumerate(scores))) if v is not None), None)
    if last is not None:
        x, y = point(*last)
        parts.append(f'<circle class="last" cx="{_num(x)}" cy="{_num(y)}" r="2.6" fill="#1f4e9c"/>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 (numbers and escaped text only)
