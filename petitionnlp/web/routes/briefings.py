"""Briefings, page and API side by side: one saved and extracted, the list, one briefing, and the deadlines of
their directives (for viewers redacted)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Path, Request
from fastapi.responses import RedirectResponse
from pydantic import Field

from ...dates import chinese_date
from ...office.briefings import MAX_EXTRACT_CHARS
from ...office.clock import office_today
from ...office.inputs import cell
from ..deps import Body, Flag, Office, PageRedacts, Redacts, Text, api_date, form, page, page_date, require
from ..render import back, notice, outcome, render
from .pipeline import extract_size
from .routers import api, pages



class BriefingIn(Body):
    text: Text = Field(..., min_length=1, description=f"at most {MAX_EXTRACT_CHARS:,} characters")
    title: Text | None = Field(None, max_length=200)
    date: Text | None = Field(None, max_length=40)


@api.post("/briefings", status_code=201, summary="保存并抽取一份简报")
def add_briefing(body: BriefingIn, wb: Office, user: Annotated[dict, Depends(require("upload"))]):
    extract_size(body.text)
    b = wb.add_briefing(body.text, user, body.title, api_date(body.date, "date"))
    return {"briefing_id": b["id"], "title": b["title"], "date": b["date"], **b["extract"]}


@pages.post("/briefings")
async def add_briefing_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("upload"))]):
    got = await form(request, session)
    text = str(got.get("text") or "")
    upload = got.get("file")
    if upload is not None and hasattr(upload, "read"):
        data = await upload.read()
        if data:
            import tempfile

            from ...errors import PetitionNLPError
            from ...io import read_text

            with tempfile.NamedTemporaryFile(suffix=".txt") as tmp:
                tmp.write(data)
                tmp.flush()
                try:
                    text = cell(read_text(tmp.name))  # a file's text: a bad character becomes U+FFFD
                except PetitionNLPError as exc:
                    return back("/briefings", m=str(exc).replace(tmp.name, upload.filename or "文件"))
    if not text.strip():
        return back("/briefings", m="请粘贴简报正文或选择文件")
    if len(text) > MAX_EXTRACT_CHARS:
        return back("/briefings", m=f"简报正文超过 {MAX_EXTRACT_CHARS} 字，请分成几份")
    b = wb.add_briefing(text, session["user"], str(got.get("title") or "") or None,
                        page_date(str(got.get("date") or "")))
    return RedirectResponse(f"/briefings/{b['id']}", status_code=303)


@api.get("/briefings", summary="已保存的简报")
def briefings(wb: Office, user: Annotated[dict, Depends(require("read"))]):
    return {"briefings": [{"briefing_id": b["id"], "title": b["title"], "date": b["date"],
                           "issue": b["extract"].get("issue"), "directives": len(b["extract"]["directives"])}
                          for b in wb.briefings(user)]}


@pages.get("/briefings")
def briefings_page(request: Request, wb: Office, hide: PageRedacts, session: Annotated[dict, Depends(page())]):
    return render(request, "briefings.html", session, briefings=wb.briefings(session["user"]),
                  deadlines=wb.deadlines(redact_=hide), today=office_today().isoformat(), message=notice(request))


@api.get("/briefings/{briefing_id}", summary="一份简报及其抽取结果（查看者看到脱敏文本）")
def briefing(briefing_id: int, wb: Office, user: Annotated[dict, Depends(require("read"))]):
    b = wb.briefing(user, briefing_id)
    return {"briefing_id": b["id"], "title": b["title"], "date": b["date"], "text": b["text"], **b["extract"]}


@pages.get("/briefings/{briefing_id}")
def briefing_page(briefing_id: int, request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    return render(request, "briefing.html", session, b=wb.briefing(session["user"], briefing_id))


@api.get("/deadlines", summary="各简报中指示的期限：已逾期、本周到期、以后，及常态任务（每3天一报告等）的报告日")
def deadlines(wb: Office, hide: Redacts, user: Annotated[dict, Depends(require("read"))]):
    return wb.deadlines(redact_=hide)


class TaskMarkIn(Body):
    mark: Literal["done", "closed"] = Field(..., description="done：某个报告日已报告；closed：整项任务已办结")
    day: Text | None = Field(None, max_length=10, description="报告日 YYYY-MM-DD（mark 为 done 时）")
    undo: Flag = Field(False, description="撤销这个标记")


@api.post("/briefings/{briefing_id}/tasks/{task_id}", summary="标记简报中的常态任务：某个报告日已报告，或整项已办结（编辑、管理员）")
def mark_task(briefing_id: int, task_id: Annotated[str, Path(max_length=64)], body: TaskMarkIn, wb: Office,
              user: Annotated[dict, Depends(require("briefing_tasks"))]):
    return wb.mark_briefing_task(user, briefing_id, task_id, body.mark, body.day, body.undo)


@pages.post("/briefings/{briefing_id}/tasks/{task_id}")
async def mark_task_page(briefing_id: int, task_id: Annotated[str, Path(max_length=64)], request: Request,
                         wb: Office, session: Annotated[dict, Depends(page("briefing_tasks"))]):
    got = await form(request, session)
    mark, day, undo = str(got.get("mark") or ""), str(got.get("day") or "") or None, bool(got.get("undo"))

    def said(t: dict) -> str:
        what = f"{chinese_date(day)} 已报告" if mark == "done" else "整项任务已办结"
        if not t["changed"]:
            return "没有改动：原本就没有这一标记" if undo else "没有改动：这一标记已经有了"
        return (f"已撤销：{what}" if undo else f"已记下：{what}") + \
            (f"；下一个报告日 {chinese_date(t['next_due'])}" if t.get("next_due") else "")

    return outcome("/briefings#standing", lambda: wb.mark_briefing_task(session["user"], briefing_id, task_id, mark,
                                                                        day, undo), said, "未标记")
