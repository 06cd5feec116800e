"""What an office hands out, as files, one implementation each: the 办理情况专报 (Word, python-docx) with its
figures, table by unit, overdue list and a chart; the 公开表 (XLSX, openpyxl: column widths, wrapped text, a frozen
header, a sheet named for the period, no cell a spreadsheet would run); the queue's XLSX in the table's own
columns; the statistics chart.

The numbers come from :mod:`.figures` and the rows from :mod:`.views`: this module lays them out.  The functions
at the end (:func:`progress_report`, :func:`public_table`, :func:`queue_export`, :func:`stats_chart`) are what the
pages, the API and the command line call: the figures, the file, and its line in the audit log.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from .charts import progress_chart_png, region_chart_png
from .clock import office_today
from .figures import PUBLIC_COLUMNS, percent, public_rows, region_table, period_cases, report_data
from .places import place_name

__all__ = ["report_docx", "public_xlsx", "queue_xlsx", "period_name", "QUEUE_COLUMNS", "Download",
           "progress_report", "public_table", "queue_export", "stats_chart", "XLSX_TYPE", "DOCX_TYPE"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Download(NamedTuple):
    """A file handed out: its name (Chinese welcome), media type and bytes."""

    name: str
    media_type: str
    data: bytes


def period_name(date_from: str | None, date_to: str | None, today: str) -> str:
    """A period as a file or sheet name: ``2017-05-10至2017-05-15``, ``截至2017-05-15``."""
    if date_from and date_to:
        return f"{date_from}至{date_to}"
    if date_from:
        return f"{date_from}起"
    return f"截至{date_to or today}"


# ------------------------------------------------------------------------------------------------- 专报

def _cell(cell, text, bold: bool = False, center: bool = False, size: float = 10.5) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    cell.text = ""
    par = cell.paragraphs[0]
    run = par.add_run(str(text))
    run.bold = bold
    run.font.size = Pt(size)
    if center:
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cjk(run, name: str = "宋体") -> None:
    """East Asian text of a run in a Chinese font (Word reads w:eastAsia, not the Latin font name)."""
    from docx.oxml.ns import qn

    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def report_docx(data: dict, office: str = "环境保护督察工作领导小组办公室") -> bytes:
    """The 办理情况专报 as a Word document: title, period, the sentences, a table by unit (official order) with
    合计, the overdue list, the units' ranking (with 督办 and 满意度), the overdue and supervised cases by unit, 回访
    and 抽查复核, the chart."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    _cjk(style)
    for section in doc.sections:  # A4 (python-docx's template is US Letter)
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("信访件办理情况专报")
    run.bold, run.font.size = True, Pt(20)
    _cjk(run, "黑体")
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{office}　{period_name(data['from'], data['to'], data['today'])}　（{data['today']} 编制）")
    doc.add_heading("一、总体情况", level=2)
    for sentence in data["sentences"]:
        p = doc.add_paragraph(sentence)
        p.paragraph_format.first_line_indent = Pt(24)

    doc.add_heading("二、各责任单位办理情况", level=2)
    heads = ["责任单位", "交办件数", "已办结", "阶段性办结", "尚在办理", "逾期", "办结率"]
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, heads):
        _cell(cell, h, bold=True, center=True)
    rows = [(u["unit"] or "未分配", u["total"], u["closed"], u["staged"], u["total"] - u["closed"] - u["staged"],
             u["overdue"], percent(u["closure_rate"])) for u in data["by_unit"]]
    rows.append(("合计", data["total"], data["closed"], data["staged"], data["in_progress"], data["overdue"],
                 percent(data["closure_rate"])))
    for i, values in enumerate(rows):
        cells = table.add_row().cells
        for j, (cell, v) in enumerate(zip(cells, values)):
            _cell(cell, v, bold=i == len(rows) - 1, center=j > 0)

    doc.add_heading("三、逾期未办结信访件", level=2)
    if data["overdue_cases"]:
        heads = ["受理编号", "责任单位", "办理期限", "状态", "行政区域"]
        late = doc.add_table(rows=1, cols=len(heads))
        late.style = "Table Grid"
        for cell, h in zip(late.rows[0].cells, heads):
            _cell(cell, h, bold=True, center=True)
        for c in data["overdue_cases"]:
            cells = late.add_row().cells
            for cell, v in zip(cells, (c["receipt_id"] or f"#{c['id']}", c["unit"] or "未分配", c["due_date"] or "",
                                       c["status"], c["place"])):
                _cell(cell, v, size=9.5)
    else:
        doc.add_paragraph("无。")

    _ranking_section(doc, data, "四")
    _supervision_section(doc, data, "五")
    _loop_section(doc, data, "六")

    doc.add_heading("七、各市州交办件分布", level=2)
    doc.add_picture(io.BytesIO(progress_chart_png(data)), width=Cm(16))
    note = doc.add_paragraph("注：办结率 =（已办结 + 阶段性办结）÷ 交办件数（不含不受理件），每件只计一次；日期按交办日期计；"
                             "一件涉及多种污染类型时在每种类型下各计一次；查处数字为各单位报送且未被退回的报告之和；"
                             "满意度 =（满意 + 基本满意）÷（回访件数 − 未联系上），每件按最近一次回访计；"
                             "排名按办结率，办结率相同的逾期少者在前。")
    note.runs[0].font.size = Pt(9)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# the 专报's sections on closing the loop (issue 27): each lays out one part of report_data, nothing else

