"""Where the plain keyword list beats the type model, and two ways of letting it decide the secondary types.

The typed real records of ``make train``'s corpora (``corpora/train/``: no blind page among them) get out-of-fold
probabilities exactly as ``make train``'s card computes its cross-validated figures (``fit_type_model``: each
fold's model trained on the generated records and the other folds' real ones, its calibrator fitted without the
fold; folds by page and by province, seed 0 as the card's, ``--seeds`` other cuts), so the model's figures here
are the card's.  Beside them: the keyword list (:class:`~petitionnlp.classify.KeywordClassifier`), type by type
(true/false positives, misses) and as secondary types (the types given after the first); then the decision rule
(:func:`petitionnlp.features.decide`) with the secondary types (those after the model's first type: top-1 cannot
move) weighed against the keyword list: a type it names is given from ``--named`` N, one it does not name from
``--unnamed`` U (``never``: not given).  Session 42's two combinations are two of them:

- ``agree`` (N = the threshold 0.5, U = never): a secondary type the model gives is kept only when the keyword
  list names it too;
- ``named G`` (N = G, U = the threshold): besides the model's own types, a type the keyword list names is given
  from probability G.

The rule shipped (``classify.SECONDARY_RULE``, N = 0.4, U = 0.8) was chosen here with ``--seeds 0,1,2,3``: every
cut gains (page +0.0208 on average, province +0.0235), more than either combination alone.

Printed per seed and scheme, then over the seeds: each rule's micro-F1 (mean and per seed), its gain over the
model (mean, range) and top-1.  ``--fit-cache DIR`` keeps the fitted models (``office_history.py``'s cache).
Nothing blind is read.

    .venv/bin/python benchmarks/secondary_types.py [--schemes page,province] [--seeds 0,1,2,3]
        [--named 0.3,0.4,0.5] [--unnamed 0.5,0.6,0.7,0.8,never] [--fit-cache DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.classify import (SECONDARY_RULE, KeywordClassifier, PollutionTypeClassifier, _decide,  # noqa: E402
                                  evaluate_predictions)
from petitionnlp.taxonomy import TYPES  # noqa: E402
from petitionnlp.training import (CV_FOLDS, _Calibration, _held_out, cv_folds, read_corpus,  # noqa: E402
                                  record_weights)


def card_records(cache=None):
    """``make train``'s typed records (generated and real; no blind page among them), the real ones, their texts and
    published types; with ``cache`` (a folder), every fitted type model kept there (``office_history.py``'s
    ``--fit-cache``)."""
    if cache:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from office_history import fit_cache

        fit_cache(cache)
    files = [str(ROOT / "corpora/train" / f) for f in ("synthetic_petitions.jsonl", "real_petitions.jsonl")]
    records = [r for r in read_corpus(files) if r["types"]]
    real = [r for r in records if r.get("real")]
    return records, real, [r["text"] for r in real], [r["types"] for r in real]


def out_of_fold(records, schemes, seed=0):
    """{scheme: final probabilities of the real records (in order)} as the card computes them, and the model."""
    X, Y = [r["text"] for r in records], [r["types"] for r in records]
    w = record_weights(records)
    real = np.array([bool(r.get("real")) for r in records])
    pool = np.flatnonzero(real)
    by = {}
    for scheme in schemes:
        t0 = time.time()
        splits = cv_folds([records[i] for i in pool], scheme, CV_FOLDS, seed)
        by[scheme] = _held_out(records, X, Y, w, real, pool, splits, {})
        print(f"folds by {scheme}: {len(by[scheme])}, {time.time() - t0:.0f} s", flush=True)
    held_base = {int(i): row for idx, p, _ in by[schemes[0]] for i, row in zip(idx, p)}  # as fit_type_model
    model = PollutionTypeClassifier().fit(X, Y, sample_weight=w, memorize=real)
    calibration = _Calibration(model, X, Y, np.array([], int), pool, held_base)
    out, out.folds = _Probas(), {}
    for scheme, fold_list in by.items():
        final, fold_of = {}, {}
        for k, (idx, base, recalled) in enumerate(fold_list):
            fold_of.update((int(i), k) for i in idx)
            office = calibration.fit(leave_out=idx)[1]
            final.update(zip(idx.tolist(), model.finish_proba([X[i] for i in idx], base, calibrator=office,
                                                              recalled=recalled)))
        out[scheme] = np.array([final[int(i)] for i in pool])
        out.folds[scheme] = np.array([fold_of[int(i)] for i in pool])
    return out, model


class _Probas(dict):
    """{scheme: probabilities}, with ``folds``: {scheme: each real record's fold}."""


def nested(proba, folds, gold, decide_rule, rules):
    """Each fold's records decided by the rule that scores best (micro-F1) on the other folds' out-of-fold
    probabilities — the rule chosen without the records it is scored on; (micro-F1, the rules chosen)."""
    pred, chosen = [None] * len(gold), []
    for k in sorted(set(folds.tolist())):
        inner = np.flatnonzero(folds != k)
        best = max(rules, key=lambda r: (evaluate_predictions([gold[i] for i in inner],
                                                              decide_rule(proba[inner], inner, r))["micro_f1"],
                                         r == (None, None)))
        chosen.append(best)
        outer = np.flatnonzero(folds == k)
        for i, p in zip(outer, decide_rule(proba[outer], outer, best)):
            pred[i] = p
    return evaluate_predictions(gold, pred)["micro_f1"], chosen


def counts(gold, pred, t):
    return (sum(t in g and t in p for g, p in zip(gold, pred)), sum(t not in g and t in p for g, p in zip(gold, pred)),
            sum(t in g and t not in p for g, p in zip(gold, pred)))


def line(name, gold, pred):
    got = evaluate_predictions(gold, pred)
    second = [t in g for g, p in zip(gold, pred) for t in p[1:]]
    return (f"{name:22s} micro-F1 {got['micro_f1']:.4f}  top-1 {got['top1_accuracy']:.4f}  types given "
            f"{sum(map(len, pred))} (published {sum(map(len, gold))}), secondary {len(second)} of which right "
            f"{sum(second)}")


NEVER = 2.0  # an unnamed threshold above 1: a secondary type the keyword list does not name is never given


def rule_name(rule) -> str:
    named, unnamed = rule
    if rule == (None, None):
        return "model"
    shown = lambda v: "thr" if v is None else "never" if v > 1 else f"{v:g}"  # noqa: E731
    return f"named {shown(named)} / unnamed {shown(unnamed)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemes", default="page,province")
    ap.add_argument("--named", default="0.3,0.4,0.5", help="thresholds of a secondary type the keyword list names")
    ap.add_argument("--unnamed", default="0.5,0.6,0.7,0.8,never",
                    help="thresholds of a secondary type it does not name (never: not given)")
    ap.add_argument("--seeds", default="0", help="the folds' seeds, comma-separated (0: the card's folds)")
    ap.add_argument("--nested", action="store_true", help="also score the rule chosen on the other folds only "
                    "(each fold decided by the rule best on the rest: an estimate without the choice's optimism)")
    ap.add_argument("--fit-cache", default=None, help="folder keeping every fitted type model by its inputs "
                    "(benchmarks/office_history.py's --fit-cache)")
    args = ap.parse_args()
    records, real, texts, gold = card_records(args.fit_cache)
    print(f"{len(real)} real typed records, {len(records) - len(real)} generated")
    schemes, seeds = args.schemes.split(","), [int(x) for x in args.seeds.split(",")]
    value = lambda v: NEVER if v == "never" else float(v)  # noqa: E731
    rules = [(None, None)] + [(value(a), value(b)) for a in args.named.split(",") for b in args.unnamed.split(",")]
    got = {}  # (scheme, rule) -> [(micro-F1, top-1) a seed]
    for seed in seeds:
        probas, model = out_of_fold(records, schemes, seed)
        main_types, named = model.main_types(texts), model.keyword_named(texts, needed_only=False)
        words = KeywordClassifier().fit().predict(texts)
        for scheme, proba in probas.items():
            print(f"== seed {seed}, folds by {scheme}")
            pred = _decide(proba, model.threshold, model.max_types, main_types)
            if seed == seeds[0]:
                print(line("keyword list", gold, words))
                print(f"  {'type':4s} model right/wrong/missed  keywords right/wrong/missed  as secondary: model "
                      f"right/given  keywords right/given")
                for t in TYPES:
                    second = [[t in g for g, p in zip(gold, q) if t in p[1:]] for q in (pred, words)]
                    m, k = counts(gold, pred, t), counts(gold, words, t)
                    if any(m + k):
                        print(f"  {t:4s} {m[0]:3d} {m[1]:3d} {m[2]:3d}              {k[0]:3d} {k[1]:3d} {k[2]:3d}"
                              f"                   {sum(second[0]):3d}/{len(second[0]):<3d}        "
                              f"{sum(second[1]):3d}/{len(second[1]):<3d}")
            if args.nested:
                decide_rule = lambda pr, rows, r: _decide(pr, model.threshold, model.max_types,  # noqa: E731
                                                          main_types[rows], named[rows], *r)
                f1, chosen = nested(proba, probas.folds[scheme], gold, decide_rule, rules)
                got.setdefault((scheme, "nested"), []).append(f1)
                print(f"nested (the rule chosen on the other folds) micro-F1 {f1:.4f}; chosen: "
                      + ", ".join(rule_name(r) for r in chosen), flush=True)
            for rule in rules:
                pred = _decide(proba, model.threshold, model.max_types, main_types, named, *rule)
                score = evaluate_predictions(gold, pred)
                got.setdefault((scheme, rule), []).append((score["micro_f1"], score["top1_accuracy"]))
                print(line(rule_name(rule), gold, pred), flush=True)
    print(f"== over seeds {args.seeds}: micro-F1 mean (per seed), top-1 mean; the shipped rule is "
          f"{rule_name(SECONDARY_RULE)}")
    for scheme in schemes:
        for rule in rules:
            f1 = [a for a, _ in got[(scheme, rule)]]
            gain = np.subtract(f1, [a for a, _ in got[(scheme, (None, None))]])
            print(f"{scheme:9s} {rule_name(rule):32s} {np.mean(f1):.4f} ({' '.join(f'{v:.4f}' for v in f1)})  "
                  f"gain {gain.mean():+.4f} [{gain.min():+.4f}, {gain.max():+.4f}]  top-1 "
                  f"{np.mean([b for _, b in got[(scheme, rule)]]):.4f}")
        if args.nested:
            f1 = got[(scheme, "nested")]
            gain = np.subtract(f1, [a for a, _ in got[(scheme, (None, None))]])
            print(f"{scheme:9s} {'nested choice':32s} {np.mean(f1):.4f} ({' '.join(f'{v:.4f}' for v in f1)})  "
                  f"gain {gain.mean():+.4f} [{gain.min():+.4f}, {gain.max():+.4f}]")
    both = [r for r in rules if r != (None, None)]
    print("both schemes, mean gain over the model: " + "; ".join(
        f"{rule_name(r)} {np.mean([np.subtract([a for a, _ in got[(s, r)]], [a for a, _ in got[(s, (None, None))]]).mean() for s in schemes]):+.4f}"
        for r in sorted(both, key=lambda r: -np.mean([np.mean([a for a, _ in got[(s, r)]]) for s in schemes]))[:8]))


if __name__ == "__main__":
    main()
