"""Briefings as spaCy documents — the way in: ``briefing_nlp()`` (the pipeline of this process) and
``briefing_doc(text, date)``; the components themselves are in :mod:`.components` (imported, with spaCy, only when
a pipeline is first built).

>>> doc = briefing_doc("会议要求，各地要于5月底前完成整改。")                 # doctest: +SKIP
>>> [(s.text, s._.deadline.text) for s in doc.spans["directives"]]        # doctest: +SKIP
>>> briefing_nlp().to_disk("briefing-nlp"); spacy.load("briefing-nlp")    # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from ..text import unify_newlines

__all__ = ["briefing_nlp", "briefing_doc", "MAX_DOC_CHARS"]

# A spaCy token costs ~150 bytes: above this size extract_briefing calls the same stage functions directly.
MAX_DOC_CHARS = 1_000_000


@lru_cache(maxsize=1)
def briefing_nlp():
    """The briefing pipeline of this process (built once): see :func:`.components.new_briefing_nlp`."""
    from .components import new_briefing_nlp

    return new_briefing_nlp()


def briefing_doc(text: str, date: dt.date | None = None, nlp=None, title: str | None = None):
    """``text`` through the pipeline (``briefing_nlp()`` unless given), its line ends read as LF (CR LF and a lone
    CR are one LF: ``doc.text`` is the text so read); ``date`` (the document date) overrides the one the briefing
    states; ``title``, the page's title where it is not part of the text, anchors its month-days (``doc._.title``)."""
    nlp = nlp or briefing_nlp()
    doc = nlp.make_doc(unify_newlines(text))
    doc._.date = date
    doc._.title = title
    return nlp(doc)
