"""Closing the loop (CONTRACT.md "Closing the loop"): how the office follows a case up after the hand-over —
reminders of deadlines (临期, 逾期, 督办) and 督办 itself, the call to the complainant once a case is approved (回访)
and its result, and spot checks (抽查复核) of approved cases drawn at random with a recorded seed.

Every change of a case here is a step of :func:`.lifecycle.apply` (``callback``, ``supervise``, ``spotcheck``), one
transaction each: a 不满意 callback or a failed check reopens the case in the same one.  The lists follow the rules
of every case list: a unit handler reads its own unit's cases only, a viewer the redacted text and never the
complainant's contact.  The draw is deterministic: the candidate ids ascending, sampled by a RNG seeded with the
recorded seed (:func:`choose`).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import secrets

from . import inputs
from .clock import office_today
from .errors import Invalid, Messages, NotFound
from .figures import approved_report, check_period, is_overdue
from .lifecycle import CALLBACK_RESULTS, CLOSED, OPEN, apply, each_case, step_body
from .places import place_name
from .redaction import case_persons, redact
from .roles import redacts, unit_scope
from .views import case_views, iso_time

__all__ = ["REMINDER_KINDS", "MAX_SEED", "MAX_ITEMS", "remind_days", "reminders", "contact", "callback_list",
           "record_callback", "record_callbacks", "supervise", "supervise_many", "draw_count", "choose", "draw",
           "spotchecks", "spotcheck", "check", "check_many"]

REMINDER_KINDS = ("逾期", "督办", "临期")  # the first that applies names a reminder
MAX_SEED = 10 ** 15 - 1  # at most 15 digits, as a clerk is told; any JSON reader keeps it exactly (< 2**53)
MAX_ITEMS = 500         # callbacks recorded at once


def remind_days() -> int:
    """How many days ahead a deadline is 临期 (``PETITIONNLP_REMIND_DAYS``, default 3)."""
    from ..settings import get_settings

    return max(0, min(int(get_settings().remind_days), 365))


# ----------------------------------------------------------------------------------------------- reminders

def reminders(store, user: dict, today: dt.date | None = None) -> list[dict]:
    """Every open case due within :func:`remind_days` days, past due, or supervised: an editor's all, a unit's
    its own; ``{"petition", "receipt_id", "unit", "due_date", "days_left", "kind", "status", "supervised"}``,
    most urgent first.  ``kind``: 逾期 (past due, the one overdue rule), else 督办, else 临期."""
    today = today or office_today()
    today_s, horizon = today.isoformat(), remind_days()
    units = {u["id"]: u["name"] for u in store.units()}
    out = []
    for p in store.petitions(cases=True, statuses=OPEN, unit_id=unit_scope(user), sort="due"):
        days_left = (dt.date.fromisoformat(p["due_date"]) - today).days if p["due_date"] else None
        if is_overdue(p, today_s):
            kind = "逾期"
        elif p.get("supervised"):
            kind = "督办"
        elif days_left is not None and days_left <= horizon:
            kind = "临期"
        else:
            continue
        out.append({"petition": p["id"], "receipt_id": p["receipt_id"], "unit": units.get(p["unit_id"]),
                    "due_date": p["due_date"], "days_left": days_left, "kind": kind, "status": p["status"],
                    "supervised": bool(p.get("supervised"))})
    out.sort(key=lambda r: (r["days_left"] is None, r["days_left"] or 0, r["petition"]))
    return out


def supervise(store, user: dict, petition_id: int, due_date, note=None, version: int | None = None,
              then=None) -> dict:
    """督办: the case marked supervised with a new deadline (a step of the lifecycle: history and audit); ``then``:
    the answer read inside the change's transaction (:func:`~petitionnlp.office.lifecycle.apply`)."""
    return apply(store, user, petition_id, "supervise", {"due_date": due_date, "note": note}, version=version,
                 then=then)


# ------------------------------------------------------------------------------------------------ callbacks

def contact(p: dict) -> dict | None:
    """The complainant's name and phone as the petition gives them: its row's personal columns (举报人, 联系电话 …)
    first, else the first name and phone found in its text; None when it names neither.  Only for readers of
    personal information."""
    from ..pii import find_pii, personal_column_type

    got: dict[str, str] = {}
    for column, value in (p.get("row") or {}).items():
        kind = personal_column_type(column)
        if kind in ("姓名", "电话") and isinstance(value, (str, int)) and str(value).strip():
            got.setdefault({"姓名": "name", "电话": "phone"}[kind], str(value).strip())
    if len(got) < 2 and p.get("text"):
        for span in find_pii(p["text"]):
            key = {"姓名": "name", "电话": "phone"}.get(span["type"])
            if key:
                got.setdefault(key, span["text"])
    return {"name": got.get("name"), "phone": got.get("phone")} if got else None


