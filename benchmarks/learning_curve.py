"""Learning curve: how much an office's own labeled history improves the model on its other petitions.

k-fold over the typed real records of ``corpora/train/real_petitions.jsonl`` (the project's dev petitions from
published tables).  For each held-out fold, the "office history" is 0, ¼, ½ or all of the other folds' records;
the model is trained exactly as ``petitionnlp train --corpus HISTORY`` trains it, on a base without the real
records (the generated corpus alone, so that no held-out record is ever in training), and scored on the held-out
fold.  Micro-F1 and top-1 accuracy are averaged over folds and seeds; the same is done for the learned region
fallback (city/county accuracy on records whose text the gazetteer cannot place, and on all of them).

    .venv/bin/python benchmarks/learning_curve.py [--folds 5] [--seeds 3]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.classify import evaluate_predictions  # noqa: E402
from petitionnlp.regions import RegionResolver, evaluate_regions, get_gazetteer  # noqa: E402
from petitionnlp.regions.model import RegionClassifier  # noqa: E402
from petitionnlp.training import fit_type_model, read_corpus  # noqa: E402

FRACTIONS = (0.0, 0.25, 0.5, 1.0)
# the labels the office gives: as published; or an office whose tables record one type a petition (the first)
CONVENTIONS = {"labels as published": lambda types: types,
               "an office recording one type a petition": lambda types: types[:1]}


def curve(generated: list[dict], real: list[dict], title: str, args) -> None:
    from sklearn.model_selection import KFold

    scores: dict[float, list] = {f: [] for f in FRACTIONS}
    t0 = time.time()
    print(f"\n== {title}", flush=True)
    for seed in range(args.seeds):
        rng = np.random.default_rng(seed)
        for k, (pool, held) in enumerate(KFold(args.folds, shuffle=True, random_state=seed).split(real)):
            gold = [real[i]["types"] for i in held]
            texts = [real[i]["text"] for i in held]
            order = rng.permutation(pool)
            for frac in FRACTIONS:
                office = [dict(real[i], office=True) for i in order[:int(round(frac * len(pool)))]]
                records = generated + office
                model, _ = fit_type_model(records, tune_mask=[bool(r.get("office")) for r in records], seed=seed)
                ev = evaluate_predictions(gold, model.predict(texts))
                scores[frac].append((ev["micro_f1"], ev["top1_accuracy"]))
            print(f"  seed {seed} fold {k + 1}: " + "  ".join(
                f"{frac:.2f}→{scores[frac][-1][0]:.3f}" for frac in FRACTIONS) + f"  ({time.time() - t0:.0f} s)",
                flush=True)
    print("office history   micro-F1   top-1   (held-out, mean over folds and seeds)")
    for frac in FRACTIONS:
        m = np.mean(scores[frac], axis=0)
        print(f"{frac:>6.0%} of folds  {m[0]:.4f}    {m[1]:.4f}")
    none, full = np.mean(scores[0.0], axis=0), np.mean(scores[1.0], axis=0)
    print(f"gain, all vs none: micro-F1 {full[0] - none[0]:+.4f}, top-1 {full[1] - none[1]:+.4f}")
    print(json.dumps({"curve": title, **{f"{frac:.2f}": np.mean(scores[frac], axis=0).round(4).tolist()
                                         for frac in FRACTIONS}}, ensure_ascii=False), flush=True)



def region_label(r: dict) -> str:
    return f"{r.get('province') or ''}/{r['city']}/{r.get('county') or ''}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=3)
    args = ap.parse_args()
    from sklearn.model_selection import KFold

    generated = [r for r in read_corpus([str(ROOT / "corpora/train/synthetic_petitions.jsonl")]) if r["types"]]
    real_all = read_corpus([str(ROOT / "corpora/train/real_petitions.jsonl")], require_label=False)
    real = [r for r in real_all if r["types"]]
    print(f"{len(real)} typed real records, {len(generated)} generated; {args.folds}-fold × {args.seeds} seeds",
          flush=True)
    for convention, relabel in CONVENTIONS.items():
        curve(generated, [dict(r, types=relabel(r["types"])) for r in real], convention, args)

    # regions: the learned fallback trained on the office's records with a city, against the gazetteer alone
    placed = [r for r in real_all if r.get("city")]
    gaz = get_gazetteer()
    region_scores: dict[str, list] = {"gazetteer alone": [], "with the office's history": []}
    unplaced_scores: dict[str, list] = {"gazetteer alone": [], "with the office's history": []}
    for seed in range(args.seeds):
        for pool, held in KFold(args.folds, shuffle=True, random_state=seed).split(placed):
            test = [placed[i] for i in held]
            history = [placed[i] for i in pool]
            model = RegionClassifier().fit([r["text"] for r in history], [region_label(r) for r in history])
            for name, resolver in (("gazetteer alone", RegionResolver(gaz)),
                                   ("with the office's history", RegionResolver(gaz, model=model))):
                got = evaluate_regions(resolver, test)
                region_scores[name].append((got["city_accuracy"], got["county_accuracy"] or 0.0))
                bare = [r for r in test if RegionResolver(gaz).resolve(r["text"])["city"] is None]
                if bare:
                    got = evaluate_regions(resolver, bare)
                    unplaced_scores[name].append(got["city_accuracy"])
    print(f"\nregions — {len(placed)} real records with a city, same folds")
    for name in region_scores:
        m = np.mean(region_scores[name], axis=0)
        u = np.mean(unplaced_scores[name]) if unplaced_scores[name] else float("nan")
        print(f"{name:<26} city {m[0]:.4f}  county {m[1]:.4f}  | city on texts the gazetteer cannot place {u:.4f}")
    print(json.dumps({"regions": {k: np.mean(v, axis=0).round(4).tolist() for k, v in region_scores.items()}}))


if __name__ == "__main__":
    main()
