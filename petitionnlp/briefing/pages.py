"""Briefings pasted from a printed page: the line breaks and page numbers (``- 3 -``, ``第3页``, a bare ``3``) that
a page break leaves inside a sentence — ``三要进一步紧\\n\\n盯环境保护责任落实`` — taken out, with the way back to
the offsets of the text given, so that a directive split by a page is read as one and still indexes the input.

A break is joined when the line before it is running text (it holds a comma, a full stop or a semicolon and ends
on a character, not on punctuation) and the line after it goes on (it is not a heading, an enumerated item or the
distribution list of the briefing's foot); a line that a numbered heading opens (（一）…) ends there unless a page
number follows it.  Titles, headings and paragraphs that end with 。 keep their breaks; a
text whose paragraphs mostly do not end with 。 (a page that lost them, where a line may be a whole paragraph)
has only the breaks joined that show a page number or fall inside a word (紧|盯: the segmenter reads one across).
A break after a comma or an enumeration comma, or before one, is always joined: no paragraph ends there (a page
that set a figure on a line of its own, ``…带队,\n\n每2周\n\n开展一次巡查``); the line before a break is then
read from the start of its paragraph.

:attr:`Joined.removed` lists what was taken out, so that a directive's ``action`` can leave it out too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..text import CJK

__all__ = ["Joined", "rejoin"]

_PAGE_NUMBER = r"(?:[-－—–~]\s*[0-9０-９]{1,3}\s*[-－—–~]|第\s*[0-9０-９]{1,3}\s*页(?:\s*[/，,]?\s*共\s*[0-9]{1,3}\s*页)?|[0-9０-９]{1,3})"
_BREAK = re.compile(rf"[ \t\u3000]*\n(?:\s*{_PAGE_NUMBER}[ \t\u3000]*\n)*\s*")
_NUMBERED = re.compile(rf"\n\s*{_PAGE_NUMBER}[ \t\u3000]*\n")
_RUNNING = re.compile(r"[，,。；;]")
_ENDS_ON_TEXT = re.compile(rf"[{CJK}0-9A-Za-z、]$")
_ENDED = re.compile(r"[。！？；!?;…”」』）)]$")
_GOES_ON = re.compile(rf"[{CJK}0-9A-Za-z“（(《]")
_OPEN_END = re.compile(r"[，,、]$")       # a line that stops on a comma goes on
_OPEN_START = re.compile(r"[，,、。；;]")  # a line that starts with one continues the line before
_SENTENCE_END = re.compile(r"[。！？；!?;]")
# a line that a numbered heading opens ((一)深入打好蓝天保卫战,提升环境空气质量) ends there, unless a page number follows
_HEADING = re.compile(r"[ \t\u3000]*[（(][一二三四五六七八九十]+[)）]")
_NOT_GOING_ON = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[)）]|[0-9]{1,2}[、.．]"
                           r"|第[一二三四五六七八九十]+[章节条部分]|附件|报：|送：|抄送|抄报|印发|联系|主送)")


@dataclass(frozen=True)
class Joined:
    text: str
    origin: tuple[int, ...]  # the index, in the text given, of each character of ``text``
    length: int              # of the text given
    removed: tuple[tuple[int, int], ...] = ()  # (start, end) in the text given of each break taken out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) in the text given of the joined span [start, end): the removed break inside included."""
        if start >= len(self.origin):
            return self.length, self.length
        a = self.origin[start]
        return a, (self.origin[end - 1] + 1 if end > start else a)

    def index(self, given: int) -> int:
        """The joined index of the first kept character at or after ``given``."""
        return bisect.bisect_left(self.origin, given)


def _splits_a_word(text: str, m: re.Match, cut) -> bool:
    """Whether the break at ``m`` falls inside a word (紧|盯, 工|作): the segmenter reads one across it."""
    before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 3]
    if cut is None:
        from ..tokenize import get_tokenizer

        cut = get_tokenizer().cut
    pos = 0
    for word in cut(before + after):
        if pos < len(before) < pos + len(word):
            return True
        pos += len(word)
    return False


def rejoin(text: str, cut=None) -> Joined:
    """``text`` without the page breaks that split a sentence (see the module docstring); ``cut`` segments a
    few characters around a break (the project's tokenizer when None)."""
    breaks, certain, ended = [], [], 0
    line_start, piece_start = 0, None  # piece_start: where the text after a certain join starts
    for m in _BREAK.finditer(text):
        if m.end() >= len(text) or m.start() == 0:
            continue
        line = text[line_start:m.start()]
        joined = False
        open_piece = piece_start is not None and not _SENTENCE_END.search(text, piece_start, m.start()) \
            and _GOES_ON.match(text, m.end())  # 带队,|每2周|开展: a fragment inside a sentence that goes on
        if (_OPEN_END.search(line) or _OPEN_START.match(text, m.end()) or open_piece) \
                and not _NOT_GOING_ON.match(text, m.end()):
            certain.append(m)
            joined = True
            piece_start = m.end()
        elif not _RUNNING.search(line):
            pass
        elif _ENDED.search(line):
            ended += 1
        elif _ENDS_ON_TEXT.search(line) and _GOES_ON.match(text, m.end()) \
                and not _NOT_GOING_ON.match(text, m.end()) \
                and (not (_HEADING.match(line) and not _SENTENCE_END.search(line) and len(line.strip()) <= 32)
                     or _NUMBERED.search(m.group(0))):
            breaks.append(m)
            joined = True
        if not joined:
            line_start, piece_start = m.end(), None
    if 2 * len(breaks) > ended:  # paragraphs that mostly do not end in 。 (a page stripped of them): only the
        breaks = [m for m in breaks if _NUMBERED.search(m.group(0)) or _splits_a_word(text, m, cut)]
    breaks = sorted(breaks + certain, key=lambda m: m.start())
    keep: list[int] = []
    parts: list[str] = []
    pos = 0
    for m in breaks:
        parts.append(text[pos:m.start()])
        keep.extend(range(pos, m.start()))
        pos = m.end()
    if not parts:
        return Joined(text, tuple(range(len(text))), len(text))
    parts.append(text[pos:])
    keep.extend(range(pos, len(text)))
    return Joined("".join(parts), tuple(keep), len(text), tuple((m.start(), m.end()) for m in breaks))