def callback_list(store, user: dict, due: bool | None = None, result: str | None = None,
                  date_from: str | None = None, date_to: str | None = None) -> list[dict]:
    """The approved cases (已办结, 阶段性办结) for the 回访 list, oldest hand-over first: ``due`` True for those not yet
    called back since their latest approval, False for those that were; ``result`` those whose latest call had it.
    Each: the case's id (``id``, ``petition``), 受理编号, unit, status, place, types, text, ``approved_at``, ``due``,
    ``last_result``, ``callbacks`` and ``contact`` (null for a viewer; the text redacted for one)."""
    if result is not None and result not in CALLBACK_RESULTS:
        raise Invalid(Messages.O201.format(field="result", choices=" / ".join(CALLBACK_RESULTS), what="回访结果",
                                           value=str(result)[:20]))
    hide = redacts(user)
    rows = store.petitions(cases=True, statuses=CLOSED, unit_id=unit_scope(user), date_from=date_from,
                           date_to=date_to, sort="row")
    extras = store.followup_extras([r["id"] for r in rows])
    units = {u["id"]: u["name"] for u in store.units()}
    out = []
    for p in rows:
        latest = approved_report(extras["reports"].get(p["id"], []))
        calls = extras["callbacks"].get(p["id"], [])
        is_due = not any(c["report_id"] == latest["id"] for c in calls) if latest else not calls
        last = calls[-1]["result"] if calls else None
        if (due is not None and is_due != due) or (result is not None and last != result):
            continue
        persons = case_persons(p) if hide else ()  # what the case names, hidden in its text and notes
        out.append({"id": p["id"], "petition": p["id"], "receipt_id": p["receipt_id"], "unit": units.get(p["unit_id"]),
                    "status": p["status"], "handover_date": p["handover_date"], "place": place_name(p),
                    "pollution_types": p["pollution_types"], "text": redact(p["text"], persons) if hide else p["text"],
                    "closure": latest["closure"] if latest else p["status"],
                    "approved_at": iso_time(latest["reviewed_at"]) if latest else None, "due": is_due,
                    "last_result": last, "version": p["version"] or 1,
                    "callbacks": [{"time": iso_time(c["time"]), "user": c["user"], "result": c["result"],
                                   "note": redact(c["note"], persons) if hide else c["note"]} for c in calls],
                    "contact": None if hide else contact(p)})
    return out


def record_callback(store, user: dict, petition_id: int, result, note=None, version: int | None = None,
                    then=None) -> dict:
    """回访 recorded on an approved case (a step of the lifecycle); 不满意 reopens it in the same transaction;
    ``then`` as for :func:`supervise`."""
    return apply(store, user, petition_id, "callback", {"result": result, "note": note}, version=version, then=then)


def record_callbacks(store, user: dict, items: list) -> dict:
    """Many callbacks at once (a clerk's afternoon of calls): ``items`` ``[{"petition", "result", "note",
    "version"}]`` (a list that is not one refuses the whole, before any is recorded); each its own step, one refused
    leaves the others done → ``{"done": [ids], "failed": [{"id", "name", "error"}]}`` (:func:`.lifecycle.each_case`)."""
    if not isinstance(items, list) or len(items) > MAX_ITEMS or not all(
            isinstance(i, dict) and isinstance(i.get("petition"), int) and not isinstance(i["petition"], bool)
            for i in items):
        raise Invalid(Messages.O234.format(n=MAX_ITEMS))
    return each_case(store, user, ((i["petition"], i) for i in items),
                     lambda pid, i: record_callback(store, user, pid, i.get("result"), i.get("note"), i.get("version")))


def supervise_many(store, user: dict, ids: list[int], due_date, note=None) -> dict:
    """督办 of several cases at once, with one deadline and one note (a deadline or note the rules refuse refuses the
    whole, before any case is touched); each case its own step, one refused leaves the others done → ``{"done":
    [ids], "failed": [{"id", "name", "error"}]}`` (:func:`.lifecycle.each_case`)."""
    step_body("supervise", {"due_date": due_date, "note": note})
    return each_case(store, user, ((pid, None) for pid in dict.fromkeys(ids)),
                     lambda pid, _: supervise(store, user, pid, due_date, note))


# ---------------------------------------------------------------------------------------------- spot checks

def draw_count(candidates: int, rate: float) -> int:
    """How many of ``candidates`` a share ``rate`` draws: the share rounded up, at least one."""
    return min(candidates, max(1, math.ceil(round(candidates * rate, 9))))


def choose(ids, rate: float, seed: int) -> list[int]:
    """The ids a draw takes: the candidates ascending, sampled by ``random.Random(seed)``; ascending."""
    ids = sorted(ids)
    return sorted(random.Random(seed).sample(ids, draw_count(len(ids), rate)))


