"""Bounds on what one input may make the process hold, and the key of a row-level read error."""

from __future__ import annotations

import csv

__all__ = ["LIMITS", "ROW_ERROR", "NONFINITE", "STDIN_NAME"]

STDIN_NAME = "标准输入"  # how stdin is named in messages (``-`` on the command line)


class _RowKey:
    """A dict key no input column can collide with (input keys are always strings)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"<row {self.name}>"


ROW_ERROR = _RowKey("error")  # a row-level read error, turned into the ``error`` output field


class LIMITS:
    """Bounds on what one input may make the process hold (each breach is a one-line error or an error row)."""

    cell_bytes = 16 << 20           # a CSV field or a JSON line: over this, refused (CSV) or an error row (JSONL)
    nesting = 200                   # JSON nesting depth
    xlsx_unzipped = 1 << 30         # total decompressed size of an .xlsx
    xlsx_ratio = 200                # decompressed ÷ compressed size of one member above 64 MB
    header_scan = 10                # rows looked at for the header
    bad_utf8_bytes = 10             # a UTF-8 file with at most this many undecodable bytes is read with U+FFFD


csv.field_size_limit(LIMITS.cell_bytes)

# NaN and Infinity are not JSON: kept as the text JSON-minded readers know
NONFINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
