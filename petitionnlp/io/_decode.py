"""Decoding inputs: the encoding of a file or of stdin, decided over all of it.

stdin is spooled to an anonymous temporary file first, so that it is decoded exactly like a file; an
incremental decoder reads it, so where a read boundary falls changes nothing.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
import tempfile
from pathlib import Path

from ..errors import Errors, InputError
from ._limits import LIMITS, STDIN_NAME

__all__ = ["detect_encoding", "read_text", "clean_string", "open_source", "check_file", "document_kind",
           "refuse_document"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){6,}")
_BLOCK = 1 << 22


def clean_string(value: str) -> str:
    """A string any encoder can write: lone surrogates (from JSON ``\\ud800`` escapes) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _line_of(fh, offset: int) -> int:
    fh.seek(0)
    data = fh.read(offset)
    return data.count(b"\n") + 1


def _utf8_errors(fh, stop_after: int) -> list[int]:
    """Byte offsets of undecodable UTF-8 sequences, at most ``stop_after`` of them (an incremental decode:
    a character split between two reads is not an error)."""
    fh.seek(0)
    errors: list[int] = []
    buf, offset, final = b"", 0, False
    while not final:
        block = fh.read(_BLOCK)
        final = not block
        buf += block
        while True:
            try:
                _, used = codecs.utf_8_decode(buf, "strict", final)
            except UnicodeDecodeError as exc:
                errors.append(offset + exc.start)
                if len(errors) >= stop_after:
                    return errors
                buf, offset = buf[exc.end:], offset + exc.end
                continue
            buf, offset = buf[used:], offset + used
            break
    return errors


def _decodes_as(fh, encoding: str) -> int | None:
    """None when the whole stream decodes strictly as ``encoding``, else the byte offset near the failure."""
    fh.seek(0)
    dec = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    while True:
        block = fh.read(_BLOCK)
        try:
            dec.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            return offset + max(exc.start, 0)
        if not block:
            return None
        offset += len(block)


def _gb18030_bad_lines(fh, stop_after: int) -> list[int]:
    """Lines (from 1) that do not decode as GB18030, at most ``stop_after`` of them.  Line by line: no byte of a
    GB18030 character is a line feed, so a split at ``\n`` never cuts one."""
    fh.seek(0)
    bad: list[int] = []
    for n, line in enumerate(fh, 1):
        try:
            line.decode("gb18030")
        except UnicodeDecodeError:
            bad.append(n)
            if len(bad) >= stop_after:
                break
    return bad


def _has_utf8_runs(fh) -> int | None:
    """Byte offset of the first run of six UTF-8 CJK characters (never seen in GB18030 text by chance)."""
    fh.seek(0)
    offset, tail = 0, b""
    while True:
        block = fh.read(_BLOCK)
        if not block:
            return None
        data = tail + block
        m = _UTF8_CJK_RUN.search(data)
        if m:
            return offset - len(tail) + m.start()
        tail = data[-20:]
        offset += len(block)


