"""When a directive falls due: a deadline's day, the end of a duration counted from the briefing's date, and the
report days of a standing task (每3天一报告, 每周报送, 每月调度) — what the workbench's deadlines panel shows.

A standing task belongs to its briefing's period: its report days run from one period after the briefing's date to
the end of the inspection or campaign the briefing states (进驻期间(2018年11月1日-12月1日)), or, where it states
none, to a default window (at least a month and at least three reports: 每3天 → a month, 每月 → three months); a
2017 briefing's 每3天一报告 is not due in 2026.  Each standing task has an ``id`` that stays the same for the same
stored extract, so that a clerk can mark a report day done, or the whole task (:class:`StandingTask`); where those
marks are kept is the caller's (the workbench's store).  :func:`duration_words` writes a duration or a cadence for a
clerk (``P3D`` → ``3天`` / ``每3天``).  The window and the words are data: ``corpora/briefing/standing_rules.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..dates import add_duration, interval, last_day, parse_date, parse_duration
from ..resources import corpus_path

__all__ = ["next_due_dates", "beijing_today", "duration_words", "StandingTask", "standing_tasks",
           "stated_period", "standing_until", "default_rules_data", "compile_rules", "rules"]

_BEIJING = dt.timezone(dt.timedelta(hours=8))
_ISO = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?)?")


def default_rules_data() -> dict:
    """The shipped window and words (``corpora/briefing/standing_rules.json``), as JSON data."""
    return json.loads(corpus_path("briefing", "standing_rules.json").read_text(encoding="utf-8"))


def compile_rules(data: dict) -> dict:
    r = dict(data)
    r["_min_window"] = parse_duration(data["min_window"])
    r["_max_window"] = parse_duration(data["max_window"])
    r["_period_words"] = tuple(data["period_words"])
    return r


@lru_cache(maxsize=1)
def rules() -> dict:
    return compile_rules(default_rules_data())


def beijing_today() -> dt.date:
    """Today in Beijing (the offices' day)."""
    return dt.datetime.now(_BEIJING).date()


def duration_words(value: str | None, kind: str = "duration", rules_: dict | None = None) -> str | None:
    """A duration or a cadence as a clerk writes it: ``P3D`` → ``3天`` (a duration) or ``每3天`` (a recurrence);
    ``P1W`` → ``1周`` / ``每周``; ``P1M`` → ``1个月`` / ``每月``; ``P3M`` → ``3个月`` / ``每季度``; ``PT24H`` →
    ``24小时``.  None for a value that is not an ISO duration (a vague or working-day value is None already)."""
    if not value:
        return None
    m = _ISO.fullmatch(value)
    if not m or value in ("P", "PT"):
        return None
    w = (rules_ or rules())["words"]
    if kind == "recurrence" and value in w["every_one"]:
        return w["every_one"][value]
    if kind != "recurrence" and value in w["lengths"]:
        return w["lengths"][value]
    parts = [f"{n}{w['units'][u]}" for n, u in zip(m.groups(), "YMWDH") if n and int(n)]
    if not parts:
        return None
    text = "".join(parts)
    if kind == "recurrence":  # 每3天, 每2周; a single unit without its 1: 每周
        return w["every"] + (text[1:] if len(parts) == 1 and re.fullmatch(r"1\D+", text) else text)
    return text


def _days(step: tuple[int, int]) -> int:
    months, days = step
    return months * 30 + days


def _later(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a if _days(a) >= _days(b) else b


def standing_until(cadence: str | None, briefing_date: dt.date | str | None,
                   period: tuple[dt.date, dt.date] | None = None, rules_: dict | None = None) -> dt.date | None:
    """The last day a standing task with this cadence falls due: the end of the stated ``period`` when there is
    one that ends on or after the briefing's date, else the default window after the briefing's date (at least
    ``min_window`` and ``min_reports`` periods), never past ``max_window``."""
    r = rules_ or rules()
    start = parse_date(briefing_date)
    step = parse_duration(cadence)
    if start is None or step is None:
        return None
    cap = add_duration(start, r["_max_window"])
    if period and period[1] >= start:
        return min(period[1], cap)
    window = _later(r["_min_window"], (step[0] * r["min_reports"], step[1] * r["min_reports"]))
    return min(add_duration(start, window), cap)


def stated_period(time_expressions: list[dict], briefing_date: dt.date | str | None, text: str | None = None,
                  rules_: dict | None = None) -> tuple[dt.date, dt.date] | None:
    """The inspection's or campaign's period the briefing states (see the module docstring), or None: a date span
    running on or after the briefing's date, named after one of the period words (when ``text`` is given)."""
    r = rules_ or rules()
    start = parse_date(briefing_date)
    if start is None:
        return None
    best = None
    for t in time_expressions:
        if t.get("type") != "date" or not t.get("value") or "/" not in t["value"]:
            continue
        span = interval(t["value"])
        if not span or span[1] == dt.date.max or span[1] < start:
            continue
        if (span[0] - start).days > r["start_slack_days"] or (span[1] - span[0]).days < r["min_period_days"]:
            continue
        if text is not None:
            before = text[max(0, t["start"] - r["period_context"]):t["start"]]
            if not any(w in before for w in r["_period_words"]):
                continue
        if best is None or span[1] > best[1]:
            best = span
    return best


def next_due_dates(time_expression: dict | str | None, briefing_date: dt.date | str | None,
                   today: dt.date | str | None = None, count: int = 3, until: dt.date | str | None = None,
                   rules_: dict | None = None) -> list[dt.date]:
    """The days a directive with this deadline falls due, earliest first.

    ``time_expression`` is a time expression of ``extract`` (``{"type", "value", ...}``) or its ``value`` alone.
    A deadline or a date: its last day (``2017-05-31``), also when it has passed (then the directive is overdue).
    A duration (``10天内`` → ``P10D``): the briefing's date plus it.  A recurrence with a period (``每3天一报告`` →
    ``P3D``): the next ``count`` days on or after ``today`` (Beijing's, when not given) of the series that starts
    one period after the briefing's date — the first report is due one period in — and ends on ``until`` (the
    default window of :func:`standing_until` when not given): none once it has ended.  Vague words, working days,
    a recurrence without a period (定期) and a duration or recurrence without the briefing's date: ``[]``."""
    if isinstance(time_expression, dict):
        kind, value = time_expression.get("type"), time_expression.get("value")
    else:
        value = time_expression
        kind = "recurrence" if isinstance(value, str) and value.startswith("P") else "deadline"
    if not value:
        return []
    if kind in ("deadline", "date"):
        day = last_day(value)
        return [day] if day else []
    step = parse_duration(value)
    start = parse_date(briefing_date)
    if step is None or start is None:
        return []
    if kind == "duration":
        return [add_duration(start, step)]
    if kind != "recurrence":
        return []
    end = parse_date(until) or standing_until(value, start, rules_=rules_)
    today = parse_date(today) or beijing_today()
    return _series(start, step, today, end, count)


def _series(start: dt.date, step: tuple[int, int], today: dt.date, end: dt.date, count: int | None) -> list[dt.date]:
    """The days ``start + k·step`` (k ≥ 1) from ``today`` through ``end``, at most ``count`` of them."""
    months, days = step
    k = 1
    if not months and today > start:  # jump close to today instead of stepping from the briefing's date
        k = max(1, (today - start).days // days)
    out: list[dt.date] = []
    while count is None or len(out) < count:
        day = add_duration(start, step, k)
        if day > end:
            break
        if day >= today:
            out.append(day)
        k += 1
    return out


@dataclass(frozen=True)
class StandingTask:
    """A standing task of a stored briefing: its directive, cadence and window.

    ``id`` is the same for the same extract (the directive's offset and a digest of its action), so a clerk's
    marks can be kept by it: report days marked done (``done``) and the whole task marked done (``closed``)."""

    id: str
    directive: int       # the index of its directive in the extract's ``directives``
    action: str
    actor: str | None
    addressee: str | None
    cadence: str         # the ISO period: P3D
    label: str           # the cadence in words: 每3天
    start: dt.date       # the briefing's date; the first report falls due one period after it
    until: dt.date       # the last day a report can fall due
    stated: bool         # whether ``until`` is the period the briefing states (else the default window)

    def due_dates(self) -> list[dt.date]:
        """Every report day of the window, earliest first."""
        return _series(self.start, parse_duration(self.cadence), self.start, self.until, None)

    def next_due(self, today: dt.date | str | None = None, done: Iterable = (), closed: bool = False) -> dt.date | None:
        """The first report day on or after ``today`` that is not marked done; None once the window has ended
        or the task is closed."""
        if closed:
            return None
        today = parse_date(today) or beijing_today()
        marked = {parse_date(d) for d in done}
        return next((d for d in self.due_dates() if d >= today and d not in marked), None)

    def missed(self, today: dt.date | str | None = None, done: Iterable = (), closed: bool = False) -> list[dt.date]:
        """The report days before ``today`` not marked done (none when the task is closed)."""
        if closed:
            return []
        today = parse_date(today) or beijing_today()
        marked = {parse_date(d) for d in done}
        return [d for d in self.due_dates() if d < today and d not in marked]

    def state(self, today: dt.date | str | None = None, done: Iterable = (), closed: bool = False) -> dict:
        """What a deadlines panel shows of the task, JSON-ready: its id, cadence in words, window, next report day,
        missed report days and whether it has ended."""
        today = parse_date(today) or beijing_today()
        nxt = self.next_due(today, done, closed)
        return {"id": self.id, "directive": self.directive, "cadence": self.cadence, "label": self.label,
                "start": self.start.isoformat(), "until": self.until.isoformat(), "stated": self.stated,
                "next_due": nxt.isoformat() if nxt else None,
                "missed": [d.isoformat() for d in self.missed(today, done, closed)],
                "ended": closed or today > self.until}


def standing_tasks(extract: dict, text: str | None = None, briefing_date: dt.date | str | None = None,
                   rules_: dict | None = None) -> list[StandingTask]:
    """The standing tasks of a briefing: its directives whose deadline is a recurrence with a period, each with
    its window (see the module docstring).  ``extract`` is :func:`~petitionnlp.briefing.extract_briefing`'s
    result; ``text`` the briefing's text (to read the period it states; without it any running date span counts);
    ``briefing_date`` overrides the extract's date.  None of them without a briefing date."""
    r = rules_ or rules()
    start = parse_date(briefing_date) or parse_date(extract.get("date"))
    if start is None:
        return []
    period = stated_period(extract.get("time_expressions") or [], start, text, r)
    out = []
    for i, d in enumerate(extract.get("directives") or []):
        deadline = d.get("deadline") or {}
        cadence = d.get("cadence") or (deadline.get("value") if deadline.get("type") == "recurrence" else None)
        if not cadence or parse_duration(cadence) is None:
            continue
        digest = hashlib.sha1((d.get("action") or "").encode("utf-8")).hexdigest()[:8]
        out.append(StandingTask(id=f"st{d.get('start', i)}-{digest}", directive=i, action=d.get("action") or "",
                                actor=d.get("actor"), addressee=d.get("addressee"), cadence=cadence,
                                label=duration_words(cadence, "recurrence", r) or cadence, start=start,
                                until=standing_until(cadence, start, period, r), stated=period is not None))
    return out
