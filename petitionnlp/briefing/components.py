"""The briefing pipeline's spaCy parts (imported when a pipeline is built; :mod:`.spans` is the way in). Briefings as
spaCy documents: ``doc.spans["time_expressions"]`` and ``doc.spans["directives"]``.

The pipeline has a tokenizer of one token per character (``petitionnlp.char_tokenizer.v1``: a briefing's spans
start and end anywhere inside a run of Chinese characters, and every offset must stay exact) and four
registered components, each built from its config and each able to run without the others:

* ``briefing_date`` — ``doc._.date``: the date given by the caller, else the date the briefing states;
  ``doc._.issue``: the issue number its header gives (``2017年第15期``);
* ``briefing_times`` — the time expressions (:mod:`.timex`): label = type, ``span._.value``; ``doc._.title`` (the
  page's title where the caller gives it apart from the text) anchors the text's month-days as a date before it;
* ``briefing_directives`` — the directives (:mod:`.directives`): label ``directive``, ``span._.actor``,
  ``span._.addressee``, ``span._.action`` (the span's text without the page breaks inside it),
  ``span._.deadline`` (a span of the time expressions, when that component ran, or None) and ``span._.cadence``
  (the period of a standing task: ``P3D``); ``doc._.directive_candidates``: every clause the rules weighed;
* ``briefing_directive_model`` — the learned judge beside the rules (:mod:`.judge`, trained by :mod:`.learned`):
  the directives it decides on from the candidates, when the shipped (or given) judge is enabled; without it the
  rules' directives stand.

Each component's rules are its own data: given to ``initialize(rules=...)`` (the shipped JSON of
``corpora/briefing/`` when none is given), written into the component's folder by ``nlp.to_disk`` and read back
from it by ``spacy.load``.

The package declares the factories and the tokenizer as spaCy entry points, so ``spacy.load`` of a saved
briefing pipeline finds them once petitionnlp is installed.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from . import directives as _directives
from . import header as _header
from . import timex as _timex

__all__ = ["new_briefing_nlp", "CharTokenizer", "COMPONENTS", "BriefingDate", "BriefingTimes", "BriefingDirectives",
           "BriefingDirectiveModel"]

COMPONENTS = ("briefing_date", "briefing_times", "briefing_directives", "briefing_directive_model")
_RULES_FILE = "rules.json"

for _name in ("date", "title", "issue", "directive_candidates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _name in ("value", "actor", "addressee", "deadline", "cadence", "action"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class CharTokenizer:
    """One token per character: spans may start at any character, as the rules find them."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))

    def to_bytes(self, *, exclude=()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude=()) -> "CharTokenizer":
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, *, exclude=()) -> "CharTokenizer":
        return self


@registry.tokenizers("petitionnlp.char_tokenizer.v1")
def create_char_tokenizer():
    return lambda nlp: CharTokenizer(nlp.vocab)


class _RuleComponent:
    """A component whose rules are JSON data: set by :meth:`initialize`, saved in and loaded from its folder."""

    module = None  # the stage module: default_rules_data(), compile_rules(data)

    def __init__(self, name: str):
        self.name = name
        self.data: dict | None = None
        self.rules: dict | None = None

    def initialize(self, get_examples=None, *, nlp=None, rules: dict | None = None) -> None:
        """``rules``: the JSON data of the rules (the shipped ones of ``corpora/briefing/`` when None)."""
        self.data = rules if rules is not None else self.module.default_rules_data()
        self.rules = self.module.compile_rules(self.data)

    def _ready(self) -> dict:
        if self.rules is None:
            self.initialize()
        return self.rules

    def to_bytes(self, *, exclude=()) -> bytes:
        self._ready()
        return json.dumps(self.data, ensure_ascii=False).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude=()):
        self.initialize(rules=json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _RULES_FILE).write_bytes(self.to_bytes())

    def from_disk(self, path, *, exclude=()):
        return self.from_bytes((Path(path) / _RULES_FILE).read_bytes())


class BriefingDate(_RuleComponent):
    """``doc._.date`` (kept when the caller set it) and ``doc._.issue`` from the header."""

    module = _header

    def __call__(self, doc: Doc) -> Doc:
        r = self._ready()
        if doc._.date is None:
            doc._.date = _timex.document_date(doc.text, r["header_chars"], r)
        doc._.issue = _header.issue_number(doc.text, r)
        return doc


class BriefingTimes(_RuleComponent):
    """The time expressions as ``doc.spans[spans_key]``."""

    module = _timex

    def __init__(self, name: str, spans_key: str):
        super().__init__(name)
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        found = _timex.find_time_expressions(doc.text, doc._.date, self._ready(), title=doc._.title)
        doc.spans[self.spans_key] = [_time_span(doc, t) for t in found]
        return doc


