"""Stage 7 — full-text search of past briefings and petitions: one interface, two backends.

``SearchIndex(target)``: a file path is an embedded SQLite FTS5 index (:mod:`.sqlite`, the default for one office
on one machine); a ``postgresql://`` / ``postgresql+psycopg://`` URL is a table in a shared PostgreSQL database
(:mod:`.postgres`).  Both index the same units — jieba search-mode words, and single characters plus overlapping
character bigrams so that any substring is found (a query term is the phrase of its bigrams) — over text folded
the same way (width, traditional → simplified), and each document's resolved province/city/county as place
tokens.  The query is analysed once (:mod:`.analysis`: compounds, thesaurus, places, typos); a backend only
fetches candidates for the analysed query, from strict to loose, and both are ranked and given snippets by the
same code here, so that the same query gives the same answer on either.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ..briefing.timex import document_date
from ..errors import Errors, InputError
from ..resources import once
from ..text import normalize
from .analysis import (FEW_USES, MAX_QUERY_CHARS, MAX_TERMS, Doc, analyze, common_cap, doc_place_tokens,
                       mask_placeholders,
                       parse, partial_alternatives, partial_notice, place_filter_atoms, score, snippet,
                       weigh_parts, weigh_concepts)

__all__ = ["SearchIndex", "SearchHits", "REDACTED_SUFFIX", "index_paths", "parse_query", "snippet", "is_url", "shown", "MAX_LIMIT",
           "MAX_TERMS", "MAX_QUERY_CHARS"]

#: the kind suffix of a document's redacted copy (``petition@<rules>_redacted``), indexed beside it for the workbench's
#: viewers: such copies answer only a search that asks for their kind (``kinds=``), never a plain search
REDACTED_SUFFIX = "_redacted"

MAX_LIMIT = 1000       # hits one search may return
NAMED_SKIPS = 5        # skipped lines of one file named one by one in `index`'s notices; the rest counted
BUSY_SECONDS = 1800    # a second `index` run waits this long for the first one's transaction
CANDIDATES = 60        # candidates a stage fetches beyond the limit, for the shared ranking to order
RANKED = 250           # a backend orders by its own rank RANKED matches of a stage, at least as many as asked
                       # for (SQLite: the newest; PostgreSQL: the first its GIN scan yields — ordering all would
                       # read them all)
ID_TIER = 100.0        # a document named by its id or 受理编号 in the query comes first
_ID_TERM = re.compile(r"[0-9A-Za-z][0-9A-Za-z_\-:#./]{3,}")


def is_url(target) -> bool:
    return isinstance(target, str) and target.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def shown(target) -> str:
    """The target as messages may show it: a URL without its password."""
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", str(target))


def parse_query(query: str) -> list[str]:
    """Terms of a query: quoted phrases kept whole, the rest split on spaces; all folded."""
    return [t for t, _ in parse(query)]


class SearchHits(list):
    """The hits, best first (a list of dicts).  ``notice`` is what a reader is told about them, one sentence or
    two: a term searched as another (``已按 “油烟” 检索``; ``corrected`` maps each such typed term to the term
    searched), and when no hit holds every word of the query (``partial``: 未找到同时包含“垃圾焚烧”的文档，以下为
    包含“垃圾”的结果).  ``ranked``: how many matching documents were ranked for the answer."""

    notice: str | None = None
    corrected: dict = {}
    partial: str | None = None
    ranked: int = 0


@once
def _resolver():
    from ..regions import RegionResolver

    return RegionResolver()


def resolve_place(text: str, province=None, city=None, county=None) -> tuple:
    """The document's (province, city, county): as given when given (a short province name standardised),
    else what the pipeline's region resolver reads in the text."""
    if not (city or county):
        got = _resolver().resolve(text[:4000], province if isinstance(province, str) else None)
        province, city, county = got["province"] or province, got["city"], got["county"]
    if province:
        from ..regions import get_gazetteer

        gaz = get_gazetteer()
        if province not in gaz.provinces:
            found = [p for p in gaz.exact.get(province, []) + gaz.short.get(province, []) if p.level == "province"]
            if found:
                province = found[0].province
    return province, city, county


