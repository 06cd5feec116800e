"""The search index in one SQLite file, on FTS5 (the embedded default).

Columns of ``docs_fts``: jieba search-mode words and character grams (single characters and overlapping
bigrams) of the title and of the body, and the document's place tokens.  A substring atom is the FTS5 phrase of
its bigrams (exactly a substring) or, to lift whole-word hits in the candidates' order, the jieba word.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

from ..errors import Errors, InputError
from ..tokenize import get_tokenizer
from . import BUSY_SECONDS, RANKED, REDACTED_SUFFIX, SearchIndex
from .analysis import Doc, expression, units

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT, date TEXT, kind TEXT,
    types TEXT, province TEXT, city TEXT, county TEXT, text TEXT NOT NULL, sha TEXT NOT NULL,
    folded TEXT, folded_title TEXT, places TEXT);
CREATE INDEX IF NOT EXISTS docs_date ON docs(date);
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    title_words, title_grams, body_words, body_grams, places, tokenize = "unicode61 remove_diacritics 0");
"""
# bm25 column weights: title words, title grams, body words, body grams, places
_WEIGHTS = (6.0, 3.0, 2.0, 1.0, 1.0)
_COLUMNS = "d.id, d.title, d.date, d.kind, d.types, d.province, d.city, d.county, d.text, d.folded, " \
           "d.folded_title, d.places"


def grams(text: str) -> str:
    """Single characters and overlapping bigrams of each run of CJK / alphanumerics, space-separated."""
    us = units(text)
    return " ".join(us + [a + b for a, b in zip(us, us[1:])])


def words(text: str) -> str:
    return " ".join(w.lower() for w in get_tokenizer().cut_for_search(text) if units(w))


def _phrase(value: str) -> str | None:
    us = units(value)
    if not us:
        return None
    if len(us) == 1:
        return f'"{us[0]}"'
    return '"' + " ".join(a + b for a, b in zip(us, us[1:])) + '"'


def _atom(atom) -> str | None:
    if atom.kind == "place":
        tok = "".join(units(atom.value))
        return f'places : "{tok}"' if tok else None
    p = _phrase(atom.value)
    if not p:
        return None
    word = "".join(units(atom.value))
    if word == atom.value and len(word) > 1:
        return f'({{title_grams body_grams}} : {p} OR {{title_words body_words}} : "{word}")'
    return f"{{title_grams body_grams}} : {p}"


def match_expression(concepts: list, any_concept: bool = False) -> str | None:
    """The FTS5 MATCH expression of concepts (each a list of alternatives): all concepts, or any."""
    return expression(concepts, _atom, " AND ", " OR ", any_concept)


def filter_sql(filters: dict, mark: str = "?") -> tuple[str, list]:
    """The date, type, kind and region conditions on the ``d`` table, for either backend's placeholder."""
    where, args = [], []
    if filters.get("date_from"):
        where.append(f"d.date >= {mark}")
        args.append(filters["date_from"])
    if filters.get("date_to"):
        where.append(f"d.date <= {mark}")
        args.append(filters["date_to"])
    if filters.get("type"):
        where.append(f"('|' || coalesce(d.types, '') || '|') LIKE {mark}")
        args.append(f"%|{filters['type']}|%")
    if filters.get("kinds") is not None:
        kinds = filters["kinds"]
        if not kinds:
            where.append("1 = 0")
        else:
            where.append(f"d.kind IN ({', '.join([mark] * len(kinds))})")
            args += list(kinds)
    else:  # redacted copies only when asked for by kind: a plain search lists each document once
        where.append(f"d.kind NOT LIKE {mark}")
        args.append(f"%{REDACTED_SUFFIX}")
    if filters.get("region"):
        conds = [f"('|' || coalesce(d.places, '') || '|') LIKE {mark}" for _ in filters["region_atoms"]]
        args += [f"%|{a.value}|%" for a in filters["region_atoms"]]
        r = filters["region"]
        conds.append(f"(d.province LIKE {mark} OR d.city LIKE {mark} OR d.county LIKE {mark})")
        args += [f"{r}%"] * 3
        where.append("(" + " OR ".join(conds) + ")")
    return "".join(f" AND {w}" for w in where), args


def row_doc(row) -> Doc:
    from ..text import normalize

    folded = row[9] if row[9] is not None else normalize(row[8]).lower()
    title = row[10] if row[10] is not None else normalize(row[1] or "").lower()
    return Doc(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], folded, title,
               frozenset((row[11] or "").split("|")) - {""})