def _grid(doc, heads: list[str], rows: list[tuple], size: float = 9.5, widths: list[float] | None = None):
    """A table with a bold centred head row; ``widths`` in cm (the A4 text width is 16 cm), else equal columns."""
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for cell, h in zip(table.rows[0].cells, heads):
        _cell(cell, h, bold=True, center=True, size=size)
    for values in rows:
        for cell, v in zip(table.add_row().cells, values):
            _cell(cell, v, size=size, center=isinstance(v, int) or str(v).endswith("%") or v == percent(None))
    if widths:
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)
    return table


def _ranking_section(doc, data: dict, number: str) -> None:
    """The units ranked by 办结率, then fewer 逾期, with 督办 and 满意度 beside (the 考核排名)."""
    doc.add_heading(f"{number}、责任单位排名", level=2)
    if not data.get("ranking"):
        doc.add_paragraph("无。")
        return
    _grid(doc, ["排名", "责任单位", "交办件数", "办结率", "逾期", "督办", "满意度"],
          [(u["rank"], u["unit"], u["total"], percent(u["closure_rate"]), u["overdue"], u.get("supervised", 0),
            percent(u["satisfaction_rate"])) for u in data["ranking"]], widths=[1.3, 4.7, 2, 2, 2, 2, 2])


def _supervision_section(doc, data: dict, number: str) -> None:
    """The overdue and the supervised cases by unit: the table a 督察督办情况简报 uses."""
    doc.add_heading(f"{number}、逾期及督办信访件（按责任单位）", level=2)
    groups = data.get("supervision") or []
    if not groups:
        doc.add_paragraph("无。")
        return
    rows = []
    for g in groups:
        for i, c in enumerate(g["cases"]):
            head = f"{g['unit'] or '未分配'}\n逾期{g['overdue']}件、督办{g['supervised']}件" if i == 0 else ""
            rows.append((head, c["receipt_id"] or f"#{c['id']}", c["place"], c["due_date"] or "", c["status"],
                         c["kind"], c["note"] or ""))
    _grid(doc, ["责任单位", "受理编号", "行政区域", "办理期限", "状态", "情形", "督办意见"], rows, size=9,
          widths=[2.9, 3.6, 2.3, 2.5, 1.3, 1.2, 2.2])


