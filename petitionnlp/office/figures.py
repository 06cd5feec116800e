"""The office's figures, for every screen and document alike: progress (进度), the statistics by region and type,
the 办理情况专报's numbers and sentences, and the 公开表's rows.

One rule each: which cases count (:func:`period_cases`: stored cases handed over in the period, not of a withdrawn
batch; 不受理 counted apart), when a case is overdue (:func:`is_overdue`), the 办结率 (:func:`closure_rate`:
(已办结 + 阶段性办结) ÷ cases, each case once), the 满意度 (:func:`satisfaction`: (满意 + 基本满意) ÷ the
complainants reached, each case by its latest call) and the units' ranking (:func:`rank_units`: by 办结率, then
fewer 逾期).  The page, the API, the 专报, the 公开表 and the command line all take their numbers from here, so
that they agree.
"""

from __future__ import annotations

import datetime as dt

from ..dates import chinese_date, period_words
from ..taxonomy import TYPES, in_order
from ..text import to_simplified
from .clock import office_today
from .errors import Invalid, Messages
from .lifecycle import CALLBACK_RESULTS, CLOSED, COUNTS, OPEN, REJECTED, STATUSES
from .places import place_name, region_order_key
from .redaction import case_persons, redacted

__all__ = ["check_period", "is_overdue", "closure_rate", "satisfaction", "rank_units", "period_cases", "progress", "stats",
           "region_table", "report_sentences", "loop_sentence", "report_data", "supervision_by_unit", "public_rows",
           "published", "public_report", "approved_report", "this_round_report", "PUBLIC_COLUMNS", "percent", "UNPLACED"]

PUBLIC_COLUMNS = ("序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理和整改情况",
                  "责任人被问责情况")
# each column's width in characters (a Chinese character two): the XLSX's columns, and the printed page's in the same
# proportions (its 调查核实情况 printed eight characters a line beside a 行政区域 twice as wide as its place)
PUBLIC_WIDTHS = {"序号": 5, "受理编号": 18, "交办问题基本情况": 40, "行政区域": 12, "污染类型": 9, "调查核实情况": 40,
                 "是否属实": 7, "处理和整改情况": 36, "责任人被问责情况": 22}
UNPLACED = "未定位"


def is_overdue(case: dict, today: str) -> bool:
    """The one overdue rule: a deadline before ``today`` (ISO) on a case still open (not 办结, not 不受理)."""
    return bool(case.get("due_date")) and case["due_date"] < today and case["status"] in OPEN


def closure_rate(closed: int, staged: int, total: int) -> float:
    """The one 办结率: (已办结 + 阶段性办结) ÷ cases; 0 for no case."""
    return (closed + staged) / total if total else 0.0


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def satisfaction(results) -> dict:
    """The 满意度 of the latest call of each case: ``{"called", "满意", "基本满意", "不满意", "未联系上", "rate"}``,
    rate = (满意 + 基本满意) ÷ (called − 未联系上), null while no complainant was reached."""
    out = {"called": 0, **{r: 0 for r in CALLBACK_RESULTS}}
    for r in results:
        if r in CALLBACK_RESULTS:
            out["called"] += 1
            out[r] += 1
    reached = out["called"] - out["未联系上"]
    out["rate"] = (out["满意"] + out["基本满意"]) / reached if reached else None
    return out


def rank_units(rows: list[dict]) -> None:
    """Each unit's ``rank`` in place (1 the best): by 办结率, then fewer 逾期; equal on both, equal rank (1, 2, 2,
    4); the row of unassigned cases (``unit`` null) is not ranked."""
    key = lambda r: (-round(r["closure_rate"], 9), r["overdue"])  # noqa: E731
    ranked = sorted((r for r in rows if r["unit"] is not None), key=key)
    for i, r in enumerate(ranked):
        r["rank"] = ranked[i - 1]["rank"] if i and key(ranked[i - 1]) == key(r) else i + 1
    for r in rows:
        r.setdefault("rank", None)


