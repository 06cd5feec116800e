"""The one redaction of what a viewer reads, and the one scrubbing of server paths from what anyone reads.

:func:`redact` replaces every name, phone, ID number, plate, e-mail and account in a text by its type in brackets
(【电话】), as ``petitionnlp redact`` does; :func:`redacted` does it to every text inside a structure (a history
step's detail).  Whether a user reads redacted text is :func:`.roles.redacts`'s decision, taken once per request.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["redact", "redact_piece", "redacted", "case_persons", "briefing_persons", "briefing_title",
           "redacted_briefing", "scrub", "redact_message", "no_paths"]

_SEPARATORS = re.compile(r"[、，,；;/\s]+")


def redact(text, persons: tuple = ()):
    """The text with every piece of personal information replaced by its type in brackets; None stays None.
    ``persons`` (:func:`case_persons`): what the case the text belongs to names itself, hidden wherever the text
    repeats it (a report's 岩温扁、扎西多吉所述无误, a reason's 刘建国重复举报) though the detector alone would not find
    it there.  Remembered for the texts met lately (a viewer's pages show the same briefings and cases again and
    again)."""
    if not isinstance(text, str) or not text:
        return text
    return _redact_remembered(text, persons) if persons else _redact_remembered(text)


@lru_cache(maxsize=8192)
def _redact_remembered(text: str, persons: tuple = ()) -> str:
    from ..pii import redact_text

    spans = sorted([*_spans_remembered(text), *((at, at + len(s), kind) for s, kind in persons
                                                for at in _occurrences(text, s))])
    merged: list[list] = []
    for a, b, kind in spans:  # a piece the case names and a span found here that overlap are one
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b, kind])
    return redact_text(text, [{"start": a, "end": b, "type": kind} for a, b, kind in merged])[0]


def _occurrences(text: str, piece: str):
    at = text.find(piece)
    while at != -1:
        yield at
        at = text.find(piece, at + len(piece))


def case_persons(p: dict) -> tuple:
    """What a case names itself as personal information, ``((piece, type), …)``: each piece :func:`redact` finds in
    its text, and the cells of its personal columns (举报人, 联系电话 …: :func:`petitionnlp.pii.personal_columns`),
    a cell of names split at its separators (欧阳丽华、司徒志强; not one that names no one, 匿名:
    ``corpora/pii/no_one_cells.txt``).  Every text of the case (its own, its reports, reasons, notes, history) is
    redacted with them: :func:`redact` ``persons``."""
    text, row = p.get("text") or "", p.get("row") or {}
    cells = tuple((str(k), v) for k, v in row.items() if isinstance(v, str) and v.strip() and v != text)
    return _case_persons(text if isinstance(text, str) else "", cells)


@lru_cache(maxsize=8192)
def _case_persons(text: str, cells: tuple) -> tuple:
    from ..pii import personal_columns
    from ..resources import read_list

    found = {text[a:b]: kind for a, b, kind in _spans_remembered(text)} if text else {}
    no_one = set(read_list("pii", "no_one_cells.txt"))
    for col, kind in personal_columns([c for c, _ in cells]).items():
        value = dict(cells)[col].strip()
        for piece in (_SEPARATORS.split(value) if kind == "姓名" else [value]):
            if piece.strip() not in no_one:
                found.setdefault(piece.strip(), kind)
    # a piece long enough to name someone, not one already masked (张某某) nor a placeholder (【姓名】)
    return tuple(sorted(((s, kind) for s, kind in found.items()
                         if len(s) >= (2 if kind == "姓名" else 5) and "某" not in s and "【" not in s),
                        key=lambda x: -len(x[0])))


def briefing_persons(b: dict) -> tuple:
    """What a briefing names itself as personal information, ``((piece, type), …)`` as :func:`case_persons`: each
    piece :func:`redact` finds in its text or in its title.  Its title says little around a name (刘德胜信访事项督办:
    alone, no name there) where its text names him (举报人刘德胜): the title, the text and every piece of them are
    redacted with them (:func:`briefing_title`, :func:`redacted_briefing`)."""
    title, text = b.get("title"), b.get("text")
    found = dict(_case_persons(text, ()) if isinstance(text, str) and text else ())
    for piece, kind in (_case_persons(title, ()) if isinstance(title, str) and title else ()):
        found.setdefault(piece, kind)
    return tuple(sorted(found.items(), key=lambda x: -len(x[0])))


def briefing_title(b: dict):
    """A briefing's title as a viewer reads it (the list, the deadlines, search): redacted with what the briefing
    names (:func:`briefing_persons`)."""
    return redact(b.get("title"), briefing_persons(b))


def redacted_briefing(b: dict) -> dict:
    """A briefing as a viewer reads it: its title, text, directives, times and keywords redacted with what the
    briefing names (:func:`briefing_persons`), each piece as it reads in the text or the title
    (:func:`redact_piece`); offsets stay into the original text.  The one redaction of a briefing: its page, the
    API, the list, the deadlines and the search index's copy all read it here."""
    persons = briefing_persons(b)
    src = (b.get("text"), b.get("title"))

    def piece(x):  # a piece of the text: redacted as it reads in the whole text (晓东 of 司马晓东)
        return redact_piece(x, *src, persons=persons)

    extract = dict(b.get("extract") or {})
    if extract:
        extract["directives"] = [{**d, "actor": piece(d.get("actor")), "addressee": piece(d.get("addressee")),
                                  "action": piece(d.get("action")),
                                  "deadline": {**d["deadline"], "text": piece(d["deadline"].get("text"))}
                                  if d.get("deadline") else d.get("deadline")}
                                 for d in extract.get("directives") or ()]
        extract["time_expressions"] = [{**t, "text": piece(t.get("text"))}
                                       for t in extract.get("time_expressions") or ()]
        extract["keywords"] = [{**k, "word": piece(k.get("word"))} for k in extract.get("keywords") or ()]
    return {**b, "title": redact(b.get("title"), persons), "text": redact(b.get("text"), persons),
            **({"extract": extract} if "extract" in b else {})}