def _loop_section(doc, data: dict, number: str) -> None:
    """回访 and 满意度, 抽查复核 and its pass rate, 重新办理 and 不受理."""
    doc.add_heading(f"{number}、回访与抽查复核", level=2)
    sat, spot = data.get("satisfaction") or {}, data.get("spotcheck") or {}
    _grid(doc, ["回访件数", "满意", "基本满意", "不满意", "未联系上", "满意度"],
          [(sat.get("called", 0), sat.get("满意", 0), sat.get("基本满意", 0), sat.get("不满意", 0),
            sat.get("未联系上", 0), percent(sat.get("rate")))])
    doc.add_paragraph()
    _grid(doc, ["抽查件数", "已复核", "通过", "通过率", "重新办理", "不受理"],
          [(spot.get("drawn", 0), spot.get("checked", 0), spot.get("passed", 0), percent(spot.get("pass_rate")),
            data.get("reopened", 0), data.get("rejected", 0))])


# ----------------------------------------------------------------------------------------------- 公开表

_WIDTHS = {"序号": 6, "受理编号": 20, "交办问题基本情况": 48, "行政区域": 14, "污染类型": 10, "调查核实情况": 48,
           "是否属实": 10, "处理和整改情况": 40, "责任人被问责情况": 28}


def _safe_sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "-")
    return name[:31] or "公开表"


def _text_cell(cell, value) -> None:
    """A value written as what it is: text stays text, never a formula (=, +, -, @ first)."""
    from ..io import formula_like

    cell.value = value
    if isinstance(value, str) and (value.startswith("=") or formula_like(value)):
        cell.data_type = "s"
        cell.quotePrefix = True


def _sheet(ws, columns: list[str], rows: list[dict], widths: dict[str, int]) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    for j, name in enumerate(columns, 1):
        c = ws.cell(row=1, column=j)
        _text_cell(c, name)
        c.font = Font(bold=True)
        c.fill = head_fill
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
        ws.column_dimensions[get_column_letter(j)].width = widths.get(name, 14)
    for i, row in enumerate(rows, 2):
        for j, name in enumerate(columns, 1):
            c = ws.cell(row=i, column=j)
            _text_cell(c, row.get(name))
            c.alignment = Alignment(vertical="top", wrap_text=True)
            c.border = border
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def public_xlsx(rows: list[dict], period: str) -> bytes:
    """The 公开表 as XLSX: the official columns in order, one sheet named for the period."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _safe_sheet_name(period)
    _sheet(ws, list(PUBLIC_COLUMNS), rows, _WIDTHS)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# the queue's added columns, named as an office names them (the table's own columns keep their names)
QUEUE_COLUMNS = {"receipt_id": "受理编号", "unit": "责任单位", "handover_date": "交办日期", "due_date": "办理期限",
                 "overdue": "是否逾期", "status": "办理状态", "pollution_types": "污染类型", "region": "行政区域",
                 "province": "省", "city": "市", "county": "县（区）", "region_confidence": "属地置信度",
                 "region_evidence": "属地依据", "priority": "紧急程度", "priority_reasons": "紧急理由",
                 "department": "承办部门", "duplicate_of": "疑似重复件", "duplicate_score": "重复相似度",
                 "error": "无法分类原因", "verified": "是否属实", "findings": "调查核实情况", "actions": "处理和整改情况",
                 "accountability": "责任人被问责情况", "closure": "办结情况"}
_FILLED = {"污染类型": "pollution_types", "行政区域": "region"}  # the table's own columns the workbench fills


def _plain(value) -> str | int | float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], dict):  # priority reasons
            return "；".join(str(v.get("reason", "")) + (f"（{'、'.join(v['words'])}）" if v.get("words") else "")
                            for v in value)
        return "、".join(map(str, value))
    if isinstance(value, dict):
        return "；".join(f"{k} {v}" for k, v in value.items())
    return value


def queue_xlsx(views: list[dict], columns: list[str], name: str = "信访件") -> bytes:
    """A batch's cases as XLSX in the table's own columns — its 污染类型 and 行政区域 filled with the workbench's
    (corrected) values — then the workbench's columns named in Chinese; lists as 、-joined text."""
    from openpyxl import Workbook

    own = list(columns)
    added = [k for k, header in QUEUE_COLUMNS.items() if header not in own]
    out_columns = own + [QUEUE_COLUMNS[k] for k in added]
    rows = []
    for v in views:
        report = v.get("report") or {}
        flat = {"region": place_name(v), **{k: v.get(k) for k in QUEUE_COLUMNS if k in v},
                **{k: report.get(k) for k in ("verified", "findings", "actions", "accountability", "closure")}}
        row = {c: _plain(v["row"].get(c)) for c in own}
        for header, key in _FILLED.items():
            if header in own and not v.get("error"):
                row[header] = _plain(flat.get(key))
        for k in ("verified", "findings", "actions", "accountability"):
            if QUEUE_COLUMNS[k] in own and flat.get(k):
                row[QUEUE_COLUMNS[k]] = flat[k]
        for k in added:
            row[QUEUE_COLUMNS[k]] = _plain(flat.get(k))
        rows.append(row)
    wb = Workbook()
    ws = wb.active
    ws.title = _safe_sheet_name(name)
    widths = {c: (40 if c in ("交办问题基本情况", "调查核实情况", "处理和整改情况") or len(c) > 12 else 14)
              for c in out_columns}
    _sheet(ws, out_columns, rows, widths)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ------------------------------------------------------------------------------ what the screens call