class _Tally:
    """Cases counted once each: total, 已办结, 阶段性办结, overdue, 督办, reopened, and the latest call's results."""

    __slots__ = ("total", "closed", "staged", "overdue", "supervised", "reopened", "calls")

    def __init__(self):
        self.total = self.closed = self.staged = self.overdue = self.supervised = self.reopened = 0
        self.calls: list[str] = []

    def add(self, case: dict, today: str, call: str | None = None) -> None:
        self.total += 1
        self.closed += case["status"] == "已办结"
        self.staged += case["status"] == "阶段性办结"
        self.overdue += is_overdue(case, today)
        self.supervised += bool(case.get("supervised"))
        self.reopened += bool(case.get("reopened"))
        if call:
            self.calls.append(call)

    @property
    def rate(self) -> float:
        return closure_rate(self.closed, self.staged, self.total)


def approved_report(reports) -> dict | None:
    """The report whose counts a case's figures sum: its latest approved one (of any round), or None — a report
    waiting for review or returned counts for nothing (the office has not accepted its figures), and the approved
    one stays counted while a later report waits or is returned, or the case is reopened."""
    return next((r for r in reversed(list(reports)) if r["review"] == "approve"), None)


def this_round_report(case: dict) -> dict | None:
    """The report of the round in hand, as a case's view holds it (``report``: its latest, ``round``: 1, then 2 …
    after each reopening): the latest report when it answers this round; none for a case reopened and not yet
    reported again (its 办理状态 办理中 beside the earlier round's 办结情况 已办结 would read as closed).  The case's
    page and the queue's export show this one."""
    report = case.get("report")
    return report if report and (report.get("round") or 1) == (case.get("round") or 1) else None


def check_period(date_from: str | None, date_to: str | None) -> None:
    """A period (hand-over dates, ``YYYY-MM-DD``) whose start is after its end is refused (O281) — a period
    without a day, every figure of it 0 — whichever figure, list or map asks for it."""
    if date_from and date_to and date_from > date_to:
        raise Invalid(Messages.O281.format(date_from=chinese_date(date_from), date_to=chinese_date(date_to)))


def period_cases(store, date_from: str | None = None, date_to: str | None = None,
                 sort: str = "id") -> tuple[list[dict], int]:
    """(the cases a period counts, the 不受理 cases of the period): stored cases (rows that could be classified)
    handed over from ``date_from`` to ``date_to`` (inclusive), none of a withdrawn batch."""
    rows = store.petitions(cases=True, date_from=date_from, date_to=date_to, sort=sort, light=True)
    counted = [r for r in rows if r["status"] != REJECTED]
    return counted, len(rows) - len(counted)


