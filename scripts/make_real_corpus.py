"""Build corpora/train/real_petitions.jsonl from the project's real dev records, leaving the blind part out.

Reads ``../shared/corpora/petitions_dev.jsonl`` and the labelled rows of ``../shared/corpora/disclosure_dev.jsonl``
(published tables of the central and provincial inspections, each row with its page ``url``).  Pages listed in
``../shared/corpora/reserved_sources.txt`` are never used.  Of the other pages, a third of each file's labelled
records — whole pages, chosen at random with a fixed seed — are the BLIND set (``corpora/train/blind_split.json``,
written once and then only read): excluded from training and from every choice of rule or threshold, scored
only when a change is done (``make evaluate``).  Every other record is written to real_petitions.jsonl.

    python scripts/make_real_corpus.py [--shared ../shared/corpora] [--reseed]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.taxonomy import normalize_label  # noqa: E402
from petitionnlp.training import BLIND_SEED, BLIND_SHARE, choose_blind_pages, read_blind_split  # noqa: E402

SPLIT = ROOT / "corpora" / "train" / "blind_split.json"
OUT = ROOT / "corpora" / "train" / "real_petitions.jsonl"
FILES = ("petitions_dev.jsonl", "disclosure_dev.jsonl")


def _rows(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _as_petition(row: dict, origin: str) -> dict:
    """A disclosure-table row in the fields of the dev petitions (types from its published label)."""
    if origin == "petitions_dev.jsonl":
        return {**row, "source": "real", "origin": origin}
    return {"id": row["receipt_id"], "text": row["text"], "types": normalize_label(row.get("label_raw")),
            "label_raw": row.get("label_raw"), "province": row.get("province"), "region_raw": row.get("region_raw"),
            "city": None, "county": None, "batch": row.get("batch"), "url": row["url"],
            "truncated": row.get("truncated"), "source": "real", "origin": origin}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--reseed", action="store_true", help="choose the blind pages again (only with new data)")
    args = ap.parse_args()
    shared = Path(args.shared)
    reserved = {ln.strip() for ln in (shared / "reserved_sources.txt").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")}
    data = {name: [_as_petition(r, name) for r in _rows(shared / name)] for name in FILES}
    if SPLIT.exists() and not args.reseed:
        split = read_blind_split(SPLIT)
    else:
        split = {"seed": BLIND_SEED, "share": BLIND_SHARE, "unit": "page (url)",
                 "note": "blind pages: never trained on, never read to write rules or choose thresholds; "
                         "reserved pages (shared/corpora/reserved_sources.txt) are left out of everything",
                 "files": {}}
        for name, rows in data.items():
            usable = [r for r in rows if r["url"] not in reserved]
            split["files"][name] = sorted(choose_blind_pages(usable, BLIND_SHARE, BLIND_SEED))
        SPLIT.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    kept, counts = [], {}
    for name, rows in data.items():
        blind = set(split["files"][name])
        c = counts.setdefault(name, {"rows": len(rows), "reserved": 0, "blind": 0, "blind_typed": 0, "kept": 0,
                                     "kept_typed": 0})
        for r in rows:
            if r["url"] in reserved:
                c["reserved"] += 1
            elif r["url"] in blind:
                c["blind"] += 1
                c["blind_typed"] += bool(r["types"])
            else:
                c["kept"] += 1
                c["kept_typed"] += bool(r["types"])
                kept.append(r)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
