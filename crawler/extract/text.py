"""Text normalisation for extraction; the functions live in :mod:`nd42.textnorm` (shared with ``rules/``)."""

from nd42.textnorm import clean, fold, slug_words

__all__ = ["clean", "fold", "slug_words"]