def _control_ratio(head: bytes) -> float:
    return sum(1 for b in head if b < 9 or 13 < b < 32) / max(len(head), 1)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` is UTF-16 text without its BOM (what some exports write): every
    NUL on the odd bytes (little-endian) or on the even ones (big-endian) — the high byte of an ASCII comma, digit or
    line end —, and it decodes to text with no control character but tabs and line ends; else None (binary)."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    encoding = "utf-16-le" if odd and not even else "utf-16-be" if even and not odd else None
    if encoding is None:
        return None
    try:
        text = codecs.getincrementaldecoder(encoding)("strict").decode(head[:len(head) // 2 * 2])
    except UnicodeDecodeError:
        return None
    return encoding if not any(ch < " " and ch not in "\t\r\n" for ch in text) else None


def detect_encoding(fh, name: str = STDIN_NAME) -> tuple[str, str, list[str]]:
    """(encoding, errors mode, notices) for a seekable binary stream, decided over all of it.

    UTF-8 (with or without BOM) and UTF-16 with a BOM, else GB18030 (which covers GBK and GB2312).  A stream
    valid in neither, or GB18030 with runs of UTF-8 inside (two files pasted together), is refused with E003;
    NUL bytes or a mostly-control-character stream is binary (E002).  A UTF-8 stream with a handful of
    undecodable bytes is read with U+FFFD in their place, and the notice says where.
    """
    fh.seek(0)
    head = fh.read(1 << 16)
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "replace", []
    else:
        encoding = "utf-8"
    if head.count(b"\x00") > max(2, len(head) // 100):  # a stray NUL is not binary; UTF-16 without BOM is
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise InputError(Errors.E002.format(path=name))
        return utf16, "replace", []
    bad = _utf8_errors(fh, LIMITS.bad_utf8_bytes + 1)
    if not bad:
        return encoding, "strict", []
    gb_fail = _decodes_as(fh, "gb18030") if encoding == "utf-8" else 0
    utf8_run = _has_utf8_runs(fh)
    if gb_fail is None and utf8_run is None:
        return "gb18030", "strict", []
    if utf8_run is not None and len(bad) <= LIMITS.bad_utf8_bytes:
        lines = sorted({_line_of(fh, b) for b in bad})
        return encoding, "replace", [Errors.N_BAD_BYTES.format(path=name, n=len(bad),
                                                                 lines="、".join(map(str, lines[:5])))]
    if utf8_run is not None:
        raise InputError(Errors.E003_MIXED.format(path=name, line=_line_of(fh, bad[0]),
                                                  utf8_line=_line_of(fh, utf8_run)))
    if _control_ratio(head) > 0.1:
        raise InputError(Errors.E002.format(path=name))
    gb_bad = _gb18030_bad_lines(fh, LIMITS.bad_utf8_bytes + 1) if encoding == "utf-8" else []
    if gb_bad and len(gb_bad) <= LIMITS.bad_utf8_bytes:
        # a GBK/GB18030 export with a stray byte or two (a character cut in half by a copy, a damaged cell): read,
        # the bytes as U+FFFD, and the lines named — refusing it would ask the clerk for an encoding it already has
        return "gb18030", "replace", [Errors.N_BAD_BYTES_GB.format(path=name, n=len(gb_bad),
                                                                    lines="、".join(map(str, gb_bad[:5])))]
    raise InputError(Errors.E003.format(path=name, line=gb_bad[0] if gb_bad else _line_of(fh, bad[0])))


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .xls, .doc, .wps, .et


def document_kind(fh) -> str | None:
    """What an office document a seekable binary stream holds, by its first bytes: ``pdf``, ``ole`` (old Excel or
    Word: .xls .doc .et .wps), ``xlsx``, ``docx``, ``zip``, ``rtf`` — or None for anything else (text)."""
    import zipfile

    fh.seek(0)
    head = fh.read(8)
    fh.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fh) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return "zip"
        finally:
            fh.seek(0)
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
        return "zip"
    return None


_SUFFIX_REFUSALS = {".xls": "xls", ".et": "xls", ".xlsm": "xls", ".doc": "doc", ".docx": "doc", ".wps": "doc",
                    ".rtf": "doc", ".pdf": "pdf", ".ofd": "pdf"}
_KIND_WORDS = {"xlsx": "Excel 表格（.xlsx）", "zip": "压缩包", "ole": "旧版 Excel 或 Word 文件（.xls/.doc）"}


def refuse_document(name: str, suffix: str, kind: str | None = None) -> None:
    """Raise the E005 that tells a clerk what to do with an office document this reader cannot take: an old Excel
    file (另存为 .xlsx), a Word document (另存为 .xlsx or .txt), a PDF (copy its text into a .txt), or a file
    whose content is not what its name says.  ``kind``: :func:`document_kind` of the content; without it, the
    suffix decides (nothing is raised for a suffix that is no office document)."""
    if kind == "pdf" or (kind is None and _SUFFIX_REFUSALS.get(suffix) == "pdf"):
        raise InputError(Errors.E005_PDF.format(path=name))
    if kind in ("docx", "rtf") or (kind is None and _SUFFIX_REFUSALS.get(suffix) == "doc"):
        raise InputError(Errors.E005_DOC.format(path=name))
    if (kind is None and _SUFFIX_REFUSALS.get(suffix) == "xls") or (kind == "ole" and suffix in (".xls", ".xlsx",
                                                                                                   ".et")):
        raise InputError(Errors.E005_XLS.format(path=name))
    if kind == "ole" and suffix in (".doc", ".wps"):
        raise InputError(Errors.E005_DOC.format(path=name))
    if kind is not None:
        raise InputError(Errors.E005_DISGUISED.format(path=name, kind=_KIND_WORDS.get(kind, kind),
                                                      suffix=suffix or "（无）"))


def _spool_stdin(name: str = STDIN_NAME):
    """stdin copied to an anonymous temporary file, so it is decoded exactly like a file."""
    stream = sys.stdin
    if stream is None:
        raise InputError(Errors.E009.format(path=name))
    try:
        source = stream.buffer
    except (AttributeError, ValueError):
        raise InputError(Errors.E009.format(path=name)) from None
    spool = tempfile.TemporaryFile()
    try:
        while True:
            block = source.read(_BLOCK)
            if not block:
                break
            spool.write(block)
    except (OSError, ValueError):
        spool.close()
        raise InputError(Errors.E009.format(path=name)) from None
    spool.seek(0)
    return spool


def _open_decoded(raw, name: str, notices: list[str], newline: str | None = ""):
    """A text stream over the seekable binary ``raw``, in its detected encoding; an office document (a PDF, a
    Word or Excel file) is refused with what to do instead, not read as text in an unknown encoding."""
    try:
        kind = document_kind(raw)
        if kind is not None:
            refuse_document(name, Path(name).suffix.lower() if name != STDIN_NAME else "", kind)
        encoding, errors, found = detect_encoding(raw, name)
    except BaseException:
        raw.close()
        raise
    notices.extend(found)
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline=newline)


def open_source(source: str, notices: list[str], newline: str | None = ""):
    """A file (or stdin for ``-``) as text in its detected encoding.  ``newline=None`` reads Windows (CRLF) and
    old Mac (lone CR) line ends as LF, inside quoted CSV cells too, so that a batch saved on any system reads
    exactly alike; ``""`` keeps them as they are."""
    if source == "-":
        return _open_decoded(_spool_stdin(), STDIN_NAME, notices, newline)
    return _open_decoded(open(source, "rb"), source, notices, newline)


def read_text(source: str) -> str:
    """A whole text file (or stdin for ``-``) in its detected encoding."""
    if source != "-":
        check_file(source)
    with open_source(source, []) as fh:
        return fh.read()


def check_file(source: str) -> Path:
    path = Path(source)
    if path.is_dir():
        raise InputError(Errors.E001_DIR.format(path=source))
    if not path.is_file():
        raise InputError(Errors.E001.format(path=source))
    if not os.access(path, os.R_OK):
        raise InputError(Errors.E090.format(path=source, reason="没有读取权限"))
    return path


