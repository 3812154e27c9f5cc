"""Build the rule test cases ``tests/rules/cases/<RULE-ID>/*.json``.

Each case is ``{"description", "now", "options"?, "snapshot", "expect"}`` where ``snapshot`` is
``nd42.records.to_jsonable(PortalSnapshot)`` and ``expect`` holds the expected ``status`` and
optionally ``error_class`` and a subset of ``details``.  The cases are written by the modules of
``tests/rules/builders/`` (one per rule family, each with a ``build()``); the JSON files are
committed.  Run ``.venv/bin/python -m tests.rules.casebuilder`` to regenerate them.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

from tests.rules import builders

CASES = Path(__file__).with_name("cases")


def build() -> dict[str, dict[str, dict[str, Any]]]:
    """Every case of every builder module, by rule id then case name."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for info in sorted(pkgutil.iter_modules(builders.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{builders.__name__}.{info.name}")
        for rule_id, cases in module.build().items():
            if rule_id in out:
                raise ValueError(f"{info.name}: cases of {rule_id} are built by another module too")
            out[rule_id] = cases
    return out


def main() -> int:
    built = build()
    for rule_id, cases in built.items():
        folder = CASES / rule_id
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
        for name, data in cases.items():
            (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")
    print(f"wrote {sum(len(c) for c in built.values())} cases to {CASES}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
