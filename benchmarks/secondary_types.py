"""Where the plain keyword list beats the type model, and two ways of letting it decide the secondary types.

The typed real records of ``make train``'s corpora (``corpora/train/``: no blind page among them) get out-of-fold
probabilities exactly as ``make train``'s card computes its cross-validated figures (``fit_type_model``: each
fold's model trained on the generated records and the other folds' real ones, its calibrator fitted without the
fold; folds by page and by province, seed 0 as the card's, ``--seed`` another cut), so the model's figures here
are the card's.  Beside them: the keyword list (:class:`~petitionnlp.classify.KeywordClassifier`), type by type
(true/false positives, misses) and as secondary types (the types given after the first); then two combinations
that keep the model's first type (top-1 cannot move) and change only the secondary ones:

- ``agree``: a secondary type the model gives (probability ≥ its threshold) is kept only when the keyword list
  names it too;
- ``named G``: besides the model's own types, a type the keyword list names is given from probability G.

Nothing blind is read.

    .venv/bin/python benchmarks/secondary_types.py [--schemes page,province] [--gates 0.3,0.4] [--seed 0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.classify import KeywordClassifier, PollutionTypeClassifier, _decide, evaluate_predictions  # noqa: E402
from petitionnlp.taxonomy import TYPES  # noqa: E402
from petitionnlp.training import (CV_FOLDS, _Calibration, _held_out, cv_folds, read_corpus,  # noqa: E402
                                  record_weights)


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
    out = {}
    for scheme, fold_list in by.items():
        final = {}
        for idx, base, recalled in fold_list:
            office = calibration.fit(leave_out=idx)[1]
            final.update(zip(idx.tolist(), model.finish_proba([X[i] for i in idx], base, calibrator=office,
                                                              recalled=recalled)))
        out[scheme] = np.array([final[int(i)] for i in pool])
    return out, model


def combine(proba, main, named, model, gate=None):
    """The model's first type, then its secondary types: ``gate`` None — those the keyword list also names
    (``agree``); else the model's own plus those the keyword list names from probability ``gate``."""
    out = []
    for p, given, words in zip(proba, _decide(proba, model.threshold, model.max_types, main), named):
        rest = [TYPES[j] for j in np.argsort(-p, kind="stable") if TYPES[j] != given[0] and (
            (TYPES[j] in given and TYPES[j] in words) if gate is None else
            (TYPES[j] in given or (TYPES[j] in words and p[j] >= gate)))]
        out.append(([given[0]] + rest)[:model.max_types])
    return out


def counts(gold, pred, t):
    return (sum(t in g and t in p for g, p in zip(gold, pred)), sum(t not in g and t in p for g, p in zip(gold, pred)),
            sum(t in g and t not in p for g, p in zip(gold, pred)))


def line(name, gold, pred):
    got = evaluate_predictions(gold, pred)
    second = [t in g for g, p in zip(gold, pred) for t in p[1:]]
    return (f"{name:22s} micro-F1 {got['micro_f1']:.4f}  top-1 {got['top1_accuracy']:.4f}  types given "
            f"{sum(map(len, pred))} (published {sum(map(len, gold))}), secondary {len(second)} of which right "
            f"{sum(second)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemes", default="page,province")
    ap.add_argument("--gates", default="0.3,0.4", help="probabilities from which a type the keyword list names is "
                    "given (the `named` combination)")
    ap.add_argument("--seed", type=int, default=0, help="the folds' seed (0: the card's folds)")
    args = ap.parse_args()
    files = [str(ROOT / "corpora/train" / f) for f in ("synthetic_petitions.jsonl", "real_petitions.jsonl")]
    records = [r for r in read_corpus(files) if r["types"]]
    probas, model = out_of_fold(records, args.schemes.split(","), args.seed)
    real = [r for r in records if r.get("real")]
    texts, gold = [r["text"] for r in real], [r["types"] for r in real]
    main_types, named = model.main_types(texts), KeywordClassifier().fit().predict(texts)
    print(f"{len(real)} real typed records, {len(records) - len(real)} generated")
    for scheme, proba in probas.items():
        pred = _decide(proba, model.threshold, model.max_types, main_types)
        print(f"== folds by {scheme}")
        print(line("model", gold, pred))
        print(line("keyword list", gold, named))
        print(f"  {'type':4s} model right/wrong/missed  keywords right/wrong/missed  as secondary: model "
              f"right/given  keywords right/given")
        for t in TYPES:
            second = [[t in g for g, p in zip(gold, q) if t in p[1:]] for q in (pred, named)]
            m, k = counts(gold, pred, t), counts(gold, named, t)
            if any(m + k):
                print(f"  {t:4s} {m[0]:3d} {m[1]:3d} {m[2]:3d}              {k[0]:3d} {k[1]:3d} {k[2]:3d}"
                      f"                   {sum(second[0]):3d}/{len(second[0]):<3d}        "
                      f"{sum(second[1]):3d}/{len(second[1]):<3d}")
        print(line("agree", gold, combine(proba, main_types, named, model)))
        for gate in map(float, args.gates.split(",")):
            print(line(f"named {gate:g}", gold, combine(proba, main_types, named, model, gate)))


if __name__ == "__main__":
    main()
