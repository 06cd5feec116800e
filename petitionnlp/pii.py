"""Personal information in petitions: found as spaCy entities, redacted as 【类型】.

A spaCy pipeline on the project's tokenizer (:func:`make_pii_nlp`), whose ``doc.ents`` are the spans:

- the tokenizer is jieba's, except that every run of digits, Latin letters and the marks inside identifiers
  (``+86 138-1234-5678``, ``abc@qq.com``, ``A·12345``) is a token of its own, so a pattern's span is whole tokens;
- ``pii_patterns`` applies the patterns of ``corpora/pii/patterns.jsonl``: phones in every common writing,
  resident IDs (the checksum, or 身份证 nearby, confirms one), plates, e-mail, QQ/WeChat/Alipay accounts and
  bank cards (Luhn, or 卡号 nearby);
- ``pii_names`` finds private persons: a word jieba tags as a person whose first character is a surname
  (``surnames.txt``), or a surname and one or two characters after a context word (举报人, 村民, 业主, 老板 …
  ``name_context.txt``); not a name with a post (许达哲省长: ``titles.txt``), a masked one (张某, 李某某), a place
  (王家村: ``place_after.txt``), a company (张三有限公司) or a listed false friend (``not_names.txt``).

Detection runs on a folded copy of the text (full-width → half-width, traditional → simplified, character for
character), so the offsets are those of the original cell.  Receipt numbers (D2HN202010150023), hotlines
(12369, 12345, 110), dates and amounts match no pattern: identifiers must stand alone, not inside a longer code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache

from .resources import corpus_path, read_list
from .text import to_simplified
from .tokenize import get_tokenizer

__all__ = ["PII_TYPES", "make_pii_nlp", "get_pii_nlp", "find_pii", "redact_text", "Redactor", "fold",
           "personal_column_type"]

PII_TYPES = ("姓名", "电话", "证件号", "车牌", "邮箱", "账号")
_RUN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z@._%+\-·•()]|\s(?=[0-9]))*[0-9A-Za-z)]|[0-9A-Za-z]")
_MASKED = re.compile(r"^[\u4e00-\u9fff]{1,2}(?:某+|[Xx*＊×]+)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def fold(text: str) -> str:
    """The text as detection sees it, character for character: full-width → half-width, traditional →
    simplified (each only where it keeps the length, so offsets into it are offsets into ``text``)."""
    half = unicodedata.normalize("NFKC", text)
    if len(half) != len(text):  # … → ..., ㎡ → m2: fold character by character, keeping those as they are
        half = "".join(n if len(n) == 1 else ch for ch, n in ((c, unicodedata.normalize("NFKC", c)) for c in text))
    simple = to_simplified(half)
    return simple if len(simple) == len(half) else half


# ------------------------------------------------------------------------------------------------ checks

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _resident_id(s: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID."""
    s = s.upper()
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return _ID_CHECK[sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS)) % 11] == s[17]


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _bank_card(s: str) -> bool:
    digits = re.sub(r"\D", "", s)
    return 16 <= len(digits) <= 19 and digits.startswith("62") and _luhn(digits)


def _plate(s: str) -> bool:
    return sum(c.isdigit() for c in s) >= 2


_CHECKS = {"resident_id": _resident_id, "bank_card": _bank_card, "plate": _plate}


# ------------------------------------------------------------------------------------------------- data

