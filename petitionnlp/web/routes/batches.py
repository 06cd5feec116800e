"""Batches, page and API side by side: upload, the list, one batch and its queue (with the queue's corrections of a
row), its hand-over date and reply days corrected, withdrawal, and the XLSX download."""

from __future__ import annotations

from typing import Annotated, Literal
from fastapi import Depends, File, Form, HTTPException, Request, UploadFile
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from ...dates import chinese_date
from ...office.intake import default_reply_days
from ...office.roles import allowed
from ...office.views import iso_time
from ..deps import Body, Days, Flag, Office, Text, form, form_int, page, page_date, require, text_int
from ..batchpage import batch_path, show_batch, show_batch_or
from ..casepage import show_case
from ..render import back, download, here, json_answer, next_parts, notice, outcome, render, safe_next
from .routers import api, pages

def _batch_out(b: dict) -> dict:
    return {"batch_id": b["id"], "name": b["name"], "filename": b["filename"], "state": b["state"],
            "rows": b["rows"], "done_rows": b["done_rows"], "errors": b["errors"], "message": b["message"],
            "uploaded_at": iso_time(b["uploaded_at"]), "handover_date": b["handover_date"],
            "handover_source": b["handover_source"], "handover_from": b["handover_from"],
            "reply_days": b["reply_days"], "working_days": bool(b["working_days"]),
            "model_version": b["model_version"], "existing": b["existing"], "changed": b["changed"] or [],
            "reports": b["filled_reports"], "refused_reports": b["refused_reports"] or [],
            "withdrawn": bool(b["withdrawn"]),
            "withdrawn_reason": b["withdrawn_reason"], "new_rows": b["new_rows"],
            "reply_rule": b.get("reply_rule"), "deadline_notice": b.get("deadline_notice")}


def _upload_notice(b: dict) -> str:
    parts = [f"交办日期 {chinese_date(b['handover_date'])}（{b['handover_from']}）"] if b.get("handover_date") else []
    if parts and b.get("reply_rule"):
        parts[0] += f"，回复期限 {b['reply_rule']}"  # the batch's page shows deadline_notice
    if (b.get("message") or "").startswith("[O400]"):  # stored; processed once the database is back
        parts.append(b["message"])
    return "；".join(parts)


# ------------------------------------------------------------------------------------------------ upload

@api.post("/batches", status_code=201, summary="上传一批信访件（CSV、TSV、XLSX、JSONL 或 TXT），存好后答复")
async def upload_batch(request: Request, wb: Office,
                       file: Annotated[UploadFile, File(description=".csv .tsv .xlsx .jsonl .txt")],
                       user: Annotated[dict, Depends(require("upload"))],
                       handover_date: Annotated[str | None, Form(description="交办日期 YYYY-MM-DD")] = None,
                       reply_days: Annotated[text_int("reply_days", 0, 3650),
                                             Form(description="回复期限（默认按工作日计）")] = None,
                       working_days: Annotated[bool | None, Form(description="回复期限按工作日计（默认 true；false 按自然日）")] = None):
    data = await file.read()
    batch = await run_in_threadpool(wb.upload, file.filename or "batch.csv", data, user, True, handover_date,
                                    reply_days, working_days)
    if batch["state"] == "failed":
        raise HTTPException(422, batch["message"] or "文件无法读取")
    # the batch as stored (read again here it could be a 503 for a batch that is stored); the job record to
    # follow (GET /api/v1/jobs/{job_id}) while the batch is being processed
    return {**_batch_out(batch), "job_id": batch["job_id"]}


@pages.post("/batches")
async def upload_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("upload"))]):
    got = await form(request, session)
    upload = got.get("file")
    if upload is None or not hasattr(upload, "read"):
        return back("/batches", m="请选择要上传的文件")
    data = await upload.read()
    if not data:
        return back("/batches", m="上传的文件为空")
    days = form_int(got, "reply_days", hi=3650)
    batch = await run_in_threadpool(wb.upload, upload.filename or "batch.csv", data, session["user"], False,
                                    page_date(str(got.get("handover_date") or "")), days,
                                    not got.get("calendar_days"))  # typed days are working days unless it says
    return back(f"/batches/{batch['id']}", m=_upload_notice(batch))


# ------------------------------------------------------------------------------------------------- lists

@api.get("/batches", summary="批次列表")
def batches(wb: Office, user: Annotated[dict, Depends(require("read"))]):
    return {"batches": [_batch_out(b) for b in wb.batches(user)]}


