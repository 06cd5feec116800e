"""The office's figures, page and API side by side, all from :mod:`petitionnlp.office.figures`: progress (进度), the
办理情况专报 (JSON or Word), the 公开表 (page, JSON or XLSX) and the statistics by region and type (page, JSON, PNG)."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query, Request

from ...dates import chinese_date, period_words
from ...office.charts import bar_chart_svg
from ...office.documents import public_title
from ...office.figures import PUBLIC_COLUMNS, PUBLIC_WIDTHS, check_period, percent
from ...office.lifecycle import COUNTS
from ...office.repeat_groups import MANY
from ...taxonomy import TYPES
from ..deps import Office, api_date, api_period, page, page_date, require
from ..render import download, render, render_figures
from .routers import api, pages

From = Annotated[str | None, Query(alias="from")]


def _period(request: Request) -> tuple[str | None, str | None, str]:
    q = request.query_params
    date_from, date_to = page_date(q.get("from")), page_date(q.get("to"))
    return date_from, date_to, urlencode({k: v for k, v in {"from": date_from, "to": date_to}.items() if v})


@api.get("/progress", summary="办理进度：总数、办结率、逾期、不受理，按状态、类型、市州、责任单位")
def progress(wb: Office, user: Annotated[dict, Depends(require("progress"))], from_: From = None,
             to: str | None = None):
    return wb.progress(*api_period(from_, to))


@pages.get("/progress")
def progress_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("progress"))]):
    date_from, date_to, query = _period(request)

    def figures():
        data = wb.report_data(date_from, date_to)
        table = [{"region": c, "移交件数": n, **data["by_city_type"][c]} for c, n in data["by_city"].items()]
        many = [g for g in wb.repeats(session["user"], date_from, date_to) if g["count"] >= MANY]
        return dict(d=data, chart=bar_chart_svg(table, list(data["by_type"])), today=chinese_date(data["today"]),
                    alerts=wb.alerts(date_from, date_to), county_map=wb.county_map(None, date_from, date_to),
                    repeat_groups=many)

    return render_figures(request, "progress.html", session, figures, date_from=date_from or "",
                          date_to=date_to or "", query=query, percent=percent, counts=COUNTS,
                          period=period_words(date_from, date_to))


Issue = Annotated[int | None, Query(ge=1, le=99999, description="期号（第N期）；不填：同一时间段沿用原期号，否则顺延")]
Dated = Annotated[str | None, Query(description="成文日期 YYYY-MM-DD；不填：今天（统计数字所截至的日期）")]
Draft = Annotated[bool, Query(description="送审稿：不编期号、不占用期号，审阅后再印发")]


@api.get("/report", summary="办理情况专报：JSON（数字与文字）或 DOCX（Word 文档，A4 公文格式，第N期）")
def report(wb: Office, user: Annotated[dict, Depends(require("progress"))], from_: From = None,
           to: str | None = None, format: Literal["json", "docx"] = "json", issue: Issue = None,
           date: Dated = None, draft: Draft = False):
    data, docx = wb.report(user, *api_period(from_, to), format, issue, api_date(date, "date"),
                           draft)
    return data if format == "json" else download(docx)


@pages.get("/progress/report.docx")
def report_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("progress"))]):
    date_from, date_to, _ = _period(request)
    q = request.query_params
    issue = int(q["issue"]) if (q.get("issue") or "").isdecimal() and 0 < len(q["issue"]) < 6 else None
    return download(wb.report(session["user"], date_from, date_to, "docx", issue or None, page_date(q.get("date")),
                              q.get("draft") == "1")[1])


@api.get("/public", summary="公开表：已审核办结的信访件，脱敏，XLSX 或 JSON")
def public(wb: Office, user: Annotated[dict, Depends(require("progress"))], from_: From = None,
           to: str | None = None, format: Literal["json", "xlsx"] = "json"):
    got = wb.public(user, *api_period(from_, to), format)
    return {"rows": got} if format == "json" else download(got)


@pages.get("/public")
def public_page(request: Request, wb: Office, session: Annotated[dict, Depends(page("progress"))]):
    date_from, date_to, query = _period(request)
    return render(request, "public.html", session, rows=wb.public(session["user"], date_from, date_to, log=False),
                  columns=PUBLIC_COLUMNS, widths=PUBLIC_WIDTHS, date_from=date_from or "", date_to=date_to or "",
                  query=query,
                  title=public_title(wb.store), period=period_words(date_from, date_to))


@pages.get("/public.xlsx")
def public_download(request: Request, wb: Office, session: Annotated[dict, Depends(page("progress"))]):
    date_from, date_to, _ = _period(request)
    return download(wb.public(session["user"], date_from, date_to, "xlsx"))


@api.get("/stats", summary="属地 × 污染类型统计与办结率")
def stats(wb: Office, user: Annotated[dict, Depends(require("read"))], from_: From = None, to: str | None = None,
          level: Literal["city", "county"] = "city"):
    return wb.stats(*api_period(from_, to), level)


@pages.get("/stats")
def stats_page(request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    date_from, date_to, query = _period(request)
    level = "county" if request.query_params.get("level") == "county" else "city"

    def figures():
        check_period(date_from, date_to)  # as the API and 进度: a reversed period is refused, not counted as nothing
        result = wb.stats(date_from, date_to, level)
        return dict(stats=result, chart=bar_chart_svg(result["table"], list(TYPES)))

    return render_figures(request, "stats.html", session, figures, date_from=date_from or "",
                          date_to=date_to or "", level=level, png=query)


@pages.get("/stats.png")
def stats_png(request: Request, wb: Office, session: Annotated[dict, Depends(page())]):
    date_from, date_to, _ = _period(request)
    check_period(date_from, date_to)  # the chart of a refused period is refused too (422), as the page and the API
    return download(wb.stats_png(date_from, date_to))
