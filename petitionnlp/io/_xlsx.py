"""Spreadsheets written for people: the one XLSX writer of the package.

Every XLSX the package hands to a person — ``classify``/``redact``/``triage -o x.xlsx``, ``extract -o x.xlsx``, the
workbench's queue export and 公开表 — is laid out here: an optional title row and subtitle (the period), a header
row that is frozen and printed on every page, A4 landscape fitted to the page width (a wide table — classify's,
triage's, the office's whole batch table — on pages side by side at :data:`MIN_PRINT_PT` or more), page numbers in
the footer, columns sized from their values with long text wrapped, dates as date cells in a Chinese format,
percentages as percentage cells, and every text cell safe: characters a spreadsheet cannot store are replaced
(:func:`xlsx_text`) and a cell that starts like a formula is stored as text, never run.

Rows are streamed (openpyxl's write-only mode): the first rows size the columns, the rest go straight to the file,
so a batch of a million rows takes no more memory than one of a thousand.

The Chinese header of every field the pipeline and the workbench add (``corpora/io/output_columns.tsv``) and how
its value reads (:func:`readable_value`) are here too, so that the CLI and the workbench write the same columns.
"""

from __future__ import annotations

import datetime as dt
import io
from copy import copy
import itertools
import math
import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..dates import chinese_date
from ..resources import corpus_path
from ._atomic import atomic_path

__all__ = ["write_table_xlsx", "write_tables_xlsx", "XlsxTable", "xlsx_text", "display_width", "FIELD_HEADERS",
           "field_header", "field_layout", "readable_value", "fields_from_headers", "DATE_FORMAT", "write_extract_xlsx",
           "MIN_PRINT_PT"]

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DATETIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm'
PERCENT_FORMAT = "0%"
SIZING_ROWS = 200          # rows looked at to size the columns
MAX_WIDTH = 36             # a column wider than this wraps its text instead (A4 landscape holds about 150)
CODE_WIDTH = 24            # a value no wider (a 受理编号 such as D2HN202405150001-2, a unit's name) is never broken:
                           # a column given a narrower width grows to hold it, with CODE_ROOM to spare
CODE_ROOM = 2              # units beside a value that is never broken: its cell's padding, and capitals and digits a
                           # little wider than the unit (X3HN202405010001 touched its border in 17 units)
LINE_HEIGHT = 15.0         # points a line of 11-point text takes, Chinese included
MIN_PRINT_PT = 8           # the smallest a wide table prints at (the office's whole table, classify/triage -o x.xlsx)
_BRACKETED = re.compile(r"[（(].*[)）]")  # a header such as 县（区）: printed whole, never 县（区 / ）
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$")


def xlsx_text(value: str) -> str:
    """``value`` as text a spreadsheet can store.  The control characters \\x00–\\x08, \\x0b, \\x0c and \\x0e–\\x1f
    (which openpyxl refuses with ``IllegalCharacterError``, failing the whole file), DEL (which XML discourages
    and some readers refuse), U+FFFE, U+FFFF and lone surrogates become U+FFFD (�), so the reader sees that something was there; tabs and line breaks stay."""
    return _ILLEGAL.sub("\ufffd", value) if _ILLEGAL.search(value) else value


@lru_cache(maxsize=1)
def line_marks() -> dict[str, str]:
    """``corpora/io/line_breaking.tsv``: each kind (no_line_start, no_line_end, name_break_after) → its characters."""
    marks = {}
    with open(corpus_path("io", "line_breaking.tsv"), encoding="utf-8") as fh:
        for ln in fh:
            if ln.strip() and not ln.startswith("#") and not ln.startswith("kind\t"):
                kind, chars = ln.rstrip("\n").split("\t")
                marks[kind] = chars
    return marks


@lru_cache(maxsize=1)
def _keep_pattern() -> re.Pattern:
    """Where a wrapped line may not break, from ``corpora/io/line_breaking.tsv``: before a mark that never starts a
    line (。 ） 】 ，), after one that never ends it (（ 【) — each between two characters."""
    start, end = (re.escape(line_marks()[k]) for k in ("no_line_start", "no_line_end"))
    return re.compile(rf"(?<=[^\s])(?=[{start}])|(?<=[{end}])(?=[^\s])")


NAME_PART = 2   # characters a part of a name keeps at least on each side of a break (衡阳市 / 衡南县, never one alone)
NAME_WHOLE = 8  # a name this short is never broken (衡阳市雁峰区, 张家界市武陵源区): a table gives it its room


LONG_PART = 10  # characters of a name's part beyond which it breaks after its words too (生态环境保护 / 综合行政执法)