class BriefingDirectives(_RuleComponent):
    """The directives as ``doc.spans[spans_key]``; their deadlines are spans of ``doc.spans[times_key]``.  Every
    clause the rules weighed, with what they saw in it, is ``doc._.directive_candidates`` (for
    ``briefing_directive_model``)."""

    module = _directives

    def __init__(self, name: str, spans_key: str, times_key: str):
        super().__init__(name)
        self.spans_key, self.times_key = spans_key, times_key

    def __call__(self, doc: Doc) -> Doc:
        times = list(doc.spans[self.times_key]) if self.times_key in doc.spans else []
        records = [{"text": s.text, "start": s.start_char, "end": s.end_char, "type": s.label_,
                    "value": s._.value} for s in times]
        candidates = _directives.find_candidates(doc.text, records, self._ready())
        doc._.directive_candidates = candidates
        doc.spans[self.spans_key] = _directive_spans(doc, [c for c in candidates if c["rule"]], times)
        return doc


def _directive_spans(doc: Doc, directives: list[dict], times: list[Span]) -> list[Span]:
    """Directive records (:func:`.directives.find_directives`) as spans; deadlines are spans of ``times``."""
    by_offset = {(s.start_char, s.end_char): s for s in times}
    spans = []
    for d in directives:
        span = doc.char_span(d["start"], d["end"], label="directive")
        span._.actor, span._.addressee, span._.action = d["actor"], d["addressee"], d["action"]
        if d["deadline"] is not None:
            span._.deadline = by_offset[(d["deadline"]["start"], d["deadline"]["end"])]
            if span._.deadline.label_ == "recurrence":
                span._.cadence = span._.deadline._.value
        spans.append(span)
    return spans


class BriefingDirectiveModel:
    """The learned judge beside the rules (:mod:`.judge`, trained by :mod:`.learned`): it reads
    ``doc._.directive_candidates`` and sets ``doc.spans[spans_key]`` to the directives it decides on — the rules'
    own, and the clauses they left out that it is sure of.  Its weights are given to ``initialize(model_dir=...)``
    (the shipped ``models/briefing_directives`` when none is given), written into its folder by ``to_disk`` as
    JSON (``weights.json``, ``meta.json``: no pickle) and read back by ``from_disk``.  A judge its training did not
    enable, or none, leaves the rules' directives as they are."""

    def __init__(self, name: str, spans_key: str, times_key: str):
        self.name, self.spans_key, self.times_key = name, spans_key, times_key
        self.judge = None
        self._initialized = False

    def initialize(self, get_examples=None, *, nlp=None, model_dir: str | None = None) -> None:
        from .judge import WEIGHTS_FILE, Judge, shipped_model_dir

        folder = Path(model_dir) if model_dir else shipped_model_dir()
        self.judge = Judge.load(folder) if (folder / WEIGHTS_FILE).is_file() else None
        self._initialized = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._initialized:
            self.initialize()
        candidates = doc._.directive_candidates
        if candidates is None or self.judge is None or not self.judge.enabled:
            return doc
        from .judge import apply

        times = list(doc.spans[self.times_key]) if self.times_key in doc.spans else []
        doc.spans[self.spans_key] = _directive_spans(doc, apply(candidates, self.judge), times)
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if not self._initialized:
            self.initialize()
        if self.judge is not None:
            self.judge.save(path)

    def from_disk(self, path, *, exclude=()):
        self.initialize(model_dir=str(path))
        return self


@Language.factory("briefing_date", default_config={})
def make_briefing_date(nlp: Language, name: str) -> BriefingDate:
    return BriefingDate(name)


@Language.factory("briefing_times", default_config={"spans_key": "time_expressions"})
def make_briefing_times(nlp: Language, name: str, spans_key: str) -> BriefingTimes:
    return BriefingTimes(name, spans_key)


@Language.factory("briefing_directives",
                  default_config={"spans_key": "directives", "times_key": "time_expressions"})
def make_briefing_directives(nlp: Language, name: str, spans_key: str, times_key: str) -> BriefingDirectives:
    return BriefingDirectives(name, spans_key, times_key)


@Language.factory("briefing_directive_model",
                  default_config={"spans_key": "directives", "times_key": "time_expressions"})
def make_briefing_directive_model(nlp: Language, name: str, spans_key: str, times_key: str) -> BriefingDirectiveModel:
    return BriefingDirectiveModel(name, spans_key, times_key)


def _time_span(doc: Doc, t: dict) -> Span:
    span = doc.char_span(t["start"], t["end"], label=t["type"])
    span._.value = t["value"]
    return span


def new_briefing_nlp() -> Language:
    """A new briefing pipeline: the character tokenizer and the four components, initialized with the shipped
    rules and the shipped model."""
    import spacy

    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "petitionnlp.char_tokenizer.v1"}}})
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp
