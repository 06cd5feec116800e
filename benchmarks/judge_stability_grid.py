"""Where the learned judge's spread across retrainings comes from, on the grouped folds only (d46, issue 29 item 3).

``benchmarks/judge_retrain_spread.py`` measures the spread on the sets the judge never trains on; this script looks
for its causes where settings may be chosen: the training and development pages of ``make train-briefing``, cut
into its grouped folds (sites never split).  For each regularisation C and each least number of sites a feature must
be seen on to be kept (``--min-sites``: a feature of one or two sites has its weight set by those pages alone), it
prints the grouped-CV mean F1 over the sets (as ``train_briefing_model.py`` chooses on it) and, for the cut of
``--cuts``' first seed, how many out-of-fold decisions change when each fold's judge is retrained ``--drops`` times
without a tenth of its training sites (as judge_retrain_spread.py's retrainings do), with the range of the mean F1
over those retrainings, for every (keep, add) on the grids.  ``--shuffle`` first fits the shipped setting on the
training pages in shuffled orders and counts the decisions that change on every annotated page (sample order).
Counts and levels only, nothing per record.

    python benchmarks/judge_stability_grid.py [--C 0.03,0.1,0.3,1] [--min-sites 1,2,3,5] [--cuts 0] [--drops 4]
        [--shuffle 8]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_briefing_model as t  # noqa: E402

from petitionnlp.briefing.judge import choose  # noqa: E402


def _kept_features(docs: list[dict], train: list[int], min_sites: int) -> set | None:
    if min_sites <= 1:
        return None
    sites = defaultdict(set)
    for i in train:
        for c in docs[i]["cands"]:
            for k in c["features"]:
                sites[k].add(docs[i]["group"])
    return {k for k, s in sites.items() if len(s) >= min_sites}


def fit(docs: list[dict], train: list[int], C: float, min_sites: int = 1, order: int | None = None):
    kept = _kept_features(docs, train, min_sites)
    X = [c["features"] if kept is None else {k: v for k, v in c["features"].items() if k in kept}
         for i in train for c in docs[i]["cands"]]
    y = [lab for i in train for lab in docs[i]["labels"]]
    if order is not None:
        idx = list(range(len(X)))
        random.Random(order).shuffle(idx)
        X, y = [X[i] for i in idx], [y[i] for i in idx]
    return t.DirectiveModel(C=C).fit(X, y)


def _probs(model, docs: list[dict], idx) -> dict:
    return {i: model.predict_proba([c["features"] for c in docs[i]["cands"]])[:, 1] if docs[i]["cands"]
            else np.zeros(0) for i in idx}


def changed(docs: list[dict], runs: list[dict], keep: float, add: float) -> int:
    """How many candidates are decided differently by at least two of ``runs`` (probabilities by document)."""
    n = 0
    for i, d in enumerate(docs):
        decs = [choose(d["cands"], p[i], keep, add) for p in runs]
        n += sum(len(set(col)) > 1 for col in zip(*decs))
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", default=",".join(map(str, t.C_GRID)))
    ap.add_argument("--min-sites", default="1,2,3,5")
    ap.add_argument("--cuts", default="0")
    ap.add_argument("--drops", type=int, default=4)
    ap.add_argument("--drop", type=float, default=0.1)
    ap.add_argument("--shuffle", type=int, default=0)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    docs = t.examples(t.training_briefings(Path(args.shared))) + \
        [dict(d, train=False) for d in t.examples(t.development_briefings())]
    train_all = [i for i, d in enumerate(docs) if d.get("train", True)]
    shipped = t.shipped_setting()
    if args.shuffle:
        runs = [_probs(fit(docs, train_all, shipped[0], order=r), docs, range(len(docs))) for r in range(args.shuffle)]
        print(f"sample order, {args.shuffle} shuffles at {shipped}: {changed(docs, runs, *shipped[1:])} of "
              f"{sum(len(d['cands']) for d in docs)} decisions change")
    cuts = [int(x) for x in args.cuts.split(",")]
    for C in (float(x) for x in args.C.split(",")):
        for ms in (int(x) for x in args.min_sites.split(",")):
            macro = defaultdict(list)
            dropped: list[dict] = [{} for _ in range(args.drops)]
            for cut in cuts:
                probs: dict = {}
                for test in t.grouped_folds(docs, seed=cut):
                    ts = set(test)
                    train = [i for i in train_all if i not in ts]
                    probs.update(_probs(fit(docs, train, C, ms), docs, test))
                    if cut != cuts[0]:
                        continue
                    sites = sorted({docs[i]["group"] for i in train})
                    for r in range(args.drops):
                        gone = set(np.random.RandomState(1000 + r).choice(
                            sites, size=int(round(args.drop * len(sites))), replace=False))
                        model = fit(docs, [i for i in train if docs[i]["group"] not in gone], C, ms)
                        dropped[r].update(_probs(model, docs, test))
                for keep in t.KEEP_GRID:
                    for add in t.ADD_GRID:
                        macro[(keep, add)].append(t._macro(docs, [choose(d["cands"], probs[i], keep, add)
                                                                  for i, d in enumerate(docs)]))
            print(f"\nC {C}, features seen on ≥ {ms} sites: grouped-CV mean F1 over the sets (cuts {cuts}); "
                  f"decisions changed over {args.drops} retrainings without {args.drop:.0%} of the sites, "
                  f"range of their mean F1")
            for keep in t.KEEP_GRID:
                cells = []
                for add in t.ADD_GRID:
                    f = statistics.mean(macro[(keep, add)])
                    runs_f1 = [t._macro(docs, [choose(d["cands"], p[i], keep, add) for i, d in enumerate(docs)])
                               for p in dropped] if args.drops else [0.0]
                    cells.append(f"{f:.4f}/{changed(docs, dropped, keep, add) if args.drops else 0:3d}/"
                                 f"{max(runs_f1) - min(runs_f1):.4f}")
                print(f"  keep {keep:4}: " + "  ".join(cells) + f"   (add {' '.join(map(str, t.ADD_GRID))})")


if __name__ == "__main__":
    main()
