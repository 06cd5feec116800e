"""What an office hands out, as files, one implementation each, laid out to be printed and published:

- the 办理情况专报 (Word, python-docx) in the form of a government briefing (GB/T 9704-2012 党政机关公文格式): A4 with
  the standard margins (版心 156 × 225 mm), a head with the issuing office, 第N期 and the date in Chinese over a red
  line, the body in the standard fonts (named in the document, each with the font every Windows has beside it),
  tables as wide as the 版心 with their header repeated on every page, a chart drawn at its printed size, page
  numbers ``— 1 —`` at the outer side, and the 报/送 lines and 印发 date of the 版记;
- the 公开表 and a batch's queue (XLSX) through the package's one writer for people
  (:func:`petitionnlp.io.write_table_xlsx`): Chinese headers, a title row, date cells, a frozen header printed on
  every page, A4 landscape;
- the statistics chart (PNG).

The numbers come from :mod:`.figures` and the rows from :mod:`.views`: this module lays them out.  The 专报's
sections are a list (:data:`REPORT_SECTIONS`) of small functions, each laying out one part of
:func:`.figures.report_data` and writing nothing when its part is absent, so that a new part of the figures is one
more function.  The functions at the end (:func:`progress_report`, :func:`public_table`, :func:`queue_export`,
:func:`stats_chart`) are what the pages, the API and the command line call: the figures, the file (a
:class:`Download` with its Chinese name), and its line in the audit log.
"""

from __future__ import annotations

import io
import re
from typing import NamedTuple

from ..dates import chinese_date, period_words
from ..io import MIN_PRINT_PT, field_header, field_layout, readable_value, write_table_xlsx, xlsx_text
from ..settings import get_settings
from .charts import TEXT_WIDTH_MM, progress_chart_png, region_chart_png
from .clock import office_today
from ..pii import personal_columns
from .figures import (PUBLIC_COLUMNS, PUBLIC_WIDTHS, percent, period_cases, public_report, public_rows, region_table,
                      report_data, this_round_report)
from . import overview
from .places import place_name, region_words
from .repeat_groups import MANY, list_groups

__all__ = ["report_docx", "public_xlsx", "queue_xlsx", "QUEUE_FIELDS", "PUBLIC_QUEUE_FIELDS", "Download",
           "report_date", "public_title", "progress_report", "public_table", "queue_export", "stats_chart",
           "REPORT_SECTIONS", "REPORT_NAME", "XLSX_TYPE", "DOCX_TYPE", "PNG_TYPE"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG_TYPE = "image/png"
REPORT_NAME = "办理情况专报"


class Download(NamedTuple):
    """A file handed out: its name (Chinese), media type and bytes, and an ASCII name for the programs that cannot
    read a Chinese one (RFC 6266's ``filename`` beside ``filename*``)."""

    name: str
    media_type: str
    data: bytes
    fallback: str = ""


def _ascii_period(date_from: str | None, date_to: str | None, today: str) -> str:
    if date_from and date_to:
        return date_from if date_from == date_to else f"{date_from}_{date_to}"
    if date_from:
        return f"from-{date_from}"
    return f"to-{date_to or today}"


def _file_period(date_from: str | None, date_to: str | None, today: str) -> str:
    """A period in a file name: ``2017年5月10日至15日``, ``2017年5月15日``, ``截至2017年5月15日``."""
    return period_words(date_from, date_to, today, short=True)


# ================================================================================================= 专报

# GB/T 9704-2012: A4; 版心 156 mm × 225 mm; top margin 37 mm, left 28 mm; 22 lines of 28 characters of 三号 text.
PAGE_MM = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
LINE_PT = 28.95      # 22 lines in the 225 mm of the 版心
BODY_PT = 16         # 三号: the body, level-1 and level-2 headings
TITLE_PT = 22        # 二号: the title
HEAD_PT = 42         # 初号: the document's name in the 版头
CELL_MARGIN_MM = 1.0  # a table cell's left and right margins (_cell_margins)
TABLE_PT = 12        # 小四: tables
DRAFT_MARK = "送审稿"  # a 专报 printed to be read before it is issued: no 第N期
NOTE_PT = 14         # 四号: the note, the 版记 and the page numbers
RED = "FF0000"
# The fonts of a government office's Word, named in the document (w:eastAsia), each with the one every Chinese
# Windows has (w:altName in the font table: what Word and WPS take when the first is not installed); a machine with
# neither draws the nearest CJK serif or sans (on Debian: fonts-noto-cjk, fonts-arphic-ukai).
FONTS = {"title": ("方正小标宋简体", "宋体"), "body": ("仿宋_GB2312", "仿宋"), "heading": ("黑体", "SimHei"),
         "subheading": ("楷体_GB2312", "楷体"), "number": ("宋体", "SimSun")}
LATIN = "Times New Roman"   # digits and Latin letters in the text, as offices set them
_NUMERALS = "一二三四五六七八九十"


# the order of the children of w:tblPr, w:pPr and w:rPr (ECMA-376 Part 1, 17.4.59, 17.3.1.26, 17.3.2.28): Word
# refuses a document whose properties are out of order
_TBLPR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize", "w:tblStyleColBandSize",
          "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar",
          "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
        "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
        "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
        "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange")
_RPR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
        "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
        "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
        "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
        "w:specVanish", "w:oMath")


def _child(parent, tag: str, order: tuple, attrs: dict | None = None):
    """``parent``'s child ``tag`` (made where the schema's ``order`` puts it when missing), its ``attrs`` set."""
    from docx.oxml.ns import qn

    el = parent.find(qn(tag))
    if el is None:
        el = parent.makeelement(qn(tag), {})
        later = {qn(t) for t in order[order.index(tag) + 1:]}
        nxt = next((c for c in parent if c.tag in later), None)
        if nxt is None:
            parent.append(el)
        else:
            nxt.addprevious(el)
    for k, v in (attrs or {}).items():
        el.set(qn(k), v)
    return el