@pages.get("/batches")
def batches_page(request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    user = session["user"]
    return render(request, "batches.html", session, batches=wb.batches(user), model=wb.model_name(),
                  reminders=wb.reminders(user) if allowed(user, "supervise") else None, days=wb.remind_days(),
                  default_days=default_reply_days(), message=notice(request))


@api.get("/batches/{batch_id}", summary="一个批次：交办日期与回复期限、处理进度、是否已撤回")
def batch(batch_id: int, wb: Office, user: Annotated[dict, Depends(require("read"))]):
    return _batch_out(wb.batch(user, batch_id))


@api.get("/batches/{batch_id}/petitions", summary="一个批次的信访件，按输入顺序（查看者看到脱敏文本）")
def batch_petitions(batch_id: int, wb: Office, user: Annotated[dict, Depends(require("read"))],
                    type: str | None = None, region: str | None = None, priority: str | None = None,
                    status: str | None = None, sort: Literal["row", "priority", "due", "region", "status"] = "row"):
    views, _ = wb.queue_rows(user, batch_id, type_=type, region=region, priority=priority, status=status, sort=sort)
    return json_answer({"petitions": views})


@pages.get("/batches/{batch_id}")
def batch_page(batch_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    return show_batch(request, wb, session, batch_id, request.query_params, here(request), notice(request))


# ------------------------------------------------------------------------------------------- corrections

class BatchPatch(Body):
    handover_date: Text | None = Field(None, max_length=10, description="交办日期 YYYY-MM-DD")
    reply_days: Days | None = Field(None, description="回复期限（默认按工作日计），0–3650")
    working_days: Flag | None = Field(None, description="回复期限按工作日计（false 按自然日）")


class WithdrawIn(Body):
    reason: Text = Field(..., max_length=2000, description="撤回理由")


@api.patch("/batches/{batch_id}", summary="更正批次的交办日期与回复期限：未办结的信访件重算办理期限（编辑、管理员）")
def redate(batch_id: int, body: BatchPatch, wb: Office, user: Annotated[dict, Depends(require("correct"))]):
    got = wb.redate_batch(user, batch_id, **body.model_dump(exclude_unset=True))
    return {**_batch_out(got), "cases_changed": got["cases_changed"], "deadlines_kept": got["deadlines_kept"]}


@pages.post("/batches/{batch_id}/dates")
async def redate_page(batch_id: int, request: Request, wb: Office,
                      session: Annotated[dict, Depends(page("correct"))]):
    got = await form(request, session)
    to = safe_next(got.get("next"), f"/batches/{batch_id}")
    days = str(got.get("reply_days") or "").strip()
    return outcome(to, lambda: wb.redate_batch(session["user"], batch_id, str(got.get("handover_date") or ""), days,
                                               not got.get("calendar_days")),
                   lambda b: f"已更正：交办日期 {b['handover_date']}，回复期限 {b['reply_rule']}；"
                             f"{b['cases_changed']} 件信访件随之更新" +
                             (f"；{b['deadlines_kept']} 件督办或重新办理的信访件保留其办理期限" if b["deadlines_kept"] else "") +
                             (f"。{b['deadline_notice']}" if b.get("deadline_notice") and
                              to != f"/batches/{batch_id}" else ""),  # the batch's page shows it already
                   "未更正")


@api.post("/batches/{batch_id}/withdraw", summary="撤回整个批次（尚无报送时；编辑、管理员）")
def withdraw(batch_id: int, body: WithdrawIn, wb: Office, user: Annotated[dict, Depends(require("correct"))]):
    return _batch_out(wb.withdraw_batch(user, batch_id, body.reason))


@pages.post("/batches/{batch_id}/withdraw")
async def withdraw_page(batch_id: int, request: Request, wb: Office,
                        session: Annotated[dict, Depends(page("correct"))]):
    got = await form(request, session)
    return outcome(f"/batches/{batch_id}", lambda: wb.withdraw_batch(session["user"], batch_id, got.get("reason")),
                   lambda b: "批次已撤回：其中的信访件不再计入列表、统计、导出和检索；同一张表可以重新上传", "未撤回")


@pages.post("/petitions/{petition_id}")
async def correct_page(petition_id: int, request: Request, wb: Office,
                       session: Annotated[dict, Depends(page("correct"))]):
    """A row's types and place corrected from its batch's queue, or a case's place from the case page.  A refusal
    (a place the gazetteer does not know) shows that page again at once (422) with the message, the suggestions
    and what was typed; when the form's 'next' names no page that can be shown (a batch that is not there, any
    other page), the case page's correction form with what was typed, never a page that drops it."""
    got = await form(request, session)
    to = safe_next(got.get("next"), "/batches")
    changes = {}
    if "pollution_types" in got:
        changes["pollution_types"] = got.getlist("pollution_types")
    for field in ("city", "county", "region", "status"):
        if got.get(field):
            changes[field] = got.get(field)
        elif field in ("city", "county") and field in got:
            changes[field] = ""
    path, q = next_parts(to)
    typed = {"id": petition_id, "types": [str(t) for t in got.getlist("pollution_types")],
             **{k: str(got.get(k) or "") for k in ("city", "county", "region")}}

    def again(message: str):  # the page the form came from, with what was typed in it; else the case page's form
        return show_batch_or(lambda: show_case(request, wb, session, petition_id, to if path == f"/cases/{petition_id}"
                                               else f"/cases/{petition_id}", message, {**typed, "form": "place"}),
                             request, wb, session, batch_path(path), q, to.partition("#")[0], message, typed)

    return outcome(to, lambda: wb.change_case(session["user"], petition_id, changes),
                   lambda p: f"已保存第 {p['row_index'] + 1} 行的更正", "未保存", again=again)


@pages.get("/petitions/{petition_id}")
def petition_page(petition_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    p, batch_ = wb.petition(session["user"], petition_id)
    return render(request, "petition.html", session, p=p, batch=batch_)


# --------------------------------------------------------------------------------------------- downloads

@api.get("/batches/{batch_id}/export.xlsx", summary="下载批次 XLSX（含更正；脱敏版供公开）")
def export(batch_id: int, wb: Office, user: Annotated[dict, Depends(require("export"))], redacted: bool = False):
    return download(wb.export_batch(user, batch_id, redacted))


@pages.get("/batches/{batch_id}/download.xlsx")
def download_page(batch_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page("export"))]):
    return download(wb.export_batch(session["user"], batch_id, request.query_params.get("redacted") == "1"))
