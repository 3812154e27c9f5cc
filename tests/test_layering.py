"""Layering: rules/ and reports/ never import the crawler stack or do network I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("scrapy", "twisted", "socket", "urllib.request", "http.client", "requests", "crawler")
MODULES = sorted(p for pkg in ("rules", "reports") for p in (ROOT / pkg).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return out


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_there_are_modules_to_check() -> None:
    assert any(p.parent.name == "rules" for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_forbidden_imports(path: Path) -> None:
    bad = [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in _imports(path) if _forbidden(name)]
    assert not bad, "forbidden imports:\n" + "\n".join(bad)
