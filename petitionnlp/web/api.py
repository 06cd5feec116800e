"""The JSON API under ``/api/v1``: the CLI's jobs (classify, extract, search), batches and their petitions,
corrections, briefings and deadlines, statistics, the audit log and model versions.  Bearer tokens from
``POST /api/v1/token``; every error is ``{"error": "..."}`` with its status (see ``app.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import AfterValidator, BaseModel, Field

from .auth import allowed
from .service import batch_view, briefing_view, petition_view, redact

__all__ = ["router", "require"]

router = APIRouter(prefix="/api/v1", tags=["api"])
MAX_TEXTS = 1000
MAX_TEXT_CHARS = 100_000
MAX_EXTRACT_CHARS = 200_000  # one briefing (extraction takes about a second per 10,000 characters)


def _valid_text(value: str) -> str:
    """No lone surrogate (it cannot be stored or written out) and no NUL."""
    if "\x00" in value or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise ValueError("文本含有 NUL 或孤立的代理项 (NUL or lone surrogate in the text)")
    return value


Text = Annotated[str, AfterValidator(_valid_text)]


def _bearer(request: Request) -> dict:
    user = request.app.state.auth.bearer(request)
    if user is None:
        raise HTTPException(401, "需要登录令牌 (a bearer token is required: POST /api/v1/token)",
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def require(action: str):
    """A dependency: the token's user, who must be allowed ``action`` (403 otherwise)."""

    def check(user: Annotated[dict, Depends(_bearer)]) -> dict:
        if not allowed(user, action):
            raise HTTPException(403, f"当前角色 {user['role']} 无权执行此操作 (forbidden for role {user['role']})")
        return user

    return check


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name} 日期格式应为 YYYY-MM-DD (bad date): {value[:20]}") from None


class Token(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"


class ClassifyRequest(BaseModel):
    texts: list[Text] = Field(..., max_length=MAX_TEXTS, description="petition texts (at most 1,000)")
    province: Text | None = Field(None, max_length=20, description="default province for duplicate place names")


class ExtractRequest(BaseModel):
    text: Text = Field(..., description=f"a briefing (at most {MAX_EXTRACT_CHARS:,} characters)")
    date: Text | None = Field(None, max_length=40, description="document date YYYY-MM-DD")


class BriefingIn(BaseModel):
    text: Text = Field(..., min_length=1, description=f"at most {MAX_EXTRACT_CHARS:,} characters")
    title: Text | None = Field(None, max_length=200)
    date: Text | None = Field(None, max_length=40)


def _extract_size(text: str) -> None:
    if len(text) > MAX_EXTRACT_CHARS:
        raise HTTPException(413, f"简报正文超过 {MAX_EXTRACT_CHARS} 字，请分成几份 (text too long for extraction)")


@router.post("/token", response_model=Token, summary="登录令牌 (OAuth2 password flow)")
def token(request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]):
    auth = request.app.state.auth
    user = auth.check_login(form.username, form.password, request.client.host if request.client else "-")
    return {"access_token": auth.new_token(user), "token_type": "bearer"}


@router.get("/me", summary="the token's user")
def me(user: Annotated[dict, Depends(require("read"))]):
    return {"username": user["username"], "role": user["role"]}


@router.post("/classify", summary="污染类型与属地 (the fields petitionnlp classify adds)")
def classify(body: ClassifyRequest, request: Request, user: Annotated[dict, Depends(require("read"))]):
    if any(len(t) > MAX_TEXT_CHARS for t in body.texts):
        raise HTTPException(413, f"单条文本超过 {MAX_TEXT_CHARS} 字 (text too long)")
    results = request.app.state.workbench.classify_texts(body.texts, body.province)
    return {"results": results}


@router.post("/extract", summary="简报抽取 (directives, deadlines, time expressions, keywords)")
def extract(body: ExtractRequest, user: Annotated[dict, Depends(require("read"))]):
    from ..briefing import extract_briefing

    _extract_size(body.text)
    return extract_briefing(body.text, _date(body.date, "date"))


