"""The case lifecycle's JSON API under ``/api/v1`` (CONTRACT.md, "Case lifecycle"): the case list and one case,
hand-over by hand and in bulk, report-back, review, progress, the 专报 and the 公开表.  Thin: each route checks the
role (:func:`.api.require`), calls :mod:`.cases` and answers; a unit handler reaches its own unit's cases only."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from . import cases
from .api import Text, _date, require
from .auth import allowed

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["cases"])


@contextmanager
def _answers():
    """The lifecycle's refusals as HTTP answers: not found 404, refused by the rules 422, stale or out of turn 409."""
    try:
        yield
    except cases.NotFound as exc:
        raise HTTPException(404, str(exc)) from None
    except cases.StaleVersion as exc:
        raise HTTPException(409, f"此件已被他人修改，请刷新后再试 (changed since you read it: version is now "
                                 f"{exc.current})") from None
    except cases.CaseStateError as exc:
        raise HTTPException(409, str(exc)) from None
    except ValueError as exc:  # cases.Invalid and the workbench's checks of types, places, statuses
        raise HTTPException(422, str(exc)) from None


class PetitionPatch(BaseModel):
    pollution_types: list[Text] | None = Field(None, max_length=8)
    city: Text | None = Field(None, max_length=64)
    county: Text | None = Field(None, max_length=64)
    status: Literal["待办", "办理中", "已办结"] | None = None  # the rest come from report and review
    unit: Text | None = Field(None, max_length=128, description="责任单位名称；null 收回为未分配")
    version: int | None = Field(None, description="the version the change was read at (409 when stale)")


class Counts(BaseModel):
    rectify: float | None = Field(None, description="责令整改（家）")
    penalty: float | None = Field(None, description="立案处罚（家）")
    fine_wan: float | None = Field(None, description="罚款（万元）")
    investigation: float | None = Field(None, description="立案侦查（件）")
    detained: float | None = Field(None, description="拘留（人）")
    interviewed: float | None = Field(None, description="约谈（人）")
    accountable: float | None = Field(None, description="问责（人）")


class ReportIn(BaseModel):
    verified: Text | None = Field(None, max_length=20, description="是否属实：属实|基本属实|部分属实|不属实")
    findings: Text | None = Field(None, max_length=cases.MAX_REPORT_TEXT, description="调查核实情况")
    actions: Text | None = Field(None, max_length=cases.MAX_REPORT_TEXT, description="处理和整改情况")
    accountability: Text | None = Field(None, max_length=cases.MAX_REPORT_TEXT, description="责任人被问责情况")
    closure: Text | None = Field(None, max_length=20, description="已办结|阶段性办结|未办结")
    counts: dict[str, float | int | None] | None = Field(None, description="、".join(cases.COUNTS))
    version: int | None = None


class ReviewIn(BaseModel):
    decision: Literal["approve", "return"]
    reason: Text | None = Field(None, max_length=2000)
    version: int | None = None


class BulkIn(BaseModel):
    ids: list[int] = Field(..., min_length=1, max_length=5000)
    action: Literal["assign", "approve", "return"]
    unit: Text | None = Field(None, max_length=128)
    reason: Text | None = Field(None, max_length=2000)


def _one(request: Request, user: dict, petition: dict) -> dict:
    store = request.app.state.workbench.store
    return cases.case_views(store, [petition], redact=not allowed(user, "see_personal"))[0]


@router.get("/petitions", summary="信访件（案件）列表：状态、责任单位、逾期、批次；属地经办人只见本单位")
def list_petitions(request: Request, user: Annotated[dict, Depends(require("cases"))],
                   status: Annotated[str | None, Query(max_length=8)] = None,
                   unit: Annotated[str | None, Query(max_length=128)] = None,
                   overdue: Annotated[str | None, Query(max_length=5, description="true|false")] = None,
                   batch_id: Annotated[str | None, Query(max_length=12)] = None,
                   q: Annotated[str | None, Query(max_length=100, description="受理编号或正文中的字词")] = None,
                   from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
                   sort: Literal["due", "row"] = "due"):
    store = request.app.state.workbench.store
    flags = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": None}
    if (overdue or "").lower() not in flags:
        raise HTTPException(422, f"overdue 应为 true 或 false (a boolean): {overdue}")
    if batch_id and not batch_id.isdigit():
        raise HTTPException(422, f"batch_id 应为整数 (a number): {batch_id}")
    with _answers():  # an empty filter (?status=&unit=&overdue=&batch_id=) is no filter
        rows = cases.list_cases(store, user, status or None, unit or None, flags[(overdue or "").lower()],
                                int(batch_id) if batch_id else None, q,
                                _date(from_, "from"), _date(to, "to"), sort)
    return {"petitions": cases.case_views(store, rows, redact=not allowed(user, "see_personal"))}


