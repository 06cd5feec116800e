"""Model versions (admin) and background jobs, page and API side by side: retrain from the corrections, compare,
activate, roll back; a job's state (a batch's classification, a retraining, a re-indexing); the index rebuilt."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ...office.labels import model_label
from ..deps import Office, form, page, require
from ..render import notice, outcome, render
from .routers import api, pages


@api.get("/models", summary="模型版本（管理员）")
def models(wb: Office, user: Annotated[dict, Depends(require("models"))]):
    return {"active": wb.model_name(), "versions": wb.model_versions()}


@pages.get("/models")
def models_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("models"))]):
    return render(request, "models.html", session, versions=wb.model_versions(), active=wb.model_name(),
                  cards=wb.model_cards(), corrections=wb.corrections(), message=notice(request))


@api.post("/models/retrain", status_code=202, summary="用更正记录重新训练（后台）")
def retrain(wb: Office, user: Annotated[dict, Depends(require("models"))]):
    return wb.retrain(user)


@pages.post("/models/retrain")
async def retrain_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("models"))]):
    await form(request, session)
    return outcome("/models", lambda: wb.retrain(session["user"]), lambda _: "已开始重新训练，完成后刷新本页可见新版本",
                   "未能训练")


@api.post("/models/{version_id}/activate", summary="启用一个模型版本")
def activate(version_id: int, wb: Office, user: Annotated[dict, Depends(require("models"))]):
    return {"active": wb.activate(version_id, user)["name"]}


@pages.post("/models/{version_id}/activate")
async def activate_page(version_id: int, request: Request, wb: Office,
                        session: Annotated[dict, Depends(page("models"))]):
    await form(request, session)
    return outcome("/models", lambda: wb.activate(version_id, session["user"]), lambda m: f"已启用模型：{model_label(m['name'])}")


@api.post("/models/rollback", summary="回到随附模型（随软件发布的模型）")
def rollback(wb: Office, user: Annotated[dict, Depends(require("models"))]):
    wb.deactivate(user)
    return {"active": wb.model_name()}


@pages.post("/models/rollback")
async def rollback_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("models"))]):
    await form(request, session)
    return outcome("/models", lambda: wb.deactivate(session["user"]), lambda _: "已回到随附模型")


@api.get("/jobs/{job_id}", summary="后台任务的状态：排队中、进行中、完成、失败，进度 0–1，说明")
def job(job_id: int, wb: Office, user: Annotated[dict, Depends(require("read"))]):
    return wb.job(user, job_id)


@api.get("/jobs", summary="最近的后台任务")
def jobs(wb: Office, user: Annotated[dict, Depends(require("read"))]):
    return {"jobs": wb.jobs(user)}


@api.post("/index/rebuild", status_code=202, summary="重建检索索引（后台任务，管理员）")
def rebuild_index(wb: Office, user: Annotated[dict, Depends(require("models"))]):
    return wb.reindex(user)