@router.get("/search", summary="检索简报与信访件 (the search --json list)")
def search(request: Request, user: Annotated[dict, Depends(require("read"))],
           q: Annotated[str, Query(min_length=1, max_length=400)],
           limit: Annotated[int, Query(ge=1, le=100)] = 10, type: Annotated[str | None, Query(max_length=8)] = None,
           region: Annotated[str | None, Query(max_length=64)] = None,
           from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None):
    try:
        hits = request.app.state.workbench.search(q, limit, type, region, _date(from_, "from"), _date(to, "to"),
                                                  redact=not allowed(user, "see_personal"))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    # a corrected typo says so on each hit ("notice": 已按 “油烟” 检索 …), as the search page does above its list
    return [{k: h[k] for k in ("id", "title", "date", "score", "snippet") + (("notice",) if h.get("notice") else ())}
            for h in hits]


@router.post("/batches", status_code=201, summary="上传一批信访件 (any classify input); answers once stored")
async def upload_batch(request: Request, file: Annotated[UploadFile, File(description=".csv .tsv .xlsx .jsonl .txt")],
                       user: Annotated[dict, Depends(require("upload"))],
                       handover_date: Annotated[str | None, Form(description="交办日期 YYYY-MM-DD")] = None,
                       reply_days: Annotated[int | None, Form(ge=0, le=3650, description="回复期限（天）")] = None):
    data = await file.read()
    if not data:
        raise HTTPException(422, "上传的文件为空 (empty file)")
    from starlette.concurrency import run_in_threadpool

    wb = request.app.state.workbench
    batch = await run_in_threadpool(wb.upload, file.filename or "batch.csv", data, user, True,
                                    _date(handover_date, "handover_date"), reply_days)
    if batch["state"] == "failed":
        raise HTTPException(422, batch["message"] or "文件无法读取 (unreadable file)")
    # the job record to follow (GET /api/v1/jobs/{job_id}) while the batch is being processed
    return {"batch_id": batch["id"], "rows": batch["rows"], "errors": batch["errors"], "job_id": batch["job_id"],
            "state": batch["state"], "existing": batch["existing"], "changed": batch["changed"] or [],
            "reports": batch["filled_reports"], "handover_date": batch["handover_date"]}


@router.get("/batches", summary="批次列表")
def batches(request: Request, user: Annotated[dict, Depends(require("read"))]):
    redact = not allowed(user, "see_personal")
    return {"batches": [_batch_out(b, redact) for b in request.app.state.workbench.store.batches()]}


@router.get("/batches/{batch_id}", summary="一个批次及其处理进度")
def batch(batch_id: int, request: Request, user: Annotated[dict, Depends(require("read"))]):
    b = request.app.state.workbench.store.batch(batch_id)
    if b is None:
        raise HTTPException(404, "没有这个批次 (no such batch)")
    return _batch_out(b, not allowed(user, "see_personal"))


def _batch_out(b: dict, redact: bool) -> dict:
    b = batch_view(b, redact)
    return {"batch_id": b["id"], "name": b["name"], "filename": b["filename"], "state": b["state"],
            "rows": b["rows"], "done_rows": b["done_rows"], "errors": b["errors"], "message": b["message"],
            "uploaded_at": b["uploaded_at"].isoformat(timespec="seconds"), "handover_date": b["handover_date"],
            "model_version": b["model_version"], "reply_days": b["reply_days"], "existing": b["existing"],
            "changed": b["changed"] or [], "reports": b["filled_reports"]}


@router.get("/batches/{batch_id}/petitions", summary="一个批次的信访件，按输入顺序（查看者看到脱敏文本）")
def batch_petitions(batch_id: int, request: Request, user: Annotated[dict, Depends(require("read"))],
                    type: str | None = None, region: str | None = None, priority: str | None = None,
                    status: str | None = None, sort: Literal["row", "priority", "due", "region", "status"] = "row"):
    store = request.app.state.workbench.store
    b = store.batch(batch_id)
    if b is None:
        raise HTTPException(404, "没有这个批次 (no such batch)")
    redact = not allowed(user, "see_personal")
    rows = store.petitions(batch_id, type, region, priority, status, sort)
    from .cases import case_views

    return {"petitions": case_views(store, rows, redact)}


