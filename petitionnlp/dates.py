"""Dates, one reader for the whole package: a cell, an option or a header's written date → ``datetime.date``; a
CONTRACT.md time ``value`` (``2017-05``, ``2019-Q3``, ``2024-H1``, ``A/B``) → the days it covers; ISO durations
(``P3D``, ``P1W``, ``P1M``, ``PT24H``) → a step on the calendar.

Every stage that reads a date calls :func:`parse_date` (table cells, ``--date``, API parameters, a briefing's
header), and every stage that reads a time value calls :func:`interval` or :func:`last_day`; nothing else in the
package parses dates.  This module imports nothing of ours.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["parse_date", "interval", "last_day", "parse_duration", "add_duration", "month_end"]

_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
# 2017-05-15, 2017/5/15, 2017.5.15, 2017年5月15日 (with or without 日/号, spaces between), 20170515; a time may follow
_WRITTEN = re.compile(r"\s*([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*[日号]?"
                      r"(?:[ T]\s*[0-9]{1,2}(?::[0-9]{2}){1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\s*")
_COMPACT = re.compile(r"\s*((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])\s*")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def parse_date(value, *, excel_serials: bool = False) -> dt.date | None:
    """The day ``value`` names, or None when it names none (empty, unreadable, not a real day).

    Accepts ``date``/``datetime`` objects (pandas ``Timestamp`` too), ISO text with or without a time
    (``2017-05-15``, ``2017-05-15 09:09``, ``2017-05-15T09:09:00Z``), ``2017/5/15``, ``2017.5.15``,
    ``2017年5月15日``, ``20170515`` and full-width digits.  With ``excel_serials`` a number is read as an Excel day
    serial (what a spreadsheet cell without a date format holds)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp (NaT has no date)
        try:
            return value.to_pydatetime().date()
        except (ValueError, AttributeError):
            return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if excel_serials and value == value and 1 <= value < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = str(int(value)) if value == value and float(value).is_integer() else ""
    text = str(value).translate(_FULL_WIDTH)
    m = _WRITTEN.fullmatch(text) or _COMPACT.fullmatch(text)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


_VALUE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?(?:T.*)?")


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day a time value covers (``2019-Q3`` → Jul 1, Sep 30; ``A/B`` → A's first, B's last;
    an open side ``..`` is ``date.min``/``date.max``), or None for a duration, a vague value or nonsense."""
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        first = interval(a) if a != ".." else (dt.date.min, dt.date.min)
        last = interval(b) if b != ".." else (dt.date.max, dt.date.max)
        return (first[0], last[1]) if first and last else None
    m = _VALUE.fullmatch(value)
    if not m:
        return None
    try:
        y = int(m[1])
        if m[3]:
            day = dt.date(y, int(m[2]), int(m[3]))
            return day, day
        if m[2]:
            mo = int(m[2])
            return dt.date(y, mo, 1), month_end(y, mo)
        if m[4]:
            q = int(m[4])
            return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
        if m[5]:
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m[5] == "1" else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        return None


def last_day(value: str | None) -> dt.date | None:
    """The last day a time value covers (a deadline's day: ``2017-06`` → June 30), None when open or unreadable."""
    span = interval(value)
    return span[1] if span and span[1] != dt.date.max else None


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?")


def parse_duration(value: str | None) -> tuple[int, int] | None:
    """An ISO duration as (months, days) — ``P1M`` → (1, 0), ``P1W`` → (0, 7), ``PT24H`` → (0, 1), ``P1Y`` →
    (12, 0); hours round up to whole days.  None for anything else or a zero length."""
    m = _DURATION.fullmatch(value or "")
    if not m or value in ("P", "PT"):
        return None
    y, mo, w, d, h, mi = (int(x) if x else 0 for x in m.groups())
    days = 7 * w + d + -(-(60 * h + mi) // (24 * 60))
    months = 12 * y + mo
    return (months, days) if months or days else None


def add_duration(day: dt.date, step: tuple[int, int], times: int = 1) -> dt.date:
    """``day`` moved on by ``times`` steps of (months, days); a month step keeps the day of the month, or the
    month's last day when it has fewer (Jan 31 + P1M → Feb 28)."""
    months, days = step
    if months:
        n = day.year * 12 + day.month - 1 + months * times
        y, mo = divmod(n, 12)
        mo += 1
        day = dt.date(y, mo, min(day.day, calendar.monthrange(y, mo)[1]))
    return day + dt.timedelta(days=days * times)
