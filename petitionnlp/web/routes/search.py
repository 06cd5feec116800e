"""Search of briefings and cases, page and API side by side (a viewer searches the redacted copies only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from ..deps import Office, PageRedacts, Redacts, api_period, page, page_date, require, text_int
from ..render import render
from .routers import api, pages



@api.get("/search", summary="检索简报与信访件（与命令行检索输出的 JSON 列表相同）")
def search(wb: Office, hide: Redacts, user: Annotated[dict, Depends(require("read"))],
           q: Annotated[str, Query(min_length=1, max_length=400)],
           limit: Annotated[text_int("limit", 1, 100, empty=10), Query()] = 10, type: Annotated[str | None, Query(max_length=8)] = None,
           region: Annotated[str | None, Query(max_length=64)] = None,
           from_: Annotated[str | None, Query(alias="from")] = None, to: str | None = None):
    hits = wb.search(q, limit, type, region, *api_period(from_, to), redact=hide)
    # a corrected typo says so on each hit ("notice": 已按 “油烟” 检索 …), as the search page does above its list
    return [{k: h[k] for k in ("id", "title", "date", "score", "snippet") + (("notice",) if h.get("notice") else ())}
            for h in hits]


@pages.get("/search")
def search_page(request: Request, wb: Office, hide: PageRedacts, session: Annotated[dict, Depends(page())]):
    q = request.query_params
    query = (q.get("q") or "").strip()[:400]
    params = {"type": q.get("type") or None, "region": (q.get("region") or "").strip()[:64] or None,
              "date_from": page_date(q.get("from")), "date_to": page_date(q.get("to"))}
    hits = wb.search(query, 50, params["type"], params["region"], params["date_from"], params["date_to"],
                     redact=hide) if query else []
    return render(request, "search.html", session, q=query, hits=hits, params=params,
                  notice=getattr(hits, "notice", None))