def _numeral(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    return (_NUMERALS[n // 10 - 1] if n >= 20 else "") + "十" + (_NUMERALS[n % 10 - 1] if n % 10 else "")


def report_date(data: dict, given: str | None = None) -> str:
    """The day a 专报 is dated (ISO): ``given``; else today (the office's), the day its figures are counted — its
    逾期, its 督办 deadlines and its statuses are today's, so a report on a past period dated that period's last
    day would be dated before the facts it reports; the period is named under the title."""
    return given or data.get("today") or office_today().isoformat()


class _Briefing:
    """A Word document set up as a GB/T 9704 document: the page, the styles with their fonts, the font table, the
    page numbers; helpers that add its parts (headings numbered 一、二、… and （一）（二）…)."""

    def __init__(self):
        from docx import Document

        self.doc = Document()
        self.level1 = 0
        self.level2 = 0
        self._page()
        self._styles()
        self._font_table()
        self._page_numbers()

    # -- set-up ---------------------------------------------------------------------------------------------
    def _page(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        s = self.doc.sections[0]
        s.orientation = WD_ORIENT.PORTRAIT
        s.page_width, s.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
        s.top_margin, s.bottom_margin = Mm(PAGE_MM["top"]), Mm(PAGE_MM["bottom"])
        s.left_margin, s.right_margin = Mm(PAGE_MM["left"]), Mm(PAGE_MM["right"])
        s.header_distance = Mm(15)
        s.footer_distance = Mm(22)  # the page number's dash line about 7 mm under the 版心
        s.gutter = Mm(0)

    @staticmethod
    def _fonts(element, role: str) -> None:
        """An element's run properties name the role's font for Chinese (w:eastAsia) and Times New Roman for
        digits and Latin letters; the theme's fonts removed (they would win over the names)."""
        from docx.oxml.ns import qn

        fonts = _child(element.get_or_add_rPr(), "w:rFonts", _RPR)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        east = FONTS[role][0]
        latin = LATIN if role in ("body", "subheading") else east
        for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", latin)):
            fonts.set(qn(attr), name)
        fonts.set(qn("w:hint"), "eastAsia")

    def _style(self, name: str, role: str, size: float, base: str | None = "Normal", bold: bool = False,
               align=None, exact: bool = True, outline: int | None = None):
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if base and name != base:
            style.base_style = styles[base]
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        self._fonts(style.element, role)
        pf = style.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        if exact:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(LINE_PT)
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if align is not None:
            pf.alignment = align
        pf.widow_control = True
        if outline is not None:
            pf.keep_with_next = True
            _child(style.element.get_or_add_pPr(), "w:outlineLvl", _PPR, {"w:val": str(outline)})
        return style

    def _styles(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        normal = self._style("Normal", "body", BODY_PT, base=None, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        normal.paragraph_format.first_line_indent = Pt(2 * BODY_PT)  # 每段首行空二字
        # the document's language: Chinese (so that Word checks and breaks it as Chinese)
        _child(normal.element.get_or_add_rPr(), "w:lang", _RPR, {"w:val": "en-US", "w:eastAsia": "zh-CN"})
        for name, role, size, align, indent in (("Heading 1", "heading", BODY_PT, None, True),
                                                ("Heading 2", "subheading", BODY_PT, None, True)):
            st = self._style(name, role, size, align=WD_ALIGN_PARAGRAPH.LEFT, outline=0 if "1" in name else 1)
            st.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
        self._style("公文标题", "title", TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False, outline=None)
        self._style("版头", "title", HEAD_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
        self._style("副标题", "subheading", BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
        self._style("表格", "body", TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
        self._style("表头", "heading", TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)
        self._style("注释", "body", NOTE_PT, exact=False)
        self._style("版记", "body", NOTE_PT, align=WD_ALIGN_PARAGRAPH.LEFT, exact=False)
        self._style("页码", "number", NOTE_PT, exact=False)
        for name in ("公文标题", "版头", "副标题", "表格", "表头", "版记", "页码"):
            self.doc.styles[name].paragraph_format.first_line_indent = Pt(0)
        self.doc.styles["注释"].paragraph_format.first_line_indent = Pt(2 * NOTE_PT)
        self.doc.core_properties.language = "zh-CN"

    def _font_table(self) -> None:
        """Each font named in the document, in the font table with the font to take when it is missing
        (w:altName), its GB 2312 character set and its kind (serif or sans)."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.oxml.ns import qn

        part = next((r.target_part for r in self.doc.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
        if part is None:
            return
        from lxml import etree

        root = etree.fromstring(part.blob)
        for role, (name, alt) in FONTS.items():
            if root.find(f"{qn('w:font')}[@{qn('w:name')}='{name}']") is not None:
                continue
            font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
            etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB 2312
            etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss" if role == "heading" else "roman"})
            etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page_numbers(self) -> None:
        """``— 1 —`` in 四号 宋体 under the 版心: odd pages at the right, even pages at the left, one character in
        from the edge (GB/T 9704 7.5)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.doc.settings.odd_and_even_pages_header_footer = True
        section = self.doc.sections[0]
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            par = footer.paragraphs[0]
            par.style = self.doc.styles["页码"]
            par.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                par.paragraph_format.right_indent = Pt(NOTE_PT)
            else:
                par.paragraph_format.left_indent = Pt(NOTE_PT)
            par.add_run("— ")
            _field(par, "PAGE")
            par.add_run(" —")

    # -- parts ----------------------------------------------------------------------------------------------
    def paragraph(self, text: str = "", style: str | None = None):
        par = self.doc.add_paragraph(text, style=style)
        return par

    def heading1(self, text: str):
        """A level-1 heading, numbered in order (一、二、…): sections that have nothing to say add none."""
        self.level1 += 1
        self.level2 = 0
        return self.doc.add_paragraph(f"{_numeral(self.level1)}、{text}", style="Heading 1")

    def heading2(self, text: str):
        """A level-2 heading under the current level-1 heading (（一）（二）…), in 楷体."""
        self.level2 += 1
        return self.doc.add_paragraph(f"（{_numeral(self.level2)}）{text}", style="Heading 2")

    def table(self, heads: list[str], rows: list[tuple], widths_mm: list[float], size: float = TABLE_PT,
              total: bool = False, left: set[int] = frozenset(), wrap: set[int] | None = None,
              wrap_last: set[int] = frozenset()):
        """A table as wide as the 版心 (the columns' widths in mm), centred, its header row repeated at the top of
        every page and no row broken across pages; ``total``: the last row is a 合计 row whose first two cells are
        merged; ``left``: the columns aligned left (names, text); ``wrap``: the columns that may take two lines
        (text: opinions), ``left`` unless given — every other column keeps each cell on one line (a unit's name, a
        受理编号, a date), the table set smaller down to 小五 (:func:`_fit_size`) where it needs to; ``wrap_last``:
        the columns that may wrap besides when nothing else fits at 小五 (a 行政区域 beside its unit).  A row of one
        value is a group's row (a unit and its counts) across the whole table, kept with the row under it."""
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        wrap = set(left) if wrap is None else set(wrap)
        fitted = _fit_size(heads, rows, widths_mm, size, wrap)
        tight = set()
        if fitted is None and wrap_last:  # they wrap, leaving the other columns the room they need
            tight = set(wrap_last)
            wrap |= tight
            fitted = _fit_size(heads, rows, widths_mm, size, wrap)
        size = size if fitted is None else fitted
        widths_mm = _fit_widths(heads, rows, widths_mm, size, wrap=wrap, tight=tight)
        table = self.doc.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False  # w:tblLayout fixed: the widths below hold
        _cell_margins(table._tbl.tblPr)
        for _ in rows:
            table.add_row()
        for j, w in enumerate(widths_mm):
            table.columns[j].width = Mm(w)
        for r_i, row in enumerate(table.rows):
            trpr = row._tr.get_or_add_trPr()
            trpr.append(trpr.makeelement(qn("w:cantSplit"), {}))
            if r_i == 0:
                trpr.append(trpr.makeelement(qn("w:tblHeader"), {}))
            values = heads if r_i == 0 else rows[r_i - 1]
            if len(values) == 1 < len(heads):  # a group's row: one cell across the table, kept with the next row
                cell = row.cells[0].merge(row.cells[-1])
                for par in cell.paragraphs[1:]:
                    par._p.getparent().remove(par._p)
                par = cell.paragraphs[0]
                par.style = self.doc.styles["表格"]
                par.alignment = WD_ALIGN_PARAGRAPH.LEFT
                par.paragraph_format.keep_with_next = True
                run = par.add_run(xlsx_text(str(values[0])))
                run.font.size, run.font.bold = Pt(size), True
                continue
            for j, (cell, value) in enumerate(zip(row.cells, values)):
                cell.width = Mm(widths_mm[j])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                par = cell.paragraphs[0]
                par.style = self.doc.styles["表头" if r_i == 0 else "表格"]
                run = par.add_run("" if value is None else xlsx_text(str(value)))  # what Word's XML can hold
                if size != TABLE_PT:
                    run.font.size = Pt(size)
                if r_i and j in left:
                    par.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if total and rows:
            last = table.rows[-1]
            merged = last.cells[0].merge(last.cells[1])
            for par in merged.paragraphs[1:]:
                par._p.getparent().remove(par._p)
            merged.paragraphs[0].text = ""
            merged.paragraphs[0].add_run(xlsx_text(str(rows[-1][1] or rows[-1][0])))
            merged.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return table

    def picture(self, png: bytes, width_mm: float):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.enum.text import WD_LINE_SPACING
        from docx.shared import Mm, Pt

        par = self.doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pf = par.paragraph_format
        pf.first_line_indent = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line height would cut the picture
        par.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
        return par

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _field(par, instruction: str) -> None:
    """A Word field (``PAGE``) in a paragraph: begin, instruction, separate, a placeholder, end."""
    from docx.oxml.ns import qn

    def char(kind):
        run = par.add_run()
        run._r.append(run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind}))

    char("begin")
    run = par.add_run()
    instr = run._r.makeelement(qn("w:instrText"), {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    instr.text = f" {instruction} "
    run._r.append(instr)
    char("separate")
    par.add_run("1")
    char("end")


def _text_mm(text: str, size_pt: float) -> float:
    """About how wide ``text`` prints at ``size_pt`` in the 专报's fonts: a Chinese character (or a full-width mark)
    one em, a Latin capital 0.72 em, other Latin letters, digits and marks 0.55 em (a little over Times New
    Roman's and its stand-ins' half an em: a column fitted to it keeps its longest cell on one line), and a quarter
    em where Chinese meets a Latin letter or digit (the space Word and LibreOffice put there: 2024 年 4 月)."""
    em = sum(0.72 if c.isascii() and c.isupper() else 0.55 if ord(c) < 0x2E80 else 1.0 for c in text)
    em += 0.25 * sum((a.isascii() and a.isalnum()) != (b.isascii() and b.isalnum()) and not (a.isspace() or b.isspace())
                     and (ord(a) >= 0x2E80 or ord(b) >= 0x2E80) for a, b in zip(text, text[1:]))
    return em * size_pt * 25.4 / 72


_PIECES = re.compile(r"[（(、，,；;）)]")
MIN_TABLE_PT = 9     # 小五: the smallest a 专报's table is set in, where its names would not fit on one line


def _fit_size(heads: list[str], rows: list[tuple], widths_mm: list[float], size_pt: float,
              wrap: set[int] = frozenset()) -> float | None:
    """The size a table is set in: ``size_pt``, else the largest by half points down to :data:`MIN_TABLE_PT` at
    which every column not in ``wrap`` holds its longest cell on one line and every header is whole, a column in
    ``wrap`` at least four characters wide, in the table's width — or None when none does."""
    pad = 2 * CELL_MARGIN_MM + 1.0
    full = [r for r in rows if len(r) == len(heads)]

    def need(pt: float) -> float:
        return sum(max(_text_mm(h, pt), 4 * pt * 25.4 / 72 if j in wrap else
                       max((_text_mm("" if r[j] is None else str(r[j]), pt) for r in full), default=0.0)) + pad
                   for j, h in enumerate(heads))

    pt = size_pt
    while need(pt) > sum(widths_mm) + 0.01 and pt > MIN_TABLE_PT:
        pt -= 0.5
    return pt if need(pt) <= sum(widths_mm) + 0.01 else None


def _fit_widths(heads: list[str], rows: list[tuple], widths_mm: list[float], size_pt: float,
                wrap: set[int] = frozenset(), tight: set[int] = frozenset()) -> list[float]:
    """The columns' widths, the table's whole width kept: a column whose longest cell (a 受理编号, a date, a figure)
    would break across lines takes the room it needs, then every column the room its header needs, from columns
    with room to spare — text columns (``wrap``: names, opinions) first, down to their header's width, as they
    are the ones that may wrap; then the others, down to what their own cells and header need.  Room left over
    last goes to the text columns that would wrap; ``tight``: text columns that give up all but their header's
    width where other columns need it."""
    pad = 2 * CELL_MARGIN_MM + 1.0
    n = len(widths_mm)
    rows = [r for r in rows if len(r) == n]  # a group's row spans the table
    cells = [max((_text_mm("" if r[j] is None else str(r[j]), size_pt) + pad for r in rows), default=0.0)
             for j in range(n)]
    heads_mm = [_text_mm(h, size_pt) + pad for h in heads]
    # a text column keeps at least its longest piece between marks (长沙市岳麓区 of 长沙市岳麓区（逾期1件、督办0件）)
    pieces = [max((_text_mm(part, size_pt) + pad for r in rows for part in _PIECES.split("" if r[j] is None else str(r[j]))),
                  default=0.0) for j in range(n)]
    floor = [max(heads_mm[k], 8.0) if k in tight else
             max(heads_mm[k], min(pieces[k], widths_mm[k] * 1.5), 8.0) if k in wrap else
             max(cells[k], heads_mm[k], 8.0) for k in range(n)]
    widths = list(widths_mm)

    def grow(j: int, need: float, floor: list[float]) -> None:
        for donors in ([k for k in wrap if k != j], [k for k in range(n) if k != j and k not in wrap]):
            short = need - widths[j]
            spare = {k: widths[k] - floor[k] for k in donors if widths[k] > floor[k]}
            if short <= 0 or not spare:
                continue
            take, room = min(short, sum(spare.values())), sum(spare.values())
            for k, v in spare.items():
                widths[k] -= take * v / room
            widths[j] += take

    for j in range(n):
        if j not in wrap:
            grow(j, cells[j], floor)
    for j in range(n):
        grow(j, heads_mm[j], floor)
    # last, the text columns towards one line each, from room no column needs (a text column keeps what it needs)
    floor = [max(floor[k], min(cells[k], widths[k])) for k in range(n)]
    for j in sorted(wrap):
        grow(j, cells[j], floor)
    return widths


def _cell_margins(tblpr, mm: float = CELL_MARGIN_MM) -> None:
    """Cells' left and right margins (Word's default is 1.9 mm): narrow columns keep their headings on one line."""
    twips = str(round(mm / 25.4 * 1440))
    mar = _child(tblpr, "w:tblCellMar", _TBLPR)
    for side in ("w:left", "w:right"):
        _child(mar, side, ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"), {"w:w": twips, "w:type": "dxa"})


def _border(par, side: str, size_eighths: int, color: str = "000000", space: int = 1) -> None:
    """A line along one side of a paragraph (w:pBdr), ``size_eighths`` eighths of a point thick."""
    bdr = _child(par._p.get_or_add_pPr(), "w:pBdr", _PPR)
    _child(bdr, f"w:{side}", ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
           {"w:val": "single", "w:sz": str(size_eighths), "w:space": str(space), "w:color": color})


def _head(b: _Briefing, issue: int | None, day: str, office: str) -> None:
    """The 版头: the document's name in red, 第N期 (a draft, ``issue`` None: 送审稿, no number), then the issuing
    office and the date on one line over a red line as wide as the 版心."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    name = b.paragraph(REPORT_NAME, style="版头")
    name.paragraph_format.space_before = Pt(6)
    name.runs[0].font.color.rgb = RGBColor.from_string(RED)
    number = b.paragraph(f"第{issue}期" if issue else DRAFT_MARK)
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.first_line_indent = Pt(0)
    number.paragraph_format.space_before = Pt(10)
    line = b.paragraph()
    line.paragraph_format.first_line_indent = Pt(0)
    line.paragraph_format.space_before = Pt(6)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(office)
    line.add_run("\t" + chinese_date(day))
    _border(line, "bottom", 18, RED, space=6)  # the red separator line (2.25 pt)


def _title(b: _Briefing, data: dict) -> None:
    """The title, and under it the period in 楷体: （2017年5月10日至15日）."""
    from docx.shared import Pt

    title = b.paragraph("交办信访件办理情况", style="公文标题")
    title.paragraph_format.space_before = Pt(LINE_PT)
    period = b.paragraph(f"（{period_words(data['from'], data['to'], data['today'], short=True)}）", style="副标题")
    period.paragraph_format.space_after = Pt(LINE_PT / 2)


def _imprint(b: _Briefing, day: str, office: str, to: str, cc: str) -> None:
    """The 版记 at the foot of the last page (GB/T 9704 7.4): the 报 and 送 lines, then the issuing office and
    ``day`` 印发, one character in from either side, between a thick line above and below and thin lines inside,
    as wide as the 版心 — a table floating at the bottom of the text area, in Word and in LibreOffice alike (the
    text before it flows above it)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt

    lines = [x for x in (f"报：{to}" if to else None, f"送：{cc}" if cc else None) if x] + [None]  # None: 印发
    b.paragraph().paragraph_format.first_line_indent = Pt(0)  # a blank line above it where it stays in the flow
    table = b.doc.add_table(rows=len(lines), cols=1)
    table.autofit = False
    tblpr = table._tbl.tblPr
    # placed from the page's left edge at the left margin: a table as wide as the 版心 but placed against the margin
    # stays in LibreOffice's text flow, one placed against the page floats (to the foot of the text area) as in Word
    _child(tblpr, "w:tblpPr", _TBLPR, {"w:leftFromText": "0", "w:rightFromText": "0", "w:topFromText": "567",
                                       "w:vertAnchor": "margin", "w:horzAnchor": "page",
                                       "w:tblpX": str(round(PAGE_MM["left"] / 25.4 * 1440)), "w:tblpYSpec": "bottom"})
    _child(tblpr, "w:tblW", _TBLPR, {"w:w": str(round(TEXT_WIDTH_MM / 25.4 * 1440)), "w:type": "dxa"})
    borders = _child(tblpr, "w:tblBorders", _TBLPR)
    for side, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 4), ("insideV", 0)):
        _child(borders, f"w:{side}", ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH",
                                       "w:insideV"),  # 0.35 mm lines above and below, 0.25 mm between
               {"w:val": "single" if size else "nil", "w:sz": str(size), "w:space": "0", "w:color": "000000"})
    _cell_margins(tblpr, 0)
    table.columns[0].width = Mm(TEXT_WIDTH_MM)
    for row, text in zip(table.rows, lines):
        cell = row.cells[0]
        cell.width = Mm(TEXT_WIDTH_MM)
        par = cell.paragraphs[0]
        par.style = b.doc.styles["版记"]
        pf = par.paragraph_format
        pf.left_indent = pf.right_indent = Pt(NOTE_PT)  # 左右各空一字
        pf.space_before = pf.space_after = Pt(4)
        if text is None:
            pf.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(NOTE_PT), WD_TAB_ALIGNMENT.RIGHT)
            par.add_run(office)
            par.add_run(f"\t{chinese_date(day)}印发")
        else:
            par.add_run(text)
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # a floating table belongs to the paragraph after it: without one Word adds one and LibreOffice drops the table
    anchor = b.paragraph()
    anchor.paragraph_format.first_line_indent = Pt(0)
    anchor.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    anchor.paragraph_format.line_spacing = Pt(1)


# ------------------------------------------------------------------------------------------ the sections
# Each takes the document and report_data's dict; it adds a numbered heading and its content, or nothing when its
# part of the figures is absent.  New parts of the figures (closing the loop, hotspots) are functions here.

def _overview(b: _Briefing, data: dict) -> None:
    b.heading1("总体情况")
    for sentence in data["sentences"]:
        b.paragraph(sentence)


def _by_unit(b: _Briefing, data: dict) -> None:
    """The table by unit (official order, 未分配 last) with 合计: 序号, 责任单位, 交办件数, 已办结, 阶段性办结, 尚在办理,
    办结率, 逾期."""
    b.heading1("各责任单位办理情况")
    rows = [(i, u["unit"] or "未分配", u["total"], u["closed"], u["staged"], u["total"] - u["closed"] - u["staged"],
             percent(u["closure_rate"]), u["overdue"]) for i, u in enumerate(data["by_unit"], 1)]
    rows.append(("", "合计", data["total"], data["closed"], data["staged"], data["in_progress"],
                 percent(data["closure_rate"]), data["overdue"]))
    b.table(["序号", "责任单位", "交办件数", "已办结", "阶段性办结", "尚在办理", "办结率", "逾期"], rows,
            [12, 37, 20, 16, 24, 20, 15, 12], total=True, left={1}, wrap=set())


def _repeats_unit(unit: str | None, place: str | None) -> bool:
    """A case's 行政区域 says no more than its unit's name (衡阳市雁峰区 of 衡阳市雁峰区, 衡阳市 of 衡阳市雁峰区, none)."""
    return not place or (unit or "").startswith(place)


def _overdue(b: _Briefing, data: dict) -> None:
    """The cases past their deadline and still open, by deadline; 行政区域 only where a case's place says more than
    its unit (a column repeating the units would wrap both)."""
    cases = data["overdue_cases"]
    b.heading1("逾期未办结信访件")
    if not cases:
        b.paragraph("无。")
        return
    b.paragraph(f"逾期未办结信访件共{len(cases)}件，按办理期限先后列出如下。")
    places = not all(_repeats_unit(c["unit"], c["place"]) for c in cases)
    heads = ["序号", "受理编号", "责任单位", "行政区域", "办理期限", "状态"]
    rows = [(i, c["receipt_id"] or f"#{c['id']}", c["unit"] or "未分配", c["place"] or "未定位",
             chinese_date(c["due_date"]) or "", c["status"]) for i, c in enumerate(cases, 1)]
    widths = [11, 38, 30, 29, 32, 16]
    if not places:
        heads, rows, widths = _without(3, heads, rows, widths)
    b.table(heads, rows, widths, size=10.5, left={2, 3} if places else {2}, wrap=set(), wrap_last={3})


def _without(k: int, heads: list, rows: list[tuple], widths: list[float]) -> tuple[list, list, list]:
    """A table's columns but the ``k``-th, its width given to the others in proportion."""
    rest = sum(widths) - widths[k]
    return (heads[:k] + heads[k + 1:], [r[:k] + r[k + 1:] if len(r) == len(heads) else r for r in rows],
            [w * sum(widths) / rest for j, w in enumerate(widths) if j != k])


# -- closing the loop (issue 27): drawn when report_data carries its parts ----------------------------------------

def _ranking(b: _Briefing, data: dict) -> None:
    """The units ranked by 办结率, then fewer 逾期, with 督办 and 满意度 beside (``data["ranking"]``)."""
    if "ranking" not in data:
        return
    b.heading1("责任单位排名")
    if not data["ranking"]:
        b.paragraph("无。")
        return
    b.table(["排名", "责任单位", "交办件数", "办结率", "逾期", "督办", "满意度"],
            [(u.get("rank") or "", u["unit"] or "未分配", u["total"], percent(u["closure_rate"]), u["overdue"],
              u.get("supervised", 0), _rate(u.get("satisfaction_rate"))) for u in data["ranking"]],
            [12, 50, 20, 20, 16, 16, 22], left={1}, wrap=set())


def _supervision(b: _Briefing, data: dict) -> None:
    """The overdue and supervised cases by unit (``data["supervision"]``: the table a 督察督办情况简报 uses), one
    table: each unit and its counts on a row across the table (its name on one line), its cases under it;
    行政区域 only where a case's place says more than its unit."""
    if "supervision" not in data:
        return
    b.heading1("逾期及督办信访件")
    if not data["supervision"]:
        b.paragraph("无。")
        return
    rows = []
    for g in data["supervision"]:
        rows.append((f"{g['unit'] or '未分配'}（逾期{g.get('overdue', 0)}件、督办{g.get('supervised', 0)}件）",))
        rows += [(c["receipt_id"] or f"#{c['id']}", c.get("place") or "", chinese_date(c.get("due_date")),
                  c.get("status") or "", c.get("kind") or "", c.get("note") or "") for c in g["cases"]]
    heads, widths = ["受理编号", "行政区域", "办理期限", "状态", "情形", "督办意见"], [36, 28, 32, 13, 19, 28]
    if all(_repeats_unit(g["unit"], c.get("place")) for g in data["supervision"] for c in g["cases"]):
        heads, rows, widths = _without(1, heads, rows, widths)
        b.table(heads, rows, widths, size=10.5, left={4}, wrap={4})
    else:
        b.table(heads, rows, widths, size=10.5, left={1, 5}, wrap={5}, wrap_last={1})


def _loop(b: _Briefing, data: dict) -> None:
    """回访 and 满意度, 抽查复核, then 重新办理 and 不受理 apart (``data["satisfaction"]``, ``data["spotcheck"]``)."""
    if "satisfaction" not in data and "spotcheck" not in data:
        return
    sat, spot = data.get("satisfaction") or {}, data.get("spotcheck") or {}
    b.heading1("回访与抽查复核")
    b.heading2("群众回访")
    b.table(["回访件数", "满意", "基本满意", "不满意", "未联系上", "满意度"],
            [(sat.get("called", 0), sat.get("满意", 0), sat.get("基本满意", 0), sat.get("不满意", 0),
              sat.get("未联系上", 0), _rate(sat.get("rate")))], [26, 26, 26, 26, 26, 26])
    b.heading2("抽查复核")
    b.table(["抽查件数", "已复核", "通过", "通过率"],
            [(spot.get("drawn", 0), spot.get("checked", 0), spot.get("passed", 0), _rate(spot.get("pass_rate")))],
            [39, 39, 39, 39])
    # what follows a call or a check, and the cases not taken up: their own table, not the spot check's columns
    b.heading2("重新办理与不受理")
    b.table(["重新办理（群众不满意、抽查未通过等）", "不受理"], [(data.get("reopened", 0), data.get("rejected", 0))],
            [100, 56])


# -- hotspots, repeats and the map (issue 28): drawn when report_data carries them ---------------------------------

def _hotspots(b: _Briefing, data: dict) -> None:
    """Hotspot alerts (``data["alerts"]``: :func:`.overview.alerts`, its ``alerts`` with region, type, count,
    expected, since) and repeated complaints
    (``data["repeats"]``: groups with count, place, types, first, last)."""
    alerts, repeats = data.get("alerts"), data.get("repeats")
    if alerts is None and repeats is None:
        return
    if isinstance(alerts, dict):  # overview.alerts: the period it looked at, and its alerts
        alerts = alerts.get("alerts") or []
    b.heading1("热点问题与重复举报")
    if alerts is not None:
        b.heading2("热点预警")
        if alerts:
            b.table(["序号", "地区", "类型", "件数", "往常水平", "起始日期"],
                    [(i, region_words(a["region"]), a["type"], a["count"],
                      f"{a['expected']:.1f}" if isinstance(a.get("expected"), (int, float)) else "",
                      chinese_date(a.get("since"))) for i, a in enumerate(alerts, 1)],
                    [12, 50, 18, 18, 26, 32], left={1}, wrap=set())
        else:
            b.paragraph("无。")
    if repeats is not None:
        b.heading2("多次重复举报")
        groups = [g for g in repeats if g.get("count", 0) > 1]
        if groups:
            b.paragraph(f"同一事项被举报多次的共{len(groups)}组，列出如下。")
            b.table(["序号", "地区", "类型", "举报次数", "首次交办", "最近交办"],
                    [(i, region_words(g.get("place")),
                      "、".join(g.get("types") or ()) or "—", f"{g['count']}次",
                      chinese_date(g.get("first")), chinese_date(g.get("last"))) for i, g in enumerate(groups, 1)],
                    [12, 50, 22, 16, 28, 28], left={1}, wrap=set())
        else:
            b.paragraph("无。")


def _distribution(b: _Briefing, data: dict, pictures: dict) -> None:
    """The chart of cases by city (and the county map 示意图, when given), each at the width of the 版心."""
    b.heading1("各市州交办件分布")
    if any((data.get("by_city") or {}).values()):
        b.picture(pictures.get("chart") or progress_chart_png(data), TEXT_WIDTH_MM)
    else:
        b.paragraph("所选期间没有交办信访件。")
    if pictures.get("map"):
        b.picture(pictures["map"], TEXT_WIDTH_MM)
        b.paragraph("注：地图为示意图，不作为权属争议依据。", style="注释")


def _notes(b: _Briefing, data: dict) -> None:
    note = b.paragraph("注：办结率 =（已办结 + 阶段性办结）÷ 交办件数（不含不受理件），每件只计一次；日期按交办日期计；"
                       "一件涉及多种污染类型时在每种类型下各计一次；查处数字为各单位报送且未被退回的报告之和"
                       + ("；满意度 =（满意 + 基本满意）÷（回访件数 − 未联系上），每件按最近一次回访计"
                          if "satisfaction" in data else "")
                       + ("；排名按办结率，办结率相同的逾期少者在前" if "ranking" in data else "") + "。", style="注释")
    from docx.shared import Pt

    note.paragraph_format.space_before = Pt(12)


def _rate(value) -> str:
    return "—" if value is None else percent(value)


# the 专报's sections, in order (each writes nothing when its part of report_data is absent)
REPORT_SECTIONS = [_overview, _by_unit, _overdue, _ranking, _supervision, _loop, _hotspots, _distribution, _notes]


def report_docx(data: dict, issue: int | None = 1, day: str | None = None, office: str | None = None,
                report_to: str | None = None, report_cc: str | None = None, pictures: dict | None = None) -> bytes:
    """The 办理情况专报 of :func:`.figures.report_data` as a Word document in the form of a government briefing:
    the 版头 (the name, 第``issue``期 — 送审稿 for a draft, ``issue`` None — ``office`` and ``day`` in Chinese), the
    title naming the period, the sections
    of :data:`REPORT_SECTIONS`, the 版记 (报 ``report_to``, 送 ``report_cc``, ``day`` 印发).  ``day``: the day
    it is dated (:func:`report_date`); ``office``, ``report_to``, ``report_cc``: the settings
    (``PETITIONNLP_OFFICE_NAME``, ``PETITIONNLP_REPORT_TO``, ``PETITIONNLP_REPORT_CC``) unless given; ``pictures``:
    PNGs drawn beforehand (``chart``, ``map``)."""
    settings = get_settings()
    office = office or settings.office_name
    day = report_date(data, day)
    b = _Briefing()
    _head(b, issue, day, office)
    _title(b, data)
    for section in REPORT_SECTIONS:
        if section is _distribution:
            section(b, data, pictures or {})
        else:
            section(b, data)
    _imprint(b, day, office, settings.report_to if report_to is None else report_to,
             settings.report_cc if report_cc is None else report_cc)
    return b.save()


# ================================================================================================ 公开表

_PUBLIC_WRAP = {"交办问题基本情况", "调查核实情况", "处理和整改情况", "责任人被问责情况", "行政区域"}


def public_title(store=None) -> str:
    """The 公开表's title: ``湖南省群众信访举报件办理情况公开表`` — the province of ``PETITIONNLP_PROVINCE``, else the
    one province all the office's units answer for, else none."""
    province = get_settings().province
    if not province and store is not None:
        found = {u["province"] for u in store.units() if u.get("province")}
        province = found.pop() if len(found) == 1 else ""
    return f"{province or ''}群众信访举报件办理情况公开表"


def public_xlsx(rows: list[dict], title: str, period: str) -> bytes:
    """The 公开表 as XLSX: the title, the period (交办日期) under it, the official columns in order."""
    return write_table_xlsx(None, rows, list(PUBLIC_COLUMNS), title=title, subtitle=f"交办日期：{period}",
                            sheet=period, widths=PUBLIC_WIDTHS, wrap_columns=_PUBLIC_WRAP)


# ========================================================================================= the queue's XLSX

# the workbench's fields a batch's export adds after the table's own columns, in this order (headers from
# corpora/io/output_columns.tsv); the public version (脱敏版，供公开) only those a 公开表 may show
QUEUE_FIELDS = ("receipt_id", "unit", "handover_date", "due_date", "overdue", "status", "pollution_types", "region",
                "province", "city", "county", "region_confidence", "region_evidence", "priority", "priority_reasons",
                "department", "duplicate_of", "duplicate_score", "types_source", "model_types", "error", "verified",
                "findings", "actions", "accountability", "closure")
PUBLIC_QUEUE_FIELDS = ("receipt_id", "unit", "handover_date", "status", "pollution_types", "region", "verified",
                       "findings", "actions", "accountability", "closure")
_CASE_HEADERS = {"due_date": "办理期限"}  # a case's deadline (the data file's 期限 is triage's suggested one)
_FILLED = {"pollution_types", "region"}     # the table's own 污染类型 and 行政区域 filled with the workbench's
_REPORT = ("verified", "findings", "actions", "accountability", "closure")


def _header(field: str) -> str:
    return _CASE_HEADERS.get(field) or field_header(field)


def queue_xlsx(views: list[dict], columns: list[str], name: str = "信访件", public: bool = False,
               text_column: str = "") -> bytes:
    """A batch's cases as XLSX in the table's own columns — its 污染类型 and 行政区域 filled with the workbench's
    (corrected) values, its report columns with the reports — then the workbench's columns named in Chinese
    (:data:`QUEUE_FIELDS`; ``public``: :data:`PUBLIC_QUEUE_FIELDS`, the version for publishing); values as a reader
    wants them (types in the taxonomy's order, dates as date cells).

    ``public`` (the 脱敏版, 供公开): the table's columns that hold personal information by their header (举报人,
    联系电话 …, :func:`petitionnlp.pii.personal_columns`; not ``text_column``) are left out, and the report columns
    show a report only where the 公开表 would (:func:`.figures.public_report`: the current round approved) — a
    report waiting for review, returned or superseded by a reopening is left blank, as is the table's own cell."""
    own = list(columns)
    if public:
        personal = personal_columns(own, text_column)
        own = [c for c in own if c not in personal]
    fields = PUBLIC_QUEUE_FIELDS if public else QUEUE_FIELDS
    by_header = {_header(f): f for f in fields}
    added = {h: f for h, f in by_header.items() if h not in own}
    rows = []
    for v in views:
        report = (public_report(v, v.get("report")) if public else this_round_report(v)) or {}
        flat = {**{f: v.get(f) for f in fields}, "region": place_name(v), **{k: report.get(k) for k in _REPORT}}
        if "duplicate_of" in fields:  # the case it repeats by its 受理编号 (labels.case_name)
            flat["duplicate_of"] = v.get("duplicate_name")
        row = {c: v["row"].get(c) for c in own}
        for header, f in by_header.items():
            if header not in own:
                continue
            if (f in _FILLED and not v.get("error")) or (f in _REPORT and (flat.get(f) or public)):
                row[header] = readable_value(f, flat.get(f))
        for header, f in added.items():
            row[header] = readable_value(f, flat.get(f))
        rows.append(row)
    layout = field_layout({**{h: f for h, f in by_header.items() if h in own}, **added}, own)
    # the whole table (27 columns and more) at 4 pt on one page's width: on pages side by side at 8 pt; the 脱敏版
    # (a dozen columns) at 7.7 pt on one page's width: on one page at 8 pt, its long text wrapped narrower
    return write_table_xlsx(None, rows, own + list(added), sheet=name, min_print_pt=MIN_PRINT_PT, **layout)


# ========================================================================================= what the screens call

def progress_report(store, user: dict | None, date_from: str | None = None, date_to: str | None = None,
                    fmt: str = "json", via: str | None = None, issue: int | None = None,
                    day: str | None = None, draft: bool = False) -> tuple[dict, Download | None]:
    """The 办理情况专报 of a period: (its data, the Word document for ``docx`` else None), logged as handed out
    (``via="cli"``: by the command line).

    A Word document is an issue of the 专报 and has a number (第N期): ``issue`` when given; else the number the
    same period was issued under before (a corrected copy keeps it); else one more than the highest issued so far.
    The numbers are kept in the audit log (the ``report`` events whose target is ``report:N``), so they survive
    restarts and every server of the office counts from the same list.  ``draft``: a copy to read before issuing
    (送审稿): no number, none used up, logged as generated, not issued.  ``day``: the day it is dated (default:
    today, the day its figures are counted)."""
    data = report_data(store, date_from, date_to)
    data["alerts"] = overview.alerts(store, date_from, date_to)
    data["repeats"] = [g for g in list_groups(store, user or {"role": "admin"}, date_from, date_to) if g["count"] >= MANY]
    detail = {"from": data["from"], "to": data["to"], "format": fmt}
    if via == "cli":
        detail["cli"] = True
    if fmt == "json":
        store.log(user["username"] if user else None, "report", None, detail)
        return data, None
    day = report_date(data, day)
    drawn = overview.county_map(store, None, date_from, date_to, "count", "png")
    pictures = {"map": drawn["png"]} if drawn.get("png") else {}
    if draft:
        store.log(user["username"] if user else None, "report", None, {**detail, "date": day, "draft": True})
        number = None
    else:
        number = store.log_issue(user["username"] if user else None, "report",
                                 {"from": data["from"], "to": data["to"]}, {**detail, "date": day}, issue)
    period = _file_period(data["from"], data["to"], data["today"])
    name = f"{REPORT_NAME}_{f'第{number}期' if number else DRAFT_MARK}_{period}.docx"
    fallback = f"report-{number or 'draft'}_{_ascii_period(data['from'], data['to'], data['today'])}.docx"
    return {**data, "issue": number, "date": day}, Download(name, DOCX_TYPE,
                                                            report_docx(data, number, day, pictures=pictures),
                                                            fallback)


def public_table(store, user: dict, date_from: str | None = None, date_to: str | None = None, fmt: str = "json",
                 log: bool = True):
    """The 公开表 of a period: its rows (``json``) or the XLSX (:class:`Download`), logged when handed out."""
    rows = public_rows(store, date_from, date_to)
    if log:
        store.log(user["username"], "public_table", None, {"from": date_from, "to": date_to, "rows": len(rows),
                                                           "format": fmt})
    if fmt == "json":
        return rows
    today = office_today().isoformat()
    period = _file_period(date_from, date_to, today)
    return Download(f"公开表_{period}.xlsx", XLSX_TYPE, public_xlsx(rows, public_title(store), period),
                    f"public-table_{_ascii_period(date_from, date_to, today)}.xlsx")


def queue_export(store, user: dict, batch: dict, views: list[dict], redacted: bool) -> Download:
    """A batch's cases as the table it came in (its 污染类型 and 行政区域 filled, corrections included) with the
    workbench's columns in Chinese; ``redacted``: the version for publishing (the viewer's text, the public
    columns only, no personal column, reports only as the 公开表 publishes them); logged."""
    data = queue_xlsx(views, list(batch["columns"] or []), "交办表" if not redacted else "交办表（脱敏）", redacted,
                      batch.get("text_column") or "")
    store.log(user["username"], "export", f"batch:{batch['id']}", {"redacted": redacted, "rows": len(views)})
    day = chinese_date(batch.get("handover_date"))
    suffix = "_脱敏版" if redacted else ""
    return Download(f"交办表_第{batch['id']}批{'_' + day if day else ''}{suffix}.xlsx", XLSX_TYPE, data,
                    f"batch-{batch['id']}{'-redacted' if redacted else ''}.xlsx")


def stats_chart(store, date_from: str | None = None, date_to: str | None = None) -> Download:
    """The statistics of a period as ``petitionnlp stats --png`` draws them."""
    today = office_today().isoformat()
    png = region_chart_png(region_table(period_cases(store, date_from, date_to)[0]))
    return Download(f"统计图_{_file_period(date_from, date_to, today)}.png", PNG_TYPE, png,
                    f"stats_{_ascii_period(date_from, date_to, today)}.png")
