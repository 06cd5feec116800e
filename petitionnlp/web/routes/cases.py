"""Cases, page and API side by side (CONTRACT.md "Case lifecycle" and "Case integrity"): the case list (a unit
handler's 我的案件), one case with its history, a correction, and every step of the lifecycle — assign, accept,
report, review, reject, reopen — one by one or a selection at once.  Each page and its API twin call the same
method of the office; a step the case's state does not allow is the office's 409, with the steps allowed now."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from pydantic import Field

from ...office.cases import BULK_ACTIONS
from ...office.lifecycle import CLOSURES, COUNTS, MAX_REPORT_TEXT, REJECT_KINDS, STATUSES, VERIFIED
from ...office.roles import allowed, denied
from ...office.inputs import COUNTS_MAX, MAX_VERSION
from ...office.labels import case_name, label
from ..deps import Body, Id, Office, Text, Version, api_period, form, form_decimal, form_int, page, text_int, require
from ..batchpage import batch_path, show_batch_or
from ..casepage import case_again, show_case
from ..render import back, here, json_answer, next_parts, notice, outcome, refused_words, render_form, safe_next
from .routers import api, pages

REPORT_FIELDS = ("verified", "findings", "actions", "accountability", "closure")
# the permission each action of the case pages needs (bulk actions and the case page's steps), checked before the
# office is asked: a role that may never take it gets 403, not the case page shown again with a refusal
BULK_NEEDS = {"assign": "assign", "accept": "report", "approve": "review", "return": "review", "reject": "review",
              "reopen": "review"}


class PetitionPatch(Body):
    pollution_types: list[Text] | None = Field(None, max_length=8)
    city: Text | None = Field(None, max_length=64, description="市（地名库中的名称，可简写）")
    county: Text | None = Field(None, max_length=64, description="县（区），其市、省随之确定")
    region: Text | None = Field(None, max_length=200, description="省/市/县，如 湖南省/衡阳市/常宁市")
    status: Text | None = Field(None, max_length=8, description="只能经办理步骤改变：待办 → 办理中 即签收")
    unit: Text | None = Field(None, max_length=128, description="责任单位名称；null 收回为未分配（仅待办）")
    version: Version | None = Field(None, description="the version the change was read at (409 when stale)")


class ReportIn(Body):
    verified: Text | None = Field(None, max_length=20, description="是否属实：属实|基本属实|部分属实|不属实")
    findings: Text | None = Field(None, max_length=MAX_REPORT_TEXT, description="调查核实情况")
    actions: Text | None = Field(None, max_length=MAX_REPORT_TEXT, description="处理和整改情况")
    accountability: Text | None = Field(None, max_length=MAX_REPORT_TEXT, description="责任人被问责情况")
    closure: Text | None = Field(None, max_length=20, description="已办结|阶段性办结|未办结")
    counts: dict[str, Any] | None = Field(
        None, description="、".join(f"{k}（{w}，{u}）" for k, (w, u) in COUNTS.items()) + "：JSON 数，非负，"
                          "家/人/件为整数，fine_wan 可有小数；缺少的为 0（the office checks them: parse_report）")
    version: Version | None = None


class ReviewIn(Body):
    decision: Literal["approve", "return"]
    reason: Text | None = Field(None, max_length=2000)
    version: Version | None = None


class StepIn(Body):
    version: Version | None = None


class ReopenIn(Body):
    reason: Text = Field(..., max_length=2000, description="重新办理理由")
    due_date: Text | None = Field(None, max_length=10,
                                  description="新的办理期限 YYYY-MM-DD（不给则按原回复期限从今天起重新计算）")
    version: Version | None = None


class RejectIn(Body):
    reason: Text | None = Field(None, max_length=2000, description="不受理理由（只给类别时即类别名称）")
    kind: Text | None = Field(None, max_length=20, description="不受理类别：" + "、".join(REJECT_KINDS))
    duplicate_of: Id | None = Field(None, description="与在办件重复：那一件信访件的编号")
    version: Version | None = None


class BulkIn(Body):
    ids: list[Id] = Field(..., min_length=1, max_length=5000)
    action: Literal["assign", "accept", "approve", "return"]
    unit: Text | None = Field(None, max_length=128)
    reason: Text | None = Field(None, max_length=2000)


def _may(user: dict, action: str) -> None:
    if not allowed(user, BULK_NEEDS.get(action, "review")):
        raise HTTPException(403, denied(user))


def _name(p: dict) -> str:
    return case_name(p["receipt_id"], p["id"])


# --------------------------------------------------------------------------------------------- the lists

@api.get("/petitions", summary="信访件（案件）列表：状态、责任单位、逾期、批次；属地经办人只见本单位")
def list_petitions(wb: Office, user: Annotated[dict, Depends(require("cases"))],
                   status: Annotated[str | None, Query(max_length=8)] = None,
                   unit: Annotated[str | None, Query(max_length=128)] = None,
                   overdue: Annotated[str | None, Query(max_length=5, description="true|false")] = None,
                   batch_id: Annotated[text_int("batch_id", lo=1), Query()] = None,
                   q: Annotated[str | None, Query(max_length=100, description="受理编号或正文中的字词")] = None,
                   from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
                   sort: Literal["due", "row"] = "due"):
    flags = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": None}
    if (overdue or "").lower() not in flags:
        raise HTTPException(422, f"overdue 应为 true 或 false，收到的是：{overdue}")
    date_from, date_to = api_period(from_, to)
    views, _ = wb.cases(user, status=status or None, unit=unit or None, overdue=flags[(overdue or "").lower()],
                        batch_id=batch_id, q=q, date_from=date_from, date_to=date_to,
                        sort=sort)  # an empty filter (?status=&unit=) is no filter
    return json_answer({"petitions": views})


@pages.get("/cases")
def cases_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("cases"))]):
    """A unit handler's 我的案件 (its own cases, by deadline, each with the report form); the office's case list."""
    return _cases(request, wb, session, request.query_params, here(request), notice(request))


def _cases(request: Request, wb, session: dict, q, next_: str, message: str | None, typed: dict | None = None):
    """The case list (``q``: its filters); after a refused bulk form (``typed``: the cases ticked, the unit chosen)
    the same list with the refusal, ticked as it was."""
    user = session["user"]
    status = q.get("status") if q.get("status") in STATUSES else None
    overdue = True if q.get("overdue") == "1" else None
    unit = (q.get("unit") or "").strip() or None
    text = (q.get("q") or "").strip()[:100] or None
    views, total = wb.cases(user, history=False, limit=500, status=status, unit=unit, overdue=overdue, q=text)
    mine = user["role"] == "unit"
    return render_form(request, "cases.html", session, typed, cases=views, total=total,
                       mine=mine, reminders=wb.reminders(user) if mine else None, days=wb.remind_days(),
                       my_unit=wb.unit_name(user.get("unit_id")) if mine else None,
                       units=wb.units() if allowed(user, "assign") else [],
                       filters={"status": status or "", "unit": unit or "", "overdue": overdue, "q": text or ""},
                       here=next_, verified=VERIFIED, closures=CLOSURES, counts=COUNTS, message=message)


@pages.get("/review")
def review_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("review"))]):
    return _review(request, wb, session, here(request), notice(request))


def _review(request: Request, wb, session: dict, next_: str, message: str | None, typed: dict | None = None):
    """The reports waiting for review; after a refused bulk form (``typed``: the reports ticked, the reason typed)
    the same list with the refusal and what was typed."""
    views, _ = wb.cases(session["user"], history=False, status="待审核")
    return render_form(request, "review.html", session, typed, cases=views, here=next_,
                       counts=COUNTS, message=message)


def _batch_or_cases(request: Request, wb, session: dict, batch_id: int, q, to: str, message: str, typed: dict):
    """A batch's queue shown again after its refused bulk 交办; for a 'next' naming a batch that is not there, the
    case list (its own bulk form), so that what was ticked and chosen is not lost."""
    return show_batch_or(lambda: _cases(request, wb, session, {}, "/cases", message, typed),
                         request, wb, session, batch_id, q, to.partition("#")[0], message, typed)


@api.get("/units", summary="责任单位（按行政区划顺序）")
def units(wb: Office, user: Annotated[dict, Depends(require("assign"))]):
    return {"units": [{"name": u["name"], "region": "/".join(x for x in (u["province"], u["city"], u["county"]) if x)
                       or None} for u in wb.units()]}


# ------------------------------------------------------------------------------------------------ a case

@api.get("/petitions/{petition_id}", summary="一件信访件：受理编号、责任单位、期限、报告、版本、办理经过、可做的步骤")
def petition(petition_id: int, wb: Office, user: Annotated[dict, Depends(require("cases"))]):
    return wb.case(user, petition_id)


@pages.get("/cases/{petition_id}")
def case_page(petition_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page("cases"))]):
    return show_case(request, wb, session, petition_id, here(request), notice(request))


@api.patch("/petitions/{petition_id}", summary="更正类型、属地，或改派责任单位（编辑、管理员）；状态只经办理步骤改变")
def correct(petition_id: int, body: PetitionPatch, wb: Office, user: Annotated[dict, Depends(require("correct"))]):
    changes = body.model_dump(exclude_unset=True)
    version = changes.pop("version", None)
    if not changes:
        raise HTTPException(422, "没有要更正的内容：可更正 pollution_types、city、county、region、unit")
    return wb.change_case(user, petition_id, changes, version)


# ------------------------------------------------------------------------------------------------- steps

@api.post("/petitions/{petition_id}/accept", summary="签收：待办 → 办理中（本单位经办人、编辑、管理员）")
def accept(petition_id: int, wb: Office, user: Annotated[dict, Depends(require("report"))], body: StepIn | None = None):
    return wb.step(user, petition_id, "accept", version=body.version if body else None)


@api.post("/petitions/{petition_id}/report", summary="报送办理情况（本单位经办人、编辑、管理员）")
def report(petition_id: int, body: ReportIn, wb: Office, user: Annotated[dict, Depends(require("report"))]):
    data = body.model_dump()
    version = data.pop("version", None)
    return wb.step(user, petition_id, "report", data, version)


@api.post("/petitions/{petition_id}/review", summary="审核报告：通过或退回（编辑、管理员）")
def review(petition_id: int, body: ReviewIn, wb: Office, user: Annotated[dict, Depends(require("review"))]):
    return wb.step(user, petition_id, "review", {"decision": body.decision, "reason": body.reason}, body.version)


@api.post("/petitions/{petition_id}/reject",
          summary="不受理：待办 → 不受理，写明理由与类别（不属于本机关职责、非生态环境问题、与在办件重复），重复件链接到在办件（编辑、管理员）")
def reject(petition_id: int, body: RejectIn, wb: Office, user: Annotated[dict, Depends(require("review"))]):
    return wb.step(user, petition_id, "reject", {"reason": body.reason, "kind": body.kind,
                                                 "duplicate_of": body.duplicate_of}, body.version)


@api.post("/petitions/{petition_id}/reopen", summary="重新办理：已办结、阶段性办结、不受理 → 办理中（编辑、管理员）")
def reopen(petition_id: int, body: ReopenIn, wb: Office, user: Annotated[dict, Depends(require("review"))]):
    return wb.step(user, petition_id, "reopen", {"reason": body.reason, "due_date": body.due_date}, body.version)


@api.post("/petitions/bulk", summary="批量交办、签收、审核通过或退回（编辑、管理员）")
def bulk(body: BulkIn, wb: Office, user: Annotated[dict, Depends(require("assign"))]):
    _may(user, body.action)
    return wb.bulk(user, body.ids, body.action, body.unit, body.reason)


def _version(got) -> int | None:
    return form_int(got, "version", lo=1, hi=MAX_VERSION)


def _form_counts(got) -> dict:
    """The report form's counts (count_rectify …): digits within :data:`.inputs.COUNTS_MAX`, 罚款 with a decimal
    point; empty is 0.  A refusal names the field as the form does (责令整改（家）), never its code."""
    return {k: (form_decimal(got, f"count_{k}", hi=COUNTS_MAX[k], field=label("detail", k)) if k == "fine_wan" else
                form_int(got, f"count_{k}", hi=COUNTS_MAX[k], field=label("detail", k))) or 0 for k in COUNTS}


@pages.post("/cases/{petition_id}/report")
async def report_page(petition_id: int, request: Request, wb: Office,
                      session: Annotated[dict, Depends(page("report"))]):
    got = await form(request, session)
    body = {k: got.get(k) for k in REPORT_FIELDS}
    to = safe_next(got.get("next"), f"/cases/{petition_id}")
    typed = {"form": "report", **{k: str(v or "") for k, v in body.items()},
             "counts": {k: str(got.get(f"count_{k}") or "") for k in COUNTS}}
    return outcome(to, lambda: wb.step(session["user"], petition_id, "report", {**body, "counts": _form_counts(got)},
                                       _version(got)),
                   lambda p: f"已报送 {_name(p)} 的办理情况，等待审核", "未报送",
                   again=case_again(request, wb, session, petition_id, to, typed))


@pages.post("/cases/{petition_id}/review")
async def review_form(petition_id: int, request: Request, wb: Office,
                      session: Annotated[dict, Depends(page("review"))]):
    got = await form(request, session)
    decision = "return" if got.get("decision") == "return" else "approve"
    to = safe_next(got.get("next"), "/review")
    typed = {"form": "review", "reason": str(got.get("reason") or "")}
    return outcome(to, lambda: wb.step(session["user"], petition_id, "review",
                                       {"decision": decision, "reason": typed["reason"]}, _version(got)),
                   lambda p: f"{_name(p)} 已审核通过（{p['status']}）" if decision == "approve" else f"{_name(p)} 已退回",
                   again=case_again(request, wb, session, petition_id, to, typed) if typed["reason"] else None)


@pages.post("/cases/{petition_id}/assign")
async def assign_form(petition_id: int, request: Request, wb: Office,
                      session: Annotated[dict, Depends(page("assign"))]):
    got = await form(request, session)
    return outcome(safe_next(got.get("next"), f"/cases/{petition_id}"),
                   lambda: wb.change_case(session["user"], petition_id, {"unit": str(got.get("unit") or "") or None},
                                          _version(got)),
                   lambda p: f"{_name(p)} 已交办 {p['unit'] or '未分配'}", "未交办")


@pages.post("/cases/{petition_id}/step")
async def step_form(petition_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page("cases"))]):
    """签收, 不受理 and 重新办理 from the case page (the office decides whether this user may, now)."""
    got = await form(request, session)
    step = str(got.get("step") or "")
    if step not in ("accept", "reject", "reopen"):
        raise HTTPException(422, "办理步骤应为 签收、不受理 或 重新办理")
    _may(session["user"], step)
    body = {"reason": got.get("reason"), "duplicate_of": got.get("duplicate_of") or None} if step != "accept" else {}
    if step == "reject":
        body["kind"] = got.get("kind") or None
    if step == "reopen":
        body["due_date"] = got.get("due_date") or None
    names = {"accept": "已签收", "reject": "已作不受理处理", "reopen": "已重新办理"}
    to = safe_next(got.get("next"), f"/cases/{petition_id}")
    typed = {"form": step, **{k: str(got.get(k) or "") for k in ("kind", "duplicate_of", "reason", "due_date")}}
    return outcome(to, lambda: wb.step(session["user"], petition_id, step, body, _version(got)),
                   lambda p: f"{_name(p)} {names[step]}" + (f"（{p['status']}）" if step != "reject" else ""),
                   again=case_again(request, wb, session, petition_id, to, typed) if step != "accept" else None)


@pages.post("/cases/bulk")
async def bulk_form(request: Request, wb: Office, session: Annotated[dict, Depends(page("cases"))]):
    """A selection of cases handed over, accepted, approved or returned at once.  On a refusal the list the form
    came from (the case list, the review list) is shown again at once (422) with the message, the cases refused
    still ticked and the unit or the reason as typed; the others are done."""
    got = await form(request, session)
    to = safe_next(got.get("next"), "/cases")
    action = str(got.get("action") or "")
    _may(session["user"], action)
    ids = [int(v) for v in got.getlist("ids") if isinstance(v, str) and v.isascii() and v.isdigit() and len(v) < 19]
    if not ids:
        return back(to, m="请先勾选信访件")
    what = BULK_ACTIONS.get(action, action)
    unit, reason = str(got.get("unit") or ""), str(got.get("reason") or "")

    def said(r: dict) -> str:
        failed = f"，{len(r['failed'])} 件未完成：{refused_words(r['failed'])}" if r["failed"] else ""
        return f"已{what} {len(r['done'])} 件{failed}"

    path, q = next_parts(to)
    # a list shown again only to whom its own page opens (the role of /review's GET, not the bulk form's)
    lists = {"/cases": ("cases", lambda m, typed: _cases(request, wb, session, q, to, m, typed)),
             "/review": ("review", lambda m, typed: _review(request, wb, session, to, m, typed))}
    batch_id = batch_path(path)
    if batch_id is not None:  # a batch's queue (its bulk 交办); a batch that is not there: the case list
        lists[path] = ("read", lambda m, typed: _batch_or_cases(request, wb, session, batch_id, q, to, m, typed))
    need, shown = lists.get(path, (None, None))
    if need and not allowed(session["user"], need):
        shown = None

    def again(message: str, refused):  # the list again, the refused cases ticked, what was typed kept
        typed = {"ids": set(refused), "unit": unit, "reason": reason}
        return shown(message, typed) if shown is not None else back(to, m=message)

    return outcome(to, lambda: wb.bulk(session["user"], ids, action, unit or None, reason or None), said,
                   f"未{what}" if action in BULK_ACTIONS else "未完成", again=lambda message: again(message, ids),
                   partly=lambda r: again(said(r), [f["id"] for f in r["failed"]]) if r["failed"] else None)
