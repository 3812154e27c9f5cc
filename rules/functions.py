"""Placeholder: filled in by the rule catalogue work (issue 3)."""
