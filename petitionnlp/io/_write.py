"""Writing batches: JSON Lines (stdout or file), CSV (UTF-8 with BOM, for Excel) or XLSX.

A file is written to a temporary file beside the target and renamed into place when complete
(:class:`atomic_path`); a target that is one of the inputs is refused before any work; formula-like cells are
written as text; characters a spreadsheet cannot hold are replaced (:func:`~._xlsx.xlsx_text`).

JSON Lines and CSV keep the field names (programs read them); an XLSX is written for people by the one XLSX
writer (:mod:`._xlsx`): Chinese headers for the added fields, readable values, date cells, a frozen header
printed on every page, A4 landscape.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import sys
from pathlib import Path

from ..errors import Errors, InputError, os_reason
from ._atomic import atomic_path, check_not_an_input
from ._decode import clean_string
from ._limits import NONFINITE
from ._xlsx import (MIN_PRINT_PT, SheetStream, field_header, field_layout, formula_like, pipeline_field,
                    readable_value, xlsx_text)

__all__ = ["BatchWriter", "atomic_path", "check_not_an_input", "json_line", "formula_like", "OUTPUT_SUFFIXES"]

OUTPUT_SUFFIXES = (".csv", ".jsonl", ".xlsx")

def _text_of(value) -> str:
    """A value JSON has no type for, as text: a spreadsheet's date cell (read as a datetime at midnight) as its day
    ``2017-05-20``, not ``2017-05-20 00:00:00``; a time of day kept when there is one."""
    if isinstance(value, dt.datetime):
        whole_day = value.time() == dt.time() and value.tzinfo is None
        return value.date().isoformat() if whole_day else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _cell(value):
    """A value as one CSV/XLSX cell: lists |-joined, mappings as JSON, None empty, NaN as text, dates as ISO days."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.time)):
        return _text_of(value)
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list, tuple)) for v in value):  # pii spans, priority reasons: JSON
            return json.dumps(value, ensure_ascii=False, default=_text_of)
        return "|".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_text_of)
    if isinstance(value, float) and not math.isfinite(value):
        return NONFINITE[str(value)]
    if isinstance(value, str):
        return clean_string(value)
    return value


def _csv_cell(value):
    value = _cell(value)
    if not isinstance(value, str):
        return value
    value = xlsx_text(value)  # control characters that Excel and csv readers choke on
    return "'" + value if formula_like(value) else value


def _json_safe(value):
    if isinstance(value, float) and not math.isfinite(value):
        return NONFINITE[str(value)]
    if isinstance(value, str):
        return clean_string(value)
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    return value


_JSON = json.JSONEncoder(ensure_ascii=False, default=_text_of, allow_nan=False)  # json.dumps with these builds one a call


def json_line(row: dict) -> str:
    try:
        return _JSON.encode(row)
    except ValueError:
        return _JSON.encode(_json_safe(row))


