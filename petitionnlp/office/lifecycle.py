"""A case's life: the statuses, the table of steps between them (CONTRACT.md, "Case integrity"), and the one
function that changes a case, :func:`apply`.

Every change of a stored case goes through :func:`apply` — a step of the table (assign, accept, report, review,
reject, reopen, and the steps that close the loop: callback, supervise, spotcheck), a person's correction of its types or place, or both — whether it comes from a page, the API, a
bulk action, an uploaded returned table or the command line.  It works inside one transaction on the locked row
(:meth:`.store.Store.locked_petition`): who may see the case, whether the step is open from its status to this user,
whether the version the change was read at is still the case's, and the write itself (the case, its report, a
history step and an audit event) cannot be interleaved by another request.  A refusal writes nothing.

A callback (回访) whose result is 不满意 and a failed spot check (抽查复核) reopen the case in the same transaction
(→ 办理中, a ``reopen`` step in its history with the note as the reason); the unit reports again, in a new round
(``Petition.reopened`` + 1), and the earlier round's report stays.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..dates import chinese_date
from . import inputs
from .clock import office_today
from .errors import Conflict, Invalid, Messages, NotFound, OfficeError, Stale
from .labels import case_name
from .roles import unit_scope
from .tables import (AuditEvent, Batch, Callback, CaseEvent, Correction, Report, SpotcheckItem, now,
                     row_dict)

__all__ = ["STATUSES", "CLOSED", "REJECTED", "OPEN", "Transition", "TRANSITIONS", "STEPS", "STEP_NAMES",
           "VERIFIED", "CLOSURES", "COUNTS", "MAX_REPORT_TEXT", "REJECT_KINDS", "DUPLICATE", "CALLBACK_RESULTS",
           "SUPERVISABLE", "MAX_NOTE", "allowed_steps", "apply", "each_case", "name_refused", "check_version", "parse_report", "step_body"]

STATUSES = ("待办", "办理中", "待审核", "退回", "已办结", "阶段性办结", "不受理")
CLOSED = ("已办结", "阶段性办结")  # 办结: counted in 办结率 and published in the 公开表
REJECTED = "不受理"                # not handled: counted apart, never overdue
OPEN = tuple(s for s in STATUSES if s not in CLOSED and s != REJECTED)  # a deadline runs

OFFICE = ("editor", "admin")
UNIT_OR_OFFICE = ("unit", "editor", "admin")  # "unit": the case's own unit only


class Transition(NamedTuple):
    step: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    by: tuple[str, ...]
    how: str
    when: str | None = None  # a field of the case that must be set (non-zero) too: a spot check waiting for it


SUPERVISABLE = ("待办", "办理中", "退回")  # 督办: the case is with its unit


# the lifecycle as data, row for row as CONTRACT.md "Case integrity" gives it (the README draws it from here)
TRANSITIONS = (
    Transition("assign", ("待办",), ("待办",), OFFICE, "PATCH … {\"unit\"}, bulk hand-over"),
    Transition("accept", ("待办",), ("办理中",), UNIT_OR_OFFICE, "POST …/accept (签收)"),
    Transition("report", ("待办", "办理中", "退回"), ("待审核",), UNIT_OR_OFFICE, "POST …/report"),
    Transition("review", ("待审核",), ("已办结", "阶段性办结", "办理中"), OFFICE,
               "POST …/review approve (by the report's closure)"),
    Transition("review", ("待审核",), ("退回",), OFFICE, "POST …/review return, with a reason"),
    Transition("report", ("阶段性办结",), ("待审核",), UNIT_OR_OFFICE, "a later report"),
    Transition("reject", ("待办",), ("不受理",), OFFICE, "POST …/reject with a reason"),
    Transition("reopen", ("已办结", "阶段性办结", "不受理"), ("办理中",), OFFICE, "POST …/reopen with a reason"),
    # closing the loop (CONTRACT.md "Closing the loop")
    Transition("callback", CLOSED, CLOSED, OFFICE, "POST …/callback 满意、基本满意、未联系上"),
    Transition("callback", CLOSED, ("办理中",), OFFICE, "POST …/callback 不满意: reopened at once"),
    Transition("supervise", SUPERVISABLE, SUPERVISABLE, OFFICE, "POST …/supervise (督办: a new deadline)"),
    Transition("spotcheck", CLOSED, CLOSED, OFFICE, "POST /spotchecks/{id}/items/{petition_id} passed",
               "spotcheck_pending"),
    Transition("spotcheck", CLOSED, ("办理中",), OFFICE, "… failed: reopened at once", "spotcheck_pending"),
)
STEP_NAMES = {"assign": "交办", "accept": "签收", "report": "报送", "review": "审核", "reject": "不受理",
              "reopen": "重新办理", "callback": "回访", "supervise": "督办", "spotcheck": "抽查复核"}
STEPS = tuple(STEP_NAMES)

VERIFIED = ("属实", "基本属实", "部分属实", "不属实")
CLOSURES = ("已办结", "阶段性办结", "未办结")
# the figures of a published progress report: field → (what, unit of count)
COUNTS = {"rectify": ("责令整改", "家"), "penalty": ("立案处罚", "家"), "fine_wan": ("罚款", "万元"),
          "investigation": ("立案侦查", "件"), "detained": ("拘留", "人"), "interviewed": ("约谈", "人"),
          "accountable": ("问责", "人")}
INDEXED = {"pollution_types", "province", "city", "county"}  # a case's fields the search index holds
MAX_REPORT_TEXT = 20_000
MAX_REASON = 2000
MAX_NOTE = 2000
# why the office does not handle a petition (不受理); a duplicate names the case in hand it repeats
DUPLICATE = "与在办件重复"
REJECT_KINDS = ("不属于本机关职责", "非生态环境问题", DUPLICATE, "其他")
CALLBACK_RESULTS = ("满意", "基本满意", "不满意", "未联系上")


def _may(by: tuple[str, ...], user: dict, case) -> bool:
    role = user["role"]
    if role == "unit":
        return "unit" in by and user.get("unit_id") is not None and _get(case, "unit_id") == user.get("unit_id")
    return role in by


def _get(case, key):
    return case[key] if isinstance(case, dict) else getattr(case, key)


def allowed_steps(user: dict, case) -> list[str]:
    """The steps open to this user on this case now (a stored row, as a dict or the ORM object), in the table's
    order: none on a withdrawn case or a row that is no case."""
    if _get(case, "withdrawn") or _get(case, "error"):
        return []
    status = _get(case, "status")
    return list(dict.fromkeys(t.step for t in TRANSITIONS if status in t.sources and _may(t.by, user, case)
                              and (t.when is None or _when(case, t.when))))


def _when(case, field: str) -> bool:
    try:
        return bool(_get(case, field))
    except (KeyError, AttributeError):
        return False


# ------------------------------------------------------------------------------------------- step bodies

def _text(body: dict, name: str, required: bool, what: str, limit: int = MAX_REPORT_TEXT) -> str | None:
    return inputs.text(body.get(name), name, required=required, what=what, limit=limit)


def _count(value, name: str) -> float | int:
    """A report count: a JSON number (:func:`.inputs.number`), whole where it counts 家/人/件, 罚款 in 万元 to four
    decimals; missing is 0."""
    whole = name != "fine_wan"
    got = inputs.number(value, f"counts.{name}", whole=whole, hi=inputs.COUNTS_MAX[name])
    return got if whole else round(float(got), 4)


def parse_report(body: dict) -> dict:
    """A report's fields checked: verified, findings and closure required (:class:`Invalid` names what is
    missing or wrong), counts as numbers (missing ones 0)."""
    verified = _text(body, "verified", True, "是否属实")
    findings = _text(body, "findings", True, "调查核实情况")
    closure = _text(body, "closure", True, "办结情况")
    if verified not in VERIFIED:
        raise Invalid(Messages.O201.format(choices="、".join(VERIFIED), what="是否属实", value=verified[:20]),
                      field="verified")
    if closure not in CLOSURES:
        raise Invalid(Messages.O201.format(choices="、".join(CLOSURES), what="办结情况", value=closure[:20]),
                      field="closure")
    counts = body.get("counts")
    counts = {} if counts is None else counts
    if not isinstance(counts, dict):
        raise Invalid(Messages.O206)
    unknown = [k for k in counts if k not in COUNTS]
    if unknown:
        raise Invalid(Messages.O205.format(what=inputs.field_name("counts"),
                                           names=inputs.cell("、".join(map(str, unknown))[:60]),
                                           known="、".join(f"{k}（{what}）" for k, (what, _) in COUNTS.items())),
                      field="counts")
    return {"verified": verified, "findings": findings, "actions": _text(body, "actions", False, "处理和整改情况"),
            "accountability": _text(body, "accountability", False, "责任人被问责情况"), "closure": closure,
            "counts": {k: _count(counts[k], k) if k in counts else 0 for k in COUNTS}}


def step_body(step: str, body: dict | None) -> dict:
    """A step's body checked (:class:`Invalid` says what is wrong); :func:`apply` checks it once the step is open
    to the user on the case, inside its transaction, before anything is written."""
    body = dict(body or {})
    if step not in STEP_NAMES:
        raise Invalid(Messages.O201.format(choices="、".join(STEP_NAMES.values()), what="办理步骤", value=step[:20]),
                      field="step")
    if step == "report":
        return parse_report(body)
    if step == "review":
        decision = body.get("decision")
        if decision not in ("approve", "return"):
            raise Invalid(Messages.O201.format(choices="approve（通过）、return（退回）", what="审核结论",
                                               value=str(decision)[:20]), field="decision")
        reason = _text(body, "reason", decision == "return", "退回理由", MAX_REASON)
        return {"decision": decision, "reason": reason}
    if step == "reject":
        return _reject_body(body)
    if step == "reopen":
        return {"reason": _text(body, "reason", True, "重新办理理由", MAX_REASON), "due_date": _day(body, False)}
    if step == "callback":
        result = _text(body, "result", True, "回访结果", 20)
        if result not in CALLBACK_RESULTS:
            raise Invalid(Messages.O201.format(field="result", choices=" / ".join(CALLBACK_RESULTS), what="回访结果",
                                               value=result[:20]))
        return {"result": result, "note": _text(body, "note", False, "回访情况", MAX_NOTE)}
    if step == "supervise":
        return {"due_date": _day(body, True), "note": _text(body, "note", False, "督办意见", MAX_NOTE)}
    if step == "spotcheck":
        passed = body.get("passed")
        if not isinstance(passed, bool):
            raise Invalid(Messages.O230)
        return {"spotcheck_id": int(body["spotcheck_id"]), "passed": passed,
                "note": _text(body, "note", not passed, "复核意见（未通过时必填）", MAX_NOTE)}
    if step == "assign":
        return {"unit_id": body.get("unit_id"), "unit": body.get("unit")}
    return {}


def _day(body: dict, required: bool) -> str | None:
    """A new deadline (``due_date``, YYYY-MM-DD) of 督办 (required) or of 重新办理 (optional): today or later — one
    already past would leave the case overdue the moment it is given."""
    due = _text(body, "due_date", required, "新的办理期限", 40)
    if due is None:
        return None
    try:
        day = dt.date.fromisoformat(due)
    except ValueError:
        raise Invalid(Messages.O216.format(name="新的办理期限", value=due[:20]), field="due_date") from None
    today = office_today()
    if day < today:
        raise Invalid(Messages.O240.format(today=chinese_date(today), value=chinese_date(day)), field="due_date")
    return day.isoformat()


def _reject_body(body: dict) -> dict:
    """不受理: a reason (free text; the kind's name when only a kind is given), its kind (a duplicate when it
    names the case it repeats) and that case: the API's number, or a form's text — the 受理编号 the clerk reads (or
    a case's number), resolved inside the change (:func:`_duplicate`)."""
    dup = body.get("duplicate_of")
    if isinstance(dup, str):  # a form: the 受理编号 a clerk reads (or a case's number), resolved in :func:`_duplicate`
        dup = _text(body, "duplicate_of", False, "重复件的受理编号", 64)
    else:
        try:  # the API: a case's number (:mod:`.inputs`: never true or 1e3)
            dup = inputs.whole(dup, "duplicate_of", lo=1)
        except Invalid:
            raise Invalid(Messages.O222, field="duplicate_of") from None
    kind = _text(body, "kind", False, "不受理类别", 20)
    if kind is not None and kind not in REJECT_KINDS:
        raise Invalid(Messages.O201.format(field="kind", choices=" / ".join(REJECT_KINDS), what="不受理类别",
                                           value=kind[:20]))
    if kind == DUPLICATE and dup is None:
        raise Invalid(Messages.O228)
    if dup is not None:
        kind = DUPLICATE
    reason = _text(body, "reason", kind is None, "不受理理由", MAX_REASON) or kind
    return {"reason": reason, "kind": kind or "其他", "duplicate_of": dup}


# ------------------------------------------------------------------------------------------- the change

def check_version(record, expected_version: int | None, **state) -> None:
    """Refuse (:class:`Stale`) a change made on a stale read: the record's ``version`` differs from the one the
    client sent.  Without one, changes apply in arrival order."""
    if expected_version is None or not hasattr(record, "version"):
        return
    current = record.version or 1
    if inputs.number(expected_version, "version", lo=1, hi=inputs.MAX_VERSION) != current:
        raise Stale(Messages.O301.format(current=current), **{**state, "version": current})


def batch_deadline(p, due: str | None) -> tuple[str | None, bool]:
    """The deadline a batch's corrected dates give its case ``p`` (a stored row being changed): ``(due, False)`` for
    an open case the batch's new deadline reaches; ``(None, True)`` for an open case whose deadline was set on it
    by a person (督办, 重新办理), which keeps it; ``(None, False)`` when the batch's dates do not touch its
    deadline (closed, not accepted, or already due then).  The one rule of a batch's dates on its cases' deadlines."""
    if p.status not in OPEN or p.due_date == due:
        return None, False
    if p.supervised or p.reopened:
        return None, True
    return due, False


def each_case(store, user: dict, items, do) -> dict:
    """A step on many cases at once — the one loop of every bulk path (a selection handed over, accepted, approved
    or returned; 回访; 督办; 抽查复核): ``do(petition_id, what)`` for each ``(petition_id, what)`` of ``items`` in the
    order given, each case its own step (one transaction through :func:`apply`), so that one refused leaves the
    others done → ``{"done": [ids], "failed": [{"id", "name", "error"}]}``, each refused case named as a clerk knows
    it (:func:`name_refused`)."""
    done, failed = [], []
    for pid, what in items:
        try:
            do(pid, what)
            done.append(pid)
        except OfficeError as exc:
            failed.append({"id": pid, "error": exc.message})
    return {"done": done, "failed": name_refused(store, user, failed)}


def name_refused(store, user: dict, failed: list[dict]) -> list[dict]:
    """The refused cases of a step on many (``[{"id", "error"}]``) each with its ``name`` as a clerk knows it
    (:func:`.labels.case_name`): its 受理编号 when this user may see the case, else 信访件 <id> — an id typed for
    another unit's case, or for none, tells nothing more of it than the id that was typed."""
    ids = {f["id"] for f in failed}
    seen = {r["id"]: r["receipt_id"] for r in store.petitions(ids=ids, cases=True, unit_id=unit_scope(user),
                                                               light=True)} if ids else {}
    return [{**f, "name": case_name(seen.get(f["id"]), f["id"])} for f in failed]


def apply(store, user: dict, petition_id: int, step: str | None = None, body: dict | None = None, *,
          changes=None, status: str | None = None, version: int | None = None, then=None):
    """Change one case atomically and return its stored row: ``step`` (a name of :data:`TRANSITIONS`, its body
    checked by :func:`step_body` once the step is known to be open: a case that is not there or a step not open
    now is said before a missing field), ``changes`` (checked corrections of its fields: pollution_types, province,
    city, county; or a function of the case as locked that gives them, for corrections that depend on the case),
    ``status`` (a status asked for by name: the one step without a body that leads there, accept, or nothing when
    it is the case's status already), all in one transaction with one new version.

    Refused, with nothing written: :class:`NotFound` (no such case, or not one this user may see),
    :class:`Stale` (``version`` is not the case's), :class:`Conflict` (the step is not open to this user from the
    case's status now); each refusal carries the steps ``allowed`` now, the case's ``status`` and ``version``.

    ``then(session, row)``: what to answer, read inside the same transaction (the case as its reader sees it, with
    its report and history), so that an answer never depends on the database after the change is committed:
    the change and its answer stand or fall together."""
    if step and step not in STEP_NAMES:
        step_body(step, body)  # no such step: said at once
    scope = unit_scope(user)
    with store.locked_petition(petition_id) as (s, p):
        if p is None or p.error or (scope is not None and p.unit_id != scope) or (p.withdrawn and user["role"] != "admin"):
            raise NotFound(Messages.O100)
        state = {"allowed": allowed_steps(user, p), "status": p.status, "version": p.version or 1}
        if p.withdrawn:
            raise Conflict(Messages.O305, **state)
        check_version(p, version, **state)
        steps = [(step, body, True)] if step else []
        if status is not None and status != p.status:
            leads = [t.step for t in TRANSITIONS if t.step == "accept" and t.targets == (status,)]
            if not leads:
                raise Conflict(Messages.O302.format(status=status), **state)
            steps.append((leads[0], {}, False))
        if callable(changes):
            changes = changes(row_dict(p))
        events = _correct(s, p, user, changes, store.follow) if changes else []
        for name, got, asked in steps:  # each checked against the case as the step before left it
            open_now = allowed_steps(user, p)
            if name not in open_now:
                raise Conflict(Messages.O300.format(name=case_name(p.receipt_id, p.id), status=p.status,
                                                    step=STEP_NAMES[name], why="",
                                                    allowed="、".join(STEP_NAMES[a] for a in open_now) or "无"),
                               **state)
            events += _effect(s, p, user, name, step_body(name, got) if asked else got)
        if events:
            p.version = (p.version or 1) + 1
            p.updated_at = now()
            for action, detail in events:
                s.add(CaseEvent(petition_id=p.id, user=user["username"], action=action, detail=detail))
                s.add(AuditEvent(user=user["username"], action=action, target=f"petition:{p.id}", detail=detail))
        if then is None:
            return row_dict(p)
        s.flush()
        return then(s, row_dict(p))


def _correct(s, p, user: dict, changes: dict, follow) -> list[tuple[str, dict]]:
    """The checked corrections on the locked case; ``follow``: the store's outbox writer (:meth:`Store.follow`)."""
    done = {}
    for field, value in changes.items():
        old = getattr(p, field)
        if old == value:
            continue
        setattr(p, field, value)
        s.add(Correction(petition_id=p.id, user_id=user["id"], field=field, old=old, new=value))
        done[field] = {"old": old, "new": value}
    if {"province", "city"} & set(done):
        _repeats_keep_one_place(s, p)
    if "pollution_types" in done:
        p.types_source = "更正"
    if done:
        p.corrected = True
    if INDEXED & set(done):  # the search index follows, from the outbox written with the change (.index)
        follow(s, "petition", p.id)
    return [("correct", done)] if done else []


def _effect(s, p, user: dict, step: str, body: dict) -> list[tuple[str, dict]]:
    """What a step does to the locked case (its checks passed); the history steps it makes."""
    from sqlalchemy import select

    old = p.status
    if step == "assign":
        if p.unit_id == body["unit_id"]:
            return []
        s.add(Correction(petition_id=p.id, user_id=user["id"], field="unit_id", old=p.unit_id, new=body["unit_id"]))
        detail = {"unit": body["unit"], "unit_id": {"old": p.unit_id, "new": body["unit_id"]}}
        p.unit_id = body["unit_id"]
        return [("assign", detail)]
    if step == "report":
        s.add(Report(petition_id=p.id, user=user["username"], round=(p.reopened or 0) + 1, **body))
        p.status = "待审核"
        return [("report", {"closure": body["closure"], "verified": body["verified"],
                            "status": {"old": old, "new": p.status}})]
    if step == "review":
        r = s.scalar(select(Report).where(Report.petition_id == p.id).order_by(Report.id.desc()).limit(1))
        if r is None or r.review is not None:  # 待审核 without a report waiting: a database older than the lifecycle
            raise Conflict(Messages.O300.format(name=case_name(p.receipt_id, p.id), status=p.status, step="审核",
                                                why="（没有待审核的报告）", allowed="无"),
                           allowed=[], status=p.status, version=p.version or 1)
        decision, reason = body["decision"], body["reason"]
        r.review, r.review_reason, r.reviewed_by, r.reviewed_at = decision, reason, user["username"], now()
        p.status = ({"已办结": "已办结", "阶段性办结": "阶段性办结"}.get(r.closure, "办理中")
                    if decision == "approve" else "退回")
        return [("approve" if decision == "approve" else "return",
                 {"status": {"old": old, "new": p.status}, "reason": reason})]
    if step == "accept":
        p.status = "办理中"
        return [(step, {"status": {"old": old, "new": p.status}})]
    if step == "reject":
        detail = {"status": {"old": old, "new": REJECTED}, "reason": body["reason"], "kind": body["kind"],
                  "duplicate_of": None}
        dup = body.get("duplicate_of")
        if dup is not None:
            other = _duplicate(s, p, dup)
            dup = other.id
            detail.update(duplicate_of=dup, duplicate_receipt=other.receipt_id)
        p.status, p.reject_kind, p.reject_reason, p.same_as = REJECTED, body["kind"], body["reason"], dup
        return [(step, detail)]
    if step == "reopen":
        return [_reopen(s, p, body["reason"], due=body["due_date"])]
    if step == "callback":
        return _callback(s, p, user, body)
    if step == "supervise":
        detail = {"due_date": {"old": p.due_date, "new": body["due_date"]}, "note": body["note"],
                  "supervised": True}
        p.due_date, p.supervised, p.supervised_at, p.supervise_note = body["due_date"], True, now(), body["note"]
        return [(step, detail)]
    if step == "spotcheck":
        return _spotcheck(s, p, user, body)
    raise AssertionError(step)  # every step of the table has its branch


def _in_hand(p, other) -> bool:
    return other is not None and other.id != p.id and not other.error and not other.withdrawn \
        and other.status != REJECTED


def _duplicate(s, p, dup):
    """The case in hand a 不受理 repeats: named by its 受理编号 (a form; the latest such case in hand) or by its
    number (the API; a form's digits that are no 受理编号), never the case itself; :class:`Invalid` O229 else.  A
    repeat is the same complaint, so about the same place: a case of another city (both placed) is refused, O241,
    with what to do when this case's place is the one that is wrong."""
    from sqlalchemy import select

    other = None
    if isinstance(dup, str):
        kind = type(p)
        for row in s.scalars(select(kind).where(kind.receipt_id.in_({dup, dup.upper()})).order_by(kind.id.desc())):
            if _in_hand(p, row):
                other = row
                break
        if other is None and dup.isascii() and dup.isdigit() and len(dup) < 19:
            other = s.get(kind, int(dup))
    else:
        other = s.get(type(p), dup)
    # locked until the step is written (a place corrected on it at the same time is told so, or sees the link),
    # and checked as it is once locked: rejected or withdrawn by another clerk since it was read, it is in hand no more
    if _in_hand(p, other):
        other = _lock_other(s, type(p), other.id, other.receipt_id)
    if not _in_hand(p, other):
        raise Invalid(Messages.O229.format(value=str(dup)[:64]), field="duplicate_of")
    here, there = _city(p), _city(other)
    if here and there and here != there:  # a repeat is the same complaint, about one place: not another city's case

        def words(place: tuple[str, str]) -> str:  # the city, with its province when the two differ in it
            return place[1] if here[0] == there[0] else "".join(place)

        raise Invalid(Messages.O241.format(other=case_name(other.receipt_id, other.id), there=words(there),
                                           here=words(here)), field="duplicate_of")
    return other


def _repeats_keep_one_place(s, p) -> None:
    """A corrected place keeps :func:`_duplicate`'s rule for every repeat link of the case, both ways (the case it
    was found a repeat of, the cases found repeats of it): O242 when a linked case lies in another city — reopen
    the repeat (重新办理) first.  The linked cases are locked, as :func:`_duplicate` locks the case it names."""
    from sqlalchemy import select

    here = _city(p)
    if here is None:
        return
    kind = type(p)
    near = (kind.same_as == p.id) | (kind.id == p.same_as) if p.same_as is not None else kind.same_as == p.id
    linked = [_lock_other(s, kind, i, r) for i, r in s.execute(select(kind.id, kind.receipt_id).where(near)
                                                                .order_by(kind.id)).all()]
    for other in linked:
        there = _city(other) if other is not None else None
        if there and there != here:
            raise Invalid(Messages.O242.format(other=case_name(other.receipt_id, other.id), there="".join(there),
                                               here="".join(here)), field="city")


def _lock_other(s, kind, pid: int, receipt: str | None = None):
    """Another case than the step's own, locked for the step without waiting: two clerks who link two cases to
    each other at the same moment (each 不受理 as a repeat of the other, or a repeat beside a place corrected on its
    case) would each wait for the other's lock (PostgreSQL ends that as a deadlock); the one who finds the case
    taken is told so (409, O243) and sends again.  On SQLite the writing transaction holds the whole database."""
    from sqlalchemy.exc import OperationalError

    try:
        return s.get(kind, pid, with_for_update={"nowait": True}, populate_existing=True)
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == "55P03":  # lock_not_available
            raise Conflict(Messages.O243.format(other=case_name(receipt, pid))) from None
        raise


def _city(p) -> tuple[str, str] | None:
    """A case's province and city (a place to compare two cases by), or None when it has no city yet."""
    return (p.province or "", p.city) if p.city else None


def _reopen(s, p, reason: str, via: str | None = None, due: str | None = None) -> tuple[str, dict]:
    """The case back to 办理中 for another round (its 不受理, if it was one, no longer holds), with a new deadline:
    the one given, else its batch's reply days counted again from today by the one due-date rule (never earlier
    than the deadline it had) — a reopened case is not overdue the day it is reopened."""
    old = p.status
    p.status, p.reopened = "办理中", (p.reopened or 0) + 1
    p.reject_kind = p.reject_reason = p.same_as = None
    detail = {"status": {"old": old, "new": p.status}, "reason": reason, "round": p.reopened + 1}
    if via:
        detail["via"] = via
    due = due or _deadline_again(s, p)
    if due and due != p.due_date:
        detail["due_date"] = {"old": p.due_date, "new": due}
        p.due_date = due
    return "reopen", detail


def _deadline_again(s, p) -> str | None:
    """The deadline of a new round: the batch's reply days (as at hand-over) from today, if later than the old."""
    from ..triage import due_date

    batch = s.get(Batch, p.batch_id) if p.batch_id is not None else None
    if batch is None:
        return None
    days = batch.reply_days
    due = due_date(office_today(), days, None if days is None else bool(batch.working_days))
    return due if due and (p.due_date is None or due > p.due_date) else None


def _callback(s, p, user: dict, body: dict) -> list[tuple[str, dict]]:
    """回访: the call recorded against the approved report it follows; 不满意 reopens the case."""
    from sqlalchemy import select

    report = s.scalar(select(Report.id).where(Report.petition_id == p.id, Report.review == "approve")
                      .order_by(Report.id.desc()).limit(1))
    s.add(Callback(petition_id=p.id, report_id=report, user=user["username"], result=body["result"],
                   note=body["note"]))
    events = [("callback", {"result": body["result"], "note": body["note"]})]
    if body["result"] == "不满意":
        events.append(_reopen(s, p, body["note"] or "回访不满意", via="callback"))
    return events


def _spotcheck(s, p, user: dict, body: dict) -> list[tuple[str, dict]]:
    """抽查复核 of a drawn case: passed, or failed (a note required) and reopened."""
    from sqlalchemy import select

    item = s.scalar(select(SpotcheckItem).where(SpotcheckItem.spotcheck_id == body["spotcheck_id"],
                                                SpotcheckItem.petition_id == p.id).with_for_update())
    if item is None:
        raise NotFound(Messages.O106)
    if item.passed is not None:
        raise Conflict(Messages.O306.format(result="通过" if item.passed else "未通过"),
                       allowed=allowed_steps(user, p), status=p.status, version=p.version or 1)
    item.passed, item.note, item.checked_by, item.checked_at = body["passed"], body["note"], user["username"], now()
    p.spotcheck_pending = max(0, (p.spotcheck_pending or 0) - 1)
    events = [("spotcheck", {"spotcheck": body["spotcheck_id"], "passed": body["passed"], "note": body["note"]})]
    if not body["passed"]:
        events.append(_reopen(s, p, body["note"] or "抽查复核未通过", via="spotcheck"))
    return events
