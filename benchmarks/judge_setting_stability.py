"""How steady the learned judge's setting choice is (d43, issue 29 item 3): the (C, keep, add) that
``stable_choice`` picks on the grouped CV of one cut of the sites into folds (each seed alone) against the one it
picks on the CV averaged over several cuts (disjoint groups of seeds), with and without the shipped judge as the
anchor; and the same with one annotated set left out of the training pages (as when a batch is added).

    python benchmarks/judge_setting_stability.py [--seeds 9] [--group 3]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_briefing_model as t  # noqa: E402


def choices(docs: list[dict], seeds: list[int], group: int, shipped) -> tuple[list, list]:
    runs = {s: t.cross_validate(docs, s) for s in seeds}
    single = []
    for s in seeds:
        r = runs[s]
        single.append(t.stable_choice(r["macro"], {k: t._prf(*v)[2] for k, v in r["scores"].items()}, shipped))
    averaged = []
    for i in range(0, len(seeds) - group + 1, group):
        part = [runs[s] for s in seeds[i:i + group]]
        macro = {k: sum(r["macro"][k] for r in part) / len(part) for k in part[0]["macro"]}
        pooled = {k: sum(t._prf(*r["scores"][k])[2] for r in part) / len(part) for k in part[0]["scores"]}
        averaged.append(t.stable_choice(macro, pooled, shipped))
    return single, averaged


def spread(picks: list) -> str:
    c = Counter(picks)
    return f"{len(c)} distinct of {len(picks)}; most common {c.most_common(1)[0][1]}/{len(picks)}: " + \
        ", ".join(f"{k}×{n}" for k, n in c.most_common())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=9)
    ap.add_argument("--group", type=int, default=3)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    train = t.training_briefings(Path(args.shared))
    dev = t.development_briefings()
    seeds = list(range(args.seeds))
    for label, kept in [("all training pages", train)] + [
            (f"without {o}", [d for d in train if d["origin"] != o]) for o in ("briefings_news", "briefings_tasks")]:
        docs = t.examples(kept) + [dict(d, train=False) for d in t.examples(dev)]
        for anchor, shipped in (("no anchor", None), ("shipped anchor", t.shipped_setting())):
            single, averaged = choices(docs, seeds, args.group, shipped)
            print(f"{label}, {anchor}: one cut each: {spread(single)}")
            print(f"{label}, {anchor}: {args.group} cuts averaged: {spread(averaged)}")


if __name__ == "__main__":
    main()