def progress(store, date_from: str | None = None, date_to: str | None = None,
             today: dt.date | None = None) -> dict:
    """The figures of a period, each case once: totals, 办结率, overdue, 不受理 apart, by status, type, city
    (official order) and unit (official order), and the sums of the counts of each case's approved report
    (:func:`approved_report`)."""
    today_s = (today or office_today()).isoformat()
    rows, rejected = period_cases(store, date_from, date_to)
    extras = store.followup_extras([r["id"] for r in rows])
    latest_call = {pid: calls[-1]["result"] for pid, calls in extras["callbacks"].items()}
    checks = [i for items in extras["spotchecks"].values() for i in items]
    units = store.units()
    unit_rank = {u["id"]: i for i, u in enumerate(units)}
    unit_name = {u["id"]: u["name"] for u in units}

    everything = _Tally()
    by_status = {s: 0 for s in STATUSES}
    by_status[REJECTED] = rejected
    by_type = {t: 0 for t in TYPES}
    by_city: dict[str, int] = {}
    city_types: dict[str, dict[str, int]] = {}
    per_unit: dict[int | None, _Tally] = {}
    counts = {k: 0 for k in COUNTS}
    for p in rows:
        everything.add(p, today_s, latest_call.get(p["id"]))
        by_status[p["status"]] = by_status.get(p["status"], 0) + 1
        city = p["city"] or UNPLACED
        by_city[city] = by_city.get(city, 0) + 1
        for t in p["pollution_types"] or ():
            if t in by_type:
                by_type[t] += 1
                city_types.setdefault(city, {}).setdefault(t, 0)
                city_types[city][t] += 1
        per_unit.setdefault(p["unit_id"], _Tally()).add(p, today_s, latest_call.get(p["id"]))
        r = approved_report(extras["reports"].get(p["id"], ()))
        if r:
            for k in COUNTS:
                counts[k] += (r["counts"] or {}).get(k, 0) or 0
    counts["fine_wan"] = round(counts["fine_wan"], 4)
    cities = sorted(by_city, key=region_order_key)
    by_unit = [{"unit": unit_name.get(k), "total": u.total, "closed": u.closed, "staged": u.staged,
                "overdue": u.overdue, "closure_rate": u.rate, "satisfaction_rate": satisfaction(u.calls)["rate"],
                "supervised": u.supervised}
               for k, u in sorted(per_unit.items(), key=lambda kv: (kv[0] is None, unit_rank.get(kv[0], 0)))]
    rank_units(by_unit)
    e = everything
    checked = [i for i in checks if i["passed"] is not None]
    spot = {"drawn": len(checks), "checked": len(checked), "passed": sum(1 for i in checked if i["passed"])}
    spot["pass_rate"] = spot["passed"] / spot["checked"] if spot["checked"] else None
    return {"from": date_from, "to": date_to, "today": today_s, "total": e.total, "closed": e.closed,
            "staged": e.staged, "closure_rate": e.rate, "overdue": e.overdue, "rejected": rejected,
            "reopened": e.reopened, "supervised": e.supervised, "satisfaction": satisfaction(e.calls),
            "spotcheck": spot,
            "in_progress": e.total - e.closed - e.staged, "by_status": by_status, "by_type": by_type,
            "by_city": {c: by_city[c] for c in cities}, "counts": counts, "by_unit": by_unit,
            "by_city_type": {c: {t: city_types.get(c, {}).get(t, 0) for t in TYPES} for c in cities}}


def region_table(rows: list[dict], level: str = "city"):
    """``petitionnlp stats``'s region × type table of these cases, regions in the official order (合计 last)."""
    import pandas as pd

    from ..stats import region_type_table

    df = pd.DataFrame(rows, columns=["pollution_types", "city", "county", "status", "handover_date"])
    table = region_type_table(df, level=level)
    regions = sorted((i for i in table.index if i != "合计"), key=lambda i: region_order_key(str(i)))
    return table.loc[regions + [i for i in table.index if i == "合计"]]


def stats(store, date_from: str | None = None, date_to: str | None = None, level: str = "city",
          today: dt.date | None = None) -> dict:
    """The region × type table (as ``petitionnlp stats``) and 办结率 by city for a period, regions in the official
    order, with a 合计 row: the cases :func:`progress` counts, counted the same way."""
    rows, rejected = period_cases(store, date_from, date_to)
    table = region_table(rows, level)
    today_s = (today or office_today()).isoformat()
    tallies: dict[str, _Tally] = {}
    for r in rows:
        for region in (r["city"] or UNPLACED, "合计"):
            tallies.setdefault(region, _Tally()).add(r, today_s)
    tallies.setdefault("合计", _Tally())
    order = sorted(tallies, key=lambda k: (k == "合计", region_order_key(k)))
    return {"columns": ["移交件数", *TYPES],
            "table": [{"region": str(i), **{k: int(v) for k, v in row.items()}} for i, row in table.iterrows()],
            "closure": [{"region": k, "total": t.total, "closed": t.closed, "staged": t.staged,
                         "in_progress": t.total - t.closed - t.staged, "overdue": t.overdue, "rate": round(t.rate, 3)}
                        for k in order for t in (tallies[k],) if t.total or k == "合计"],
            "rejected": rejected, "date_from": date_from, "date_to": date_to}


