"""Build corpora/train/real_petitions.jsonl from the project's real records, leaving the blind part out.

Reads ``../shared/corpora/petitions_dev.jsonl`` and the labelled rows of ``../shared/corpora/disclosure_dev.jsonl``
(published tables of the central and provincial inspections, each row with its page ``url``), and the records
gathered later from other public pages (``corpora/train/gathered_petitions.jsonl``, each with its page).  Pages
listed in ``../shared/corpora/reserved_sources.txt`` are never used, nor any record that shares a 20-character
piece with a dev record of such a page (a copy of a reserved text on another site).  Of the other pages, a third
of each file's labelled records — whole pages, chosen at random with a fixed seed — are the BLIND set
(``corpora/train/blind_split.json`` for the dev files, seed 21; ``corpora/train/blind_split_gathered.json`` for
the gathered file, seed 29; written once, before any figure, and then only read): excluded from training and
from every choice of rule or threshold, scored only when a change is done (``make evaluate``).  Every other
record is written to real_petitions.jsonl.

A new gathering's pages join the gathered file undrawn: ``--draw-gathered SEED`` draws their blind third once
(whole pages, among those pages alone) and records the draw in ``blind_split_gathered.json`` (``draws``); until
then the script refuses to write, so no new record is trained on before its blind part is set aside.

    python scripts/make_real_corpus.py [--shared ../shared/corpora] [--reseed] [--draw-gathered SEED]
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
GATHERED = ROOT / "corpora" / "train" / "gathered_petitions.jsonl"
GATHERED_SPLIT = ROOT / "corpora" / "train" / "blind_split_gathered.json"
OUT = ROOT / "corpora" / "train" / "real_petitions.jsonl"
FILES = ("petitions_dev.jsonl", "disclosure_dev.jsonl")
PIECE = 20  # a record sharing this many consecutive characters with a reserved page's record is a copy of it


def _pieces(text: str) -> set[str]:
    from petitionnlp.text import normalize

    t = "".join(ch for ch in normalize(text) if not ch.isspace())
    return {t[i:i + PIECE] for i in range(max(0, len(t) - PIECE + 1))}


def _rows(path: Path) -> list[dict]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _as_petition(row: dict, origin: str) -> dict:
    """A disclosure-table row in the fields of the dev petitions (types from its published label)."""
    if origin in ("petitions_dev.jsonl", GATHERED.name):
        return {**row, "source": "real", "origin": origin}
    return {"id": row["receipt_id"], "text": row["text"], "types": normalize_label(row.get("label_raw")),
            "label_raw": row.get("label_raw"), "province": row.get("province"), "region_raw": row.get("region_raw"),
            "city": None, "county": None, "batch": row.get("batch"), "url": row["url"],
            "truncated": row.get("truncated"), "source": "real", "origin": origin}


def _gathered_split(rows: list[dict], reserved: set[str], seed: int | None) -> dict:
    """The blind split of the gathered records; with ``seed``, the pages no earlier draw chose among are drawn
    (a third of their typed records, whole pages) and the draw is written to the split file."""
    split = read_blind_split(GATHERED_SPLIT)
    draws = split.setdefault("draws", [])
    seen = {u for d in draws for u in d["pages"]}
    new = [r for r in rows if r["url"] not in seen and r["url"] not in reserved]
    if not new:
        return split
    if seed is None:
        sys.exit(f"{GATHERED.name}: {len({r['url'] for r in new})} page(s) not drawn yet: "
                 "run with --draw-gathered SEED (a new seed) before anything is trained on them")
    if seed in {d["seed"] for d in draws}:
        sys.exit(f"--draw-gathered {seed}: that seed has drawn already; give a new one")
    blind = sorted(choose_blind_pages(new, BLIND_SHARE, seed))
    draws.append({"seed": seed, "pages": sorted({r["url"] for r in new}), "blind": blind})
    split["files"][GATHERED.name] = list(split["files"].get(GATHERED.name, [])) + blind
    GATHERED_SPLIT.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return split


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--reseed", action="store_true", help="choose the blind pages again (only with new data)")
    ap.add_argument("--draw-gathered", type=int, metavar="SEED",
                    help="draw the blind pages of the gathered pages no earlier draw chose among (a new gathering)")
    args = ap.parse_args()
    shared = Path(args.shared)
    reserved = {ln.strip() for ln in (shared / "reserved_sources.txt").read_text(encoding="utf-8").splitlines()
                if ln.strip() and not ln.startswith("#")}
    data = {name: [_as_petition(r, name) for r in _rows(shared / name)] for name in FILES}
    reserved_text = set().union(*(_pieces(r["text"]) for rows in data.values() for r in rows if r["url"] in reserved))
    gathered = [_as_petition(r, GATHERED.name) for r in _rows(GATHERED)]
    copies = [r for r in gathered if _pieces(r["text"]) & reserved_text]
    data[GATHERED.name] = [r for r in gathered if r not in copies]
    if SPLIT.exists() and not args.reseed:
        split = read_blind_split(SPLIT)
    else:
        split = {"seed": BLIND_SEED, "share": BLIND_SHARE, "unit": "page (url)",
                 "note": "blind pages: never trained on, never read to write rules or choose thresholds; "
                         "reserved pages (shared/corpora/reserved_sources.txt) are left out of everything",
                 "files": {}}
        for name in FILES:
            usable = [r for r in data[name] if r["url"] not in reserved]
            split["files"][name] = sorted(choose_blind_pages(usable, BLIND_SHARE, BLIND_SEED))
        SPLIT.write_text(json.dumps(split, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    split["files"].update(_gathered_split(data[GATHERED.name], reserved, args.draw_gathered)["files"])
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
    counts[GATHERED.name]["copies_of_reserved"] = len(copies)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), encoding="utf-8")
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
