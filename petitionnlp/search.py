"""Stage 7 — full-text search of past briefings and petitions, on an embedded SQLite FTS5 index.

Chinese has no spaces, and users type two-character queries (噪声) that jieba keeps inside longer words
(噪声污染).  Each document is therefore indexed twice: jieba search-mode words (for ranking whole words)
and overlapping character bigrams plus single characters (so that any substring is found: a query term is
matched as the phrase of its bigrams, i.e. exactly as a substring).  Text is folded (width, traditional →
simplified) on both sides.  BM25 ranks with the title weighted above the body; documents matching every
query term come first, then those matching some.  Re-indexing a document with the same id replaces it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sqlite3
from pathlib import Path

from functools import lru_cache

from .briefing.timex import document_date
from .errors import Errors, InputError
from .resources import read_list
from .text import normalize
from .tokenize import get_tokenizer

__all__ = ["SearchIndex", "index_paths", "parse_query", "MAX_LIMIT", "MAX_TERMS"]

MAX_LIMIT = 1000       # hits one search may return
MAX_TERMS = 32         # query terms looked at (a pasted paragraph is not 500 required words)
MAX_QUERY_CHARS = 400
BUSY_SECONDS = 1800    # a second `index` run waits this long for the first one's transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT, date TEXT, kind TEXT,
    types TEXT, province TEXT, city TEXT, county TEXT, text TEXT NOT NULL, sha TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    title_words, title_grams, body_words, body_grams, tokenize = "unicode61 remove_diacritics 0");
"""
# bm25 column weights: title words, title grams, body words, body grams
_WEIGHTS = (6.0, 3.0, 2.0, 1.0)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]", re.IGNORECASE)


def _grams(text: str) -> str:
    """Single characters and overlapping bigrams of each run of CJK / alphanumerics, space-separated."""
    units = [u.lower() for u in _TOKEN.findall(text)]
    out = list(units)
    out += [a + b for a, b in zip(units, units[1:])]
    return " ".join(out)


def _gram_phrase(term: str) -> str | None:
    units = [u.lower() for u in _TOKEN.findall(term)]
    if not units:
        return None
    if len(units) == 1:
        return f'"{units[0]}"'
    return '"' + " ".join(a + b for a, b in zip(units, units[1:])) + '"'


def _words(text: str) -> str:
    return " ".join(w.lower() for w in get_tokenizer().cut_for_search(text) if _TOKEN.search(w))


def parse_query(query: str) -> list[str]:
    """Terms of a query: quoted phrases kept whole, the rest split on spaces; all folded."""
    return [t for t, _ in _parse(query)]


def _parse(query: str) -> list[tuple[str, bool]]:
    """(term, quoted) pairs: at most :data:`MAX_TERMS` distinct terms of the first :data:`MAX_QUERY_CHARS`."""
    query = query[:MAX_QUERY_CHARS].replace("“", '"').replace("”", '"').replace("\u3000", " ")
    out = []
    for m in re.finditer(r'"([^"]+)"|(\S+)', query):
        term = normalize(m.group(1) or m.group(2))
        if _TOKEN.search(term) and (term, m.group(1) is not None) not in out:
            out.append((term, m.group(1) is not None))
        if len(out) >= MAX_TERMS:
            break
    return out


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for line in read_list("search", "synonyms.tsv"):
        group = tuple(w for w in line.split("|") if w)
        for w in group:
            out[w] = group
    return out


def _clause(term: str, expand: bool = True) -> str | None:
    """A term as an FTS5 clause: its bigram phrase (an exact substring) or, to lift whole-word hits in the
    ranking, the term as a jieba word; with ``expand``, its variants (噪声 → 噪音) too."""
    p = _gram_phrase(term)
    if not p:
        return None
    word = term.lower().replace('"', "")
    if " " in word:
        return f"{{title_grams body_grams}} : {p}"
    alts = [f"{{title_grams body_grams}} : {p}", f'{{title_words body_words}} : "{word}"']
    if expand:
        for other in _synonyms().get(word, ()):
            if other != word and _gram_phrase(other):
                alts.append(f"{{title_grams body_grams}} : {_gram_phrase(other)}")
    return "(" + " OR ".join(alts) + ")"