@router.post("/petitions/bulk", summary="批量交办、批量审核通过或退回（编辑、管理员）")
def bulk(body: BulkIn, request: Request, user: Annotated[dict, Depends(require("assign"))]):
    need = "assign" if body.action == "assign" else "review"
    if not allowed(user, need):
        raise HTTPException(403, f"当前角色 {user['role']} 无权执行此操作 (forbidden for role {user['role']})")
    with _answers():
        return cases.bulk_action(request.app.state.workbench, user, body.ids, body.action, body.unit, body.reason)


@router.get("/petitions/{petition_id}", summary="一件信访件：受理编号、责任单位、期限、报告、版本、办理经过")
def petition(petition_id: int, request: Request, user: Annotated[dict, Depends(require("cases"))]):
    with _answers():
        p = cases.visible_case(request.app.state.workbench.store, user, petition_id)
    return _one(request, user, p)


@router.patch("/petitions/{petition_id}", summary="更正类型、属地、状态，或改派责任单位（编辑、管理员）")
def correct(petition_id: int, body: PetitionPatch, request: Request,
            user: Annotated[dict, Depends(require("correct"))]):
    changes = body.model_dump(exclude_unset=True)
    version = changes.pop("version", None)
    if not changes:
        raise HTTPException(422, "没有要更正的字段 (nothing to change): pollution_types, city, county, status, unit")
    with _answers():
        got = cases.update_case(request.app.state.workbench, user, petition_id, changes, version)
    return _one(request, user, got)


@router.post("/petitions/{petition_id}/report", summary="报送办理情况（本单位经办人、编辑、管理员）")
def report(petition_id: int, body: ReportIn, request: Request, user: Annotated[dict, Depends(require("report"))]):
    data = body.model_dump()
    version = data.pop("version", None)
    with _answers():
        got = cases.submit_report(request.app.state.workbench.store, user, petition_id, data, version)
    return _one(request, user, got)


@router.post("/petitions/{petition_id}/review", summary="审核报告：通过或退回（编辑、管理员）")
def review(petition_id: int, body: ReviewIn, request: Request, user: Annotated[dict, Depends(require("review"))]):
    with _answers():
        got = cases.review_case(request.app.state.workbench.store, user, petition_id, body.decision, body.reason,
                                body.version)
    return _one(request, user, got)


@router.get("/units", summary="责任单位（按行政区划顺序）")
def units(request: Request, user: Annotated[dict, Depends(require("assign"))]):
    return {"units": [{"name": u["name"], "region": "/".join(x for x in (u["province"], u["city"], u["county"]) if x)
                       or None} for u in request.app.state.workbench.store.units()]}


@router.get("/progress", summary="办理进度：总数、办结率、逾期，按状态、类型、市州、责任单位")
def progress(request: Request, user: Annotated[dict, Depends(require("progress"))],
             from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None):
    return cases.progress(request.app.state.workbench.store, _date(from_, "from"), _date(to, "to"))


@router.get("/report", summary="办理情况专报：json（数字与文字）或 docx（Word）")
def report_file(request: Request, user: Annotated[dict, Depends(require("progress"))],
                from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
                format: Literal["json", "docx"] = "json"):
    from .reports import DOCX_TYPE, attachment, period_name, report_docx

    store = request.app.state.workbench.store
    data = cases.report_data(store, _date(from_, "from"), _date(to, "to"))
    store.log(user["username"], "report", None, {"from": data["from"], "to": data["to"], "format": format})
    if format == "json":
        return data
    name = f"办理情况专报_{period_name(data['from'], data['to'], data['today'])}.docx"
    return Response(report_docx(data), media_type=DOCX_TYPE, headers=attachment(name))


@router.get("/public", summary="公开表：已审核办结的信访件，脱敏，xlsx 或 json")
def public(request: Request, user: Annotated[dict, Depends(require("progress"))],
           from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
           format: Literal["json", "xlsx"] = "json"):
    from .clock import office_today
    from .reports import XLSX_TYPE, attachment, period_name, public_xlsx

    store = request.app.state.workbench.store
    date_from, date_to = _date(from_, "from"), _date(to, "to")
    rows = cases.public_rows(store, date_from, date_to)
    store.log(user["username"], "public_table", None, {"from": date_from, "to": date_to, "rows": len(rows),
                                                       "format": format})
    if format == "json":
        return {"rows": rows}
    period = period_name(date_from, date_to, office_today().isoformat())
    return Response(public_xlsx(rows, period), media_type=XLSX_TYPE, headers=attachment(f"公开表_{period}.xlsx"))
