"""One briefing in, one record out (CONTRACT.md ``extract``): date, keywords, directives, time expressions."""

from __future__ import annotations

import datetime as dt

from ..dates import parse_date
from ..text import unify_newlines
from .directives import find_candidates
from .header import issue_number
from .judge import apply, shipped_judge
from .keywords import keywords
from .spans import MAX_DOC_CHARS, briefing_doc
from .timex import document_date, find_time_expressions

__all__ = ["extract_briefing"]


def extract_briefing(text: str, date: dt.date | str | None = None, top_keywords: int = 10,
                     title: str | None = None) -> dict:
    """Offsets index ``text`` with its line ends read as LF (Python slicing; CR LF and a lone CR are one LF, as a
    file read in Python's text mode has them: a text saved on Windows or sent by a browser gives the same result
    as the same text with LF); ``date`` overrides the date the briefing states; ``title`` (the page's title, where it
    is not part of ``text``) is read by the same date rules, and the date it names anchors the month-days of the text
    (2019年…简报 over a text whose 3月5日 names no year: 2019-03-05), as a date written before the text would.  A directive's ``action`` is the
    text of its span without the line breaks (and page numbers) a page break left inside it.

    Besides CONTRACT.md's keys: ``issue``, the issue number the header gives (``2017年第15期``) or None, and each
    directive's ``cadence``, the period of a standing task (``P3D`` for 每3天一报告) or None — its due days are
    :func:`.standing.next_due_dates` of its ``deadline``.

    The directives and time expressions are the spans of the spaCy pipeline (:mod:`.spans`); a text longer
    than ``MAX_DOC_CHARS`` goes through the same stage functions without building a spaCy document."""
    text = unify_newlines(text)
    if isinstance(date, str):
        day = parse_date(date)
        if day is None:
            raise ValueError(f"not a date: {date!r}")
        date = day
    if len(text) <= MAX_DOC_CHARS:
        doc = briefing_doc(text, date, title=title)
        doc_date = doc._.date
        times = [_time(s) for s in doc.spans["time_expressions"]]
        issue = doc._.issue
        directives = [{"actor": s._.actor, "addressee": s._.addressee, "action": s._.action or s.text,
                       "start": s.start_char, "end": s.end_char,
                       "deadline": _time(s._.deadline) if s._.deadline is not None else None,
                       "cadence": s._.cadence}
                      for s in doc.spans["directives"]]
    else:
        doc_date = date or document_date(text)
        issue = issue_number(text)
        times = find_time_expressions(text, doc_date, title=title)
        found = apply(find_candidates(text, times), shipped_judge())  # as the pipeline's two directive components
        directives = [dict(d, cadence=d["deadline"]["value"] if d["deadline"] and d["deadline"]["type"] == "recurrence"
                           else None) for d in found]
    return {"date": doc_date.isoformat() if doc_date else None,
            "issue": issue,
            "keywords": keywords(text, top_keywords),
            "directives": directives,
            "time_expressions": times}


def _time(span) -> dict:
    return {"text": span.text, "start": span.start_char, "end": span.end_char, "type": span.label_,
            "value": span._.value}
