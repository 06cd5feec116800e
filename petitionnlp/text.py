"""Stage 1 — text folding and normalization, for every later stage.

Owns the one folding of the project (:func:`fold`): the pinyin annotations that mirrored pages insert after
characters dropped (``鎮(zhèn)``, ``生態(tài)``), full/half width and compatibility forms folded (NFKC), and
traditional → simplified (OpenCC ``t2s``) — with the original index of every folded character, so that a stage
matching on the folded text (personal information, briefing directives and times) answers with offsets into the
original.  :func:`normalize` is the folded text with its whitespace tidied, for stages that need no offsets
(classification, search, regions).  :data:`CJK` is the one range of Chinese characters the package uses.
:func:`unify_newlines` reads Windows (CR LF) and old Mac (lone CR) line ends as LF: a text's stages see one kind.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

__all__ = ["CJK", "CJK_CHAR", "Folded", "fold", "normalize", "normalize_many", "to_simplified", "strip_pinyin",
           "is_cjk", "unify_newlines"]

#: The Chinese characters (a regex character-class body): CJK Unified Ideographs, Extension A and the
#: compatibility ideographs.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")

# a parenthesised syllable with at least one tone-marked vowel: (zhèn) (tài) (huán), ASCII or full-width parens
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_RE = re.compile(rf"[(（]\s*[a-zü]*[{_TONED}][a-zü{_TONED}]*\s*[)）]", re.IGNORECASE)
# a parenthesised syllable without tone marks right after a Chinese character: 时(shi)间, 察(cha)(cha); dropped
# only where it is a reading of that character (pypinyin says so), so (PM) or (A) after a word stays
_TONELESS_RE = re.compile(rf"(?<=[{CJK}])((?:[(（][a-z]{{1,6}}[)）])+)")
_SPACE_RE = re.compile(r"\s+")
# a space between two CJK characters (or CJK and CJK punctuation) is an extraction artifact
_CJK_GAP_RE = re.compile(rf"(?<=[{CJK}，。、；：！？”“）（])\s+(?=[{CJK}，。、；：！？”“）（])")
_NOT_CJK = re.compile(f"([^{CJK}]+)")


_CR = re.compile(r"\r\n?")


def unify_newlines(text: str) -> str:
    """``text`` with every CR LF and every lone CR as LF (a file saved on Windows, a browser's form field)."""
    return _CR.sub("\n", text) if "\r" in text else text


def is_cjk(ch: str) -> bool:
    """Whether the one character ``ch`` is a Chinese character (:data:`CJK`)."""
    return bool(CJK_CHAR.match(ch))


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use only: keeps `import petitionnlp` fast

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, character for character where OpenCC allows (length kept when it can)."""
    return _t2s().convert(text) if text else text


def _simplified_same_length(text: str) -> str:
    """``text`` in simplified characters, of the same length: OpenCC on the whole text, and where a phrase
    conversion changes the length, on each run of Chinese characters, then on each character of such a run."""
    whole = to_simplified(text)
    if len(whole) == len(text):
        return whole
    out = []
    for part in _NOT_CJK.split(text):
        conv = to_simplified(part) if part and CJK_CHAR.match(part) else part
        if len(conv) != len(part):
            conv = "".join(c if len(c) == 1 else ch for ch, c in ((ch, to_simplified(ch)) for ch in part))
        out.append(conv)
    return "".join(out)


def strip_pinyin(text: str) -> str:
    return _PINYIN_RE.sub("", text)


@lru_cache(maxsize=4096)
def _readings(ch: str) -> frozenset:
    from pypinyin import Style, pinyin  # only for a text that has a bare syllable in brackets

    return frozenset(r.replace("ü", "v") for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def _pinyin_spans(text: str) -> list[tuple[int, int]]:
    """Where the pinyin annotations of a mirror page are: tone-marked syllables anywhere, and bare ones
    (``(shi)``) that read the character before them."""
    spans = [(m.start(), m.end()) for m in _PINYIN_RE.finditer(text)]
    for m in _TONELESS_RE.finditer(text):
        syllables = re.findall(r"[a-z]+", m.group(1))
        if all(sy.replace("ü", "v") in _readings(text[m.start() - 1]) for sy in syllables):
            spans.append((m.start(), m.end()))
    spans.sort()
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


@dataclass(frozen=True)
class Folded:
    """A folded text and the way back: ``origin[i]`` is the index in the original of folded character ``i``
    (non-decreasing; a character NFKC expands, ``…`` → ``...``, gives several folded characters one origin;
    dropped pinyin gives none)."""

    text: str
    origin: Sequence[int]
    length: int  # of the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end)."""
        if start >= len(self.origin):
            return self.length, self.length
        a = self.origin[start]
        b = self.origin[end - 1] + 1 if end > start else a
        return a, b

    def at(self, pos: int) -> int:
        """The original index of folded position ``pos`` (the original's length past the end)."""
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


# the characters NFKC maps one for one in most Chinese texts: full-width ASCII (，：（） ＡＢ１２) and the
# ideographic space
_WIDE = {c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``: the full-width characters first (their own NFKC forms, one for one),
    then the whole normalization only for a text that still needs it (a quick check says so) — most need none."""
    text = text.translate(_WIDE)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=256)
def fold(text: str) -> Folded:
    """``text`` folded for matching — pinyin annotations dropped, NFKC, traditional → simplified — with the
    original index of each folded character.  Cached: the stages of one text share it."""
    text = text or ""
    half = _nfkc(text)
    spans = _pinyin_spans(text) if _PINYIN_RE.search(text) or _TONELESS_RE.search(text) else []
    if len(half) == len(text) and not spans:  # the common case: one for one
        return Folded(_simplified_same_length(half), range(len(text)), len(text))
    origin: list[int] = []
    chars: list[str] = []
    pos = 0
    spans = spans + [(len(text), len(text))]
    for a, b in spans:
        for i in range(pos, a):
            n = unicodedata.normalize("NFKC", text[i])
            chars.append(n)
            origin.extend([i] * len(n))
        pos = b
    plain = "".join(chars)
    return Folded(_simplified_same_length(plain), tuple(origin), len(text))


def normalize(text: str | None) -> str:
    """The canonical form every petition stage works on (the folded text, whitespace tidied). ``None``
    becomes ``""``."""
    if not text:
        return ""
    text = fold(text).text if len(text) <= 4096 else fold.__wrapped__(text).text  # big cells: not cached
    text = _SPACE_RE.sub(" ", text).strip()
    return _CJK_GAP_RE.sub("", text)


def normalize_many(texts: list[str | None]) -> list[str]:
    return [normalize(t) for t in texts]
