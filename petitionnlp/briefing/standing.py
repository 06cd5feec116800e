"""When a directive falls due: a deadline's day, the end of a duration counted from the briefing's date, and the
next days of a standing task (每3天一报告, 每周报送, 每月调度) counted from it — what the workbench's deadlines
panel shows."""

from __future__ import annotations

import datetime as dt

from ..dates import add_duration, last_day, parse_date, parse_duration

__all__ = ["next_due_dates", "beijing_today"]

_BEIJING = dt.timezone(dt.timedelta(hours=8))


def beijing_today() -> dt.date:
    """Today in Beijing (the offices' day)."""
    return dt.datetime.now(_BEIJING).date()


def next_due_dates(time_expression: dict | str | None, briefing_date: dt.date | str | None,
                   today: dt.date | str | None = None, count: int = 3) -> list[dt.date]:
    """The days a directive with this deadline falls due, earliest first.

    ``time_expression`` is a time expression of ``extract`` (``{"type", "value", ...}``) or its ``value`` alone.
    A deadline or a date: its last day (``2017-05-31``), also when it has passed (then the directive is overdue).
    A duration (``10天内`` → ``P10D``): the briefing's date plus it.  A recurrence with a period (``每3天一报告`` →
    ``P3D``): the next ``count`` days on or after ``today`` (Beijing's, when not given) of the series that starts
    one period after the briefing's date — the first report is due one period in.  Vague words, working days,
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
    today = parse_date(today) or beijing_today()
    months, days = step
    k = 1
    if not months and today > start:  # jump close to today instead of stepping from the briefing's date
        k = max(1, (today - start).days // days)
    out: list[dt.date] = []
    while len(out) < count:
        day = add_duration(start, step, k)
        if day >= today:
            out.append(day)
        k += 1
    return out
