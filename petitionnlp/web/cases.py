"""The case lifecycle (CONTRACT.md, "Case lifecycle"): responsible units, the hand-over of each petition to the
most specific unit covering its place, the unit's report-back, the editor's review, each case's history, and the
figures every progress report and public table is made of.

The API and the pages call these functions; none of them writes SQL (that is :mod:`.store`).  What a unit handler
may reach is decided here and only here (:func:`unit_scope`): every query for a unit user is limited to its unit,
and any other case is "not found" to it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..taxonomy import TYPES
from .auth import allowed
from .clock import office_today
from .store import CLOSED_STATUSES, STATUSES, CaseStateError, StaleVersion, Store

__all__ = ["VERIFIED", "CLOSURES", "COUNTS", "NotFound", "Invalid", "CaseStateError", "StaleVersion", "unit_scope",
           "visible_case", "list_cases", "case_views", "case_matches", "update_case", "submit_report", "review_case", "bulk_action",
           "unit_resolver", "add_unit", "import_units", "progress", "report_sentences", "public_rows",
           "PUBLIC_COLUMNS", "report_data", "Intake", "receipt_column", "place_name", "percent", "parse_report", "report_from_row", "handover_from_titles", "iso_time"]

VERIFIED = ("属实", "基本属实", "部分属实", "不属实")
CLOSURES = ("已办结", "阶段性办结", "未办结")
# the figures of a published progress report: field → (what, unit of count)
COUNTS = {"rectify": ("责令整改", "家"), "penalty": ("立案处罚", "家"), "fine_wan": ("罚款", "万元"),
          "investigation": ("立案侦查", "件"), "detained": ("拘留", "人"), "interviewed": ("约谈", "人"),
          "accountable": ("问责", "人")}
PUBLIC_COLUMNS = ("序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理和整改情况",
                  "责任人被问责情况")
MAX_REPORT_TEXT = 20_000
UNASSIGNED = "未分配"


class NotFound(LookupError):
    """No such case, or not one this user may see (404)."""


class Invalid(ValueError):
    """A request the rules refuse (422), with the message to show."""


# ------------------------------------------------------------------------------------------ who sees what

def unit_scope(user: dict) -> int | None:
    """The unit a user is limited to: its own for a unit handler (−1, nothing, when it has none), None (every
    case) for the office's roles.  The one place this is decided."""
    if user["role"] == "unit":
        return user.get("unit_id") or -1
    return None


def visible_case(store: Store, user: dict, petition_id: int) -> dict:
    """The stored case, if this user may see it; :class:`NotFound` otherwise (another unit's case is not found)."""
    p = store.petition(petition_id)
    scope = unit_scope(user)
    if p is None or (scope is not None and (p["error"] or p["unit_id"] != scope)):
        raise NotFound("没有这件信访件 (no such petition)")
    return p


def list_cases(store: Store, user: dict, status: str | None = None, unit: str | None = None,
               overdue: bool | None = None, batch_id: int | None = None, q: str | None = None,
               date_from: str | None = None, date_to: str | None = None, sort: str = "due") -> list[dict]:
    """Cases by the list's filters; a unit handler's are always its unit's."""
    if status and status not in STATUSES:
        raise Invalid(f"状态应为 {' / '.join(STATUSES)} 之一 (unknown status)")
    scope = unit_scope(user)
    unit_id, unassigned = scope, False
    if unit and scope is None:
        if unit == UNASSIGNED:
            unassigned = True
        else:
            got = store.unit(name=unit)
            if got is None:
                return []
            unit_id = got["id"]
    today = office_today().isoformat()
    q = (q or "").strip()[:100] or None
    hide = not allowed(user, "see_personal")  # a viewer's words are matched in the redacted text, here
    rows = store.cases(unit_id=unit_id, status=status, batch_id=batch_id, unassigned=unassigned,
                       overdue_before=today if overdue else None, q=None if hide else q,
                       date_from=date_from, date_to=date_to, sort=sort)
    if hide and q:
        rows = [r for r in rows if case_matches(r, q, redact=True)]
    if overdue is False:
        rows = [r for r in rows if not _overdue(r, today)]
    return rows


