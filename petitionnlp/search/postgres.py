"""The search index in a shared PostgreSQL database (psycopg 3): table ``search_docs``.

Each document's ``tsv`` is a ``tsvector`` built here from the project's own tokens, with no parsing by the
server (the same lexemes as the ``simple`` configuration would keep, but independent of the database's
LC_CTYPE, under which PostgreSQL's parser and pg_trgm may not see CJK letters at all): the jieba search-mode
words, and single characters plus overlapping character bigrams at their character positions, so that a
one- or two-character query is a lexeme and any longer substring is the ``<->`` phrase of its bigrams — the
same units as the SQLite index's FTS5 columns.  Title positions carry weight A; place tokens (``c衡阳市``) are
lexemes too.  A GIN index serves ``tsv @@ query``; candidates are ordered by ``ts_rank`` and then ranked by the
shared code in :mod:`petitionnlp.search`.
"""

from __future__ import annotations

import hashlib
import json
import re

from ..errors import DatabaseUnavailable, Errors, InputError
from ..tokenize import get_tokenizer
from . import RANKED, SearchIndex, shown
from .analysis import Doc, expression, units
from .sqlite import filter_sql

TABLE = "search_docs"
MAX_POS = 16383          # PostgreSQL's largest tsvector position
MAX_POSITIONS = 255      # positions kept for one lexeme

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    rowid BIGSERIAL PRIMARY KEY, id TEXT UNIQUE NOT NULL, title TEXT, date TEXT, kind TEXT, types TEXT,
    province TEXT, city TEXT, county TEXT, text TEXT NOT NULL, sha TEXT NOT NULL, folded TEXT NOT NULL,
    folded_title TEXT NOT NULL, places TEXT NOT NULL, tsv TSVECTOR NOT NULL);
