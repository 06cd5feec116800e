"""The personal-information pipeline as spaCy means one: a registered tokenizer and registered components with a
config, their rules loaded in ``initialize`` (from ``corpora/pii/`` by default, or any folder given in the
config's ``[initialize.components.…]`` section) or from the component's own folder when a saved pipeline is
loaded (``to_disk`` / ``from_disk``), results in ``doc.spans["pii"]``.

- tokenizer ``petitionnlp.JiebaTokenizer.v1``: the project's jieba segmenter run on the folded text
  (:func:`petitionnlp.text.fold`); every identifier run (digits, Latin letters and the marks inside identifiers)
  is one token; a token's ``norm_`` is its folded form (where folding changes it) and ``tag_`` jieba's part of speech.  It finds nothing.
- ``pii_patterns``: identifiers (:class:`~petitionnlp.pii.rules.PatternRules`) → ``doc.spans[spans_key]``.
- ``pii_names``: private persons' names (:class:`~petitionnlp.pii.rules.NameRules`), added to the same group
  where no identifier is.

Each can be disabled (``nlp.select_pipes(disable="pii_names")``) or replaced.  A component splits a token where a
span starts or ends inside it (jieba glues 举报人 to the name that follows), so that every span is whole tokens.

    import spacy, petitionnlp.pii.components  # registers the factories
    nlp = make_pii_nlp(); nlp.to_disk("pii-model"); spacy.load("pii-model")
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import numpy
import srsly
from spacy.attrs import NORM, TAG
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.util import registry

from ..errors import Errors, ModelError
from ..resources import corpus_path, read_list
from ..text import fold
from .rules import FORM_SENTENCE_END, IDENTIFIER_RUN, LINE_TAIL, PHRASE_END, NameRules, PatternRules, choose

__all__ = ["JiebaTokenizer", "PIIPatterns", "PIINames", "make_pii_nlp", "SPANS_KEY"]

SPANS_KEY = "pii"
PUBLIC_KEY = "pii_public"  # doc.user_data: the accounts the patterns left out as a body's published ones
TEXT_KEY = "petitionnlp.text"


def _text(doc: Doc) -> str:
    """The doc's text (kept by the tokenizer; rebuilt from the tokens for a doc made elsewhere or split since)."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(doc) and doc[-1].idx + len(doc[-1]) == len(text):
        return text
    return doc.text


# ------------------------------------------------------------------------------------------------ tokenizer

class JiebaTokenizer:
    """jieba segmentation of the folded text, identifier runs kept whole; the words are the original's."""

    def __init__(self, vocab, segmenter=None):
        self.vocab = vocab
        self._segmenter = segmenter
        self._tag_hashes: dict[str, int] = {}

    @property
    def segmenter(self):
        if self._segmenter is None:
            from ..tokenize import get_tokenizer

            self._segmenter = get_tokenizer()
        return self._segmenter

    def __call__(self, text: str) -> Doc:
        f = fold(text)
        ft = f.text
        bounds: dict[int, str] = {}
        pos = 0
        for word, tag in self.segmenter.tag(ft):
            bounds[pos] = tag
            pos += len(word)
        runs = [(m.start(), m.end()) for m in IDENTIFIER_RUN.finditer(ft)]
        if runs:
            keys = sorted(bounds)
            for a, b in runs:
                for k in keys[bisect.bisect_right(keys, a):bisect.bisect_left(keys, b)]:
                    bounds.pop(k, None)
                bounds[a] = "m" if ft[a].isdigit() else "eng"
                bounds.setdefault(b, "x")
        edges = sorted(k for k in bounds if k < len(ft))
        words, norms, tags = [], [], []
        if isinstance(f.origin, range):  # one for one: the folded offsets are the original's
            for a, b in zip(edges, edges[1:] + [len(ft)]):
                words.append(text[a:b])
                norms.append(ft[a:b])
                tags.append(bounds[a])
            edges = ()
        for i, a in enumerate(edges):
            b = edges[i + 1] if i + 1 < len(edges) else len(ft)
            oa = 0 if i == 0 else f.at(a)
            ob = len(text) if i + 1 == len(edges) else f.at(b)
            if ob <= oa:  # a piece of a character NFKC expanded (… → ...): with the token before
                if norms:
                    norms[-1] += ft[a:b]
                continue
            words.append(text[oa:ob])
            norms.append(ft[a:b])
            tags.append(bounds[a])
        if not words and text:
            words, norms, tags = [text], [ft or text], ["x"]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        if words:  # the tags as hashes, set in one array (cheaper than Doc(tags=…))
            hashes = self._tag_hashes
            for tag in tags:
                if tag not in hashes:
                    hashes[tag] = self.vocab.strings.add(tag)
            doc.from_array([TAG], numpy.fromiter((hashes[t] for t in tags), dtype="uint64",
                                                 count=len(tags)).reshape(-1, 1))
        for i in [i for i, (word, norm) in enumerate(zip(words, norms)) if norm != word]:
            doc[i].norm_ = norms[i]
        doc.user_data[TEXT_KEY] = text  # ``doc.text`` rebuilds the text from the tokens each time it is read
        return doc

    def to_disk(self, path, *, exclude=()):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()):
        return self

    def to_bytes(self, *, exclude=()):
        return b""

    def from_bytes(self, data, *, exclude=()):
        return self


