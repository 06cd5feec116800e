"""Which of the rules' protected directives the learned judge could take away (d54b, issue 29 item 3): the judge may
only remove a directive of the rules that is ``removable`` (done work, a heading, a closing formula, a goal, a report —
``judge_removable_*`` in ``directive_rules.json``); most false directives of the rules on the grouped folds are of
the other, protected, kinds.  For each protected kind this prints, on held-out folds, how many directives of the
rules it holds, how many are false, and for each threshold what the judge would take away at p < threshold and how
many of those are false (the removal precision) — the judge may be let loose on a kind only where that precision is
high (about 0.85) on both fold schemes:

* ``site``: the grouped folds of ``make train-briefing`` (whole sites, the cuts of ``FOLD_SEEDS``; counts summed over
  the cuts);
* ``batch``: leave one annotated batch out (each gold file's pages, the development pages too, tested by a judge
  trained on the other batches).

One judge at the shipped C (not the committee: it votes at the same setting).  Kinds are read from the candidate's
features: its marker (要, 将, 请, 必须, an enumerator without one, none…), whether a deadline or an assignment keeps it
(``judge_kept_*``), and a few cues of where it stands (a speaker, a plan, a numbered item, a line of its own).
Nothing is printed per record.

    python benchmarks/judge_protected.py [--schemes site batch] [--seeds 0,1,2,3,4] [--min 15]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import train_briefing_model as t  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
CUES = ("spoken", "enum", "doc_plan", "line_alone", "in_order", "subject_body", "sentence_start", "due",
        "duty_verb", "frame_head", "statistics=1")


def kinds(c: dict) -> list[str]:
    """The protected kinds a directive of the rules belongs to (one marker kind, crossed with a few cues)."""
    f = c["features"]
    mark = next((k[len("marker="):] for k in f if k.startswith("marker=") and f[k]), "?")
    kept = "kept" if c.get("kept") else "free"
    out = ["all", f"marker={mark}", kept, f"marker={mark}&{kept}"]
    out += [f"{cue}" for cue in CUES if f.get(cue)]
    out += [f"marker={mark}&{cue}" for cue in CUES if f.get(cue)]
    return out


def _oof(docs: list[dict], folds: list[list[int]], C: float) -> list:
    probs: list = [None] * len(docs)
    for test in folds:
        ts = set(test)
        X, y, _ = t._rows_of(docs, [i for i in range(len(docs)) if i not in ts and docs[i].get("train", True)])
        model = t.DirectiveModel(C=C).fit(X, y)
        for i in test:
            feats = [c["features"] for c in docs[i]["cands"]]
            probs[i] = model.predict_proba(feats)[:, 1] if feats else np.zeros(0)
    return probs


def tally(docs: list[dict], probs: list, table: dict) -> None:
    for d, p in zip(docs, probs):
        for c, lab, pi in zip(d["cands"], d["labels"], p):
            if not c["rule"] or c.get("removable"):
                continue
            for k in kinds(c):
                row = table[k]
                row["n"] += 1
                row["false"] += int(not lab)
                for th in THRESHOLDS:
                    if pi < th:
                        row[f"rm{th}"] += 1
                        row[f"ok{th}"] += int(not lab)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schemes", nargs="*", default=["site", "batch"])
    ap.add_argument("--seeds", default=",".join(map(str, t.FOLD_SEEDS)))
    ap.add_argument("--min", type=int, default=15, help="kinds with fewer protected directives are not printed")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "corpora"))
    args = ap.parse_args()
    from petitionnlp.briefing.directives import _kept, rules
    from petitionnlp.text import unify_newlines

    r = rules()
    briefings = t.training_briefings(Path(args.shared)) + [dict(d, train=False) for d in t.development_briefings()]
    docs = t.examples(briefings)
    for b, d in zip(briefings, docs):
        d["train"] = b.get("train", True)
        text = unify_newlines(b["doc"]["text"])
        for c in d["cands"]:
            c["kept"] = bool(c["rule"]) and _kept(text[c["start"]:c["end"]], c["features"], c.get("deadline"), r)
    C = (t.shipped_setting() or (0.3, 0.6, 0.6))[0]
    seeds = tuple(int(s) for s in args.seeds.split(","))
    for scheme in args.schemes:
        table: dict = defaultdict(lambda: defaultdict(int))
        if scheme == "site":
            for seed in seeds:
                tally(docs, _oof(docs, t.grouped_folds(docs, seed=seed), C), table)
        else:
            by = defaultdict(list)
            for i, d in enumerate(docs):
                by[d["origin"]].append(i)
            tally(docs, _oof(docs, list(by.values()), C), table)
        print(f"== scheme {scheme}: protected directives of the rules, held out (removed at p < th: n / false)")
        print("kind".ljust(34) + "n".rjust(6) + "false".rjust(6) + "".join(f"  p<{th}".rjust(14) for th in THRESHOLDS))
        for k, row in sorted(table.items(), key=lambda kv: (-kv[1]["false"], kv[0])):
            if row["n"] < args.min:
                continue
            cells = "".join((f"{row[f'rm{th}']}/{row[f'ok{th}']}" + (f" {row[f'ok{th}'] / row[f'rm{th}']:.2f}"
                                                                   if row[f"rm{th}"] else "")).rjust(14)
                            for th in THRESHOLDS)
            print(k[:34].ljust(34) + str(row["n"]).rjust(6) + str(row["false"]).rjust(6) + cells)


if __name__ == "__main__":
    main()