@lru_cache(maxsize=1)
def _patterns() -> list[dict]:
    out = []
    with open(corpus_path("pii", "patterns.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                p = json.loads(line)
                p["rx"] = re.compile(p["pattern"])
                p["check_fn"] = _CHECKS[p["check"]] if p.get("check") else None
                out.append(p)
    return out


@lru_cache(maxsize=1)
def _name_data() -> dict:
    surnames = set(read_list("pii", "surnames.txt"))
    given = set("".join(read_list("pii", "given_name_chars.txt")).replace(" ", ""))
    context = sorted(read_list("pii", "name_context.txt"), key=len, reverse=True)
    return {"surnames": surnames, "compound": {s for s in surnames if len(s) == 2}, "given": given,
            "context": tuple(context), "context_re": re.compile("(?:" + "|".join(map(re.escape, context)) + ")[:：\\s]?"),
            "follow": tuple(sorted(read_list("pii", "name_follow.txt"), key=len, reverse=True)),
            "titles": tuple(sorted(read_list("pii", "titles.txt"), key=len, reverse=True)),
            "place_after": frozenset(read_list("pii", "place_after.txt")),
            "not_names": frozenset(read_list("pii", "not_names.txt")),
            "subject_verbs": tuple(sorted(read_list("pii", "subject_verbs.txt"), key=len, reverse=True))}


@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern:
    """Texts with none of these hold no personal information this module can find (skip the pipeline)."""
    words = sorted(set(_name_data()["context"]) | {"QQ", "qq", "微信", "威信", "支付宝", "账号", "帐号", "账户", "扣扣",
                                                   "vx", "VX", "Vx", "wx", "WX", "v信", "weixin"},
                   key=len, reverse=True)
    return re.compile(r"\d{5}|\d[\s\-]\d{3}|@|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z]|"
                      + "|".join(map(re.escape, words)))


# -------------------------------------------------------------------------------------------- the pipeline

def _context_before(text: str, start: int, words, window: int) -> bool:
    before = text[max(0, start - window):start]
    return any(w in before for w in words)


def _pattern_spans(folded: str) -> list[tuple[int, int, str, int]]:
    found = []
    for p in _patterns():
        for m in p["rx"].finditer(folded):
            start, end = m.span("span") if "span" in p["rx"].groupindex else m.span()
            value = folded[start:end]
            ok_check = p["check_fn"](value) if p["check_fn"] else None
            ok_context = _context_before(folded, start, p["context"], p.get("window", 8)) if p.get("context") else None
            if ok_check is False and ok_context is not True:
                continue
            if ok_check is None and ok_context is False:
                continue
            found.append((start, end, p["label"], p.get("priority", 1)))
    return found


def _surname_len(text: str, pos: int) -> int:
    d = _name_data()
    if text[pos:pos + 2] in d["compound"]:
        return 2
    return 1 if text[pos:pos + 1] in d["surnames"] else 0


def _ends_name(text: str, pos: int) -> bool:
    """Whether a name can end at ``pos``: the end, a non-Chinese character, or a word that follows names."""
    d = _name_data()
    return pos >= len(text) or not _CJK.match(text[pos]) or text.startswith(d["follow"], pos) \
        or text.startswith(d["context"], pos) or text.startswith(d["titles"], pos) or text.startswith(_HONORIFICS, pos)


def _name_at(text: str, pos: int) -> tuple[int, int] | None:
    """A name starting at ``pos`` (a surname and a one- or two-character given name), read character by
    character: after a context word jieba often glues the name to its neighbours (人林晓燕, 人马 国庆)."""
    d = _name_data()
    sl = _surname_len(text, pos)
    if not sl:
        return None
    g = pos + sl
    if text[g:g + 1] in ("某", "X", "x", "*", "×") or text.startswith(_HONORIFICS, g):
        return None  # 张某, 李X, 刘女士: masked
    if text[g:g + 1] in _FUNCTION_CHARS or text.startswith(tuple(w for w in d["follow"] if len(w) > 1), g):
        return None  # 投诉人曾于11月5日…: 于 starts a word, there is no given name
    ok = {gl: all(_CJK.match(c) for c in text[g:g + gl]) and len(text[g:g + gl]) == gl and _ends_name(text, g + gl)
          for gl in (1, 2)}
    if ok[2] and (text[g + 1] in d["given"] or not ok[1]):
        return pos, g + 2
    if ok[1]:
        return pos, g + 1
    if len(text) >= g + 2 and all(c in d["given"] for c in text[g:g + 2]):
        return pos, g + 2
    return None


def _name_spans(folded: str, tagged: list[tuple[str, str, int]]) -> list[tuple[int, int, str, int]]:
    """Private persons' names: (start, end, "姓名", priority)."""
    d = _name_data()
    found: dict[int, int] = {}
    after_context: set[int] = set()
    # 1. after a context word (举报人, 村民, 老板 …), and after a name in a list (陈桂兰、周玉梅)
    for m in d["context_re"].finditer(folded):
        pos = m.end()
        while True:
            got = _name_at(folded, pos)
            if not got:
                break
            found.setdefault(got[0], got[1])
            after_context.add(got[0])
            nxt = got[1]
            sep = re.match(r"、|和|与|及|以及|，", folded[nxt:nxt + 2])
            if not sep:
                break
            pos = nxt + sep.end()
    # 2. where jieba sees a person (刘建军在河边…): its given name must look like one
    for i, (word, tag, start) in enumerate(tagged):
        if tag == "pii" or not _CJK.match(word) or start in found:
            continue
        end = start + len(word)
        if len(word) == 1 and word in d["surnames"] and i + 1 < len(tagged) and tag.startswith(("nr", "zg", "j")):
            nxt_word, nxt_tag, _ = tagged[i + 1]  # 冯 / 海涛: a surname jieba split from the given name
            if 1 <= len(nxt_word) <= 2 and nxt_tag.startswith(("nr", "n", "a", "nz", "ns")) and _CJK.match(nxt_word):
                word, end = word + nxt_word, end + len(nxt_word)
            else:
                continue
        elif not (tag.startswith("nr") and 2 <= len(word) <= 4):
            continue
        sl = _surname_len(word, 0)
        if not sl or len(word) - sl not in (1, 2) or not all(c in d["given"] for c in word[sl:]):
            continue
        found.setdefault(start, end)
    # 3. the subject of a complaint at the start of a clause (欧阳秀英反映…): given-name characters only
    for m in _CLAUSE_START.finditer(folded):
        pos = m.end()
        sl = _surname_len(folded, pos)
        if not sl or pos in found:
            continue
        for gl in (2, 1):
            end = pos + sl + gl
            given = folded[pos + sl:end]
            if len(given) == gl and all(c in d["given"] for c in given) and folded.startswith(d["subject_verbs"], end):
                found[pos] = end
                break
    officials = {folded[a:b] for a, b in found.items() if _official(folded, a, b, found)}
    out = []
    for a, b in found.items():
        name = folded[a:b]
        sl = _surname_len(name, 0)
        bare = a not in after_context  # found by jieba alone: it must end where a name can end, and not as places do
        if name in d["not_names"] or name in officials or "某" in name or name[sl:] in _HONORIFICS \
                or name[sl:] in d["titles"] or _place_like(name) or _place_or_company(folded, a, b) \
                or _is_place_name(name) or (bare and (name[-1] in _PLACE_ENDINGS or name[sl:sl + 1] == "家"
                                                        or not _ends_name(folded, b))):
            continue
        out.append((a, b, "姓名", 1))
    return out


_PLACE_ENDINGS = "山河湖溪江川桥村镇庄苑园城峰岭坡沟塘湾港洲岛"
_CLAUSE_START = re.compile(r"(?:^|(?<=[。；;！!？?\n，,：:（(、\s]))(?=[\u4e00-\u9fff])")
_FUNCTION_CHARS = "于在的将把被已曾从到对向和与及等也是"


def _official(folded: str, start: int, end: int, found: dict[int, int]) -> bool:
    """A name next to a post (许达哲省长, 副市长张建林, 记者 王霞), or in a list led by one (副组长陈仲伯、陈爱林)."""
    d = _name_data()
    after, before = folded[end:end + 6], folded[max(0, start - 8):start].rstrip(" ")
    if after.startswith(d["titles"]) or before.endswith(d["titles"]) or before.endswith(tuple(t + "(" for t in d["titles"])):
        return True
    pos = start
    for _ in range(8):  # walk back over a list of names: 副组长陈仲伯、陈爱林、王一鸥
        if pos < 3 or folded[pos - 1] not in "、,，":
            return False
        for size in (3, 2, 4):
            seg = folded[max(0, pos - 1 - size):pos - 1]
            if len(seg) == size and _CJK.fullmatch(seg[0]) and \
                    folded[max(0, pos - 1 - size - 8):pos - 1 - size].rstrip(" ").endswith(d["titles"]):
                return True
        pos -= 4
    return False


@lru_cache(maxsize=1)
def _landmark_endings() -> tuple[str, ...]:
    return tuple(sorted(read_list("regions", "landmark_suffixes.txt"), key=len, reverse=True))


def _place_or_company(folded: str, start: int, end: int) -> bool:
    """王家村, 李四后村, 华旭家园, 明峰驾校, 张三有限公司: the name of a place, a landmark or a company."""
    d = _name_data()
    after = folded[end:end + 10]
    if after[:1] in d["place_after"] and not folded.startswith(d["follow"], end):
        return True
    if any(folded.startswith(_landmark_endings(), k) for k in range(start + 1, end + 1)) \
            or after.startswith(("驾校", "水库", "家园", "后村")):
        return True  # 李家大道, 华旭家园: a landmark ending inside or right after the name
    head = re.split(r"[，,。；;、（）()\s的]", after)[0]
    return any(w in head for w in ("有限", "公司", "集团", "股份", "合作社"))


def _is_place_name(name: str) -> bool:
    """常德, 平武, 洪山: a city or county of the gazetteer (by its short name)."""
    from .regions import get_gazetteer

    gaz = get_gazetteer()
    return name in gaz.short or name in gaz.exact or any(name + s in gaz.exact for s in "市县区镇乡")


_HONORIFICS = ("女士", "先生", "师傅", "小姐", "大爷", "大妈", "老师", "阿姨")  # 刘女士: only a surname, like 张某


def _place_like(name: str) -> bool:
    """王家村, 李家湾: a surname, 家, and a place ending."""
    d = _name_data()
    return len(name) >= 3 and (name[1] == "家" or name[-1] in "村湾庄屯寨沟镇乡") and name[-1] in d["place_after"]


def _choose(spans: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: the longer first (a phone number inside a bank card is the card), then the
    pattern of higher priority."""
    picked: list[tuple[int, int, str]] = []
    for start, end, label, _ in sorted(spans, key=lambda s: (-(s[1] - s[0]), -s[3], s[0])):
        if all(end <= a or start >= b for a, b, _ in picked):
            picked.append((start, end, label))
    return sorted(picked)


def analyze(text: str, tok=None) -> tuple[str, list, list, list[tuple[str, str, int]]]:
    """(folded text, pattern candidates, name candidates, tokens): the tokens are jieba's (word, tag, start) of
    the text, cut at the edge of every candidate so that each candidate is whole tokens."""
    tok = tok or get_tokenizer()
    folded = fold(text)
    patterns = _pattern_spans(folded)
    tagged, pos = [], 0
    for a, b, _ in _choose(patterns) + [(len(folded), len(folded), "")]:
        if a > pos:
            at = pos
            for word, tag in tok.tag(folded[pos:a]):
                tagged.append((word, tag, at))
                at += len(word)
        if b > a:
            tagged.append((folded[a:b], "pii", a))
        pos = max(pos, b)
    names = _name_spans(folded, tagged)
    cuts = {a for a, _, _, _ in names} | {b for _, b, _, _ in names}
    tokens = []
    for word, tag, start in tagged:
        edges = [start] + sorted(c for c in cuts if start < c < start + len(word)) + [start + len(word)]
        for a, b in zip(edges, edges[1:]):
            tokens.append((folded[a:b], tag, a))
    return folded, patterns, names, tokens


def make_pii_nlp(tokenizer=None):
    """``spacy.blank("zh")`` whose tokenizer is the project's jieba with every pattern match (a phone number, an
    ID, a plate, an e-mail …) one token, and the components ``pii_patterns`` and ``pii_names``;
    ``nlp(text).ents`` are the personal-information spans of ``text`` (labels: :data:`PII_TYPES`)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    tok = tokenizer or get_tokenizer()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    if not Doc.has_extension("pii"):
        Doc.set_extension("pii", default=None)  # (folded text, pattern candidates, name candidates)

    class _Segmenter:
        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            folded, patterns, names, tokens = analyze(text, tok)
            words = [text[a:a + len(w)] for w, _, a in tokens]  # the original characters, folded bounds
            doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
            doc._.pii = (folded, patterns, names)
            return doc

    nlp.tokenizer = _Segmenter(nlp.vocab)

    def set_ents(doc, spans):
        chosen = [doc.char_span(a, b, label=label) for a, b, label in _choose(spans)]
        doc.ents = [s for s in chosen if s is not None]
        return doc

    if "pii_patterns" not in Language.factories:
        @Language.component("pii_patterns")
        def pii_patterns(doc):
            return set_ents(doc, doc._.pii[1])

        @Language.component("pii_names")
        def pii_names(doc):
            _, patterns, names = doc._.pii
            return set_ents(doc, patterns + names)

    nlp.add_pipe("pii_patterns")
    nlp.add_pipe("pii_names")
    return nlp


@lru_cache(maxsize=1)
def get_pii_nlp():
    """The process-wide PII pipeline (built once)."""
    return make_pii_nlp()


def find_pii(text: str | None) -> list[dict]:
    """``[{"type", "start", "end", "text"}]`` for a cell, offsets into it (Python slicing)."""
    if not text or not isinstance(text, str):
        return []
    folded = fold(text)
    if not _prefilter().search(folded) and not _bare_names(folded):
        return []  # nothing a pattern or a context word could start, and no name jieba sees: skip the pipeline
    doc = get_pii_nlp()(text)
    return [{"type": e.label_, "start": e.start_char, "end": e.end_char, "text": e.text} for e in doc.ents]


def _bare_names(folded: str) -> bool:
    """Whether jieba sees a person's name in a text with no context word (刘建军在河边开了一家洗砂场)."""
    tagged, pos = [], 0
    for word, tag in get_tokenizer().tag(folded):
        tagged.append((word, tag, pos))
        pos += len(word)
    return any(tag.startswith("nr") for _, tag, _ in tagged) and bool(_name_spans(folded, tagged))


def redact_text(text: str | None, spans: list[dict] | None = None) -> tuple[str | None, list[dict]]:
    """(the text with every span replaced by 【类型】, the spans)."""
    if not text or not isinstance(text, str):
        return text, []
    spans = find_pii(text) if spans is None else spans
    out, pos = [], 0
    for s in spans:
        out.append(text[pos:s["start"]])
        out.append(f"【{s['type']}】")
        pos = s["end"]
    out.append(text[pos:])
    return "".join(out), spans


@lru_cache(maxsize=1)
def _personal_columns() -> list[tuple[str, str]]:
    rows = [ln.split("\t") for ln in read_list("pii", "personal_columns.tsv")]
    return [(r[0].strip().lower(), r[1].strip()) for r in rows[1:] if len(r) == 2]


def personal_column_type(header: str) -> str | None:
    """The type of personal information a column holds by its header (联系电话 → 电话), or None."""
    h = str(header).lower()
    return next((t for part, t in _personal_columns() if part in h), None)


class Redactor:
    """Redacts rows: the text column gets the redacted text and ``pii`` the spans found in it (offsets into the
    original cell); a column whose header names personal information (举报人, 联系电话 …:
    ``corpora/pii/personal_columns.tsv``) is replaced whole by 【type】; any other text cell is redacted too."""

    def __init__(self, text_column: str, columns=()):
        self.text_column = text_column
        self.personal = {c: t for c in columns if c != text_column and (t := personal_column_type(c))}

    def __call__(self, row: dict) -> dict:
        for col, value in row.items():
            if col == self.text_column or not isinstance(value, str) or not value.strip():
                continue
            if col in self.personal:
                row[col] = f"【{self.personal[col]}】"
            else:
                row[col] = redact_text(value)[0]
        text = row.get(self.text_column)
        redacted, spans = redact_text(text) if isinstance(text, str) else (text, [])
        row[self.text_column] = redacted
        row["pii"] = spans
        return row
