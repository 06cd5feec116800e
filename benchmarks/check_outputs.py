"""classify's output before and after a change: save it at one commit, compare at another (issue 29).

The texts: the shipped sample, the dev petitions and disclosure rows (without the reserved pages), the real
training records and N rows made as bench_classify.py makes them; each goes through ``PetitionPipeline`` in
chunks of 1,000 as ``classify`` runs it, and every output field is written, one JSON line a text.

    python benchmarks/check_outputs.py --save before.jsonl      # at the old commit
    python benchmarks/check_outputs.py --compare before.jsonl   # at the new one: the rows that differ, and how
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_classify import make_rows  # noqa: E402
from devdata import dev_rows  # noqa: E402


def texts(n: int) -> list[str]:
    from petitionnlp.io import open_batch

    batch = open_batch(str(ROOT / "corpora/samples/petitions_sample.csv"), None, 1000)
    out = [r.get(batch.text_column) for chunk in batch.chunks() for r in chunk]
    batch.close()
    for name in ("petitions_dev.jsonl", "disclosure_dev.jsonl"):
        out += [r.get("text") or "" for r in dev_rows(name)]
    out += [json.loads(x)["text"] for x in (ROOT / "corpora/train/real_petitions.jsonl").read_text(
        encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp:
        out += make_rows(n, Path(tmp) / "rows.csv")
    return out


def outputs(n: int) -> list[str]:
    from petitionnlp.pipeline import PetitionPipeline

    pipe = PetitionPipeline()
    all_texts = texts(n)
    rows = [r for i in range(0, len(all_texts), 1000) for r in pipe.classify_texts(all_texts[i:i + 1000])]
    return [json.dumps({"text": t, **r}, ensure_ascii=False) for t, r in zip(all_texts, rows)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--save")
    ap.add_argument("--compare")
    ap.add_argument("--rows", type=int, default=20000)
    args = ap.parse_args()
    lines = outputs(args.rows)
    if args.save:
        Path(args.save).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} outputs written to {args.save}")
    if args.compare:
        old = Path(args.compare).read_text(encoding="utf-8").splitlines()
        differ = [(a, b) for a, b in zip(old, lines) if a != b]
        print(f"{len(lines)} texts ({len(old)} saved): {len(differ)} outputs differ")
        for a, b in differ[:50]:
            a, b = json.loads(a), json.loads(b)
            print(" ", a["text"][:40], {k: (a.get(k), b.get(k)) for k in b if a.get(k) != b.get(k)})


if __name__ == "__main__":
    main()
