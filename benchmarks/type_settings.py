"""The type model's settings chosen on grouped folds: the calibration of the tables' conventions and the decision rule.

The real typed records of ``corpora/train/real_petitions.jsonl`` (no blind page among them) get held-out base
probabilities once per fold scheme — folds by page and by province (GroupKFold: no page, or no province, on both
sides), each fold's model trained as ``make train`` trains it on the generated corpus and the other folds' real
records (``--real-share``: the real records' total weight against the generated ones, ``--cap``: a real record's weight at most).  Then, for each setting of
the :class:`ConventionCalibrator` (``convention_prior``: a convention's floor before any record; ``convention_strength``:
its weight in records; ``calibration_strength``: the secondary-type prior's weight) the calibrator is cross-fitted
(each fold's without its records, as ``fit_type_model`` does) and every decision rule (threshold, max types) is
scored: micro-F1 and top-1 against the published labels, and how many types a record is given against how many
the tables give.  ``--main-types best,first_named`` scores each way of choosing the main type
(``PollutionTypeClassifier(main_type=...)``: the most probable, or the first named when it is predicted) — only
top-1 moves.  The secondary types (after the first) are weighed against the plain keyword list as the shipped
model weighs them (:data:`~petitionnlp.classify.SECONDARY_RULE`; ``--no-secondary-rule``: by the threshold alone,
as before session 43).  Nothing blind is read.

    .venv/bin/python benchmarks/type_settings.py [--real-share 0.5] [--folds 5] [--schemes page,province]
        [--main-types first_named] [--no-secondary-rule]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.classify import (SECONDARY_RULE, PollutionTypeClassifier, _decide,  # noqa: E402
                                  evaluate_predictions)
from petitionnlp.training import CV_FOLDS, _held_out, cv_folds, read_corpus, record_weights  # noqa: E402

PRIORS = (0.4, 0.45, 0.5, 0.6, 0.75)
CONVENTION_STRENGTHS = (5.0, 10.0, 20.0)
CALIBRATION_STRENGTHS = (2.0, 5.0, 10.0)
RULES = [(t, m) for t in (0.4, 0.5, 0.6, 0.7) for m in (1, 2, 3)]


def held_out(records, real_idx, scheme, folds, real_share, cap):
    """Per fold of the real records: (held indices into records, base probabilities, what the memory recalls), each
    fold's model trained as ``fit_type_model`` trains it (:func:`petitionnlp.training._held_out`)."""
    X, Y = [r["text"] for r in records], [r["types"] for r in records]
    w = record_weights(records, real_share=real_share, cap=cap)
    real = np.array([bool(r.get("real")) for r in records])
    splits = cv_folds([records[i] for i in real_idx], scheme, folds, 0)
    return _held_out(records, X, Y, w, real, real_idx, splits, {})


def score_setting(model, records, fold_list, setting, secondary=SECONDARY_RULE):
    prior, conv_strength, cal_strength, main_type = setting
    model.set_params(convention_prior=prior, convention_strength=conv_strength, calibration_strength=cal_strength,
                     main_type=main_type)
    base = {int(i): row for idx, proba, _ in fold_list for i, row in zip(idx, proba)}
    final = {}
    for idx, proba, recalled in fold_list:
        fit_on = [i for i in base if i not in set(idx.tolist())]
        cal = model.fit_calibrator([records[i]["text"] for i in fit_on], [records[i]["types"] for i in fit_on],
                                   np.array([base[i] for i in fit_on]))
        texts = [records[i]["text"] for i in idx]
        final.update(zip(idx.tolist(), model.finish_proba(texts, proba, calibrator=cal, recalled=recalled)))
    order = sorted(final)
    gold = [records[i]["types"] for i in order]
    proba = np.array([final[i] for i in order])
    texts = [records[i]["text"] for i in order]
    main, named = model.main_types(texts), model.keyword_named(texts, needed_only=False)
    out = {}
    for rule in RULES:
        pred = _decide(proba, *rule, main, named, *secondary)
        got = evaluate_predictions(gold, pred)
        out[rule] = (got["micro_f1"], got["top1_accuracy"], sum(map(len, pred)) / max(1, sum(map(len, gold))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real-share", type=float, default=0.5)
    ap.add_argument("--cap", type=float, default=50.0, help="a real record's weight at most (record_weights)")
    ap.add_argument("--folds", type=int, default=CV_FOLDS)
    ap.add_argument("--schemes", default="page,province")
    ap.add_argument("--main-types", default="first_named", help="ways of choosing the main type, comma-separated "
                    "(best, first_named)")
    ap.add_argument("--all", action="store_true", help="every setting and rule (else the best 25, and the shipped "
                    "rule with each convention prior)")
    ap.add_argument("--no-secondary-rule", action="store_true", help="secondary types by the threshold alone (not "
                    "weighed against the keyword list as classify.SECONDARY_RULE weighs them)")
    args = ap.parse_args()
    secondary = (None, None) if args.no_secondary_rule else SECONDARY_RULE
    generated = [r for r in read_corpus([str(ROOT / "corpora/train/synthetic_petitions.jsonl")]) if r["types"]]
    real = [r for r in read_corpus([str(ROOT / "corpora/train/real_petitions.jsonl")], require_label=False)
            if r["types"]]
    records = generated + real
    real_idx = np.arange(len(generated), len(records))
    # the calibrators are fitted and applied through a model's conventions and memory mixing (the recalled types
    # come from each fold's model): a model of the real records alone serves
    model = PollutionTypeClassifier().fit([r["text"] for r in real], [r["types"] for r in real],
                                          memorize=np.ones(len(real), bool))
    print(f"{len(real)} real typed records, {len(generated)} generated; real share {args.real_share}, "
          f"a real record's weight at most {args.cap:g}; secondary-type rule {secondary}", flush=True)
    table: dict = {}
    for scheme in args.schemes.split(","):
        t0 = time.time()
        fold_list = held_out(records, real_idx, scheme, args.folds, args.real_share, args.cap)
        print(f"held-out base probabilities, folds by {scheme}: {len(fold_list)} folds, {time.time() - t0:.0f} s",
              flush=True)
        for setting in itertools.product(PRIORS, CONVENTION_STRENGTHS, CALIBRATION_STRENGTHS,
                                         args.main_types.split(",")):
            for rule, got in score_setting(model, records, fold_list, setting, secondary).items():
                table.setdefault((setting, rule), {})[scheme] = got
    schemes = args.schemes.split(",")
    rows = sorted(table.items(), key=lambda kv: -np.mean([kv[1][s][0] + kv[1][s][1] for s in schemes]))
    head = "  ".join(f"{s:>8s} F1/top1/types" for s in schemes)
    print(f"{'prior':>5s} {'conv':>5s} {'cal':>5s} {'main':>11s} {'thr':>4s} {'max':>3s}  {head}")
    shown = rows if args.all else rows[:25] + [kv for kv in rows if kv[0][1] == (0.5, 3) and kv[0][0][1:3] == (20.0, 5.0)]
    for (setting, rule), got in shown:
        cells = "  ".join(f"{got[s][0]:.4f}/{got[s][1]:.4f}/{got[s][2]:.2f}" for s in schemes)
        print(f"{setting[0]:5.2f} {setting[1]:5.0f} {setting[2]:5.0f} {setting[3]:>11s} {rule[0]:4.1f} {rule[1]:3d}  "
              f"{cells}")


if __name__ == "__main__":
    main()
