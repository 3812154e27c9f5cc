"""Placeholder: filled in by the technical-standards work (issue 4)."""
