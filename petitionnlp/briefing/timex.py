"""Time expressions in briefings: dates, deadlines, durations, recurrences and vague urgency words.

The patterns are data (``corpora/briefing/time_rules.json``); this module compiles them, picks the
leftmost-longest non-overlapping matches, and normalizes each to CONTRACT.md's ``value`` conventions:
a day, a month, a year, a quarter (``2019-Q3``), a half year (``2024-H1``), a time (``2024-05-09T08:00``), a span
``START/END`` or an open span ``START/..``, the last day of a deadline, an ISO duration.  Month-day expressions
resolve against the last full date named before (or the document date); relative ones (昨天, 上个月, 本季度, 今年)
against the document date.  Matching runs on a folded view of the text (see :mod:`.view`): the offsets returned
are the original text's.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from functools import lru_cache

from ..dates import interval, parse_date
from ..resources import corpus_path
from .header import rules as _header_rules
from .view import fold_view

__all__ = ["find_time_expressions", "title_anchor", "document_date", "parse_number", "interval", "rules", "compile_rules",
           "default_rules_data"]

def parse_number(s: str | None, digits: dict | None = None, tens: dict | None = None) -> int | None:
    """``"3"``, ``"三"``, ``"十五"``, ``"二十"``, ``"二〇〇六"`` (digit by digit), ``"廿五"``, full-width digits → int;
    ``digits`` (a numeral's digits, ``values["digits"]`` of a rules set) and ``tens`` (廿, 卅: ``values["tens"]``) are
    the shipped rules' when None."""
    if not s:
        return None
    if digits is None:
        digits = rules()["values"]["digits"]
    if tens is None:
        tens = rules()["values"]["tens"]
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if len(s) > 1 and all(ch in digits for ch in s):  # 二〇〇六, 一九九一: read digit by digit
        return int("".join(str(digits[ch]) for ch in s))
    total, current = 0, 0
    for ch in s:
        if ch in tens:  # 廿五, 卅一: twenty and thirty (values.tens)
            total += tens[ch]
            current = 0
        elif ch in digits:
            current = digits[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def default_rules_data() -> dict:
    """The shipped patterns (``corpora/briefing/time_rules.json``), as JSON data."""
    return json.loads(corpus_path("briefing", "time_rules.json").read_text(encoding="utf-8"))


def compile_rules(data: dict) -> dict:
    """Patterns (the JSON of ``time_rules.json``) → what :func:`find_time_expressions` matches, with the value tables its
    normalizers read (``data["values"]``; a rules set saved before they were data takes the shipped ones)."""
    def expand(pattern: str) -> str:
        for key in ("CNYEAR", "YEAR"):  # a year in digits or numerals (CNYEAR first: it holds YEAR's name) — rules
            if key in data:  # saved before they were keys write them out
                pattern = pattern.replace(key, data[key])
        for key in ("MNUM", "DNUM", "HNUM"):  # before NUM, which they contain
            pattern = pattern.replace(key, data[key])
        for key in ("EVENT_BEFORE", "BEFORE", "CADENCE", "COUNT_OF", "LUNAR", "RECURRING", "HOLIDAY_LEAD"):
            # the events a limit comes before (EVENT_BEFORE, 试生产前: before BEFORE, whose name it holds); 前/之前/以前
            # closing a limit; the verbs of a cadence (每周一督查, 一月一通报); a count before a counter (三个时间节点); a
            # lunar day (正月十六); what a time after a recurrence follows (每天, 每周一, 工作日); what before 节 makes it
            # a holiday the page does not name (开展节前…, 检查节前…, 在节日前夕) — rules saved before they were keys write
            # them out
            if key in data:
                pattern = pattern.replace(key, data[key])
        return pattern.replace("NUM", data["NUM"])

    limit = data["shared_limit"]
    values = data["values"] if "values" in data else default_rules_data()["values"]
    tables = _value_tables(values)
    shipped = None if "written_year" in data else default_rules_data()  # (rules saved before it take the shipped)
    weekday = "|".join(tables["weekday_words"])
    parts = sorted(set(tables["hour_shift"]) - set(tables["anchor_day"]), key=lambda w: (-len(w), w))
    return {"data": data, "values": tables,
            "written_year": re.compile(expand(data["written_year"])) if shipped is None
            else compile_rules(shipped)["written_year"],
            # what after a day belongs to it (6月1日周六, 8月25日上午9时, 8月25日21:30): a weekday, a part of the day
            # (hour_shift's, but for those that name a day of their own, anchor_day's 当晚), a clock time; a weekday
            # alone (周六, 星期三); a weekday word opening an expression
            "attached": re.compile("^(?:" + "|".join([weekday] + parts) + r"|[0-9]{1,2}[:：][0-9]{2}(?![0-9]))"),
            "weekday_only": re.compile(f"^(?:{weekday})[{''.join(tables['weekday'])}1-7]$"),
            "weekday_word": re.compile(f"^(?:{weekday})"),
            # hours without a day (a recurrence's: 上午9:00-12:00 after 周一至周五) and what may stand between them and
            # the next hours of the same list (，下午14:00-17:00)
            "hours_only": re.compile(data.get("hours_only", "(?!)")),
            "hours_apart": re.compile(data.get("hours_apart", "(?!)")),
            "rules": [(r["name"], r["type"], re.compile(expand(r["pattern"]))) for r in data["rules"]],
            "joiner": re.compile(data["span_joiners"]), "open_suffix": re.compile(data["open_span_suffix"]),
            # what closes a limit (前, 之前, 以前) at the end of a span's second end: the span is a limit
            "closing_limit": re.compile(f"(?:{data.get('BEFORE', '(?!)')})\\Z"),
            "limit_after": re.compile(data.get("BEFORE", "(?!)")),  # 前 right after a day's bracket
            "open_from": re.compile(data["open_span_from_suffix"]) if data.get("open_span_from_suffix") else None,
            "from_years": re.compile(data["open_span_from_years"]),
            "limit_lead": re.compile(data["limit_lead"]["pattern"]) if data.get("limit_lead") else None,
            "limit_tail": re.compile(data["limit_lead"]["tail"]) if data.get("limit_lead", {}).get("tail") else None,
            "vague_not_in": re.compile(data["vague_not_in"]) if data.get("vague_not_in") else None,
            "date_gaps": re.compile(data["date_gaps"]) if data.get("date_gaps") else None,
            "lunar": re.compile(f"^(?:{data['LUNAR']})$") if data.get("LUNAR") else None,
            "lunar_in_brackets": re.compile(expand(data["lunar_in_brackets"]))
            if data.get("lunar_in_brackets") else None,
            "level_days": re.compile(expand(data["level_days"])) if data.get("level_days") else None,
            "cutoff_keeps_anchor": re.compile(data.get("cutoff_keeps_anchor", "(?!)")),
            "limit": {k: re.compile(expand(limit[k])) for k in ("list_separator", "limit_end", "month_limit",
                                                               "nodes_after")},
            "context": [(frozenset(c["types"]), re.compile(expand(c.get("text", ""))),
                         re.compile(f"(?:{expand(c['before'])})\\Z") if c.get("before") else None,
                         re.compile(expand(c["after"])) if c.get("after") else None)
                        for c in data.get("none_in_context", [])]}


def _value_tables(values: dict) -> dict:
    """``time_rules.json``'s ``values``: what the normalizers read (a unit's length, a part of the day's hours, a relative
    day's, year's, week's, month's or quarter's offset, a solar holiday's day, the parts of a century and a decade)."""
    return {"digits": values["digits"], "tens": values.get("tens", {}), "unit_duration": values["unit_duration"],
            "hour_shift": values["hour_shift"],
            "midnight": tuple(values["midnight"]), "relative_day": values["relative_day"],
            "anchor_day": values.get("anchor_day") or default_rules_data()["values"]["anchor_day"],
            "anchor_year": values.get("anchor_year", {}),  # 次年 at a span's second end: the first end's year + 1
            # 次年 outside a span: the year after one named elsewhere (each year of a standing rule), no value (t56)
            "unanchored_year": frozenset(x for x in values.get("unanchored_year", ()) if not x.startswith("_doc")),
            "evening": tuple(values["evening"]), "relative_year": values["relative_year"],
            "carried_part": {k: tuple(v) for k, v in values.get("carried_part", {}).items() if not k.startswith("_")},
            "this_year": frozenset(values.get("this_year", ())),
            "relative_week": {(k or None): v for k, v in values["relative_week"].items()},  # "": a week without a word
            "weekday": values["weekday"], "relative_month": values["relative_month"],
            "weekday_words": tuple(values.get("weekday_words") or default_rules_data()["values"]["weekday_words"]),
            "relative_quarter": values["relative_quarter"],
            "holidays": {k: tuple(v) for k, v in values["holidays"].items()},
            "era_parts": {k: tuple(v) for k, v in values["era_parts"].items()},
            "decade_parts": {k: tuple(v) for k, v in values["decade_parts"].items()}}


@lru_cache(maxsize=1)
def rules() -> dict:
    """The shipped patterns, compiled once (what :func:`find_time_expressions` uses when given none)."""
    return compile_rules(default_rules_data())


def _expression(text: str, start: int, end: int, type_: str, value: str | None) -> dict:
    """One time expression as CONTRACT.md gives it."""
    return {"text": text, "start": start, "end": end, "type": type_, "value": value}


def document_date(text: str, header_chars: int = 400, rules_: dict | None = None) -> dt.date | None:
    """The date a briefing states (``rules_``: header rules as :func:`.header.compile_rules` gives them, the shipped
    ones when None; their ``page_date`` patterns, ``corpora/briefing/header_rules.json``): the last date of its
    signature (a date on one of its last lines after at most an issuer's name), else the first date after a label
    (发布时间, 来源) or alone on its line in its header (first ``header_chars`` characters), else the first date in a
    sentence of the header that no law, plan or limit carries (…起施行, 截止…, …前), else Jan 1 of the first year
    it names."""
    r = (rules_ if rules_ is not None else _header_rules())["page_date"]
    folded = fold_view(text).text
    lines = folded.split("\n")
    tail_from = len(folded) - sum(len(ln) + 1 for ln in [ln for ln in lines if ln.strip()][-r["tail_lines"]:])
    head_end = len(fold_view(text[:header_chars]).text)
    signature = labelled = sentence = None
    written = []  # the header's sentence dates, written ones (2018年6月5日) before numeric ones (a site's stamp)
    for m in r["date"].finditer(folded):
        day = parse_date(m.group(0))  # the one date parser reads the spaces a date holds (2018 年 6 月 5 日)
        if day is None:
            continue
        line_start = folded.rfind("\n", 0, m.start()) + 1
        line_end = folded.find("\n", m.end())
        before, after = folded[line_start:m.start()], folded[m.end():len(folded) if line_end < 0 else line_end]
        alone = r["line_rest"].match(after) and r["signature_prefix"].match(before.strip())
        prev_end = line_start  # the last line before this one with a character on it (found backwards over the
        while prev_end and folded[prev_end - 1].isspace():  # blank run only: not a copy of all the text before
            prev_end -= 1
        prev = folded[folded.rfind("\n", 0, prev_end) + 1:prev_end]
        if alone and (m.start() >= tail_from or r["issuer"].search(before) or (r["line_rest"].match(before)
                                                                              and r["issuer"].search(prev))):
            signature = day  # the last one
        if m.start() >= head_end:
            continue
        if labelled is None and (r["label"].search(before) or r["line_rest"].match(before)
                                 and r["line_rest"].match(after)):
            labelled = day
        elif not r["not_after"].match(after) and not r["not_before"].search(before):
            written.append((m.group("written") is None, m.start(), day))  # 年月日 (header_rules' written) first
    sentence = min(written)[2] if written else None
    day = signature or labelled or sentence
    if day:
        return day
    m = r["first_year"].search(folded)
    return dt.date(int(m[1]), 1, 1) if m else None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _iso(y, m=None, d=None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _in_year(day: dt.date, y: int) -> dt.date:
    """``day``'s month and day in year ``y`` (29 February in a common year is the 28th)."""
    return day.replace(year=y, day=min(day.day, _last_day(y, day.month)))


def _next_year(value: str) -> str:
    """``2017-01-20`` → ``2018-01-20`` (the end of a span that a page wrote without its year, across a new year)."""
    return f"{int(value[:4]) + 1:04d}{value[4:]}"


def _hour(h: int, ampm: str | None, values: dict) -> int:
    """The hour on a 24-hour clock: 下午5时 → 17, 下午21时 → 21 (already past noon); an evening's 12 is midnight
    (晚12:00 → 24, the end of the day), 中午12时 noon (``values``: the tables of :func:`_value_tables`)."""
    if h == 12 and (ampm or "") in values["midnight"]:
        return 24
    return h + values["hour_shift"].get(ampm or "", 0) if h < 12 else h


def _at(day: dt.date, h: int, minute: int) -> str:
    """``day`` at ``h``:``minute``; hour 24 is the next day's 00:00 (晚12:00, 24时)."""
    if h >= 24:
        day, h = day + dt.timedelta(days=h // 24), h % 24
    return f"{day.isoformat()}T{h:02d}:{minute:02d}"


def _minute(g: dict, sfx: str = "") -> int:
    """The minutes of a time: 30分 → 30, 7点半 → 30."""
    return 30 if g.get("hm" + sfx) else int(g.get("min" + sfx) or 0)


class _Resolver:
    def __init__(self, doc_date: dt.date | None, values: dict, anchor: dt.date | None = None):
        self.doc = doc_date
        self.anchor = anchor or doc_date  # the last full date named (当日, 14日 resolve against it), at first the
        # title's (title_anchor) or the document date
        self.titled = anchor is not None  # a title's written year is the page's own: 今年 does not move the anchor
        self.limit = False  # the expression being read is a limit (…前, or a bare day after 截止: limit_lead)
        self.v = values  # the value tables of the rules set (compile_rules' "values")

    def number(self, s: str | None) -> int | None:
        """A numeral read with the rules set's digits."""
        return parse_number(s, self.v["digits"], self.v["tens"])

    def hour(self, h: int, ampm: str | None) -> int:
        """An hour on a 24-hour clock with the rules set's hours of the parts of the day."""
        return _hour(h, ampm, self.v)

    # ------------------------------------------------------------------------------------ pieces
    def year(self, g: dict, sfx: str = "", default: int | None = None) -> int | None:
        if g.get("y" + sfx):
            return int(g["y" + sfx])
        if g.get("ycn" + sfx):
            return self.number(g["ycn" + sfx])
        ref = self.doc.year if self.doc else (self.anchor.year if self.anchor else None)
        if g.get("yy" + sfx):
            yy = int(g["yy" + sfx])
            base = (ref or 2024) % 100
            return 2000 + yy if yy <= base + 5 else 1900 + yy
        if sfx and default is not None and g.get("ry" + sfx) in self.v["anchor_year"]:
            return default + self.v["anchor_year"][g["ry" + sfx]]  # 2023年11月15日至次年3月15日: 2024, not the page's
        if g.get("ry" + sfx) in self.v["unanchored_year"]:
            return None  # 次年3月底前 in a standing rule: the year after each year the rule names (t56)
        if g.get("ry" + sfx) and ref is not None:
            y = ref + self.v["relative_year"].get(g["ry" + sfx], 0)
            if self.doc and self.anchor and not self.titled and g["ry" + sfx] in self.v["this_year"]:
                self.anchor = _in_year(self.anchor, y)  # 今年 names the document's year: the month-days after it
                # are in it, not a past date's year (where no title wrote the page's year: that rules, t46)
            return y
        if default is not None:
            return default
        return self.anchor.year if self.anchor else ref

    def month(self, g: dict, sfx: str = "", default: int | None = None) -> tuple[int, int]:
        """(year, month) of the month the groups name (a relative month counts from the document date)."""
        if g.get("rm" + sfx) and self.doc:
            return _shift_month(self.doc.year, self.doc.month, self.v["relative_month"][g["rm" + sfx]])
        y = self.year(g, sfx)
        m = self.number(g.get("m" + sfx)) if g.get("m" + sfx) else default
        if m is None:
            m = self.anchor.month if self.anchor else None
        return y, m

    def value(self, name: str, g: dict) -> str | None:
        try:
            return getattr(self, "_" + name)(g)
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError):
            return None

    # ------------------------------------------------------------------------------------- rules
    def _recurrence(self, g):
        n = self.number(g.get("n")) or 1
        return self.v["unit_duration"][g["unit"]].format(n=n, m=3 * n)

    def _every_other(self, g):
        """每隔一天, 每隔一周, 每隔一个月: every other day, week, month (P2D, P2W, P2M; GUIDELINES.md)."""
        return self._recurrence({"n": "2", "unit": g["unit"]})

    def _working_days(self, g):
        return None

    def _vague(self, g):
        return None

    def _duration(self, g):
        n = self.number(g.get("n"))
        n = 1 if n is None else n  # 天 alone: one day; 0天 is none (P0D), not one
        return self.v["unit_duration"][g["unit"]].format(n=n, m=3 * n)

    def _years_months(self, g):
        """二年八个月: a length of years and months (a prison term), ``P2Y8M``; 1年零11天 one of years and days,
        ``P1Y11D``."""
        rest = f"{self.number(g['m'])}M" if g.get("m") else f"{self.number(g['d'])}D"
        return f"P{self.number(g['n'])}Y{rest}"

    def _hours_minutes(self, g):
        """2小时45分钟: a length of hours and minutes, ``PT2H45M`` (d49)."""
        return f"PT{self.number(g['n'])}H{self.number(g['m'])}M"

    def _deadline(self, g):
        part = g.get("part")
        if g.get("q"):  # 2020年一季度末前: the quarter's last day; 三季度前 says neither its first nor its last day
            return self._quarter_end(g) if part else None
        if part in ("月底", "月末"):
            y, m = self.month({})
            return _iso(y, m, _last_day(y, m))
        if part in ("底", "末") and not g.get("m") and not g.get("rm"):  # 年底前 (本月底前: the month's, below)
            return _iso(self.year(g), 12, 31)
        if g.get("early") and not g.get("m"):  # 明年初前: the end of February
            y = self.year(g)
            return _iso(y, 2, _last_day(y, 2))
        if part in ("年底", "年末", "今年底", "年内", "下半年"):
            return _iso(self.year(g), 12, 31)
        if part == "上半年":
            return _iso(self.year(g), 6, 30)
        if not g.get("m") and not g.get("d") and not g.get("rm"):
            return _iso(self.year(g), 12, 31)
        y, m = self.month(g)
        if g.get("d"):
            if not g.get("m") and not g.get("rm") and not g.get("y") and not g.get("ry"):
                y, m = self._before_the_event(y, m, self.number(g["d"]))
            day = dt.date(y, m, self.number(g["d"]))
            # 10月18日17时前: the limit's hour (24时 the next day's midnight)
            return _at(day, self.hour(self.number(g["h"]), g.get("ampm")), 0) if g.get("h") else day.isoformat()
        if part == "上旬":
            return _iso(y, m, 10)
        if part == "初":
            return _iso(y, m, 5)
        if part == "中旬":
            return _iso(y, m, 20)
        return _iso(y, m, _last_day(y, m))

    def _before_the_event(self, y: int, m: int, d: int) -> tuple[int, int]:
        """The month of a limit written as a bare day (25日前, 截止时间为26日17时) on a page that names an event still to
        come in the month after its own (12月1日举行听证会 on a page of 18 November): where the day in the event's month
        would fall after the event, the limit is in the page's month, between the page's day and the event (26日 →
        11-26); otherwise the month last named, as any bare day (15日前 before 12月20日 stays December)."""
        doc, a = self.doc, self.anchor
        if not (self.limit and doc and a and (y, m) == (a.year, a.month) and a > doc and d > a.day >= 1
                and _shift_month(doc.year, doc.month, 1) == (a.year, a.month) and doc.day <= d
                <= _last_day(doc.year, doc.month)):
            return y, m
        return doc.year, doc.month

    def _holiday(self, g):
        if g["hol"] not in self.v["holidays"]:  # 春节前: a lunar holiday, a limit without a fixed day
            return None
        m, d = self.v["holidays"][g["hol"]]
        y = self.doc.year if self.doc else self.anchor.year
        if g["hol"] == "元旦" and self.doc and self.doc.month > 1:
            y += 1
        return _iso(y, m, d)

    def _point(self, g: dict, sfx: str = "", default_y: int | None = None, default_m: int | None = None) -> str:
        """The value of one date (a day, a month with its part, a time), groups suffixed ``sfx``."""
        if g.get("rm" + sfx) and not g.get("d" + sfx):
            y, m = self.month(g, sfx)
            if g.get("part") == "初":
                return f"{_iso(y, m, 1)}/{_iso(y, m, 5)}"
            if not g.get("part") or g["part"] in ("底", "末"):
                return _iso(y, m, _last_day(y, m)) if g.get("part") else _iso(y, m)
            # 本月中旬, 下月上旬: a part of the relative month, read below as a written month's (t52)
        if g.get("rm" + sfx):
            y, m = self.month(g, sfx)
        else:
            y = self.year(g, sfx, default_y)
            m = self.number(g.get("m" + sfx)) if g.get("m" + sfx) else default_m
            if m is None:
                m = self.anchor.month if self.anchor else None
                if g.get("d" + sfx) and not sfx and not g.get("y") and default_y is None:
                    y, m = self._before_the_event(y, m, self.number(g["d"]))
        if g.get("d" + sfx):
            day = dt.date(y, m, self.number(g["d" + sfx]))
            if (g.get("m" + sfx) or g.get("rm" + sfx)) and not sfx:
                self.anchor = day
            if not g.get("h" + sfx):
                return day.isoformat()
            h = self.hour(self.number(g["h" + sfx]), g.get("ampm"))
            if h == 24:  # 6月30日24时: the next day's midnight, not the same day's
                day, h = day + dt.timedelta(days=1), 0
            return f"{day.isoformat()}T{h:02d}:{_minute(g, sfx):02d}"
        part = g.get("part")
        if g.get("y" + sfx) or g.get("ycn" + sfx) or g.get("yy" + sfx) or g.get("ry" + sfx):
            self.anchor = dt.date(y, m, 1)  # 2019年6月中旬至12月31日: the day after resolves in 2019; so does one after
            # a relative year's month (去年4月…到12月底前: the 12月 of 去年, as after 去年4月20日 — t54)
        if part == "上旬":
            return f"{_iso(y, m, 1)}/{_iso(y, m, 10)}"
        if part == "上中旬":
            return f"{_iso(y, m, 1)}/{_iso(y, m, 20)}"
        if part == "中下旬":
            return f"{_iso(y, m, 11)}/{_iso(y, m, _last_day(y, m))}"
        if part == "初":
            return f"{_iso(y, m, 1)}/{_iso(y, m, 5)}"
        if part == "中旬":
            return f"{_iso(y, m, 11)}/{_iso(y, m, 20)}"
        if part == "下旬":
            return f"{_iso(y, m, 21)}/{_iso(y, m, _last_day(y, m))}"
        if part in ("底", "末"):
            return _iso(y, m, _last_day(y, m))
        dt.date(y, m, 1)  # a month that exists
        return _iso(y, m)

    def _date(self, g):
        if g.get("rq"):
            base = self.doc or self.anchor
            y, q = base.year, (base.month - 1) // 3 + 1 + self.v["relative_quarter"][g["rq"]]
            y, q = y + (q - 1) // 4, (q - 1) % 4 + 1
            return f"{y:04d}-Q{q}"
        if g.get("q") and g.get("part"):  # 2020年一季度末: the quarter's last day
            return self._quarter_end(g)
        if g.get("q") or g.get("q1"):
            q = self.number(g["q"]) if g.get("q") else 1
            self._year_named(g, 3 * q - 2)
            return f"{self.year(g):04d}-Q{q}"
        if g.get("half"):
            self._year_named(g, 1 if g["half"] == "上半年" else 7)
            return f"{self.year(g):04d}-H{1 if g['half'] == '上半年' else 2}"
        if not g.get("m") and not g.get("d") and not g.get("rm"):
            y = self.year(g)
            return f"{_iso(y, 1)}/{_iso(y, 2)}" if g.get("early") else _iso(y)
        return self._point(g)

    def _year_named(self, g: dict, month: int) -> None:
        """A quarter or a half with its year written (2018年上半年, 2019年四季度) anchors what follows in that year, at its
        first month, as a month with its year does: 2018年上半年…，7、9、10、11、12月… are months of 2018."""
        if g.get("y") or g.get("ycn") or g.get("yy"):
            self.anchor = dt.date(self.year(g), month, 1)

    def _quarter_end(self, g):
        y, m = self.year(g), 3 * self.number(g["q"])
        return _iso(y, m, _last_day(y, m))

    def _year_week(self, g):
        """2021年第18周: a week by its number, no value (a page's numbering is not ISO's); its year anchors the days
        after it (the bracketed 4.26-5.2)."""
        self.anchor = dt.date(int(g["y"]), 1, 1)
        return None

    def _ordinal_day(self, g):
        """第二天 (中午12点前): the day after the last day named, as 次日 is (with its hour)."""
        day = (self.anchor + dt.timedelta(days=self.number(g["n"]) - 1)).isoformat()
        if not g.get("h"):
            return day
        return f"{day}T{self.hour(self.number(g['h']), g.get('ampm')) % 24:02d}:{_minute(g):02d}"

    def _lost_month(self, g):
        """1116日 opening a span (11月16日至18日): a day that lost its 月, in the year of the document or of the last
        date named, where the digits allow one reading only (1116 is 11-16; 115 could be 1-15 or 11-5: none)."""
        year = self.doc.year if self.doc else self.anchor.year
        value = _lost_month_day(g["md"], f"{year:04d}-01-01")
        if value:
            self.anchor = dt.date.fromisoformat(value)
        return value

    def _that_month(self, g):
        """该月: the month named last before it (a monthly release's 二〇一三年七月份…该月)."""
        return _iso(self.anchor.year, self.anchor.month)

    def _ordinal_deadline(self, g):
        """第二天中午12点前: a deadline's last day, the day after the last day named."""
        return self._ordinal_day({"n": g["n"]})

    def _span(self, g):
        first = self._point(g)
        if g.get("h2"):  # 5月9日8时至20时, 5日下午2时至5时: the same day (晚8时至12时: to midnight)
            h2 = self.hour(self.number(g["h2"]), g.get("ampm2") or g.get("ampm"))
            return f"{first}/{_at(dt.date.fromisoformat(first[:10]), h2, 0)}"
        y1 = int(first[:4])
        m1 = int(first[5:7]) if len(first) >= 7 and first[4] == "-" else None
        second = self._point(g, "2", default_y=y1, default_m=m1).split("/")[-1]
        if second < first[:len(second)] and not any(g.get(k + "2") for k in ("y", "ycn", "yy", "ry")):
            if g.get("d2") and not g.get("m2") and not g.get("rm2"):  # 12月30日至2日: the next month's day (t49)
                y, m = _shift_month(int(second[:4]), int(second[5:7]), 1)
                second = f"{y:04d}-{m:02d}{second[7:]}"
            else:
                second = _next_year(second)  # 12月20日至1月20日: the end is in the next year
        return f"{first.split('/')[0]}/{second}"

    def _part_span(self, g):
        """6月上旬至中旬: from the first part's first day to the second part's last, in the same month."""
        first = self._point(g)
        y, m = int(first[:4]), int(first[5:7])
        second = self._point({"y": str(y), "m": str(m), "part": g["part2"]})
        return f"{first.split('/')[0]}/{second.split('/')[-1]}"

    def _first_n(self, g):
        y = self.year(g)
        if g.get("lqn") or g.get("lmn"):  # 2021年后三个月, 后两个季度: the year's last months
            n = 3 * self.number(g["lqn"]) if g.get("lqn") else self.number(g["lmn"])
            return f"{_iso(y, 13 - n)}/{_iso(y, 12)}" if 1 <= n <= 12 else None
        if not g.get("qn") and not g.get("mn"):  # 首月
            return _iso(y, 1)
        last = 3 * self.number(g["qn"]) if g.get("qn") else self.number(g["mn"])
        return f"{_iso(y, 1)}/{_iso(y, last)}"

    def _iso(self, g):
        day = dt.date(self.year(g), int(g["m"]), int(g["d"]))  # a two-digit year (22-09-28) too
        self.anchor = day
        value = day.isoformat() + (f"T{int(g['h']):02d}:{g['min']}" if g.get("h") else "")
        # 2022-08-10 09:00-11:00: a site's day with its hours is one span of that day (t51)
        return value + (f"/{day.isoformat()}T{int(g['h2']):02d}:{g['min2']}" if g.get("h2") else "")

    def _time(self, g):
        return _at(self.anchor, self.hour(self.number(g["h"]), g.get("ampm")), _minute(g))

    def _relative(self, g):
        rel = g.get("rel") or "当日"  # a part of the day alone (下午，…) is the anchor day
        if rel in self.v["anchor_day"]:  # 当日, 同日: the day last named; 次日, 翌日: the day after it
            day = self.anchor + dt.timedelta(days=self.v["anchor_day"][rel])
        else:
            day = self.doc + dt.timedelta(days=self.v["relative_day"][rel])
        if g.get("open"):  # 今起, 明起: an open span from that day
            return f"{day.isoformat()}/.."
        if not g.get("h"):
            return day.isoformat()
        ampm = g.get("ampm") or ("晚" if rel.endswith(self.v["evening"]) else None)  # 今晚8点, 昨夜11时: the evening's
        return _at(day, self.hour(self.number(g["h"]), ampm), _minute(g))  # 今晚12点: the next day's 00:00; 两点半

    def _clock(self, g):
        first = _at(self.anchor, self.hour(int(g["h"]), g.get("ampm")), int(g["min"]))
        if not g.get("h2"):
            return first
        # 早8:00—晚8:00; 晚8:00—晚12:00 ends at midnight, the next day's 00:00
        return f"{first}/{_at(self.anchor, self.hour(int(g['h2']), g.get('ampm2') or g.get('ampm')), int(g['min2']))}"

    def _week(self, g):
        """A day of a week (下周六), its weekend (本周末: Saturday and Sunday; 本周末前, a limit: Sunday), the week as a
        limit (本周内: Sunday) or the week itself (上周: Monday to Sunday), against the document date."""
        week = self.v["relative_week"][g.get("wrel")]
        monday = self.doc - dt.timedelta(days=self.doc.weekday()) + dt.timedelta(weeks=week)
        if g.get("end") or g.get("within"):
            sunday = monday + dt.timedelta(days=6)
            return sunday.isoformat() if self.limit else f"{(sunday - dt.timedelta(days=1)).isoformat()}/{sunday.isoformat()}"
        if g.get("wd"):
            wd = self.v["weekday"].get(g["wd"]) or int(g["wd"])
            return (monday + dt.timedelta(days=wd - 1)).isoformat()
        return f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"

    def _offset(self, g):
        """三年前 → that year, 20天后 → that day, 半年之后 → from that month on, 两天之前 → up to that day."""
        n = 0.5 if g["n"] == "半" else self.number(g["n"]) + (0.5 if g.get("half") else 0)
        sign = -1 if g["dir"].endswith("前") else 1
        unit = g["unit"]
        if unit == "月" and n != int(n):  # 半月, 两个半月: days
            unit, n = "天", round(n * 30)
        if unit in ("年", "月"):
            months = round(n * (12 if unit == "年" else 1)) * sign
            y, m = _shift_month(self.doc.year, self.doc.month, months)
            value = _iso(y) if unit == "年" and n == int(n) else _iso(y, m)
        else:
            day = self.doc + dt.timedelta(days=round(n * (7 if unit in ("周", "星期") else 1)) * sign)
            if unit in ("周", "星期"):
                monday = day - dt.timedelta(days=day.weekday())
                value = f"{monday.isoformat()}/{(monday + dt.timedelta(days=6)).isoformat()}"
            else:
                value = day.isoformat()
        if len(g["dir"]) == 1:
            return value
        return f"../{value.split('/')[-1]}" if sign < 0 else f"{value.split('/')[0]}/.."

    def _window(self, g):
        """近30天, 三个多月以来 → the days up to the document date; 未来两个月, 今后10年 → the months from it."""
        n, unit, base = (6, "月", self.doc) if g.get("hy") else (self.number(g["n"]), g["unit"], self.doc)  # 半年来
        future = g.get("dir") in ("未来", "今后", "往后", "此后")  # no direction word (三年来): the past
        if unit in ("年", "月"):
            months = n * (12 if unit == "年" else 1)
            y, m = _shift_month(base.year, base.month, months if future else -months)
            other = dt.date(y, m, min(base.day, _last_day(y, m)))
        else:
            other = base + dt.timedelta(days=n * (7 if unit in ("周", "星期") else 1) * (1 if future else -1))
        if future:
            if unit in ("年", "月"):
                other -= dt.timedelta(days=1)
            return f"{base.isoformat()}/{other.isoformat()}"
        return f"{other.isoformat()}/{base.isoformat()}"

    def _year_span(self, g):
        """2024—2026年, 2024至2026年: from the first year to the second (the second later)."""
        y1, y2 = self.year(g), self.year(g, "2")
        if y1 is None or y2 is None or y2 <= y1:
            return None
        return f"{_iso(y1)}/{_iso(y2)}"

    def _ym_span(self, g):
        """1999.08-2002.02, 2008.03-2009: month to month (or to the end of a year)."""
        y2, m2 = int(g["y2"]), int(g["m2"]) if g.get("m2") else 12
        dt.date(int(g["y"]), int(g["m"]), 1), dt.date(y2, m2, 1)  # months that exist
        return f"{_iso(int(g['y']), int(g['m']))}/{_iso(y2, m2) if g.get('m2') else _iso(y2)}"

    def _era(self, g):
        """上世纪80年代 → 1980/1989, 二十世纪九十年代末期 → 1997/1999, 11世纪初 → 1000/1019."""
        part = g.get("part") or ""
        if g.get("c"):
            c = self.doc.year // 100 - 1 if g["c"] == "上" else self.number(g["c"]) - 1
        else:  # 80年代: the last century's, unless that decade has begun in this one
            c = self.doc.year // 100 if int(g["dec"][0]) * 10 <= self.doc.year % 100 else self.doc.year // 100 - 1
        if not g.get("dec"):
            lo, hi = self.v["era_parts"].get(part, (0, 99))
            return f"{c * 100 + lo:04d}/{c * 100 + hi:04d}"
        start = c * 100 + self.number(g["dec"])
        lo, hi = self.v["decade_parts"].get(part, (0, 9))
        return f"{start + lo:04d}/{start + hi:04d}"

    def _two_years(self, g):
        return f"{self.doc.year:04d}/{self.doc.year + 1:04d}"

    def _years_before(self, g):
        """前两年: the n years before the document's year (2018 → 2016/2017)."""
        n, y = self.number(g["n"]), self.doc.year
        return f"{y - n:04d}/{y - 1:04d}"


def find_time_expressions(text: str, doc_date: dt.date | None = None, rules_: dict | None = None,
                          title: str | None = None) -> list[dict]:
    """Every time expression in ``text`` with exact offsets (into ``text`` as given), type and normalized value;
    ``rules_`` are compiled by :func:`compile_rules` (the shipped ones when None).  ``title``, the page's title where
    it is not part of ``text``, is read as if it stood before it: the date it names anchors the month-days of the text
    that no year of its own precedes (:func:`title_anchor`); relative words still count from ``doc_date``."""
    r = rules_ if rules_ is not None else rules()
    anchor = title_anchor(title, doc_date, r)
    view = fold_view(text)
    folded, kept = _without_gaps(view.text, r)
    found = []
    for order, (name, kind, rx) in enumerate(r["rules"]):
        for m in rx.finditer(folded):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), order, name, kind, m))
    found.sort()
    picked, last_end = [], -1
    for start, neg_len, _, name, kind, m in found:
        if start < last_end:
            continue
        picked.append((name, kind, m))
        last_end = start - neg_len
    resolver = _Resolver(doc_date, r["values"], anchor)
    out, lead, tail = [], r.get("limit_lead"), r.get("limit_tail")
    part, part_line = None, -1  # the part of the day named last, and the start of its line
    for name, kind, m in picked:
        g = {k: v for k, v in m.groupdict().items() if v}
        line = folded.rfind("\n", 0, m.start())
        if name == "clock" and "ampm" not in g and part and line == part_line \
                and resolver.v["carried_part"][part][0] <= int(g["h"]) <= resolver.v["carried_part"][part][1]:
            g["ampm"] = part  # 下午3:30召开…，4:00召开…: the afternoon's 4:00 (data: values.carried_part)
        named = g.get("ampm2") or g.get("ampm")
        if named:
            part, part_line = (named if named in resolver.v["carried_part"] else None), line
        resolver.limit = kind == "deadline" or bool(lead and lead.search(folded, max(0, m.start() - 12), m.start())) \
            or bool(tail and tail.match(folded, m.end()))
        kept_anchor = resolver.anchor
        value = resolver.value(name, g)
        if r["cutoff_keeps_anchor"].search(m.group(0)):
            resolver.anchor = kept_anchor  # 截至2018年4月底: the figures' date, not the report's (t55b)
        prev = out[-1] if out else None
        if value and name == "clock" and prev and prev["type"] == "date" and prev["value"] is None \
                and r["hours_only"].match(prev["text"]) and r["hours_apart"].fullmatch(folded, prev["end"], m.start()):
            value = None  # 每周一至周五上午9:00-12:00，下午14:00-17:00: the second hours are the recurrence's too
        if prev and prev["value"] and _DAY.match(prev["value"]) and value and _BARE_DAY.match(m.group(0)) \
                and folded[prev["end"]:m.start()] in ("(", "（") and prev["text"] in r["values"]["relative_day"] \
                and int(m.group(0)[:-1]) == int(prev["value"][8:10]):
            value = prev["value"]  # 今天(30日): the day in brackets is the relative day's, not of the date named before
        out.append(_expression(m.group(0), m.start(), m.end(), kind, value))
    out = _spans(folded, _outside_context(folded, _outside_names(folded, out, r), r), r)
    out = _level_days(folded, out, r.get("level_days"))
    out = _lunar_days_of_their_own(folded, out, r.get("lunar_in_brackets"))
    for t in out:  # back to the original text's offsets and characters, a mirror page's pinyin after the last
        a, b = (kept[t["start"]], kept[t["end"] - 1] + 1) if kept is not None else (t["start"], t["end"])
        t["start"], t["end"] = view.span_through(a, b)  # character kept: 及时(shi) is one word
        t["text"] = text[t["start"]:t["end"]]
    return out


