"""Time expressions in briefings: dates, deadlines, durations, recurrences and vague urgency words.

The patterns are data (``corpora/briefing/time_rules.json``); this module compiles them, picks the
leftmost-longest non-overlapping matches, and normalizes each to CONTRACT.md's ``value`` conventions,
resolving month-day and relative expressions against the document date and the last date named before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import lru_cache

from ..resources import corpus_path

__all__ = ["find_time_expressions", "document_date", "parse_number"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def parse_number(s: str | None) -> int | None:
    """``"3"``, ``"三"``, ``"十五"``, ``"二十"``, full-width digits → int."""
    if not s:
        return None
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(corpus_path("briefing", "time_rules.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _rules():
    data = _data()
    num = data["NUM"]
    return [(r["name"], r["type"], re.compile(r["pattern"].replace("NUM", num))) for r in data["rules"]]


def _expression(text: str, start: int, end: int, type_: str, value: str | None) -> dict:
    """One time expression as CONTRACT.md gives it."""
    return {"text": text, "start": start, "end": end, "type": type_, "value": value}


_DATE_IN_HEADER = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日")
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2}|19[0-9]{2})\s*年")


def document_date(text: str) -> dt.date | None:
    """The date a briefing states: a full date in its header (first 400 characters), else Jan 1 of the first year it names."""
    m = _DATE_IN_HEADER.search(text[:400])
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    m = _YEAR.search(text)
    return dt.date(int(m[1]), 1, 1) if m else None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y, m=None, d=None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


_UNIT_DURATION = {"半年": "P6M", "半个月": "P15D", "小时": "PT{n}H", "天": "P{n}D", "日": "P{n}D", "周": "P{n}W", "星期": "P{n}W", "工作周": "P{n}W",
                  "个月": "P{n}M", "月": "P{n}M", "年": "P{n}Y", "季度": "P{m}M", "季": "P{m}M", "半月": "P15D",
                  "旬": "P10D"}
_HOUR_SHIFT = {"下午": 12, "晚上": 12, "晚": 12, "中午": 0, "上午": 0, "早上": 0, "凌晨": 0}
_RELATIVE = {"昨日": -1, "昨天": -1, "前日": -2, "前天": -2, "明日": 1, "明天": 1, "今日": 0, "今天": 0}


class _Resolver:
    def __init__(self, doc_date: dt.date | None):
        self.doc = doc_date
        self.anchor = doc_date  # the last full date named (当日, 14日 resolve against it)

    def year(self, y, ry=None):
        if y:
            return int(y)
        base = self.anchor.year if self.anchor else None
        if ry and base is not None:
            return base + {"明年": 1, "去年": -1}.get(ry, 0)
        return base

    def month(self, m):
        return parse_number(m) if m else (self.anchor.month if self.anchor else None)

    def value(self, name: str, g: dict) -> str | None:
        try:
            return getattr(self, "_" + name)(g)
        except (ValueError, TypeError, AttributeError):
            return None

    def _recurrence(self, g):
        n = parse_number(g.get("n")) or 1
        return _UNIT_DURATION[g["unit"]].format(n=n, m=3 * n)

    def _working_days(self, g):
        return None

    def _duration(self, g):
        n = parse_number(g.get("n")) or 1
        return _UNIT_DURATION[g["unit"]].format(n=n, m=3 * n)

    def _deadline(self, g):
        part = g.get("part")
        if part in ("月底", "月末"):
            y, m = self.year(None), self.month(None)
            return _iso(y, m, _last_day(y, m))
        if part in ("底", "末") and not g.get("m"):
            return _iso(self.year(g.get("y"), g.get("ry")), 12, 31)
        if part in ("年底", "年末", "今年底", "年内", "下半年"):
            return _iso(self.year(g.get("y"), g.get("ry")), 12, 31)
        if part == "上半年":
            return _iso(self.year(g.get("y"), g.get("ry")), 6, 30)
        y, m = self.year(g.get("y"), g.get("ry")), self.month(g.get("m"))
        if g.get("d"):
            return _iso(y, m, int(g["d"]))
        if part in ("上旬",):
            return _iso(y, m, 10)
        if part in ("中旬",):
            return _iso(y, m, 20)
        if g.get("m") or part:
            return _iso(y, m, _last_day(y, m))
        return _iso(y, 12, 31)

    def _date(self, g):
        if g.get("q"):
            return f"{self.year(g.get('y'), g.get('ry')):04d}-Q{parse_number(g['q'])}"
        if g.get("half"):
            return f"{int(g['y']):04d}-H{1 if g['half'] == '上半年' else 2}"
        if not g.get("m") and not g.get("d"):
            return _iso(int(g["y"]))
        if g.get("part") == "份" or (g.get("ry") and not g.get("d") and not g.get("part")):
            return _iso(self.year(g.get("y"), g.get("ry")), self.month(g.get("m")))
        y, m = self.year(g.get("y"), g.get("ry")), self.month(g.get("m"))
        if g.get("d"):
            day = dt.date(y, m, int(g["d"]))
            if g.get("m"):
                self.anchor = day
            value = day.isoformat()
            if g.get("h"):
                h = int(g["h"]) + _HOUR_SHIFT.get(g.get("ampm") or "", 0)
                value += f"T{h % 24:02d}:{int(g.get('min') or 0):02d}"
            return value
        part = g.get("part")
        if part == "上旬":
            return f"{_iso(y, m, 1)}/{_iso(y, m, 10)}"
        if part == "中旬":
            return f"{_iso(y, m, 11)}/{_iso(y, m, 20)}"
        if part == "下旬":
            return f"{_iso(y, m, 21)}/{_iso(y, m, _last_day(y, m))}"
        if part in ("底", "末"):
            return _iso(y, m, _last_day(y, m))
        return _iso(y, m)

    def _time(self, g):
        h = int(g["h"]) + _HOUR_SHIFT.get(g.get("ampm") or "", 0)
        return f"{self.anchor.isoformat()}T{h % 24:02d}:{int(g.get('min') or 0):02d}"

    def _relative(self, g):
        rel = g["rel"]
        if rel in ("当日", "当天"):
            return self.anchor.isoformat()
        if rel == "次日":
            return (self.anchor + dt.timedelta(days=1)).isoformat()
        return (self.doc + dt.timedelta(days=_RELATIVE[rel])).isoformat()

    def _vague(self, g):
        return None


def find_time_expressions(text: str, doc_date: dt.date | None = None) -> list[dict]:
    """Every time expression in ``text`` with exact offsets, type and normalized value."""
    found = []
    for order, (name, kind, rx) in enumerate(_rules()):
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), order, name, kind, m))
    found.sort()
    picked, last_end = [], -1
    for start, neg_len, _, name, kind, m in found:
        if start < last_end:
            continue
        picked.append((name, kind, m))
        last_end = start - neg_len
    resolver = _Resolver(doc_date)
    out = []
    for name, kind, m in picked:
        g = {k: v for k, v in m.groupdict().items() if v}
        out.append(_expression(m.group(0), m.start(), m.end(), kind, resolver.value(name, g)))
    return _spans(text, out)


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?$")


def _spans(text: str, found: list[dict]) -> list[dict]:
    """Two dates joined by 至/到/— become one span ``START/END``; a date followed by 起/以来 an open span."""
    data = _data()
    joiner, open_suffix = re.compile(data["span_joiners"]), re.compile(data["open_span_suffix"])
    out: list[dict] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev and prev["type"] == "date" and t["type"] == "date" and prev["value"] and t["value"]
                and _DAY.match(prev["value"]) and _DAY.match(t["value"])
                and joiner.match(text[prev["end"]:t["start"]])):
            out[-1] = _expression(text[prev["start"]:t["end"]], prev["start"], t["end"], "date",
                                     f"{prev['value']}/{t['value']}")
            continue
        out.append(t)
    for i, t in enumerate(out):
        m = open_suffix.match(text, t["end"]) if t["type"] == "date" and t["value"] and _DAY.match(t["value"]) else None
        if m:
            out[i] = _expression(text[t["start"]:m.end()], t["start"], m.end(), "date", f"{t['value']}/..")
    return out
