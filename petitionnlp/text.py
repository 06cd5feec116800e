"""Stage 1 — text folding and normalization, for every later stage.

Owns the one folding of the project (:func:`fold`): the pinyin annotations that mirrored pages insert after
characters dropped (``鎮(zhèn)``, ``生態(tài)``), full/half width and compatibility forms folded (NFKC), and
traditional → simplified (OpenCC ``t2s``) — with the original index of every folded character, so that a stage
matching on the folded text (personal information, briefing directives and times) answers with offsets into the
original.  :func:`normalize` is the folded text with its whitespace tidied, for stages that need no offsets
(classification, search, regions).  :data:`CJK` is the one range of Chinese characters the package uses.
:func:`term_finder` finds which of a fixed list of words a text contains in one pass (the type model's lexicon and
conventions, triage's departments).  :func:`unify_newlines` reads Windows (CR LF) and old Mac (lone CR) line ends as LF: a text's stages see one kind.

:func:`clean_text` is the one cleaning of text at the door: every text a person or a file brings in (a page's form
field, an API body's string, a query parameter, an uploaded table's cell, header or file name) passes it before
anything keeps it.  What it does, and why:

* CR LF and a lone CR become LF (CONTRACT.md: Windows line ends read as LF everywhere); a vertical tab (VT, Word's
  manual line break) and a form feed (FF, a page break) become LF too: they were line breaks where they were typed.
* The other C0 control characters (\\x01–\\x08, \\x0e–\\x1f), DEL and the non-characters U+FFFE/U+FFFF are
  **removed**, not refused: they come in invisibly (a paste from Word carries BEL as a table cell's end, a PDF the
  soft hyphen \\x1f, a terminal ESC), so a clerk could neither see nor fix what a refusal would complain about,
  and nothing a reader needs is lost; left in, they would make the office's spreadsheets and Word files fail
  (openpyxl and lxml refuse them).  Tab and LF stay.
* NUL and lone surrogates are **refused** (:class:`BadText`, naming the field): they are no text at all (a binary
  paste, a broken client), PostgreSQL cannot store a NUL nor UTF-8 a lone surrogate, and the sender should know
  his text did not arrive whole.  In an uploaded cell (``cell=True``) they become U+FFFD instead: one bad cell
  does not refuse a whole row or table, and the reader sees that something was there.
* A query parameter (``query=True``) is refused for any control character (tab and line ends apart): an address
  is built by a program or a link, and silently searching for other words than were asked would mislead.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

__all__ = ["CJK", "CJK_CHAR", "Folded", "fold", "normalize", "normalize_many", "to_simplified", "strip_pinyin",
           "is_cjk", "unify_newlines", "clean_text", "BadText", "TermFinder", "term_finder", "header_key"]

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
# what both begin with: a bracket, then a letter (after spaces); a text without one has no annotation, found with one
# quick scan (the lookbehind that opens _TONELESS_RE is tried at every character of a text)
_MAY_BE_PINYIN = re.compile(rf"[(（]\s*[a-zü{_TONED}]", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
# a space between two CJK characters (or CJK and CJK punctuation) is an extraction artifact
_CJK_GAP_RE = re.compile(rf"(?<=[{CJK}，。、；：！？”“）（])\s+(?=[{CJK}，。、；：！？”“）（])")
_NOT_CJK = re.compile(f"([^{CJK}]+)")


_CR = re.compile(r"\r\n?")


def unify_newlines(text: str) -> str:
    """``text`` with every CR LF and every lone CR as LF (a file saved on Windows, a browser's form field)."""
    return _CR.sub("\n", text) if "\r" in text else text


class BadText(ValueError):
    """A text refused at the door (:func:`clean_text`): ``field`` names where it came from, ``what`` the character
    (``NUL``, ``孤立代理项``, ``控制字符``); the message, Chinese first, says both."""

    def __init__(self, field: str, what: str):
        self.field, self.what = field, what
        super().__init__(f"{field} 含有无效字符（{what}），请删去后重试 (invalid character in {field}: {_ENGLISH[what]})")


_ENGLISH = {"NUL": "NUL", "孤立代理项": "lone surrogate", "控制字符": "control character"}
# one pass over a text finds everything that is not kept as it is
_AT_DOOR = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = {"\r": "\n", "\x0b": "\n", "\x0c": "\n"}


def clean_text(value: str, field: str = "text", *, cell: bool = False, query: bool = False) -> str:
    """``value`` as it is kept (the module's note says what and why): line ends as LF, VT/FF as LF, the other
    C0 controls, DEL, U+FFFE/U+FFFF removed; NUL or a lone surrogate refused with :class:`BadText` naming
    ``field`` (``cell``: an uploaded cell's become U+FFFD); ``query``: any control character refused.  A text
    with nothing to clean (nearly all) is returned as it is, after one regex search."""
    if not isinstance(value, str) or not _AT_DOOR.search(value):
        return value
    if "\r" in value:
        value = _CR.sub("\n", value)
    out = []
    for ch in value:
        code = ord(ch)
        if code == 0 or 0xD800 <= code <= 0xDFFF:
            if not cell:
                raise BadText(field, "NUL" if code == 0 else "孤立代理项")
            out.append("\ufffd")
        elif code < 32 and ch not in "\t\n" or code in (0x7F, 0xFFFE, 0xFFFF):
            if query:
                raise BadText(field, "控制字符")
            nl = _LINE_BREAKS.get(ch)
            if nl:
                out.append(nl)
        else:
            out.append(ch)
    return "".join(out)


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


def toneless(reading: str) -> str:
    """A pinyin reading without its tone marks (shāo → shao): the one way search's sound tables and the name rules'
    syllables read pypinyin's dictionary."""
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


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
_WIDE = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]")  # a petition has a few (its commas): replaced where they are


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``: the full-width characters first (their own NFKC forms, one for one),
    then the whole normalization only for a text that still needs it (a quick check says so) — most need none."""
    found = _WIDE_RE.findall(text)  # str.translate looks up every character of the text, a callback each match
    for ch in set(found):  # costs more: each distinct one replaced at once
        text = text.replace(ch, _WIDE[ch])
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=256)
def fold(text: str) -> Folded:
    """``text`` folded for matching — pinyin annotations dropped, NFKC, traditional → simplified — with the
    original index of each folded character.  Cached: the stages of one text share it."""
    text = text or ""
    half = _nfkc(text)
    spans = _pinyin_spans(text) if _MAY_BE_PINYIN.search(text) and (
        _PINYIN_RE.search(text) or _TONELESS_RE.search(text)) else []
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


_HEADER_NOISE = re.compile(r"[\s:*]+")


def header_key(header) -> str:
    """A table's column header as a clerk reads it, the one form every reader of headers compares (the known
    columns of io, the personal and kept columns of pii): NFKC (full-width letters, digits, colon and star as
    ASCII), simplified, lower case, without spaces, colons or stars (``*受理 編號：`` → ``受理编号``)."""
    return _HEADER_NOISE.sub("", to_simplified(unicodedata.normalize("NFKC", str(header or ""))).lower())


def normalize(text: str | None) -> str:
    """The canonical form every petition stage works on (the folded text, whitespace tidied). ``None``
    becomes ``""``."""
    if not text:
        return ""
    text = fold(text).text if len(text) <= 4096 else fold.__wrapped__(text).text  # big cells: not cached
    text = _SPACE_RE.sub(" ", text).strip()
    return _CJK_GAP_RE.sub("", text) if " " in text else text  # its gaps are spaces now: most texts have none


def normalize_many(texts: list[str | None]) -> list[str]:
    return [normalize(t) for t in texts]


class TermFinder:
    """Which of a fixed list of terms occur in a text, found in one pass over the text (an Aho–Corasick automaton,
    ``pyahocorasick``) instead of one substring test a term: ``ordinals(text)`` gives, in list order, the
    positions in the list of every term the text contains (a term listed twice: both positions)."""

    def __init__(self, terms):
        import ahocorasick

        where: dict[str, list[int]] = {}
        for k, term in enumerate(terms):
            if term:
                where.setdefault(term, []).append(k)
        self._automaton = ahocorasick.Automaton()
        for term, ks in where.items():
            self._automaton.add_word(term, tuple(ks))
        if where:
            self._automaton.make_automaton()
        self._empty = not where

    def ordinals(self, text: str) -> list[int]:
        if self._empty:
            return []
        return sorted({k for _, ks in self._automaton.iter(text) for k in ks})

    def found(self, text: str) -> list[tuple[int, int]]:
        """(the position of its last character, its position in the list) of every occurrence of a term."""
        if self._empty:
            return []
        return [(end, k) for end, ks in self._automaton.iter(text) for k in ks]


@lru_cache(maxsize=16)
def term_finder(terms: tuple) -> TermFinder:
    """The :class:`TermFinder` of ``terms``, built once a process."""
    return TermFinder(terms)
