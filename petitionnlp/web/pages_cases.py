"""The case lifecycle's pages (Chinese, printable): 我的案件 / 案件 (the list by deadline, with the report form), one
case with its timeline, 审核 (approve or return with a reason, one by one or a selection), 进度 (the figures, by
unit and city in the official order, by type), the 公开表, and the downloads of the 专报 and the 公开表.  Thin:
the session and role (:func:`.pages.page_user`), one call into :mod:`.cases`, a template."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from . import cases
from .auth import allowed
from .charts import bar_chart_svg
from .pages import _back, _date_param, _form, _message, _safe_next, page_user, render
from .service import batch_view

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
REPORT_FIELDS = ("verified", "findings", "actions", "accountability", "closure")


def _case_or_404(request: Request, user: dict, petition_id: int) -> dict:
    try:
        return cases.visible_case(request.app.state.workbench.store, user, petition_id)
    except cases.NotFound:
        raise HTTPException(404, "没有这件信访件 (no such petition)") from None


def _refusal(exc: Exception) -> str:
    if isinstance(exc, cases.StaleVersion):
        return "此件已被他人修改，请刷新后再试"
    return str(exc)


@router.get("/cases")
def cases_page(request: Request):
    """A unit handler's 我的案件 (its own cases, by deadline, each with the report form); the office's case list."""
    session = page_user(request, "cases")
    user = session["user"]
    store = request.app.state.workbench.store
    q = request.query_params
    status = q.get("status") or None
    status = status if status in cases.STATUSES else None
    overdue = True if q.get("overdue") == "1" else None
    unit = (q.get("unit") or "").strip() or None
    text = (q.get("q") or "").strip()[:100] or None
    rows = cases.list_cases(store, user, status, unit, overdue, None, text)
    views = cases.case_views(store, rows[:500], redact=not allowed(user, "see_personal"), history=False)
    mine = user["role"] == "unit"
    my_unit = store.unit(unit_id=user["unit_id"])["name"] if mine and user.get("unit_id") else None
    return render(request, "cases.html", session, cases=views, total=len(rows), mine=mine, my_unit=my_unit,
                  units=store.units() if allowed(user, "assign") else [], filters={"status": status or "",
                  "unit": unit or "", "overdue": overdue, "q": text or ""}, here=_here(request),
                  verified=cases.VERIFIED, closures=cases.CLOSURES, counts=cases.COUNTS, message=_message(request))


def _here(request: Request) -> str:
    return str(request.url.path) + ("?" + str(request.url.query) if request.url.query else "")


@router.get("/cases/{petition_id}")
def case_page(petition_id: int, request: Request):
    session = page_user(request, "cases")
    user = session["user"]
    store = request.app.state.workbench.store
    p = _case_or_404(request, user, petition_id)
    hide = not allowed(user, "see_personal")
    view = cases.case_views(store, [p], redact=hide)[0]
    return render(request, "case.html", session, p=view, batch=batch_view(store.batch(p["batch_id"]), hide),
                  units=store.units() if allowed(user, "assign") else [], verified=cases.VERIFIED,
                  closures=cases.CLOSURES, counts=cases.COUNTS, here=_here(request),
                  message=_message(request))


@router.post("/cases/{petition_id}/report")
async def report_form(petition_id: int, request: Request):
    session = page_user(request, "report")
    form = await _form(request, session)
    back = _safe_next(form.get("next"), f"/cases/{petition_id}")
    body = {k: form.get(k) for k in REPORT_FIELDS}
    body["counts"] = {k: form.get(f"count_{k}") or 0 for k in cases.COUNTS}
    version = int(form["version"]) if str(form.get("version") or "").isdigit() else None
    try:
        got = cases.submit_report(request.app.state.workbench.store, session["user"], petition_id, body, version)
    except cases.NotFound:
        raise HTTPException(404, "没有这件信访件 (no such petition)") from None
    except (ValueError, cases.StaleVersion) as exc:
        return _back(back, m=f"未报送：{_refusal(exc)}")
    return _back(back, m=f"已报送 {got['receipt_id'] or '信访件 ' + str(got['id'])} 的办理情况，等待审核")


@router.post("/cases/{petition_id}/review")
async def review_form(petition_id: int, request: Request):
    session = page_user(request, "review")
    form = await _form(request, session)
    back = _safe_next(form.get("next"), "/review")
    decision = "return" if form.get("decision") == "return" else "approve"
    try:
        got = cases.review_case(request.app.state.workbench.store, session["user"], petition_id, decision,
                                str(form.get("reason") or ""))
    except cases.NotFound:
        raise HTTPException(404, "没有这件信访件 (no such petition)") from None
    except (ValueError, cases.StaleVersion) as exc:
        return _back(back, m=f"未完成：{_refusal(exc)}")
    name = got["receipt_id"] or f"信访件 {got['id']}"
    return _back(back, m=f"{name} 已审核通过（{got['status']}）" if decision == "approve" else f"{name} 已退回")


@router.post("/cases/{petition_id}/assign")
async def assign_form(petition_id: int, request: Request):
    session = page_user(request, "assign")
    form = await _form(request, session)
    back = _safe_next(form.get("next"), f"/cases/{petition_id}")
    try:
        got = cases.update_case(request.app.state.workbench, session["user"], petition_id,
                                {"unit": str(form.get("unit") or "") or None})
    except cases.NotFound:
        raise HTTPException(404, "没有这件信访件 (no such petition)") from None
    except (ValueError, cases.StaleVersion) as exc:
        return _back(back, m=f"未交办：{_refusal(exc)}")
    units = {u["id"]: u["name"] for u in request.app.state.workbench.store.units()}
    return _back(back, m=f"{got['receipt_id'] or '信访件 ' + str(got['id'])} 已交办 "
                         f"{units.get(got['unit_id'], cases.UNASSIGNED)}")


@router.post("/cases/bulk")
async def bulk_form(request: Request):
    session = page_user(request, "cases")
    form = await _form(request, session)
    back = _safe_next(form.get("next"), "/cases")
    action = str(form.get("action") or "")
    need = "assign" if action == "assign" else "review"
    if not allowed(session["user"], need):
        raise HTTPException(403, "无权执行此操作 (forbidden for this role)")
    ids = [int(v) for v in form.getlist("ids") if str(v).isdigit()]
    if not ids:
        return _back(back, m="请先勾选信访件")
    try:
        got = cases.bulk_action(request.app.state.workbench, session["user"], ids, action,
                                str(form.get("unit") or "") or None, str(form.get("reason") or "") or None)
    except ValueError as exc:
        return _back(back, m=str(exc))
    what = {"assign": "交办", "approve": "审核通过", "return": "退回"}[action]
    failed = f"，{len(got['failed'])} 件未完成：{got['failed'][0]['error']}" if got["failed"] else ""
    return _back(back, m=f"已{what} {len(got['done'])} 件{failed}")


@router.get("/review")
def review_page(request: Request):
    session = page_user(request, "review")
    store = request.app.state.workbench.store
    rows = cases.list_cases(store, session["user"], status="待审核")
    views = cases.case_views(store, rows, redact=False, history=False)
    return render(request, "review.html", session, cases=views, here=_here(request), counts=cases.COUNTS,
                  message=_message(request))


def _period(request: Request) -> tuple[str | None, str | None, str]:
    q = request.query_params
    date_from, date_to = _date_param(q.get("from")), _date_param(q.get("to"))
    return date_from, date_to, urlencode({k: v for k, v in {"from": date_from, "to": date_to}.items() if v})


@router.get("/progress")
def progress_page(request: Request):
    session = page_user(request, "progress")
    date_from, date_to, query = _period(request)
    data = cases.report_data(request.app.state.workbench.store, date_from, date_to)
    table = [{"region": c, "移交件数": n, **data["by_city_type"][c]} for c, n in data["by_city"].items()]
    chart = bar_chart_svg(table, list(data["by_type"]))
    return render(request, "progress.html", session, d=data, chart=chart, date_from=date_from or "",
                  date_to=date_to or "", query=query, percent=cases.percent, counts=cases.COUNTS)


@router.get("/progress/report.docx")
def report_download(request: Request):
    from .reports import DOCX_TYPE, attachment, period_name, report_docx

    session = page_user(request, "progress")
    date_from, date_to, _ = _period(request)
    store = request.app.state.workbench.store
    data = cases.report_data(store, date_from, date_to)
    store.log(session["user"]["username"], "report", None, {"from": date_from, "to": date_to, "format": "docx"})
    name = f"办理情况专报_{period_name(date_from, date_to, data['today'])}.docx"
    return Response(report_docx(data), media_type=DOCX_TYPE, headers=attachment(name))


def _public(request: Request):
    session = page_user(request, "progress")
    date_from, date_to, query = _period(request)
    rows = cases.public_rows(request.app.state.workbench.store, date_from, date_to)
    return session, date_from, date_to, query, rows


@router.get("/public")
def public_page(request: Request):
    session, date_from, date_to, query, rows = _public(request)
    return render(request, "public.html", session, rows=rows, columns=cases.PUBLIC_COLUMNS, date_from=date_from or "",
                  date_to=date_to or "", query=query)


@router.get("/public.xlsx")
def public_download(request: Request):
    from .clock import office_today
    from .reports import XLSX_TYPE, attachment, period_name, public_xlsx

    session, date_from, date_to, _, rows = _public(request)
    period = period_name(date_from, date_to, office_today().isoformat())
    request.app.state.workbench.store.log(session["user"]["username"], "public_table", None,
                                          {"from": date_from, "to": date_to, "rows": len(rows), "format": "xlsx"})
    return Response(public_xlsx(rows, period), media_type=XLSX_TYPE, headers=attachment(f"公开表_{period}.xlsx"))