def title_anchor(title: str | None, doc_date: dt.date | None = None, rules_: dict | None = None) -> dt.date | None:
    """The date a page's title names with its year written, read by the same rules as the text (its last date or
    deadline of one value: a day, a month, a quarter, a half, a year), as the anchor of the month-days that follow:
    2019年第一季度…通报 puts a text's 3月5日 in 2019, 2019年…工作简报 too (a year alone: the document date's day in that
    year, else its 1 January).  None without a title, or where it writes no year (4月例行新闻发布会 names the month a
    conference is of, not the page's: its bare days stay the document date's) or names no date of one value."""
    if not title or not title.strip():
        return None
    written_year = (rules_ if rules_ is not None else rules())["written_year"]  # time_rules.json's YEAR and CNYEAR
    for t in reversed(find_time_expressions(title, doc_date, rules_)):
        value = t["value"] or ""
        # (one value, read as every reader of a value reads it: 2019年2月30日前 → 2019-02-30 is no day, no anchor)
        span = interval(value) if t["type"] in ("date", "deadline") and "/" not in value \
            and written_year.search(t["text"]) else None
        if span is None:
            continue
        if len(value) > 4 or doc_date is None:
            return span[0]  # a day, a month, a quarter or a half: its first day; a year alone: its 1 January
        return _in_year(doc_date, span[0].year)
    return None


