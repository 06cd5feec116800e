"""The audit log (admin): every change by a person, page and API side by side."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from ..deps import Office, page, require, text_int
from ..render import render
from .routers import api, pages



@api.get("/audit", summary="审计日志（管理员）")
def audit(wb: Office, user: Annotated[dict, Depends(require("audit"))],
          limit: Annotated[text_int("limit", 1, 5000, empty=500), Query()] = 500):
    return {"events": wb.audit(limit)}


@pages.get("/audit")
def audit_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("audit"))]):
    return render(request, "audit.html", session, events=wb.audit_events(1000))