def case_matches(p: dict, q: str, redact: bool = False) -> bool:
    """Whether a 受理编号 or the text holds ``q`` (the queue's filter box; the case list asks the store the same).
    ``redact`` (a viewer): the text as the viewer reads it, so no name or number of a person can be looked up."""
    q = q.strip()
    text = _redacted(p.get("text")) if redact else p.get("text")
    return not q or q in (p.get("receipt_id") or "") or q in (text or "")


def _overdue(p: dict, today: str) -> bool:
    return bool(p.get("due_date")) and p["due_date"] < today and p["status"] not in CLOSED_STATUSES


def iso_time(value: dt.datetime | None) -> str | None:
    """A stored time (naive UTC) in the office's zone, ISO 8601 with its offset."""
    from .clock import office_zone

    if value is None:
        return None
    return value.replace(tzinfo=dt.timezone.utc).astimezone(office_zone()).isoformat(timespec="seconds")


def case_views(store: Store, rows: list[dict], redact: bool, history: bool = True) -> list[dict]:
    """Petitions as the API shows them: the workbench's fields and receipt_id, unit, due_date, overdue, status,
    report, version, history.  ``redact``: text, row and report carry no personal information (viewers)."""
    from .service import petition_view

    if not rows:
        return []
    units = {u["id"]: u["name"] for u in store.units()}
    reports, events = store.case_extras([r["id"] for r in rows], with_events=history)
    batches: dict[int, dict | None] = {}
    today = office_today().isoformat()
    out = []
    for p in rows:
        if p["batch_id"] not in batches:
            batches[p["batch_id"]] = store.batch(p["batch_id"])
        view = petition_view(p, batches[p["batch_id"]], redact)
        view.update(receipt_id=p.get("receipt_id"), unit=units.get(p.get("unit_id")), due_date=p.get("due_date"),
                    overdue=_overdue(p, today), status=p["status"], version=p.get("version") or 1,
                    report=_report_out(reports.get(p["id"]), redact))
        if history:  # a return's reason or a report's words can name a person: the detail is redacted too
            view["history"] = [{"time": iso_time(e["time"]), "user": e["user"], "action": e["action"],
                                "detail": _redacted(e["detail"]) if redact else e["detail"]}
                               for e in events.get(p["id"], [])]
        out.append(view)
    return out


def _report_out(r: dict | None, redact: bool) -> dict | None:
    if r is None:
        return None
    out = {k: r[k] for k in ("verified", "findings", "actions", "accountability", "closure")}
    out["counts"] = {k: (r["counts"] or {}).get(k, 0) for k in COUNTS}
    out.update(user=r["user"], time=iso_time(r["time"]), review=r["review"], review_reason=r["review_reason"],
               reviewed_by=r["reviewed_by"], reviewed_at=iso_time(r["reviewed_at"]))
    if redact:
        for k in ("findings", "actions", "accountability", "review_reason"):
            out[k] = _redacted(out[k])
    return out


def _redacted(value):
    """``value`` with every text in it redacted by the workbench's one redaction (:func:`.service.redact`):
    strings, and the strings inside lists and dicts (a history step's detail)."""
    from .service import redact

    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


# ----------------------------------------------------------------------------------------------- changes

def update_case(wb, user: dict, petition_id: int, changes: dict, version: int | None = None) -> dict:
    """An editor's change of a case: types, place, status (as :meth:`Workbench.correct`) and ``unit`` (a unit's
    name, or null to take it back); :class:`StaleVersion` when ``version`` is not the case's."""
    visible_case(wb.store, user, petition_id)
    changes = dict(changes)
    if "unit" in changes:
        name = changes.pop("unit")
        if name in (None, "", UNASSIGNED):
            changes["unit_id"] = None
        else:
            unit = wb.store.unit(name=str(name).strip())
            if unit is None:
                raise Invalid(f"没有这个责任单位 (no such unit): {str(name)[:64]}")
            changes["unit_id"] = unit["id"]
    got = wb.correct(petition_id, user, changes, version)
    if got is None:
        raise NotFound("没有这件信访件 (no such petition)")
    return got