def _without_gaps(folded: str, r: dict) -> tuple[str, list[int] | None]:
    """``folded`` without the spaces a page puts inside a date (``date_gaps``: 2017 年 8 月 25 日, 2019—2020 年), and
    the index in ``folded`` of each character kept (None when there is no such space)."""
    gaps = r.get("date_gaps")
    spans = [m.span() for m in gaps.finditer(folded)] if gaps else []
    if not spans:
        return folded, None
    kept: list[int] = []
    pos = 0
    for a, b in spans + [(len(folded), len(folded))]:
        kept.extend(range(pos, a))
        pos = b
    return "".join(folded[i] for i in kept), kept


def _outside_names(text: str, found: list[dict], r: dict) -> list[dict]:
    """``found`` without the vague words inside a name (``vague_not_in``: a document's title in 《》 — 《关于抓紧做好…
    的通知》 names a notice, it sets no time)."""
    names = r.get("vague_not_in")
    spans = [m.span() for m in names.finditer(text)] if names and any(t["type"] == "vague" for t in found) else []
    return [t for t in found if t["type"] != "vague" or not any(a <= t["start"] and t["end"] <= b for a, b in spans)] \
        if spans else found


def _level_days(text: str, found: list[dict], rx: re.Pattern | None) -> list[dict]:
    """``found`` with the bare days of a list of limits by level (``level_days``: 交办时限一般为:国家信访局5日、省级…3日)
    read as lengths (``P5D``), not days of the month; a body's day in news (市环保局5日召开) has no such list."""
    spans = [m.span() for m in rx.finditer(text)] if rx is not None else []
    for t in found:
        if spans and _BARE_DAY.match(t["text"]) and any(a <= t["start"] and t["end"] <= b for a, b in spans):
            t["type"], t["value"] = "duration", f"P{int(t['text'][:-1])}D"
    return found


