"""Stage 8 — triage: priority with reasons, responsible department, repeat complaints, due dates.

Rules are data an office can edit: ``corpora/triage/priority_rules.tsv`` (signals, weights, words),
``departments.tsv`` (first matching rule wins) and ``due_rule.json`` (deadline and thresholds).  The reply
deadline of a case is computed here and only here (:func:`reply_deadline`): N working days as China counts them
(public holidays off, adjusted working weekends on) or N calendar days.  Repeats are found by
:class:`petitionnlp.repeats.RepeatIndex` (the project's one near-duplicate search), within the batch and against
a history (a search index of earlier petitions, or any list of texts), and directly by receipt numbers the text
cites (``受理编号D2HN202010150023``, ``编号3438号``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .dates import AHEAD, UnknownHolidayYear, add_working_days, chinese_date, parse_date
from .errors import Errors
from .io import table_date
from .resources import corpus_path, read_list
from .text import TermFinder, normalize

__all__ = ["TriageRules", "get_rules", "prioritize", "assign_department", "due_date", "reply_deadline", "Deadline",
           "handover_from_titles", "batch_handover", "own_handover",
           "days_words", "DuplicateFinder", "triage_rows", "render_queue", "PRIORITY_ORDER"]


PRIORITY_ORDER = {"高": 0, "中": 1, "低": 2}


def _tsv(*parts):
    with open(corpus_path(*parts), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t"))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(t for t in (cell or "").split("|") if t)


@dataclass(frozen=True)
class TriageRules:
    signals: tuple   # (signal, weight, terms, reason)
    departments: tuple  # (department, terms, types)
    settings: dict
    @cached_property
    def _finder(self) -> tuple:
        """(every signal's and department's word once, in file order; their :class:`TermFinder`), derived from the
        rules and kept with them."""
        words = dict.fromkeys(t for _, _, terms, _ in self.signals for t in terms)
        words.update(dict.fromkeys(t for _, terms, _ in self.departments for t in terms))
        return tuple(words), TermFinder(tuple(words))

    def words_in(self, text: str) -> frozenset:
        """The signals' and departments' words that ``text`` contains, found in one pass (the last text's kept:
        :func:`prioritize` and :func:`assign_department` of one petition ask for the same text)."""
        last = self.__dict__.get("_last")
        if last is not None and last[0] == text:
            return last[1]
        words, finder = self._finder
        found = frozenset(words[k] for k in finder.ordinals(text))
        self.__dict__["_last"] = (text, found)  # one tuple, replaced whole: safe across threads
        return found

    @classmethod
    def load(cls) -> "TriageRules":
        signals = tuple((r["signal"], float(r["weight"]), _split(r["terms"]), r["reason"])
                        for r in _tsv("triage", "priority_rules.tsv"))
        departments = tuple((r["department"], _split(r["terms"]), _split(r["types"]))
                            for r in _tsv("triage", "departments.tsv"))
        settings = json.loads(corpus_path("triage", "due_rule.json").read_text(encoding="utf-8"))
        return cls(signals, departments, settings)


@lru_cache(maxsize=1)
def get_rules() -> TriageRules:
    return TriageRules.load()


def prioritize(text: str, rules: TriageRules | None = None) -> tuple[str, list[dict]]:
    """(高/中/低, reasons): each reason names its signal, weight and the words that triggered it."""
    rules = rules or get_rules()
    reasons, score = [], 0.0
    present = rules.words_in(text)
    for signal, weight, terms, reason in rules.signals:
        if present.isdisjoint(terms):  # most signals: none of their words
            continue
        hits = [t for t in terms if t in present]
        if hits:
            score += weight
            reasons.append({"signal": signal, "reason": reason, "weight": weight, "words": hits})
    reasons.sort(key=lambda r: -r["weight"])
    s = rules.settings
    level = "高" if score >= s["high_at"] else "中" if score >= s["medium_at"] else "低"
    return level, reasons


def assign_department(text: str, types: list[str] | None, rules: TriageRules | None = None) -> str:
    rules = rules or get_rules()
    present = rules.words_in(text)
    for department, terms, kinds in rules.departments:
        if terms and present.isdisjoint(terms):
            continue
        if kinds and not set(kinds) & set(types or ()):
            continue
        return department
    return rules.departments[-1][0]


@dataclass(frozen=True)
class Deadline:
    """A reply deadline: ``due`` (None past the year 9999), the ``days`` given, whether they were counted as
    working days, and a ``notice`` for the clerk when the working days could not be counted (a year whose
    holidays are not recorded yet: calendar days were counted instead)."""

    due: dt.date | None
    days: int
    working_days: bool
    notice: str | None = None

    @property
    def iso(self) -> str | None:
        return self.due.isoformat() if self.due else None

    @property
    def words(self) -> str:
        """The rule in words for a field or a table: ``15个工作日`` or ``15天（自然日）``."""
        return days_words(self.days, self.working_days)


def days_words(days: int, working_days: bool) -> str:
    """``15个工作日`` (public holidays not counted, adjusted working weekends counted) or ``15天（自然日）``."""
    return f"{days}个工作日" if working_days else f"{days}天（自然日）"


def reply_deadline(handover: dt.date, days: int | None = None, working_days: bool | None = None) -> Deadline:
    """The reply deadline of a case handed over on ``handover``: ``days`` after it (default: ``due_days`` of
    ``corpora/triage/due_rule.json``), counted as working days as China counts them when ``working_days`` (default:
    the rule's ``working_days``) — 15 working days from 2017-05-15 is 2017-06-06, past 端午 — else as calendar
    days.  A number typed by a clerk counts the same way as the default.  When a day on the way is in a year whose
    holidays are not recorded yet, the days are counted as calendar days and ``notice`` says so.

    The one place a reply deadline is computed: the command line, the workbench's hand-over and its corrections
    all call it."""
    s = get_rules().settings
    days = int(s["due_days"] if days is None else days)
    working_days = bool(s["working_days"] if working_days is None else working_days)
    unknown = None
    try:
        if working_days:
            try:
                return Deadline(add_working_days(handover, days), days, True)
            except UnknownHolidayYear as exc:
                unknown = exc.year
        due = handover + dt.timedelta(days=days)
    except OverflowError:
        return Deadline(None, days, working_days and unknown is None)
    notice = None if unknown is None else Errors.N_CALENDAR.format(year=unknown, days=days, due=chinese_date(due))
    return Deadline(due, days, working_days and unknown is None, notice)


def due_date(handover: dt.date, days: int | None = None, working_days: bool | None = None) -> str | None:
    """The reply deadline of :func:`reply_deadline` as ISO text (``2017-06-06``), or None past the year 9999."""
    return reply_deadline(handover, days, working_days).iso


_DATE_CHARS = set("0123456789０１２３４５６７８９年月日号-/.／－． ")
_NO_DATE = " \u3000/／\\-－—–_、无"  # a date cell holding only these (/, —, 无) names no date: the batch's is the row's
_AROUND = 182  # a row's day without its year, against a batch's date that is a row's own: the nearest such day


def handover_from_titles(titles, today: dt.date | None = None) -> dt.date | None:
    """The hand-over date a title row above the header names (``交办时间：2017年5月15日``, ``交办日期：2017-05-15``;
    the words: ``corpora/io/handover_titles.txt``), read by :func:`petitionnlp.dates.parse_date` (a day without
    its year, ``交办时间：5月15日``, the latest such day not after ``today`` + a few days); None when none names one."""
    words = read_list("io", "handover_titles.txt")
    for line in titles or ():
        for word in words:
            at = line.find(word)
            if at < 0:
                continue
            rest = line[at + len(word):].lstrip("：:　 ")
            end = next((i for i, ch in enumerate(rest) if ch not in _DATE_CHARS), len(rest))
            day = parse_date(rest[:end].strip().rstrip("-/.／－．").strip(), reference=today)
            if day is not None:
                return day
    return None


def batch_handover(given: dt.date | None, titles, cells, today: dt.date) -> tuple[dt.date, str]:
    """A table's hand-over date and where it came from, decided once before its rows (the workbench's upload and
    ``petitionnlp triage`` alike): the date given with it (the form's or the API's ``handover_date``, ``--date``:
    ``"form"``), else a title row that names one (``"title"``), else the date column's first cell that names a day
    (``cells``, in order; ``"column"``), else ``today`` (the day of the upload: ``"today"``).  A day without its
    year, in a title or a cell, is read against ``today``."""
    if given is not None:
        return given, "form"
    if (day := handover_from_titles(titles, today)) is not None:
        return day, "title"
    if (day := next((d for c in cells if (d := table_date(c, reference=today)) is not None), None)) is not None:
        return day, "column"
    return today, "today"


def own_handover(value, batch_day: dt.date, source: str) -> tuple[dt.date | None, bool]:
    """A row's own hand-over date: (the day its date cell ``value`` names, or None when the batch's is the row's;
    whether the cell names no day, for the clerk to be told).  A date given with the table (``source`` ``"form"``)
    is every row's (the contract): its cells are not read, and neither is an empty one (``/``, ``—``, 无).  A cell
    is read by the one reader of a table's dates (:func:`petitionnlp.io.table_date`), a day without its year
    (``5月15日``, ``5.15``) against the batch's date ``batch_day``: the latest such day not after it + a few days
    when the batch's date bounds the table (a title's day, the day of the upload), the nearest such day either way
    when it is a row's own (the date column's first, ``"column"``: the rows run on from it, or back)."""
    if source == "form" or value is None or (isinstance(value, str) and not value.strip(_NO_DATE)):
        return None, False
    day = table_date(value, reference=batch_day, ahead=_AROUND if source == "column" else AHEAD)
    return day, day is None


class DuplicateFinder:
    """The nearest earlier petition of each in a batch, by :class:`~petitionnlp.repeats.RepeatIndex`.

    threshold : similarity at or above which a petition repeats an earlier one (default: the index's setting)
    """

    def __init__(self, threshold: float | None = None):
        self.threshold = threshold

    def fit(self, texts: list[str], ids: list[str], places: list[dict] | None = None):
        """Remember the history (earlier petitions): their texts, ids and, if known, places (``province``,
        ``city``, ``county``: a history without places is compared with every petition)."""
        from .repeats import RepeatIndex

        places = places or [{}] * len(texts)
        self.index_ = RepeatIndex(threshold=self.threshold)
        self.index_.extend(({**p, "id": str(i), "text": t} for t, i, p in zip(texts, ids, places)),
                           (str(i) for i in ids))
        self.threshold_ = self.index_.threshold
        return self

    def find(self, texts: list[str], ids: list[str], places: list[dict] | None = None) -> list[tuple[str | None, float]]:
        """For each text: (id of the most similar earlier petition, similarity) or (None, best similarity);
        earlier rows of the same batch count as history too.  Cited receipt numbers link with similarity 1."""
        places = places or [{}] * len(texts)
        found = self.index_.match({**{k: p.get(k) for k in ("province", "city", "county", "pollution_types")},
                                   "id": str(i), "text": t} for t, i, p in zip(texts, ids, places))
        return [(m.nearest if m.score >= self.threshold_ else None, m.score) for m in found]


def triage_rows(rows: list[dict], text_column: str, handover: dt.date | list | None = None,
                history: tuple[list[str], list[str]] | None = None, id_column: str | None = None,
                notices: list[str] | None = None) -> list[dict]:
    """Add priority, priority_reasons, department, duplicate_of, duplicate_score and due_date to classified rows.
    ``handover``: the hand-over date of every row, or a list of each row's (:func:`own_handover`); today when
    none.  ``notices``: a list that gets the deadlines' notices, if any (a year whose holidays are not recorded)."""
    if not rows:
        return []
    rules = get_rules()
    texts = [normalize(r[text_column]) if isinstance(r.get(text_column), str) else "" for r in rows]
    ids = [str(r.get(id_column) or i + 1) if id_column else str(i + 1) for i, r in enumerate(rows)]
    finder = DuplicateFinder().fit(*(history or ([], [])))
    dups = finder.find(texts, ids, rows)
    today = dt.date.today()
    days = [d or today for d in handover] if isinstance(handover, list) else [handover or today] * len(rows)
    deadlines = {d: reply_deadline(d) for d in dict.fromkeys(days)}
    if notices is not None:
        notices.extend(dict.fromkeys(d.notice for d in deadlines.values() if d.notice))
    out = []
    for row, text, (dup, sim), day in zip(rows, texts, dups, days):
        level, reasons = prioritize(text, rules)
        if dup:
            reasons.insert(0, {"signal": "repeat_of", "reason": f"与 {dup} 相似（相似度 {sim:.0%}）",
                               "weight": 3.0, "words": []})
            if level == "低":
                level = "中"
        row = dict(row)
        row.update({"priority": level, "priority_reasons": reasons,
                    "department": assign_department(text, row.get("pollution_types"), rules),
                    "duplicate_of": dup, "duplicate_score": sim, "due_date": deadlines[day].iso if text else None})
        out.append(row)
    return out


def _row_id(row: dict) -> str:
    return str(row.get("受理编号") or row.get("id") or row.get("序号") or "")


def render_queue(rows: list[dict], text_column: str | None = None, max_reasons: int | None = None) -> str:
    """The triaged rows as a readable queue: priority, id, types, place, department, due date, repeat, reasons."""
    lines = []
    for r in rows:
        if r["error"]:
            lines.append(f"[--] {_row_id(r)}  无法分类: {r['error']}")
            continue
        place = " ".join(x for x in (r["city"], r["county"]) if x) or "属地未明"
        dup = f"  重复: {r['duplicate_of']} ({r['duplicate_score']})" if r["duplicate_of"] else ""
        lines.append(f"[{r['priority']}] {_row_id(r)}  {'|'.join(r['pollution_types'])}  {place}  → "
                     f"{r['department']}  期限 {r['due_date']}{dup}")
        if text_column and r.get(text_column):
            lines.append(f"     {str(r[text_column])[:70]}")
        why = "；".join(f"{x['reason']}({'、'.join(x['words'])})" if x["words"] else x["reason"]
                       for x in r["priority_reasons"][:max_reasons]) or "无特别信号"
        lines.append(f"     理由: {why}")
    return "\n".join(lines)
