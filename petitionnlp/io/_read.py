"""Batches of petitions read from CSV/TSV, XLSX (every worksheet with a text column), JSON Lines, ``.txt``
and stdin, in chunks: every input row comes out once, in order.

A row that cannot be read is yielded with its reason under :data:`ROW_ERROR`; an unbalanced quote in a CSV
does not swallow the rows after it; title rows above the header are set aside and reported, never data rows;
what was set aside or repaired is listed in :attr:`Batch.notices`.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from ..errors import Errors, InputError
from ..resources import corpus_path, read_list
from ..text import header_key, unify_newlines
from ._decode import check_file, clean_string, document_kind, open_source, refuse_document
from ._limits import LIMITS, NONFINITE, ROW_ERROR, STDIN_NAME

__all__ = ["Batch", "open_batch", "known_text_columns", "find_text_column", "reserved_renames", "INPUT_SUFFIXES",
           "table_date"]

INPUT_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".txt")

@lru_cache(maxsize=1)
def known_text_columns() -> tuple[str, ...]:
    return tuple(read_list("io", "text_columns.txt"))


@lru_cache(maxsize=None)
def known_columns(kind: str) -> tuple[str, ...]:
    """Headers of a kind of column (``corpora/io/{kind}_columns.txt``: region, date, id, label), preferred first."""
    return tuple(read_list("io", f"{kind}_columns.txt"))


def find_column(columns, kind: str) -> str | None:
    """The column of ``columns`` whose header is the most preferred known header of ``kind`` (see
    :func:`known_columns`), or None.  Headers are compared as a clerk reads them (:func:`_canon`): traditional or
    simplified, full or half width, spaces, a colon after the name or a required-field star ignored
    (``受理編號``, ``受理 编号：``, ``*受理编号`` are 受理编号)."""
    by_header = {}
    for c in columns:
        by_header.setdefault(_canon(c), c)
    return next((by_header[key] for name in known_columns(kind) if (key := _canon(name)) in by_header), None)


_SERIAL_TEXT = re.compile(r"[1-9][0-9]{4}(?:\.[0-9]+)?")


def table_date(value, reference=None, ahead=None):
    """The day a cell of a table's date column (交办日期 …) names, or None: a date, a text as
    :func:`petitionnlp.dates.parse_date` reads it (a day without its year against ``reference``, the latest such day
    not after it + ``ahead`` days, by default a few), or an Excel day serial — what a date cell without a date format
    holds, as a number (an .xlsx) or as five digits of text (such a sheet saved as CSV): ``42870`` is 2017-05-15.
    A smaller number (a year, a count) is no serial.  The one reader of a table's dates (the workbench's intake,
    ``petitionnlp triage``)."""
    from ..dates import AHEAD, parse_date

    if isinstance(value, str) and _SERIAL_TEXT.fullmatch(value.strip()):
        value = float(value)
    serial = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 10000
    return parse_date(value, excel_serials=serial, reference=reference, ahead=AHEAD if ahead is None else ahead)


_canon = header_key  # a header as compared with the known ones (petitionnlp.text.header_key)


def find_text_column(columns: list[str], wanted: str | None = None) -> str | None:
    """The text column among ``columns``: ``wanted`` if given, else by the known headers (an exact header
    first, then a short header that contains one of them, such as 交办问题基本情况描述)."""
    if wanted is not None:
        return wanted if wanted in columns else None
    canon = {c: _canon(c) for c in columns}
    for name in known_text_columns():
        for col, cc in canon.items():
            if cc == name.lower():
                return col
    for name in known_text_columns():
        if len(name) < 3:
            continue
        for col, cc in canon.items():
            if name.lower() in cc and len(cc) <= len(name) + 6:
                return col
    return None


class Batch:
    """An input of petitions. Iterate :meth:`chunks`; ``columns`` and ``text_column`` are known on open.

    ``notices``: what the reader set aside or repaired (title rows, extra sheets, an unbalanced quote),
    one line each, for the command line to show on stderr.
    """

    def __init__(self, name: str, columns: list[str], text_column: str | None, rows: Iterator[dict],
                 chunksize: int = 1000, closer=None, notices: list[str] | None = None):
        self.name = name
        self.columns = columns
        self.text_column = text_column
        self._rows = rows
        self.chunksize = chunksize
        self._closer = closer
        self.notices = notices if notices is not None else []
        self.titles: list[str] = []  # the title rows above a table's header, in full (交办时间 …)
        self.line: int | None = None  # JSON Lines: the file line of the row last read (blank lines counted)
        self.scan_columns = lambda: self.columns  # every column any row has (JSON Lines: a second pass)

    def chunks(self) -> Iterator[list[dict]]:
        chunk: list[dict] = []
        n = 0
        try:
            for row in self._rows:
                n += 1
                chunk.append(row)
                if len(chunk) >= self.chunksize:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
        except InputError:
            raise
        except Exception as exc:  # noqa: BLE001
            # a structure broken past the head (truncated XML in an .xlsx, an I/O error): one line
            raise InputError(Errors.E012.format(path=self.name, row=n, reason=_reason(exc))) from None
        finally:
            self.close()

    def close(self) -> None:
        if self._closer is not None:
            closer, self._closer = self._closer, None
            closer()


def _reason(exc: BaseException) -> str:
    """Why a file could not be read, in Chinese (the exception's own words are for a maintainer: set
    PETITIONNLP_DEBUG=1 to see them)."""
    import zipfile

    from ..errors import os_reason

    if isinstance(exc, zipfile.BadZipFile):
        return "文件已损坏，或不是 .xlsx 格式（可能是改了扩展名的其他文件）"
    if isinstance(exc, KeyError):
        return "文件缺少必要的部分，可能已损坏"
    if isinstance(exc, UnicodeError):
        return "文字编码有误"
    if isinstance(exc, csv.Error):
        return "CSV 格式有误"
    if isinstance(exc, MemoryError):
        return "内存不足"
    if isinstance(exc, OSError) and getattr(exc, "errno", None):
        return os_reason(exc)
    if type(exc).__name__ in ("XMLSyntaxError", "ParseError", "ExpatError", "EOFError"):
        return "文件内容不完整或已损坏"
    return "文件已损坏或格式不对"


def _dedupe(header: list) -> list[str]:
    """Header cells as unique column names (``列3`` for an empty one, ``内容.1`` for a repeated one)."""
    taken: set[str] = set()
    out = []
    for i, h in enumerate(header):
        base = str(h).strip() if h is not None and str(h).strip() else f"列{i + 1}"
        name, k = base, 0
        while name in taken:
            k += 1
            name = f"{base}.{k}"
        taken.add(name)
        out.append(name)
    return out


def _filled(row) -> list[str]:
    return [str(c).strip() for c in row if c is not None and str(c).strip()]


def _is_header(cells: list[str], wanted: str | None) -> bool:
    """A header row names a text column; a single-cell row only by the exact name (a title such as
    交办问题基本情况汇总表 is not a header), and no header holds a long cell (a petition is not a header)."""
    col = find_text_column(cells, wanted)
    if col is None:
        return False
    if any(len(c) > 40 for c in cells):
        return False
    if len(cells) == 1:
        return wanted is not None or _canon(col) in {n.lower() for n in known_text_columns()}
    return True


def _header_index(rows: list[list], wanted: str | None) -> int | None:
    """The header among the first rows: only title rows (one filled cell) or empty rows may come before it."""
    for i, row in enumerate(rows):
        cells = _filled(row)
        if cells and _is_header(cells, wanted):
            return i
        if len(cells) > 1:
            return None  # a row of several cells that is no header: data, and nothing below is a header
    return None


def _title_notice(name: str, rows: list[list]) -> list[str]:
    titles = ["｜".join(_filled(r))[:40] for r in rows if _filled(r)]
    return [Errors.N_TITLE_ROWS.format(path=name, n=len(titles), rows="；".join(titles))] if titles else []


def _cells_text(row) -> list[str]:
    return [str(v).strip() if v is not None else "" for v in row]


def _table_rows(head: list, rest: Iterator[list], columns: list[str], name: str, notices: list[str],
                header: list | None = None):
    """Rows as dicts, every one of them: a row of empty cells (``,``) is a row (its text is empty, so it becomes
    an error row downstream), and so is a blank line between rows; only blank lines or cell-less spreadsheet
    rows after the last row are dropped (spreadsheets keep formatted blank rows below a table).  Cells beyond the
    header go into the last column, joined by ``|``, and are reported.  A row that repeats the ``header`` (two
    exports pasted one under the other) is a row with its read error, never a petition whose text is a header."""
    pending: list[dict] = []
    overflow = rows = 0
    repeated: list[int] = []
    ncols = len(columns)
    again = _cells_text(header) + [""] * (ncols - len(header)) if header is not None else None
    for raw in itertools.chain(head, rest):
        if raw is None:
            continue
        raw = list(raw)
        if len(raw) > ncols:
            extra = [str(v) for v in raw[ncols:] if v not in (None, "")]
            raw = raw[:ncols]
            if extra:
                overflow += 1
                last = raw[-1]
                raw[-1] = "|".join([str(last)] + extra) if last not in (None, "") else "|".join(extra)
        values = raw + [None] * (ncols - len(raw))
        row = {c: ("" if v is None else v) for c, v in zip(columns, values)}
        if all(v is None for v in values):  # a blank line, a formatted empty spreadsheet row: kept between rows
            pending.append(row)
            continue
        if pending:
            yield from pending
            rows += len(pending)
            pending = []
        rows += 1
        if again is not None and _cells_text(values) == again:
            row[ROW_ERROR] = Errors.R_HEADER_AGAIN.format(row=rows)
            repeated.append(rows)
        yield row
    if overflow:
        notices.append(Errors.N_OVERFLOW.format(path=name, n=overflow))
    if repeated:
        notices.append(Errors.N_HEADER_AGAIN.format(path=name, n=len(repeated),
                                                    rows="、".join(map(str, repeated[:5]))))
    if not rows:  # a header and nothing under it: read, and said (an export cut short, the wrong sheet saved)
        notices.append(Errors.N_NO_ROWS.format(path=name))


@lru_cache(maxsize=1)
def _all_known_columns() -> frozenset[str]:
    """Every header a reader looks for (``corpora/io/*_columns.txt``), as :func:`_canon` gives it."""
    return frozenset(_canon(h) for p in corpus_path("io").glob("*_columns.txt") for h in read_list("io", p.name))


def _two_row_header(top: list, second: list, group: list) -> list:
    """The column names of a header over two rows (受理编号 merged down beside 办理情况 over 调查核实情况 | 是否属实
    …; data starts under both): a column is named by its cell in the second row when that is a header the readers
    know (调查核实情况), by the heading over it (``group``: the top row with a heading merged across carried over
    the columns it spans) and that cell together otherwise (举报人 over 名称 | 地址 → 举报人名称, 举报人地址: the
    name a clerk reads, so the columns stay a person's for redaction), by the top row's cell when the second is
    empty."""
    def text(v):
        return str(v).strip() if v is not None else ""

    names = []
    for t, s, g in itertools.zip_longest(top, second, group):
        if not text(s):
            names.append(t)
        elif _canon(s) in _all_known_columns() or not text(g) or _canon(g) == _canon(s):
            names.append(s)
        else:
            names.append(text(g) + text(s))
    return names


def _table_batch(name: str, raw_rows: Iterator[list], text_column: str | None, chunksize: int,
                 closer=None, notices: list[str] | None = None, require_text: bool = True, fill=None) -> Batch:
    """A table's rows as a :class:`Batch` (the header found among the first rows).  ``fill``: a spreadsheet's
    merged cells (:class:`_MergedCells`), filled into the rows below the header."""
    notices = notices if notices is not None else []
    head = []
    for row in raw_rows:
        head.append(row)
        if len(head) >= LIMITS.header_scan:
            break
    if not any(_filled(r) for r in head):
        raise InputError(Errors.E008.format(path=name))
    h = _header_index(head, text_column)
    if h is None:
        if not require_text:
            h = next(i for i, r in enumerate(head) if _filled(r))
        else:
            first = next(r for r in head if _filled(r))
            shown = "、".join(_filled(first))[:200]
            if text_column is not None:
                raise InputError(Errors.E006.format(path=name, column=text_column, columns=shown))
            raise InputError(Errors.E004.format(path=name, columns=shown))
    notices += _title_notice(name, head[:h])
    header, below = head[h], h + 1
    if fill is not None and below < len(head) and fill.spans_next(h + 1):
        header = _two_row_header(header, head[below], fill.across(h + 1, header))
        below += 1
    columns = _dedupe(header)
    col = find_text_column(columns, text_column)
    body = itertools.chain(head[below:], raw_rows)
    if fill is not None:
        body = fill.rows(body, first=below + 1, name=name, notices=notices)
    batch = Batch(name, columns, col, _table_rows([], body, columns, name, notices, header), chunksize, closer,
                  notices)
    batch.titles = ["｜".join(_filled(r)) for r in head[:h] if _filled(r)]
    return batch


class _Lines:
    """An iterator of physical lines that remembers what the CSV reader took and accepts lines back."""

    def __init__(self, fh):
        self._fh = fh
        self._back: list[str] = []
        self.taken: list[str] = []
        self.line = 0  # physical lines handed out so far

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._back.pop() if self._back else next(self._fh)
        if "\x00" in line:  # the csv module refuses NUL; a stray one becomes U+FFFD
            line = line.replace("\x00", "\ufffd")
        self.taken.append(line)
        self.line += 1
        return line

    def push_back(self, lines: list[str]) -> None:
        self._back.extend(reversed(lines))
        self.line -= len(lines)


def _csv_records(fh, delimiter: str, name: str, notices: list[str]):
    """CSV records, each as a list of cells.  The reader is strict about quotes, so a quote that is never
    closed (or closes in the middle of a later cell) is an error, not a record that swallows the rows after
    it: the first line of that record is then read with its quotes taken literally and reading starts again
    on the next line.  A well-formed multi-line cell is read as it is."""
    lines = _Lines(fh)
    repaired = []

    def reader():
        return csv.reader(lines, delimiter=delimiter, strict=True)

    rd = reader()
    while True:
        lines.taken = []
        start = lines.line + 1
        try:
            record = next(rd)
        except StopIteration:
            break
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise InputError(Errors.E013.format(path=name, line=start,
                                                    mb=LIMITS.cell_bytes >> 20)) from None
            taken = lines.taken
            if not taken:
                raise InputError(Errors.E012.format(path=name, row=start, reason=_reason(exc))) from None
            repaired.append(start)
            lines.push_back(taken[1:])
            rd = reader()
            yield next(csv.reader([taken[0]], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
            continue
        yield record
    if repaired:
        notices.append(Errors.N_QUOTE.format(path=name, lines="、".join(map(str, repaired[:5])),
                                             n=len(repaired)))


def _lines_batch(name: str, fh, chunksize: int) -> Batch:
    def rows():
        for line in fh:
            yield {"text": line.rstrip("\r\n")}

    return Batch(name, ["text"], "text", rows(), chunksize, fh.close)


def _json_depth_ok(line: str) -> bool:
    """Cheap upper bound of JSON nesting (brackets, ignoring strings is not needed for a bound)."""
    depth = best = 0
    for ch in line:
        if ch in "[{":
            depth += 1
            if depth > best:
                best = depth
                if best > LIMITS.nesting:
                    return False
        elif ch in "]}":
            depth -= 1
    return True


def _json_value(value):
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, float) and not math.isfinite(value):
        return NONFINITE[str(value)]  # NaN/Infinity are not JSON: kept as text
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_string(str(k)): _json_value(v) for k, v in value.items()}
    return value


def _parse_json_line(line: str, n: int):
    """A JSON object, or an error reason."""
    if len(line) > LIMITS.cell_bytes:
        return None, Errors.R_TOO_LONG.format(line=n, mb=LIMITS.cell_bytes >> 20)
    if ("[[" in line or "{{" in line or line.count("[") + line.count("{") > LIMITS.nesting) \
            and not _json_depth_ok(line):
        return None, Errors.R_NESTED.format(line=n, depth=LIMITS.nesting)
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None, Errors.R_BAD_JSON.format(line=n)
    if not isinstance(obj, dict):
        return None, Errors.R_BAD_JSON.format(line=n)
    return _json_value(obj), None


def _jsonl_batch(fh, name: str, text_column: str | None, chunksize: int, require_text: bool = True) -> Batch:
    first = None
    pending = []
    for n, line in enumerate(fh, 1):
        pending.append((n, line))
        if line.strip():
            obj, _ = _parse_json_line(line, n)
            if obj is not None:
                first = obj
                break
    columns = [str(k) for k in first] if first else []
    col = find_text_column(columns, text_column) if columns else None
    if col is None and (require_text or not columns):
        fh.close()
        shown = "、".join(columns)[:200] or "(无)"
        if not pending or not any(ln.strip() for _, ln in pending):
            raise InputError(Errors.E008.format(path=name))
        if first is None:
            raise InputError(Errors.E004_JSON.format(path=name))
        if text_column is not None:
            raise InputError(Errors.E006.format(path=name, column=text_column, columns=shown))
        raise InputError(Errors.E004.format(path=name, columns=shown))

    def rows():
        import itertools

        for n, line in itertools.chain(pending, enumerate(fh, len(pending) + 1)):
            if not line.strip():
                continue
            batch.line = n
            obj, why = _parse_json_line(line, n)
            if obj is None:
                yield {ROW_ERROR: why}
                continue
            if text_column is None and col is not None:
                obj = _own_text_key(obj, col)
            yield obj

    batch = Batch(name, columns, col, rows(), chunksize, fh.close)
    batch.scan_columns = lambda: _jsonl_keys(name, columns)
    return batch


def _own_text_key(obj: dict, col: str) -> dict:
    """A JSON line with nothing under the file's text key ``col`` (the first line's) but its text under another
    known text key (内容 here, text there): that text under ``col``, as every reader of the batch takes it (a later
    sheet naming its text column differently is read the same way)."""
    value = obj.get(col)
    if value is not None and not (isinstance(value, str) and not value.strip()):
        return obj
    other = find_text_column([k for k in obj if k != col])
    if other is not None and obj.get(other) not in (None, ""):
        obj[col] = obj.pop(other)
    return obj


def _jsonl_keys(name: str, columns: list[str]) -> list[str]:
    """Every key of every object of a JSON Lines file, in order of first appearance (a second, cheap pass:
    a CSV or XLSX output needs all its columns before the first row)."""
    keys = dict.fromkeys(columns)
    with open_source(name, [], newline=None) as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                obj, _ = _parse_json_line(line, n)
                if obj:
                    keys.update(dict.fromkeys(obj))
    return list(keys)


def open_batch(source: str, text_column: str | None = None, chunksize: int = 1000,
               require_text: bool = True) -> Batch:
    """Open one input (a path or ``-`` for stdin lines) as a :class:`Batch`.

    ``require_text=False`` opens a table without a petition text column (``stats`` reads classify output).
    """
    if source == "-":
        notices: list[str] = []
        batch = _lines_batch(STDIN_NAME, open_source("-", notices, newline=None), chunksize)
        batch.notices = notices
        return batch
    name = str(source)
    path = check_file(name)
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        refuse_document(name, suffix)  # .xls .docx .pdf …: say what to save it as
        raise InputError(Errors.E005.format(path=name, suffix=suffix or "（无后缀）",
                                            accepted=" ".join(INPUT_SUFFIXES)))
    if path.stat().st_size == 0:
        raise InputError(Errors.E008.format(path=name))
    if suffix == ".xlsx":
        return _xlsx_batch(path, name, text_column, chunksize, require_text)
    notices: list[str] = []
    fh = open_source(name, notices, newline=None)  # CRLF and lone CR read as LF, in quoted cells too
    try:
        if suffix == ".jsonl":
            batch = _jsonl_batch(fh, name, text_column, chunksize, require_text)
        elif suffix == ".txt":
            batch = _lines_batch(name, fh, chunksize)
        else:
            records = _csv_records(fh, "\t" if suffix == ".tsv" else ",", name, notices)
            batch = _table_batch(name, records, text_column, chunksize, fh.close, notices, require_text)
    except BaseException:
        fh.close()
        raise
    if batch.notices is not notices:  # one list, which the readers keep adding to while rows stream
        notices.extend(batch.notices)
        batch.notices = notices
    return batch


def _check_zip(path: Path, name: str) -> None:
    """Refuse an .xlsx that would unpack into far more than it weighs (a zip bomb)."""
    import zipfile

    with open(path, "rb") as fh:
        kind = document_kind(fh)
    if kind not in ("xlsx", "zip", None):  # an old .xls renamed, a Word document, a PDF
        refuse_document(name, ".xlsx", kind)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(Errors.E007.format(path=name, reason=_reason(exc))) from None
    total = sum(i.file_size for i in infos)
    worst = max(((i.file_size, i.compress_size) for i in infos), default=(0, 1))
    if total > LIMITS.xlsx_unzipped or (worst[0] > 64 << 20 and worst[0] > LIMITS.xlsx_ratio * max(worst[1], 1)):
        raise InputError(Errors.E007.format(
            path=name, reason=f"解压后 {total >> 20} MB，超过上限 {LIMITS.xlsx_unzipped >> 20} MB 或压缩比异常"))


_XLSX_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_string(value):
    """A cell's string as Excel means it: the ``_xHHHH_`` escapes of OOXML (``_x000D_`` a CR, ``_x0007_`` a BEL,
    ``_x005F_`` an underscore; openpyxl leaves them as written) read as their characters, line ends as LF.  What
    is left that a stage or a writer cannot take (a control character) is for them: the writers escape it, the
    workbench cleans it at the door."""
    if not isinstance(value, str):
        return value
    if "_x" in value:
        value = _XLSX_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return unify_newlines(value) if "\r" in value else value


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Z]{1,3})\$?([0-9]{1,7}):\$?([A-Z]{1,3})\$?([0-9]{1,7})"')


class _MergedCells:
    """The cells merged across rows in one worksheet (``<mergeCell ref="B5:B7"/>``, read from the sheet's XML by a
    byte scan: read-only openpyxl does not give them).  Excel keeps a merged range's value in its top-left cell only,
    so a 行政区域 or 污染类型 merged over the rows of several petitions would be empty on all but the first; below the
    header each row of the range gets the value (a range across columns stays as it is: its row has the value)."""

    def __init__(self, starts: dict[int, list[tuple[int, int]]], spans: dict[int, list[tuple[int, int]]]):
        self.starts = starts  # top row → [(column index from 0, bottom row)]
        self.spans = spans  # top row → [(first, last column index from 0)] of the ranges merged across columns

    @classmethod
    def of(cls, path: Path, member: str | None) -> "_MergedCells | None":
        import zipfile

        from openpyxl.utils import column_index_from_string

        if not member:
            return None
        starts: dict[int, list[tuple[int, int]]] = {}
        spans: dict[int, list[tuple[int, int]]] = {}
        with zipfile.ZipFile(path) as zf, zf.open(member.lstrip("/")) as fh:
            tail = b""
            while block := fh.read(1 << 20):
                data = tail + block
                end = 0
                for m in _MERGE_REF.finditer(data):
                    top, bottom = int(m[2]), int(m[4])
                    first, last = (column_index_from_string(m[k].decode()) - 1 for k in (1, 3))
                    if bottom > top:
                        starts.setdefault(top, []).append((first, bottom))
                    if last > first:
                        spans.setdefault(top, []).append((first, last))
                    end = m.end()
                tail = data[max(end, len(data) - 200):]
        return cls(starts, spans) if starts else None

    def across(self, row: int, cells: list) -> list:
        """Sheet row ``row``'s ``cells`` with each range merged across columns from it holding its value on every
        column it spans (Excel keeps it in the first)."""
        cells = list(cells)
        for first, last in self.spans.get(row, ()):
            cells.extend([None] * (last + 1 - len(cells)))
            for c in range(first + 1, last + 1):
                if cells[c] is None or not str(cells[c]).strip():
                    cells[c] = cells[first]
        return cells

    def spans_next(self, row: int) -> bool:
        """Whether a range merged down from sheet row ``row`` covers the row under it (a header over two rows)."""
        return any(bottom > row for _, bottom in self.starts.get(row, ()))

    def rows(self, rows, first: int, name: str, notices: list[str]):
        """``rows`` (the first one being sheet row ``first``) with the merged ranges whose top row is among them
        filled down — the 受理编号 too: a receipt merged over two petitions' rows is two petitions given one receipt,
        which intake keeps apart (:class:`petitionnlp.office.intake.Intake`), and one merged over one petition's
        rows is its repeat; a row empty in the sheet (a formatted blank row a range reaches into, below the last
        petition) stays empty, so it is no row of its own; a notice says how many ranges were filled."""
        active: list[tuple[int, int, object]] = []  # (column, bottom row, value)
        filled = 0
        for number, row in enumerate(rows, first):
            if active:
                active = [a for a in active if a[1] >= number]
                if active and any(v not in (None, "") for v in row):
                    row = list(row)
                    for col, _, value in active:
                        if col >= len(row):
                            row.extend([None] * (col + 1 - len(row)))
                        if row[col] in (None, ""):
                            row[col] = value
            for col, bottom in self.starts.get(number, ()):
                value = row[col] if col < len(row) else None
                if value not in (None, ""):
                    active.append((col, bottom, value))
                    filled += 1
            yield row
        if filled:
            notices.append(Errors.N_MERGED.format(path=name, n=filled))


def _xlsx_batch(path: Path, name: str, text_column: str | None, chunksize: int, require_text: bool) -> Batch:
    """Every worksheet whose header names a text column is read, in order (a ``工作表`` column tells them apart
    when there are several); the others are reported on stderr, never skipped without a word."""
    _check_zip(path, name)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package: all are "not readable"
        raise InputError(Errors.E007.format(path=name, reason=_reason(exc))) from None
    notices: list[str] = []
    usable: list[tuple[str, Batch]] = []
    try:
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        failures = []
        for ws in sheets:
            label = name if len(sheets) == 1 else f"{name} [工作表 {ws.title}]"
            rows = ([_xlsx_string(v) for v in r] for r in ws.iter_rows(values_only=True))
            try:
                fill = _MergedCells.of(path, getattr(ws, "_worksheet_path", None))
                usable.append((ws.title, _table_batch(label, rows, text_column, chunksize, None, [], require_text,
                                                      fill)))
            except InputError as exc:
                failures.append((ws.title, exc))
        if not usable:
            raise failures[0][1] if failures else InputError(Errors.E008.format(path=name))
        for title, exc in failures:
            notices.append(Errors.N_SHEET_SKIPPED.format(path=name, sheet=title, why=str(exc).split(": ", 1)[-1][:80]))
    except InputError:
        wb.close()
        raise
    except Exception as exc:
        wb.close()
        raise InputError(Errors.E007.format(path=name, reason=_reason(exc))) from None
    columns: list[str] = []
    for _, b in usable:
        columns += [c for c in b.columns if c not in columns]
    sheet_col = None
    if len(usable) > 1:
        sheet_col = "工作表" if "工作表" not in columns else "工作表(来源)"
        columns.insert(0, sheet_col)
        notices.append(Errors.N_SHEETS.format(path=name, n=len(usable), sheets="、".join(t for t, _ in usable)))
    text_col = usable[0][1].text_column
    said = []  # how many of each sheet's notices are in the batch's: a sheet adds some as its rows stream
    for _, b in usable:
        notices.extend(b.notices)
        said.append(len(b.notices))

    def rows():
        for (title, b), n in zip(usable, said):
            for row in b._rows:
                if sheet_col:
                    row = {sheet_col: title, **row}
                if b.text_column != text_col:  # a later sheet names its text column differently
                    row[text_col] = row.pop(b.text_column, "")
                yield row
            notices.extend(b.notices[n:])  # cells beyond the header, merged cells filled

    batch = Batch(name, columns, text_col, rows(), chunksize, wb.close, notices)
    batch.titles = [t for _, b in usable for t in b.titles]  # each sheet's title rows (交办时间 …), as CSV's
    return batch


def reserved_renames(columns, reserved) -> dict[str, str]:
    """Input columns whose names the output uses (``city``, ``error`` …) → ``input_city``, ``input_error``:
    the user's column is kept under the new name instead of being overwritten."""
    out = {}
    for c in columns:
        if c in reserved:
            new = f"input_{c}"
            while new in columns or new in reserved:
                new += "_"
            out[c] = new
    return out