def _lunar_days_of_their_own(text: str, found: list[dict], rx: re.Pattern | None) -> list[dict]:
    """``found`` with each lunar day in brackets after a solar day (``lunar_in_brackets``: 2023年1月21日(除夕)至1月26日
    (正月初五), 2月5日(正月十五)6:00至24:00) as a date of its own too, without a value: the day's span keeps its bracket
    and its value (GUIDELINES.md, decisions of t51 and t55)."""
    if rx is None:
        return found
    extra = [_expression(m.group("lunar"), m.start("lunar"), m.end("lunar"), "date", None)
             for t in found if t["type"] in ("date", "deadline")
             for m in rx.finditer(text, t["start"], t["end"])]
    return sorted(found + extra, key=lambda t: t["start"]) if extra else found


def _outside_context(text: str, found: list[dict], r: dict) -> list[dict]:
    """``found`` without the expressions their context says are no time (``none_in_context``: a negation before a
    vague word, 及时性 a quality, a number of days after 天数 a count, 每小时35蒸吨 a unit).  Each entry names the
    types it applies to and, all optional, what the expression's text matches (``text``), what the clause before
    it ends with (``before``, read on the 40 characters before it) and what follows it (``after``)."""
    out = []
    for t in found:
        a, b = t["start"], t["end"]
        if not any(t["type"] in types and text_rx.match(t["text"])
                   and (before is None or before.search(text, max(0, a - _CONTEXT), a))
                   and (after is None or after.match(text, b))
                   for types, text_rx, before, after in r.get("context", ())):
            out.append(t)
    return out