def _num(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def report_sentences(pr: dict) -> list[str]:
    """The sentences of the 办理情况专报, as published reports put them, from :func:`progress`'s figures."""
    period = period_words(pr["from"], pr["to"], pr["today"])  # a single day named once
    rejected = f"；另有不受理{pr['rejected']}件，未计入办结率" if pr.get("rejected") else ""
    first = (f"{period}，累计受理交办信访件{pr['total']}件，已办结{pr['closed']}件、阶段性办结{pr['staged']}件，"
             f"办结率{percent(pr['closure_rate'])}；尚在办理{pr['in_progress']}件"
             f"（其中待审核{pr['by_status'].get('待审核', 0)}件、退回重办{pr['by_status'].get('退回', 0)}件），"
             f"逾期未办结{pr['overdue']}件{rejected}。")
    types = [f"{t}{n}件" for t, n in pr["by_type"].items() if n]  # cases involving each type (taxonomy order)
    second = (f"按污染类型分（一件涉及多种类型的，每种类型各计一次），涉及{'、'.join(types)}。" if types
              else "所选期间没有已分类的信访件。")
    c = pr["counts"]
    third = "各地各部门" + "，".join(f"{what}{_num(c[k])}{unit}" for k, (what, unit) in COUNTS.items()) + "。"
    loop = loop_sentence(pr)
    return [first, second, third] + ([loop] if loop else [])


def loop_sentence(pr: dict) -> str | None:
    """The 专报's sentence on closing the loop — 回访 and 满意度, 督办, 抽查复核, 重新办理 — or None when there was none
    of them in the period."""
    parts = []
    sat = pr.get("satisfaction") or {}
    if sat.get("called"):
        parts.append(f"回访群众{sat['called']}件，其中满意{sat['满意']}件、基本满意{sat['基本满意']}件、"
                     f"不满意{sat['不满意']}件、未联系上{sat['未联系上']}件，"
                     + (f"满意度{percent(sat['rate'])}" if sat["rate"] is not None else "均未联系上，暂无满意度"))
    if pr.get("supervised"):
        parts.append(f"督办{pr['supervised']}件")
    spot = pr.get("spotcheck") or {}
    if spot.get("drawn"):
        parts.append(f"抽查复核{spot['drawn']}件，已复核{spot['checked']}件、通过{spot['passed']}件"
                     + (f"，通过率{percent(spot['pass_rate'])}" if spot["checked"] else ""))
    if pr.get("reopened"):
        parts.append(f"因群众不满意、抽查未通过等重新办理{pr['reopened']}件")
    return "；".join(parts) + "。" if parts else None


def report_data(store, date_from: str | None = None, date_to: str | None = None,
                today: dt.date | None = None) -> dict:
    """The 办理情况专报's content: :func:`progress`'s figures, its sentences, the overdue cases (受理编号,
    unit, deadline, status, the petition's head redacted), the units' ranking and the overdue and supervised cases
    by unit (:func:`supervision_by_unit`) — what the JSON, the Word document and the command line all show."""
    pr = progress(store, date_from, date_to, today)
    unit_rows = store.units()
    units = {u["id"]: u["name"] for u in unit_rows}
    rows, _ = period_cases(store, date_from, date_to, sort="due")
    late = [p for p in rows if is_overdue(p, pr["today"])]
    # what each listed case names, read with its input row (``rows`` are read without): its text and its 督办意见
    people = _persons(store, late + [p for p in rows if p.get("supervise_note")])
    overdue = [{"id": p["id"], "receipt_id": p["receipt_id"], "unit": units.get(p["unit_id"]),
                "due_date": p["due_date"], "status": p["status"], "place": place_name(p),
                "text": (redacted(p["text"], people[p["id"]]) or "")[:80]}  # redacted whole, then cut
               for p in late]
    return {**pr, "sentences": report_sentences(pr), "overdue_cases": overdue,
            "ranking": sorted((u for u in pr["by_unit"] if u["rank"] is not None), key=lambda u: u["rank"]),
            "supervision": supervision_by_unit(rows, units, unit_rows, pr["today"], people)}


def supervision_by_unit(rows: list[dict], unit_names: dict, units: list[dict], today: str,
                        people: dict[int, tuple]) -> list[dict]:
    """The overdue and the supervised cases of the period by unit (official order, 未分配 last): ``[{"unit",
    "overdue", "supervised", "cases": [{"id", "receipt_id", "due_date", "status", "place", "overdue", "supervised",
    "note", "kind"}]}]`` — the table a 督察督办情况简报 uses (督办意见 redacted: it is published, with ``people``: what
    each case with a note names, its personal columns too, :func:`_persons`)."""
    order = {u["id"]: i for i, u in enumerate(units)}
    groups: dict[int | None, list[dict]] = {}
    for p in rows:
        late, watched = is_overdue(p, today), bool(p.get("supervised"))
        if not (late or watched):
            continue
        groups.setdefault(p["unit_id"], []).append(
            {"id": p["id"], "receipt_id": p["receipt_id"], "due_date": p["due_date"], "status": p["status"],
             "place": place_name(p), "overdue": late, "supervised": watched,
             "note": redacted(p.get("supervise_note"), people.get(p["id"], ())),
             "kind": "、".join(k for k, on in (("逾期", late), ("督办", watched)) if on)})
    return [{"unit": unit_names.get(k), "overdue": sum(c["overdue"] for c in cases),
             "supervised": sum(c["supervised"] for c in cases), "cases": cases}
            for k, cases in sorted(groups.items(), key=lambda kv: (kv[0] is None, order.get(kv[0], 0)))]


def published(case: dict) -> bool:
    """The one rule of what an office may publish of a case's report: its current round was approved as 已办结 or
    阶段性办结 (a case reaches those only by an approved report).  A report waiting for review, returned (退回), or
    of a round that a reopening (重新办理) superseded is published nowhere — not in the 公开表, not in a batch's
    脱敏版."""
    return case.get("status") in CLOSED


def public_report(case: dict, report: dict | None) -> dict | None:
    """``report`` (the case's latest) when :func:`published` allows it, else None."""
    return report if published(case) else None


def public_rows(store, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """The 公开表: the cases of the period that are 已办结 or 阶段性办结 (each once; a case reaches those only by an
    approved report), the official columns in order, every text redacted as ``redact`` does (no pii field) and in
    simplified characters."""
    rows = [r for r in period_cases(store, date_from, date_to, sort="row")[0] if published(r)]
    reports, _ = store.case_extras([r["id"] for r in rows], with_events=False)
    people = _persons(store, rows)
    out = []
    for p in rows:
        r = public_report(p, reports.get(p["id"])) or {}
        persons = people[p["id"]]  # what the case names, hidden in its report too
        out.append({"序号": len(out) + 1, "受理编号": p["receipt_id"] or "",
                    "交办问题基本情况": _public_text(p["text"], persons), "行政区域": place_name(p),
                    "污染类型": "、".join(in_order(p["pollution_types"])),
                    "调查核实情况": _public_text(r.get("findings"), persons),
                    "是否属实": r.get("verified") or "", "处理和整改情况": _public_text(r.get("actions"), persons),
                    "责任人被问责情况": _public_text(r.get("accountability"), persons)})
    return out


def _persons(store, rows: list[dict]) -> dict[int, tuple]:
    """``{id: what the case names}`` (:func:`.redaction.case_persons`) of the cases ``rows`` read without their
    input rows (``light``): their personal columns read here."""
    full = {p["id"]: p for p in store.petitions(ids=[p["id"] for p in rows], cases=True)} if rows else {}
    return {p["id"]: case_persons(full.get(p["id"], p)) for p in rows}


def _public_text(text: str | None, persons: tuple = ()) -> str:
    """A text as the 公开表 publishes it: redacted (with what its case names, ``persons``), in simplified characters
    (a petition written in traditional characters is published as an office publishes, 益陽市赫山區 → 益阳市赫山区)."""
    return to_simplified(redacted(text, persons) or "")
