"""The office's search index: every case and briefing is indexed twice, as written and redacted; viewers search only
the redacted copies, so a person's name, phone or ID number is neither shown to them nor found by them.  The
index is :class:`petitionnlp.search.SearchIndex` in the shared database or the data folder's file.

A withdrawn batch's cases leave the index: each is indexed again, empty, under a kind nobody searches (the index
replaces a document of the same id), so that no search finds them and nothing is deleted from the cases."""

from __future__ import annotations

import re
import threading

from ..pii import rules_stamp
from .errors import Invalid, Messages
from .redaction import case_persons, redact, redacted_briefing

__all__ = ["OfficeIndex", "EDITOR_KINDS", "viewer_kind", "viewer_kinds"]

EDITOR_KINDS = ("petition", "briefing")
_REDACTED = "_redacted"  # = petitionnlp.search.REDACTED_SUFFIX (a test checks)
_GONE = "withdrawn" + _REDACTED  # a kind no search asks for: answers neither a plain search nor a viewer's


_OWN = re.compile(r"(?:petition|briefing):[0-9]+")  # the ids of the office's documents (petition_docs, briefing_docs)


def viewer_kind(kind: str) -> str:
    """The kind of a record's redacted copy as this process makes it: the redaction rules' fingerprint in it
    (``petition@3f…_redacted``).  A viewer searches only copies of the rules of now, so a copy made by other rules
    (before an upgrade, or by a server or worker of another version still running) is never shown: it counts as
    missing and is made again (:func:`~.jobs.index_redacted_copies`)."""
    return f"{kind}@{rules_stamp()}{_REDACTED}"


def viewer_kinds() -> tuple[str, ...]:
    return tuple(viewer_kind(k) for k in EDITOR_KINDS)


