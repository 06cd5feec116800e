"""The province at a glance, page and API side by side (CONTRACT.md "Repeats, hotspots and the map"): repeat groups
(重复件: editors, admins, a unit its own cases' groups), hotspot alerts (热点预警) and the county map (地图: viewers
too; neither names a petition's text).  Each page and its API twin call the same method of the office."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response

from ...maps import MEASURES
from ..deps import Office, api_period, page, page_date, require
from ..render import render, render_figures
from .routers import api, pages

From = Annotated[str | None, Query(alias="from")]


def _period(request: Request) -> tuple[str | None, str | None]:
    q = request.query_params
    return page_date(q.get("from")), page_date(q.get("to"))


@api.get("/repeats", summary="重复举报：同一事项（同一地点、同一问题）的信访件组，件数多的在前")
def repeats(wb: Office, user: Annotated[dict, Depends(require("repeats"))], from_: From = None,
            to: str | None = None):
    groups = wb.repeats(user, *api_period(from_, to))
    return {"groups": [{k: g[k] for k in ("group", "petitions", "count", "first", "last", "place", "types")}
                       for g in groups]}


@api.get("/repeats/{group}", summary="一个重复举报组：各件按交办时间排列，含责任单位与状态")
def repeat_group(group: int, wb: Office, user: Annotated[dict, Depends(require("repeats"))]):
    summary, cases = wb.repeat_group(user, group)
    return {**summary, "cases": cases}


@api.get("/alerts", summary="热点预警：某县（市）某类污染在期间内的件数远高于其自身历史")
def alerts(wb: Office, user: Annotated[dict, Depends(require("alerts"))], from_: From = None,
           to: str | None = None):
    return wb.alerts(*api_period(from_, to))


@api.get("/map", summary="县级地图（示意图）：各县（市、区）案件数或办结率，SVG 或 PNG")
def county_map(wb: Office, user: Annotated[dict, Depends(require("map"))], province: str | None = Query(None, max_length=20),
               from_: From = None, to: str | None = None, measure: Literal["count", "closure_rate"] = "count",
               format: Literal["svg", "png"] = "svg"):
    got = wb.county_map(province, *api_period(from_, to), measure, format)
    if format == "png":
        return Response(got["png"], media_type="image/png")
    return Response(got["svg"], media_type="image/svg+xml; charset=utf-8")


@pages.get("/repeats")
def repeats_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("repeats"))]):
    date_from, date_to = _period(request)
    return render(request, "repeats.html", session, groups=wb.repeats(session["user"], date_from, date_to),
                  date_from=date_from or "", date_to=date_to or "")


@pages.get("/repeats/{group}")
def repeat_group_page(group: int, request: Request, wb: Office, session: Annotated[dict, Depends(page("repeats"))]):
    summary, cases = wb.repeat_group(session["user"], group)
    return render(request, "repeat_group.html", session, g=summary, cases=cases)


@pages.get("/alerts")
def alerts_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("alerts"))]):
    date_from, date_to = _period(request)

    def figures():
        got = wb.alerts(date_from, date_to)
        return dict(a=got, date_from=got["from"], date_to=got["to"])  # the week it chose when none was given

    return render_figures(request, "alerts.html", session, figures, date_from=date_from or "", date_to=date_to or "")


@pages.get("/map")
def map_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("map"))]):
    date_from, date_to = _period(request)
    measure = "closure_rate" if request.query_params.get("measure") == "closure_rate" else "count"
    province = (request.query_params.get("province") or "")[:20] or None
    return render_figures(request, "map.html", session,
                          lambda: dict(m=wb.county_map(province, date_from, date_to, measure)), measures=MEASURES,
                          date_from=date_from or "", date_to=date_to or "", measure=measure)
