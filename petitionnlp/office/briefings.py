"""Briefings in the office: stored with their extraction and indexed, and the deadlines of their directives
across all of them (overdue, this week, later; standing tasks such as 每3天一报告 by their next report day)."""

from __future__ import annotations

import datetime as dt

from .clock import office_today
from .redaction import redact

__all__ = ["add_briefing", "deadlines", "MAX_EXTRACT_CHARS"]

MAX_EXTRACT_CHARS = 200_000  # one briefing (extraction takes about a second per 10,000 characters)


def add_briefing(wb, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
    from ..briefing import extract_briefing

    result = extract_briefing(text, date or None)
    title = (title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "简报"))[:200]
    b = wb.store.add_briefing(title=title, date=result["date"], text=text, extract=result, uploaded_by=user["id"])
    wb.index.add_briefing(b)
    wb.store.log(user["username"], "briefing", f"briefing:{b['id']}", {"title": title})
    return b


def deadlines(store, today: dt.date | None = None, redact_: bool = False) -> dict:
    """Directives' deadlines across all stored briefings: overdue, due this week (through Sunday), later;
    with ``redact_``, no personal information in them (for viewers)."""
    from ..briefing import next_due_dates

    today = today or office_today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    out = {"overdue": [], "this_week": [], "later": []}
    for b in store.briefings():
        for d in b["extract"]["directives"]:
            deadline = d.get("deadline") or {}
            standing = deadline.get("type") == "recurrence"  # 每3天一报告: the next report day is the deadline
            days = next_due_dates(deadline, b["date"], today, count=1) if deadline.get("type") in (
                "deadline", "date", "recurrence") else []
            if not days:
                continue
            due = days[0]
            item = {"briefing_id": b["id"], "briefing": b["title"], "actor": d["actor"],
                    "addressee": d["addressee"], "action": d["action"], "deadline": deadline["text"],
                    "due": due.isoformat(), "standing": standing,
                    "cadence": d.get("cadence") or (deadline.get("value") if standing else None)}
            if redact_:
                item.update({k: redact(item[k]) for k in ("briefing", "actor", "addressee", "action", "deadline")})
            key = "overdue" if due < today else "this_week" if due <= week_end else "later"
            out[key].append(item)
    for v in out.values():
        v.sort(key=lambda x: x["due"])
    return out
