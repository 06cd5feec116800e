"""Where the main (first) type is wrong out of fold, by kind, and which way of choosing it carries over.

Top-1 (the first type given is one the published table gives) on the typed real records of ``make train``'s
corpora (``corpora/train/``: no blind page among them), from out-of-fold probabilities computed exactly as the
card computes them (``secondary_types.out_of_fold``: folds by page and by province, ``--seeds``; seed 0 = the
card's folds).  The ways of choosing the main type, each with the shipped rule for the other types:

- ``best``: the most probable type;
- ``first named, else best`` (shipped, ``main_type="first_named"``): the type the text names first (a term of
  weight ≥ 0.8, not in passing, not a facility's name) when it is predicted, else the most probable;
- ``first named, else 其他`` (not shipped): the same, but a text that names no medium by such a term is filed under
  其他 first (all 4 such real records are); ``… no term at all``: only a text with no lexicon term of any weight;
- ``precedence K`` (learned, not shipped): the first named gives way to another predicted type the text names that
  the tables kept over it at least K more times than the reverse, counted on the other folds' records (a record
  counts "a kept over b" when the text names both and the table gives a, not b) — the tables' order of media as
  learned from records; ``+ 其他``: with the rule above; ``keyword list``: the types and the counts read by the
  plain keyword list (:func:`~petitionnlp.features.keyword_named`: any occurrence of a strong term), as a shipped
  rule would read them beside the decision's ``named``.

Printed: the top-1 misses of the first-named rules by kind (the first seed, each scheme); the generated records
(types exact by construction) that name no medium by a strong term and how many of them are 其他 — what the
``else 其他`` rule would do on short complaints that name their medium by a weaker term (河水发黑, 厂里偷排);
then
each rule's micro-F1 and top-1 per scheme (mean over the seeds, and per seed).  Nothing blind is read.

    .venv/bin/python benchmarks/main_type.py [--seeds 0,1,2] [--fit-cache DIR]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from petitionnlp.classify import evaluate_predictions  # noqa: E402
from petitionnlp.features import compiled, decide, first_use  # noqa: E402
from petitionnlp.taxonomy import TYPES  # noqa: E402
from secondary_types import card_records, out_of_fold  # noqa: E402

OTHER = TYPES.index("其他")


def named_order(model, texts) -> list[list[int]]:
    """The types each text names (terms of weight ≥ 0.8, not in passing, not a facility's name), in the order it
    first names them: the model's own first-mention reading (its first element is ``main_types``)."""
    lex = dict(model.pipeline_.named_steps["features"].transformer_list)["lexicon"]
    patterns = compiled(lex.negated_before_, lex.place_after_)
    container = compiled(lex.container_after_)[0]
    out = []
    for text in texts:
        pos: dict[int, int] = {}
        for term, kind, weight in zip(lex.terms_, lex.term_types_.tolist(), lex.term_weights_.tolist()):
            if weight >= 0.8:
                p = first_use(text, term, patterns, container)
                if p >= 0:
                    pos[kind] = min(pos.get(kind, p), p)
        out.append([k for k, _ in sorted(pos.items(), key=lambda kv: (kv[1], kv[0]))])
    return out


def kept_over(orders, gold, rows) -> collections.Counter:
    """(a, b): how often the table gives a and not b where the text names both (records ``rows``)."""
    c: collections.Counter = collections.Counter()
    for i in rows:
        kept = [k for k in orders[i] if TYPES[k] in gold[i]]
        dropped = [k for k in orders[i] if TYPES[k] not in gold[i]]
        c.update((a, b) for a in kept for b in dropped)
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0,1,2", help="the folds' seeds, comma-separated (0: the card's folds)")
    ap.add_argument("--fit-cache", default=None, help="folder keeping every fitted type model by its inputs "
                    "(benchmarks/office_history.py's --fit-cache)")
    args = ap.parse_args()
    records, real, texts, gold = card_records(args.fit_cache)
    seeds, schemes = [int(x) for x in args.seeds.split(",")], ("page", "province")
    print(f"{len(real)} real typed records; {sum(1 for r in real if '其他' in r['types'])} give 其他")
    got = collections.defaultdict(list)
    for seed in seeds:
        probas, model = out_of_fold(records, list(schemes), seed)
        first = model.main_types(texts)
        named = model.keyword_named(texts)
        orders = named_order(model, texts)
        assert [o[0] if o else -1 for o in orders] == first.tolist()
        # the plain keyword list's reading instead (any occurrence of a strong term; in the types' order)
        listed = [np.flatnonzero(row).tolist() if first[i] >= 0 else []
                  for i, row in enumerate(model.keyword_named(texts, needed_only=False))]
        rule = (model.threshold, model.max_types)
        gate = (named, model.named_threshold, model.unnamed_threshold)
        lexicon = dict(model.pipeline_.named_steps["features"].transformer_list)["lexicon"]
        termed = np.asarray(lexicon.transform(texts)[:, :len(TYPES)].sum(axis=1)).ravel() > 0
        if seed == seeds[0]:
            made = [r for r in records if not r.get("real")]
            loose = [r for r, f in zip(made, model.main_types([r["text"] for r in made])) if f < 0]
            print(f"generated records that name no medium by a strong term: {len(loose)} of {len(made)}; their "
                  "types: " + ", ".join(f"{t} {n}" for t, n in collections.Counter(
                      t for r in loose for t in r["types"]).most_common()))
            none = [i for i in range(len(real)) if first[i] < 0]
            print(f"texts that name no medium: {len(none)}, the tables give "
                  + ", ".join(f"{t} {n}" for t, n in collections.Counter(t for i in none for t in gold[i]).items()))
        for scheme in schemes:
            proba, folds = probas[scheme], probas.folds[scheme]

            def precedence(k, other, reading=orders):
                mains = first.copy()
                for fold in set(folds.tolist()):
                    c = kept_over(reading, gold, np.flatnonzero(folds != fold))
                    for i in np.flatnonzero(folds == fold):
                        given = [b for b in reading[i] if proba[i, b] >= model.threshold]
                        if first[i] in given:
                            mains[i] = next((b for b in given if b != first[i]
                                             and c[(b, first[i])] - c[(first[i], b)] >= k), first[i])
                return other_first(proba, mains, mains < 0) if other else decide(proba, *rule, mains, *gate)

            def other_first(proba, mains, rows):
                """The decision with 其他 given and first in ``rows`` (the others as the rule gives them)."""
                forced = proba.copy()
                forced[rows, OTHER] = np.maximum(forced[rows, OTHER], model.threshold)
                return decide(forced, *rule, np.where(rows, OTHER, mains), *gate)

            preds = {"best": decide(proba, *rule, None, *gate),
                     "first named, else best": decide(proba, *rule, first, *gate),
                     "first named, else 其他": other_first(proba, first, first < 0),
                     "… no term at all": other_first(proba, first, (first < 0) & ~termed),
                     **{f"precedence {k}": precedence(k, False) for k in (1, 2, 3)},
                     **{f"precedence {k} + 其他": precedence(k, True) for k in (1, 2, 3)},
                     **{f"precedence {k}, keyword list": precedence(k, False, listed) for k in (1, 2, 3)}}
            for name, pred in preds.items():
                score = evaluate_predictions(gold, pred)
                got[(scheme, name)].append((score["micro_f1"], score["top1_accuracy"]))
            for shown in ("first named, else best", "first named, else 其他") if seed == seeds[0] else ():
                pred = preds[shown]
                kinds = collections.Counter()
                for i, p in enumerate(pred):
                    if p[0] in gold[i]:
                        continue
                    if first[i] < 0:
                        kinds["names no medium"] += 1
                    elif TYPES[first[i]] not in gold[i]:
                        named_in = [TYPES[k] for k in orders[i] if TYPES[k] in gold[i]]
                        kinds["leads with a medium the table leaves out"
                              + (f" (names the table's {'/'.join(named_in)} later)" if named_in else
                                 " (names none of the table's)")] += 1
                    else:
                        kinds["the first named is not predicted"] += 1
                print(f"== seed {seed}, folds by {scheme}: top-1 misses of {shown!r} "
                      f"{sum(kinds.values())} of {len(real)}; by kind: "
                      + "; ".join(f"{k} {n}" for k, n in kinds.most_common()))
            if seed == seeds[0] and scheme == schemes[0]:
                c = kept_over(orders, gold, range(len(real)))
                print("   kept over (all records; a>b n:m — the table gives a not b n times where the text names "
                      "both, b not a m times): " + ", ".join(f"{TYPES[a]}>{TYPES[b]} {n}:{c[(b, a)]}"
                                                             for (a, b), n in c.most_common() if n > c[(b, a)]))
    print(f"== micro-F1 and top-1, mean over seeds {args.seeds} (per seed)")
    for scheme in schemes:
        for name in dict.fromkeys(n for s, n in got if s == scheme):
            v = np.array(got[(scheme, name)])
            print(f"{scheme:9s} {name:24s} micro-F1 {v[:, 0].mean():.4f} ({' '.join(f'{x:.4f}' for x in v[:, 0])})"
                  f"  top-1 {v[:, 1].mean():.4f} ({' '.join(f'{x:.4f}' for x in v[:, 1])})")


if __name__ == "__main__":
    main()