class OfficeIndex:
    """``OfficeIndex(target, local_file)``: ``target`` a database URL or the index file's path; ``local_file``
    the file when there is one (an index never written yet answers no search).

    The index follows the stored records through the outbox (:class:`~.tables.IndexOutbox`), written in the same
    transaction as each change: :meth:`follow` brings the index to the records as they are stored now, for the
    outbox's rows of some targets (the change a request just made) or for the oldest ones (the follower of a
    server or a worker, which retries what a request could not do).  Each page of records is read and written
    while this index's write lock is held (:meth:`petitionnlp.search.SearchIndex.hold_writes`), so that an older
    read can never overwrite a newer one, whichever process writes."""

    PAGE = 200  # records written in one transaction of the index (the write lock is held that long)

    def __init__(self, target: str, local_file=None):
        self.target, self.local_file = target, local_file
        self._lock = threading.Lock()

    def _open(self, readonly: bool = False):
        from ..search import SearchIndex

        return SearchIndex(self.target, readonly=True) if readonly else SearchIndex(self.target)

    def _empty(self) -> bool:
        return self.local_file is not None and not self.local_file.is_file()

    def prepare(self) -> None:
        """The index's tables made (in the shared database: once, under a lock, by the first)."""
        with self._open():
            pass

    @staticmethod
    def petition_docs(p: dict) -> list[tuple]:
        """The documents of one stored case: as written and redacted; none for a row that is no case; for a case
        of a withdrawn batch, the same ids emptied under a kind nobody searches (the index replaces a document of
        the same id: no search finds it, nothing is deleted)."""
        if p.get("withdrawn"):
            return [(f"{kind}:{p['id']}", "", {"kind": _GONE}) for kind in ("petition", f"petition{_REDACTED}")]
        if not p["text"] or p["error"]:
            return []
        fields = dict(date=p.get("handover_date"), types=p["pollution_types"], province=p["province"],
                      city=p["city"], county=p["county"])
        receipt = p.get("receipt_id")  # the 受理编号 is searchable too (never redacted: not personal)
        text = f"{receipt} {p['text']}" if receipt else p["text"]
        hidden = redact(text, case_persons(p))
        return [(f"petition:{p['id']}", text, dict(fields, title=text[:30], kind="petition")),
                (f"petition{_REDACTED}:{p['id']}", hidden,
                 dict(fields, title=hidden[:30], kind=viewer_kind("petition")))]

    @staticmethod
    def briefing_docs(b: dict) -> list[tuple]:
        hidden = redacted_briefing({"title": b["title"], "text": b["text"]})
        return [(f"briefing:{b['id']}", b["text"], {"title": b["title"], "date": b["date"], "kind": "briefing"}),
                (f"briefing{_REDACTED}:{b['id']}", hidden["text"],
                 {"title": hidden["title"], "date": b["date"], "kind": viewer_kind("briefing")})]

    def _write_fresh(self, read, wait: float | None) -> int:
        """Hold the index's write lock, then ``read()`` the records' documents as stored now and write them, in
        one transaction of the index; how many records are searchable (as written, not counting their redacted
        copies).  ``wait``: seconds to wait for another writer."""
        if not self._lock.acquire(timeout=-1 if wait is None else wait):
            raise TimeoutError("the search index is being written by another thread")
        try:
            with self._open() as ix:
                ix.hold_writes(wait)
                docs = read()
                for doc_id, text, fields in docs:
                    ix.add(doc_id, text, **fields)
                return sum(1 for _, _, fields in docs if fields["kind"] in EDITOR_KINDS)
        finally:
            self._lock.release()

    def follow(self, store, targets=None, limit: int = 100, wait: float | None = None) -> int:
        """Bring the index to the stored records the outbox names — of ``targets`` (``[(kind, id)]``: the change
        just made) or its oldest ``limit`` rows — and remove those rows; the number of rows done.  A row is
        removed only after its records were written as read under the write lock, and the records are read after
        the rows: whatever change a removed row stood for is in what was written."""
        from .database import database_unreachable

        rows = store.to_follow(targets, limit)
        done = 0
        for (kind, target), ids in _by_target(rows).items():
            try:
                self._follow_one(store, kind, target, wait)
            except Exception as exc:  # noqa: BLE001 — one record the index refuses does not hold up the others
                if database_unreachable(exc) or isinstance(exc, TimeoutError) or targets is not None:
                    raise
                import logging

                logging.getLogger("petitionnlp.index").error("%s %s not indexed: %s", kind, target, exc)
                continue
            store.followed(ids)
            done += len(ids)
        return done

    def _follow_one(self, store, kind: str, target: int, wait: float | None = None) -> int:
        """One record of the outbox — a briefing, a case, or a batch's cases a page at a time — indexed as stored
        now; how many records are searchable."""
        if kind == "briefing":
            return self._write_fresh(lambda: [d for b in [store.briefing(target)] if b
                                              for d in self.briefing_docs(b)], wait)
        return self.write_cases(store, store.petition_ids(target) if kind == "batch" else [target], wait)

    def write_cases(self, store, ids: list[int], wait: float | None = None) -> int:
        """These cases indexed as stored now, a page at a time, each page read under the index's write lock (a
        batch withdrawn meanwhile stays out of every search); how many are searchable."""
        n = 0
        for i in range(0, len(ids), self.PAGE):
            page = ids[i:i + self.PAGE]
            n += self._write_fresh(lambda: [d for p in store.petitions(ids=page, withdrawn=True)
                                            for d in self.petition_docs(p)], wait)
        return n

    def refresh(self, store, kind: str, target: int) -> int:
        """A record (``batch``, ``petition``, ``briefing``) indexed as stored now, without the outbox (a rebuild);
        how many records are searchable."""
        return self._follow_one(store, kind, target)

    def missing_redacted(self) -> list[str]:
        """The ids of indexed cases and briefings without their redacted copy made by the redaction rules of now
        (an index made before viewers searched redacted text, or by other rules)."""
        if self._empty():
            return []
        with self._open(readonly=True) as ix:
            have = set(ix.ids(viewer_kinds()))
            return [i for i in ix.ids(EDITOR_KINDS) if i.replace(":", f"{_REDACTED}:", 1) not in have]

    def search(self, q: str, limit: int = 20, type_: str | None = None, region: str | None = None,
               date_from: str | None = None, date_to: str | None = None, redact_: bool = False) -> list[dict]:
        """The ``search --json`` hits, best first; a viewer's (``redact_``) from the redacted copies, each
        answering as its document (``petition:12``)."""
        from ..errors import DatabaseUnavailable, PetitionNLPError

        if any(ord(ch) < 32 and ch not in "\t\n\r" or 0xD800 <= ord(ch) <= 0xDFFF for ch in q):
            raise Invalid(Messages.O218)
        if self._empty():
            return []
        try:
            with self._open(readonly=True) as ix:
                hits = ix.search(q, limit, date_from, date_to, type_, region,
                                 kinds=viewer_kinds() if redact_ else EDITOR_KINDS)
        except DatabaseUnavailable:
            raise  # the database is away: 503, like every other request now, not a bad query
        except PetitionNLPError:
            raise Invalid(Messages.O219) from None
        for h in hits:
            if h["kind"].endswith(_REDACTED):
                h["kind"] = h["kind"].partition("@")[0]
                h["id"] = h["kind"] + ":" + h["id"].split(":", 1)[1]
        # only the office's own documents (``petition:12``): one another program wrote into the same index (the
        # command line's ``index`` of a file, ``PATH#LINE``, its rows' 受理编号) names no case — opened, it would be
        # another case or none
        hits[:] = [h for h in hits if _OWN.fullmatch(h["id"]) and h["id"].partition(":")[0] == h["kind"]]
        return hits


def _by_target(rows: list[dict]) -> dict[tuple[str, int], list[int]]:
    """The outbox's rows grouped by their record, oldest record first: (kind, id) → the rows' ids."""
    out: dict[tuple[str, int], list[int]] = {}
    for r in rows:
        out.setdefault((r["kind"], r["target"]), []).append(r["id"])
    return out