def _count(value, name: str) -> float | int:
    if value is None or value == "":
        return 0
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise Invalid(f"counts.{name} 应为非负数 (a number): {str(value)[:20]}") from None
    if number != number or number < 0 or number > 1e9:
        raise Invalid(f"counts.{name} 应为非负数 (a number ≥ 0): {str(value)[:20]}")
    if name == "fine_wan":
        return round(number, 4)
    if number != int(number):
        raise Invalid(f"counts.{name} 应为整数 (a whole number): {str(value)[:20]}")
    return int(number)


def parse_report(body: dict) -> dict:
    """A report's fields checked: verified, findings and closure required (:class:`Invalid` names what is
    missing or wrong), counts as numbers (missing ones 0)."""
    def text(name: str, required: bool) -> str | None:
        value = body.get(name)
        value = str(value).strip() if value is not None else ""
        if len(value) > MAX_REPORT_TEXT:
            raise Invalid(f"{name} 超过 {MAX_REPORT_TEXT} 字 (too long)")
        if required and not value:
            raise Invalid(f"缺少 {name} (required): " + {"verified": "是否属实", "findings": "调查核实情况",
                                                        "closure": "办结情况"}[name])
        return value or None

    verified, findings, closure = text("verified", True), text("findings", True), text("closure", True)
    if verified not in VERIFIED:
        raise Invalid(f"verified 应为 {' / '.join(VERIFIED)} 之一 (是否属实): {verified[:20]}")
    if closure not in CLOSURES:
        raise Invalid(f"closure 应为 {' / '.join(CLOSURES)} 之一 (办结情况): {closure[:20]}")
    counts = body.get("counts") or {}
    if not isinstance(counts, dict):
        raise Invalid("counts 应为对象 (an object of numbers)")
    unknown = [k for k in counts if k not in COUNTS]
    if unknown:
        raise Invalid(f"counts 中没有 {'、'.join(map(str, unknown))[:60]} (unknown count): {'、'.join(COUNTS)}")
    return {"verified": verified, "findings": findings, "actions": text("actions", False),
            "accountability": text("accountability", False), "closure": closure,
            "counts": {k: _count(counts.get(k), k) for k in COUNTS}}


def submit_report(store: Store, user: dict, petition_id: int, body: dict, version: int | None = None) -> dict:
    """The unit's (or an editor's) report on a case: checked, kept, the case waits for review (待审核)."""
    visible_case(store, user, petition_id)
    got = store.add_report(petition_id, user, parse_report(body), version)
    if got is None:
        raise NotFound("没有这件信访件 (no such petition)")
    return got


def review_case(store: Store, user: dict, petition_id: int, decision: str, reason: str | None = None,
                version: int | None = None) -> dict:
    """Approve the pending report (the case takes its closure) or return it (退回) with a reason."""
    if decision not in ("approve", "return"):
        raise Invalid("decision 应为 approve 或 return (approve|return)")
    reason = (reason or "").strip()[:2000] or None
    if decision == "return" and not reason:
        raise Invalid("退回须写明理由 (a return needs a reason)")
    visible_case(store, user, petition_id)
    got = store.review_report(petition_id, user, decision, reason, version)
    if got is None:
        raise NotFound("没有这件信访件 (no such petition)")
    return got


def bulk_action(wb, user: dict, ids: list[int], action: str, unit: str | None = None,
                reason: str | None = None) -> dict:
    """One action on a selection of cases (assign to a unit, approve, return): ``{"done": [ids], "failed":
    [{"id", "error"}]}``; each case is its own change (one that fails leaves the others done)."""
    if action not in ("assign", "approve", "return"):
        raise Invalid("action 应为 assign / approve / return 之一")
    done, failed = [], []
    for pid in dict.fromkeys(ids):
        try:
            if action == "assign":
                update_case(wb, user, pid, {"unit": unit})
            else:
                review_case(wb.store, user, pid, action, reason)
            done.append(pid)
        except (NotFound, Invalid, CaseStateError, ValueError) as exc:
            failed.append({"id": pid, "error": str(exc)})
    return {"done": done, "failed": failed}


# ------------------------------------------------------------------------------------------------- units

