"""A 交办表 becoming cases, in one pass: each classified row gets, as it is stored, its 受理编号, its unit, its
hand-over date and reply deadline, its types of record (the table's own type column, else the model's, the
model's guess kept beside them) and the first step of its history.  A receipt already stored (or met earlier in
the same file with the same text) is the same case — not stored again, counted, a changed text listed; a receipt
met earlier in the same file with another text is another petition given the same receipt by a slip (or a receipt
merged over two petitions' rows): a case of its own under a derived receipt (受理编号-2, -3 …), the clerk told which
rows (the batch's message); a receipt new to the office on a row with the very text of a case of such a receipt is
the slip corrected: that case, the clerk told which rows ([O412]); and report columns filled in (a returned 交办表, a 公开表) become a report on the case they
name, through the lifecycle (:meth:`Intake.finish`).

The batch's hand-over date is decided once, before the first row is stored: the date given with the upload, else a
title row above the header that names it (``交办时间：2017年5月15日``; CSV, TSV and XLSX alike), else the table's
date column's first date, else today; the batch records which (``handover_source``).  A date given with the upload
is every row's (the contract).  Without one, a row whose date column names its own day (a sheet gathering several
days' hand-overs) keeps it, its deadline counted from it (:meth:`Intake.own_date`, the clerk told which rows:
[O409]); a row without one takes the batch's, and so does a row whose cell names no day — still a case, the clerk
told which rows and what their cells say ([O408]).  A cell is read by the one reader of a table's dates, a day
without its year (5月14日, 5.13) against the batch's date; the batch's date and a row's are decided by the rule
``petitionnlp triage`` follows too (:func:`petitionnlp.triage.batch_handover`, :func:`petitionnlp.triage.own_handover`).
"""

from __future__ import annotations

import datetime as dt

from ..dates import chinese_date
from ..errors import listed
from ..io import find_column
from ..taxonomy import TYPES, normalize_label
from .clock import office_today
from .errors import Messages, OfficeError
from .inputs import cell
from .lifecycle import CLOSURES, VERIFIED, apply, each_case, parse_report
from .units import unit_resolver

__all__ = ["Intake", "due_of", "deadlines", "deadline_of", "default_reply_days", "report_from_row",
           "receipt_column", "types_of_record", "petition_record"]

_SHOWN = 30  # a date cell this long at most is quoted in the upload's notice ([O408])


def deadline_of(batch: dict):
    """A batch's reply deadline (:class:`petitionnlp.triage.Deadline`: the day, the rule in words such as
    15个工作日, and the notice when a year's holidays are not recorded yet and calendar days were counted): its
    hand-over date + its reply days, counted as working days unless the batch says calendar days, by the one
    rule :func:`petitionnlp.triage.reply_deadline`; None without a hand-over date."""
    from ..triage import reply_deadline

    if not batch.get("handover_date"):
        return None
    rule = _reply_rule(batch)
    return reply_deadline(dt.date.fromisoformat(batch["handover_date"]), rule["reply_days"], rule["working_days"])


def due_of(batch: dict) -> str | None:
    """A batch's reply deadline as ISO text (``2017-06-06``), or None (see :func:`deadline_of`)."""
    deadline = deadline_of(batch)
    return deadline.iso if deadline else None


def deadlines(batch: dict):
    """The deadlines of a batch's cases by their hand-over day, each day counted once: ``due(day)`` → the deadline
    (ISO text) of a case handed over on ``day`` (None: the batch's own date) by the batch's reply rule
    (:func:`due_of`).  The one cache of them: the intake's rows and a batch's correction
    (:meth:`.store.Store.redate_batch`) alike."""
    memo: dict[str | None, str | None] = {}

    def due(day: str | None = None) -> str | None:
        day = day or batch.get("handover_date")
        if day not in memo:
            memo[day] = due_of({**batch, "handover_date": day})
        return memo[day]

    return due


def default_reply_days() -> int:
    """The reply days when a clerk types none (``due_days`` of corpora/triage/due_rule.json)."""
    from ..triage import get_rules

    return int(get_rules().settings["due_days"])


def in_working_days(flag) -> bool:
    """Whether reply days count working days: as ``flag`` says, else as the triage rules count them
    (``working_days`` of corpora/triage/due_rule.json)."""
    from ..triage import get_rules

    return bool(get_rules().settings["working_days"]) if flag is None else bool(flag)


