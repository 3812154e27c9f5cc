"""Layering: rules/ and reports/ never import the crawler stack or do network I/O.

Parsed with ``ast`` (nothing is imported), so a forbidden import fails here even in a module no
other test loads.  Dynamic imports (``importlib.import_module("…")`` / ``__import__("…")``) with a
literal name are checked too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CRAWL_STACK = ("scrapy", "twisted", "crawler")
NETWORK = ("socket", "ssl", "urllib.request", "http.client", "requests", "httpx", "aiohttp", "urllib3", "ftplib",
           "smtplib", "asyncio.streams")
FORBIDDEN = CRAWL_STACK + NETWORK
MODULES = sorted(p for pkg in ("rules", "reports") for p in (ROOT / pkg).rglob("*.py"))
RULE_MODULES = [p for p in MODULES if p.is_relative_to(ROOT / "rules")]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            out += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = ast.unparse(node.func)
            if func in ("importlib.import_module", "import_module", "__import__") and isinstance(
                    node.args[0].value, str):
                out.append((node.lineno, node.args[0].value))
    return out


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_there_are_modules_to_check() -> None:
    assert any(p.parent.name == "rules" for p in MODULES)


def test_the_checker_catches_what_it_should(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import scrapy\nfrom twisted.internet import reactor\nimport urllib.request as u\n"
                      "from http import client\nimport importlib\nimportlib.import_module('requests')\n"
                      "import urllib.parse\n", encoding="utf-8")
    bad = sorted({name for _, name in _imports(sample) if _forbidden(name)})
    assert bad == ["http.client", "requests", "scrapy", "twisted.internet", "twisted.internet.reactor",
                   "urllib.request"]


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_forbidden_imports(path: Path) -> None:
    bad = [f"{path.relative_to(ROOT)}:{line}: {name}" for line, name in _imports(path) if _forbidden(name)]
    assert not bad, "forbidden imports:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", RULE_MODULES, ids=[str(p.relative_to(ROOT)) for p in RULE_MODULES])
def test_rules_never_read_the_wall_clock(path: Path) -> None:
    """The clock comes in as ``ctx.now``; ``now()``/``today()``/``time()`` calls are forbidden."""
    bad = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            if name in ("now", "today", "utcnow", "time", "monotonic", "crawl_start"):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node.func)}()")
    assert not bad, "wall-clock reads:\n" + "\n".join(bad)
