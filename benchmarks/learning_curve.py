"""Learning curve: how much an office's own labeled history improves the model on its other petitions.

k-fold over the typed real records of ``corpora/train/real_petitions.jsonl`` (the project's dev petitions and
disclosure rows from published tables, without their blind pages), folds cut three ways side by side: by page
and by province (GroupKFold: no page, or no province, on both sides) and at random.  For each held-out fold, the
"office history" is 0, ¼, ½ or all of the other folds' records; the model is trained exactly as
``petitionnlp train --corpus HISTORY`` trains it, on a base without the real records (the generated corpus alone,
so that no held-out record is ever in training), and scored on the held-out fold.  Micro-F1 and top-1 accuracy
are averaged over folds and seeds.  Then the BLIND figure: the model trained on the generated corpus and every
non-blind real record, scored on the records of the blind pages (``corpora/train/blind_split.json``) of the dev
corpora beside the repo (``../shared/corpora``), when they are there, and of the gathered records
(``corpora/train/blind_split_gathered.json``).  The effect of an office's own history measured as the issue asks
(half of one office's records, scored on its other half) is ``benchmarks/office_history.py``.  Last, the learned region fallback
(city/county accuracy on records whose text the gazetteer cannot place, and on all of them).

    .venv/bin/python benchmarks/learning_curve.py [--folds 5] [--seeds 1] [--schemes page,province,random]
        [--fractions 0,0.25,0.5,1] [--inner-schemes page]
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
from petitionnlp.training import blind_pages, cv_folds, fit_type_model, read_blind_split, read_corpus  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
DEV = [SHARED / "petitions_dev.jsonl", SHARED / "disclosure_dev.jsonl"]
SPLIT = ROOT / "corpora" / "train" / "blind_split.json"
GATHERED = ROOT / "corpora" / "train" / "gathered_petitions.jsonl"
GATHERED_SPLIT = ROOT / "corpora" / "train" / "blind_split_gathered.json"

FRACTIONS = (0.0, 0.25, 0.5, 1.0)
# the labels the office gives: as published; or an office whose tables record one type a petition (the first)
CONVENTIONS = {"labels as published": lambda types: types,
               "an office recording one type a petition": lambda types: types[:1]}


def curve(generated: list[dict], real: list[dict], title: str, scheme: str, args) -> None:
    fractions = args.fractions
    scores: dict[float, list] = {f: [] for f in fractions}
    t0 = time.time()
    print(f"\n== {title}, folds {scheme}", flush=True)
    for seed in range(args.seeds):
        rng = np.random.default_rng(seed)
        for k, (pool, held) in enumerate(cv_folds(real, scheme, args.folds, seed)):
            gold = [real[i]["types"] for i in held]
            texts = [real[i]["text"] for i in held]
            order = rng.permutation(pool)
            for frac in fractions:
                office = [dict(real[i], office=True) for i in order[:int(round(frac * len(pool)))]]
                records = generated + office
                model, _ = fit_type_model(records, tune_mask=[bool(r.get("office")) for r in records], seed=seed,
                                          schemes=args.inner_schemes)
                ev = evaluate_predictions(gold, model.predict(texts))
                scores[frac].append((ev["micro_f1"], ev["top1_accuracy"]))
            print(f"  seed {seed} fold {k + 1}: " + "  ".join(
                f"{frac:.2f}→{scores[frac][-1][0]:.3f}" for frac in fractions) + f"  ({time.time() - t0:.0f} s)",
                flush=True)
    print("office history   micro-F1   top-1   (held-out, mean over folds and seeds)")
    for frac in fractions:
        m = np.mean(scores[frac], axis=0)
        print(f"{frac:>6.0%} of folds  {m[0]:.4f}    {m[1]:.4f}")
    if 0.0 in scores and 1.0 in scores:
        none, full = np.mean(scores[0.0], axis=0), np.mean(scores[1.0], axis=0)
        print(f"gain, all vs none: micro-F1 {full[0] - none[0]:+.4f}, top-1 {full[1] - none[1]:+.4f}")
    print(json.dumps({"curve": title, "folds": scheme, **{f"{frac:.2f}": np.mean(scores[frac], axis=0).round(4).tolist()
                                         for frac in fractions}}, ensure_ascii=False), flush=True)



def region_label(r: dict) -> str:
    return f"{r.get('province') or ''}/{r['city']}/{r.get('county') or ''}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--schemes", default="page,province,random", help="fold schemes, side by side")
    ap.add_argument("--fractions", type=lambda v: [float(x) for x in v.split(",")], default=list(FRACTIONS),
                    help="shares of the other folds given as the office's history (default 0,0.25,0.5,1)")
    ap.add_argument("--inner-schemes", type=lambda v: tuple(v.split(",")), default=("page", "province", "random"),
                    help="fold schemes of the cross-validation inside each training (the first chooses the decision "
                         "rule and gives the held-out probabilities the conventions are learned from); "
                         "'page' alone is a third of the time")
    ap.add_argument("--all-conventions", action="store_true",
                    help="also the curve of an office recording one type a petition")
    args = ap.parse_args()
    from sklearn.model_selection import KFold

    generated = [r for r in read_corpus([str(ROOT / "corpora/train/synthetic_petitions.jsonl")]) if r["types"]]
    real_all = read_corpus([str(ROOT / "corpora/train/real_petitions.jsonl")], require_label=False)
    real = [r for r in real_all if r["types"]]
    print(f"{len(real)} typed real records, {len(generated)} generated; {args.folds}-fold × {args.seeds} seeds",
          flush=True)
    for convention, relabel in list(CONVENTIONS.items())[:None if args.all_conventions else 1]:
        for scheme in args.schemes.split(","):
            curve(generated, [dict(r, types=relabel(r["types"])) for r in real], convention, scheme, args)

    # the blind figure: trained on everything that is not blind, scored once on the blind pages
    if all(p.exists() for p in DEV):
        pages = blind_pages(read_blind_split(SPLIT)) | blind_pages(read_blind_split(GATHERED_SPLIT))
        blind = [r for r in read_corpus([str(p) for p in DEV + [GATHERED]], require_label=False)
                 if r["page"] in pages and r["types"]]
        model, _ = fit_type_model(generated + real)
        ev = evaluate_predictions([r["types"] for r in blind], model.predict([r["text"] for r in blind]))
        print(f"\nblind pages ({len(pages)} pages, {len(blind)} typed records), model on all non-blind records: "
              f"micro-F1 {ev['micro_f1']:.4f}  top-1 {ev['top1_accuracy']:.4f}")
        print(json.dumps({"blind": {"n": ev["n"], "micro_f1": ev["micro_f1"], "top1_accuracy": ev["top1_accuracy"]}}))
    else:
        print(f"\nblind figure skipped: {DEV[0].parent} is not beside the repo")

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