CREATE INDEX IF NOT EXISTS {TABLE}_tsv ON {TABLE} USING gin (tsv);
CREATE INDEX IF NOT EXISTS {TABLE}_date ON {TABLE} (date);
CREATE INDEX IF NOT EXISTS {TABLE}_kind ON {TABLE} (kind)
"""
_COLUMNS = "d.id, d.title, d.date, d.kind, d.types, d.province, d.city, d.county, d.text, d.folded, " \
           "d.folded_title, d.places"


def _lexeme(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title: str, body: str, places: list[str]) -> str:
    """The ``tsvector`` text of a document (folded title and body): grams and words with positions."""
    pos: dict[str, list[str]] = {}

    def put(lex, p, weight=""):
        have = pos.setdefault(lex, [])
        if len(have) < MAX_POSITIONS:
            have.append(f"{min(max(p, 1), MAX_POS)}{weight}")

    offset = 1
    for text, weight in ((title, "A"), (body, "")):
        us = units(text)
        for i, u in enumerate(us):
            put(u, offset + i, weight)
            if i + 1 < len(us):
                put(u + us[i + 1], offset + i, weight)
        # jieba words of three units and more (噪声污染) at their first character; shorter ones are grams
        low = text.lower()
        for w in set(get_tokenizer().cut_for_search(low)):
            wu = units(w)
            if len(wu) >= 3:
                k = low.find(w)
                put("".join(wu), offset + (len(units(low[:k])) if k > 0 else 0), weight)
        offset += len(us) + 2
    for p in places:
        put(p, MAX_POS)
    return " ".join(f"{_lexeme(k)}:{','.join(v)}" for k, v in pos.items())


def _atom(atom) -> str | None:
    if atom.kind == "place":
        return _lexeme(atom.value)
    us = units(atom.value)
    if not us:
        return None
    if len(us) == 1:
        return _lexeme(us[0])
    phrase = "(" + " <-> ".join(_lexeme(a + b) for a, b in zip(us, us[1:])) + ")"
    return f"({phrase} | {_lexeme(''.join(us))})" if len(us) >= 3 else phrase


def tsquery_text(concepts: list, any_concept: bool = False) -> str | None:
    """The tsquery text of concepts (each a list of alternatives): all concepts, or any."""
    return expression(concepts, _atom, " & ", " | ", any_concept)


class PostgresSearchIndex(SearchIndex):
    """The index as a table of a PostgreSQL database (``postgresql://`` or ``postgresql+psycopg://`` URL);
    created on first use when missing.  Writes are one transaction until :meth:`commit`."""

    def __init__(self, url: str, readonly: bool = False, busy_seconds: float | None = None):
        import psycopg

        self.url = str(url)
        self.path = shown(self.url)
        self.readonly = readonly
        self._psycopg = psycopg
        conninfo = re.sub(r"^postgres(ql)?\+\w+://", "postgresql://", self.url)
        try:
            self.db = psycopg.connect(conninfo, autocommit=readonly, connect_timeout=10)
            exists = self.db.execute("SELECT to_regclass(%s)", (TABLE,)).fetchone()[0]
            if not exists:
                if readonly:
                    self.db.close()
                    raise InputError(Errors.E032.format(path=self.path, reason="没有检索表 (no index tables)"))
                with self.db.transaction():
                    self.db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (TABLE,))
                    for stmt in _SCHEMA.split(";"):
                        if stmt.strip():
                            self.db.execute(stmt)
        except psycopg.Error as exc:
            raise self._error(exc, str(exc).splitlines()[0].replace(self.url, self.path)) from None

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except self._psycopg.Error as exc:
            try:
                self.db.rollback()
            except self._psycopg.Error:
                pass
            raise self._error(exc, str(exc).splitlines()[0]) from None

    def _error(self, exc, reason: str) -> InputError:
        """The error to raise for a driver's error: :class:`DatabaseUnavailable` when the server cannot be reached
        (a connection refused or lost, the server shutting down: no SQLSTATE, class 08 or 57P), else the index's
        own error (a bad query, a lock not granted in time)."""
        code = getattr(exc, "sqlstate", None) or ""
        unreachable = isinstance(exc, self._psycopg.InterfaceError) or isinstance(
            exc, self._psycopg.OperationalError) and (not code or code.startswith(("08", "57P")))
        return (DatabaseUnavailable if unreachable else InputError)(Errors.E032.format(path=self.path, reason=reason))

    def hold_writes(self, wait: float | None = None) -> None:
        def lock():
            if wait is not None:
                self.db.execute(f"SET LOCAL lock_timeout = '{int(wait * 1000)}ms'")
            self.db.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (TABLE + ":writers",))

        self._guard(lock)

    def commit(self) -> None:
        if not self.db.closed and not self.readonly:
            self._guard(self.db.commit)

    def rollback(self) -> None:
        if not self.db.closed:
            try:
                self.db.rollback()
            except self._psycopg.Error:
                pass

    def close(self) -> None:
        self.rollback()
        self.db.close()

    def _store(self, doc_id, text, norm, title, title_norm, date, kind, types, province, city, county,
               places) -> bool:
        text, norm, title, title_norm = (v.replace("\x00", "") if v else v for v in (text, norm, title, title_norm))
        sha = hashlib.sha1(json.dumps([norm, title_norm, date, kind, types, province, city, county],
                                      ensure_ascii=False).encode()).hexdigest()
        row = self.db.execute(f"SELECT sha FROM {TABLE} WHERE id = %s", (doc_id,)).fetchone()
        if row and row[0] == sha:
            return False
        tsv = tsvector_literal(title_norm, norm, places)
        self.db.execute(
            f"INSERT INTO {TABLE} (id, title, date, kind, types, province, city, county, text, sha, folded, "
            f"folded_title, places, tsv) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s::tsvector) "
            f"ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, date = EXCLUDED.date, kind = EXCLUDED.kind, "
            f"types = EXCLUDED.types, province = EXCLUDED.province, city = EXCLUDED.city, "
            f"county = EXCLUDED.county, text = EXCLUDED.text, sha = EXCLUDED.sha, folded = EXCLUDED.folded, "
            f"folded_title = EXCLUDED.folded_title, places = EXCLUDED.places, tsv = EXCLUDED.tsv",
            (doc_id, title, date, kind, types, province, city, county, text, sha,
             norm.lower(), title_norm.lower(), "|".join(places), tsv))
        return True

    def petitions(self) -> tuple[list[str], list[str]]:
        rows = self._guard(lambda: self.db.execute(
            f"SELECT id, text FROM {TABLE} WHERE kind = 'petition' ORDER BY rowid").fetchall())
        return [r[1] for r in rows], [r[0] for r in rows]

    def __len__(self) -> int:
        return self._guard(lambda: self.db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0])

    def ids(self, kinds) -> list[str]:
        """The ids of the indexed documents of these kinds, in the order they were indexed."""
        kinds = list(kinds)
        sql = f"SELECT id FROM {TABLE} WHERE kind = ANY(%s) ORDER BY rowid"
        return [r[0] for r in self._guard(lambda: self.db.execute(sql, (kinds,)).fetchall())] if kinds else []

    def _ids_from(self, prefix: str) -> list[str]:
        return [r[0] for r in self.db.execute(f"SELECT id FROM {TABLE} WHERE left(id, %s) = %s",
                                              (len(prefix), prefix)).fetchall()]

    def _remove(self, ids: list[str]) -> None:
        self.db.execute(f"DELETE FROM {TABLE} WHERE id = ANY(%s)", (ids,))

    def _fetch(self, concepts, any_concept, filters, cap) -> list[Doc]:
        q = tsquery_text(concepts, any_concept)
        if not q:
            return []
        where, args = filter_sql(filters, "%s")
        # ts_rank reads every matching tsvector, and any order over all matches reads all their rows: rank the
        # first RANKED matches the GIN scan yields (a one-character query matches most of the table), then fetch
        # the columns of the best ``cap``
        sql = (f"SELECT {_COLUMNS} FROM (SELECT rowid, ts_rank(tsv, %s::tsquery) AS r FROM (SELECT d.rowid, d.tsv "
               f"FROM {TABLE} d WHERE d.tsv @@ %s::tsquery{where} LIMIT {max(RANKED, cap)}) n) m "
               f"JOIN {TABLE} d ON d.rowid = m.rowid ORDER BY m.r DESC, d.rowid DESC LIMIT %s")
        rows = self.db.execute(sql, [q, q, *args, cap]).fetchall()
        return [Doc(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                    frozenset(r[11].split("|")) - {""}) for r in rows]

    def _count(self, concepts, cap) -> int:
        q = tsquery_text(concepts)
        if not q:
            return 0
        return self.db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE tsv @@ %s::tsquery LIMIT %s) x",
                               (q, cap)).fetchone()[0]

    def _by_ids(self, ids, filters) -> list[Doc]:
        where, args = filter_sql(filters, "%s")
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM {TABLE} d WHERE d.id = ANY(%s){where}",
                               [list(ids), *args]).fetchall()
        return [Doc(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
                    frozenset(r[11].split("|")) - {""}) for r in rows]