def _rate(value) -> float:
    """A draw's share: a number 0 < rate ≤ 1 (:func:`inputs.number`; a string is no number here)."""
    try:
        rate = inputs.number(value, "rate", whole=False, lo=0, hi=1)
    except Invalid:
        rate = 0
    if not rate > 0:
        raise Invalid(Messages.O231.format(value=str(value)[:20]))
    return rate


def _seed(value) -> int:
    """A draw's seed: a whole number of at most 15 digits (a JSON number, or digits in a form: :mod:`.inputs`), or a new
    one when none is given."""
    if value is None or value == "":
        return secrets.randbelow(2 ** 31)
    try:
        return inputs.whole(value, "seed", hi=MAX_SEED, null=False)
    except Invalid:
        raise Invalid(Messages.O232.format(value=str(value)[:20])) from None


def _spotcheck_view(sc: dict, drawn: list[int] | None = None) -> dict:
    return {"id": sc["id"], "seed": sc["seed"], "rate": sc["rate"], "from": sc["date_from"], "to": sc["date_to"],
            "petitions": sc["petitions"] if drawn is None else drawn, "candidates": sc["candidates"],
            "time": iso_time(sc["time"]), "user": sc["user"]}


def draw(store, user: dict, date_from: str | None = None, date_to: str | None = None, rate=0.1,
         seed=None) -> dict:
    """抽查: draw ``rate`` of the approved cases handed over from ``date_from`` to ``date_to`` (at least one) with
    ``seed`` (a new one when none is given), record it and its seed (audited), and mark each drawn case as
    waiting for its check → ``{"id", "seed", "petitions": [ids], …}``.  The same period, rate and seed draw the
    same cases while the period's approved cases are the same."""
    check_period(date_from, date_to)
    rate, seed = _rate(rate), _seed(seed)
    got = store.draw_spotcheck(user, date_from, date_to, rate, seed, CLOSED, lambda ids: choose(ids, rate, seed))
    if got is None:
        raise Invalid(Messages.O233)
    return _spotcheck_view(got)


def spotchecks(store, user: dict) -> list[dict]:
    """The spot checks, newest first, with how many of each were drawn, checked and passed."""
    return [{**_spotcheck_view(sc), "drawn": len(sc["petitions"]), "checked": sc["checked"], "passed": sc["passed"]}
            for sc in store.spotchecks()]


def spotcheck(store, user: dict, spotcheck_id: int) -> dict:
    """One spot check with its drawn cases as this user reads them (a unit: its own only; a viewer: redacted),
    each with its check (``passed``: null until checked, ``note``, ``checked_by``, ``checked_at``)."""
    sc, items = store.spotcheck(spotcheck_id)
    if sc is None:
        raise NotFound(Messages.O105)
    scope = unit_scope(user)
    rows = {r["id"]: r for r in store.petitions(ids=[i["petition_id"] for i in items], cases=True)
            if scope is None or r["unit_id"] == scope}
    views = {v["id"]: v for v in case_views(store, list(rows.values()), redacts(user), user, history=False)}
    hide = redacts(user)
    out = []
    for i in items:
        v = views.get(i["petition_id"])
        if v is None:
            continue
        out.append({**v, "petition": v["id"], "passed": i["passed"],
                    "note": redact(i["note"], case_persons(rows[v["id"]])) if hide else i["note"],
                    "checked_by": i["checked_by"],
                    "checked_at": iso_time(i["checked_at"])})
    drawn = sc["petitions"] if scope is None else [i["petition"] for i in out]
    view = _spotcheck_view(sc, drawn)
    checked = [i for i in out if i["passed"] is not None]
    return {**view, "items": out, "drawn": len(out), "checked": len(checked),
            "passed": sum(1 for i in checked if i["passed"])}


def check(store, user: dict, spotcheck_id: int, petition_id: int, passed, note=None,
          version: int | None = None, then=None) -> dict:
    """The check of one drawn case (a step of the lifecycle): passed, or failed with a note — then the case is
    reopened in the same transaction.  404 for a spot check that is not there or a case it did not draw.
    ``then`` as for :func:`supervise`."""
    sc, items = store.spotcheck(spotcheck_id)
    if sc is None:
        raise NotFound(Messages.O105)
    if not any(i["petition_id"] == petition_id for i in items):
        raise NotFound(Messages.O106)
    return apply(store, user, petition_id, "spotcheck", {"spotcheck_id": spotcheck_id, "passed": passed,
                                                         "note": note}, version=version, then=then)


def check_many(store, user: dict, spotcheck_id: int, items: list) -> dict:
    """The checks of several drawn cases at once (the spot check's form): ``items`` ``[{"petition", "passed",
    "note", "version"}]``, each its own step (:func:`check`), one refused leaves the others done → ``{"done": [ids],
    "failed": [{"id", "name", "error"}]}`` (:func:`.lifecycle.each_case`)."""
    return each_case(store, user, ((i["petition"], i) for i in items),
                     lambda pid, i: check(store, user, spotcheck_id, pid, i["passed"], i.get("note"), i.get("version")))
