"""Rule tests: data-driven cases (``cases/``) and their builder."""
