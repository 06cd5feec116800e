"""Dates, one reader for the whole package: a cell, an option or a header's written date → ``datetime.date``; a
CONTRACT.md time ``value`` (``2017-05``, ``2019-Q3``, ``2024-H1``, ``A/B``) → the days it covers; ISO durations
(``P3D``, ``P1W``, ``P1M``, ``PT24H``) → a step on the calendar; working days as China counts them; and all of
these in words for a reader (``2017年5月15日``, ``每3天``, ``2019年第三季度``).

Every stage that reads a date calls :func:`parse_date` (table cells, ``--date``, API parameters, a briefing's
header), and every stage that reads a time value calls :func:`interval` or :func:`last_day`; nothing else in the
package parses dates.  Working days (:func:`add_working_days`) follow the State Council's yearly holiday notice —
public holidays off, the adjusted working Saturdays and Sundays (调休上班日) on — as the maintained package
``chinesecalendar`` records it; a year it does not record yet raises :class:`UnknownHolidayYear`, and the caller
decides what to do (:func:`petitionnlp.triage.reply_deadline` counts calendar days and says so).  Words for people:
:func:`chinese_date`, :func:`chinese_time`, :func:`duration_words`,
:func:`time_words`.  This module imports nothing of ours.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["parse_date", "interval", "last_day", "parse_duration", "add_duration", "month_end", "is_working_day",
           "add_working_days", "UnknownHolidayYear", "holiday_years", "chinese_date", "chinese_time", "period_words",
           "duration_words", "time_words", "TIME_TYPES", "CHINESE_DAY"]

_FULL_WIDTH = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")
# what may follow a day: a weekday (（星期一）, 周三), a part of the day (上午, 下午), a time (09:30, 9时, 9点半)
_AFTER_DAY = (r"(?:\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]?)?"
              r"(?:\s*(?:上午|下午|中午|晚上|早上|凌晨))?"
              r"(?:\s*T?\s*[0-9]{1,2}(?::[0-9]{2}){1,2}(?:\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?"
              r"|\s*[0-9]{1,2}\s*[时点](?:\s*(?:[0-9]{1,2}\s*分|半))?)?\s*")
# 2017-05-15, 2017/5/15, 2017.5.15, 2017年5月15日 (with or without 日/号, spaces between), 20170515
_WRITTEN = re.compile(r"\s*([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*[日号]?" + _AFTER_DAY)
_COMPACT = re.compile(r"\s*((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])\s*")
# a day without its year: 5月15日, 5月15号, 5.15, 5/15, 5-15 (read only against a reference day)
_YEARLESS = re.compile(r"\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*[日号]?" + _AFTER_DAY)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
AHEAD = 7  # a day without its year is at most this many days after the reference day (a table made a little ahead)


def parse_date(value, *, excel_serials: bool = False, reference: dt.date | None = None,
               ahead: int = AHEAD) -> dt.date | None:
    """The day ``value`` names, or None when it names none (empty, unreadable, not a real day).

    Accepts ``date``/``datetime`` objects (pandas ``Timestamp`` too), ISO text with or without a time
    (``2017-05-15``, ``2017-05-15 09:09``, ``2017-05-15T09:09:00Z``), ``2017/5/15``, ``2017.5.15``,
    ``2017年5月15日`` (a weekday, a part of the day or a time after it read through: ``2017年5月3日（星期三）``,
    ``2017年5月15日上午``, ``2017年5月15日下午3时``), ``20170515`` and full-width digits.  With ``excel_serials`` a
    number is read as an Excel day serial (what a spreadsheet cell without a date format holds).

    With a ``reference`` day, a day written without its year (``5月15日``, ``5.15``, ``5/15``) is read too: the
    latest such day not after ``reference`` + ``ahead`` days — a table's day is its own or an earlier one (against
    2024-05-10, ``5月15日`` is 2024-05-15 and ``12月30日`` 2023-12-30); ``ahead`` = 182 reads it as the nearest such
    day either way.  Without one it names no day (no year to read it by); a number is never such a day (an .xlsx
    cell 5.1 may be May 1 or May 10)."""
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
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number:
        if excel_serials and value == value and 1 <= value < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        value = str(int(value)) if value == value and float(value).is_integer() else ""
    text = str(value).translate(_FULL_WIDTH)
    m = _WRITTEN.fullmatch(text) or _COMPACT.fullmatch(text)
    if not m:
        m = _YEARLESS.fullmatch(text) if reference is not None and not number else None
        return _yearless(int(m[1]), int(m[2]), reference + dt.timedelta(days=ahead)) if m else None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _yearless(month: int, day: int, latest: dt.date) -> dt.date | None:
    """The latest day ``month``/``day`` not after ``latest`` (29 February: within four years), None when none is."""
    for year in range(latest.year, latest.year - 5, -1):
        try:
            got = dt.date(year, month, day)
        except ValueError:
            continue
        if got <= latest:
            return got
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


# ------------------------------------------------------------------------------------ working days in China

class UnknownHolidayYear(ValueError):
    """A day of a year whose public holidays and adjusted working days are not recorded (the State Council
    publishes them late in the year before; the ``chinesecalendar`` package follows)."""

    def __init__(self, year: int):
        super().__init__(year)
        self.year = year


def holiday_years() -> range:
    """The years whose holidays and adjusted working days are recorded."""
    from chinese_calendar import constants

    days = list(constants.holidays) + list(constants.workdays)
    return range(min(days).year, max(days).year + 1)


def is_working_day(day: dt.date) -> bool:
    """Whether ``day`` is a working day in China: Monday to Friday except public holidays, and the Saturdays and
    Sundays made working days around them (2017-05-27, a Saturday before 端午, was one).
    Raises :class:`UnknownHolidayYear` for a year not recorded."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise UnknownHolidayYear(day.year) from None


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``day`` (``day`` itself not counted; ``n`` = 0 is ``day``): 15 working days
    from 2017-05-15 is 2017-06-06 — 端午 (May 28–30) off, Saturday May 27 worked.
    Raises :class:`UnknownHolidayYear` when a day on the way is in a year not recorded."""
    left = n
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


# --------------------------------------------------------------------------------------- words for people

_QUARTERS = "一二三四"
TIME_TYPES = {"date": "日期", "deadline": "期限", "duration": "时长", "recurrence": "周期", "vague": "模糊时间"}


_DAY_WORDS = "{year}年{month}月{day}日"  # a day as an office writes it: what chinese_date writes, CHINESE_DAY finds
# a day in words as chinese_date writes it (2017年5月15日), to find in words written with it (a page keeps it whole)
CHINESE_DAY = re.compile(_DAY_WORDS.format(year=r"\d{4}", month=r"\d{1,2}", day=r"\d{1,2}"))


def chinese_date(day: dt.date | str | None) -> str:
    """A day as an office writes it: ``2017年5月15日`` (empty for None; text that is no date comes back as it is).
    :data:`CHINESE_DAY` finds what it writes."""
    if day is None or day == "":
        return ""
    got = parse_date(day) if not isinstance(day, dt.date) else day
    if got is None:
        return str(day)
    return _DAY_WORDS.format(year=got.year, month=got.month, day=got.day)


def chinese_time(value: dt.datetime | str | None, seconds: bool = False) -> str:
    """A moment as an office writes it on paper: ``2017年5月15日 9:05`` (``seconds``: ``9:05:07``) — the wall-clock
    time ``value`` carries (an ISO text with or without its offset, or a ``datetime``; the caller puts it in the
    office's zone first, :func:`petitionnlp.office.clock.office_time`).  Empty for None or empty; text that is no
    time comes back as it is (a day alone: its :func:`chinese_date`)."""
    if value is None or value == "":
        return ""
    when = value
    if not isinstance(when, dt.datetime):
        if isinstance(when, dt.date) or len(str(when).strip()) <= 10:  # a day alone
            return chinese_date(when)
        try:
            when = dt.datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return chinese_date(value)
    clock = f"{when.hour}:{when.minute:02d}" + (f":{when.second:02d}" if seconds else "")
    return f"{chinese_date(when.date())} {clock}"


def period_words(date_from: dt.date | str | None, date_to: dt.date | str | None, today: dt.date | str | None = None,
                 short: bool = False) -> str:
    """A period of days as an office names it: ``2017年5月10日至2017年5月15日`` (``short``, for a file name or a
    title: ``2017年5月10日至15日``, the year and the month not said twice), a single day once (``2017年5月15日``),
    an open start ``截至2017年5月15日``, an open end ``2017年5月10日以来``; neither: ``截至`` ``today`` (or empty)."""
    a = parse_date(date_from) if date_from and not isinstance(date_from, dt.date) else date_from or None
    b = parse_date(date_to) if date_to and not isinstance(date_to, dt.date) else date_to or None
    if a and b:
        if a == b:
            return chinese_date(a)
        if short and a.year == b.year:
            return f"{chinese_date(a)}至{f'{b.month}月' if a.month != b.month else ''}{b.day}日"
        return f"{chinese_date(a)}至{chinese_date(b)}"
    if b:
        return f"截至{chinese_date(b)}"
    if a:
        return f"{chinese_date(a)}以来"
    return f"截至{chinese_date(today)}" if today else ""


_UNITS = (("Y", "年", "年"), ("M", "个月", "月"), ("W", "周", "周"), ("D", "天", "天"))
_TIME_UNITS = (("H", "小时", "小时"), ("M", "分钟", "分钟"))
_DURATION_PARTS = re.compile(r"P(?:(?P<Y>\d+)Y)?(?:(?P<M>\d+)M)?(?:(?P<W>\d+)W)?(?:(?P<D>\d+)D)?"
                             r"(?:T(?:(?P<TH>\d+)H)?(?:(?P<TM>\d+)M)?)?")


def duration_words(value: str | None, every: bool = False) -> str:
    """An ISO duration in words: ``P10D`` → ``10天``, ``P3M`` → ``3个月``, ``PT24H`` → ``24小时``, ``P1Y6M`` →
    ``1年6个月``; with ``every`` a cadence: ``P3D`` → ``每3天``, ``P1D`` → ``每天``, ``P1W`` → ``每周``, ``P1M`` →
    ``每月``.  Empty for None; a value that is no duration comes back as it is."""
    if not value:
        return ""
    m = _DURATION_PARTS.fullmatch(value)
    if not m or value in ("P", "PT"):
        return value
    parts = [(int(m[k]), one, each) for k, one, each in _UNITS if m[k]]
    parts += [(int(m["T" + k]), one, each) for k, one, each in _TIME_UNITS if m["T" + k]]
    if not parts:
        return value
    if every:
        if len(parts) == 1 and parts[0][0] == 1:
            return "每" + parts[0][2]
        return "每" + "".join(f"{n}{one}" for n, one, _ in parts)
    return "".join(f"{n}{one}" for n, one, _ in parts)


def _point_words(value: str) -> str:
    m = _VALUE.fullmatch(value)
    if not m:
        return value
    y = m[1]
    if m[3]:
        words = f"{y}年{int(m[2])}月{int(m[3])}日"
    elif m[2]:
        words = f"{y}年{int(m[2])}月"
    elif m[4]:
        words = f"{y}年第{_QUARTERS[int(m[4]) - 1]}季度"
    elif m[5]:
        words = f"{y}年{'上' if m[5] == '1' else '下'}半年"
    else:
        words = f"{y}年"
    t = re.search(r"T(\d{2}):(\d{2})", value)
    if t:
        words += f"{int(t[1])}时" + (f"{int(t[2])}分" if t[2] != "00" else "")
    return words


def time_words(value: str | None, kind: str | None = None) -> str:
    """A CONTRACT.md time ``value`` in words: ``2017-05-31`` → ``2017年5月31日``, ``2017-06`` → ``2017年6月``,
    ``2019-Q3`` → ``2019年第三季度``, ``2024-H1`` → ``2024年上半年``, ``2024-05-09T08:00`` → ``2024年5月9日8时``,
    ``2019-05-06/2019-06-14`` → ``2019年5月6日至2019年6月14日``, ``2021-02-24/..`` → ``2021年2月24日起``; a
    duration as :func:`duration_words` (a ``recurrence`` as a cadence: ``每3天``).  Empty for None (working days
    and vague expressions have no value)."""
    if not value:
        return ""
    if value.startswith("P"):
        return duration_words(value, every=kind == "recurrence")
    if "/" in value:
        a, b = value.split("/", 1)
        if b == "..":
            return f"{_point_words(a)}起"
        if a == "..":
            return f"{_point_words(b)}以前"
        return f"{_point_words(a)}至{_point_words(b)}"
    return _point_words(value)