class SearchIndex:
    """The search index.  ``with SearchIndex(target) as ix: ix.add(...); ix.search(...)``.

    ``target`` is a SQLite file path or a PostgreSQL URL.  Writes happen in one transaction, opened at the
    first :meth:`add` and committed by :meth:`commit` or on leaving the ``with`` block normally; an exception
    or an interrupt rolls all of it back, so the index never holds half a document.  ``readonly=True`` opens
    an existing index without writing to it (``search``).
    """

    def __new__(cls, target=None, *args, **kwargs):
        if cls is SearchIndex:
            if is_url(str(target)):
                from .postgres import PostgresSearchIndex

                cls = PostgresSearchIndex
            else:
                from .sqlite import SqliteSearchIndex

                cls = SqliteSearchIndex
        return super().__new__(cls)

    # -- what a backend provides ---------------------------------------------------------------------
    def _fetch(self, concepts: list, any_concept: bool, filters: dict, cap: int) -> list[Doc]:
        raise NotImplementedError

    def _count(self, concepts: list, cap: int) -> int:
        raise NotImplementedError

    def _by_ids(self, ids: list[str], filters: dict) -> list[Doc]:
        """The documents with these ids (that pass the filters)."""
        raise NotImplementedError

    def _total(self) -> int:
        """The number of documents (read once per open index)."""
        if getattr(self, "_total_cache", None) is None:
            self._total_cache = len(self)
        return self._total_cache

    def _store(self, doc_id, text, norm, title, title_norm, date, kind, types, province, city, county,
               places) -> bool:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def hold_writes(self, wait: float | None = None) -> None:
        """Begin this index's write transaction now, as the only writer until it commits — across processes and
        hosts (SQLite: its write lock; PostgreSQL: an advisory lock) — so that what the caller reads next and then
        writes cannot be overtaken by another writer's older read.  ``wait``: seconds to wait for another writer
        (then :class:`~petitionnlp.errors.InputError`), else as long as it takes."""
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def petitions(self) -> tuple[list[str], list[str]]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def ids(self, kinds) -> list[str]:
        """The ids of the indexed documents of these kinds."""
        raise NotImplementedError

    def _ids_from(self, prefix: str) -> list[str]:
        """The ids of the indexed documents that begin with ``prefix``."""
        raise NotImplementedError

    def _remove(self, ids: list[str]) -> None:
        raise NotImplementedError

    def drop_lines(self, name: str, keep) -> int:
        """Remove the documents a file's lines gave under ``name#LINE`` that are not in ``keep`` (the ids the file
        gives now): a line removed, or the file now shorter, leaves no document that names a line it no longer
        has (or another row's line); how many."""
        stale = [i for i in self._guard(self._ids_from, f"{name}#")
                 if i[len(name) + 1:].isdecimal() and i not in keep]
        if stale:
            self._guard(self._remove, stale)
        return len(stale)

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        try:
            if kind is None:
                self.commit()
        finally:
            self.close()
        return False

    def add(self, doc_id: str, text: str, title: str | None = None, date: str | None = None,
            kind: str = "document", types=None, province=None, city=None, county=None) -> bool:
        """Index one document; an existing document with the same id is replaced. Returns False when unchanged.
        Without a city or county, the document's place is what the region resolver reads in its text."""
        norm = normalize(text)
        title_norm = normalize(title or "")
        if isinstance(types, (list, tuple)):
            types = "|".join(types)
        province, city, county = resolve_place(title_norm + "\n" + norm, province, city, county)
        return self._guard(self._store, doc_id, text, norm, title, title_norm, date, kind, types, province, city,
                           county, doc_place_tokens(province, city, county))

    def _guard(self, fn, *args):
        return fn(*args)

    def search(self, query: str, limit: int = 10, date_from: str | None = None, date_to: str | None = None,
               type_: str | None = None, region: str | None = None, kinds: list[str] | None = None) -> SearchHits:
        """Best first: ``{"id", "title", "date", "score", "snippet"}`` (plus kind, types and region fields, and
        ``notice`` when a term was corrected).  ``kinds`` keeps documents of those kinds only (petition,
        briefing, …); ``region`` keeps those whose place is, or lies in, the named province, city or county."""
        limit = max(1, min(int(limit), MAX_LIMIT))
        return self._guard(self._search, query, limit, date_from, date_to, type_, region, kinds)

    def _search(self, query, limit, date_from, date_to, type_, region, kinds) -> SearchHits:
        out = SearchHits()
        plan = analyze(query)
        if not plan.concepts:
            return out
        filters = {"date_from": date_from, "date_to": date_to, "type": normalize(type_) if type_ else None,
                   "region": None, "region_atoms": [], "kinds": list(kinds) if kinds is not None else None}
        if region:
            filters["region"] = normalize(region).strip()
            filters["region_atoms"] = place_filter_atoms(region)
        cap = limit + CANDIDATES
        found: dict[str, Doc] = {}
        # a 受理编号 or a document's id typed as it is (W2HN201705150008) finds that document first
        named = self._by_ids(id_terms(query), filters) if id_terms(query) else []
        for d in named:
            found.setdefault(d.id, d)
        named_ids = {d.id for d in named}
        done = set()
        for stage in ("literal", "full", "loose", "some"):
            if stage == "some":
                if found:
                    break
                # nothing holds the whole of any term: the documents that hold some of its parts, the most first
                plan = plan.relaxed()
            if stage == "full":
                # fewer than ``limit`` literal matches: look for typos (a few look-ups in the index) first
                common = common_cap(self._total())
                plan = analyze(query, count=lambda alts: self._count([alts], FEW_USES if len(alts) == 1 else 30),
                               texts=lambda alts: [d.folded + "\n" + d.folded_title
                                                   for d in self._fetch([alts], False, {}, FEW_USES)],
                               common=lambda alts: self._count([alts], common) >= common)
                out.notice, out.corrected = plan.notice, plan.corrected
            concepts, any_concept = getattr(plan, stage)(), stage == "loose"
            key = (repr(concepts), any_concept)
            if key in done or any(not alts for alts in concepts) and not any_concept:
                continue
            done.add(key)
            for d in self._fetch(concepts, any_concept, filters, cap):
                found.setdefault(d.id, d)
            if len(found) >= limit:
                break
        had_placeholder = set()
        for d in found.values():
            masked = mask_placeholders(d.folded)   # 【姓名】 in a viewer's copy is no match
            if masked != d.folded:
                had_placeholder.add(d.id)
                d.folded = masked
        weigh_concepts(plan, lambda alts, cap: self._count([alts], cap), self._total())
        scored = [(d, score(plan, d)) for d in found.values()]
        partial = partial_alternatives(plan, [m for _, (_, m) in scored])
        if partial:   # some candidates hold only some parts of a compound: rank them by which parts (a look-up each)
            weigh_parts(partial, lambda alts, cap: self._count([alts], cap), self._total())
            scored = [(d, score(plan, d)) for d in found.values()]
        ranked = []
        for d, (s, matches) in scored:
            if d.id in named_ids:
                s += ID_TIER
            elif not s and d.id in had_placeholder:
                continue   # found by the index in a placeholder only
            # a document the index matched across punctuation (噪声扰民 in 噪声，扰民) stays, after the others
            ranked.append((s or 0.01, d, matches))
        ranked.sort(key=lambda x: (-x[0], x[1].id))
        out.ranked = len(ranked)
        shown = ranked[:limit]
        out.partial = partial_notice(plan, [m for _, d, m in shown if d.id not in named_ids],
                                     [d.folded for _, d, _ in shown if d.id not in named_ids]) \
            if not any(d.id in named_ids for _, d, _ in shown) else None
        out.notice = "；".join(x for x in (out.notice, out.partial) if x) or None
        for s, d, matches in shown:
            hit = {"id": d.id, "title": d.title, "date": d.date, "score": round(s, 4),
                   "snippet": snippet(d.text, matches), "kind": d.kind,
                   "types": d.types.split("|") if d.types else None,
                   "province": d.province, "city": d.city, "county": d.county}
            if out.notice:
                hit["notice"] = out.notice
            out.append(hit)
        return out