def _stages(query: str) -> list[str]:
    """FTS5 queries from strict to loose, each run only while fewer than ``limit`` documents are found:
    every term as written; then with its variants (噪声 → 噪音); then long unquoted terms split into their
    words (养猪场污水直排 → 养猪场 污水 直排), all required; then any of them.  Quoted phrases stay required."""
    parsed = _parse(query)
    required = [c for c in (_clause(t, expand=False) for t, q in parsed if q) if c]
    loose = [t for t, q in parsed if not q]
    stages = []

    def add(clauses):
        q = " AND ".join(required + clauses)
        if q and q not in stages:
            stages.append(q)

    add([c for c in (_clause(t, expand=False) for t in loose) if c])
    add([c for c in (_clause(t) for t in loose) if c])
    words = []
    for t in loose:
        words += get_tokenizer().terms(t) if len(t) > 3 else [t]
    words = list(dict.fromkeys(w for w in words if _TOKEN.search(w)))
    word_clauses = [c for c in (_clause(w) for w in words) if c]
    add(word_clauses)
    if len(word_clauses) > 1:
        add(["(" + " OR ".join(word_clauses) + ")"])
    return stages


class SearchIndex:
    """An FTS5 index in one SQLite file.  ``with SearchIndex(path) as ix: ix.add(...); ix.search(...)``.

    Writes happen in one transaction, opened at the first :meth:`add` and committed by :meth:`commit` or on
    leaving the ``with`` block normally; an exception or an interrupt rolls all of it back, so the index never
    holds half a document.  A second writer waits for the first (busy timeout) instead of failing.
    ``readonly=True`` opens an existing index without ever writing to the file (``search``).
    """

    def __init__(self, path: str | Path, readonly: bool = False, busy_seconds: float = BUSY_SECONDS):
        self.path = str(path)
        self.readonly = readonly
        try:
            if readonly:
                uri = Path(os.path.abspath(self.path)).as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, timeout=busy_seconds, isolation_level=None)
                names = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
                if not {"docs", "docs_fts"} <= names:
                    self.db.close()
                    raise InputError(Errors.E032.format(path=self.path, reason="没有检索表 (no index tables)"))
            else:
                self.db = sqlite3.connect(self.path, timeout=busy_seconds, isolation_level=None)
                names = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
                if not {"docs", "docs_fts"} <= names:
                    self._begin()
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            self.db.execute(stmt)
                    self.commit()
        except sqlite3.DatabaseError as exc:
            raise InputError(Errors.E032.format(path=self.path, reason=exc)) from None

    def _begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self.db.in_transaction:
            self._guard(self.db.execute, "COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.DatabaseError:
                pass

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except sqlite3.DatabaseError as exc:
            raise InputError(Errors.E032.format(path=self.path, reason=exc)) from None

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        try:
            if kind is None:
                self.commit()
        finally:
            self.close()
        return False

    def close(self) -> None:
        """Close; what was not committed is rolled back."""
        self.rollback()
        self.db.close()

    def add(self, doc_id: str, text: str, title: str | None = None, date: str | None = None,
            kind: str = "document", types=None, province=None, city=None, county=None) -> bool:
        """Index one document; an existing document with the same id is replaced. Returns False when unchanged."""
        return self._guard(self._add, doc_id, text, title, date, kind, types, province, city, county)

    def _add(self, doc_id, text, title, date, kind, types, province, city, county) -> bool:
        self._begin()
        norm = normalize(text)
        title_norm = normalize(title or "")
        if isinstance(types, (list, tuple)):
            types = "|".join(types)
        sha = hashlib.sha1(json.dumps([norm, title_norm, date, types, province, city, county],
                                      ensure_ascii=False).encode()).hexdigest()
        row = self.db.execute("SELECT rowid, sha FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row and row[1] == sha and self.db.execute("SELECT 1 FROM docs_fts WHERE rowid = ?", (row[0],)).fetchone():
            return False
        if row:
            self.db.execute("DELETE FROM docs_fts WHERE rowid = ?", (row[0],))
            self.db.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))
        cur = self.db.execute(
            "INSERT INTO docs (id, title, date, kind, types, province, city, county, text, sha) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc_id, title, date, kind, types, province, city, county, text, sha))
        self.db.execute("INSERT INTO docs_fts (rowid, title_words, title_grams, body_words, body_grams) "
                        "VALUES (?,?,?,?,?)", (cur.lastrowid, _words(title_norm), _grams(title_norm),
                                               _words(norm), _grams(norm)))
        return True

    def petitions(self) -> tuple[list[str], list[str]]:
        """(texts, ids) of the indexed petitions: the history that triage compares a new batch with."""
        rows = self._guard(lambda: self.db.execute(
            "SELECT id, text FROM docs WHERE kind = 'petition' ORDER BY rowid").fetchall())
        return [r[1] for r in rows], [r[0] for r in rows]

    def __len__(self) -> int:
        return self._guard(lambda: self.db.execute("SELECT count(*) FROM docs").fetchone()[0])

    def ids(self, kinds) -> list[str]:
        """The ids of the indexed documents of these kinds."""
        kinds = list(kinds)
        sql = f"SELECT id FROM docs WHERE kind IN ({', '.join('?' * len(kinds))}) ORDER BY rowid"
        return [r[0] for r in self._guard(lambda: self.db.execute(sql, kinds).fetchall())] if kinds else []

    def search(self, query: str, limit: int = 10, date_from: str | None = None, date_to: str | None = None,
               type_: str | None = None, region: str | None = None, kinds=None) -> list[dict]:
        """Best first: ``{"id", "title", "date", "score", "snippet"}`` (plus kind, types and region fields);
        ``kinds``: only documents of these kinds (all without it)."""
        return self._guard(self._search, query, max(1, min(int(limit), MAX_LIMIT)), date_from, date_to, type_,
                           region, kinds)

    def _search(self, query, limit, date_from, date_to, type_, region, kinds=None) -> list[dict]:
        terms = parse_query(query)
        stages = _stages(query)
        if not stages:
            return []
        filters, args = [], []
        if date_from:
            filters.append("d.date >= ?")
            args.append(date_from)
        if date_to:
            filters.append("d.date <= ?")
            args.append(date_to)
        if type_:
            filters.append("('|' || coalesce(d.types, '') || '|') LIKE ?")
            args.append(f"%|{normalize(type_)}|%")
        if region:
            r = normalize(region)
            filters.append("(d.province LIKE ? OR d.city LIKE ? OR d.county LIKE ?)")
            args += [f"{r}%"] * 3
        if kinds is not None:
            kinds = list(kinds) or [""]
            filters.append(f"d.kind IN ({', '.join('?' * len(kinds))})")
            args += kinds
        where = "".join(f" AND {f}" for f in filters)
        sql = (f"SELECT d.id, d.title, d.date, d.text, d.kind, d.types, d.province, d.city, d.county, "
               f"bm25(docs_fts, {', '.join(map(str, _WEIGHTS))}) AS s FROM docs_fts JOIN docs d "
               f"ON d.rowid = docs_fts.rowid WHERE docs_fts MATCH ?{where} ORDER BY s LIMIT ?")
        seen, out = set(), []
        for match in stages:
            for row in self.db.execute(sql, [match, *args, limit]):
                if row[0] in seen:
                    continue
                seen.add(row[0])
                out.append({"id": row[0], "title": row[1], "date": row[2], "score": round(-row[9], 4),
                            "snippet": snippet(row[3], _highlight_terms(terms)), "kind": row[4],
                            "types": row[5].split("|") if row[5] else None,
                            "province": row[6], "city": row[7], "county": row[8]})
            if len(out) >= limit:
                break
        return out[:limit]


def _highlight_terms(terms: list[str]) -> list[str]:
    words = [w for t in terms for w in ([t] + (get_tokenizer().terms(t) if len(t) > 3 else []))]
    words += [v for w in list(words) for v in _synonyms().get(w, ())]
    return sorted(set(words), key=len, reverse=True)


def snippet(text: str, terms: list[str], width: int = 80) -> str:
    """A window of ``text`` around the first query term, terms marked 【…】 (matched on the folded text)."""
    norm = normalize(text)
    # fold without changing length where possible so positions in `norm` can show the original
    base = norm
    hits = sorted((m.start(), m.end()) for t in terms for m in re.finditer(re.escape(t.lower()), base.lower()))
    if not hits:
        return base[:width] + ("…" if len(base) > width else "")
    start = max(hits[0][0] - width // 3, 0)
    end = min(start + width, len(base))
    out, pos = [], start
    for a, b in hits:
        if a < pos or b > end:
            continue
        out.append(base[pos:a])
        out.append(f"【{base[a:b]}】")
        pos = b
    out.append(base[pos:end])
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(base) else "")


def _plain(value) -> str | None:
    """A scalar field of a JSON line as text (a number as its digits); lists, objects and empty values: None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value) if str(value).strip() else None
    return None


def _types(value) -> str | None:
    if isinstance(value, str):
        return value or None
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value if isinstance(v, (str, int))) or None
    return None


def doc_path(path: Path) -> str:
    """The id of a file document: its path relative to the working folder when it lies inside it, else its
    absolute path — the same file named as ``a.txt``, ``./a.txt`` or ``/work/a.txt`` is one document."""
    full = os.path.realpath(path)
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else rel


def _iter_documents(path: Path):
    """(id, fields) for every document of a .txt/.md file or a .jsonl file of documents or classified petitions."""
    suffix = path.suffix.lower()
    name = doc_path(path)
    if suffix in (".txt", ".md"):
        from .io import read_text

        text = read_text(str(path))
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), path.name)
        date = document_date(text)
        yield name, {"text": text, "title": title[:200], "date": date.isoformat() if date else None,
                     "kind": "briefing"}
        return
    if suffix != ".jsonl":
        raise InputError(Errors.E005.format(path=path, suffix=suffix))
    from .io import ROW_ERROR, open_batch

    batch = open_batch(str(path))
    n = 0
    for chunk in batch.chunks():
        for row in chunk:
            n += 1
            text = _plain(row.get(batch.text_column))
            if not text or row.get(ROW_ERROR):
                continue
            doc_id = _plain(row.get("id")) or _plain(row.get("受理编号")) or f"{name}#{n}"
            petition = "pollution_types" in row
            date = _plain(row.get("date"))
            if date:
                try:
                    date = dt.date.fromisoformat(date[:10]).isoformat()
                except ValueError:
                    date = None
            title = _plain(row.get("title")) or (text[:30] if petition else None)
            if not title:
                title = next((ln.strip() for ln in text.splitlines() if ln.strip()), doc_id)
            yield doc_id, {"text": text, "title": title[:200], "date": date, "kind": "petition" if petition
                           else "document", "types": _types(row.get("pollution_types")),
                           "province": _plain(row.get("province")), "city": _plain(row.get("city")),
                           "county": _plain(row.get("county"))}


def index_paths(paths: list[str], db: str, progress=None) -> dict:
    """Index files into ``db`` in one transaction (an interrupt leaves the index as it was); returns counts
    of documents added or replaced and unchanged."""
    from .io import check_not_an_input

    files: dict[str, Path] = {}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.suffix.lower() in (".txt", ".md", ".jsonl") and q.is_file())
        elif path.is_file():
            found = [path]
        else:
            raise InputError(Errors.E001.format(path=p))
        for q in found:
            files.setdefault(os.path.realpath(q), q)
    check_not_an_input(db, [str(q) for q in files.values()])
    added = unchanged = 0
    with SearchIndex(db) as ix:
        for path in files.values():
            for doc_id, fields in _iter_documents(path):
                if ix.add(doc_id, **fields):
                    added += 1
                else:
                    unchanged += 1
                if progress is not None:
                    progress.update(1)
        total = len(ix)
    return {"indexed": added, "unchanged": unchanged, "total": total}