def name_parts(name: str) -> list[str]:
    """A unit's or a place's name in the parts a printed line may break between (湘西土家族苗族自治州, 生态环境局,
    吉首分局): after a character of ``name_break_after`` that ends a part of at least two characters and leaves two;
    a name of ``NAME_WHOLE`` characters or fewer is one part; a part longer than ``LONG_PART`` characters broken
    again after the words of ``long_part_break_after`` (生态环境保护综合行政执法大队 → 生态环境保护, 综合行政执法,
    大队), never …执法大 / 队."""
    if len(name) <= NAME_WHOLE:
        return [name] if name else []
    parts = _broken_after(name, line_marks()["name_break_after"])
    words = tuple(line_marks()["long_part_break_after"].split())
    return [piece for part in parts for piece in (_broken_after(part, words) if len(part) > LONG_PART else [part])]


def _broken_after(name: str, ends) -> list[str]:
    """``name`` in pieces, each ending with one of ``ends`` (characters, or words) but the last, every piece of at
    least ``NAME_PART`` characters."""
    parts, start = [], 0
    for k in range(len(name)):
        if (any(name.endswith(end, start, k + 1) for end in ends) and k + 1 - start >= NAME_PART
                and len(name) - k - 1 >= NAME_PART):
            parts.append(name[start:k + 1])
            start = k + 1
    return parts + [name[start:]]


CARRIED_AT_MOST = 3  # characters a forbidden break takes down to the next line (）。 and the one before them)


def wrapped_lines(text: str, room: int) -> int:
    """The lines ``text`` takes wrapped in ``room`` display units — a Chinese character two, others one, as a
    spreadsheet fills a line — broken as Excel and WPS break it, keeping 避头尾: where a plain fill would break before
    。 ， ） or after （, the characters back to an allowed break go down to the next line, so a row is never counted
    short of its lines (LibreOffice Calc breaks anywhere, in as many lines or fewer)."""
    keep = _keep_pattern()
    widths = [_char_width(ch) for ch in text]
    lines, start, used = 1, 0, 0
    for k, w in enumerate(widths):
        if used and used + w > room:
            cut = k
            while cut > start + 1 and k - cut < CARRIED_AT_MOST and keep.match(text, cut):
                cut -= 1
            lines, start, used = lines + 1, cut, sum(widths[cut:k])
        used += w
    return lines


def formula_like(value: str) -> bool:
    """A cell a spreadsheet would run: starts with = + - @ (or a tab/CR before one), and is not a number."""
    return bool(value) and value[0] in "=+-@\t\r" and not _NUMBER.match(value)


def display_width(s) -> int:
    """Columns ``s`` takes in a fixed-width font or a spreadsheet column: Chinese characters count two."""
    return sum(_char_width(ch) for ch in str(s))


