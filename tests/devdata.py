"""The shared dev corpora (``../shared/corpora``) without the pages kept for the hidden evaluation.

``reserved_sources.txt`` lists pages whose records make up the hidden sets; they may not serve as training, dev or
test data.  50 of the 131 dev petitions come from such pages: every test and benchmark reads the dev files through
here, so none of them is used.  (Training reads them through ``scripts/make_real_corpus.py``, which leaves them out
too.)
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["SHARED", "reserved_pages", "dev_rows", "write_dev_file"]

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


@lru_cache(maxsize=1)
def reserved_pages() -> frozenset:
    path = SHARED / "reserved_sources.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.startswith("#"))


def dev_rows(name: str) -> list[dict]:
    """The records of ``../shared/corpora/NAME`` whose page is not reserved ([] when the file is absent)."""
    path = SHARED / name
    if not path.is_file():
        return []
    reserved = reserved_pages()
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [r for r in rows if (r.get("url") or (r.get("doc") or {}).get("url")) not in reserved]


def write_dev_file(name: str, folder: Path) -> Path:
    """The usable records of NAME as a JSONL file in ``folder`` (for commands that read a path)."""
    out = Path(folder) / name
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dev_rows(name)), encoding="utf-8")
    return out
