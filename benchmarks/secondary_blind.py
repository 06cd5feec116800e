"""The shipped type model on blind records with and without its secondary-type rule, and how much of the
difference is noise.

Reporting only: nothing here is chosen, and no figure here may choose anything (the rule is chosen on grouped
folds, ``benchmarks/secondary_types.py --nested``).  The records: those on the blind pages of ``make evaluate``
(the dev corpora and the gathered records, ``corpora/train/blind_split*.json``) and any further blind file given
with ``--extra`` (e.g. ``benchmarks/data/types_blind44.jsonl``), each set alone and pooled.  The model's
probabilities are computed once; each rule then decides the types (the first type does not depend on the rule,
so top-1 cannot move):

- ``shipped``: :data:`~petitionnlp.classify.SECONDARY_RULE` (a secondary type the keyword list names from 0.4,
  one it does not name from 0.8);
- ``agree``: a secondary type only where the keyword list names it, from the threshold (session 42);
- ``model``: the threshold alone (the model before session 43).

Noise: a paired bootstrap over records (``--reps`` resamples of the pooled records, the same resample scored
under both rules): the mean difference of micro-F1, its 95 % interval and the share of resamples where the
shipped rule loses; and the records where the two rules give different types, counted (types the shipped rule
adds or drops that the published label has or lacks).

    .venv/bin/python benchmarks/secondary_blind.py [--extra benchmarks/data/types_blind44.jsonl] [--reps 10000]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.classify import SECONDARY_RULE, _decide, evaluate_predictions, load_model  # noqa: E402
from petitionnlp.training import _blind_records, models_dir, read_corpus  # noqa: E402

DEV = [ROOT.parent / "shared/corpora/petitions_dev.jsonl", ROOT.parent / "shared/corpora/disclosure_dev.jsonl"]
GATHERED = ROOT / "corpora/train/gathered_petitions.jsonl"
BLIND = [ROOT / "corpora/train/blind_split.json", ROOT / "corpora/train/blind_split_gathered.json"]
NEVER = 2.0  # above 1: a secondary type the keyword list does not name is never given
RULES = {"shipped": SECONDARY_RULE, "agree": (None, NEVER), "model": (None, None)}


def micro_counts(gold, pred) -> np.ndarray:
    """Per record: (true positives, predicted, gold) — micro-F1 of any subset is 2·Σtp / (Σpred + Σgold)."""
    return np.array([(len(set(g) & set(p)), len(p), len(g)) for g, p in zip(gold, pred)], dtype=float)


def f1(c: np.ndarray) -> float:
    s = c.sum(axis=0)
    return float(2 * s[0] / (s[1] + s[2])) if s[1] + s[2] else 0.0


def bootstrap(a: np.ndarray, b: np.ndarray, reps: int, seed: int = 0) -> tuple[float, float, float, float]:
    """Paired bootstrap of micro-F1(a) − micro-F1(b) over records: mean, 2.5 % and 97.5 % points, P(diff < 0)."""
    rng = np.random.default_rng(seed)
    n = len(a)
    idx = rng.integers(0, n, size=(reps, n))
    sa, sb = a[idx].sum(axis=1), b[idx].sum(axis=1)
    d = 2 * sa[:, 0] / (sa[:, 1] + sa[:, 2]) - 2 * sb[:, 0] / (sb[:, 1] + sb[:, 2])
    return float(d.mean()), float(np.percentile(d, 2.5)), float(np.percentile(d, 97.5)), float((d < 0).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", nargs="*", default=[], help="further blind files (every typed record is scored)")
    ap.add_argument("--model", default=None, help="model folder (default: the shipped models)")
    ap.add_argument("--reps", type=int, default=10000)
    args = ap.parse_args()
    model = load_model(Path(args.model) if args.model else models_dir())
    sets = {"blind pages (make evaluate)": _blind_records(read_corpus([str(p) for p in DEV + [GATHERED]]),
                                                           [str(p) for p in BLIND])}
    for path in args.extra:
        sets[Path(path).name] = read_corpus([path])
    sets = {k: [r for r in v if r["types"]] for k, v in sets.items()}
    if len(sets) > 1:
        sets["pooled"] = [r for v in list(sets.values()) for r in v]
    for name, records in sets.items():
        texts, gold = [r["text"] for r in records], [r["types"] for r in records]
        main = model.main_types(texts)
        proba = model.finish_proba(texts, model.base_proba(texts), main=main)  # as proba_and_main
        named = model.keyword_named(texts, needed_only=False)
        preds = {k: _decide(proba, model.threshold, model.max_types, main, named, *rule) for k, rule in RULES.items()}
        print(f"== {name}: {len(records)} typed records")
        for k, pred in preds.items():
            got = evaluate_predictions(gold, pred)
            print(f"  {k:8s} micro-F1 {got['micro_f1']:.4f}  top-1 {got['top1_accuracy']:.4f}  types given "
                  f"{sum(map(len, pred))} (published {sum(map(len, gold))})")
        counts = {k: micro_counts(gold, p) for k, p in preds.items()}
        for other in ("model", "agree"):
            mean, lo, hi, p_lose = bootstrap(counts["shipped"], counts[other], args.reps)
            diff = [(g, a, b) for g, a, b in zip(gold, preds["shipped"], preds[other]) if set(a) != set(b)]
            added = [t for g, a, b in diff for t in set(a) - set(b)]
            dropped = [t for g, a, b in diff for t in set(b) - set(a)]
            right_added = sum(t in g for g, a, b in diff for t in set(a) - set(b))
            right_dropped = sum(t in g for g, a, b in diff for t in set(b) - set(a))
            print(f"  shipped − {other}: {f1(counts['shipped']) - f1(counts[other]):+.4f}; bootstrap mean {mean:+.4f} "
                  f"95% [{lo:+.4f}, {hi:+.4f}], shipped loses in {p_lose:.0%} of resamples; {len(diff)} records "
                  f"differ: {len(added)} types added ({right_added} in the published label), {len(dropped)} dropped "
                  f"({right_dropped} in the published label)")


if __name__ == "__main__":
    main()