_CONTEXT = 40  # characters before an expression that ``none_in_context``'s ``before`` reads


_DATEISH = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2}(?:T[0-9:]+)?)?|-Q[1-4]|-H[12])?(?:/[0-9]{4}[-0-9QHT:]*)?$")


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:/[0-9]{4}-[0-9]{2}-[0-9]{2})?$")
_BARE_DAY = re.compile(r"^[0-9]{1,2}[号日]$")
_BARE_DAY_AT = re.compile(r"^[0-9]{1,2}[号日](?:[0-9]{1,2}[时点]|[0-9]{1,2}[:：][0-9]{2})?$")  # 28日, 28日17时
_MONTH = re.compile(r"^[0-9]{4}-[0-9]{2}$")
_QUARTER = re.compile(r"^[0-9]{4}-Q[1-4]$")
_QUARTER_ONLY = re.compile(r"^第?[一二三四1-4]季度$")
_OF_DAYS = re.compile(r"[日号月年旬]")
_CLOSED = re.compile(r"[0-9一二三四五六七八九十日号月年旬底末时点)）]\s*(?:(?:起|开始)\s*[，,]?\s*)?(?:至|到|一直到|—+|－|–|-|~|～)\s*[0-9一二三四五六七八九十上中下]")


_ENDS_IN_A_DAY = re.compile(r"[0-9一二三四五六七八九十][日号](?:[(（][^()（）]{1,6}[)）])?$")  # 5日, 5日(周五)
_YEAR_END = re.compile(r"^[0-9]{4}年[底末]$")  # 2019年底至2020年初: a year's end opens a span (its first end, not a limit)
_LOST_MARKS = re.compile(r"^(?:19|20)[0-9]{5,6}[日号]?$")  # 2021528日: a date that lost 年 and 月
_LOST_END = re.compile(r"^[0-9]{2,4}[日号]$")