@lru_cache(maxsize=8192)
def _spans_remembered(text: str) -> tuple:
    """The personal information found in ``text``, found once: :func:`redact` and :func:`redact_piece` both read
    it (a briefing's text is redacted whole and its pieces read in it)."""
    from ..pii import find_pii

    return tuple((s["start"], s["end"], s["type"]) for s in find_pii(text))


def redact_piece(piece, *sources, persons: tuple = ()):
    """A piece taken from ``sources`` (a briefing's keyword, a directive's actor or action) redacted as it reads
    there: where the piece overlaps personal information found in a source, that part becomes its type in
    brackets — a given name jieba split from its surname (晓东 of 司马晓东) or a name whose complainant's word stays
    outside the piece is found only in the whole text; elsewhere as :func:`redact` finds it in the piece alone
    (with ``persons``: what the document names itself, :func:`briefing_persons`)."""
    if not isinstance(piece, str) or not piece:
        return piece
    for src in sources:
        if not isinstance(src, str) or piece not in src:
            continue
        spans = _spans_remembered(src)
        at = src.find(piece)
        while at != -1 and spans:
            end = at + len(piece)
            hit = [sp for sp in spans if sp[0] < end and at < sp[1]]
            if hit:
                out, pos = [], at
                for a, b, kind in hit:
                    out.append(redact(src[pos:max(pos, a)], persons) or "")
                    out.append(f"【{kind}】")
                    pos = max(pos, b)
                out.append(redact(src[pos:end], persons) if pos < end else "")
                return "".join(out)
            at = src.find(piece, at + 1)
    return redact(piece, persons)


def redacted(value, persons: tuple = ()):
    """``value`` with every text in it redacted (with the case's ``persons``, :func:`redact`): strings, and the
    strings inside lists and dicts."""
    if isinstance(value, str):
        return redact(value, persons)
    if isinstance(value, dict):
        return {k: redacted(v, persons) for k, v in value.items()}
    if isinstance(value, list):
        return [redacted(v, persons) for v in value]
    return value


_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:;，；：:]+[/\\])+[^\s/\\:;，；：]*")
_COLUMNS_PRESENT = re.compile(r"(现有列(?: \(columns present\))?[:：]\s*)[^;；]*")


def scrub(message: str | None, path: Path | None = None, data_dir: Path | None = None,
          name: str | None = None) -> str | None:
    """A message with no server path in it: the upload's path becomes the clerk's own file name ``name`` (else
    上传的文件), any other absolute path its last part."""
    if not message:
        return message
    for p in (path, data_dir):
        if p is not None:
            for form in sorted({str(p), str(Path(p).resolve())}, key=len, reverse=True):
                message = message.replace(form, (name or "上传的文件") if p == path else "")
    return _PATH.sub(lambda m: re.split(r"[/\\]", m.group(0))[-1] or "上传的文件", message)


def redact_message(message: str | None) -> str | None:
    """A batch's notice or error for a viewer: no server path, no cell of the file (a file without a known header
    would list its first data row as its columns) and no personal information."""
    if not message:
        return message
    return redact(_COLUMNS_PRESENT.sub(lambda m: m.group(1) + "【已隐去】", scrub(message)))


def no_paths(value):
    """A stored comparison or card without the folders and corpora of the server (``model``, ``corpus``)."""
    if isinstance(value, dict):
        return {k: no_paths(v) for k, v in value.items() if k not in ("model", "corpus", "path")}
    if isinstance(value, list):
        return [no_paths(v) for v in value]
    if isinstance(value, str) and _PATH.fullmatch(value):
        return re.split(r"[/\\]", value)[-1]
    return value