def _reply_rule(batch: dict) -> dict:
    """The reply days and whether they are working days: the batch's (a number typed by a clerk counts working days
    unless the batch says calendar days), else the triage rules' (corpora/triage/due_rule.json)."""
    from ..triage import get_rules

    s = get_rules().settings
    working = in_working_days(batch.get("working_days"))
    if batch.get("reply_days") is not None:
        return {"reply_days": batch["reply_days"], "working_days": working}
    return {"reply_days": s["due_days"], "working_days": working}


def receipt_column(columns) -> str | None:
    """The 受理编号 column (the id column; a 序号 counts rows and identifies nothing), or None."""
    col = find_column(columns, "id")
    return col if col is not None and str(col).strip() != "序号" else None


_RECEIPT_LEN = 64  # the longest 受理编号 stored (the column's width)
_IDENTIFYING = 12  # a text this long (white space aside) names one petition; a shorter one (同上, 见附件) does not


def _receipt(value) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value == value and value.is_integer() else value
    text = "".join(cell(str(value)).split())[:_RECEIPT_LEN]
    return text or None


def _key(text: str | None) -> str:
    """A text as rows are compared: without its white space."""
    return "".join((text or "").split())


def _same_text(a: str | None, b: str | None) -> bool:
    return _key(a) == _key(b)


def types_of_record(cell) -> list[str] | None:
    """A table's type cell (噪声、扬尘) as the taxonomy's types, in the taxonomy's order (大气, 噪声), or None
    when it names none."""
    found = normalize_label(cell) if cell not in (None, "") else None
    return [t for t in TYPES if t in found] if found else None