def _lost_month_day(digits: str, start: str) -> str | None:
    """The day ``digits`` (a month and a day without 月: 63 is 6月3日, 1228 is 12月28日) in ``start``'s year, or its
    next when it would fall before it; None where the digits allow no reading or two."""
    days = []
    for k in (1, 2):
        m, d = int(digits[:k] or 0), int(digits[k:] or 0)
        if len(digits) - k in (1, 2) and 1 <= m <= 12 and 1 <= d <= _last_day(int(start[:4]), m):
            days.append(_iso(int(start[:4]), m, d))
    if len(days) != 1:
        return None
    return days[0] if days[0] >= start[:10] else _next_year(days[0])


def _spans(text: str, found: list[dict], r: dict) -> list[dict]:
    """Two dates joined by 至/到/— become one span ``START/END`` (the first's start, the second's end; a year's 底 opens
    one too, 2019年底至2020年初); a date followed by 起/以来/以后 (or, after a year, 开始 and a clause break) an open span
    ``START/..``, with a 从/自 before it in the span (a date without a value takes the suffix and keeps none); a weekday
    (also after 即) or a time of day right after a day, or a weekday in brackets after it, belongs to it.  Days listed
    (25日、26日) stay one each.  A closed span of days takes the 自/从 before it and the 止 after it (自4月24日起至5月24日止)."""
    joiner, open_suffix = r["joiner"], r["open_suffix"]
    out: list[dict] = []
    for t in found:
        prev = out[-1] if out else None
        if prev and prev["type"] == "date" and t["type"] == "date" and text[prev["end"]:t["start"]] == "(" \
                and (r["weekday_only"].match(t["text"]) or r.get("lunar") and r["lunar"].match(t["text"])) \
                and text[t["end"]:t["end"] + 1] == ")" \
                and (_DAY.match(prev["value"] or "") or prev["value"] is None and prev["text"][-1] in "日号"):
            # 2017年5月3日（星期三）, 12月5日(周六), 2月20日(正月十六): the weekday or the lunar day in brackets belongs
            # to the day before it, which gives the value (the bracket never gets one of its own)
            # 3月5日(星期五)前, 3月5日(正月十五)前: the day is a limit, its bracket inside it (t55)
            limit = r["limit_after"].match(text, t["end"] + 1) if "/" not in (prev["value"] or "") else None
            end = limit.end() if limit else t["end"] + 1
            out[-1] = _expression(text[prev["start"]:end], prev["start"], end, "deadline" if limit else "date",
                                  prev["value"])
            continue
        if prev and prev["type"] == "date" and t["type"] == "date" and _DAY.match(prev["value"] or "") \
                and t["value"] and r["attached"].match(t["text"]) \
                and ("/" not in prev["value"] or r["weekday_word"].match(t["text"])) \
                and (prev["end"] == t["start"]
                     or text[prev["end"]:t["start"]] == "即" and r["weekday_word"].match(t["text"])):
            # 6月1日周六, 下个月9号早上8点到中午12点, 8月25日21:30: the weekday or the time of day belongs to the day
            # before it; so does a weekday after 即 (2月24日即周四晚8点: that day, 20:00); a time of day after a span of
            # days (周一至周五8:30-17:30, the hours of each) stays its own (t48: it made a value of two spans)
            value = prev["value"] if r["weekday_word"].match(t["text"]) \
                else t["value"].replace(t["value"][:10], prev["value"])
            out[-1] = _expression(text[prev["start"]:t["end"]], prev["start"], t["end"], "date", value)
            continue
        if prev and prev["type"] == "date" and t["type"] == "date" and prev["end"] == t["start"] \
                and prev["value"] is None and prev["text"][-1] in "日号" and r["weekday_only"].match(t["text"]):
            # 6月1日周六 without a document date: the weekday still belongs to the day (no value then)
            out[-1] = _expression(text[prev["start"]:t["end"]], prev["start"], t["end"], "date", None)
            continue
        if prev and prev["type"] == "date" and t["type"] == "date" and t["value"] is None and prev["value"] \
                and _LOST_MARKS.match(prev["text"]) and _LOST_END.match(t["text"]) \
                and joiner.match(text[prev["end"]:t["start"]]):
            # 2021528日至63日: the end of a span whose first end lost 年 and 月 lost its 月 too (63日 is 6月3日)
            t = _expression(t["text"], t["start"], t["end"], "date", _lost_month_day(t["text"][:-1], prev["value"]))
        if (prev and (prev["type"] == "date" or _YEAR_END.match(prev["text"])) and t["type"] in ("date", "deadline")
                and (prev["value"] and t["value"] and _DATEISH.match(prev["value"]) and _DATEISH.match(t["value"])
                     or prev["value"] is None and t["value"] is None)  # no document date: a span without a value
                and (joiner.match(text[prev["end"]:t["start"]])  # 10月初至11月底: the deadline ends the span
                     or t["text"][:1] in "至到" and joiner.match(text[prev["end"]:t["start"]] + t["text"][0]))):
            # (至2020年底, a deadline that took its 至, ends the span of the date right before it)
            end = t["value"].split("/")[-1] if t["value"] else None
            if end and _MONTH.match(prev["value"]) and _BARE_DAY.match(t["text"]):
                end = prev["value"] + end[7:]  # 8月份截止14日: the bare day is of the month before it
            elif end and _DAY.match(prev["value"]) and "/" not in prev["value"] and _BARE_DAY_AT.match(t["text"]):
                # 即日起至28日17时: an end that has only a day is in the first end's month (as 4月24日至26日), not the
                # month of a date named before the span (听证会定于5月6日举行…报名时间：即日起至28日17时); the next
                # month's where it would fall before the first end (即日起至5日 on 10 April: 5 May, not 5 April a year on)
                end = prev["value"][:7] + end[7:]
                if end < prev["value"]:
                    y, m = _shift_month(int(end[:4]), int(end[5:7]), 1)
                    end = f"{y:04d}-{m:02d}{end[7:]}"
            if end and _QUARTER.match(end) and _QUARTER_ONLY.match(t["text"]) and prev["value"][:4].isdigit():
                end = prev["value"][:4] + end[4:]  # 2019年第一季度至第三季度: the second quarter is of the first's year
            start = prev["value"].split("/")[0] if prev["value"] else None
            if end and end < start[:len(end)] and r["weekday_only"].match(t["text"]) and _DAY.match(end):
                end = (dt.date.fromisoformat(end) + dt.timedelta(days=7)).isoformat()  # 下周一至周五: that week's
            elif end and end < start[:len(end)] and "年" not in t["text"]:
                end = _next_year(end)  # 12月20日起至1月20日: the end is in the next year
            value = f"{start}/{end}" if prev["value"] else None
            if t["type"] == "deadline" and r["closing_limit"].search(t["text"]):
                # 2025年—2026年底前, 2023年至2025年底前: a limit closes the span — a deadline, its last day (t54)
                out[-1] = _expression(text[prev["start"]:t["end"]], prev["start"], t["end"], "deadline", end)
                continue
            out[-1] = _expression(text[prev["start"]:t["end"]], prev["start"], t["end"], "date", value)
            continue
        out.append(t)
    for i, t in enumerate(out):  # 自4月24日起至5月24日止: 自/从 open the closed span and 止 closes it
        if t["type"] != "date" or not _CLOSED.search(t["text"]) or t["value"] and "/" not in t["value"]:
            continue
        start = t["start"] - 1 if t["start"] > 0 and text[t["start"] - 1] in "从自" and t["text"][0] not in "从自" \
            and _OF_DAYS.search(t["text"]) else t["start"]  # not before a clock span (从8: 00到20: 00)
        end = t["end"] + 1 if text[t["end"]:t["end"] + 1] == "止" else t["end"]
        if (start, end) != (t["start"], t["end"]):
            out[i] = _expression(text[start:end], start, end, "date", t["value"])
    for i, t in enumerate(out):  # 5月1日(周一)至5月5日(周五)前, 4月24日至26日前: a limit closes a span of days (t56)
        if t["type"] == "date" and _CLOSED.search(t["text"]) and _ENDS_IN_A_DAY.search(t["text"]) \
                and (t["value"] is None or _DAY.match(t["value"]) and "/" in t["value"]):
            limit = r["limit_after"].match(text, t["end"])
            if limit:
                out[i] = _expression(text[t["start"]:limit.end()], t["start"], limit.end(), "deadline",
                                     t["value"].split("/")[-1] if t["value"] else None)
    open_from = r.get("open_from")
    for i, t in enumerate(out):
        if t["type"] != "date" or t["value"] and (t["value"].endswith("/..") or not _DATEISH.match(t["value"])):
            continue
        # [从]2014年开始，…: from that year on (a clause break after 开始, open_span_from_suffix); 2014年开始实施 is the
        # year it began, and 从4月2日开始 the day it starts (open_span_from_years: a year only)
        a_year = r["from_years"].search(t["text"])
        m = open_suffix.match(text, t["end"]) or (open_from.match(text, t["end"]) if open_from and a_year else None)
        if m:  # a part of a month opens the span at its first day (2月下旬以来 → 2月21日起); 从2014年开始， opens one
            start = t["start"] - 1 if t["start"] > 0 and text[t["start"] - 1] in "从自" else t["start"]
            # a date without a value (每天19:00以后, a day without a document date) keeps none, its suffix in its span
            value = f"{t['value'].split('/')[0]}/.." if t["value"] else None
            out[i] = _expression(text[start:m.end()], start, m.end(), "date", value)
    return _sharing_one_limit(text, out, r["limit"])


