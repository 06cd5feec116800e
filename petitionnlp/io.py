"""Reading and writing batches of petitions: CSV/TSV (UTF-8 with or without BOM, GB18030/GBK, UTF-16),
XLSX, JSON Lines, ``.txt`` (one petition a line) and stdin — in chunks, so memory stays bounded.

A :class:`Batch` yields lists of rows (``dict`` column → value, input order kept) and knows its text column.
A file that cannot be read raises :class:`~petitionnlp.errors.InputError` with a one-line message; a row
that cannot be read is still yielded, with ``_error`` set, so it is written out with its reason.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .errors import Errors, InputError
from .resources import read_list
from .text import to_simplified

__all__ = ["Batch", "open_batch", "BatchWriter", "open_writer", "known_text_columns", "find_text_column",
           "sniff_encoding", "read_text", "ROW_ERROR"]

ROW_ERROR = "_error"  # key of a row-level read error, turned into the ``error`` output field
INPUT_SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".txt")
OUTPUT_SUFFIXES = (".csv", ".jsonl", ".xlsx")
_HEAD = 1 << 16
csv.field_size_limit(1 << 26)


@lru_cache(maxsize=1)
def known_text_columns() -> tuple[str, ...]:
    return tuple(read_list("io", "text_columns.txt"))


def _canon(header) -> str:
    return to_simplified(unicodedata.normalize("NFKC", str(header or "")).strip()).lower()


def find_text_column(columns: list[str], wanted: str | None = None) -> str | None:
    """The text column among ``columns``: ``wanted`` if given, else by the known headers."""
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
            if name.lower() in cc:
                return col
    return None


def sniff_encoding(head: bytes, path: str = "<stdin>") -> str:
    """utf-8-sig / utf-16 / utf-8 / gb18030 from the first bytes; binary content raises E002."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        raise InputError(Errors.E002.format(path=path))
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3 and len(head) >= _HEAD:  # a character cut at the block's end
            return "utf-8"
    try:
        head.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(Errors.E003.format(path=path)) from None
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) * 0.01:
        raise InputError(Errors.E002.format(path=path))
    return "gb18030"


class Batch:
    """An input of petitions. Iterate :meth:`chunks`; ``columns`` and ``text_column`` are known on open."""

    def __init__(self, name: str, columns: list[str], text_column: str, rows: Iterator[dict],
                 chunksize: int = 1000, closer=None):
        self.name = name
        self.columns = columns
        self.text_column = text_column
        self._rows = rows
        self.chunksize = chunksize
        self._closer = closer

    def chunks(self) -> Iterator[list[dict]]:
        chunk: list[dict] = []
        try:
            for row in self._rows:
                chunk.append(row)
                if len(chunk) >= self.chunksize:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk
        finally:
            self.close()

    def close(self) -> None:
        if self._closer is not None:
            self._closer()
            self._closer = None


def _dedupe(header: list) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        name = str(h).strip() if h is not None and str(h).strip() else f"列{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _header_index(rows: list[list], wanted: str | None) -> int:
    """Office exports often put a title row above the header: take the first row naming a text column."""
    for i, row in enumerate(rows):
        cols = [str(c).strip() for c in row if c is not None and str(c).strip()]
        if cols and find_text_column(cols, wanted):
            return i
    for i, row in enumerate(rows):
        if any(c is not None and str(c).strip() for c in row):
            return i
    return 0


def _table_batch(name: str, raw_rows: Iterator[list], text_column: str | None, chunksize: int,
                 closer=None) -> Batch:
    head = []
    for row in raw_rows:
        head.append(row)
        if len(head) >= 10:
            break
    if not head:
        raise InputError(Errors.E008.format(path=name))
    h = _header_index(head, text_column)
    columns = _dedupe(head[h])
    col = find_text_column(columns, text_column)
    if col is None:
        shown = "、".join(columns)
        if text_column is not None:
            raise InputError(Errors.E006.format(path=name, column=text_column, columns=shown))
        raise InputError(Errors.E004.format(path=name, columns=shown))

    def rows():
        import itertools

        for raw in itertools.chain(head[h + 1:], raw_rows):
            if not any(c is not None and str(c).strip() for c in raw):
                continue  # a blank spreadsheet line is not a petition
            values = list(raw) + [None] * (len(columns) - len(raw))
            row = {c: ("" if v is None else v) for c, v in zip(columns, values)}
            if len(raw) > len(columns):
                row["_extra"] = [v for v in raw[len(columns):] if v not in (None, "")] or None
                if row["_extra"] is None:
                    del row["_extra"]
            yield row

    return Batch(name, columns, col, rows(), chunksize, closer)


def _open_text(path: Path, name: str):
    with open(path, "rb") as fh:
        head = fh.read(_HEAD)
    enc = sniff_encoding(head, name)
    return open(path, encoding=enc, errors="replace", newline="")


def _lines_batch(name: str, lines, chunksize: int, closer=None) -> Batch:
    def rows():
        for line in lines:
            yield {"text": line.rstrip("\r\n")}

    return Batch(name, ["text"], "text", rows(), chunksize, closer)