def id_terms(query: str) -> list[str]:
    """The words of a query that may be a document's id or 受理编号 (letters and digits, at least four), as
    typed and in capitals."""
    out = []
    for t in query[:MAX_QUERY_CHARS].replace('"', " ").replace("“", " ").replace("”", " ").split():
        t = normalize(t).strip()
        if _ID_TERM.fullmatch(t) and any(ch.isdigit() for ch in t):
            out += [t, t.upper()]
    return list(dict.fromkeys(out))[:MAX_TERMS]


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


INDEX_SUFFIXES = (".txt", ".md", ".jsonl")  # what `index` reads (a folder: its files of these kinds)


def _line_text(row: dict, text_column: str | None):
    """The text of a JSON line, under the file's text key (the reader puts a line's text there when the line has it
    under another known text key: :func:`petitionnlp.io.open_batch`): (text, None), or (None, why not)."""
    value = row.get(text_column)
    if isinstance(value, (list, dict)):
        return None, Errors.R_NOT_TEXT
    text = _plain(value)
    return (text, None) if text else (None, Errors.R_EMPTY)


def _iter_documents(path: Path, notices: list[str] | None = None):
    """(id, fields) for every document of a .txt/.md file or a .jsonl file of documents or classified petitions;
    a JSON line that gives no document is ``notices``'s one line (file, line, reason: the reader's own for a line
    that is no JSON object)."""
    suffix = path.suffix.lower()
    name = doc_path(path)
    if suffix in (".txt", ".md"):
        from ..io import read_text

        text = read_text(str(path))
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), path.name)
        date = document_date(text)
        yield name, {"text": text, "title": title[:200], "date": date.isoformat() if date else None,
                     "kind": "briefing"}
        return
    if suffix != ".jsonl":
        raise InputError(Errors.E005.format(path=path, suffix=suffix, accepted=" ".join(INDEX_SUFFIXES)))
    from ..io import ROW_ERROR, open_batch

    batch = open_batch(str(path), chunksize=1)  # one row a chunk: batch.line is that row's line
    for chunk in batch.chunks():
        for row in chunk:
            why = row.get(ROW_ERROR)
            text = None
            if not why:
                text, why = _line_text(row, batch.text_column)
                why = why and Errors.R_AT_LINE.format(line=batch.line, reason=why)
            if why:
                if notices is not None:
                    notices.append(Errors.N_NOT_INDEXED.format(path=path, reason=why))
                continue
            doc_id = _plain(row.get("id")) or _plain(row.get("受理编号")) or f"{name}#{batch.line}"
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
    of documents added or replaced and unchanged, of JSON lines skipped, and ``notices``: one line for each of
    those, naming its file, line and reason."""
    from ..io import check_not_an_input

    files: dict[str, Path] = {}
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.suffix.lower() in INDEX_SUFFIXES and q.is_file())
        elif path.is_file():
            found = [path]
        else:
            raise InputError(Errors.E001.format(path=p))
        for q in found:
            files.setdefault(os.path.realpath(q), q)
    if not is_url(str(db)):
        check_not_an_input(db, [str(q) for q in files.values()])
    added = unchanged = skipped = removed = 0
    notices: list[str] = []
    with SearchIndex(db) as ix:
        for path in files.values():
            skips: list[str] = []
            given: set[str] = set()
            for doc_id, fields in _iter_documents(path, skips):
                given.add(doc_id)
                if ix.add(doc_id, **fields):
                    added += 1
                else:
                    unchanged += 1
                if progress is not None:
                    progress.update(1)
            if path.suffix.lower() == ".jsonl":  # the file indexed again: what its lines gave before and not now
                removed += ix.drop_lines(doc_path(path), given)
            # a file's first few skipped lines named, the rest counted (20,000 empty lines are not 20,000 notices)
            notices += skips[:NAMED_SKIPS]
            if len(skips) > NAMED_SKIPS:
                notices.append(Errors.N_NOT_INDEXED_MORE.format(path=path, n=len(skips) - NAMED_SKIPS,
                                                                total=len(skips)))
            skipped += len(skips)
        total = len(ix)
    return {"indexed": added, "unchanged": unchanged, "skipped": skipped, "removed": removed, "total": total,
            "notices": notices}