def _place(region: str | None) -> dict:
    """``湖南省/长沙市/岳麓区`` (standard names) → province, city, county and the place's code; E062 when the
    gazetteer does not know it."""
    from ..errors import Errors, InputError
    from ..regions import find_province, province_divisions

    parts = [p.strip() for p in (region or "").replace("／", "/").split("/") if p.strip()]
    if not parts:
        return {"province": None, "city": None, "county": None, "adcode": None}
    if len(parts) > 3:
        raise InputError(Errors.E062.format(name=region))
    province = find_province(parts[0])
    if province is None:
        raise InputError(Errors.E062.format(name=parts[0]))
    if len(parts) == 1:
        from ..regions import get_gazetteer

        return {"province": province, "city": None, "county": None,
                "adcode": get_gazetteer().provinces[province].adcode}
    places = province_divisions(province)
    city = next((p for p in places if p.level == "city" and p.name == parts[1]), None)
    if city is None:
        raise InputError(Errors.E062.format(name=f"{province}/{parts[1]}"))
    if len(parts) == 2:
        return {"province": province, "city": city.name, "county": None, "adcode": city.adcode}
    county = next((p for p in places if p.level == "county" and p.city == city.name and p.name == parts[2]), None)
    if county is None:
        raise InputError(Errors.E062.format(name=f"{province}/{city.name}/{parts[2]}"))
    return {"province": province, "city": city.name, "county": county.name, "adcode": county.adcode}


def add_unit(store: Store, name: str, region: str | None = None) -> tuple[dict, bool]:
    """A responsible unit (``region`` as standard names joined by /); (the unit, whether it is new)."""
    from ..errors import Errors, InputError

    name = (name or "").strip()
    if not name or len(name) > 128 or not name.isprintable():
        raise InputError(Errors.E060.format(reason="单位名称应为 1–128 个可打印字符 (name: 1–128 printable characters)"))
    return store.add_unit(name, **_place(region))


def import_units(store: Store, province: str) -> tuple[int, int]:
    """One unit for each city of the province and each county (``长沙市``, ``长沙市岳麓区``); existing units are
    kept.  (new units, units of the province in all)."""
    from ..errors import Errors, InputError
    from ..regions import province_divisions

    places = province_divisions(province)
    if not places:
        raise InputError(Errors.E062.format(name=province))
    units = []
    for p in places:
        if p.level == "city":
            name = p.name
        else:
            name = p.name if p.name.startswith(p.city) else p.city + p.name
        units.append({"name": name, "province": p.province, "city": p.city,
                      "county": p.county if p.level == "county" else None, "adcode": p.adcode})
    return store.add_units(units), len(units)


def unit_resolver(units: list[dict]):
    """A function (province, city, county) → the id of the most specific unit whose region contains that place
    (its county, else its city), or None.  Units without a city (a department) are only assigned by hand."""
    by_county, by_city = {}, {}
    for u in units:
        if u["city"] and u["county"]:
            by_county.setdefault((u["city"], u["county"]), u["id"])
        elif u["city"]:
            by_city.setdefault(u["city"], u["id"])

    def resolve(province: str | None, city: str | None, county: str | None) -> int | None:
        if city and county and (city, county) in by_county:
            return by_county[(city, county)]
        return by_city.get(city) if city else None

    return resolve


# ---------------------------------------------------------------------------------------------- hand-over

_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_HANDOVER_WORDS = ("交办时间", "交办日期", "转办时间", "转办日期")


def handover_from_titles(titles: list[str]) -> dt.date | None:
    """The 交办时间 a title row above the header states (``交办时间：2017年5月15日``), or None."""
    for line in titles or ():
        for word in _HANDOVER_WORDS:
            at = line.find(word)
            if at >= 0:
                m = _DATE.search(line, at)
                if m:
                    try:
                        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                    except ValueError:
                        return None
    return None


