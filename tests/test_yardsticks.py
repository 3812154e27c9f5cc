"""Extraction measured on yardsticks we do not own, read at run time from ../shared (skipped when absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
DEVZOO = SHARED / "devzoo"


def _nd42(*args: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run([sys.executable, "-m", "nd42.cli", *args], capture_output=True, text=True, timeout=600,
                         check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.mark.corpus
def test_corpus_dates_and_listings() -> None:
    if not (CORPUS / "labels.json").is_file():
        pytest.skip("shared corpus not present")
    result = _nd42("eval-corpus", str(CORPUS), "--json")
    newest_ok, listings = result["summary"]["newest_ok"]
    dates_ok, articles = result["summary"]["date_ok"]
    # Measured: 5/6 listings (the Q&A page lists questions without links) and 4/4 article dates.
    assert listings >= 6 and newest_ok >= listings - 1
    assert articles >= 4 and dates_ok == articles
    classified = {label: kind for r in result["rows"] for label, kind in r.get("menu_classified", {}).items()}
    assert classified.get("Văn bản CĐĐH") == "directive_documents"
    assert classified.get("Mặt trận và các đoàn thể") == "party_union"


@pytest.mark.devzoo
def test_devzoo_sections_dates_and_verdicts() -> None:
    if not (DEVZOO / "zoo.py").is_file():
        pytest.skip("../shared/devzoo not present")
    result = _nd42("eval-devzoo", str(DEVZOO), "--today", "2026-11-24", "--json")
    summary = result["summary"]
    found, present = summary["sections_found"]
    exact, _ = summary["newest_exact"]
    verdicts, _ = summary["verdicts"]
    misses = [r for r in result["rows"] if r["present"] and not (r["section_ok"] and r["newest_ok"])]
    assert (found, exact) == (present, present), misses
    assert summary["false_stale"] == 0
    assert verdicts == present
    assert summary["absent_not_invented"][0] == summary["absent_not_invented"][1]