class SqliteSearchIndex(SearchIndex):
    """An FTS5 index in one SQLite file.  A second writer waits for the first (busy timeout) instead of failing.
    An index file of an earlier version (without place tokens) is rebuilt from its documents when opened for
    writing; opened read-only it is searched as it is."""

    def __init__(self, path, readonly: bool = False, busy_seconds: float = BUSY_SECONDS):
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
                self.current = self._is_current()
            else:
                self.db = sqlite3.connect(self.path, timeout=busy_seconds, isolation_level=None)
                names = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
                if not {"docs", "docs_fts"} <= names:
                    self._begin()
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            self.db.execute(stmt)
                    self.commit()
                elif not self._is_current():
                    self._upgrade()
                self.current = True
        except sqlite3.DatabaseError as exc:
            raise InputError(Errors.E032.format(path=self.path, reason=exc)) from None

    def _is_current(self) -> bool:
        cols = {r[1] for r in self.db.execute("PRAGMA table_info(docs_fts)")}
        return "places" in cols

    def _upgrade(self) -> None:
        """Rebuild an index of the earlier layout: same documents, new columns."""
        rows = self.db.execute("SELECT id, text, title, date, kind, types, province, city, county FROM docs "
                               "ORDER BY rowid").fetchall()
        self._begin()
        self.db.execute("DROP TABLE docs_fts")
        self.db.execute("DROP TABLE docs")
        for stmt in _SCHEMA.split(";"):
            if stmt.strip():
                self.db.execute(stmt)
        for r in rows:
            self.add(r[0], r[1], title=r[2], date=r[3], kind=r[4], types=r[5], province=r[6], city=r[7],
                     county=r[8])
        self.commit()

    def _begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    def hold_writes(self, wait: float | None = None) -> None:
        if wait is not None:
            self.db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        self._guard(self._begin)

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

    def close(self) -> None:
        """Close; what was not committed is rolled back."""
        self.rollback()
        self.db.close()

    def _store(self, doc_id, text, norm, title, title_norm, date, kind, types, province, city, county,
               places) -> bool:
        self._begin()
        sha = hashlib.sha1(json.dumps([norm, title_norm, date, kind, types, province, city, county],
                                      ensure_ascii=False).encode()).hexdigest()
        row = self.db.execute("SELECT rowid, sha FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row and row[1] == sha and self.db.execute("SELECT 1 FROM docs_fts WHERE rowid = ?", (row[0],)).fetchone():
            return False
        if row:
            self.db.execute("DELETE FROM docs_fts WHERE rowid = ?", (row[0],))
            self.db.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))
        cur = self.db.execute(
            "INSERT INTO docs (id, title, date, kind, types, province, city, county, text, sha, folded, "
            "folded_title, places) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc_id, title, date, kind, types, province, city, county, text, sha, norm.lower(),
             title_norm.lower(), "|".join(places)))
        self.db.execute("INSERT INTO docs_fts (rowid, title_words, title_grams, body_words, body_grams, places) "
                        "VALUES (?,?,?,?,?,?)", (cur.lastrowid, words(title_norm), grams(title_norm),
                                                 words(norm), grams(norm), " ".join(places)))
        return True

    def petitions(self) -> tuple[list[str], list[str]]:
        """(texts, ids) of the indexed petitions: the history that triage compares a new batch with."""
        rows = self._guard(lambda: self.db.execute(
            "SELECT id, text FROM docs WHERE kind = 'petition' ORDER BY rowid").fetchall())
        return [r[1] for r in rows], [r[0] for r in rows]

    def __len__(self) -> int:
        return self._guard(lambda: self.db.execute("SELECT count(*) FROM docs").fetchone()[0])

    def ids(self, kinds) -> list[str]:
        """The ids of the indexed documents of these kinds, in the order they were indexed."""
        kinds = list(kinds)
        sql = f"SELECT id FROM docs WHERE kind IN ({', '.join('?' * len(kinds))}) ORDER BY rowid"
        return [r[0] for r in self._guard(lambda: self.db.execute(sql, kinds).fetchall())] if kinds else []

    def _ids_from(self, prefix: str) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM docs WHERE substr(id, 1, ?) = ?",
                                              (len(prefix), prefix)).fetchall()]

    def _remove(self, ids: list[str]) -> None:
        self._begin()
        for doc_id in ids:
            row = self.db.execute("SELECT rowid FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row:
                self.db.execute("DELETE FROM docs_fts WHERE rowid = ?", (row[0],))
                self.db.execute("DELETE FROM docs WHERE rowid = ?", (row[0],))

    def _fetch(self, concepts, any_concept, filters, cap) -> list[Doc]:
        match = match_expression(concepts, any_concept)
        if not match:
            return []
        where, args = filter_sql(filters)
        columns, weights = _COLUMNS, _WEIGHTS
        if not self.current:   # a read-only index of the earlier layout: no place tokens, no folded copies
            where = where.replace("coalesce(d.places, '')", "''")
            columns = _COLUMNS.replace("d.folded_title", "NULL").replace("d.folded", "NULL").replace("d.places", "NULL")
            weights, match = _WEIGHTS[:4], match.replace("places : ", "body_grams : ")
        bm25 = f"bm25(docs_fts, {', '.join(map(str, weights))})"
        # rank the newest RANKED matches (a one-character query matches most of the table) inside the FTS
        # table; the documents' rows are read for the best ``cap`` only
        inner = (f"SELECT docs_fts.rowid AS rowid, {bm25} AS s FROM docs_fts "
                 + ("JOIN docs d ON d.rowid = docs_fts.rowid " if where else "")
                 + f"WHERE docs_fts MATCH ?{where} ORDER BY docs_fts.rowid DESC LIMIT {max(RANKED, cap)}")
        sql = (f"SELECT {columns} FROM (SELECT rowid, s FROM ({inner}) ORDER BY s LIMIT ?) m "
               f"JOIN docs d ON d.rowid = m.rowid ORDER BY m.s")
        return [row_doc(r) for r in self.db.execute(sql, [match, *args, cap])]

    def _count(self, concepts, cap) -> int:
        match = match_expression(concepts)
        if not match:
            return 0
        if not self.current:
            match = match.replace("places : ", "body_grams : ")
        return self.db.execute("SELECT count(*) FROM (SELECT 1 FROM docs_fts WHERE docs_fts MATCH ? LIMIT ?)",
                               (match, cap)).fetchone()[0]

    def _by_ids(self, ids, filters) -> list[Doc]:
        where, args = filter_sql(filters)
        columns = _COLUMNS if self.current else _COLUMNS.replace("d.folded_title", "NULL").replace(
            "d.folded", "NULL").replace("d.places", "NULL")
        if not self.current:
            where = where.replace("coalesce(d.places, '')", "''")
        sql = f"SELECT {columns} FROM docs d WHERE d.id IN ({', '.join('?' * len(ids))}){where}"
        return [row_doc(r) for r in self.db.execute(sql, [*ids, *args])]
