"""Writing batches: JSON Lines (stdout or file), CSV (UTF-8 with BOM, for Excel) or XLSX.

A file is written to a temporary file beside the target and renamed into place when complete
(:class:`atomic_path`); a target that is one of the inputs is refused before any work; formula-like cells are
written as text; characters a spreadsheet cannot hold are cleaned.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
import tempfile
from pathlib import Path

from ..errors import Errors, InputError
from ._decode import clean_string
from ._limits import NONFINITE

__all__ = ["BatchWriter", "atomic_path", "check_not_an_input", "json_line", "formula_like", "OUTPUT_SUFFIXES"]

OUTPUT_SUFFIXES = (".csv", ".jsonl", ".xlsx")

def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_not_an_input(target: str | None, inputs) -> None:
    """Refuse (E034, before any work) an output that is one of the inputs, by any path or link
    (``os.path.samefile`` also catches another case of the name on a case-insensitive disk)."""
    if not target or target == "-":
        return
    t = Path(target)
    for src in inputs:
        if src and src != "-" and (os.path.realpath(t) == os.path.realpath(src) or _same_file(t, Path(src))):
            raise InputError(Errors.E034.format(path=target, source=src))


class atomic_path:
    """``with atomic_path(target) as tmp:`` — write ``tmp``; on success it replaces ``target`` in one rename,
    on failure or interrupt it is removed and ``target`` is as it was.  The temporary file is created at once,
    beside the target, so an unwritable place fails before any work."""

    def __init__(self, target: str):
        self.target = str(target)
        folder = os.path.dirname(os.path.abspath(self.target))
        if os.path.isdir(self.target):
            raise InputError(Errors.E030.format(path=self.target, reason="是一个文件夹 (is a directory)"))
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.target)}.", suffix=".part",
                                            dir=folder)
            os.close(fd)
        except OSError as exc:
            raise InputError(Errors.E030.format(path=self.target, reason=exc.strerror or exc)) from None
        self.done = False

    def __enter__(self) -> str:
        return self.tmp

    def commit(self) -> None:
        if self.done:
            return
        self.done = True
        try:
            if os.path.exists(self.target):
                try:
                    os.chmod(self.tmp, os.stat(self.target).st_mode & 0o777)
                except OSError:
                    pass
            else:
                mask = os.umask(0)
                os.umask(mask)
                os.chmod(self.tmp, 0o666 & ~mask)
            os.replace(self.tmp, self.target)
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=self.target, reason=exc.strerror or exc)) from None

    def abort(self) -> None:
        self.done = True
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.commit()
        else:
            self.abort()
        return False


_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$")
_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def formula_like(value: str) -> bool:
    """A cell a spreadsheet would run: starts with = + - @ (or a tab/CR before one), and is not a number."""
    return bool(value) and value[0] in "=+-@\t\r" and not _NUMBER.match(value)


def _cell(value):
    """A value as one CSV/XLSX cell: lists |-joined, mappings as JSON, None empty, NaN as text."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        if any(isinstance(v, (dict, list, tuple)) for v in value):  # pii spans, priority reasons: JSON
            return json.dumps(value, ensure_ascii=False, default=str)
        return "|".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float) and not math.isfinite(value):
        return NONFINITE[str(value)]
    if isinstance(value, str):
        return clean_string(value)
    return value


def _csv_cell(value):
    value = _cell(value)
    if not isinstance(value, str):
        return value
    if _ILLEGAL_XLSX.search(value):  # control characters that Excel and csv readers choke on
        value = _ILLEGAL_XLSX.sub("\ufffd", value)
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


def json_line(row: dict) -> str:
    try:
        return json.dumps(row, ensure_ascii=False, default=str, allow_nan=False)
    except ValueError:
        return json.dumps(_json_safe(row), ensure_ascii=False, default=str, allow_nan=False)


class BatchWriter:
    """Writes rows as they come: JSON Lines (stdout or file), CSV (UTF-8 with BOM, for Excel) or XLSX.

    A file target is written through :class:`atomic_path`: it appears, complete, when :meth:`close` runs;
    :meth:`abort` (or leaving a ``with`` block by an exception) leaves any earlier file in place.
    ``inputs``: the files being read — a target that is one of them is refused before anything is written.
    """

    def __init__(self, target: str | None, fieldnames: list[str], inputs=()):
        self.target = target if target and target != "-" else None
        self.fieldnames = fieldnames
        self.suffix = Path(self.target).suffix.lower() if self.target else ".jsonl"
        if self.target and os.path.isdir(self.target):
            raise InputError(Errors.E030.format(path=self.target, reason="是一个文件夹 (is a directory)"))
        if self.suffix not in OUTPUT_SUFFIXES:
            raise InputError(Errors.E031.format(suffix=self.suffix or "(无后缀)"))
        check_not_an_input(self.target, inputs)
        self._atomic = atomic_path(self.target) if self.target else None
        self._fh = None
        try:
            if self.suffix == ".xlsx":
                from openpyxl import Workbook

                self._wb = Workbook(write_only=True)
                self._ws = self._wb.create_sheet("petitions")
                self._ws.append([_xlsx_value(self._ws, f) for f in fieldnames])
            elif self._atomic:
                self._fh = open(self._atomic.tmp, "w", encoding="utf-8-sig" if self.suffix == ".csv" else "utf-8",
                                newline="")
            else:
                if sys.stdout is None:
                    raise InputError(Errors.E030.format(path="<stdout>", reason="标准输出已关闭 (stdout closed)"))
                self._fh = sys.stdout
            if self.suffix == ".csv":
                self._csv = csv.writer(self._fh)
                self._csv.writerow([_csv_cell(f) for f in fieldnames])
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=target, reason=exc.strerror or exc)) from None
        except BaseException:
            self.abort()
            raise

    def write(self, rows: list[dict]) -> None:
        if self.suffix == ".jsonl":
            self._fh.write("".join(json_line(r) + "\n" for r in rows))
        elif self.suffix == ".csv":
            names = self.fieldnames
            self._csv.writerows([_csv_cell(r.get(k)) for k in names] for r in rows)
        else:
            for r in rows:
                self._ws.append([_xlsx_value(self._ws, r.get(k)) for k in self.fieldnames])

    def close(self) -> None:
        """Finish the file and put it in place (a no-op after :meth:`abort`)."""
        try:
            if self.suffix == ".xlsx":
                if self._atomic and not self._atomic.done:
                    self._wb.save(self._atomic.tmp)
            elif self._fh is not None and self._fh is not sys.stdout:
                self._fh.close()
            elif self._fh is not None:
                self._fh.flush()
        except OSError as exc:
            self.abort()
            raise InputError(Errors.E030.format(path=self.target, reason=exc.strerror or exc)) from None
        if self._atomic:
            self._atomic.commit()

    def abort(self) -> None:
        """Drop what was written; the target is left as it was."""
        ws = getattr(self, "_ws", None)
        if ws is not None and not ws.closed:
            try:  # finish openpyxl's row stream, or it complains when collected, and drop its temporary file
                ws.close()
                ws._writer.cleanup()
            except Exception:  # noqa: BLE001 — nothing of this file is kept anyway
                pass
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


def _xlsx_value(ws, value):
    """A value openpyxl writes as what it is: text stays text (never a formula), no illegal characters."""
    value = _cell(value)
    if not isinstance(value, str):
        return value
    if _ILLEGAL_XLSX.search(value):
        value = _ILLEGAL_XLSX.sub("\ufffd", value)
    if value.startswith("=") or (value and formula_like(value)):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value