def _json_safe(value):
    """Row cells as JSON can store them (dates as ISO text, infinities and NaN as nothing), each text cleaned at
    the door (:func:`.inputs.cell`: line ends as LF, control characters removed, a NUL as U+FFFD)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return cell(value)


def petition_record(batch_id: int, index: int, raw: dict, row: dict, text_column: str) -> dict:
    """An input row and the pipeline's fields for it as a petition's stored fields (no case fields yet); every text
    of the file (cells, headers) and what the pipeline copied out of it (the region's evidence) cleaned at the
    door, as the batch's columns are (:func:`.inputs.cell`)."""
    text = raw.get(text_column)
    return {"batch_id": batch_id, "row_index": index,
            "row": {cell(c): _json_safe(v) for c, v in raw.items() if isinstance(c, str)},
            "text": cell(text) if isinstance(text, str) else (None if text is None else cell(str(text))),
            "pollution_types": row.get("pollution_types"), "pollution_scores": row.get("pollution_scores"),
            "model_types": row.get("pollution_types"), "types_source": None,
            "province": row.get("province"), "city": row.get("city"), "county": row.get("county"),
            "region_confidence": row.get("region_confidence"), "region_evidence": cell(row.get("region_evidence")),
            "error": row.get("error"), "priority": row.get("priority"), "priority_reasons": row.get("priority_reasons"),
            "department": row.get("department"), "status": "待办", "corrected": False, "withdrawn": False,
            "pii": None, "duplicate_of": None, "duplicate_score": None, "due_date": None, "handover_date": None,
            "receipt_id": None, "unit_id": None, "version": 1}


def report_from_row(row: dict, columns: list[str]) -> dict | None:
    """The report columns of a returned 交办表 or a 公开表 row (调查核实情况, 是否属实, 处理和整改情况,
    责任人被问责情况; headers as data in ``corpora/io/``) as a checked report, or None when they are empty
    (是否属实 missing is read from the findings' own words; the closure, when no column gives it, is 已办结);
    filled but unusable (no 是否属实 in the column or the words), the office's refusal (:class:`OfficeError`)."""
    def column(kind: str) -> str:
        col = find_column(columns, kind)
        value = row.get(col) if col else None
        return cell(str(value)).strip() if value not in (None, "") else ""

    findings = column("findings")
    if not findings:
        return None
    verified = column("verified")
    if verified not in VERIFIED:
        verified = next((v for v in ("不属实", "部分属实", "基本属实", "属实") if v in (verified or findings)), "")
    closure = column("closure")
    closure = next((c for c in CLOSURES if c in closure), "已办结" if not closure else "")
    return parse_report({"verified": verified, "findings": findings, "actions": column("actions"),
                         "accountability": column("accountability"), "closure": closure})


class Intake:
    """The rows of one upload becoming cases (see the module's note); one per run over a batch's rows."""

    def __init__(self, store, batch: dict, columns: list[str], titles=()):
        self.store, self.batch, self.columns = store, batch, columns
        self.id_column = receipt_column(columns)
        self.type_column = find_column(columns, "type")
        self.date_column = find_column(columns, "date")
        units = store.units()
        self.resolve = unit_resolver(units)
        self.unit_names = {u["id"]: u["name"] for u in units}
        uploader = store.user(user_id=batch["uploaded_by"])
        self.user = uploader or {"id": batch["uploaded_by"], "username": None, "role": "editor"}
        self.titles = [cell(t) for t in titles or ()]
        self.existing = 0
        self.changed: list[str] = []
        self.seen: dict[str, dict | None] = {}   # receipt → its stored case, or None when new in this batch
        self.first: dict[str, dict] = {}          # receipt met in this table → {"text", "error"} of its first row
        self.renumbered: list[tuple[int, str, str]] = []  # (row, its receipt, the derived one it is kept under)
        # receipt → (the last k of its derived receipts looked at, their texts → derived receipt): _second goes on
        # from there, so a table whose every row carries one placeholder receipt (无, /) is not quadratic
        self.derived: dict[str, tuple[int, dict[str, str]]] = {}
        self.recognised: list[tuple[int, str, str]] = []  # (row, its new receipt, the derived case's it is)
        self.reread = 0                          # chunks read again: another upload stored their receipts meanwhile
        self.slips: dict[str, dict] | None = None  # texts of the cases of receipts given twice (_slip_cases)
        self.reports: list[tuple[str, dict]] = []
        self.unusable: list[tuple[str, str]] = []  # (receipt, why) of report columns filled but not a report
        self.events: list[dict] = []             # steps of cases stored before (a re-upload)
        self.hand_over: dict | None = None       # the batch's hand-over date, source and reply rule, once decided
        self.dated: list[tuple[int, str]] = []   # (row, its own hand-over date) of rows dated unlike the batch
        self.unread: list[tuple[int, str]] = []  # (row, its date cell as quoted) of rows whose cell names no day
        self.due = None                          # the batch's deadlines by hand-over day (:func:`deadlines`)

    _LISTS = ("changed", "renumbered", "recognised", "reports", "unusable", "events", "dated", "unread")

    def mark(self) -> tuple:
        """What :meth:`take` changes, as it stands before a chunk (:meth:`undo` goes back to it)."""
        return (self.existing, {k: len(getattr(self, k)) for k in self._LISTS}, dict(self.seen), dict(self.first),
                {rid: (last, dict(texts)) for rid, (last, texts) in self.derived.items()})

    def undo(self, mark: tuple) -> None:
        """Back to before a chunk whose rows were not stored (:meth:`mark`): it is taken again, read afresh."""
        self.existing, lengths, self.seen, self.first, self.derived = mark
        for k, n in lengths.items():
            del getattr(self, k)[n:]

    def _decide(self, raws: list[dict]) -> dict:
        """The hand-over date (and where it came from) and the reply rule, decided before the first row (by the rule
        ``petitionnlp triage`` follows too: :func:`petitionnlp.triage.batch_handover`)."""
        from ..triage import batch_handover

        b = self.batch
        if b.get("handover_date"):  # given with the upload, or decided by an earlier run of this batch
            date, source = b["handover_date"], b.get("handover_source") or "form"
        else:
            day, source = batch_handover(None, self.titles, (r.get(self.date_column) for r in raws)
                                         if self.date_column else (), office_today())
            date = day.isoformat()
        decided = {"handover_date": date, "handover_source": source, **_reply_rule(b)}
        self.due = deadlines(decided)
        decided["due_date"] = self.due()
        return decided

    def own_date(self, raw: dict) -> tuple[str | None, str | None]:
        """(a row's own hand-over date as ISO text, or None — the batch's date is the row's —; the cell as the clerk
        is told of it when it names no day, or None), by the rule ``petitionnlp triage`` follows too
        (:func:`petitionnlp.triage.own_handover`: a date given with the upload is every row's; a cell is read by the
        one reader of a table's dates, a day without its year against the batch's date)."""
        from ..triage import own_handover

        value = raw.get(self.date_column) if self.date_column else None
        h = self.hand_over
        day, unread = own_handover(value, dt.date.fromisoformat(h["handover_date"]), h["handover_source"])
        if unread:
            shown = " ".join(cell(str(value)).split())
            # said whole or not at all: a cut number (an identity number's first 16 digits) is no longer one that a
            # viewer's copy would hide
            return None, shown if len(shown) <= _SHOWN else Messages.LONG_CELL.format(n=len(shown))
        return (day.isoformat() if day is not None and day.isoformat() != h["handover_date"] else None), None

    def _book(self, index: int, own: str | None, unread: str | None) -> None:
        """A case's own hand-over date and its unread date cell (:meth:`own_date`) noted for the clerk's notices
        (:meth:`notices`), as a row is stored (:meth:`take`) or read again (:meth:`replay`)."""
        if own is not None:
            self.dated.append((index + 1, own))
        if unread is not None:
            self.unread.append((index + 1, unread))

    def replay(self, start: int, raws: list[dict], stored: dict[int, str | None], cases: set[int]) -> None:
        """Rows ``start`` … stored by an earlier run of this batch (interrupted, or another worker's), read again so
        that what :meth:`finish` and the clerk's notices need of them is not lost: their report columns (on the
        case each row's row is stored as — ``stored``: row index → its case's 受理编号 —, else on the receipt it
        names; ``cases``: the row indexes stored as cases) and the rows kept under a derived receipt.  Nothing is
        stored or counted again."""
        if self.hand_over is None:
            self.hand_over = self._decide(raws)
        for i, raw in enumerate(raws, start):
            if i in cases:
                self._book(i, *self.own_date(raw))
            named = _receipt(raw.get(self.id_column)) if self.id_column else None
            rid = stored.get(i) or named
            if not rid:
                continue
            if named and rid != named:
                self.renumbered.append((i + 1, named, rid))
            try:
                report = report_from_row(raw, self.columns)
            except OfficeError as exc:
                self.unusable.append((rid, exc.message))
                continue
            if report:
                self.reports.append((rid, report))

    def take(self, start: int, raws: list[dict], rows: list[dict], text_column: str) -> tuple[list[dict], list[dict]]:
        """(the records to store — the new cases of this chunk, in order —, the first history step of each)."""
        if self.hand_over is None:
            self.hand_over = self._decide(raws)
        h = self.hand_over
        records, dates = [], {}  # row index → (its own hand-over date, its date cell as quoted when it names no day)
        for i, (raw, row) in enumerate(zip(raws, rows)):
            rec = petition_record(self.batch["id"], start + i, raw, row, text_column)
            rec["receipt_id"] = _receipt(raw.get(self.id_column)) if self.id_column else None
            dates[start + i] = self.own_date(raw)
            rec["handover_date"] = dates[start + i][0] or h["handover_date"]
            if not rec["error"]:
                rec["unit_id"] = self.resolve(rec["province"], rec["city"], rec["county"])
                rec["due_date"] = self.due(rec["handover_date"])
                own = types_of_record(raw.get(self.type_column)) if self.type_column else None
                rec["pollution_types"], rec["types_source"] = (own, "交办表") if own else (rec["pollution_types"],
                                                                                        "模型")
            records.append(rec)
        fresh = [r["receipt_id"] for r in records if r["receipt_id"] and r["receipt_id"] not in self.seen]
        self.seen.update(self.store.known_receipts(fresh))
        slips = self._slip_cases() if any(r["receipt_id"] and r["receipt_id"] not in self.seen for r in records) \
            else {}
        new, steps = [], []
        for rec, raw in zip(records, raws):
            rid = rec["receipt_id"]
            if rid and not rec["error"] and rid not in self.seen and rid not in self.first \
                    and (case := slips.get(_key(rec["text"]))) is not None:
                # a new receipt with the very text of a case of a receipt once given to two petitions (受理编号-2 …):
                # the slip corrected — that case, named to the clerk, not stored a second time
                self.recognised.append((rec["row_index"] + 1, rid, case["receipt_id"]))
                rid = case["receipt_id"]
                self.seen[rid] = case
            known = self.seen.get(rid) if rid else None
            earlier = known if known is not None else self.first.get(rid) if rid else None
            # met before in this very table (or stored by this batch before an interrupted run went on)
            again = bool(rid) and (rid in self.first or (known is not None and known["batch_id"] == self.batch["id"]))
            if earlier is not None and earlier["error"] and not rec["error"]:
                del self.seen[rid]  # a row that could not be read, now with its text: a case at last
            elif earlier is not None and not rec["error"] and not _same_text(earlier["text"], rec["text"]) \
                    and not (known is not None and _same_text(known["text"], rec["text"])) \
                    and (found := self._second(rid, rec, free=again)) is not None:
                # another text under a receipt met before: the petition kept under a derived receipt (受理编号-2)
                # with this very text — the table again, its rows in another order, or a unit's returned row that
                # names the receipt its table gave (a stored case whose text changed, when there is none) — or, the
                # receipt met in this very table (two petitions given one 受理编号, a clerk's slip), a case of its
                # own under the next free one, the clerk told which rows; never a repeat that loses its text
                was, (rid, known) = rid, found
                if known is False:  # a new case under the derived receipt
                    self.renumbered.append((rec["row_index"] + 1, was, rid))
                    rec["receipt_id"] = rid
                else:  # the derived receipt stored before with this text
                    earlier = known or self.first[rid]
                    # the receipt is met in this table: another text under it further down is another petition
                    self.first.setdefault(was, {"text": rec["text"], "error": rec["error"]})
            try:  # report columns filled in: a report on the case this row is (its derived receipt's, if any)
                report = report_from_row(raw, self.columns) if rid else None
            except OfficeError as exc:
                report = None
                self.unusable.append((rid, exc.message))
            if report:
                self.reports.append((rid, report))
            if rid and rid in self.seen:
                self.existing += 1
                # a repeat whose text differs — from the stored case, or from the first row of this receipt in this
                # very table — is named, never dropped without a word (a row without text loses nothing: not named)
                differs = not rec["error"] and not _same_text(earlier["text"], rec["text"])
                if differs and rid not in self.changed:
                    self.changed.append(rid)
                if known is not None:
                    self.events.append({"petition_id": known["id"], "user": self.user["username"],
                                        "action": "reupload", "detail": {"batch": self.batch["id"],
                                                                         "row": rec["row_index"] + 1,
                                                                         "text_changed": differs}})
                self.first.setdefault(rid, {"text": rec["text"], "error": rec["error"]})
                continue
            if rid:
                self.seen[rid] = None
                self.first[rid] = {"text": rec["text"], "error": rec["error"]}
            new.append(rec)
            if not rec["error"]:
                self._book(rec["row_index"], *dates[rec["row_index"]])
                steps.append({"row_index": rec["row_index"], "user": self.user["username"], "action": "handover",
                              "detail": {"unit": self.unit_names.get(rec["unit_id"]), "due_date": rec["due_date"],
                                         "batch": self.batch["id"]}})
        return new, steps

    def _slip_cases(self) -> dict[str, dict]:
        """Texts (white space aside) → the stored case with that very text among those of a receipt once given to two
        petitions (受理编号, 受理编号-2, -3 …), read once per run: a row under a receipt new to the office with such a
        text is the slip corrected."""
        if self.slips is None:
            bases = self.store.receipts_given_twice()
            cases = self.store.known_receipts(bases)
            alive, k = {b: b for b in bases}, 2
            while alive:  # the derived receipts of each, 50 numbers at a time, as far as they go
                asked = {f"{b[:_RECEIPT_LEN - 6]}-{j}": (b, j) for b in alive for j in range(k, k + 50)}
                got = self.store.known_receipts(asked)
                cases.update(got)
                alive = {asked[r][0] for r in got if asked[r][1] == k + 49}
                k += 50
            self.slips = {}
            for rid, case in sorted(cases.items(), key=lambda item: item[1]["id"]):
                if not case["error"] and len(_key(case["text"])) >= _IDENTIFYING:
                    self.slips.setdefault(_key(case["text"]), {**case, "receipt_id": rid})
        return self.slips

    def _second(self, rid: str, rec: dict, free: bool = True) -> tuple[str, dict | None | bool] | None:
        """The receipt a petition under ``rid`` other than its case is kept under — ``rid-2``, ``rid-3`` …: the
        first met before with this very text (the same table uploaded again, in any order, or a returned row:
        (receipt, its stored case, or None when new in this table)) or, before that, with ``free``, the first free
        one ((receipt, False)); without ``free`` and none with this text, None."""
        last, texts = self.derived.setdefault(rid, (1, {}))
        key = _key(rec["text"])
        if key in texts and texts[key] in self.seen:
            return texts[key], self.seen[texts[key]]
        for k in range(last + 1, 10_000):
            cand = f"{rid[:_RECEIPT_LEN - 6]}-{k}"
            if cand not in self.seen:
                self.seen.update(self.store.known_receipts([cand]))
            if cand not in self.seen:
                self.derived[rid] = (k - 1, texts)  # the caller takes cand now, or it stays free
                return (cand, False) if free else None
            had = self.seen[cand] if self.seen[cand] is not None else self.first.get(cand)
            if had is not None:
                texts.setdefault(_key(had["text"]), cand)
            self.derived[rid] = (k, texts)
            if had is not None and _same_text(had["text"], rec["text"]):
                return cand, self.seen[cand]
        if not free:
            return None
        raise OfficeError(Messages.O282.format(receipt=rid))

    @property
    def notices(self) -> list[str]:
        """What the clerk is told about the table beside the counts: the rows kept under a derived receipt."""
        out = []
        if self.renumbered:
            shown = listed(f"第{row}条 {was}→{now}" for row, was, now in self.renumbered)
            out.append(Messages.O410.format(n=len(self.renumbered), rows=shown))
        if self.recognised:
            shown = listed(f"第{row}条 {was}即{now}" for row, was, now in self.recognised)
            out.append(Messages.O412.format(n=len(self.recognised), rows=shown))
        # one style: how many, the first rows with their days (in Chinese) or their unread cells as written, 等 when
        # more; the batch's day in Chinese
        for rows, message, said in ((self.dated, Messages.O409, chinese_date), (self.unread, Messages.O408, str)):
            if rows and self.hand_over:
                out.append(message.format(n=len(rows), date=chinese_date(self.hand_over["handover_date"]),
                                          rows=listed(f"第{row}条（{said(value)}）" for row, value in rows)))
        if self.reread:
            out.append(Messages.O411.format(n=self.reread))
        return out

    def finish(self) -> tuple[int, list[dict]]:
        """After the last row: the report columns' reports on the cases they name (a report step by the uploader,
        through the lifecycle: a case closed or waiting for review, or one that has this very report, is left as
        it is), the steps of the cases met again, and the audit events; (how many reports were recorded, those the
        lifecycle refused, each named with why: ``[{"id", "name", "error"}]`` as every bulk path names them)."""
        ids = self.store.known_receipts([rid for rid, _ in self.reports + self.unusable])
        latest, _ = self.store.case_extras([v["id"] for v in ids.values()], with_events=False)
        todo = {}  # a case's report as the table gives it (its first row), unless the case has it already
        for rid, report in self.reports:
            case = ids.get(rid)
            have = latest.get(case["id"]) if case else None
            if case is not None and not (have and all(have.get(k) == v for k, v in report.items() if k != "counts")):
                todo.setdefault(case["id"], report)
        # each its own step (one the lifecycle refuses leaves the others recorded), as every bulk path
        got = each_case(self.store, self.user, todo.items(),
                        lambda pid, report: apply(self.store, self.user, pid, "report", report))
        filled = len(got["done"])
        named = {rid for rid, _ in self.reports}
        unusable = {}  # a row whose report columns are filled but are no report: named too, the first per case
        for rid, why in self.unusable:
            if rid not in named and ids.get(rid) is not None:
                unusable.setdefault(rid, {"id": ids[rid]["id"], "name": rid, "error": why})
        refused = [*unusable.values(), *got["failed"]]
        cases = self.store.petitions(self.batch["id"], cases=True)
        assigned = sum(1 for p in cases if p["unit_id"])
        self.store.add_case_events([], {"user": self.user["username"], "action": "handover",
                                        "target": f"batch:{self.batch['id']}",
                                        "detail": {"cases": len(cases), "assigned": assigned,
                                                   "unassigned": len(cases) - assigned,
                                                   "due_date": (self.hand_over or {}).get("due_date"),
                                                   "existing": self.existing,
                                                   # the rows kept under a derived receipt, named in the log too
                                                   **({"renumbered": [{"row": row, "receipt": was, "kept_as": now}
                                                                      for row, was, now in self.renumbered[:50]]}
                                                      if self.renumbered else {}),
                                                   **({"recognised": [{"row": row, "receipt": was, "case": now}
                                                                      for row, was, now in self.recognised[:50]]}
                                                      if self.recognised else {}),
                                                   **({"reread": self.reread} if self.reread else {})}})
        self.store.add_case_events(self.events, {
            "user": self.user["username"], "action": "reupload", "target": f"batch:{self.batch['id']}",
            "detail": {"existing": self.existing, "changed": self.changed[:50], "reports": filled,
                       "refused_reports": len(refused)}}
            if self.existing or filled or refused else None)
        return filled, refused