def report_from_row(row: dict, columns: list[str]) -> dict | None:
    """The report columns of a returned 交办表 or a 公开表 row (调查核实情况, 是否属实, 处理和整改情况,
    责任人被问责情况; headers as data in ``corpora/io/``) as a checked report, or None when they are empty or
    unusable (是否属实 missing is read from the findings' own words; the closure, when no column gives it, is
    已办结)."""
    from ..io import find_column

    def cell(kind: str) -> str:
        col = find_column(columns, kind)
        value = row.get(col) if col else None
        return str(value).strip() if value not in (None, "") else ""

    findings = cell("findings")
    if not findings:
        return None
    verified = cell("verified")
    if verified not in VERIFIED:
        verified = next((v for v in ("不属实", "部分属实", "基本属实", "属实") if v in (verified or findings)), "")
    closure = cell("closure")
    closure = next((c for c in CLOSURES if c in closure), "已办结" if not closure else "")
    try:
        return parse_report({"verified": verified, "findings": findings, "actions": cell("actions"),
                             "accountability": cell("accountability"), "closure": closure})
    except Invalid:
        return None


def receipt_column(columns) -> str | None:
    """The 受理编号 column (the id column; a 序号 counts rows and identifies nothing), or None."""
    from ..io import find_column

    col = find_column(columns, "id")
    return col if col is not None and str(col).strip() != "序号" else None


def _receipt(value) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value == value and value.is_integer() else value
    text = "".join(str(value).split())[:64]
    return text or None


def _same_text(a: str | None, b: str | None) -> bool:
    return "".join((a or "").split()) == "".join((b or "").split())


class Intake:
    """The rows of one upload becoming cases: each gets its 受理编号 and its unit; a receipt already stored (or
    met earlier in the same file) is the same case — not stored again, counted in ``existing``, a changed text
    listed in ``changed`` (the stored case is kept) — and report columns filled in (a returned 交办表, a 公开表)
    become the report of the case they name (:meth:`fill_reports`, once the new rows are stored)."""

    def __init__(self, store: Store, batch_id: int, columns: list[str]):
        self.store, self.batch_id, self.columns = store, batch_id, columns
        self.id_column = receipt_column(columns)
        self.resolve = unit_resolver(store.units())
        self.existing = 0
        self.changed: list[str] = []
        self.seen: dict[str, dict | None] = {}   # receipt → its stored case, or None when new in this batch
        self.reports: list[tuple[str, dict]] = []
        self.events: list[dict] = []

    def take(self, records: list[dict], raws: list[dict]) -> list[dict]:
        """The records to store (the new cases), in order."""
        for rec, raw in zip(records, raws):
            rec["receipt_id"] = _receipt(raw.get(self.id_column)) if self.id_column else None
            if not rec["error"]:
                rec["unit_id"] = self.resolve(rec["province"], rec["city"], rec["county"])
        fresh = [r["receipt_id"] for r in records if r["receipt_id"] and r["receipt_id"] not in self.seen]
        self.seen.update(self.store.known_receipts(fresh))
        new = []
        for rec, raw in zip(records, raws):
            rid = rec["receipt_id"]
            report = report_from_row(raw, self.columns) if rid else None
            if rid and rid in self.seen:
                self.existing += 1
                known = self.seen[rid]
                if known is not None:
                    differs = not _same_text(known["text"], rec["text"])
                    if differs and rid not in self.changed:
                        self.changed.append(rid)
                    self.events.append({"petition_id": known["id"], "user": None, "action": "reupload",
                                        "detail": {"batch": self.batch_id, "row": rec["row_index"] + 1,
                                                   "text_changed": differs}})
                if report:
                    self.reports.append((rid, report))
                continue
            if rid:
                self.seen[rid] = None
                if report:
                    self.reports.append((rid, report))
            new.append(rec)
        return new

    def fill_reports(self) -> int:
        """The report columns' reports, for the cases they name (by the uploader); how many were recorded.  A
        report the case already has, or a case already closed, is left as it is."""
        batch = self.store.batch(self.batch_id)
        user = self.store.user(user_id=batch["uploaded_by"]) or {"id": batch["uploaded_by"], "username": None}
        for e in self.events:
            e["user"] = user["username"]
        ids = self.store.known_receipts([rid for rid, _ in self.reports])
        latest, _ = self.store.case_extras([v["id"] for v in ids.values()], with_events=False)
        filled = 0
        for rid, report in self.reports:
            case = ids.get(rid)
            if case is None:
                continue
            have = latest.get(case["id"])
            if have and all(have.get(k) == v for k, v in report.items() if k != "counts"):
                continue
            try:
                self.store.add_report(case["id"], user, report)
            except CaseStateError:
                continue
            latest[case["id"]] = report
            filled += 1
        self.store.add_case_events(self.events, {
            "user": user["username"], "action": "reupload", "target": f"batch:{self.batch_id}",
            "detail": {"existing": self.existing, "changed": self.changed[:50], "reports": filled}}
            if self.existing or filled else None)
        self.store.update_batch(self.batch_id, filled_reports=filled)
        return filled