def progress_report(store, user: dict | None, date_from: str | None = None, date_to: str | None = None,
                    fmt: str = "json", via: str | None = None) -> tuple[dict, Download | None]:
    """The 办理情况专报 of a period: (its data, the Word document for ``docx`` else None), logged as handed out
    (``via="cli"``: by the command line)."""
    data = report_data(store, date_from, date_to)
    detail = {"from": data["from"], "to": data["to"], "format": fmt}
    store.log(user["username"] if user else None, "report", None, {**detail, "cli": True} if via == "cli" else detail)
    if fmt == "json":
        return data, None
    name = f"办理情况专报_{period_name(data['from'], data['to'], data['today'])}.docx"
    return data, Download(name, DOCX_TYPE, report_docx(data))


def public_table(store, user: dict, date_from: str | None = None, date_to: str | None = None, fmt: str = "json",
                 log: bool = True):
    """The 公开表 of a period: its rows (``json``) or the XLSX (:class:`Download`), logged when handed out."""
    rows = public_rows(store, date_from, date_to)
    if log:
        store.log(user["username"], "public_table", None, {"from": date_from, "to": date_to, "rows": len(rows),
                                                           "format": fmt})
    if fmt == "json":
        return rows
    period = period_name(date_from, date_to, office_today().isoformat())
    return Download(f"公开表_{period}.xlsx", XLSX_TYPE, public_xlsx(rows, period))


def queue_export(store, user: dict, batch: dict, views: list[dict], redacted: bool) -> Download:
    """A batch's cases as the table it came in (its 污染类型 and 行政区域 filled, corrections included) with the
    workbench's columns in Chinese; ``redacted``: the viewer's text (for publishing); logged."""
    data = queue_xlsx(views, list(batch["columns"] or []), batch["name"] or "信访件")
    store.log(user["username"], "export", f"batch:{batch['id']}", {"redacted": redacted, "rows": len(views)})
    return Download(f"batch-{batch['id']}{'-redacted' if redacted else ''}.xlsx", XLSX_TYPE, data)


def stats_chart(store, date_from: str | None = None, date_to: str | None = None) -> Download:
    """The statistics of a period as ``petitionnlp stats --png`` draws them."""
    return Download("stats.png", "image/png", region_chart_png(region_table(period_cases(store, date_from,
                                                                                          date_to)[0])))