class BatchWriter:
    """Writes rows as they come: JSON Lines (stdout or file), CSV (UTF-8 with BOM, for Excel) or XLSX.

    A file target is written through :class:`atomic_path`: it appears, complete, when :meth:`close` runs;
    :meth:`abort` (or leaving a ``with`` block by an exception) leaves any earlier file in place.
    ``inputs``: the files being read — a target that is one of them is refused before anything is written.
    """

    def __init__(self, target: str | None, fieldnames: list[str], inputs=(), sheet: str = "信访件"):
        self.target = target if target and target != "-" else None
        self.fieldnames = fieldnames
        self.suffix = Path(self.target).suffix.lower() if self.target else ".jsonl"
        if self.target and os.path.isdir(self.target):
            raise InputError(Errors.E030.format(path=self.target, reason="这是一个文件夹"))
        if self.suffix not in OUTPUT_SUFFIXES:
            raise InputError(Errors.E031.format(suffix=self.suffix or "(无后缀)"))
        check_not_an_input(self.target, inputs)
        self._atomic = atomic_path(self.target) if self.target else None
        self._fh = None
        try:
            if self.suffix == ".xlsx":
                self._xlsx = _XlsxRows(fieldnames, sheet)
            elif self._atomic:
                self._fh = open(self._atomic.tmp, "w", encoding="utf-8-sig" if self.suffix == ".csv" else "utf-8",
                                newline="")
            else:
                if sys.stdout is None:
                    raise InputError(Errors.E030.format(path="标准输出", reason="标准输出已关闭"))
                self._fh = sys.stdout
            if self.suffix == ".csv":
                self._csv = csv.writer(self._fh)
                self._csv.writerow([_csv_cell(f) for f in fieldnames])
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=target, reason=os_reason(exc))) from None
        except BaseException:
            self.abort()
            raise

    def write(self, rows: list[dict]) -> None:
        self.write_encoded(self.encode(rows))

    def encode(self, rows: list[dict]):
        """``rows`` as :meth:`write_encoded` writes them: the text of their lines (JSON Lines, CSV), or the rows
        themselves (XLSX).  Touches no file: a worker process encodes its own chunk, and the process that writes
        only copies text."""
        if self.suffix == ".jsonl":
            return "".join([json_line(r) + "\n" for r in rows])
        if self.suffix == ".csv":
            buf = io.StringIO()
            names = self.fieldnames
            csv.writer(buf).writerows([_csv_cell(r.get(k)) for k in names] for r in rows)
            return buf.getvalue()
        return rows

    def write_encoded(self, part) -> None:
        """Write what :meth:`encode` made of a chunk of rows."""
        if self.suffix == ".xlsx":
            self._xlsx.write(part)
        else:
            self._fh.write(part)

    def close(self) -> None:
        """Finish the file and put it in place (a no-op after :meth:`abort`)."""
        try:
            if self.suffix == ".xlsx":
                if self._atomic and not self._atomic.done:
                    self._xlsx.save(self._atomic.tmp)
            elif self._fh is not None and self._fh is not sys.stdout:
                self._fh.close()
            elif self._fh is not None:
                self._fh.flush()
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=self.target, reason=os_reason(exc))) from None
        if self._atomic:
            self._atomic.commit()

    def abort(self) -> None:
        """Drop what was written; the target is left as it was."""
        xlsx = getattr(self, "_xlsx", None)
        if xlsx is not None:  # finish openpyxl's row stream, or it complains when collected, and drop its file
            xlsx.discard()
        if self._fh is not None and self._fh is not sys.stdout:
            try:
                self._fh.close()
            except OSError:
                pass
        if self._atomic:
            self._atomic.abort()

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.close()
        else:
            self.abort()
        return False


_RENAMED = re.compile(r"input_(.+?)_*")


def _people_columns(fieldnames: list[str]) -> tuple[list[str], list[str]]:
    """(headers, the fields added by the pipeline) of an XLSX for people.

    The added fields are the trailing fieldnames that name fields the pipeline adds (it puts them after the
    input's columns): each gets its Chinese header.  The input's columns keep their names — a column renamed
    ``input_city`` because the output uses ``city`` is shown as ``city`` again, since the output's is ``市``."""
    known = {f for f in fieldnames if pipeline_field(f)}
    k = len(fieldnames)
    while k > 0 and fieldnames[k - 1] in known:
        k -= 1
    inputs, added = fieldnames[:k], fieldnames[k:]
    shown: list[str] = []
    for f in inputs:
        m = _RENAMED.fullmatch(f)
        name = m.group(1) if m and m.group(1) in added else f
        shown.append(name if name not in shown and name not in inputs[len(shown) + 1:] else f)
    return shown + [field_header(f, shown) for f in added], added


class _XlsxRows:
    """BatchWriter's XLSX: one sheet for people, rows streamed (:class:`~._xlsx.SheetStream`)."""

    def __init__(self, fieldnames: list[str], sheet: str):
        from openpyxl import Workbook

        self.fields = fieldnames
        self.headers, self.added = _people_columns(fieldnames)
        self.added_set = set(self.added)
        inputs = self.headers[:len(fieldnames) - len(self.added)]
        layout = field_layout(dict(zip(self.headers[len(inputs):], self.added)), inputs)
        self.wb = Workbook(write_only=True)
        # a wide table (classify or triage: the input's columns and a dozen added) on pages side by side at 8 pt,
        # not fitted to one page's width at 6 pt
        self.stream = SheetStream(self.wb, self.headers, sheet=sheet, min_print_pt=MIN_PRINT_PT, **layout)

    def write(self, rows: list[dict]) -> None:
        fields, added = self.fields, self.added_set
        for r in rows:
            self.stream.append([readable_value(f, r.get(f)) if f in added else r.get(f) for f in fields])

    def save(self, path: str) -> None:
        self.stream.close()
        self.wb.save(path)

    def discard(self) -> None:
        self.stream.discard()