# --------------------------------------------------------------------------------------------- progress

def _city_order() -> dict[str, str]:
    from ..regions import get_gazetteer

    order: dict[str, str] = {}
    for p in get_gazetteer().by_adcode.values():
        if p.level == "city":
            order.setdefault(p.name, p.adcode)
    return order


def region_order_key(label: str) -> tuple:
    """The official order of a region label (``衡阳市``, ``衡阳市 雁峰区``; unplaced ones last): by the city's code,
    then the county's name."""
    city, _, county = label.partition(" ")
    code = _city_order().get(city)
    return (code is None, code or "", city, county)


def progress(store: Store, date_from: str | None = None, date_to: str | None = None,
             today: dt.date | None = None) -> dict:
    """The figures of a period (hand-over dates, inclusive), each case once: totals, 办结率, overdue, by status,
    type, city (official order) and unit (official order), and the sums of the reports' counts.  The page, the
    API, the 专报 and the command line all take their numbers from here."""
    today_s = (today or office_today()).isoformat()
    rows = store.cases(date_from=date_from, date_to=date_to, sort="id")
    reports, _ = store.case_extras([r["id"] for r in rows], with_events=False)
    units = store.units()
    unit_rank = {u["id"]: i for i, u in enumerate(units)}
    unit_name = {u["id"]: u["name"] for u in units}

    def rate(closed: int, staged: int, total: int) -> float:
        return (closed + staged) / total if total else 0.0

    by_status = {s: 0 for s in STATUSES}
    by_type = {t: 0 for t in TYPES}
    by_city: dict[str, int] = {}
    city_types: dict[str, dict[str, int]] = {}
    per_unit: dict[int | None, dict] = {}
    counts = {k: 0 for k in COUNTS}
    overdue = closed = staged = 0
    for p in rows:
        by_status[p["status"]] = by_status.get(p["status"], 0) + 1
        for t in p["pollution_types"] or ():
            if t in by_type:
                by_type[t] += 1
        city = p["city"] or "未定位"
        by_city[city] = by_city.get(city, 0) + 1
        for t in p["pollution_types"] or ():
            city_types.setdefault(city, {}).setdefault(t, 0)
            city_types[city][t] += 1
        late = _overdue(p, today_s)
        u = per_unit.setdefault(p["unit_id"], {"unit": unit_name.get(p["unit_id"]), "total": 0, "closed": 0,
                                               "staged": 0, "overdue": 0})
        u["total"] += 1
        u["closed"] += p["status"] == "已办结"
        u["staged"] += p["status"] == "阶段性办结"
        u["overdue"] += late
        closed += p["status"] == "已办结"
        staged += p["status"] == "阶段性办结"
        overdue += late
        r = reports.get(p["id"])
        if r and r["review"] != "return":
            for k in COUNTS:
                counts[k] += (r["counts"] or {}).get(k, 0) or 0
    counts["fine_wan"] = round(counts["fine_wan"], 4)
    cities = sorted(by_city, key=region_order_key)
    by_unit = [{**u, "closure_rate": rate(u["closed"], u["staged"], u["total"])}
               for k, u in sorted(per_unit.items(), key=lambda kv: (kv[0] is None, unit_rank.get(kv[0], 0)))]
    total = len(rows)
    return {"from": date_from, "to": date_to, "today": today_s, "total": total, "closed": closed, "staged": staged,
            "closure_rate": rate(closed, staged, total), "overdue": overdue,
            "in_progress": total - closed - staged, "by_status": by_status, "by_type": by_type,
            "by_city": {c: by_city[c] for c in cities}, "counts": counts, "by_unit": by_unit,
            "by_city_type": {c: {t: city_types.get(c, {}).get(t, 0) for t in TYPES} for c in cities}}


