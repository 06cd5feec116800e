"""The text the briefing rules match: simplified, half-width, without the pinyin that mirrored pages insert after
characters (``質(zhì)量`` → ``质量``) — and the way back to the original offsets, which every output keeps.

The folding is the project's one (:func:`petitionnlp.text.fold`); this module only names it for the briefing
stage."""

from __future__ import annotations

from ..text import Folded as View
from ..text import fold

__all__ = ["View", "fold_view"]


def fold_view(text: str) -> View:
    """``text`` folded for matching (:func:`petitionnlp.text.fold`), with the original index of each character."""
    return fold(text)
