"""The API of background jobs: ``GET /api/v1/jobs/{id}`` (a batch's classification, a retraining, a
re-indexing: queued, running, done or failed, how far, why it failed) and ``POST /api/v1/index/rebuild``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request

from .api import require
from .auth import allowed

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["jobs"])


@router.get("/jobs/{job_id}", summary="后台任务的状态 (state: queued|running|done|failed, progress 0–1, message)")
def job(job_id: int, request: Request, user: Annotated[dict, Depends(require("read"))]):
    wb = request.app.state.workbench
    got = wb.store.job(job_id)
    if got is None:
        raise HTTPException(404, "没有这个任务 (no such job)")
    return wb.job_view(got, redact_=not allowed(user, "see_personal"))


@router.get("/jobs", summary="最近的后台任务")
def jobs(request: Request, user: Annotated[dict, Depends(require("read"))]):
    wb = request.app.state.workbench
    hide = not allowed(user, "see_personal")
    return {"jobs": [wb.job_view(j, redact_=hide) for j in wb.store.jobs()]}


@router.post("/index/rebuild", status_code=202, summary="重建检索索引（后台任务，管理员）")
def rebuild_index(request: Request, user: Annotated[dict, Depends(require("models"))]):
    wb = request.app.state.workbench
    return wb.job_view(wb.reindex(user))