def _char_width(ch: str) -> int:
    """Display units a character takes: two for a wide (Chinese) one, else one."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


# --------------------------------------------------------------------------------- the fields, in Chinese

@dataclass(frozen=True)
class _Field:
    header: str
    width: int
    show: str
    by: str


@lru_cache(maxsize=1)
def _fields() -> tuple[dict[str, _Field], str]:
    fields, suffix = {}, "（自动识别）"
    with open(corpus_path("io", "output_columns.tsv"), encoding="utf-8") as fh:
        lines = [ln.rstrip("\n") for ln in fh if ln.strip() and not ln.startswith("#")]
    for ln in lines[1:]:
        name, header, width, show, by = ln.split("\t")
        if name == "_same_header":
            suffix = header
        else:
            fields[name] = _Field(header, int(width), show, by)
    return fields, suffix


class _Headers(Mapping):
    """field → Chinese header, read from ``corpora/io/output_columns.tsv`` when first used."""

    def __getitem__(self, key):
        return _fields()[0][key].header

    def __iter__(self):
        return iter(_fields()[0])

    def __len__(self):
        return len(_fields()[0])


FIELD_HEADERS: Mapping[str, str] = _Headers()


def field_header(name: str, taken: Collection[str] = ()) -> str:
    """The Chinese header of an added field (``city`` → ``市``); when a column of the input already has that
    header (an office table's own 污染类型), the header with the suffix of the data file (污染类型（自动识别）).
    A name that is not a known field is returned as it is."""
    fields, suffix = _fields()
    header = fields[name].header if name in fields else name
    return header + suffix if header in taken and name in fields else header


def fields_from_headers(columns: Iterable[str]) -> dict[str, str]:
    """The fields of a file written for people, by its headers: ``{"市": "city", "污染类型（自动识别）":
    "pollution_types", …}`` — for reading back what :func:`readable_value` wrote.  A suffixed header (the
    pipeline's, beside the office's own column of the same name) wins over the plain one."""
    fields, suffix = _fields()
    by_header = {f.header: name for name, f in fields.items()}
    out: dict[str, str] = {}
    columns = list(columns)
    for c in columns:
        text = str(c)
        if text.endswith(suffix) and text[:-len(suffix)] in by_header:
            out[c] = by_header[text[:-len(suffix)]]
    for c in columns:
        name = by_header.get(str(c))
        if name and name not in out.values() and c not in out:
            out[c] = name
    return out


def _types_in_order(value) -> list[str]:
    from ..taxonomy import in_order

    if isinstance(value, str):
        value = [t for t in re.split(r"[|、,，;；\s]+", value) if t]
    return in_order(value)


SCORE_SHOWN = 0.05


def _scores(value) -> str | None:
    if not isinstance(value, Mapping) or not value:
        return _plain(value)
    ranked = sorted(((str(t), float(p)) for t, p in value.items() if isinstance(p, (int, float))
                     and math.isfinite(p)), key=lambda tp: -tp[1])
    # types under 5% left out: each type's probability stands alone (multi-label), and the learned conventions give
    # every type a floor of a few per cent, which would fill a printed cell with noise
    shown = [f"{t} {round(p * 100)}%" for t, p in ranked if p >= SCORE_SHOWN]
    if not shown and ranked:
        shown = [f"{ranked[0][0]} 不足{round(SCORE_SHOWN * 100)}%"]
    return "；".join(shown)


def _reasons(value) -> str | None:
    if not isinstance(value, (list, tuple)):
        return _plain(value)
    out = []
    for r in value:
        if isinstance(r, Mapping):
            words = [str(w) for w in r.get("words") or ()]
            out.append(str(r.get("reason") or r.get("signal") or "") + (f"（{'、'.join(words)}）" if words else ""))
        else:
            out.append(str(r))
    return "；".join(x for x in out if x) or None


def _pii(value) -> str | None:
    if not isinstance(value, (list, tuple)):
        return _plain(value)
    counts: dict[str, int] = {}
    for span in value:
        kind = str(span.get("type") if isinstance(span, Mapping) else span)
        counts[kind] = counts.get(kind, 0) + 1
    return "、".join(f"{k} {n}处" for k, n in counts.items()) or "无"


def _plain(value):
    """A value as one cell: lists joined by 、, mappings as 键 值；…, true/false as 是/否."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple, set)):
        parts = [_plain(v) for v in value]
        return "、".join("" if p is None else str(p) for p in parts)
    if isinstance(value, Mapping):
        return "；".join(f"{k} {'' if v is None else _plain(v)}".strip() for k, v in value.items())
    return value


def readable_value(name: str, value):
    """A field's value as a reader wants it in a spreadsheet cell (see ``corpora/io/output_columns.tsv``):
    types in the taxonomy's order joined by 、, scores as ``水 91%；大气 5%``, priority reasons as sentences, the
    personal information found counted by type (never the information itself), true/false as 是/否; dates and
    percentages stay values (:func:`write_table_xlsx` gives them their format).  Unknown fields: as they are,
    lists joined by 、."""
    spec = _fields()[0].get(name)
    show = spec.show if spec else "plain"
    if value is None:
        return None
    if show == "types":
        return "、".join(_types_in_order(value)) if isinstance(value, (list, tuple, str)) else _plain(value)
    if show == "scores":
        return _scores(value)
    if show == "reasons":
        return _reasons(value)
    if show == "pii":
        return _pii(value)
    return _plain(value)


def _show(name: str) -> str | None:
    spec = _fields()[0].get(name)
    return spec.show if spec else None


def pipeline_field(name: str) -> bool:
    """Whether ``name`` is a field that classify, redact or triage adds to a row."""
    spec = _fields()[0].get(name)
    return bool(spec and spec.by == "pipeline")


def _width(name: str) -> int:
    spec = _fields()[0].get(name)
    return spec.width if spec else 0


def field_layout(fields: Mapping[str, str], inputs: Iterable[str] = ()) -> dict:
    """The layout arguments of :func:`write_table_xlsx` (``date_columns``, ``percent_columns``, ``widths``,
    ``wrap_columns``) for a sheet whose columns show fields (``{header: field}``, as ``corpora/io/output_columns.tsv``
    describes them) beside an input's own columns (``inputs``): date cells for the date fields and for the input's
    date columns (交办日期 …), percentage cells, the data file's widths, long text and reasons wrapped."""
    from ._read import known_columns

    show = {h: _show(f) for h, f in fields.items()}
    return {"date_columns": {h for h, kind in show.items() if kind == "date"} | (set(inputs)
                                                                                 & set(known_columns("date"))),
            "percent_columns": {h for h, kind in show.items() if kind == "percent"},
            "widths": {h: _width(f) for h, f in fields.items() if _width(f)},
            "wrap_columns": {h for h, kind in show.items() if kind in ("text", "reasons")}}


# ------------------------------------------------------------------------------------------ the writer

@dataclass
class XlsxTable:
    """One sheet of a workbook written for people (see :func:`write_table_xlsx` for the fields)."""

    rows: Iterable
    columns: Sequence[str]
    title: str | None = None
    subtitle: str | None = None
    sheet: str = "信访件"
    date_columns: Collection[str] = ()
    percent_columns: Collection[str] = ()
    widths: Mapping[str, float] | None = None
    wrap_columns: Collection[str] = field(default_factory=tuple)
    min_print_pt: float | None = None


def write_table_xlsx(target, rows: Iterable, columns: Sequence[str], *, title: str | None = None,
                     subtitle: str | None = None, sheet: str = "信访件", date_columns: Collection[str] = (),
                     percent_columns: Collection[str] = (), widths: Mapping[str, float] | None = None,
                     wrap_columns: Collection[str] = (), min_print_pt: float | None = None) -> bytes | None:
    """Write one table as an XLSX a person can read, print and publish; return the bytes when ``target`` is None.

    target : a path (written to a temporary file beside it and renamed into place when complete, so a failure
        leaves any earlier file as it was), a binary file object, or None (the file's bytes are returned —
        what a web download sends).
    rows : dicts keyed by the column names (a missing key is an empty cell), or sequences in column order; any
        iterable, streamed.  Values: text, numbers, ``date``/``datetime``, booleans (是/否), lists (joined by 、),
        None (empty).  Give added fields as :func:`readable_value` makes them.
    columns : the header of each column, in order, exactly as the reader sees it (Chinese).
    title : a title row above the header, across the table (``湖南省……信访举报件办理情况公开表``).
    subtitle : a second row under the title (the period: ``2017年5月10日至2017年5月15日``).
    sheet : the sheet's name (shortened to 31 characters, and ``[]:*?/\\`` replaced, as Excel requires).
    date_columns : columns whose cells are dates: a date, a datetime or a text such as ``2017-05-15`` becomes a
        date cell shown as ``2017年5月15日`` (a text that is not a date stays text).  ``date``/``datetime`` values
        are date cells in every column.
    percent_columns : columns of numbers from 0 to 1, shown as percentages (0.85 → 85%).
    widths : column widths in characters, by header; the others are sized from the header and the first
        rows' values (at most 36, wider text wraps).
    wrap_columns : columns that always wrap (besides those whose values are wider than the column).
    min_print_pt : the smallest size its text may print at: a sheet too wide for that on one page's width prints
        on pages side by side (:func:`pages_wide`); None: fitted to one page's width, however small.

    The sheet: the header row bold and shaded, frozen under the title and repeated at the top of every printed
    page; an autofilter on it; thin borders; A4 landscape fitted to the page width, centred, with 第N页，共M页 in
    the footer.  Every text cell is written by :func:`xlsx_text` (no character openpyxl cannot store) and a text
    that starts like a formula (= + - @) is stored as text with a quote prefix, never run.
    """
    table = XlsxTable(rows, columns, title, subtitle, sheet, date_columns, percent_columns, widths, wrap_columns,
                      min_print_pt)
    return write_tables_xlsx(target, [table])


def write_tables_xlsx(target, tables: Sequence[XlsxTable]) -> bytes | None:
    """Several tables, one sheet each, in one workbook (as :func:`write_table_xlsx`)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    streams = []
    try:
        for t in tables:
            stream = SheetStream(wb, t.columns, title=t.title, subtitle=t.subtitle,
                                 sheet=_sheet_name(t.sheet, taken), date_columns=t.date_columns,
                                 percent_columns=t.percent_columns, widths=t.widths, wrap_columns=t.wrap_columns,
                                 min_print_pt=t.min_print_pt)
            streams.append(stream)
            stream.write(t.rows)
            stream.close()
        return _save(wb, target)
    except BaseException:
        for s in streams:
            s.discard()
        raise


def _save(wb, target) -> bytes | None:
    if target is None:
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    if hasattr(target, "write"):
        wb.save(target)
        return None
    with atomic_path(os.fspath(target)) as tmp:
        wb.save(tmp)
    return None


def _sheet_name(name: str, taken: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", xlsx_text(str(name or ""))).strip("'") or "表"
    base, k = name[:31], 1
    out = base
    while out.lower() in taken:
        k += 1
        out = f"{base[:28]}({k})"
    taken.add(out.lower())
    return out


def _column_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


PRINT_WIDTH_PX = (297 - 2 * 0.4 * 25.4) / 25.4 * 96  # A4 landscape within the margins (_page), at 96 dpi
DRAWN_WIDER = 1.03   # LibreOffice draws a sheet's columns about 1–3 % wider than Excel: sized for the wider


def pages_wide(widths: Sequence[float], min_pt: float, repeated: int = 1) -> int:
    """How many pages side by side a sheet of columns ``widths`` (Excel's units: 7 pixels of 11-point Calibri,
    and 5 of padding a column) prints on with its 11-point text at ``min_pt`` or more: one where all fit at that
    size, else each page filled with whole columns, the first ``repeated`` printed again on each page after the
    first (the sheet's ``print_title_cols``, :func:`repeated_columns`).  A batch's whole table of 27 columns, at
    4 pt on one page, prints on two at 8 pt."""
    room = PRINT_WIDTH_PX * 11 / min_pt / DRAWN_WIDER
    px = [7 * w + 5 for w in widths]
    again = sum(px[:max(repeated, 1)])
    pages, used = 1, 0.0
    for w in px:
        if used + w > room and used > again:
            pages, used = pages + 1, again
        used += w
    return pages


WRAP_FLOOR = 16  # a wrapped column narrowed to bring a sheet onto one page keeps seven characters a line


def fit_wrapped(widths: Sequence[float], wrapped: Sequence[bool], min_pt: float, repeated: int = 1) -> list[float]:
    """``widths`` with the wrapped columns (long text: 交办问题基本情况, 调查核实情况 …) narrowed, each in proportion
    to its width above :data:`WRAP_FLOOR`, just enough for the sheet to print on one page's width with its text at
    ``min_pt`` or more — where that is possible; else unchanged (the sheet prints on pages side by side,
    :func:`pages_wide`).  A table of a dozen columns (the batch's 脱敏版) was fitted to one page at 7.7 pt; the
    same columns, their long text a line or two taller, print on one page at 8 pt."""
    widths = [float(w) for w in widths]
    if pages_wide(widths, min_pt, repeated) == 1:
        return widths
    room = PRINT_WIDTH_PX * 11 / min_pt / DRAWN_WIDER
    excess = (sum(7 * w + 5 for w in widths) - room) / 7  # in width units
    slack = sum(w - WRAP_FLOOR for w, wrap in zip(widths, wrapped) if wrap and w > WRAP_FLOOR)
    if slack < excess:
        return widths
    share = excess / slack
    fitted = [math.floor(w - (w - WRAP_FLOOR) * share) if wrap and w > WRAP_FLOOR else w
              for w, wrap in zip(widths, wrapped)]
    return [float(w) for w in fitted] if pages_wide(fitted, min_pt, repeated) == 1 else widths


def line_room(width: float, margin: float) -> int:
    """Display units a wrapped line of a column ``width`` units wide holds, ``margin`` of them holding no text: whole
    Chinese characters, two units each (36 units less 2 hold 17 characters a line, as LibreOffice prints them)."""
    return 2 * max(int((width - margin) // 2), 1)


def _one_alone(size: int, width: float, margin: float) -> bool:
    """Whether a text ``size`` display units wide, wrapped in a column ``width`` units wide of which ``margin`` hold no
    text, leaves one Chinese character alone on its last line."""
    line = line_room(width, margin)
    lines = math.ceil(size / line)
    return lines > 1 and size - (lines - 1) * line <= 2


def header_width(name: str, width: float) -> float:
    """``width`` widened, a unit at a time, until the header ``name`` — bold and centred, about one Chinese
    character a line for every two units beyond the first — does not leave one character alone on its last line
    (办理状态 in 7 units printed 办理状 / 态, 办结情况 in 8 办结情 / 况): on one line, or broken in fairer parts."""
    size = display_width(name)
    while _one_alone(size, width, 1):
        width += 1
    return width


NAMES_WIDER = 8  # units a column of wrapped names may grow so that none leaves one character alone


def names_width(sizes: Iterable[int], width: float) -> float:
    """The width, from ``width`` up to :data:`NAMES_WIDER` units more, at which no name of a wrapped column of names
    (places, units: ``sizes``, their display widths) leaves one character alone on its last line — 长沙市岳麓区 in
    12 units printed 长沙市岳麓 / 区 beside 湘西土家族苗族自治州吉首市, which is why the column wraps; ``width`` when
    none does."""
    sizes = set(sizes)
    for wider in range(NAMES_WIDER + 1):
        if not any(_one_alone(size, width + wider, CODE_ROOM) for size in sizes):
            return width + wider
    return width


KEY_WITHIN = 3  # a 受理编号 among a sheet's first three columns is repeated on each page, with those before it


def repeated_columns(columns: Sequence[str]) -> int:
    """How many columns, from the first, a sheet printed on pages side by side repeats at the left of each page:
    through its 受理编号 (or another header of ``corpora/io/id_columns.txt``) when that is among the first
    :data:`KEY_WITHIN` columns (a clerk's table opens 序号, 受理编号), else the first column alone."""
    from ._read import find_column

    key = find_column(list(columns[:KEY_WITHIN]), "id")
    return list(columns).index(key) + 1 if key is not None else 1


class SheetStream:
    """One sheet being written, row by row (the engine of :func:`write_table_xlsx` and of ``BatchWriter``).

    The first :data:`SIZING_ROWS` rows are held until the column widths are known, then everything streams.
    """

    def __init__(self, wb, columns: Sequence[str], *, title=None, subtitle=None, sheet="信访件",
                 date_columns=(), percent_columns=(), widths=None, wrap_columns=(), min_print_pt=None):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.ws = wb.create_sheet(sheet)
        self.columns = [str(c) for c in columns]
        self.title, self.subtitle = title, subtitle
        self.dates = set(date_columns)
        self.percents = set(percent_columns)
        self.widths = dict(widths or {})
        self.wrap_always = set(wrap_columns)
        self.min_print_pt = min_print_pt
        self._pending: list[list] = []
        self._started = False
        self._row = 0  # rows appended to the sheet so far
        self._styles: dict = {}
        self.rows = 0
        thin = Side(style="thin", color="808080")
        self._border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self._head_font = Font(bold=True)
        self._head_fill = PatternFill("solid", fgColor="DDE6F0")
        self._align = {True: Alignment(vertical="top", wrap_text=True), False: Alignment(vertical="top")}
        self._head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self._wrap: list[bool] = []

    # rows in -------------------------------------------------------------------------------------------
    def write(self, rows: Iterable) -> None:
        for row in rows:
            self.append(row)

    def append(self, row) -> None:
        values = [row.get(c) for c in self.columns] if isinstance(row, Mapping) else list(row)
        values = [self._value(c, v) for c, v in itertools.zip_longest(self.columns, values[:len(self.columns)])]
        if self._started:
            self._emit(values)
        else:
            self._pending.append(values)
            if len(self._pending) >= SIZING_ROWS:
                self._start()
        self.rows += 1

    def close(self) -> None:
        if not self._started:
            self._start()
        last = _column_letter(max(len(self.columns), 1))
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + self.rows}"
        self.ws.close()

    def discard(self) -> None:
        """Finish the row stream without keeping it (openpyxl's temporary file is removed)."""
        if not self.ws.closed:
            try:
                self.ws.close()
                self.ws._writer.cleanup()
            except Exception:  # noqa: BLE001 — nothing of this sheet is kept anyway
                pass

    # values ----------------------------------------------------------------------------------------------
    def _value(self, column, value):
        """(value, number format) of a cell: dates and percentages recognised, text made safe."""
        if value is None:
            return None, None
        if isinstance(value, bool):
            return ("是" if value else "否"), None
        if isinstance(value, dt.datetime):
            fmt = DATETIME_FORMAT if (value.hour, value.minute, value.second) != (0, 0, 0) else DATE_FORMAT
            return value.replace(tzinfo=None), fmt
        if isinstance(value, dt.date):
            return value, DATE_FORMAT
        if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
            try:
                return self._value(column, value.to_pydatetime())
            except (ValueError, AttributeError):
                return None, None
        if isinstance(value, float) and not math.isfinite(value):
            return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[str(value)], None
        if isinstance(value, (int, float)):
            return value, (PERCENT_FORMAT if column in self.percents else None)
        if isinstance(value, (list, tuple, set, Mapping)):
            value = _plain(value)
        value = xlsx_text(str(value))
        if column in self.dates and value.strip() and ":" not in value:
            from ..dates import parse_date

            day = parse_date(value)
            if day is not None:
                return day, DATE_FORMAT
        return value, ("@" if formula_like(value) or value.startswith("=") else None)

    # the sheet -------------------------------------------------------------------------------------------
    def _start(self) -> None:
        """Size the columns from the header and the held rows, lay out the page, write the title and header."""
        from openpyxl.styles import Alignment, Font

        ws = self.ws
        n = max(len(self.columns), 1)
        self._names: set[int] = set()  # wrapped columns of names (_size): never narrowed to fit the page
        sized = [self._size(j, name) for j, name in enumerate(self.columns)]
        self._widths: list[float] = [w for w, _ in sized]
        self._wrap = [wrap for _, wrap in sized]
        if self.min_print_pt:
            long_text = [wrap and j not in self._names for j, wrap in enumerate(self._wrap)]
            self._widths = fit_wrapped(self._widths, long_text, self.min_print_pt, repeated_columns(self.columns))
        for j, width in enumerate(self._widths):
            ws.column_dimensions[_column_letter(j + 1)].width = width
        row = 1 + bool(self.title) + bool(self.subtitle)
        self.header_row = row
        ws.freeze_panes = f"A{row + 1}"  # the sheet's view is written with the first row: set before it
        ws.print_title_rows = f"{row}:{row}"
        self._page()
        row = 1
        for text, size, height in ((self.title, 16, 30), (self.subtitle, 11, 20)):
            if not text:
                continue
            cell = self._cell(xlsx_text(str(text)))
            cell.font = Font(bold=size > 12, size=size)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self._append([cell], height)
            if n > 1:
                ws.merged_cells.add(f"A{row}:{_column_letter(n)}{row}")
            row += 1
        head = []
        for name in self.columns:
            cell = self._cell(xlsx_text(name), "@" if formula_like(name) else None)
            cell.font, cell.fill, cell.alignment, cell.border = (self._head_font, self._head_fill,
                                                                 self._head_align, self._border)
            head.append(cell)
        self._append(head, self._height(self.columns, [True] * len(self.columns), margin=2.0))
        self._started = True
        for values in self._pending:
            self._emit(values)
        self._pending = []

    def _size(self, j: int, name: str) -> tuple[float, bool]:
        lengths = sorted(self._length(v[j][0]) for v in self._pending if v[j][0] is not None)
        typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
        longest = lengths[-1] if lengths else 0
        given = self.widths.get(name)
        if given:
            width = float(given)
            if name not in self.wrap_always and width - CODE_ROOM < longest <= CODE_WIDTH:
                width = float(longest + CODE_ROOM)
        else:
            head = display_width(name)
            width = float(min(max(typical, min(head, 8), 4) + 2, MAX_WIDTH))
        if _BRACKETED.search(name):  # wrapped, a header breaks inside its bracket (县（区 / ）): as wide as it is
            width = max(width, float(min(display_width(name) + 2, MAX_WIDTH)))
        width = header_width(name, width)
        wrapped = name in self.wrap_always or longest > width - 1
        if wrapped and name not in self.wrap_always and longest <= 2 * CODE_WIDTH:  # names, a few a line at most
            width = names_width(lengths, width)
            self._names.add(j)
        return width, wrapped

    @staticmethod
    def _length(value) -> int:
        if isinstance(value, (dt.date, dt.datetime)):  # as DATE_FORMAT shows it: 2026年11月12日 (16), and  hh:mm
            timed = isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) != (0, 0, 0)
            return display_width(chinese_date(value)) + (6 if timed else 0)
        if isinstance(value, (int, float)):
            return len(f"{value:g}") if isinstance(value, float) else len(str(value))
        return max((display_width(line) for line in str(value).splitlines()), default=0)

    def _page(self) -> None:
        """A4 landscape, fitted to the page width — or, with ``min_print_pt``, to as few pages side by side as
        print the text at that size or more (:func:`pages_wide`), the columns through the 受理编号
        (:func:`repeated_columns`) repeated on each and a row's pages one after the other — centred, page
        numbers in the footer (before the first row: the sheet's properties are written with it)."""
        ws = self.ws
        ws.page_setup.paperSize = 9  # A4
        ws.page_setup.orientation = "landscape"
        repeated = repeated_columns(self.columns)
        wide = pages_wide(self._widths, self.min_print_pt, repeated) if self.min_print_pt else 1
        ws.page_setup.fitToWidth = wide
        ws.page_setup.fitToHeight = 0
        if wide > 1:  # a row's pages one after the other, each starting with its 受理编号
            ws.print_title_cols = f"A:{_column_letter(repeated)}"
            ws.page_setup.pageOrder = "overThenDown"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.6
        ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9

    def _cell(self, value, fmt=None):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws, value=value)
        if fmt == "@":  # text that looks like a formula: stored as text, shown as typed
            cell.data_type = "s"
            cell.quotePrefix = True
        elif fmt:
            cell.number_format = fmt
        return cell

    def _style(self, wrap: bool, fmt):
        """The style of a data cell (border, alignment, number format), made once: openpyxl hashes every style
        assigned to a cell, which would cost more than all the rest of the writing; a copy of the made style's
        index array costs nothing."""
        key = (wrap, fmt)
        style = self._styles.get(key)
        if style is None:
            cell = self._cell(None, fmt)
            cell.border = self._border
            cell.alignment = self._align[wrap]
            style = self._styles[key] = cell._style
        return style

    def _emit(self, values) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        wrap = self._wrap
        for j, (value, fmt) in enumerate(values):
            cell = WriteOnlyCell(self.ws, value=value)
            cell._style = copy(self._style(wrap[j] if j < len(wrap) else False, fmt))
            if fmt == "@":
                cell.data_type = "s"
            cells.append(cell)
        self._append(cells, self._height([v for v, _ in values], wrap))

    def _height(self, values, wrap, margin: float = CODE_ROOM) -> float | None:
        """The height a row needs for its wrapped cells (spreadsheets do not all fit rows to wrapped text when
        they open a file, so it is written), or None for one line; ``margin``: the units of a column's width its
        text does not take (two: 属地置信度 in 6 units prints 属地 / 置信 / 度), its lines counted as they break
        (:func:`wrapped_lines`) — a row counted a line short printed its last words cut off (…风机噪声扰 / 民。 in
        the 脱敏版's 13 units)."""
        lines = 1
        for j, value in enumerate(values):
            if value is None or not (j < len(wrap) and wrap[j]) or isinstance(value, (int, float, dt.date)):
                continue
            room = line_room(self._widths[j], margin)
            lines = max(lines, sum(wrapped_lines(part, room) for part in str(value).splitlines() or [""]))
        return None if lines == 1 else round(lines * LINE_HEIGHT + 3, 1)

    def _append(self, cells, height: float | None = None) -> None:
        """One row into the sheet, with its height (kept only while the row is written: a million rows do not
        leave a million row records in memory)."""
        self._row += 1
        dims = self.ws.row_dimensions
        if height:
            dims[self._row].height = height
        self.ws.append(cells)
        dims.pop(self._row, None)


# ------------------------------------------------------------------------------ a briefing's extraction

def _deadline_words(t) -> str | None:
    """A directive's deadline as a clerk reads it: its words, and what they mean when that says more
    (``5月底前（2017年5月31日）``, ``每3天一报告（每3天）``)."""
    from ..dates import time_words

    if not isinstance(t, Mapping):
        return None if t is None else str(t)
    text = str(t.get("text") or "")
    words = time_words(t.get("value"), t.get("type"))
    return f"{text}（{words}）" if words and words != text else text or words or None


def _day_of(t):
    from ..dates import interval

    value = t.get("value") if isinstance(t, Mapping) else None
    span = interval(value) if isinstance(value, str) and not value.startswith("P") else None
    if span and span[1] != dt.date.max and (span[0] == span[1] or t.get("type") == "deadline"):
        return span[1]
    return None


def write_extract_xlsx(target, result: Mapping) -> bytes | None:
    """The extraction of a briefing (``petitionnlp extract``'s JSON object) as a workbook for people, through
    :func:`write_tables_xlsx`: a sheet of directives (指示人, 承办对象, 指示内容, 期限, 期限日期 as a date cell, 报告频次
    in words such as 每3天), one of time expressions (原文, 类型, 含义, 日期) and one of keywords; the briefing's
    date in Chinese under each title."""
    from ..dates import TIME_TYPES, chinese_date, duration_words, time_words

    day = chinese_date(result.get("date"))
    subtitle = f"简报日期：{day}" if day else None
    directives = [{"序号": i, "指示人": d.get("actor"), "承办对象": d.get("addressee"), "指示内容": d.get("action"),
                   "期限": _deadline_words(d.get("deadline")), "期限日期": _day_of(d.get("deadline")),
                   "报告频次": duration_words(d.get("cadence"), every=True) or None}
                  for i, d in enumerate(result.get("directives") or (), 1)]
    times = [{"序号": i, "原文": t.get("text"), "类型": TIME_TYPES.get(t.get("type"), t.get("type")),
              "含义": time_words(t.get("value"), t.get("type")) or None, "日期": _day_of(t)}
             for i, t in enumerate(result.get("time_expressions") or (), 1)]
    words = [{"序号": i, "关键词": k.get("word"), "权重": k.get("weight")}
             for i, k in enumerate(result.get("keywords") or (), 1)]
    tables = [
        XlsxTable(directives, ["序号", "指示人", "承办对象", "指示内容", "期限", "期限日期", "报告频次"],
                  title="简报中的指示与期限", subtitle=subtitle, sheet="指示", date_columns={"期限日期"},
                  widths={"序号": 5, "指示人": 14, "承办对象": 18, "指示内容": 50, "期限": 20, "期限日期": 14,
                          "报告频次": 9}, wrap_columns={"指示人", "承办对象", "指示内容", "期限"}),
        XlsxTable(times, ["序号", "原文", "类型", "含义", "日期"], title="简报中的时间表达", subtitle=subtitle,
                  sheet="时间表达", date_columns={"日期"}, widths={"序号": 5, "原文": 24, "类型": 9, "含义": 28,
                                                                   "日期": 14}),
        XlsxTable(words, ["序号", "关键词", "权重"], title="简报关键词", subtitle=subtitle, sheet="关键词",
                  widths={"序号": 5, "关键词": 16, "权重": 8}),
    ]
    return write_tables_xlsx(target, tables)
