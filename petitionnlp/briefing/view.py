"""The text the briefing rules match: simplified, half-width, without the pinyin that mirrored pages insert after
characters (``質(zhì)量`` → ``质量``) — and the way back to the original offsets, which every output keeps."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..text import to_simplified

__all__ = ["View", "fold_view"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"[(（]\s*[a-zü]*[{_TONED}][a-zü{_TONED}]*\s*[)）]", re.IGNORECASE)


@dataclass(frozen=True)
class View:
    text: str
    origin: tuple[int, ...]  # the original index of each character of ``text``
    length: int              # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end)."""
        if start >= len(self.origin):
            return self.length, self.length
        a = self.origin[start]
        b = self.origin[end - 1] + 1 if end > start else a
        return a, b

    def at(self, pos: int) -> int:
        return self.origin[pos] if pos < len(self.origin) else self.length

    def index(self, original: int) -> int:
        """The folded index of the first kept character at or after ``original``."""
        return bisect.bisect_left(self.origin, original)

    def span_through(self, start: int, end: int) -> tuple[int, int]:
        """Like :meth:`span`, the end carried over a pinyin annotation that follows the last character
        (``系統(tǒng)``): a clause or a name ends after it."""
        a, b = self.span(start, end)
        if end > start and end <= len(self.origin):
            nxt = self.origin[end] if end < len(self.origin) else self.length
            if nxt > b:
                b = nxt
        return a, b


@lru_cache(maxsize=64)
def fold_view(text: str) -> View:
    """``text`` folded for matching, character for character except the dropped pinyin annotations."""
    keep: list[int] = []
    chars: list[str] = []
    pos = 0
    for m in _PINYIN.finditer(text):
        for i in range(pos, m.start()):
            keep.append(i)
            chars.append(text[i])
        pos = m.end()
    for i in range(pos, len(text)):
        keep.append(i)
        chars.append(text[i])
    folded = []
    for ch in chars:
        n = unicodedata.normalize("NFKC", ch)
        folded.append(n if len(n) == 1 else ch)
    plain = "".join(folded)
    simple = to_simplified(plain)
    return View(simple if len(simple) == len(plain) else plain, tuple(keep), len(text))