@registry.tokenizers("petitionnlp.JiebaTokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp):
        return JiebaTokenizer(nlp.vocab)

    return make


# ------------------------------------------------------------------------------------------------ helpers

def _folded_tokens(doc: Doc, f) -> list[tuple[str, str, int]]:
    """(folded word, tag, folded start) of each token; ``f`` is the doc's :class:`~petitionnlp.text.Folded`."""
    if not len(doc):
        return []
    arr = doc.to_array(["IDX", "TAG"]).tolist()
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    one_for_one = isinstance(f.origin, range)
    starts = [idx if one_for_one else f.index(idx) for idx, _ in arr] + [len(f.text)]
    out = []
    for i, (_, tag) in enumerate(arr):
        a, b = starts[i], starts[i + 1]
        if b > a:
            name = names.get(tag)
            if name is None:
                name = names[tag] = strings[tag]
            out.append((f.text[a:b], name, a))
    return out


def _set_spans(doc: Doc, key: str, spans: list[tuple[int, int, str]], text: str) -> Doc:
    """The doc with ``doc.spans[key]`` = the (start, end, label) character spans of ``text`` (the doc's), tokens split
    where a span edge falls inside (:func:`_split_tokens`: a new doc then)."""
    if spans:
        idx = doc.to_array("IDX").tolist()
        ends = idx[1:] + [len(text)]
        cuts: dict[int, list[int]] = {}
        for e in {e for a, b, _ in spans for e in (a, b)}:
            i = bisect.bisect_right(idx, e) - 1
            if 0 <= i and idx[i] < e < ends[i]:
                cuts.setdefault(i, []).append(e)
        if cuts:
            doc = _split_tokens(doc, cuts, text)
    group = [doc.char_span(a, b, label=label) for a, b, label in spans]
    doc.spans[key] = SpanGroup(doc, name=key, spans=[s for s in group if s is not None])
    return doc


def _split_tokens(doc: Doc, cuts: dict[int, list[int]], text: str) -> Doc:
    """A new doc of ``doc``'s tokens with token ``i`` split at the character offsets ``cuts[i]``: each piece keeps the
    token's tag, its part of the token's norm (the folded form) and, the last, its whitespace; the span groups,
    entities, categories and user data carry over.  Made in one pass: spaCy's retokenizer moves the whole doc at each
    split, so a text of n names cost n² there.  (A parse would not carry over: this pipeline has none.)"""
    strings = doc.vocab.strings
    arr = doc.to_array(["IDX", "TAG", "NORM", "SPACY"]).tolist()
    words, spaces, tags, norms = [], [], [], []
    for i, (a, tag, norm, space) in enumerate(arr):
        b = arr[i + 1][0] if i + 1 < len(arr) else len(text)
        word = text[a:b - 1] if space else text[a:b]
        if i in cuts:
            bounds = [a] + sorted(cuts[i]) + [a + len(word)]
            orths = [text[x:y] for x, y in zip(bounds, bounds[1:])]
            whole = strings[norm]
            pieces = [whole[x - a:y - a] for x, y in zip(bounds, bounds[1:])] if len(whole) == len(word) else orths
            words += orths
            spaces += [False] * (len(orths) - 1) + [bool(space)]
            tags += [tag] * len(orths)
            norms += [strings.add(n) for n in pieces]
        else:
            words.append(word)
            spaces.append(bool(space))
            tags.append(tag)
            norms.append(norm)
    new = Doc(doc.vocab, words=words, spaces=spaces, user_data=dict(doc.user_data))
    new.from_array([TAG, NORM], numpy.array(list(zip(tags, norms)), dtype="uint64").reshape(-1, 2))
    for name, group in doc.spans.items():
        new.spans[name] = SpanGroup(new, name=name, attrs=dict(group.attrs), spans=[
            new.char_span(s.start_char, s.end_char, label=s.label, kb_id=s.kb_id, span_id=s.id) for s in group])
    if doc.ents:
        new.ents = [new.char_span(s.start_char, s.end_char, label=s.label, kb_id=s.kb_id) for s in doc.ents]
    new.cats = dict(doc.cats)
    return new


def _data_dir(data_dir) -> Path:
    return Path(data_dir) if data_dir else corpus_path("pii")


class _RuleComponent:
    """What both components share: rules from ``initialize`` or from the component's folder."""

    rules = None
    _rules_class = None

    def _require(self):
        if self.rules is None:
            raise ModelError(Errors.E081.format(name=self.name))
        return self.rules

    def to_disk(self, path, *, exclude=()):
        self._require().to_dir(path)

    def from_disk(self, path, *, exclude=()):
        self.rules = self._load(Path(path))
        return self

    def to_bytes(self, *, exclude=()):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            self.to_disk(tmp)
            return srsly.msgpack_dumps({p.name: p.read_bytes() for p in Path(tmp).iterdir()})

    def from_bytes(self, data, *, exclude=()):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            for name, content in srsly.msgpack_loads(data).items():
                (Path(tmp) / name).write_bytes(content)
            return self.from_disk(tmp)


# ------------------------------------------------------------------------------------------------ patterns

class PIIPatterns(_RuleComponent):
    """Identifiers (phones, IDs, permits, plates, e-mail, accounts) → ``doc.spans[spans_key]``."""

    def __init__(self, nlp: Language, name: str = "pii_patterns", *, spans_key: str = SPANS_KEY):
        self.name = name
        self.spans_key = spans_key
        self.cfg = {"spans_key": spans_key}
        self.rules = None

    def initialize(self, get_examples=None, *, nlp=None, data_dir: str | None = None):
        """Load the patterns of ``data_dir`` (default: the shipped ``corpora/pii/``)."""
        self.rules = self._load(_data_dir(data_dir))

    @staticmethod
    def _load(path: Path) -> PatternRules:
        return PatternRules.from_dir(path)

    def __call__(self, doc: Doc) -> Doc:
        rules = self._require()
        text = _text(doc)
        f = fold(text)
        public: list = []
        found = choose(rules.find(f.text, public))
        if public:  # (the names component reads and drops them: a person's name between makes one his)
            doc.user_data[PUBLIC_KEY] = public
        return _set_spans(doc, self.spans_key, [(*f.span(a, b), label) for a, b, label in found], text)


@Language.factory("pii_patterns", default_config={"spans_key": SPANS_KEY}, assigns=["doc.spans"],
                  retokenizes=True)
def make_pii_patterns(nlp: Language, name: str, spans_key: str) -> PIIPatterns:
    return PIIPatterns(nlp, name, spans_key=spans_key)


# --------------------------------------------------------------------------------------------------- names

def _gazetteer_place(name: str, towns: bool = True) -> bool:
    """常德, 平武, 洪山: a city or county of the gazetteer (by its short name); with ``towns``, 常平 (常平镇) too."""
    from ..regions import get_gazetteer

    gaz = get_gazetteer()
    return name in gaz.short or name in gaz.exact or any(name + s in gaz.exact for s in ("市县区镇乡" if towns else "市县区"))


class PIINames(_RuleComponent):
    """Private persons' names → added to ``doc.spans[spans_key]`` where no identifier is.  ``use_gazetteer``:
    a name that is a city's or county's (常德, 洪山) is not a person's."""

    def __init__(self, nlp: Language, name: str = "pii_names", *, spans_key: str = SPANS_KEY,
                 use_gazetteer: bool = True):
        self.name = name
        self.spans_key = spans_key
        self.use_gazetteer = use_gazetteer
        self.cfg = {"spans_key": spans_key, "use_gazetteer": use_gazetteer}
        self.rules = None

    def initialize(self, get_examples=None, *, nlp=None, data_dir: str | None = None):
        """Load the name lists of ``data_dir`` (default: the shipped ``corpora/pii/``)."""
        self.rules = self._load(_data_dir(data_dir))

    def _load(self, path: Path) -> NameRules:
        landmarks = () if (path / "landmark_suffixes.txt").is_file() else read_list("regions", "landmark_suffixes.txt")
        from ..tokenize import get_tokenizer

        return NameRules.from_dir(path, landmarks, _gazetteer_place if self.use_gazetteer else None,
                                  get_tokenizer().known)

    def __call__(self, doc: Doc) -> Doc:
        rules = self._require()
        text = _text(doc)
        f = fold(text)
        have = [(s.start_char, s.end_char, s.label_) for s in doc.spans.get(self.spans_key, [])]
        numbers = frozenset(f.index(a) for a, _, label in have if label in ("电话", "证件号", "住址"))
        ends = frozenset(f.index(b) for _, b, label in have if label in ("电话", "证件号", "账号"))
        names = rules.find(f.text, _folded_tokens(doc, f), numbers, ends)
        add = []
        held = {k for x, y, _ in have for k in range(x, y)}  # the places an identifier holds
        # an account left out as a charity's published one, a name found between the charity's word and it or where
        # its holder is named after it: the named person's (捐款：张三账号6222…; …6222…，户名：张三; 爱心捐款账号：6222…
        # stays, and so does …，户名：县慈善总会)
        public = doc.user_data.pop(PUBLIC_KEY, ())
        starts = sorted((x, y) for x, y, _, _ in names) if public else []
        named = {x for x, _ in starts}
        listed = sorted(x for x, *_ in public)
        owned: set[int] = set()  # where a number listed before one a person holds starts (its ``word``)
        holders = {x[5] for x in public if x[5] >= 0}  # where each number's own holder is named (its bracket …)
        closing = frozenset(("", "的", "同志", *rules.honorifics, *rules.contact)) if public else ()  # (…，王建国的)
        # (from the last number back: …0731-…；0731-…（王建国）, the list goes on past the sentence's end; a body's word
        # binding the line keeps each number but the one the holder's own bracket closes the body's: 县环保局举报电话：
        # 0731-…、138…（刘）)
        for a, b, label, _, word, holder, since, bound, staff in sorted(public, key=lambda x: -x[0]):
            k = bisect.bisect_left(starts, (word, -1))  # the first name after the word (n accounts cost n log n)
            if (k < len(starts) and starts[k][1] <= a) or holder in named or _owned_line(f.text, starts, word) \
                    or _named_before(starts, since, word, staff) or _surname_held(f.text, holder, rules.surnames) \
                    or _named_after(f.text, starts, b, holder, listed, bound, holders, closing) \
                    or (a in owned and holder < 0 and not bound):
                owned.add(word)
                a, b = f.span(a, b)
                if not any(k in held for k in range(a, b)):
                    add.append((a, b, label))
                    held.update(range(a, b))
        for a, b, label, _ in names:
            a, b = f.span(a, b)
            if not any(k in held for k in range(a, b)):
                add.append((a, b, label))
        return _set_spans(doc, self.spans_key, sorted(have + add), text)


_LINE_GAP = 8  # at most so many characters from a name's end to the end of the line's word (刘建国的举报电话)


def _owned_line(text: str, names: list[tuple[int, int]], word: int) -> bool:
    """Whether a name stands right before the line's word ending at ``word``, nothing but characters of one phrase
    between (刘建国的举报电话：0731-…, 王建国举报电话：…: the named person's line, not a body's; review of r51)."""
    k = bisect.bisect_left(names, (word, -1))
    return any(0 <= word - y <= _LINE_GAP and not PHRASE_END.search(text, y, word) for _, y in names[max(0, k - 3):k])


def _named_before(names: list[tuple[int, int]], since: int, word: int, staff=()) -> bool:
    """Whether a person's name stands between ``since`` (the start of the sentence of a line's word ending at ``word``,
    or the end of the last body's word in it; -1: none looked for) and the word (王建国，举报电话：…, 我叫王建国，…举报电话：…:
    the person's line; 王建国，县环保局举报电话：… stays the bureau's; review r52) — not one of the body's staff in role,
    starting at one of ``staff`` (据县环保局工作人员王建国介绍，举报电话：…: the bureau's; session 53)."""
    if since < 0:
        return False
    k = bisect.bisect_left(names, (since, -1))
    return any(y <= word and x not in staff for x, y in names[k:k + 8])


_SURNAME_ALONE = re.compile(r"[老小]?([\u4e00-\u9fff]{1,2})[ \u3000]*(?:[)）]|$|[，,。；;\n])")  # (李), (老王)


def _surname_held(text: str, holder: int, surnames) -> bool:
    """Whether a surname alone, or called by it (老王, 小李), stands where a line's holder is named, in the bracket or
    after the space right after its number (举报电话：0731-…（李）, 值班电话：0731-… 刘: the person's, as （李先生） is;
    review r52)."""
    m = _SURNAME_ALONE.match(text, holder) if holder >= 0 else None
    return bool(m) and m.group(1) in surnames


_NAME_NOTE = re.compile(r"[(（][^()（）]{1,12}[)）]")  # who the name is, in brackets after it: …，王建国（村民） (review r53)
_FIELD_STOP = re.compile("[。！!？?\n]")  # what ends a list of a form's fields on one line (…；邮箱：…（王华清）)


def _named_after(text: str, names: list[tuple[int, int]], end: int, holder: int, listed: list[int],
                 bound: bool = False, holders=frozenset(), closing=frozenset(("",))) -> bool:
    """Whether a person's name stands after the line's number ending at ``end`` in its sentence: the line is the
    person's, and so is each number listed before it without a holder of its own (举报电话：0731-…、0731-…（王建国）,
    …，联系人：王建国, …，举报人王建国; session 52), and each field before a semicolon the name's bracket closes a list of
    (举报电话：…；邮箱：…（王华清）; session 53) — not a number whose own bracket (``holder``) names its holder with another
    number between it and the name (热线电话：0731-…（县局）、0731-…（王建国）: the bureau's stays).  A line a body's word
    binds (``bound``: 县环保局举报电话：…) is held only by a name that closes its clause and no other number's bracket
    holds, nothing after it in its clause but one of ``closing`` (a form of address, a verb of reaching him:
    …，联系人：王建国, …，请与王建国联系; not …，张建国反映的问题已查实, nor …、138…（王建国）: session 53)."""
    stop = FORM_SENTENCE_END.search(text, end, end + LINE_TAIL)  # (a form's next line: 举报电话：…\n联系人：王建国)
    stop = stop.start() if stop else min(len(text), end + LINE_TAIL)
    k = bisect.bisect_left(names, (end, -1))
    if not bound and k < len(names) and names[k][0] >= stop:  # (a list of fields after a semicolon, closed by a
        # name in the bracket right after the last one's value)
        x = names[k][0]
        fields = _FIELD_STOP.search(text, end, x)
        if x < end + LINE_TAIL and not fields and text[x - 1:x] in "(（" and text[x - 2:x - 1].isalnum():
            return True
    if k == len(names) or names[k][0] >= stop:
        return False
    if bound:
        for x, y in names[k:k + 8]:
            if x >= stop:
                return False
            cut = PHRASE_END.search(text, y)
            rest = _NAME_NOTE.sub("", text[y:cut.start() if cut else len(text)]).strip(" \t\u3000)）")
            if rest in closing and x not in holders - {holder}:
                return True
        return False
    return holder < 0 or bisect.bisect_left(listed, end) == bisect.bisect_left(listed, names[k][0])


@Language.factory("pii_names", default_config={"spans_key": SPANS_KEY, "use_gazetteer": True},
                  assigns=["doc.spans"], retokenizes=True)
def make_pii_names(nlp: Language, name: str, spans_key: str, use_gazetteer: bool) -> PIINames:
    return PIINames(nlp, name, spans_key=spans_key, use_gazetteer=use_gazetteer)


# ------------------------------------------------------------------------------------------------ pipeline

def make_pii_nlp(data_dir: str | None = None) -> Language:
    """A Chinese pipeline with the tokenizer and both components, initialized from ``data_dir`` (default: the
    shipped ``corpora/pii/``); ``nlp(text).spans["pii"]`` are the personal-information spans of ``text``."""
    from spacy.lang.zh import Chinese

    config = Chinese.default_config.copy()
    config["nlp"]["tokenizer"] = {"@tokenizers": "petitionnlp.JiebaTokenizer.v1"}
    config["initialize"]["tokenizer"] = {}
    nlp = Chinese.from_config(config)
    nlp.add_pipe("pii_patterns")
    nlp.add_pipe("pii_names")
    if data_dir:
        for name in nlp.pipe_names:
            nlp.config["initialize"]["components"][name] = {"data_dir": str(data_dir)}
    nlp.initialize()
    return nlp
