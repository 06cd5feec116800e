"""A scored name detector for private persons that no cue word stands beside (汪正年第一次逃离村庄, 在许正富看来,
17岁的汪正年…, a name opening an indented paragraph): a surname and one or two characters, scored by how often its
characters stand in people's names rather than in other words (``corpora/pii/name_char_stats.tsv``, counted over
jieba's dictionary), by how jieba reads it, and by what jieba reads before and after it (``name_model.tsv``).
:class:`~petitionnlp.pii.rules.NameRules` asks it where its rules found no name, and filters what it proposes as
it filters jieba's own persons (officials, places, firms).  Plain objects over a folded text; no spaCy here.
"""

from __future__ import annotations

import math

from ..errors import Errors, ModelError

_MARKS = frozenset("，,。；;！!？?：:、（）()“”\"'‘’「」『』《》【】—…\n\t \u3000")


def _weights(lines: list[str]) -> dict[tuple[str, str], float]:
    out = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) != 3:
            raise ModelError(Errors.E090.format(path="name_model.tsv", reason=f"这一行应为“类<Tab>键<Tab>权重”：{line}"))
        try:
            out[(parts[0].strip(), parts[1].strip())] = float(parts[2])
        except ValueError:
            raise ModelError(Errors.E090.format(path="name_model.tsv", reason=f"权重不是数：{line}")) from None
    return out


def _stats(lines: list[str]) -> tuple[dict[str, float], dict[str, float]]:
    """(character → log-ratio as a given name's character, surname → 0…1) from ``name_char_stats.tsv``'s lines."""
    rows = []
    for line in lines:
        parts = line.split("\t")
        if len(parts) != 4 or not all(p.strip().isdigit() for p in parts[1:]):
            raise ModelError(Errors.E090.format(path="name_char_stats.tsv",
                                                reason=f"这一行应为“字<Tab>姓<Tab>名<Tab>词”：{line}"))
        rows.append((parts[0], int(parts[1]), int(parts[2]), int(parts[3])))
    given_total = sum(r[2] for r in rows) or 1
    word_total = sum(r[3] for r in rows) or 1
    top = math.log1p(max((r[1] for r in rows), default=0)) or 1.0
    given = {c: max(-3.0, min(3.0, math.log((g + 1) / given_total) - math.log((w + 1) / word_total)))
             for c, _, g, w in rows}
    surname = {c: math.log1p(s) / top for c, s, _, _ in rows if s}
    return given, surname


class NameModel:
    """``stats``: the lines of ``name_char_stats.tsv``; ``weights``: those of ``name_model.tsv``; ``is_word(word)``:
    whether a word is one of the segmenter's dictionary; ``not_next``: right words that reject a name."""

    def __init__(self, stats: list[str], weights: list[str], is_word=None, not_next=frozenset()):
        self.given, self.surname = _stats(stats)
        self.w = _weights(weights)
        self.threshold = self.w.get(("threshold", ""), math.inf)
        self.is_word = is_word or (lambda word: False)
        self.not_next = frozenset(not_next)

    def _side(self, kind: str, word: str, tag: str) -> float:
        """The weight of jieba's word beside the name: the word's own line, else a line "*X" of its last character
        (*员: 工作人员, 执法员 — one in a role, whom the rules read), else its tag's, else "other"."""
        w = self.w
        return w.get((kind, word), w.get((kind, "*" + word[-1:]), w.get((kind, tag), w.get((kind, "other"), 0.0))))

    def score(self, folded: str, a: int, sl: int, b: int, read: str, before: tuple[str, str] | None,
              after: tuple[str, str] | None, rest: str = "", unlisted: int = 0) -> float | None:
        """The score of ``folded[a:b]`` (a surname of ``sl`` characters first), or None where it cannot be a name.
        ``read``: whole, split or other; ``before`` and ``after``: jieba's (word, tag) either side (None: a clause's
        start, a mark, the end); ``rest``: the rest of a word jieba glued to the name's end; ``unlisted``: how many
        of the given name's characters given_name_chars.txt does not hold."""
        w = self.w
        if after and (after[0] in self.not_next or self.is_word(folded[b - 1] + after[0][0])):
            return None  # (刘鑫生 / 下来: the last character and the next word's first make a word, 生下)
        s = w.get(("read", read), 0.0) + unlisted * w.get(("unlisted", ""), 0.0)
        s += w.get(("given", ""), 1.0) * sum(self.given.get(c, -3.0) for c in folded[a + sl:b])
        s += w.get(("surname", ""), 1.0) * self.surname.get(folded[a:a + sl], 0.0)
        s += w.get(("left", "^"), 0.0) if before is None else self._side("left", *before)
        s += w.get(("last", folded[b - 1]), 0.0)
        if rest:
            s += w.get(("rest", rest[0]), w.get(("rest", "other"), 0.0))
        else:
            s += w.get(("right", "$"), 0.0) if after is None else self._side("right", *after)
        return s

    def glued(self, rest: str) -> bool:
        """Whether the rest of a word jieba glued to a name's end reads as a word after a name (沈文启则 / 说: 则, a
        "rest" line of positive weight), not as the name's own character's word (杨玲承 / 包)."""
        return len(rest) == 1 and self.w.get(("rest", rest), 0.0) > 0

    @staticmethod
    def edge(word: str) -> bool:
        """Whether jieba's word is a mark, a space or a line break: a clause's edge."""
        return not word or all(c in _MARKS for c in word)