def _cn_date(value: str | None) -> str:
    if not value:
        return ""
    d = dt.date.fromisoformat(value)
    return f"{d.year}年{d.month}月{d.day}日"


def _num(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def report_sentences(pr: dict) -> list[str]:
    """The sentences of the 办理情况专报, as published reports put them, from :func:`progress`'s figures."""
    if pr["from"] and pr["to"]:
        period = f"{_cn_date(pr['from'])}至{_cn_date(pr['to'])}"
    elif pr["to"]:
        period = f"截至{_cn_date(pr['to'])}"
    elif pr["from"]:
        period = f"{_cn_date(pr['from'])}以来"
    else:
        period = f"截至{_cn_date(pr['today'])}"
    first = (f"{period}，累计受理交办信访件{pr['total']}件，已办结{pr['closed']}件、阶段性办结{pr['staged']}件，"
             f"办结率{percent(pr['closure_rate'])}；尚在办理{pr['in_progress']}件"
             f"（其中待审核{pr['by_status'].get('待审核', 0)}件、退回重办{pr['by_status'].get('退回', 0)}件），"
             f"逾期未办结{pr['overdue']}件。")
    types = [f"{t}{n}个" for t, n in pr["by_type"].items() if n]
    second = f"按污染类型分，涉及{'、'.join(types)}。" if types else "所选期间没有已分类的信访件。"
    c = pr["counts"]
    third = "各地各部门" + "，".join(f"{what}{_num(c[k])}{unit}" for k, (what, unit) in COUNTS.items()) + "。"
    return [first, second, third]


def place_name(p: dict) -> str:
    """A case's place as the tables write it: 长沙市岳麓区, 长沙市, or the province."""
    if not p.get("city"):
        return p.get("province") or ""
    county = p.get("county") or ""
    return county if county.startswith(p["city"]) else p["city"] + county


def public_rows(store: Store, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """The 公开表: the cases approved as 已办结 or 阶段性办结, the official columns in order, every text redacted
    as ``redact`` does (no personal information, no pii field)."""
    rows = store.cases(date_from=date_from, date_to=date_to, statuses=CLOSED_STATUSES, sort="row")
    reports, _ = store.case_extras([r["id"] for r in rows], with_events=False)

    def clean(value: str | None) -> str:
        return _redacted(value) or ""

    out = []
    for p in rows:
        r = reports.get(p["id"])
        if r is None or r["review"] != "approve":
            continue
        out.append({"序号": len(out) + 1, "受理编号": p["receipt_id"] or "", "交办问题基本情况": clean(p["text"]),
                    "行政区域": place_name(p),
                    "污染类型": "、".join(p["pollution_types"] or ()), "调查核实情况": clean(r["findings"]),
                    "是否属实": r["verified"], "处理和整改情况": clean(r["actions"]),
                    "责任人被问责情况": clean(r["accountability"])})
    return out


def report_data(store: Store, date_from: str | None = None, date_to: str | None = None,
                today: dt.date | None = None) -> dict:
    """The 办理情况专报's content: :func:`progress`'s figures, its sentences and the overdue cases (受理编号,
    unit, deadline, status, the petition's head redacted) — what the JSON, the Word document and the command line
    all show."""
    pr = progress(store, date_from, date_to, today)
    units = {u["id"]: u["name"] for u in store.units()}
    late = store.cases(date_from=date_from, date_to=date_to, overdue_before=pr["today"], sort="due")
    overdue = [{"id": p["id"], "receipt_id": p["receipt_id"], "unit": units.get(p["unit_id"]),
                "due_date": p["due_date"], "status": p["status"], "place": place_name(p),
                "text": (_redacted(p["text"]) or "")[:80]} for p in late]  # redacted whole, then cut
    return {**pr, "sentences": report_sentences(pr), "overdue_cases": overdue}
