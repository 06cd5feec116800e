"""What the learned judge changes on each annotated set, out of fold (d45, issue 29 item 3): its removals of the
rules' directives and its additions of clauses the rules left out, each counted right or wrong against the gold,
on the grouped folds of ``make train-briefing`` (sites never split; the shipped setting C, keep, add; averaged over
the cuts of ``FOLD_SEEDS``).  Development sets the judge never trains on (``--extra``, e.g. briefings_news4.jsonl)
are dealt into the folds as test pages only.  A removal is right when the clause matches no gold directive, an
addition when it matches one (the one-to-one matching of ``benchmarks/eval_briefings.py``, rules' and judge's
spans together).  Nothing is printed per record: it says of which kind the judge's errors are, set by set.

    python benchmarks/judge_changes.py [--extra briefings_news4.jsonl ...] [--seeds 0,1,2,3,4]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_briefing_model as t  # noqa: E402

from petitionnlp.briefing.judge import choose  # noqa: E402


def changes(docs: list[dict], probs: list, setting: tuple) -> dict:
    """Per origin: removals right/wrong, additions right/wrong, and the F1 of the rules and of the judge."""
    _, keep, add = setting
    out = defaultdict(lambda: defaultdict(int))
    for d, p in zip(docs, probs):
        dec = choose(d["cands"], p, keep, add) if d["cands"] else []
        c = out[d["origin"]]
        for cand, k, lab in zip(d["cands"], dec, d["labels"]):
            if cand["rule"] and not k:
                c["removed_right" if not lab else "removed_wrong"] += 1
            elif k and not cand["rule"]:
                c["added_right" if lab else "added_wrong"] += 1
        for name, keep_ in (("rules", [x["rule"] for x in d["cands"]]), ("judge", dec)):
            tp, n_pred, n_gold = t._score([d], [keep_])
            c[name + "_tp"] += tp
            c[name + "_pred"] += n_pred
            c[name + "_gold"] += n_gold
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", nargs="*", default=[], help="gold files under corpora/briefing/gold, test folds only")
    ap.add_argument("--seeds", default=",".join(map(str, t.FOLD_SEEDS)))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    docs = t.examples(t.training_briefings(Path(args.shared))) + \
        [dict(d, train=False) for d in t.examples(t.development_briefings())]
    for name in args.extra:
        docs += [dict(d, train=False) for d in t.examples([dict(x, origin=Path(name).stem)
                                                             for x in t._rows(t.GOLD / name)])]
    setting = t.shipped_setting()
    total: dict = defaultdict(lambda: defaultdict(int))
    seeds = [int(s) for s in args.seeds.split(",")]
    for seed in seeds:
        cv = t.cross_validate(docs, seed)
        for origin, c in changes(docs, cv["probs"][setting[0]], setting).items():
            for k, v in c.items():
                total[origin][k] += v
    n = len(seeds)
    print(f"setting C {setting[0]} keep {setting[1]} add {setting[2]}; out-of-fold, mean over {n} cuts of the sites")
    print(f"{'set':24} {'removed ok/wrong':>17} {'added ok/wrong':>15} {'rules F1':>9} {'judge F1':>9}")
    for origin in sorted(total):
        c = total[origin]
        fr = t._prf(c["rules_tp"], c["rules_pred"], c["rules_gold"])[2]
        fj = t._prf(c["judge_tp"], c["judge_pred"], c["judge_gold"])[2]
        print(f"{origin:24} {c['removed_right'] / n:8.1f}/{c['removed_wrong'] / n:<8.1f} "
              f"{c['added_right'] / n:7.1f}/{c['added_wrong'] / n:<7.1f} {fr:9.3f} {fj:9.3f}")


if __name__ == "__main__":
    main()
