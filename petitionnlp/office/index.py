"""The office's search index: every case and briefing is indexed twice, as written and redacted; viewers search only
the redacted copies, so a person's name, phone or ID number is neither shown to them nor found by them.  The
index is :class:`petitionnlp.search.SearchIndex` in the shared database or the data folder's file.

A withdrawn batch's cases leave the index: each is indexed again, empty, under a kind nobody searches (the index
replaces a document of the same id), so that no search finds them and nothing is deleted from the cases."""

from __future__ import annotations

import threading

from .errors import Invalid, Messages
from .redaction import redact

__all__ = ["OfficeIndex", "EDITOR_KINDS", "VIEWER_KINDS"]

EDITOR_KINDS = ("petition", "briefing")
VIEWER_KINDS = ("petition_redacted", "briefing_redacted")
_REDACTED = "_redacted"  # = petitionnlp.search.REDACTED_SUFFIX (a test checks)
_GONE = "withdrawn" + _REDACTED  # a kind no search asks for: answers neither a plain search nor a viewer's


class OfficeIndex:
    """``OfficeIndex(target, local_file)``: ``target`` a database URL or the index file's path; ``local_file``
    the file when there is one (an index never written yet answers no search)."""

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

    def add_petitions(self, petitions: list[dict]) -> None:
        docs = []
        for p in petitions:
            if p["text"] and not p["error"] and not p.get("withdrawn"):
                fields = dict(date=p.get("handover_date"), types=p["pollution_types"], province=p["province"],
                              city=p["city"], county=p["county"])
                receipt = p.get("receipt_id")  # the 受理编号 is searchable too (never redacted: not personal)
                text = f"{receipt} {p['text']}" if receipt else p["text"]
                hidden = redact(text)
                docs.append((f"petition:{p['id']}", text, dict(fields, title=text[:30], kind="petition")))
                docs.append((f"petition{_REDACTED}:{p['id']}", hidden,
                             dict(fields, title=hidden[:30], kind=f"petition{_REDACTED}")))
        self._add(docs)

    def remove_petitions(self, ids) -> None:
        """Cases no search may find any more (a withdrawn batch's)."""
        self._add([(f"{kind}:{i}", "", {"kind": _GONE}) for i in ids for kind in ("petition", f"petition{_REDACTED}")])

    def add_briefing(self, b: dict) -> None:
        self._add([(f"briefing:{b['id']}", b["text"], {"title": b["title"], "date": b["date"], "kind": "briefing"}),
                   (f"briefing{_REDACTED}:{b['id']}", redact(b["text"]),
                    {"title": redact(b["title"]), "date": b["date"], "kind": f"briefing{_REDACTED}"})])

    def _add(self, docs: list[tuple]) -> None:
        if not docs:
            return
        with self._lock, self._open() as ix:
            for doc_id, text, fields in docs:
                ix.add(doc_id, text, **fields)

    def missing_redacted(self) -> list[str]:
        """The ids of indexed cases and briefings without their redacted copy (an index made before viewers
        searched redacted text)."""
        if self._empty():
            return []
        with self._open(readonly=True) as ix:
            have = set(ix.ids(VIEWER_KINDS))
            return [i for i in ix.ids(EDITOR_KINDS) if i.replace(":", f"{_REDACTED}:", 1) not in have]

    def search(self, q: str, limit: int = 20, type_: str | None = None, region: str | None = None,
               date_from: str | None = None, date_to: str | None = None, redact_: bool = False) -> list[dict]:
        """The ``search --json`` hits, best first; a viewer's (``redact_``) from the redacted copies, each
        answering as its document (``petition:12``)."""
        from ..errors import PetitionNLPError

        if any(ord(ch) < 32 and ch not in "\t\n\r" or 0xD800 <= ord(ch) <= 0xDFFF for ch in q):
            raise Invalid(Messages.O218)
        if self._empty():
            return []
        try:
            with self._open(readonly=True) as ix:
                hits = ix.search(q, limit, date_from, date_to, type_, region,
                                 kinds=VIEWER_KINDS if redact_ else EDITOR_KINDS)
        except PetitionNLPError:
            raise Invalid(Messages.O219) from None
        for h in hits:
            if h["kind"].endswith(_REDACTED):
                h["kind"] = h["kind"][:-len(_REDACTED)]
                h["id"] = h["kind"] + ":" + h["id"].split(":", 1)[1]
        return hits
