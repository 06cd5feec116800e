"""Stage 1 — text normalization for petitions.

Owns: full/half-width folding (NFKC), whitespace, traditional → simplified (OpenCC ``t2s``), and the
pinyin annotations that mirrored pages insert after characters (``鎮(zhèn)``, ``生態(tài)``).
Briefings are *not* normalized here before extraction, because their offsets must point into the
original text; they use :func:`to_simplified` which keeps the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["normalize", "normalize_many", "to_simplified", "strip_pinyin"]

# a parenthesised syllable with at least one tone-marked vowel: (zhèn) (tài) (huán), ASCII or full-width parens
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_RE = re.compile(rf"[(（]\s*[a-zü]*[{_TONED}][a-zü{_TONED}]*\s*[)）]", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a space between two CJK characters (or CJK and CJK punctuation) is an extraction artifact
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}，。、；：！？”“）（])\s+(?=[{_CJK}，。、；：！？”“）（])")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use only: keeps `import petitionnlp` fast

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, character for character where OpenCC allows (length kept when it can)."""
    return _t2s().convert(text) if text else text


def strip_pinyin(text: str) -> str:
    return _PINYIN_RE.sub("", text)


def normalize(text: str | None) -> str:
    """The canonical form every petition stage works on. ``None`` becomes ``""``."""
    if not text:
        return ""
    text = strip_pinyin(text)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE_RE.sub(" ", text).strip()
    text = _CJK_GAP_RE.sub("", text)
    return to_simplified(text)


def normalize_many(texts: list[str | None]) -> list[str]:
    return [normalize(t) for t in texts]
