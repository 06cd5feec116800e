"""Personal information in petitions: found by a spaCy pipeline, redacted as 【类型】.

:func:`get_pii_nlp` is the process-wide pipeline (:mod:`petitionnlp.pii.components`: the jieba tokenizer on the
folded text, then the ``pii_patterns`` and ``pii_names`` components, whose spans are ``doc.spans["pii"]``); the
rules and their data are in :mod:`petitionnlp.pii.rules` and ``corpora/pii/``.  Detection runs on the text as
:func:`petitionnlp.text.fold` folds it (full-width → half-width, traditional → simplified, pinyin dropped), and
every offset is into the original cell.  Receipt numbers (D2HN202010150023), hotlines (12369, 12345, 110), dates
and amounts match no pattern; the id column and receipt-number columns of a row are never redacted.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..resources import corpus_path, once, read_list
from ..text import header_key

__all__ = ["PII_TYPES", "make_pii_nlp", "get_pii_nlp", "find_pii", "redact_text", "Redactor",
           "personal_column_type", "personal_columns", "kept_column", "rules_stamp"]

PII_TYPES = ("姓名", "电话", "证件号", "车牌", "邮箱", "账号", "住址")


def make_pii_nlp(data_dir=None):
    """A new PII pipeline (see :func:`petitionnlp.pii.components.make_pii_nlp`)."""
    from .components import make_pii_nlp as make

    return make(data_dir)


@once
def get_pii_nlp():
    """The process-wide PII pipeline (built once, by the first thread that needs it; the others wait)."""
    return make_pii_nlp()


_OVERLAP = 1000  # characters two pieces of a long text share: a name, a number or an address lies whole in one


def find_pii(text: str | None) -> list[dict]:
    """``[{"type", "start", "end", "text"}]`` for a cell, offsets into it (Python slicing).  A text longer than the
    detector takes at once (its ``max_length``, a million characters; an uploaded cell may hold more) is read in
    pieces that share ``_OVERLAP`` characters, each span kept once with its offsets into the whole text: a viewer's
    page, the search's redacted copy, the callback list and ``redact`` never fail on one long petition, nor show it
    unredacted."""
    if not text or not isinstance(text, str):
        return []
    nlp = get_pii_nlp()
    limit = nlp.max_length
    found: dict[tuple, dict] = {}
    start = 0
    while True:
        doc = nlp(text[start:start + limit])  # held: its spans live only as long as it does
        last = start + limit >= len(text)
        for s in doc.spans["pii"]:
            if not last and s.end_char == limit:
                continue  # (cut by the piece's end, 王建 of 王建国: the next piece reads it whole)
            a, b = s.start_char + start, s.end_char + start
            found.setdefault((a, b, s.label_), {"type": s.label_, "start": a, "end": b, "text": s.text})
        if last:
            return sorted(found.values(), key=lambda s: (s["start"], -s["end"])) if start else list(found.values())
        start += max(limit - _OVERLAP, limit // 2)  # (a detector set to read less than the overlap still moves on)


#: what decides what :func:`find_pii` hides besides this package's code: the stages it reads (normalization, the
#: tokenizer, the region resolver that tells a place from a name), their data, and the packages under them
_STAMP_CODE = ("text.py", "tokenize.py", "resources.py", "regions", "office/redaction.py")
_STAMP_CORPORA = ("pii", "lexicon", "gazetteer", "regions", "taxonomy")
_STAMP_PACKAGES = ("jieba", "rjieba", "spacy", "pypinyin", "opencc")
_NOT_RULES = ("gold", "heldout", "probe")  # the evaluation sets in corpora/pii: read by no rule


@lru_cache(maxsize=1)
def rules_stamp() -> str:
    """A fingerprint of everything that decides what :func:`find_pii` hides (see ``_STAMP_*``), evaluation sets
    left out.  A copy redacted under another fingerprint was made by other rules and may show what the rules of
    now hide: the office index never shows it to a viewer and makes it again."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    files = sorted(Path(__file__).resolve().parent.glob("*.py"))
    for name in _STAMP_CODE:
        files += sorted((package / name).rglob("*.py")) if (package / name).is_dir() else [package / name]
    for folder in _STAMP_CORPORA:
        files += sorted(f for f in corpus_path(folder).rglob("*")
                        if f.is_file() and not f.name.startswith(_NOT_RULES) and not f.name.endswith("_source.txt"))
    h = hashlib.sha1()
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    for name in _STAMP_PACKAGES:
        try:
            h.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            h.update(f"{name}=;".encode())
    return h.hexdigest()[:16]


