"""Briefings in the office: stored with their extraction and indexed, and the deadlines of their directives
across all of them (overdue, this week, later), with the standing tasks (每3天一报告, 每周报送) by their report days
within their briefing's period, and a clerk's marks on them (a report day done, the whole task done)."""

from __future__ import annotations

import datetime as dt

from . import inputs
from .clock import office_today
from .errors import Invalid, Messages, NotFound
from .labels import label
from .redaction import briefing_persons, briefing_title, redact_piece

__all__ = ["add_briefing", "deadlines", "mark_task", "MAX_EXTRACT_CHARS", "MARKS"]

MAX_EXTRACT_CHARS = 200_000  # one briefing (extraction takes about a second per 10,000 characters)
MARKS = ("done", "closed")   # a report day done; the whole standing task done


def add_briefing(wb, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
    """Store a briefing, extracted and indexed; its text and title cleaned at the door (:mod:`.inputs`): its line
    ends are LF whatever it came with (a browser's form sends CRLF, a file saved on Windows has CRLF, an old Mac file
    lone CR): the same text, the same directives."""
    from ..briefing import extract_briefing

    text = inputs.text(text, "text", required=True, what="简报正文", strip=False)
    title = inputs.text(title, "title", limit=200)
    result = extract_briefing(text, date or None, title=title)  # a title given apart anchors the text's month-days
    title = (title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "简报"))[:200]
    b = wb.store.add_briefing(title=title, date=result["date"], text=text, extract=result, uploaded_by=user["id"],
                              audit={"user": user["username"], "action": "briefing", "detail": {"title": title}})
    wb.follow_index([("briefing", b["id"])])
    return b


def _standing(b: dict):
    from ..briefing.standing import standing_tasks

    return standing_tasks(b["extract"], b["text"])


def deadlines(store, today: dt.date | None = None, redact_: bool = False) -> dict:
    """Directives' deadlines across all stored briefings: ``overdue``, due ``this_week`` (through Sunday),
    ``later``; and ``standing``, every standing task with its state (cadence in words, window, next report day,
    missed report days, whether it has ended; the clerk's marks counted).  A standing task is listed under the
    three by its next report day (its missed report days beside it) only while its window runs: a 2017
    briefing's 每3天一报告 is no deadline of today.  With ``redact_``, no personal information (viewers)."""
    from ..briefing import next_due_dates

    today = today or office_today()
    week_end = today + dt.timedelta(days=6 - today.weekday())
    out = {"overdue": [], "this_week": [], "later": [], "standing": []}
    stored = store.briefings()
    marks = store.briefing_marks([b["id"] for b in stored]) if stored else {}

    def place(item: dict, due: dt.date) -> None:
        key = "overdue" if due < today else "this_week" if due <= week_end else "later"
        out[key].append(item)

    for b in stored:
        tasks = {t.directive: t for t in _standing(b)}
        for i, d in enumerate(b["extract"]["directives"]):
            deadline = d.get("deadline") or {}
            item = {"briefing_id": b["id"], "briefing": b["title"], "issue": b["extract"].get("issue"),
                    "actor": d["actor"], "addressee": d["addressee"], "action": d["action"],
                    "deadline": deadline.get("text"), "standing": i in tasks}
            if i in tasks:
                task = tasks[i]
                marked = marks.get(b["id"], {}).get(task.id, {"done": [], "closed": False})
                state = task.state(today, done=marked["done"], closed=marked["closed"])
                item.update(task=task.id, label=task.label, cadence=task.cadence, start=state["start"],
                            until=state["until"], stated=state["stated"], next_due=state["next_due"],
                            missed=state["missed"], ended=state["ended"], closed=marked["closed"],
                            done=sorted(marked["done"]), due=state["next_due"])
                if redact_:
                    _hide(item, b)
                out["standing"].append(item)
                if not state["ended"] and item["due"]:
                    place(item, dt.date.fromisoformat(item["due"]))
                continue
            if deadline.get("type") not in ("deadline", "date"):
                continue
            days = next_due_dates(deadline, b["date"], today, count=1)
            if not days:
                continue
            item["due"] = days[0].isoformat()
            if redact_:
                _hide(item, b)
            place(item, days[0])
    for key in ("overdue", "this_week", "later"):
        out[key].sort(key=lambda x: x["due"])
    out["standing"].sort(key=lambda x: (x["ended"], x["due"] or "9999", x["briefing_id"]))
    return out


def _hide(item: dict, b: dict) -> None:
    """A deadline's pieces for a viewer, redacted as the briefing page redacts them (:func:`redact_piece`: as
    each reads in the briefing's text, so that 晓东 of 举报人司马晓东 is a name in the action too; with what the
    briefing names, :func:`briefing_persons`, its title too)."""
    persons = briefing_persons(b)
    item["briefing"] = briefing_title(b)
    item.update({k: redact_piece(item[k], b["text"], b["title"], persons=persons)
                 for k in ("actor", "addressee", "action", "deadline")})


def mark_task(wb, user: dict, briefing_id: int, task_id: str, mark: str, day: str | None = None,
              undo: bool = False) -> dict:
    """A clerk marks a standing task of a stored briefing: a report day done (``mark`` done, ``day`` one of its
    report days) or the whole task done (``mark`` closed); ``undo`` takes the mark back.  Kept in the store, with
    an audit event; the task's state afterwards (as :func:`deadlines` shows it)."""
    b = wb.store.briefing(briefing_id)
    if b is None:
        raise NotFound(Messages.O102)
    task = next((t for t in _standing(b) if t.id == task_id), None)
    if task is None:
        raise NotFound(Messages.O107)
    if mark not in MARKS:
        raise Invalid(Messages.O201.format(what="标记", choices="、".join(f"{m}（{label('mark', m)}）" for m in MARKS),
                                           value=str(mark)[:20]), field="mark")
    day = (day or "").strip()[:10] if mark == "done" else ""
    if mark == "done" and day not in {d.isoformat() for d in task.due_dates()}:
        raise Invalid(Messages.O239.format(value=day or "空"), field="day")
    detail = {"task": f"{task.label}：{task.action[:60]}", "mark": mark, "day": day or None, "undo": bool(undo)}
    changed = wb.store.mark_briefing_task(briefing_id, task_id, mark, day, user["username"], bool(undo), detail)
    marked = wb.store.briefing_marks([briefing_id]).get(briefing_id, {}).get(task_id, {"done": [], "closed": False})
    return {**task.state(office_today(), done=marked["done"], closed=marked["closed"]), "changed": changed,
            "briefing_id": briefing_id, "done": sorted(marked["done"]), "closed": marked["closed"]}
