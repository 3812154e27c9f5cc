"""Placeholder: the `nd42 export` subcommand (issue 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def add_subcommand(sub: Any, add_crawl_args: Callable[[Any], None]) -> None:
    """Register the subcommand on the CLI's subparsers (filled in by the nightly work)."""