def _limit_value(value: str | None) -> str | None:
    return value if value and _DAY.match(value) else None  # 2017年10月前: a month before 前 says no day


def _sharing_one_limit(text: str, found: list[dict], limit: dict) -> list[dict]:
    """Days listed before one limit share it (分别于6月27日、9月30日、2009年1月5日前: three deadlines), and so do days
    listed before N个时间节点前 (在2022年10月31日、12月20日、2023年5月31日三个时间节点前: three deadlines) — GUIDELINES.md.
    Months or quarters listed after a year are of that year (2021年一、二季度: 2021-Q1, 2021-Q2; 2016年7月和11月、2017年4月和8月).
    ``limit``: the compiled ``shared_limit`` of time_rules.json (what separates the items, closes the limit, makes it a
    month's, and N个时间节点前 after the items)."""
    out, sep = list(found), limit["list_separator"]
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j]["type"] == "date" and sep.match(text[out[j]["end"]:out[j + 1]["start"]]):
            j += 1
        run = [k for k in range(i, j + 1) if out[k]["type"] == "date"]
        if j > i and out[j]["type"] == "deadline" and limit["limit_end"].search(out[j]["text"]):
            targets = run
        elif out[j]["type"] == "date" and limit["nodes_after"].match(text, out[j]["end"]):
            targets = run
        else:
            targets = []
        year = None  # 2021年一、二季度, 2016年7月和11月、2017年4月和8月: an item is of the last year written before it
        day = None  # 元旦(12月31日、1月1日): a day listed after one of November or December falls in the next year
        for k in run:
            v = out[k]["value"]
            if "年" in out[k]["text"]:
                year = v[:4] if v and v[:4].isdigit() else None
            elif year and v and (_MONTH.match(v) or _QUARTER.match(v)):
                out[k] = _expression(out[k]["text"], out[k]["start"], out[k]["end"], out[k]["type"], year + v[4:])
            elif day and v and _DAY.match(v) and "/" not in v and v[:4] == day[:4] and day[5:7] in ("11", "12") \
                    and v[5:7] in ("01", "02"):
                v = _next_year(v)
                out[k] = _expression(out[k]["text"], out[k]["start"], out[k]["end"], out[k]["type"], v)
            day = v if v and _DAY.match(v) and "/" not in v else None
        for k in targets:
            if "/" not in (out[k]["value"] or ""):
                out[k] = _expression(out[k]["text"], out[k]["start"], out[k]["end"], "deadline", _limit_value(out[k]["value"]))
        if targets and out[j]["type"] == "deadline" and limit["month_limit"].search(out[j]["text"]):
            # 5月、6月前: the last month says no day either (GUIDELINES.md's table: a month before 前 has no value)
            out[j] = _expression(out[j]["text"], out[j]["start"], out[j]["end"], "deadline", None)
        i = j + 1
    return out