def redact_text(text: str | None, spans: list[dict] | None = None) -> tuple[str | None, list[dict]]:
    """(the text with every span replaced by 【类型】, the spans)."""
    if not text or not isinstance(text, str):
        return text, []
    spans = find_pii(text) if spans is None else spans
    out, pos = [], 0
    for s in spans:
        if s["start"] < pos:  # (overlapping the one before: hidden with it, never shown again after it)
            pos = max(pos, s["end"])
            continue
        out.append(text[pos:s["start"]])
        out.append(f"【{s['type']}】")
        pos = s["end"]
    out.append(text[pos:])
    return "".join(out), spans


@lru_cache(maxsize=1)
def _personal_columns() -> list[tuple[str, str]]:
    rows = [ln.split("\t") for ln in read_list("pii", "personal_columns.tsv")]
    return [(header_key(r[0]), r[1].strip()) for r in rows[1:] if len(r) == 2]


@lru_cache(maxsize=1)
def _kept_columns() -> tuple[frozenset, tuple[str, ...]]:
    ids = frozenset(header_key(h) for h in read_list("io", "id_columns.txt"))
    return ids, tuple(header_key(w) for w in read_list("pii", "kept_columns.txt"))


def kept_column(header) -> bool:
    """Whether a column is the case's identifier (受理编号, 序号, id, 交办编号 …: ``corpora/io/id_columns.txt``
    and ``corpora/pii/kept_columns.txt``): never redacted.  A part of a number's header does not keep a column whose
    header names personal information (证件号, 身份证编号 hold a person's number: 件号 and 编号 are parts)."""
    ids, parts = _kept_columns()
    h = header_key(header)
    return h in ids or (any(p in h for p in parts) and personal_column_type(header) is None)


def personal_column_type(header: str) -> str | None:
    """The type of personal information a column holds by its header (联系电话 → 电话; read as a clerk reads it,
    :func:`petitionnlp.text.header_key`: 聯繫電話, ＱＱ号 too), or None."""
    h = header_key(header)
    return next((t for part, t in _personal_columns() if part in h), None)


def personal_columns(columns, text_column: str = "") -> dict[str, str]:
    """``{column: type}`` of the columns that hold personal information by their header (not the text column, nor a
    kept id or receipt-number column): replaced whole when rows are redacted, left out of a table for publishing."""
    return {c: t for c in columns if c != text_column and not kept_column(c) and (t := personal_column_type(c))}


class Redactor:
    """Redacts rows: the text column gets the redacted text and ``pii`` the spans found in it (offsets into the
    original cell); a column whose header names personal information (举报人, 联系电话 …:
    ``corpora/pii/personal_columns.tsv``) is replaced whole by 【type】; the id column and receipt-number
    columns (:func:`kept_column`) are kept as they are; any other text cell is redacted too."""

    def __init__(self, text_column: str, columns=()):
        self.text_column = text_column
        self.kept = {c for c in columns if c != text_column and kept_column(c)}
        self.personal = personal_columns(columns, text_column)

    def __call__(self, row: dict) -> dict:
        for col, value in row.items():
            if col == self.text_column or col in self.kept or col == "pii" or not isinstance(value, str) \
                    or not value.strip():
                continue
            if col in self.personal:
                row[col] = f"【{self.personal[col]}】"
            elif not kept_column(col):
                row[col] = redact_text(value)[0]
        text = row.get(self.text_column)
        redacted, spans = redact_text(text) if isinstance(text, str) else (text, [])
        row[self.text_column] = redacted
        row["pii"] = spans
        return row