def _stdin_lines():
    data = sys.stdin.buffer
    head = data.peek(_HEAD)[:_HEAD] if hasattr(data, "peek") else b""
    enc = sniff_encoding(head) if head else "utf-8"
    return io.TextIOWrapper(data, encoding=enc, errors="replace", newline="")


def read_text(source: str) -> str:
    """A whole text file (or stdin for ``-``) in its detected encoding."""
    if source == "-":
        return _stdin_lines().read()
    path = Path(source)
    if not path.is_file():
        raise InputError(Errors.E001.format(path=source))
    with _open_text(path, source) as fh:
        return fh.read()


def _jsonl_batch(path: Path, name: str, text_column: str | None, chunksize: int) -> Batch:
    fh = _open_text(path, name)
    first = None
    pending = []
    for n, line in enumerate(fh, 1):
        pending.append((n, line))
        if line.strip():
            try:
                first = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(first, dict):
                break
    columns = list(first) if isinstance(first, dict) else []
    col = find_text_column(columns, text_column) if columns else None
    if col is None:
        fh.close()
        shown = "、".join(columns) or "(无)"
        if text_column is not None:
            raise InputError(Errors.E006.format(path=name, column=text_column, columns=shown))
        raise InputError(Errors.E004.format(path=name, columns=shown))

    def rows():
        import itertools

        for n, line in itertools.chain(pending, enumerate(fh, len(pending) + 1)):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError
            except ValueError:
                yield {col: "", "_line": n, ROW_ERROR: Errors.R_BAD_JSON.format(line=n)}
                continue
            yield obj

    return Batch(name, columns, col, rows(), chunksize, fh.close)


def open_batch(source: str, text_column: str | None = None, chunksize: int = 1000) -> Batch:
    """Open one input (a path or ``-`` for stdin lines) as a :class:`Batch`."""
    if source == "-":
        return _lines_batch("<stdin>", _stdin_lines(), chunksize)
    path = Path(source)
    name = str(source)
    if not path.is_file():
        raise InputError(Errors.E001.format(path=name))
    suffix = path.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        raise InputError(Errors.E005.format(path=name, suffix=suffix or "(无后缀)"))
    if path.stat().st_size == 0:
        raise InputError(Errors.E008.format(path=name))
    if suffix == ".xlsx":
        return _xlsx_batch(path, name, text_column, chunksize)
    if suffix == ".jsonl":
        return _jsonl_batch(path, name, text_column, chunksize)
    fh = _open_text(path, name)
    if suffix == ".txt":
        return _lines_batch(name, fh, chunksize, fh.close)
    delimiter = "\t" if suffix == ".tsv" else ","
    try:
        return _table_batch(name, csv.reader(fh, delimiter=delimiter), text_column, chunksize, fh.close)
    except Exception:
        fh.close()
        raise


def _xlsx_batch(path: Path, name: str, text_column: str | None, chunksize: int) -> Batch:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(Errors.E007.format(path=name, reason=type(exc).__name__)) from None
    ws = wb.worksheets[0]
    cells = (list(r) for r in ws.iter_rows(values_only=True))
    try:
        return _table_batch(name, cells, text_column, chunksize, wb.close)
    except Exception:
        wb.close()
        raise


# ---------------------------------------------------------------------------------------------- writing

def _cell(value):
    """A value as one CSV/XLSX cell: lists |-joined, mappings as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


class BatchWriter:
    """Writes rows as they come: JSON Lines (stdout or file), CSV (UTF-8 with BOM, for Excel) or XLSX."""

    def __init__(self, target: str | None, fieldnames: list[str]):
        self.target = target
        self.fieldnames = fieldnames
        self.suffix = Path(target).suffix.lower() if target else ".jsonl"
        if self.suffix not in OUTPUT_SUFFIXES:
            raise InputError(Errors.E031.format(suffix=self.suffix or "(无后缀)"))
        try:
            if self.suffix == ".xlsx":
                from openpyxl import Workbook

                self._wb = Workbook(write_only=True)
                self._ws = self._wb.create_sheet("petitions")
                self._ws.append(fieldnames)
            elif target:
                self._fh = open(target, "w", encoding="utf-8-sig" if self.suffix == ".csv" else "utf-8",
                                newline="")
            else:
                self._fh = sys.stdout
            if self.suffix == ".csv":
                self._csv = csv.DictWriter(self._fh, fieldnames=fieldnames, extrasaction="ignore")
                self._csv.writeheader()
        except OSError as exc:
            raise InputError(Errors.E030.format(path=target, reason=exc.strerror or exc)) from None

    def write(self, rows: list[dict]) -> None:
        if self.suffix == ".jsonl":
            self._fh.write("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows))
        elif self.suffix == ".csv":
            self._csv.writerows({k: _cell(v) for k, v in r.items()} for r in rows)
        else:
            for r in rows:
                self._ws.append([_cell(r.get(k)) for k in self.fieldnames])

    def close(self) -> None:
        if self.suffix == ".xlsx":
            self._wb.save(self.target)
        elif self._fh is not sys.stdout:
            self._fh.close()
        else:
            self._fh.flush()


def open_writer(target: str | None, fieldnames: list[str]) -> BatchWriter:
    return BatchWriter(target, fieldnames)
