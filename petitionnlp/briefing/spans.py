"""Briefings as spaCy documents: ``doc.spans["time_expressions"]`` and ``doc.spans["directives"]``.

The pipeline has one token per character (a briefing's spans start and end anywhere inside a run of Chinese
characters, and every offset must stay exact) and three components:

* ``briefing_date`` — ``doc._.date``: the date given by the caller, else the date the briefing states;
* ``briefing_times`` — the time expressions (:mod:`.timex`, rules in ``corpora/briefing/time_rules.json``):
  label = type, ``span._.value``;
* ``briefing_directives`` — the directives (:mod:`.directives`, word lists in
  ``corpora/briefing/directive_rules.json``): label ``directive``, ``span._.actor``, ``span._.addressee``,
  ``span._.deadline`` (a span of ``doc.spans["time_expressions"]`` or None).

>>> doc = briefing_nlp()("会议要求，各地要于5月底前完成整改。")        # doctest: +SKIP
>>> [(s.text, s._.deadline.text) for s in doc.spans["directives"]]   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .directives import find_directives
from .timex import document_date, find_time_expressions

__all__ = ["briefing_nlp", "briefing_doc", "MAX_DOC_CHARS"]

# A spaCy token costs ~150 bytes: above this size extract_briefing calls the same stage functions directly.
MAX_DOC_CHARS = 1_000_000


class CharTokenizer:
    """One token per character: spans may start at any character, as the rules find them."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str):
        from spacy.tokens import Doc
        return Doc(self.vocab, words=list(text), spaces=[False] * len(text))


def _extensions() -> None:
    from spacy.tokens import Doc, Span
    if not Doc.has_extension("date"):
        Doc.set_extension("date", default=None)
    for name in ("value", "actor", "addressee", "deadline"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def _register() -> None:
    from spacy.language import Language
    if Language.has_factory("briefing_date"):
        return

    @Language.component("briefing_date")
    def _date(doc):
        if doc._.date is None:
            doc._.date = document_date(doc.text)
        return doc

    @Language.component("briefing_times")
    def _times(doc):
        doc.spans["time_expressions"] = [_time_span(doc, t) for t in find_time_expressions(doc.text, doc._.date)]
        return doc

    @Language.component("briefing_directives")
    def _directives(doc):
        times = doc.spans.get("time_expressions")
        if times is None:
            times = doc.spans["time_expressions"] = [
                _time_span(doc, t) for t in find_time_expressions(doc.text, doc._.date)]
        by_offset = {(s.start_char, s.end_char): s for s in times}
        records = [{"text": s.text, "start": s.start_char, "end": s.end_char, "type": s.label_,
                    "value": s._.value} for s in times]
        spans = []
        for d in find_directives(doc.text, records):
            span = doc.char_span(d["start"], d["end"], label="directive")
            span._.actor, span._.addressee = d["actor"], d["addressee"]
            if d["deadline"] is not None:
                span._.deadline = by_offset[(d["deadline"]["start"], d["deadline"]["end"])]
            spans.append(span)
        doc.spans["directives"] = spans
        return doc


def _time_span(doc, t: dict):
    span = doc.char_span(t["start"], t["end"], label=t["type"])
    span._.value = t["value"]
    return span


@lru_cache(maxsize=1)
def briefing_nlp():
    """The briefing pipeline (built once per process)."""
    import spacy
    _extensions()
    _register()
    nlp = spacy.blank("xx")
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for name in ("briefing_date", "briefing_times", "briefing_directives"):
        nlp.add_pipe(name)
    return nlp


def briefing_doc(text: str, date: dt.date | None = None):
    """``text`` through the pipeline; ``date`` (the document date) overrides the one the briefing states."""
    nlp = briefing_nlp()
    doc = nlp.make_doc(text)
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
