"""One briefing in, one record out (CONTRACT.md ``extract``): date, keywords, directives, time expressions."""

from __future__ import annotations

import datetime as dt

from .directives import find_directives
from .keywords import keywords
from .timex import document_date, find_time_expressions

__all__ = ["extract_briefing"]


def extract_briefing(text: str, date: dt.date | str | None = None, top_keywords: int = 10) -> dict:
    """Offsets index ``text`` as given (Python slicing); ``date`` overrides the date the briefing states."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    doc_date = date or document_date(text)
    times = find_time_expressions(text, doc_date)
    return {"date": doc_date.isoformat() if doc_date else None,
            "keywords": keywords(text, top_keywords),
            "directives": find_directives(text, times),
            "time_expressions": times}