@router.get("/batches/{batch_id}/export.xlsx", summary="下载批次 XLSX（含更正；redacted=1 供公开）")
def export(batch_id: int, request: Request, user: Annotated[dict, Depends(require("export"))], redacted: bool = False):
    wb = request.app.state.workbench
    if wb.store.batch(batch_id) is None:
        raise HTTPException(404, "没有这个批次 (no such batch)")
    data = wb.export_xlsx(batch_id, redacted, user)
    name = f"batch-{batch_id}{'-redacted' if redacted else ''}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# GET and PATCH /petitions/{id} and the case lifecycle's routes: api_cases.py


@router.get("/stats", summary="属地 × 污染类型统计与办结率")
def stats(request: Request, user: Annotated[dict, Depends(require("read"))],
          from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None,
          level: Literal["city", "county"] = "city"):
    return request.app.state.workbench.stats(_date(from_, "from"), _date(to, "to"), level)


@router.post("/briefings", status_code=201, summary="保存并抽取一份简报")
def add_briefing(body: BriefingIn, request: Request, user: Annotated[dict, Depends(require("upload"))]):
    _extract_size(body.text)
    b = request.app.state.workbench.add_briefing(body.text, user, body.title, _date(body.date, "date"))
    return {"briefing_id": b["id"], "title": b["title"], "date": b["date"], **b["extract"]}


@router.get("/briefings", summary="已保存的简报")
def briefings(request: Request, user: Annotated[dict, Depends(require("read"))]):
    hide = not allowed(user, "see_personal")
    return {"briefings": [{"briefing_id": b["id"], "title": redact(b["title"]) if hide else b["title"],
                           "date": b["date"], "directives": len(b["extract"]["directives"])}
                          for b in request.app.state.workbench.store.briefings()]}


@router.get("/briefings/{briefing_id}", summary="一份简报及其抽取结果（查看者看到脱敏文本）")
def briefing(briefing_id: int, request: Request, user: Annotated[dict, Depends(require("read"))]):
    b = request.app.state.workbench.store.briefing(briefing_id)
    if b is None:
        raise HTTPException(404, "没有这份简报 (no such briefing)")
    b = briefing_view(b, not allowed(user, "see_personal"))
    return {"briefing_id": b["id"], "title": b["title"], "date": b["date"], "text": b["text"], **b["extract"]}


@router.get("/deadlines", summary="各简报中指示的期限：已逾期、本周到期、以后")
def deadlines(request: Request, user: Annotated[dict, Depends(require("read"))]):
    return request.app.state.workbench.deadlines(redact_=not allowed(user, "see_personal"))


@router.get("/audit", summary="审计日志（管理员）")
def audit(request: Request, user: Annotated[dict, Depends(require("audit"))],
          limit: Annotated[int, Query(ge=1, le=5000)] = 500):
    events = request.app.state.workbench.store.audit(limit)
    return {"events": [{"time": e["time"].isoformat(timespec="seconds") + "Z", "user": e["user"],
                        "action": e["action"], "target": e["target"], "detail": e["detail"]} for e in events]}


@router.get("/models", summary="模型版本（管理员）")
def models(request: Request, user: Annotated[dict, Depends(require("models"))]):
    from .service import model_version_view

    return {"active": request.app.state.workbench.model_name(),
            "versions": [model_version_view(m) for m in request.app.state.workbench.store.model_versions()]}


@router.post("/models/retrain", status_code=202, summary="用更正记录重新训练（后台）")
def retrain(request: Request, user: Annotated[dict, Depends(require("models"))]):
    try:
        return request.app.state.workbench.retrain(user)
    except ValueError as exc:
        raise HTTPException(409, str(exc)) from None


@router.post("/models/{version_id}/activate", summary="启用一个模型版本")
def activate(version_id: int, request: Request, user: Annotated[dict, Depends(require("models"))]):
    got = request.app.state.workbench.activate(version_id, user)
    if got is None:
        raise HTTPException(404, "没有这个模型版本 (no such model version)")
    return {"active": got["name"]}


@router.post("/models/rollback", summary="回到随软件发布的模型")
def rollback(request: Request, user: Annotated[dict, Depends(require("models"))]):
    request.app.state.workbench.deactivate(user)
    return {"active": request.app.state.workbench.model_name()}
